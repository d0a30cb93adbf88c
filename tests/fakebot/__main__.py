"""Run the fake Bot API standalone.

    cd tests && python -m fakebot --port 8081 --token 123:ABC [--no-limits] \
        [--private-chats 1..3000] [--channels -1001..-1005] \
        [--forward https://bot.example.com:8443=http://127.0.0.1:8443]

--forward PUBLIC=LOCAL (repeatable) is the fake's TLS-terminating proxy: a webhook set on
PUBLIC's host and port gets its updates POSTed to LOCAL, the path kept (Telegram only calls
https; tests and benchmarks cannot).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

from fakebot.server import FakeBotServer


def _id_list(spec: str) -> list[int]:
    """``1..3000`` (inclusive range), ``1,2,5`` or a mix: ``1..10,20``."""
    out: list[int] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if ".." in part:
            a, b = part.split("..", 1)
            lo, hi = sorted((int(a), int(b)))
            out.extend(range(lo, hi + 1))
        else:
            out.append(int(part))
    return out


def _forward(spec: str) -> tuple[str, str]:
    """``https://host:port=http://127.0.0.1:PORT``."""
    public, sep, local = spec.partition("=")
    if not sep or not public.startswith("https://") or not local.startswith("http://"):
        raise argparse.ArgumentTypeError("expected https://HOST:PORT=http://127.0.0.1:PORT")
    return public, local


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m fakebot", description=__doc__)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    p.add_argument("--token", default="123456:TEST-TOKEN")
    p.add_argument("--no-limits", action="store_true", help="disable the flood limits")
    p.add_argument("--private-chats", type=_id_list, default=[], metavar="IDS")
    p.add_argument(
        "--channels", type=_id_list, default=[], metavar="IDS", help="channels, bot is admin"
    )
    p.add_argument("--global-per-sec", type=float)
    p.add_argument("--private-per-sec", type=float)
    p.add_argument("--group-per-min", type=float)
    p.add_argument(
        "--forward",
        type=_forward,
        action="append",
        default=[],
        metavar="PUBLIC=LOCAL",
        help="deliver webhook POSTs for https://host:port to http://127.0.0.1:PORT",
    )
    p.add_argument("--log-size", type=int, default=20_000, help="requests kept for /_fake/requests")
    return p


async def serve(args: argparse.Namespace) -> None:
    server = FakeBotServer(
        token=args.token,
        host=args.host,
        port=args.port,
        limits=not args.no_limits,
        log_size=args.log_size,
    )
    server.set_limits(args.global_per_sec, args.private_per_sec, args.group_per_min)
    server.add_private_chats(args.private_chats)
    for public, local in args.forward:
        server.forward(public, local)
    for cid in args.channels:
        server.add_channel(cid, f"Channel {cid}")
    await server.start()
    print(f"fake Bot API on {server.base_url}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        import uvloop  # type: ignore[import-not-found]
    except ImportError:
        asyncio.run(serve(args))
    else:
        uvloop.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Fan-out benchmark: the fake Bot API and the bot as separate processes.

Scenarios (all by default; pick with --scenario):
  limit     one story to 3,000 readers against Telegram's limits (30/s, 1/s per chat); the
            fake server counts a strict one-second sliding window of arrivals
  commands  the same, while 50 of the readers send commands (/latest, /settings, /help,
            /search) at random moments of the fan-out: the replies share the global limit
  paid      allow_paid_broadcast with the server's limits off: 10,000 readers
  crash     kill -9 the bot at random moments of a 3,000-reader fan-out, restart, repeat
  stop      the same with SIGTERM (a clean stop): not one message may go out twice
Prints messages/s (first to last), 429s, p50/p99 latency from the story's arrival in the
store to its delivery, the bot's peak memory, lost and duplicated messages (and, with
commands, how long the readers waited for the replies).

    .venv/bin/python bench/fanout.py [--scenario limit|commands|paid|crash|stop] [--readers N]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-TOKEN"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@dataclass
class Figures:
    scenario: str
    readers: int
    delivered: int
    lost: int
    duplicated: int
    rate: float  # the story's messages a second, first to last
    rate_all: float  # all messages (replies to commands too) a second over the same span
    rate_429: int
    p50: float
    p99: float
    peak_mb: float
    seconds: float
    replies: list[float] | None = None  # seconds from each command to its reply

    def print(self) -> None:
        replies = ""
        if self.replies is not None:
            done = sorted(self.replies)
            replies = (
                f" | {len(done)} command replies, p50 {statistics.median(done):.2f} s, "
                f"max {done[-1]:.2f} s"
                if done
                else " | no command replies"
            )
        print(
            f"{self.scenario}: {self.readers:,} readers | {self.delivered:,} delivered in "
            f"{self.seconds:.1f} s | {self.rate:.1f} msg/s first-to-last ({self.rate_all:.1f} with "
            f"replies) | 429s: {self.rate_429} | "
            f"latency p50 {self.p50:.1f} s, p99 {self.p99:.1f} s | bot peak RSS "
            f"{self.peak_mb:.0f} MB | lost {self.lost} | duplicated {self.duplicated}{replies}",
            flush=True,
        )


class Bench:
    def __init__(
        self, workdir: Path, readers: int, *, limits: bool, paid: bool, paid_rate: float = 1000
    ) -> None:
        self.paid_rate = paid_rate
        self.workdir = workdir
        self.readers = readers
        self.limits = limits
        self.paid = paid
        self.port = free_port()
        self.db = workdir / "bench.db"
        self.fake: subprocess.Popen[bytes] | None = None
        self.bot: subprocess.Popen[bytes] | None = None
        self.peak_kb = 0
        self.commands: list[tuple[int, float]] = []  # (chat, when) of each command sent

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_fake(self) -> None:
        args = [
            PYTHON,
            "-m",
            "fakebot",
            "--port",
            str(self.port),
            "--token",
            TOKEN,
            "--private-chats",
            f"1..{self.readers}",
            "--log-size",
            "400000",
        ]
        if not self.limits:
            args.append("--no-limits")
        self.fake = subprocess.Popen(args, cwd=ROOT / "tests", stdout=subprocess.PIPE)
        assert self.fake.stdout is not None
        self.fake.stdout.readline()  # "fake Bot API on ..."

    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.api,
            "DATABASE_URL": f"sqlite:///{self.db}",
            "POLL_INTERVAL": "0.2",
            "LOG_LEVEL": "WARNING",
        }
        if self.paid:
            env.update(
                ALLOW_PAID_BROADCAST="true",
                SEND_CONCURRENCY="96",
                PAID_BROADCAST_RATE=str(self.paid_rate),
            )
        return env

    def seed(self) -> None:
        subprocess.run(
            [PYTHON, "-m", "bot", "migrate"], env=self.env(), check=True, capture_output=True
        )
        with sqlite3.connect(self.db) as conn:
            conn.executemany(
                "INSERT INTO readers (chat_id, language) VALUES (?, 'uk')",
                ((c,) for c in range(1, self.readers + 1)),
            )
            conn.executemany(
                "INSERT INTO subscriptions (chat_id, topic) VALUES (?, 'world')",
                ((c,) for c in range(1, self.readers + 1)),
            )

    def start_bot(self) -> None:
        log = open(self.workdir / "bot.log", "ab")  # noqa: SIM115 (kept open for the child)
        self.bot = subprocess.Popen(
            [PYTHON, "-m", "bot", "run"], env=self.env(), stdout=log, stderr=log
        )
        before = get_json(f"{self.api}/_fake/stats")["by_method"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = get_json(f"{self.api}/_fake/stats")["by_method"]
            # this process has asked getMe (its signal handlers are set) and polls
            if now.get("getMe", 0) > before.get("getMe", 0) and now.get("getUpdates"):
                return
            time.sleep(0.1)
        raise RuntimeError("the bot did not start; see bot.log")

    def sample_memory(self) -> None:
        if self.bot is None or self.bot.poll() is not None:
            return
        try:
            status = Path(f"/proc/{self.bot.pid}/status").read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                self.peak_kb = max(self.peak_kb, int(line.split()[1]))

    def insert_story(self) -> float:
        """Write the story as another program would; returns the arrival time."""
        with sqlite3.connect(self.db) as conn:
            conn.execute(
                "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, 'world')",
                (
                    f"https://bench.example.org/{time.time()}",
                    "Bench: one story for everyone",
                    "A lead of ordinary length, to be rendered once and sent to every reader.",
                ),
            )
        return time.time()

    def sends(self) -> list[dict[str, Any]]:
        return [
            r
            for r in get_json(f"{self.api}/_fake/requests?method=sendMessage&limit=400000")
            if r["status"] == 200
        ]

    def wait_delivered(
        self, timeout: float, *, actions: list[tuple[float, Callable[[], None]]] | None = None
    ) -> None:
        """Wait until every reader has the story; `actions` run at their offsets (seconds
        from now) meanwhile."""
        deadline = time.monotonic() + timeout
        due = sorted(actions or [], key=lambda a: a[0])
        started = time.monotonic()
        while time.monotonic() < deadline:
            self.sample_memory()
            while due and time.monotonic() - started >= due[0][0]:
                due.pop(0)[1]()
            done = get_json(f"{self.api}/_fake/stats")["by_method"].get("sendMessage", 0)
            if done >= self.readers and not due and self.pending() == 0:
                return
            time.sleep(0.05 if due else 0.2)
        raise RuntimeError(f"not delivered in {timeout:.0f} s ({self.pending()} pending)")

    def command(self, chat_id: int, text: str) -> None:
        """A reader writes a command to the bot (the reply is looked for in `figures`)."""
        body = json.dumps({"user_id": chat_id, "text": text, "language_code": "uk"}).encode()
        request = urllib.request.Request(
            f"{self.api}/_fake/update", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30):
            pass
        self.commands.append((chat_id, time.time()))

    def pending(self) -> int:
        with sqlite3.connect(self.db) as conn:
            row = conn.execute("SELECT count(*) FROM outbox WHERE state = 'pending'").fetchone()
        return int(row[0])

    def kill_and_restart(self, sig: signal.Signals = signal.SIGKILL) -> None:
        assert self.bot is not None
        os.kill(self.bot.pid, sig)
        self.bot.wait(timeout=30)
        done = get_json(f"{self.api}/_fake/stats")["by_method"].get("sendMessage", 0)
        how = "kill -9" if sig == signal.SIGKILL else sig.name
        print(f"  {how} after {done:,} sends; restarting", flush=True)
        self.start_bot()

    def figures(self, scenario: str, arrival: float) -> Figures:
        sends = self.sends()
        if os.environ.get("BENCH_DEBUG"):
            everything = get_json(f"{self.api}/_fake/requests?method=sendMessage&limit=400000")
            ok_times = sorted(r["time"] for r in everything if r["status"] == 200)
            for r in everything:
                if r["status"] == 429:
                    t = r["time"]
                    before = [x for x in ok_times if t - 1 < x <= t]
                    gaps = " ".join(f"{(b - a) * 1000:.0f}" for a, b in itertools.pairwise(before))
                    print(
                        f"  429 at +{t - arrival:.3f}s, {len(before)} sends in the second before"
                        f" (gaps in ms: {gaps})"
                    )
        # Every reader gets the same rendered story; anything else is a reply to a command.
        story = Counter(r["params"].get("text") for r in sends).most_common(1)[0][0]
        stories = [r for r in sends if r["params"].get("text") == story]
        per_chat = Counter(int(r["params"]["chat_id"]) for r in stories)
        times = sorted(r["time"] for r in stories)
        latencies = [t - arrival for t in times]
        stats = get_json(f"{self.api}/_fake/stats")
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        return Figures(
            scenario=scenario,
            readers=self.readers,
            delivered=len(per_chat),
            lost=self.readers - len(per_chat),
            duplicated=sum(n - 1 for n in per_chat.values()),
            rate=(len(times) - 1) / span if span else 0.0,
            rate_all=(sum(1 for r in sends if times[0] <= r["time"] <= times[-1]) - 1) / span
            if span
            else 0.0,
            rate_429=int(stats["429"]),
            p50=statistics.median(latencies) if latencies else 0.0,
            p99=latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0,
            peak_mb=self.peak_kb / 1024,
            seconds=(times[-1] - arrival) if times else 0.0,
            replies=self.reply_waits(sends, story) if self.commands else None,
        )

    def reply_waits(self, sends: list[dict[str, Any]], story: str) -> list[float]:
        """Seconds from each command to the first other message its chat got after it."""
        waits = []
        for chat_id, when in self.commands:
            answers = [
                r["time"]
                for r in sends
                if int(r["params"]["chat_id"]) == chat_id
                and r["params"].get("text") != story
                and r["time"] >= when
            ]
            if answers:
                waits.append(min(answers) - when)
        return waits

    def stop(self) -> None:
        for proc in (self.bot, self.fake):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()


COMMANDS = ("/latest", "/settings", "/help", "/search bench")


def run(scenario: str, readers: int, kills: int, paid_rate: float) -> Figures:
    limits = scenario != "paid"
    with tempfile.TemporaryDirectory() as tmp:
        bench = Bench(
            Path(tmp), readers, limits=limits, paid=scenario == "paid", paid_rate=paid_rate
        )
        try:
            bench.start_fake()
            bench.seed()
            bench.start_bot()
            arrival = bench.insert_story()
            expected = readers / (1000 if scenario == "paid" else 30)
            rng = random.Random(7)
            actions: list[tuple[float, Callable[[], None]]] = []
            if scenario in ("crash", "stop"):
                sig = signal.SIGKILL if scenario == "crash" else signal.SIGTERM
                for _ in range(kills):
                    at = rng.uniform(0.1, 0.9) * expected
                    actions.append((at, lambda s=sig: bench.kill_and_restart(s)))
            if scenario == "commands":
                for chat_id in rng.sample(range(1, readers + 1), min(50, readers)):
                    text = rng.choice(COMMANDS)
                    at = rng.uniform(0.05, 0.9) * expected
                    actions.append((at, lambda c=chat_id, t=text: bench.command(c, t)))
            bench.wait_delivered(expected * 3 + 60, actions=actions)
            return bench.figures(scenario, arrival)
        finally:
            bench.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--scenario", choices=["limit", "commands", "paid", "crash", "stop", "all"], default="all"
    )
    parser.add_argument("--readers", type=int, help="default 3,000 (10,000 for paid)")
    parser.add_argument(
        "--kills", type=int, default=3, help="kill -9 / SIGTERM count in the crash and stop runs"
    )
    parser.add_argument(
        "--paid-rate",
        type=float,
        default=2000,
        help="PAID_BROADCAST_RATE for the paid run: above Telegram's 1,000 so that the figure "
        "is the sender's own capacity, not the limiter's pace (default 2000)",
    )
    args = parser.parse_args()
    scenarios = (
        ["limit", "commands", "paid", "crash", "stop"]
        if args.scenario == "all"
        else [args.scenario]
    )
    ok = True
    for scenario in scenarios:
        readers = args.readers or (10_000 if scenario == "paid" else 3_000)
        figures = run(scenario, readers, args.kills, args.paid_rate)
        figures.print()
        if scenario in ("limit", "commands"):  # every message counts, replies too
            ok &= figures.rate_all >= 29 and figures.rate_429 <= 3
        elif scenario == "paid":
            ok &= figures.rate >= 1000
        ok &= figures.lost == 0
        if scenario == "commands":
            ok &= len(figures.replies or []) == min(50, readers)  # every command answered
        if scenario != "crash":
            ok &= figures.duplicated == 0
    print("fanout: " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

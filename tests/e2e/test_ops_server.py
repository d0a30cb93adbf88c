"""bot.ops.server on its own: the webhook's secret and body checks, /healthz, /metrics."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from fakebot.fixtures import TEST_TOKEN
from fakebot.server import FakeBotServer
from harness import bot_process, free_port

from bot.ops import metrics
from bot.ops.server import SECRET_HEADER, Health, OpsServer, Webhook

SECRET = "s3cret-_token"
UPDATE = {"update_id": 1, "message": {"message_id": 1, "date": 0, "chat": {"id": 1}}}


class Sink:
    """Stands in for the Application: records what it is given."""

    def __init__(self) -> None:
        self.got: list[dict[str, Any]] = []
        self.taking = True
        self.health = Health(ok=True, lines=["ok test leader"])

    async def __call__(self, data: dict[str, Any]) -> bool:
        if self.taking:
            self.got.append(data)
        return self.taking

    async def check(self) -> Health:
        return self.health


@pytest_asyncio.fixture
async def served() -> AsyncIterator[tuple[OpsServer, Sink]]:
    sink = Sink()
    server = OpsServer("127.0.0.1", 0, health=sink.check, webhook=Webhook("/tg/hook", SECRET, sink))
    await server.start()
    try:
        yield server, sink
    finally:
        await server.stop()


async def request(
    server: OpsServer, method: str, path: str, **kw: Any
) -> tuple[int, str, dict[str, str]]:
    url = f"http://127.0.0.1:{server.port}{path}"
    async with aiohttp.ClientSession() as s, s.request(method, url, **kw) as r:
        return r.status, await r.text(), dict(r.headers)


@pytest.mark.parametrize(
    "headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: SECRET + "x"}, {SECRET_HEADER: ""}]
)
async def test_a_post_without_the_secret_is_refused(
    served: tuple[OpsServer, Sink], headers: dict[str, str]
) -> None:
    server, sink = served
    status, _, _ = await request(server, "POST", "/tg/hook", json=UPDATE, headers=headers)
    assert status == 403 and sink.got == []


async def test_bad_bodies_are_400_and_good_ones_reach_the_application(
    served: tuple[OpsServer, Sink],
) -> None:
    server, sink = served
    ok = {SECRET_HEADER: SECRET}
    for body in (b"{not json", b"[1, 2]", b'"text"'):
        status, _, _ = await request(server, "POST", "/tg/hook", data=body, headers=ok)
        assert status == 400
    assert sink.got == []
    status, _, _ = await request(server, "POST", "/tg/hook", json=UPDATE, headers=ok)
    assert status == 200 and sink.got == [UPDATE]
    sink.taking = False  # stopping: Telegram is asked to try again
    status, _, _ = await request(server, "POST", "/tg/hook", json=UPDATE, headers=ok)
    assert status == 503
    status, _, _ = await request(server, "POST", "/other", json=UPDATE, headers=ok)
    assert status == 404


@pytest.mark.parametrize(
    "update_id", [-1, 0, -(2**63), 2**63, 2**64, 10**30, None, "5", 5.0, True, [5]]
)
async def test_an_update_id_telegram_never_sends_is_a_400_and_goes_nowhere(
    served: tuple[OpsServer, Sink], caplog: pytest.LogCaptureFixture, update_id: object
) -> None:
    """Telegram's update_id is a positive integer: a forged one (negative, 0, past 64 bits,
    not a number, missing) is refused before the Application (and its record of updates
    seen) gets it, in one log line."""
    server, sink = served
    body = {**UPDATE, "update_id": update_id} if update_id is not None else {"message": {}}
    with caplog.at_level(logging.INFO):
        status, text, _ = await request(
            server, "POST", "/tg/hook", json=body, headers={SECRET_HEADER: SECRET}
        )
    assert (status, text) == (400, "update_id is not a positive integer") and sink.got == []
    [line] = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert line.startswith("refused a webhook request from 127.0.0.1: update_id ")
    status, _, _ = await request(
        server,
        "POST",
        "/tg/hook",
        json={**UPDATE, "update_id": 2**63 - 1},
        headers={SECRET_HEADER: SECRET},
    )
    assert status == 200 and [u["update_id"] for u in sink.got] == [2**63 - 1]


async def test_json_nested_too_deeply_is_a_400_and_one_log_line(
    served: tuple[OpsServer, Sink], caplog: pytest.LogCaptureFixture
) -> None:
    """Nesting deeper than the JSON parser goes (a RecursionError) is malformed JSON too."""
    server, sink = served
    body = b'{"update_id":1,"message":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with caplog.at_level(logging.INFO):
        status, text, _ = await request(
            server, "POST", "/tg/hook", data=body, headers={SECRET_HEADER: SECRET}
        )
    assert (status, text) == (400, "JSON nested too deeply") and sink.got == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        "refused a webhook request from 127.0.0.1: JSON nested too deeply"
    ]
    assert all(r.exc_info is None for r in caplog.records)


async def test_healthz_reflects_the_health_check(served: tuple[OpsServer, Sink]) -> None:
    server, sink = served
    assert (await request(server, "GET", "/healthz"))[:2] == (200, "ok test leader\n")
    sink.health = Health(ok=False, lines=["PROBLEM: sender: nothing sent for 6 min"])
    status, body, _ = await request(server, "GET", "/healthz")
    assert status == 503 and "sender: nothing sent" in body

    async def broken() -> Health:
        raise OSError("store gone")

    server.health = broken
    status, body, _ = await request(server, "GET", "/healthz")
    assert status == 503 and "health check failed: OSError" in body


async def test_metrics_serves_the_registry(served: tuple[OpsServer, Sink]) -> None:
    server, _ = served
    metrics.SENT.labels("channel").inc(0)
    status, body, headers = await request(server, "GET", "/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    assert "newsbot_messages_sent_total" in body and "newsbot_outbox_backlog" in body


async def test_without_a_webhook_there_is_no_post_route() -> None:
    sink = Sink()
    server = OpsServer("127.0.0.1", 0, health=sink.check)
    await server.start()
    try:
        status, _, _ = await request(
            server, "POST", "/tg/hook", json=UPDATE, headers={SECRET_HEADER: SECRET}
        )
        assert status in (404, 405) and sink.got == []
        assert (await request(server, "GET", "/healthz"))[0] == 200
    finally:
        await server.stop()


@pytest.mark.parametrize(
    ("settings", "reason"),
    [
        (
            {"WEBHOOK_LISTEN": "127.0.0.1", "WEBHOOK_PORT": "{busy}"},
            "WEBHOOK_PORT {busy} is in use",
        ),
        (
            {"WEBHOOK_LISTEN": "nosuchhost.invalid"},
            "WEBHOOK_LISTEN nosuchhost.invalid: no such host",
        ),
        ({"METRICS_PORT": "{busy}", "WEBHOOK_URL": ""}, "METRICS_PORT {busy} is in use"),
    ],
)
async def test_run_that_cannot_listen_ends_in_one_line_naming_the_setting(
    tmp_path: Path, settings: dict[str, str], reason: str
) -> None:
    """`newsbot run` (webhook mode, or polling with METRICS_PORT) whose server cannot listen:
    one line saying which setting and why, exit 2 (an OSError traceback before)."""
    api = free_port()
    fake = FakeBotServer(token=TEST_TOKEN, port=api)
    await fake.start()
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = str(busy.getsockname()[1])
        env = {
            **os.environ,
            "BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_URL": f"http://127.0.0.1:{api}",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'news.db'}",
            "WEBHOOK_URL": "https://bot.example.org/hook",
            "WEBHOOK_SECRET": SECRET,
            **{key: value.format(busy=taken) for key, value in settings.items()},
        }
        try:
            proc = await bot_process(env, log=True)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            await fake.stop()
    log = err.decode()
    assert proc.returncode == 2, log
    assert log.splitlines()[-1].startswith("newsbot: " + reason.format(busy=taken)), log
    assert "Traceback" not in log and " ERROR " not in log and "Unclosed" not in log, log

"""Background loops outlive a failing store, and a lease holder that stalled sends nothing.

A PostgreSQL outage of two seconds stopped the sender, the lease renewal and the standby's
wait for good: both instances stayed up, sending nothing, and the standby never took over.
A holder suspended past its lease sent once more after another instance had taken over.
"""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import ArticleFactory

import bot.runtime
from bot.config import Settings
from bot.delivery.transport import PrintTransport
from bot.logs import FailureLog
from bot.render import Renderer
from bot.runtime import Runtime
from bot.telegram.context import RUNTIME_KEY
from bot.telegram.errors import make_error_handler


def settings_for(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{tmp_path / 'rt.db'}",
    )


async def runtime_for(tmp_path: Path) -> tuple[Runtime, io.StringIO]:
    out = io.StringIO()
    runtime = await Runtime.create(
        settings_for(tmp_path), PrintTransport(Renderer(None), out=out), dry_run=True
    )
    return runtime, out


async def test_a_failing_loop_is_started_again_and_named_by_health_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.runtime, "RESTART_PAUSES", (0.01,))
    runtime, _ = await runtime_for(tmp_path)
    runs: list[int] = []
    running = asyncio.Event()

    async def flaky() -> None:
        runs.append(1)
        if len(runs) <= 2:
            raise ConnectionError("the store is out of reach")
        running.set()
        await asyncio.Event().wait()

    try:
        runtime._spawn("probe", flaky)
        await asyncio.wait_for(running.wait(), 5)
        assert len(runs) == 3 and "probe" in runtime.loops
        health = await runtime.health()
        assert not health.ok
        assert "PROBLEM: background task probe failing" in "\n".join(health.lines)
    finally:
        await runtime.stop()


async def test_the_sender_goes_on_after_the_store_failed_under_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_article: ArticleFactory
) -> None:
    runtime, out = await runtime_for(tmp_path)
    store = runtime.store
    real_due = store.outbox.due
    failures = 3

    async def due(*args: object, **kwargs: object) -> object:
        nonlocal failures
        if failures:
            failures -= 1
            raise ConnectionError("connection to the store lost")
        return await real_due(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store.outbox, "due", due)
    try:
        await store.channels.add(-1001)
        await store.articles.upsert(make_article(title="After the outage"))
        await runtime.poller.poll_once()
        task = asyncio.create_task(runtime.sender.run(tick=0.05))
        for _ in range(100):
            if "After the outage" in out.getvalue():
                break
            await asyncio.sleep(0.05)
        assert failures == 0 and not task.done()
        assert "After the outage" in out.getvalue()
        task.cancel()
    finally:
        await runtime.stop()


async def test_a_holder_stalled_past_its_lease_sends_nothing_until_it_renews_it(
    tmp_path: Path, make_article: ArticleFactory
) -> None:
    runtime, out = await runtime_for(tmp_path)
    store = runtime.store
    try:
        await runtime.take_lease()
        assert runtime.holds_lease()
        await store.channels.add(-1001)
        await store.articles.upsert(make_article(title="Sent by one holder only"))
        await runtime.poller.poll_once()
        # the process was suspended for a minute: its lease may be another's by now
        clock = runtime._clock
        runtime._clock = lambda: clock() + 60
        assert not runtime.holds_lease()
        assert await runtime.sender.dispatch_once() == 0
        await asyncio.sleep(0.1)
        assert "Sent by one holder only" not in out.getvalue()
        # renewed (the store says it is still ours): sending goes on
        runtime._leased(runtime._clock())
        assert runtime.holds_lease()
        assert await runtime.sender.dispatch_once() == 1
        for _ in range(40):
            if "Sent by one holder only" in out.getvalue():
                break
            await asyncio.sleep(0.05)
        assert "Sent by one holder only" in out.getvalue()
    finally:
        await runtime.stop()


async def test_an_error_is_reported_to_admins_while_the_store_is_out_of_reach(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's language comes from the store; when the store fails too, the report goes
    in English (it raised inside the error handler: "an uncaught error was raised while
    handling the error")."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{tmp_path / 'err.db'}",
        admin_ids="7",
    )
    runtime = await Runtime.create(settings, PrintTransport(Renderer(None)), dry_run=True)
    sent: list[tuple[int, str]] = []

    class Bot:
        async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
            sent.append((chat_id, text))

    async def out_of_reach(chat_id: int) -> str:
        raise ConnectionError("the store is out of reach")

    monkeypatch.setattr(runtime.store.readers, "language_of", out_of_reach)
    try:
        context = SimpleNamespace(
            error=ConnectionError("the store is out of reach"),
            application=SimpleNamespace(bot_data={RUNTIME_KEY: runtime}),
            bot=Bot(),
        )
        await make_error_handler()(None, context)  # type: ignore[arg-type]
        report = "⚠️ Error while handling a background job: ConnectionError: the store is"
        assert sent == [(7, f"{report} out of reach")]
    finally:
        await runtime.stop()


def test_failures_in_a_row_log_one_traceback_then_a_line_each(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A loop failing every second while the store is away: one traceback, not one a second
    (1,900 lines of tracebacks in 20 s), and a line when it works again."""
    failures = FailureLog(logging.getLogger("probe"), "poll")
    with caplog.at_level(logging.WARNING, logger="probe"):
        for n in range(3):
            try:
                raise ConnectionError(f"store away\n(try {n})")
            except ConnectionError as exc:
                failures.failed(exc)
        failures.worked()
        failures.worked()
    lines = [(r.getMessage(), r.exc_info is not None) for r in caplog.records]
    assert lines == [
        ("poll failed", True),
        ("poll failed again (2 in a row): ConnectionError: store away (try 1)", False),
        ("poll failed again (3 in a row): ConnectionError: store away (try 2)", False),
        ("poll works again after 3 failures", False),
    ]

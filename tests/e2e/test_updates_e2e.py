"""Updates python-telegram-bot cannot read, and getUpdates failing: the real Application
long-polling the fake Bot API. Before bot.telegram.updates, one unreadable update made the
Updater fetch the same batch again hundreds of times a second (a few MB of log a second) and
every later command went unanswered."""

from __future__ import annotations

import asyncio
import json
import logging
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.config import Settings
from bot.models import utcnow
from bot.ops.health import health_report
from bot.store.store import Store
from bot.telegram.registry import ALLOWED_UPDATES
from bot.telegram.updates import parse_updates

ADMIN, READER = 9001, 4002
MARKER = "PRIVATE-BODY-TEXT"


def unreadable(kind: int) -> dict[str, Any]:
    """Updates python-telegram-bot 22.8 fails to parse (each raises TypeError in de_json)."""
    chat = {"id": 4001, "type": "private"}
    message: dict[str, Any] = {"message_id": kind, "date": 1, "chat": chat, "text": MARKER}
    if kind == 1:
        message["from"] = {"id": 4001}  # a user without first_name / is_bot
    elif kind == 2:
        message["date"] = "yesterday"
    else:
        message["entities"] = [{"type": "bold", "offset": 0}]  # no length
    return {"message": message}


@pytest.fixture
def settings(fake_bot: FakeBotServer, db_path: str) -> Settings:
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), watchdog_interval=3600
    )


@pytest.fixture
async def bot(settings: Settings, fake_bot: FakeBotServer) -> AsyncIterator[RunningBot]:
    fake_bot.add_private_chat(ADMIN, "Admin")
    running = RunningBot(settings)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


def admin_texts(fake: FakeBotServer) -> list[str]:
    return [m.text or "" for m in fake.messages(ADMIN)]


async def status(db_path: str) -> tuple[bool, list[str]]:
    """What `newsbot status` reports, from a connection of its own (another process)."""
    async with Store(db_path) as other:
        report = await health_report(other, now=utcnow())
    return report.ok, report.lines


async def test_unreadable_updates_are_skipped_the_next_command_answered_and_reported(
    bot: RunningBot,
    fake_bot: FakeBotServer,
    db_path: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    await asyncio.sleep(0.2)
    polls_before = len(fake_bot.requests_for("getUpdates"))
    bad_ids = [fake_bot.inject_update(unreadable(kind))["update_id"] for kind in (1, 2, 3)]
    fake_bot.inject_message(READER, "/help")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(READER)) >= 1, 5)
    await asyncio.sleep(1.0)  # a spinning Updater would poll hundreds of times meanwhile
    polls = len(fake_bot.requests_for("getUpdates")) - polls_before
    assert polls <= 10, f"{polls} getUpdates calls"
    assert fake_bot.pending_updates == []  # confirmed: Telegram will not send them again

    warnings = [r for r in caplog.records if r.name == "bot.telegram.updates"]
    assert [r.levelno for r in warnings] == [logging.WARNING] * 3
    for record, update_id in zip(warnings, bad_ids, strict=True):
        line = record.getMessage()
        assert str(update_id) in line and "TypeError" in line and "\n" not in line
    assert MARKER not in caplog.text  # the update's body is not logged
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]

    # the watchdog tells the admin once...
    watchdog = bot.runtime.watchdog
    assert watchdog is not None
    for _ in range(2):
        await watchdog.check_once()
    await fake_bot.wait_for(lambda _: any("could not be read" in t for t in admin_texts(fake_bot)))
    assert f"update {bad_ids[-1]}" in admin_texts(fake_bot)[-1]
    assert sum("could not be read" in t for t in admin_texts(fake_bot)) == 1
    # ...and `newsbot status` says so
    ok, lines = await status(db_path)
    assert not ok
    assert "telegram updates: 3 unreadable in the last 15 min (3 in all)" in lines
    assert any(line.startswith("PROBLEM: telegram: 3 updates could not be read") for line in lines)

    # 15 minutes later they are out of the window: recovered
    decision = await watchdog.check_once(utcnow() + timedelta(minutes=16))
    assert [p.key for p in decision.recovered] == ["updates"]
    await fake_bot.wait_for(
        lambda _: "Telegram updates are read again" in admin_texts(fake_bot)[-1]
    )


async def test_getupdates_asks_only_for_the_handled_update_types(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.inject_message(READER, "/help")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(READER)) >= 1, 5)
    polls = fake_bot.requests_for("getUpdates")
    assert polls
    for record in polls:
        assert record.params.get("allowed_updates") in (
            list(ALLOWED_UPDATES),
            json.dumps(list(ALLOWED_UPDATES)),
        ), record.params


async def test_failing_getupdates_backs_off_and_is_reported_until_it_works_again(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    watchdog = bot.runtime.watchdog
    assert watchdog is not None
    await asyncio.sleep(0.2)
    polls_before = len(fake_bot.requests_for("getUpdates"))
    fake_bot.fail_next(2, 502, description="Bad Gateway", methods=["getUpdates"])
    fake_bot.inject_message(READER, "/help")  # ends the long poll under way: the next two fail

    async def failures() -> int:
        failing = await store.updates.polling_failure()
        return failing.attempts if failing else 0

    for _ in range(50):
        if await failures() >= 2:
            break
        await asyncio.sleep(0.1)
    assert await failures() == 2
    decision = await watchdog.check_once(utcnow() + timedelta(minutes=6))
    assert [p.key for p in decision.raised] == ["polling"]
    assert "Bad Gateway" in decision.raised[0].line
    await fake_bot.wait_for(
        lambda _: any("Receiving updates from Telegram" in t for t in admin_texts(fake_bot))
    )

    # it waits 1 s, then 1.5 s, then gets the next command through
    fake_bot.inject_message(READER, "/help")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(READER)) >= 2, 6)
    assert len(fake_bot.requests_for("getUpdates")) - polls_before <= 5
    assert await store.updates.polling_failure() is None
    decision = await watchdog.check_once()
    assert [p.key for p in decision.recovered] == ["polling"]


def test_parse_updates_skips_what_it_cannot_read_and_keeps_the_offset_moving() -> None:
    good = {
        "update_id": 11,
        "message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}},
    }
    bad = {"update_id": 12, **unreadable(2)}
    parsed = parse_updates([good, bad], None)
    assert [u.update_id for u in parsed.updates] == [11, 12]
    assert parsed.updates[1].message is None  # an empty stand-in no handler matches
    assert [i for i, _ in parsed.bad] == [12]
    parsed = parse_updates([{**bad, "update_id": 10}, good, "junk"], None)
    assert [u.update_id for u in parsed.updates] == [11]  # no stand-in needed before a good one
    assert [i for i, _ in parsed.bad] == [10, None]


def test_parse_updates_raises_a_telegram_error_on_a_malformed_answer() -> None:
    from telegram.error import TelegramError

    with pytest.raises(TelegramError):
        parse_updates({"not": "a list"}, None)


def test_status_cli_reports_unreadable_updates(
    tmp_path: Any, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.cli import main

    db = tmp_path / "status.db"
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.delenv("BOT_TOKEN", raising=False)

    async def record() -> None:
        async with Store(str(db)) as store:
            for update_id in (7, 8, 9):
                await store.updates.record_bad(utcnow(), update_id, "TypeError: bad date")

    asyncio.run(record())
    code = main(["status"])
    out = capsys.readouterr().out
    assert code == 1
    assert "PROBLEM: telegram: 3 updates could not be read in 15 min" in out
    assert "update 9, TypeError: bad date" in out
    assert os.path.exists(db)


def test_run_asks_telegram_only_for_the_update_types_the_handlers_answer(
    fake_bot: FakeBotServer, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from telegram.ext import (
        Application,
        CallbackQueryHandler,
        ChosenInlineResultHandler,
        CommandHandler,
        InlineQueryHandler,
        MessageHandler,
    )

    from bot.app import build_application, run

    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path)
    seen: dict[str, Any] = {}
    monkeypatch.setattr(Application, "run_polling", lambda self, **kw: seen.update(kw))
    run(settings)
    assert seen["allowed_updates"] == list(ALLOWED_UPDATES)

    kinds = {
        CommandHandler: "message",
        MessageHandler: "message",
        CallbackQueryHandler: "callback_query",
        InlineQueryHandler: "inline_query",
        ChosenInlineResultHandler: "chosen_inline_result",
    }
    app = build_application(settings)
    handled = {kinds[type(h)] for group in app.handlers.values() for h in group}
    assert handled == set(ALLOWED_UPDATES)

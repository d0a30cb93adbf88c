"""Webhook mode end to end: the real Application behind bot.ops.server, the fake Bot API
pushing updates to it (through its forward map, as a TLS-terminating proxy would), instance
roles on one store, and the way back to long polling."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
from fakebot.server import FakeBotServer
from harness import RunningBot, bot_process, free_port, make_settings

from bot.config import Settings
from bot.models import ArticleIn, to_iso, utcnow
from bot.ops.server import SECRET_HEADER
from bot.runtime import LEASE_TTL, RENEW_EVERY, STANDBY_RETRY
from bot.store.lease import LEASE_KEY
from bot.store.store import Store
from bot.telegram.registry import ALLOWED_UPDATES

SECRET = "Webhook_secret-42"
PUBLIC = "https://news.example.org:8443"
TIMEOUT = 10.0
ALICE, BOHDAN = 2001, 2002
LEADER_LOOPS = {"poller", "sender", "digests", "housekeeping", "broadcast-progress"}


def webhook_settings(
    fake: FakeBotServer, db_path: str, *, public: str = PUBLIC, **overrides: Any
) -> Settings:
    """A bot in webhook mode on a free local port that the fake forwards `public` to."""
    port = free_port()
    fake.forward(public, f"http://127.0.0.1:{port}")
    fake.set_limits(private_per_sec=100, private_burst=100)
    values: dict[str, Any] = {
        "webhook_url": f"{public}/telegram/hook",
        "webhook_secret": SECRET,
        "webhook_listen": "127.0.0.1",
        "webhook_port": port,
        "instance_name": f"test-{port}",
    }
    values.update(overrides)
    return make_settings(fake.base_url, fake.token, db_path, **values)


async def say(fake: FakeBotServer, user: int, text: str) -> str:
    """`user` sends `text`; the bot's reply."""
    before = len(fake.messages(user))
    fake.inject_message(user, text)
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before].content


async def get(settings: Settings, path: str) -> tuple[int, str]:
    url = f"http://127.0.0.1:{settings.webhook_port}{path}"
    async with aiohttp.ClientSession() as s, s.get(url) as r:
        return r.status, await r.text()


async def until(predicate: Any, timeout: float = TIMEOUT) -> None:
    for _ in range(int(timeout / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met")


async def test_a_webhook_bot_answers_start_and_help(fake_bot: FakeBotServer, db_path: str) -> None:
    settings = webhook_settings(fake_bot, db_path)
    bot = await RunningBot(settings).start()
    try:
        hook = fake_bot.webhook
        assert hook is not None and hook.url == f"{PUBLIC}/telegram/hook"
        assert hook.secret == SECRET and hook.allowed_updates == list(ALLOWED_UPDATES)
        assert "Welcome" in await say(fake_bot, ALICE, "/start")
        assert "What I can do" in await say(fake_bot, ALICE, "/help")
        assert await bot.runtime.store.readers.get(ALICE) is not None
    finally:
        await bot.stop()
    assert fake_bot.requests_for("getUpdates") == []
    assert [p.status for p in fake_bot.pushes] == [200, 200]
    assert [(r.method, r.description) for r in fake_bot.rejections] == []


async def test_a_post_without_the_secret_runs_no_handler(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    settings = webhook_settings(fake_bot, db_path)
    bot = await RunningBot(settings).start()
    url = f"http://127.0.0.1:{settings.webhook_port}/telegram/hook"
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": BOHDAN, "type": "private", "first_name": "B"},
            "from": {"id": BOHDAN, "is_bot": False, "first_name": "B"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    try:
        async with aiohttp.ClientSession() as s:
            for headers in ({}, {SECRET_HEADER: "guess"}):
                async with s.post(url, json=update, headers=headers) as r:
                    assert r.status == 403
        # through Telegram too: a webhook set with another secret is refused on every push
        async with (
            aiohttp.ClientSession() as s,
            s.post(
                f"{fake_bot.base_url}/bot{fake_bot.token}/setWebhook",
                json={"url": settings.webhook_url, "secret_token": "not_ours"},
            ) as r,
        ):
            assert r.status == 200
        fake_bot.inject_message(BOHDAN, "/start")
        await until(lambda: len(fake_bot.pushes) >= 2)
        await asyncio.sleep(0.5)
        hook = fake_bot.webhook
        assert hook is not None
        assert hook.last_error_message == "Wrong response from the webhook: 403 Forbidden"
        assert fake_bot.messages(BOHDAN) == []
        assert await bot.runtime.store.readers.get(BOHDAN) is None
    finally:
        await bot.stop()


async def test_an_update_pushed_twice_is_handled_once_by_the_fleet(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """One update handed to two instances (a proxy retrying on the other one), or pushed
    again to one: answered once (three "Latest stories" replies before; a topic button
    pressed "twice" toggled back)."""
    fake_bot.add_private_chats([BOHDAN])
    first = await RunningBot(webhook_settings(fake_bot, db_path)).start()
    other = "https://second.example.org:443"
    second = await RunningBot(webhook_settings(fake_bot, db_path, public=other)).start()
    secret = {SECRET_HEADER: SECRET}
    update = {
        "update_id": 990001,
        "message": {
            "message_id": 5,
            "date": 0,
            "chat": {"id": BOHDAN, "type": "private", "first_name": "B"},
            "from": {"id": BOHDAN, "is_bot": False, "first_name": "B", "language_code": "en"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    try:
        async with aiohttp.ClientSession() as s:
            for bot in (first, second, first):
                url = f"http://127.0.0.1:{bot.settings.webhook_port}/telegram/hook"
                async with s.post(url, json=update, headers=secret) as r:
                    assert r.status == 200
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(BOHDAN)) >= 1, TIMEOUT)
        await asyncio.sleep(1.0)
        assert len(fake_bot.messages(BOHDAN)) == 1
        # a new update of the same chat is answered as usual
        update["update_id"] = 990002
        async with aiohttp.ClientSession() as s:
            url = f"http://127.0.0.1:{second.settings.webhook_port}/telegram/hook"
            async with s.post(url, json=update, headers=secret) as r:
                assert r.status == 200
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(BOHDAN)) == 2, TIMEOUT)
    finally:
        await first.stop()
        await second.stop()


async def test_a_forged_update_id_is_refused_and_leaves_dedup_alone(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """An update_id Telegram never sends (negative, 0, past 2^63) got through the secret
    check: a negative one was recorded in seen_updates and handled, one past 64 bits failed
    in the store (500, and Telegram-style retries). Now each is a 400, runs no handler and
    records nothing; the real updates that follow are handled and deduplicated as before."""
    fake_bot.add_private_chats([BOHDAN])
    bot = await RunningBot(webhook_settings(fake_bot, db_path)).start()
    url = f"http://127.0.0.1:{bot.settings.webhook_port}/telegram/hook"
    secret = {SECRET_HEADER: SECRET}
    update: dict[str, Any] = {
        "message": {
            "message_id": 5,
            "date": 0,
            "chat": {"id": BOHDAN, "type": "private", "first_name": "B"},
            "from": {"id": BOHDAN, "is_bot": False, "first_name": "B", "language_code": "en"},
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }
    store = bot.runtime.store
    try:
        async with aiohttp.ClientSession() as s:
            for forged in (-990003, 0, 2**63, 2**64 + 5):
                async with s.post(url, json={**update, "update_id": forged}, headers=secret) as r:
                    assert (r.status, await r.text()) == (
                        400,
                        "update_id is not a positive integer",
                    )
            await asyncio.sleep(0.5)
            assert fake_bot.messages(BOHDAN) == []
            assert await store.db.fetchall("SELECT update_id FROM seen_updates") == []
            for _ in range(2):  # a real one, pushed twice: handled once
                async with s.post(url, json={**update, "update_id": 990003}, headers=secret) as r:
                    assert r.status == 200
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(BOHDAN)) >= 1, TIMEOUT)
        await asyncio.sleep(0.5)
        assert len(fake_bot.messages(BOHDAN)) == 1
        rows = await store.db.fetchall("SELECT update_id FROM seen_updates")
        assert [row["update_id"] for row in rows] == [990003]
    finally:
        await bot.stop()


async def test_healthz_and_metrics_on_the_webhook_port(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    settings = webhook_settings(fake_bot, db_path)
    bot = await RunningBot(settings).start()
    try:
        await until(lambda: bot.runtime.leader)
        assert await get(settings, "/healthz") == (200, f"ok {settings.instance_name} leader\n")
        status, body = await get(settings, "/metrics")
        assert status == 200 and "newsbot_outbox_backlog" in body
        await bot.runtime.store.updates.record_polling_failed(
            utcnow() - timedelta(minutes=10), "Conflict"
        )
        status, body = await get(settings, "/healthz")
        assert status == 503 and "getUpdates failing for 10 min" in body
    finally:
        await bot.stop()


async def test_switching_from_webhook_to_polling_needs_no_manual_step(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    settings = webhook_settings(fake_bot, db_path)
    bot = await RunningBot(settings).start()
    assert "Welcome" in await say(fake_bot, ALICE, "/start")
    await bot.stop()
    assert fake_bot.webhook is not None  # Telegram keeps it after the bot stops
    fake_bot.inject_message(ALICE, "/help")  # waits at Telegram meanwhile
    polling = RunningBot(make_settings(fake_bot.base_url, fake_bot.token, db_path))
    await polling.start()
    try:
        assert fake_bot.webhook is None
        assert [r.status for r in fake_bot.requests_for("deleteWebhook")] == [200]
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(ALICE)) == 2, TIMEOUT)
        assert "What I can do" in fake_bot.messages(ALICE)[1].content
        assert "Hello again" in await say(fake_bot, ALICE, "/start")
    finally:
        await polling.stop()
    assert [(r.method, r.description) for r in fake_bot.rejections] == []


async def test_a_standby_answers_commands_while_only_the_holder_sends(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    channel = -1007
    fake_bot.add_channel(channel, "News")
    holder = await RunningBot(webhook_settings(fake_bot, db_path)).start()
    standby: RunningBot | None = None
    try:
        await until(lambda: holder.runtime.leader)
        await holder.runtime.store.channels.add(channel)
        # the second instance's setWebhook comes last: Telegram now calls it
        other = "https://standby.example.org:443"
        standby = await RunningBot(webhook_settings(fake_bot, db_path, public=other)).start()
        assert "Welcome" in await say(fake_bot, ALICE, "/start")
        assert {p.url for p in fake_bot.pushes} == {f"{other}/telegram/hook"}
        assert not standby.runtime.leader
        assert set(standby.runtime.loops) == {"fetcher", "lease-wait"}
        assert set(holder.runtime.loops) >= LEADER_LOOPS and "fetcher" in holder.runtime.loops
        status, body = await get(standby.settings, "/healthz")
        assert (status, body.split()[-1]) == (200, "standby")
        await standby.runtime.store.articles.upsert(
            ArticleIn(url="https://x.example/1", title="One", published_at=utcnow())
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 1, TIMEOUT)
        await holder.stop()  # a clean stop gives the lease back: the standby takes over
        await until(lambda: standby is not None and standby.runtime.leader, 5)
        await standby.runtime.store.articles.upsert(
            ArticleIn(url="https://x.example/2", title="Two", published_at=utcnow())
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 2, TIMEOUT)
        await asyncio.sleep(0.5)
    finally:
        await holder.stop()
        if standby is not None:
            await standby.stop()
    assert [m.content.split("\n")[0] for m in fake_bot.messages(channel)] == ["One", "Two"]


async def test_a_lease_left_by_a_killed_holder_elsewhere_is_taken_within_15_s(
    fake_bot: FakeBotServer, db_path: str, store: Store
) -> None:
    assert LEASE_TTL.total_seconds() + STANDBY_RETRY <= 15  # the worst case after a kill -9
    assert LEASE_TTL.total_seconds() > RENEW_EVERY * 2  # one missed renewal is survived
    # the holder on another host was killed LEASE_TTL - 2 s after its last renewal
    dead = {
        "owner": "x",
        "host": "elsewhere",
        "pid": 1,
        "expires": to_iso(utcnow() + timedelta(seconds=2)),
    }
    await store.db.set_kv(LEASE_KEY, json.dumps(dead))
    bot = await RunningBot(webhook_settings(fake_bot, db_path)).start()
    try:
        assert not bot.runtime.leader
        assert "Welcome" in await say(fake_bot, ALICE, "/start")  # answering meanwhile
        await until(lambda: bot.runtime.leader, 2 + STANDBY_RETRY + 2)
        holder = await bot.runtime.store.lease.holder()
        assert holder is not None and holder.host != "elsewhere"
    finally:
        await bot.stop()


async def test_newsbot_run_serves_the_webhook_and_stops_cleanly_on_sigterm(
    fake_bot: FakeBotServer, tmp_path: Path
) -> None:
    """`newsbot run` with WEBHOOK_URL: setWebhook, commands answered, and on SIGTERM the
    runtime's stop runs (the lease is given back) and the process ends; the secret and the
    token are never logged."""
    db = tmp_path / "run.db"
    settings = webhook_settings(fake_bot, str(db))
    env = {
        **os.environ,
        "BOT_TOKEN": fake_bot.token,
        "TELEGRAM_API_URL": fake_bot.base_url,
        "DATABASE_URL": f"sqlite:///{db}",
        "LOG_LEVEL": "DEBUG",
        "WEBHOOK_URL": str(settings.webhook_url),
        "WEBHOOK_SECRET": SECRET,
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(settings.webhook_port),
    }
    proc = await bot_process(env, log=True)
    try:
        await fake_bot.wait_for(lambda _: fake_bot.webhook is not None, 30)
        assert "Welcome" in await say(fake_bot, ALICE, "/start")
        proc.send_signal(signal.SIGTERM)
        assert proc.stderr is not None
        err = (await asyncio.wait_for(proc.stderr.read(), timeout=15)).decode()
        assert await asyncio.wait_for(proc.wait(), timeout=15) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert "webhook set" in err
    assert SECRET not in err and fake_bot.token not in err
    async with Store(str(db)) as store:
        assert await store.lease.holder() is None  # post_stop ran: the lease was given back

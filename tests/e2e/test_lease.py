"""One sender per store: the lease, and a second bot standing by until the first stops."""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import timedelta

from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.models import ArticleIn, to_iso, utcnow
from bot.store.lease import LEASE_KEY, LeaseStore
from bot.store.store import Store

TTL = timedelta(seconds=15)


async def test_lease_is_exclusive_until_it_expires_or_is_released(store: Store) -> None:
    first, second = LeaseStore(store.db), LeaseStore(store.db)
    now = utcnow()
    assert await first.acquire(now, TTL) is None
    holder = await second.acquire(now, TTL)
    assert holder is not None and holder.owner == first.owner
    assert await first.acquire(now + timedelta(seconds=5), TTL) is None  # renewal
    assert await second.acquire(now + timedelta(seconds=19), TTL) is not None  # renewed
    assert await second.acquire(now + timedelta(seconds=21), TTL) is None  # expired: taken
    assert await first.acquire(now + timedelta(seconds=22), TTL) is not None
    await second.release()
    assert await first.acquire(now + timedelta(seconds=23), TTL) is None


async def test_lease_of_a_dead_process_on_this_host_is_free_at_once(store: Store) -> None:
    dead = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await dead.wait()
    mine = LeaseStore(store.db)
    await store.db.set_kv(
        LEASE_KEY,
        json.dumps(
            {
                "owner": "x",
                "host": mine.host,
                "pid": dead.pid,
                "expires": to_iso(utcnow() + timedelta(hours=1)),
            }
        ),
    )
    assert await mine.acquire(utcnow(), TTL) is None
    held = await mine.holder()
    assert held is not None and held.owner == mine.owner


async def test_second_bot_stands_by_then_takes_over(fake_bot: FakeBotServer, db_path: str) -> None:
    channel = -1001
    fake_bot.add_channel(channel, "News")
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path)
    first = RunningBot(settings)
    await first.start()
    await first.runtime.store.channels.add(channel)
    second = RunningBot(settings)
    starting = asyncio.create_task(second.start())
    try:
        await asyncio.sleep(1.0)
        assert not starting.done()  # standing by: not polling, not sending
        await first.runtime.store.articles.upsert(
            ArticleIn(url="https://x.example/1", title="One", published_at=utcnow())
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 1, timeout=10)
        await first.stop()
        await asyncio.wait_for(starting, timeout=10)  # took over
        await second.runtime.store.articles.upsert(
            ArticleIn(url="https://x.example/2", title="Two", published_at=utcnow())
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 2, timeout=10)
        await asyncio.sleep(0.5)
    finally:
        starting.cancel()
        await second.stop()
        await first.stop()
    assert [m.content.split("\n")[0] for m in fake_bot.messages(channel)] == ["One", "Two"]

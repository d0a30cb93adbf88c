"""A clean stop (the path SIGTERM takes) in the middle of fan-outs sends nothing twice.

README promises duplicates only after a crash: on a stop, the requests already handed to
Telegram finish and are recorded before the store closes, and nothing new starts.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path

from fakebot.server import FakeBotServer
from harness import RunningBot, bot_process
from test_e2e_delivery import add_readers, fast, story, until_settled

from bot.models import utcnow
from bot.store.store import Store

READERS = range(1, 151)
STOPS = 12
ANSWER_DELAY = 0.15  # each sendMessage is accepted at once and answered this much later


def deliveries(fake: FakeBotServer) -> Counter[tuple[int, str]]:
    """(chat, story title) of every story message the server accepted."""
    out: Counter[tuple[int, str]] = Counter()
    for message in fake.messages():
        found = re.search(r"Story \d+", message.text or "")
        assert found is not None, message.text
        out[(message.chat_id, found.group())] += 1
    return out


async def test_stops_in_the_middle_of_fan_outs_send_nothing_twice(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    fake_bot.add_private_chats(READERS)
    # A server that takes each message at once but answers late: at any moment of a fan-out
    # a dozen messages are with Telegram and not yet recorded as sent.
    fake_bot.hang_next(1_000_000, ANSWER_DELAY, methods=["sendMessage"], before=False)
    rng = random.Random(9)
    bot = RunningBot(fast(fake_bot, db_path, send_concurrency=24))
    in_flight: list[int] = []
    await bot.start()
    try:
        await add_readers(bot.runtime.store, READERS)
        for n in range(1, STOPS + 1):
            await bot.runtime.store.articles.upsert(story(n))
            await asyncio.sleep(rng.uniform(0.3, 1.0))  # well into the fan-out
            assert bot.runtime.sender is not None
            in_flight.append(len(bot.runtime.sender._sending))
            await bot.restart()  # what SIGTERM does: Application.stop, post_stop, shutdown
        counts = await until_settled(bot.runtime.store, len(READERS) * STOPS, timeout=60)
    finally:
        await bot.stop()
    assert sum(in_flight) >= STOPS  # the stops did catch requests with the server
    got = deliveries(fake_bot)
    assert counts.get("failed", 0) == 0
    assert len(got) == len(READERS) * STOPS  # nobody missed a story
    assert [key for key, times in got.items() if times > 1] == []  # nobody got one twice


async def test_sigterm_while_standing_by_for_the_lease_ends_the_process(
    fake_bot: FakeBotServer, tmp_path: Path
) -> None:
    """A stop before the Application runs (here: another newsbot holds the store) must still
    close the store: its thread would keep the process alive for good."""
    db = tmp_path / "standby.db"
    env = {
        **os.environ,
        "BOT_TOKEN": fake_bot.token,
        "TELEGRAM_API_URL": fake_bot.base_url,
        "DATABASE_URL": f"sqlite:///{db}",
        "LOG_LEVEL": "WARNING",
    }
    async with Store(str(db)) as holder:
        assert await holder.lease.acquire(utcnow(), timedelta(minutes=5)) is None
        proc = await bot_process(env)
        try:
            menus = lambda _: fake_bot.stats()["by_method"].get("setMyCommands", 0) >= 3  # noqa: E731
            await fake_bot.wait_for(menus, 30)
            await asyncio.sleep(0.5)  # past the command menus: standing by for the lease
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), timeout=15)
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()

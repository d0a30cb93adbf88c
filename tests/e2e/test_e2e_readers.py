"""Readers end to end: subscriptions by tapping, instant delivery, blocked readers, /stop."""

from __future__ import annotations

import asyncio
import random
from typing import Any

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

TOPICS = ["politics", "war", "economy", "world", "society", "culture", "sport", "health"]


def fast_settings(fake: FakeBotServer, db_path: str, **overrides: Any) -> Any:
    """Telegram's rules enforced, limits raised on both sides so fan-outs take seconds."""
    fake.set_limits(global_per_sec=1000, private_per_sec=100, private_burst=100, group_per_min=600)
    values: dict[str, Any] = {"global_rate": 900, "private_rate": 50, "group_rate_per_minute": 600}
    values.update(overrides)
    return make_settings(fake.base_url, fake.token, db_path, **values)


def story(n: int, topics: list[str], **extra: Any) -> ArticleIn:
    return ArticleIn(
        url=f"https://news.example.org/readers/{n}",
        title=f"Story {n:02d} about {' and '.join(topics)}",
        lead=f"Lead of story {n}.",
        published_at=utcnow(),
        tags=topics,
        **extra,
    )


async def settle(store: Store, timeout: float = 20.0) -> None:
    """Until nothing is pending in the outbox."""
    for _ in range(int(timeout / 0.05)):
        if not (await store.outbox.counts()).get("pending"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"outbox still busy: {await store.outbox.counts()}")


async def test_200_readers_each_get_exactly_their_stories_once(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    rng = random.Random(20261124)
    readers = {chat: rng.sample(TOPICS, rng.randint(0, 3)) for chat in range(1, 201)}
    fake_bot.add_private_chats(readers)
    stories = {n: rng.sample(TOPICS, rng.randint(1, 2)) for n in range(10)}
    bot = RunningBot(fast_settings(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        for chat, topics in readers.items():
            await store.readers.register(chat, "en")
            await store.readers.subscribe(chat, topics)
        for n, topics in stories.items():
            await store.articles.upsert(story(n, topics))
        expected = {
            chat: sorted(n for n, s in stories.items() if set(s) & set(topics))
            for chat, topics in readers.items()
        }
        total = sum(len(v) for v in expected.values())
        assert total > 300  # the draw gives a real fan-out
        await fake_bot.wait_for(lambda msgs: len(msgs) >= total, timeout=30)
        await settle(store)
        await asyncio.sleep(0.5)  # time for any duplicate to show up
    finally:
        await bot.stop()
    got = {
        chat: sorted(int(m.content.split()[1]) for m in fake_bot.messages(chat)) for chat in readers
    }
    assert got == expected
    assert [r.to_dict() for r in fake_bot.rejections if r.method != "getUpdates"] == []


@pytest.mark.parametrize("fate", ["blocked", "deactivated", "unknown"])
async def test_unreachable_reader_is_marked_inactive_until_start(
    fake_bot: FakeBotServer, db_path: str, fate: str
) -> None:
    reader, other = 501, 502
    fake_bot.add_private_chats([other] + ([] if fate == "unknown" else [reader]))
    if fate == "blocked":
        fake_bot.block(reader)
    elif fate == "deactivated":
        fake_bot.deactivate(reader)
    bot = RunningBot(fast_settings(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        for chat in (reader, other):
            await store.readers.register(chat, "en")
            await store.readers.subscribe(chat, ["sport"])
        await store.articles.upsert(story(1, ["sport"]))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(other)) == 1, timeout=10)
        await settle(store)
        state = await store.readers.get(reader)
        assert state is not None and not state.active
        await store.articles.upsert(story(2, ["sport"]))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(other)) == 2, timeout=10)
        await settle(store)
        rows = await store.outbox.all_for_chat(reader)
        assert [(r.article_id, r.state) for r in rows] == [(rows[0].article_id, "failed")]
        # The reader comes back: /start reactivates, and the next story reaches them.
        if fate == "blocked":
            fake_bot.unblock(reader)
        elif fate == "deactivated":
            return  # a deleted account does not come back
        fake_bot.inject_message(reader, "/start")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(reader)) >= 1, timeout=10)
        state = await store.readers.get(reader)
        assert state is not None and state.active
        await store.articles.upsert(story(3, ["sport"]))
        await fake_bot.wait_for(
            lambda _: any("Story 03" in m.content for m in fake_bot.messages(reader)), timeout=10
        )
    finally:
        await bot.stop()


def picker(messages: list[SentMessage]) -> SentMessage:
    return next(m for m in reversed(messages) if m.reply_markup)


async def test_new_reader_taps_three_topics_gets_matching_story_searches_and_stops(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """The issue's walk-through: /start, tap three topics, get the next matching story and
    no other, find it with /search by a word of its lead, /stop ends it."""
    reader = 777
    bot = RunningBot(fast_settings(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        fake_bot.inject_message(reader, "/start", language_code="uk")
        await fake_bot.wait_for(lambda _: any(m.reply_markup for m in fake_bot.messages(reader)))
        for slug in ("war", "economy", "sport"):
            before = len(fake_bot.callback_answers)
            fake_bot.inject_callback(
                reader, picker(fake_bot.messages(reader)).message_id, f"tg:{slug}"
            )
            await fake_bot.wait_for(lambda _, b=before: len(fake_bot.callback_answers) > b)
        assert await store.readers.topics_of(reader) == ["war", "economy", "sport"]
        replies = len(fake_bot.messages(reader))
        loop = asyncio.get_running_loop()
        arrived = loop.time()
        await store.articles.upsert(
            ArticleIn(
                url="https://news.example.org/culture/1",
                title="Театр відкрив сезон",
                lead="Прем'єра у Львові.",
                published_at=utcnow(),
                tags=["culture"],
            )
        )
        await store.articles.upsert(
            ArticleIn(
                url="https://news.example.org/economy/1",
                title="Нацбанк зберіг облікову ставку",
                lead="Регулятор пояснив рішення інфляцією та курсом гривні.",
                published_at=utcnow(),
                tags=["economy"],
            )
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(reader)) > replies, timeout=10)
        assert loop.time() - arrived < 5  # within seconds of its arrival in the store
        await asyncio.sleep(1.0)
        delivered = fake_bot.messages(reader)[replies:]
        assert [m.content.split("\n")[0] for m in delivered] == ["Нацбанк зберіг облікову ставку"]
        assert "Читати далі" in delivered[0].content  # the reader's language (uk)
        fake_bot.inject_message(reader, "/search інфляція", language_code="uk")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(reader)) > replies + 1)
        assert "Нацбанк зберіг облікову ставку" in fake_bot.messages(reader)[-1].content
        fake_bot.inject_message(reader, "/stop", language_code="uk")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(reader)) > replies + 2)
        assert await store.readers.get(reader) is None
        count = len(fake_bot.messages(reader))
        await store.articles.upsert(
            ArticleIn(
                url="https://news.example.org/economy/2",
                title="Ще одна економічна новина",
                lead="Після /stop вона не приходить.",
                published_at=utcnow(),
                tags=["economy"],
            )
        )
        await asyncio.sleep(1.5)
        assert len(fake_bot.messages(reader)) == count
    finally:
        await bot.stop()


async def test_replies_stay_fast_during_a_fan_out(fake_bot: FakeBotServer, db_path: str) -> None:
    """1,000 instant messages queued at Telegram's real 30/s: a command is still answered at
    once, because replies take global slots ahead of the fan-out."""
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    readers = range(1, 1001)
    fake_bot.add_private_chats(readers)
    bot = RunningBot(make_settings(fake_bot.base_url, fake_bot.token, db_path, private_rate=50))
    await bot.start()
    try:
        store = bot.runtime.store
        for chat in readers:
            await store.readers.register(chat, "en")
            await store.readers.subscribe(chat, ["world"])
        await store.articles.upsert(story(1, ["world"]))
        await fake_bot.wait_for(lambda msgs: len(msgs) >= 60, timeout=10)  # fan-out under way
        loop = asyncio.get_running_loop()
        asked = loop.time()
        fake_bot.inject_message(5000, "/help")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(5000)) == 1, timeout=10)
        waited = loop.time() - asked
        sent = len(fake_bot.messages())
    finally:
        await bot.stop()
    assert waited < 2.0
    assert sent < 1000  # the fan-out was still going when the reply came
    assert fake_bot.rate_limited == 0

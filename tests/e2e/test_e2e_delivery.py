"""Delivery under trouble: flaky and hanging servers, migrated groups, metrics, kill -9."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import urllib.request
from collections import Counter
from typing import Any

from fakebot.server import FakeBotServer
from harness import RunningBot, bot_process, free_port, make_settings

from bot.models import ArticleIn, utcnow
from bot.store.store import Store


def fast(fake: FakeBotServer, db_path: str, **overrides: Any) -> Any:
    fake.set_limits(global_per_sec=1000, private_per_sec=100, private_burst=100, group_per_min=600)
    values: dict[str, Any] = {"global_rate": 300, "private_rate": 50, "group_rate_per_minute": 600}
    values.update(overrides)
    return make_settings(fake.base_url, fake.token, db_path, **values)


async def add_readers(store: Store, chats: range, topic: str = "world") -> None:
    for chat in chats:
        await store.readers.register(chat, "en")
        await store.readers.subscribe(chat, [topic])


def story(n: int, topic: str = "world") -> ArticleIn:
    return ArticleIn(
        url=f"https://news.example.org/d/{n}",
        title=f"Story {n}",
        lead="Lead.",
        published_at=utcnow(),
        tags=[topic],
    )


async def until_settled(store: Store, rows: int, timeout: float = 30) -> dict[str, int]:
    """Until `rows` outbox rows exist and none is pending."""
    for _ in range(int(timeout / 0.1)):
        counts = await store.outbox.counts()
        if not counts.get("pending") and sum(counts.values()) >= rows:
            return counts
        await asyncio.sleep(0.1)
    raise AssertionError(f"outbox never settled: {await store.outbox.counts()}")


async def test_flaky_and_hanging_server_loses_nothing(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    readers = range(1, 61)
    fake_bot.add_private_chats(readers)
    rng = random.Random(5)
    bot = RunningBot(fast(fake_bot, db_path, send_concurrency=8))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, readers)
        for _ in range(4):  # bursts of 500/502 and answers that never come in time
            fake_bot.fail_next(rng.randint(2, 5), rng.choice([500, 502]), methods=["sendMessage"])
        fake_bot.hang_next(2, 7.0, methods=["sendMessage"], before=False)
        await store.articles.upsert(story(1))
        counts = await until_settled(store, len(readers), timeout=60)
    finally:
        await bot.stop()
    per_chat = Counter(m.chat_id for m in fake_bot.messages())
    assert set(per_chat) == set(readers)  # nobody missed
    assert sum(per_chat.values()) - len(readers) <= 2  # duplicates: the two hung answers
    assert counts.get("failed", 0) == 0


async def test_group_upgraded_to_supergroup_keeps_its_subscription(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    group, supergroup = -4242, -1004242
    fake_bot.add_group(group, "Readers club")
    bot = RunningBot(fast(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, range(group, group + 1))
        fake_bot.migrate(group, supergroup)
        await store.articles.upsert(story(1))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(supergroup)) == 1, timeout=10)
        moved = await store.readers.get(supergroup)
        assert moved is not None and moved.topics == ["world"]
        assert await store.readers.get(group) is None
        await store.articles.upsert(story(2))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(supergroup)) == 2, timeout=10)
    finally:
        await bot.stop()


async def test_what_cannot_follow_a_migrated_group_is_given_up_not_retried_for_ever(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """After a group became a supergroup, an edit of a post in the old group (read-only now)
    and a row whose twin went to the new chat answer "migrated" again and again: they are
    given up, not retried for good (681 tries in half an hour before)."""
    group, supergroup = -4243, -1004243
    fake_bot.add_group(group, "Desk")
    fake_bot.add_group(supergroup, "Desk (new)")
    bot = RunningBot(fast(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        await store.channels.add(group)
        await store.articles.upsert(story(1))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(group)) == 1, timeout=10)
        await until_settled(store, 1)
        fake_bot.migrate(group, supergroup)
        await store.channels.add(supergroup)  # an editor added the new id already
        edited = story(1)
        edited.title = "Story 1, corrected"
        await store.articles.upsert(edited)  # an edit for the old group's post
        await store.articles.upsert(story(2))  # rows for both ids: the old one has a twin
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(supergroup)) == 1, timeout=10)
        await asyncio.sleep(1.5)
        tries = [r for r in fake_bot.requests if r.params.get("chat_id") in (group, str(group))]
        counts = await store.outbox.counts()
        targets = [c.chat_id for c in await store.channels.all()]
    finally:
        await bot.stop()
    assert [m.content.split("\n")[0] for m in fake_bot.messages(supergroup)] == ["Story 2"]
    assert len(tries) <= 4  # the first post, then one answer "migrated" each
    assert not counts.get("pending")
    assert targets == [supergroup]


async def test_edits_of_posts_in_a_group_that_became_a_supergroup_are_not_tried(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """Once the channel target moved to the supergroup's id, each later edit of a post of the
    old group was still sent there and answered 400 "group chat was upgraded" (five so far
    in a probe); the old group is no target any more, so its posts' edits are given up."""
    group, supergroup = -4244, -1004244
    fake_bot.add_group(group, "Desk")
    bot = RunningBot(fast(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        await store.channels.add(group)
        for n in (1, 2, 3):
            await store.articles.upsert(story(n))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(group)) == 3, timeout=10)
        await until_settled(store, 3)
        fake_bot.migrate(group, supergroup)
        await store.articles.upsert(story(4))  # "migrated": the target moves to the new id
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(supergroup)) == 1, timeout=10)
        assert [c.chat_id for c in await store.channels.all()] == [supergroup]
        before = len(
            [r for r in fake_bot.requests if r.params.get("chat_id") in (group, str(group))]
        )
        for n in (1, 2, 3):
            edited = story(n)
            edited.title = f"Story {n}, corrected"
            await store.articles.upsert(edited)
        await asyncio.sleep(1.5)
        await until_settled(store, 4)
        after = len(
            [r for r in fake_bot.requests if r.params.get("chat_id") in (group, str(group))]
        )
    finally:
        await bot.stop()
    assert after == before


def scrape(port: int) -> dict[str, float]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        text = response.read().decode()
    values: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            values[name] = float(value)
    return values


async def test_metrics_endpoint(fake_bot: FakeBotServer, db_path: str) -> None:
    channel = -1009
    fake_bot.add_channel(channel, "News")
    port = free_port()
    bot = RunningBot(fast(fake_bot, db_path, metrics_port=port))
    await bot.start()
    try:
        store = bot.runtime.store
        await store.channels.add(channel)
        before = await asyncio.to_thread(scrape, port)
        await store.articles.upsert(story(1))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 1, timeout=10)
        await until_settled(store, 1)
        after = await asyncio.to_thread(scrape, port)
    finally:
        await bot.stop()
    sent = 'newsbot_messages_sent_total{kind="channel"}'
    latency = 'newsbot_delivery_latency_seconds_count{kind="channel"}'
    assert after[sent] - before.get(sent, 0) == 1
    assert after[latency] - before.get(latency, 0) == 1
    assert "newsbot_outbox_backlog" in after and "newsbot_outbox_oldest_age_seconds" in after


async def test_kill_9_mid_fan_out_loses_nobody(
    fake_bot: FakeBotServer, database_url: str, db_path: str
) -> None:
    """The bot as a real process, killed with SIGKILL twice in a fan-out and restarted."""
    readers = range(1, 401)
    fake_bot.add_private_chats(readers)
    fake_bot.set_limits(global_per_sec=1000, private_per_sec=100, private_burst=100)
    db = db_path
    env = {
        **os.environ,
        "BOT_TOKEN": fake_bot.token,
        "TELEGRAM_API_URL": fake_bot.base_url,
        "DATABASE_URL": database_url,
        "POLL_INTERVAL": "0.1",
        "GLOBAL_RATE": "100",
        "SEND_CONCURRENCY": "8",
        "LOG_LEVEL": "WARNING",
    }
    async with Store(str(db)) as store:
        await add_readers(store, readers)
        await store.articles.upsert(story(1))

    async def start() -> asyncio.subprocess.Process:
        return await bot_process(env)

    kills = 0
    proc = await start()
    try:
        for threshold in (60, 200):
            await fake_bot.wait_for(lambda msgs, t=threshold: len(msgs) >= t, timeout=30)
            proc.send_signal(signal.SIGKILL)
            await proc.wait()
            kills += 1
            proc = await start()
        await fake_bot.wait_for(
            lambda _: {m.chat_id for m in fake_bot.messages()} >= set(readers), timeout=60
        )
        await asyncio.sleep(1.0)
    finally:
        if proc.returncode is None:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), timeout=15)
    per_chat = Counter(m.chat_id for m in fake_bot.messages())
    assert set(per_chat) == set(readers)
    duplicates = sum(per_chat.values()) - len(readers)
    assert duplicates <= kills * 8  # only what was in flight at each kill
    async with Store(str(db)) as store:
        assert (await store.outbox.counts()) == {"sent": len(readers)}


async def test_channel_post_overtakes_a_fan_out_under_way(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """300 readers queued at Telegram's real 30/s; a channel story that arrives mid-way goes
    out within a second or two, not after the ten seconds the fan-out still needs."""
    channel = -1007
    readers = range(1, 301)
    fake_bot.add_private_chats(readers)
    fake_bot.add_channel(channel, "Breaking")
    bot = RunningBot(make_settings(fake_bot.base_url, fake_bot.token, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, readers, topic="culture")
        await store.channels.add(channel, topics=["war"])
        await store.articles.upsert(story(1, "culture"))
        await fake_bot.wait_for(lambda msgs: len(msgs) >= 30, timeout=15)
        loop = asyncio.get_running_loop()
        arrived = loop.time()
        await store.articles.upsert(story(2, "war"))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(channel)) == 1, timeout=15)
        waited = loop.time() - arrived
        readers_done = len({m.chat_id for m in fake_bot.messages() if m.chat_id > 0})
    finally:
        await bot.stop()
    assert waited < 2.5
    assert readers_done < 250  # the fan-out was still under way


async def test_a_slow_answer_to_a_send_is_waited_for_not_sent_again(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """Telegram answering a send after 12 s (under load): the send waits for the answer
    (SEND_TIMEOUT), instead of giving up at 10 s and posting the story a second time."""
    fake_bot.add_private_chats([1])
    bot = RunningBot(fast(fake_bot, db_path))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, range(1, 2))
        fake_bot.hang_next(1, 12.0, methods=["sendMessage"], before=False)
        await store.articles.upsert(story(1))
        await until_settled(store, 1, timeout=30)
        await asyncio.sleep(1.5)  # a retry would come a second or two after a time-out
        [row] = await store.outbox.all_for_chat(1)
    finally:
        await bot.stop()
    assert len(fake_bot.messages(1)) == 1
    assert row.state == "sent" and row.message_id is not None


async def test_a_send_never_answered_is_not_sent_again(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """A send written to Telegram whose answer does not come within SEND_TIMEOUT may have
    gone out: it is not posted again (no copies), and the outbox says so (not "failed")."""
    fake_bot.add_private_chats([1])
    bot = RunningBot(fast(fake_bot, db_path, send_timeout=1))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, range(1, 2))
        fake_bot.hang_next(1, 9.0, methods=["sendMessage"], before=False)
        await store.articles.upsert(story(1))
        await until_settled(store, 1, timeout=30)
        await asyncio.sleep(4.0)  # the hung answer comes; a retry would have come by then
        await store.articles.upsert(story(2))  # the chat is not stuck after it
        await until_settled(store, 2, timeout=30)
        rows = await store.outbox.all_for_chat(1)
        note = await store.db.fetchone("SELECT last_error FROM outbox WHERE id = ?", (rows[0].id,))
    finally:
        await bot.stop()
    assert [m.content.count("Story 1") for m in fake_bot.messages(1)] == [1, 0]
    assert [r.state for r in rows] == ["sent", "sent"]
    assert rows[0].message_id is None and rows[1].message_id is not None
    assert note is not None and "possibly delivered, not sent again" in note[0]


async def test_a_telegram_outage_uses_up_no_attempts(fake_bot: FakeBotServer, db_path: str) -> None:
    """Three 502s in a row (Telegram down for a while) with MAX_SEND_ATTEMPTS=2: the story
    waits the outage out and goes, instead of being given up after two tries."""
    fake_bot.add_private_chats([1, 2])
    bot = RunningBot(fast(fake_bot, db_path, max_send_attempts=2))
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, range(1, 3))
        fake_bot.fail_next(3, 502, methods=["sendMessage"])
        await store.articles.upsert(story(1))
        counts = await until_settled(store, 2, timeout=40)
    finally:
        await bot.stop()
    assert counts == {"sent": 2}
    assert [len(fake_bot.messages(chat)) for chat in (1, 2)] == [1, 1]


async def test_an_outage_longer_than_the_budget_gives_the_message_up(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """Telegram down for longer than SEND_RETRY_HOURS: the message is given up then, saying
    why; meanwhile the sender waits as a whole, longer each time, not row by row."""
    fake_bot.add_private_chats([1])
    bot = RunningBot(fast(fake_bot, db_path, send_retry_hours=4 / 3600))  # 4 s
    await bot.start()
    try:
        store = bot.runtime.store
        await add_readers(store, range(1, 2))
        fake_bot.fail_next(100_000, 502, methods=["sendMessage"])
        await store.articles.upsert(story(1))
        counts = await until_settled(store, 1, timeout=30)
        note = await store.db.fetchone("SELECT last_error FROM outbox")
    finally:
        await bot.stop()
    assert counts == {"failed": 1}
    assert note is not None and note[0].startswith("Telegram failing for ")
    assert "Bad Gateway" in note[0]
    assert 3 <= len(fake_bot.requests_for("sendMessage", 1)) <= 5  # at 0, 1, 3, 7 s: not 8

"""Digests against a real store: who is due, one digest per due time (also across a restart),
empty digests not sent, catch-up, quiet-hours holds, splitting long digests."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from harness import other_program

from bot.delivery.digest_scheduler import DigestScheduler
from bot.delivery.poller import CURSOR_KEY
from bot.delivery.sender import Outgoing
from bot.models import ArticleIn, Delivery, to_iso, utcnow
from bot.render import Renderer, check_html, visible_length
from bot.store.db import load_migrations
from bot.store.outbox import PRIORITY
from bot.store.store import Store

ALICE, BOHDAN = 2001, 2002
ZONE = "Europe/Kyiv"  # the scheduler's default zone in these tests


class StubSender:
    """What the scheduler needs of the sender: kinds, the quiet check, wake-ups."""

    def __init__(self) -> None:
        self.kinds: dict[str, Callable[[Delivery], Any]] = {}
        self.quiet: Callable[[int], Any] | None = None
        self.woken = 0

    def register_kind(self, kind: str, source: Callable[[Delivery], Any]) -> None:
        self.kinds[kind] = source

    def register_quiet(self, check: Callable[[int], Any]) -> None:
        self.quiet = check

    def wake(self) -> None:
        self.woken += 1


async def make_scheduler(
    store: Store, now: datetime | None = None, **kwargs: Any
) -> tuple[DigestScheduler, StubSender]:
    """A scheduler whose clock reads `now` plus a moment: stories the test stored just now
    have arrived before it runs (periods are by arrival, to the second)."""
    sender = StubSender()
    renderer = Renderer(topics=await store.topics.all())
    scheduler = DigestScheduler(
        store,
        renderer,
        sender,  # type: ignore[arg-type]
        timezone=ZONE,
        clock=(lambda: now + timedelta(seconds=2)) if now is not None else utcnow,
        **kwargs,
    )
    return scheduler, sender


async def add_reader(
    store: Store,
    chat_id: int,
    topics: list[str],
    *,
    mode: str = "daily",
    at: str | None = "09:00",
    next_at: datetime | None = None,
    timezone: str | None = None,
    language: str = "en",
) -> None:
    await store.readers.register(chat_id, language)
    await store.readers.subscribe(chat_id, topics)
    if timezone:
        await store.readers.set_timezone(chat_id, timezone)
    await store.digests.configure(chat_id, mode, at, next_at)


async def add_story(
    store: Store,
    title: str,
    topics: list[str],
    *,
    minutes_ago: float = 10,
    views: int | None = None,
) -> int:
    _, article_id = await store.articles.upsert(
        ArticleIn(
            url=f"https://news.example.org/{abs(hash(title))}",
            title=title,
            lead="A lead.",
            published_at=utcnow() - timedelta(minutes=minutes_ago),
            views=views,
        )
    )
    await store.articles.set_topics(article_id, topics)
    return article_id


async def digest_rows(store: Store, chat_id: int) -> list[Delivery]:
    return [row for row in await store.outbox.all_for_chat(chat_id) if row.kind == "digest"]


async def texts(scheduler: DigestScheduler, rows: list[Delivery]) -> list[str]:
    out: list[str] = []
    for row in rows:
        outgoing = await scheduler.content(row)
        assert isinstance(outgoing, Outgoing)
        out.append(outgoing.text)
    return out


async def test_only_due_readers_are_due(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now - timedelta(minutes=1))
    await add_reader(store, BOHDAN, ["war"], next_at=now + timedelta(minutes=1))
    await add_reader(store, 2003, ["war"], mode="off", at=None)
    await add_reader(store, 2004, ["war"], mode="hourly", at=None)  # no next time yet
    due = await store.digests.due(now)
    assert sorted(r.chat_id for r in due) == [ALICE, 2004]


async def test_a_due_digest_is_built_grouped_and_queued_once(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["politics", "war"], next_at=now - timedelta(seconds=30))
    await add_story(store, "Frontline news", ["war"], minutes_ago=30, views=50)
    await add_story(store, "Budget vote", ["politics", "war"], minutes_ago=20)
    await add_story(store, "Big match", ["sport"], minutes_ago=5)
    await add_story(store, "Most read", ["war"], minutes_ago=60, views=9000)
    scheduler, sender = await make_scheduler(store, now)
    assert await scheduler.run_once() == 1
    assert sender.woken
    rows = await digest_rows(store, ALICE)
    assert len(rows) == 1 and rows[0].priority == PRIORITY["digest"]
    (text,) = await texts(scheduler, rows)
    check_html(text)
    assert "Your daily digest" in text
    assert text.index("Politics") < text.index("Budget vote") < text.index("War")
    assert text.index("War") < text.index("Most read") < text.index("Frontline news")
    assert text.count("Budget vote") == 1 and "Big match" not in text
    assert "👁 9K" in text
    reader = await store.digests.reader(ALICE)
    assert reader is not None and reader.next_digest_at is not None
    assert reader.next_digest_at > now  # tomorrow's
    assert reader.last_digest_at is not None

    # the same moment again, and a fresh scheduler on the same store (a restart): nothing new
    assert await scheduler.run_once() == 0
    restarted, _ = await make_scheduler(store, now + timedelta(seconds=20))
    assert await restarted.run_once() == 0
    assert len(await digest_rows(store, ALICE)) == 1
    assert len(await store.digests.of_chat(ALICE)) == 1


async def test_no_double_digest_after_restart_with_the_store_reopened(db_path: str) -> None:
    now = utcnow()
    async with Store(db_path) as first:
        await add_reader(first, ALICE, ["war"], next_at=now - timedelta(minutes=2))
        await add_story(first, "Story A", ["war"])
        scheduler, _ = await make_scheduler(first, now)
        assert await scheduler.run_once() == 1
    async with Store(db_path) as second:
        scheduler, _ = await make_scheduler(second, now + timedelta(seconds=5))
        assert await scheduler.run_once() == 0
        rows = await digest_rows(second, ALICE)
        assert len(rows) == 1 and rows[0].state == "pending"  # still queued: not dropped


async def test_the_next_digest_covers_only_what_came_since(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], mode="hourly", at=None, next_at=now)
    await add_story(store, "Old one", ["war"])
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 1
    new = await add_story(store, "New one", ["war"], minutes_ago=0)
    arrived = to_iso(now + timedelta(minutes=30))  # it reached the store half an hour later
    await store.db.execute("UPDATE articles SET created_at = ? WHERE id = ?", (arrived, new))
    later = now + timedelta(hours=1)
    await store.digests.schedule(ALICE, later)
    scheduler.clock = lambda: later
    assert await scheduler.run_once() == 1
    first, second = await texts(scheduler, await digest_rows(store, ALICE))
    assert "Old one" in first and "New one" not in first
    assert "New one" in second and "Old one" not in second


async def stored_at(store: Store, article_id: int, hours_ago: float, now: datetime) -> None:
    """When the story reached the store (its `created_at`)."""
    arrived = to_iso(now - timedelta(hours=hours_ago))
    await store.db.execute("UPDATE articles SET created_at = ? WHERE id = ?", (arrived, article_id))


async def test_a_first_digest_has_only_what_came_out_in_its_own_period(store: Store) -> None:
    """A reader's first digest (no digest before) covers its own period: a day for a daily
    digest and /digest now, the last hour for an hourly one. Before, it took every story that
    reached the store in the last 24 hours and was published up to MAX_ARTICLE_AGE_HOURS
    before that: days-old stories a new source or an import brought in an hour ago."""
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now - timedelta(seconds=30))
    await add_reader(store, BOHDAN, ["war"], mode="hourly", at=None, next_at=now)
    await add_reader(store, 2003, ["war"], mode="off", at=None)
    await add_story(store, "Fresh from the front", ["war"], minutes_ago=20)
    await add_story(store, "Three days old, imported lately", ["war"], minutes_ago=3 * 24 * 60)
    await add_story(store, "From yesterday, imported lately", ["war"], minutes_ago=30 * 60)
    earlier = await add_story(store, "Early this morning", ["war"], minutes_ago=5 * 60)
    await stored_at(store, earlier, 5, now)
    stale = await add_story(store, "Stored days ago", ["war"], minutes_ago=4 * 24 * 60)
    await stored_at(store, stale, 4 * 24, now)
    scheduler, _ = await make_scheduler(store, now, max_age_hours=72)
    assert await scheduler.run_once() == 2
    (daily,) = await texts(scheduler, await digest_rows(store, ALICE))
    assert "Fresh from the front" in daily and "Early this morning" in daily
    assert "imported lately" not in daily and "Stored days ago" not in daily
    (hourly,) = await texts(scheduler, await digest_rows(store, BOHDAN))
    assert "Fresh from the front" in hourly
    assert "Early this morning" not in hourly and "imported lately" not in hourly
    assert await scheduler.digest_now(2003) == 2  # the last day's two
    (now_text,) = await texts(scheduler, await digest_rows(store, 2003))
    assert "imported lately" not in now_text and "Stored days ago" not in now_text

    # the next edition goes on from the first: a story published a little before it that
    # reached the store after it is still news (up to MAX_ARTICLE_AGE_HOURS before it)
    late = await add_story(store, "Published before, arrived after", ["war"], minutes_ago=90)
    await store.db.execute(
        "UPDATE articles SET created_at = ? WHERE id = ?",
        (to_iso(now + timedelta(minutes=10)), late),
    )
    later = now + timedelta(hours=1)
    await store.digests.schedule(BOHDAN, later)
    scheduler.clock = lambda: later
    assert await scheduler.run_once() == 1
    _, second = await texts(scheduler, await digest_rows(store, BOHDAN))
    assert "Published before, arrived after" in second and "Fresh" not in second


async def test_an_empty_digest_is_not_sent_but_the_schedule_moves_on(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now - timedelta(minutes=1))
    await add_story(store, "Other topic", ["sport"])
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 0
    assert await digest_rows(store, ALICE) == []
    assert await store.digests.of_chat(ALICE) == []
    reader = await store.digests.reader(ALICE)
    assert reader is not None and reader.next_digest_at is not None
    assert reader.next_digest_at > now
    assert await scheduler.digest_now(ALICE) == 0  # /digest now: nothing either


async def test_catch_up_sends_if_less_than_an_hour_late_else_skips(store: Store) -> None:
    now = utcnow()
    # Their daily time is half a day away, so no later occurrence of it falls between the
    # missed one and now (at 09:00 Kyiv plus an hour, today's 09:00 would be the one due).
    at = (now + timedelta(hours=12)).astimezone(ZoneInfo(ZONE)).strftime("%H:%M")
    await add_reader(store, ALICE, ["war"], at=at, next_at=now - timedelta(minutes=59))
    await add_reader(store, BOHDAN, ["war"], at=at, next_at=now - timedelta(minutes=61))
    await add_story(store, "Story", ["war"])
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 1
    assert len(await digest_rows(store, ALICE)) == 1
    assert await digest_rows(store, BOHDAN) == []
    bohdan = await store.digests.reader(BOHDAN)
    assert bohdan is not None and bohdan.next_digest_at is not None
    assert bohdan.next_digest_at > now
    assert bohdan.last_digest_at is None  # nothing was sent: the next one covers it all


async def test_digest_now_and_a_timezone_change_reschedules(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now + timedelta(hours=3))
    await add_story(store, "Story", ["war"])
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.digest_now(ALICE) == 1
    assert len(await digest_rows(store, ALICE)) == 1
    await store.readers.set_timezone(ALICE, "America/New_York")
    reader = await store.digests.reader(ALICE)
    assert reader is not None and reader.next_digest_at is None  # to be computed again
    await scheduler.run_once()
    reader = await store.digests.reader(ALICE)
    assert reader is not None and reader.next_digest_at is not None
    assert reader.next_digest_at.astimezone(scheduler.zone(reader)).strftime("%H:%M") == "09:00"


async def test_a_long_digest_is_split_between_items(store: Store) -> None:
    now = utcnow()
    topics = ["politics", "war", "economy", "world", "society", "culture"]
    await add_reader(store, ALICE, topics, next_at=now - timedelta(seconds=1))
    for topic in topics:
        for n in range(8):
            await add_story(store, f"{topic} {n} " + "long headline words " * 9, [topic])
    scheduler, _ = await make_scheduler(store, now, max_per_topic=7)
    assert await scheduler.run_once() == 1
    parts = await texts(scheduler, await digest_rows(store, ALICE))
    assert len(parts) >= 2
    for i, text in enumerate(parts, start=1):
        check_html(text)
        assert visible_length(text) <= 4096
        assert f"({i}/{len(parts)})" in text
    whole = "\n".join(parts)
    for topic in topics:
        assert sum(whole.count(f"{topic} {n} ") for n in range(8)) == 7  # each item whole
    assert whole.count("…and 1 more") == len(topics)
    assert "<code>/latest politics</code>" in whole


async def test_and_more_links_to_the_site_when_configured(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now)
    for n in range(4):
        await add_story(store, f"War story {n}", ["war"])
    scheduler, _ = await make_scheduler(
        store, now, max_per_topic=2, more_url="https://news.example.org/topic/{topic}?a=1&b=2"
    )
    await scheduler.run_once()
    (text,) = await texts(scheduler, await digest_rows(store, ALICE))
    assert '<a href="https://news.example.org/topic/war?a=1&amp;b=2">…and 2 more</a>' in text


async def test_ukrainian_digest(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now, language="uk")
    await add_story(store, "Новина <важлива> & термінова", ["war"])
    scheduler, _ = await make_scheduler(store, now)
    await scheduler.run_once()
    (text,) = await texts(scheduler, await digest_rows(store, ALICE))
    check_html(text)
    assert "Ваш щоденний дайджест" in text and "Війна" in text
    assert "Новина &lt;важлива&gt; &amp; термінова" in text


async def test_quiet_hold_keeps_instant_rows_back_and_releases_one_digest(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], mode="off", at=None)
    await add_reader(store, BOHDAN, ["war"], mode="off", at=None)
    window = (now - timedelta(minutes=5), now + timedelta(minutes=30))
    await store.digests.set_quiet(ALICE, "00:00", "00:01", True, window)
    first = await add_story(store, "Held one", ["war"], minutes_ago=1)
    second = await add_story(store, "Held two", ["war"], minutes_ago=0)
    for article_id in (first, second):
        await store.readers.enqueue_instant(
            article_id=article_id,
            published_at=utcnow().isoformat(),
            rev=1,
            topics=["war"],
            follow_queries=[],
            priority=PRIORITY["instant"],
        )
    assert [r.kind for r in await store.outbox.all_for_chat(ALICE)] == []  # held
    assert len(await store.outbox.all_for_chat(BOHDAN)) == 2  # not holding: instant
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 0  # the window has not ended
    scheduler.clock = lambda: now + timedelta(minutes=31)
    assert await scheduler.run_once() == 1
    (text,) = await texts(scheduler, await digest_rows(store, ALICE))
    assert "Held one" in text and "Held two" in text
    assert "While it was quiet" in text
    reader = await store.digests.reader(ALICE)
    assert reader is not None and reader.hold_until is not None
    assert reader.hold_until > now + timedelta(minutes=31)  # the next window is armed
    assert await scheduler.run_once() == 0  # released once


async def route(store: Store, article_id: int, *, follows: list[str] | None = None) -> int:
    """What the poller (and /post) does for a story: queue it for its instant readers."""
    return await store.readers.enqueue_instant(
        article_id=article_id,
        published_at=utcnow().isoformat(),
        rev=1,
        topics=["war"],
        follow_queries=follows or [],
        priority=PRIORITY["instant"],
    )


async def quiet_digests(scheduler: DigestScheduler, store: Store, chat_id: int) -> list[str]:
    return await texts(scheduler, await digest_rows(store, chat_id))


async def test_a_story_a_quiet_digest_delivered_never_comes_again(store: Store) -> None:
    """A window held, released (its end, or /quiet off), then another one set over the same
    hours: the second digest has only what the second window held."""
    now = utcnow()
    await add_reader(store, ALICE, ["war"], mode="off", at=None)
    await add_reader(store, BOHDAN, ["war"], mode="off", at=None)
    await store.digests.set_quiet(
        ALICE, "00:00", "00:01", True, (now - timedelta(minutes=5), now + timedelta(minutes=30))
    )
    first = await add_story(store, "Held one", ["war"], minutes_ago=1)
    await route(store, first)
    scheduler, _ = await make_scheduler(store, now)
    await store.digests.set_hold(ALICE, (now - timedelta(minutes=5), now + timedelta(seconds=1)))
    assert await scheduler.run_once() == 1
    assert ["Held one" in text for text in await quiet_digests(scheduler, store, ALICE)] == [True]
    # the same hours held again: nothing new to hold, no digest
    again = (now - timedelta(minutes=5), now + timedelta(minutes=30))
    await store.digests.set_quiet(ALICE, "00:00", "00:01", True, again)
    scheduler.clock = lambda: now + timedelta(minutes=31)
    assert await scheduler.run_once() == 0
    assert len(await quiet_digests(scheduler, store, ALICE)) == 1
    # a story held in a third window over the same hours comes alone
    await store.digests.set_quiet(ALICE, "00:00", "00:01", True, again)
    second = await add_story(store, "Held two", ["war"], minutes_ago=0)
    await route(store, second)
    assert await scheduler.run_once() == 1
    *_, last = await quiet_digests(scheduler, store, ALICE)
    assert "Held two" in last and "Held one" not in last


async def test_post_never_sends_a_story_a_quiet_digest_delivered(store: Store) -> None:
    """/post (the same instant routing again) of a story a reader had in a quiet digest
    sends it to nobody who had it: not Bohdan (instantly), not Alice (in the digest); the
    outbox keeps its one row per chat, story and kind."""
    now = utcnow()
    await add_reader(store, ALICE, ["war"], mode="off", at=None)
    await add_reader(store, BOHDAN, ["war"], mode="off", at=None)
    window = (now - timedelta(minutes=5), now + timedelta(minutes=30))
    await store.digests.set_quiet(ALICE, "00:00", "00:01", True, window)
    story = await add_story(store, "Held one", ["war"], minutes_ago=1)
    assert await route(store, story) == 1  # Bohdan
    scheduler, _ = await make_scheduler(store, now + timedelta(minutes=31))
    assert await scheduler.run_once() == 1
    assert await route(store, story) == 0  # /post
    assert [r.kind for r in await store.outbox.all_for_chat(ALICE)] == ["digest"]


async def test_a_quiet_digest_holds_only_what_was_held_from_this_reader(store: Store) -> None:
    """Stories stored before the reader registered, or routed before the window began, were
    never held from them: a window that began in the past (set after them) does not list
    them. One that matched a keyword alert of theirs came at once and is not held."""
    now = utcnow()
    await add_reader(store, BOHDAN, ["war"], mode="off", at=None)
    early = await add_story(store, "Stored before she came", ["war"], minutes_ago=20)
    await route(store, early)
    await add_reader(store, ALICE, ["war"], mode="off", at=None)
    await store.readers.subscribe(ALICE, ["war"])
    before = await add_story(store, "Routed before the hold", ["war"], minutes_ago=5)
    await route(store, before)
    assert len(await store.outbox.all_for_chat(ALICE)) == 1  # she had it at once
    window = (now - timedelta(minutes=30), now + timedelta(minutes=30))  # began in the past
    await store.digests.set_quiet(ALICE, "00:00", "00:01", True, window)
    held = await add_story(store, "Held while quiet", ["war"], minutes_ago=0)
    await route(store, held)
    alert = await add_story(store, "Zelensky in Kyiv", ["war"], minutes_ago=0)
    await store.readers.follow(ALICE, "Zelensky", "zelensky")
    await route(store, alert, follows=["zelensky"])
    scheduler, _ = await make_scheduler(store, now + timedelta(minutes=31))
    assert await scheduler.run_once() == 1
    (text,) = await quiet_digests(scheduler, store, ALICE)
    assert "Held while quiet" in text
    assert "Stored before she came" not in text and "Routed before the hold" not in text
    assert "Zelensky in Kyiv" not in text  # the alert came at once


async def test_upgrade_to_0033_holds_for_a_reader_in_a_window_already(tmp_path: Path) -> None:
    """A store of schema 32 with a reader in a held window: after 0033 the stories routed
    are recorded as held for her and her window's digest has them, once."""
    path = tmp_path / "news.db"
    now = utcnow()
    conn = sqlite3.connect(path)
    for migration in load_migrations()[:32]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    conn.execute(
        "INSERT INTO readers (chat_id, language, quiet_start, quiet_end, quiet_hold, hold_from,"
        " hold_until) VALUES (?, 'en', '00:00', '00:01', 1, ?, ?)",
        (ALICE, to_iso(now - timedelta(minutes=5)), to_iso(now + timedelta(minutes=30))),
    )
    conn.execute("INSERT INTO subscriptions (chat_id, topic) VALUES (?, 'war')", (ALICE,))
    conn.commit()
    conn.close()
    async with Store(str(path)) as store:
        assert await store.db.schema_version() == len(load_migrations())
        story = await add_story(store, "Held after the upgrade", ["war"], minutes_ago=0)
        assert await route(store, story) == 0
        scheduler, _ = await make_scheduler(store, now + timedelta(minutes=31))
        assert await scheduler.run_once() == 1
        (text,) = await quiet_digests(scheduler, store, ALICE)
        assert "Held after the upgrade" in text
        assert await route(store, story) == 0


async def test_quiet_hours_make_digests_and_instant_stories_silent(store: Store) -> None:
    now = utcnow()
    await add_reader(store, ALICE, ["war"], next_at=now)
    scheduler, sender = await make_scheduler(store, now)
    assert sender.quiet is not None
    assert not await sender.quiet(ALICE)
    local = now.astimezone(scheduler.zone(await store.digests.reader(ALICE)))  # type: ignore[arg-type]
    start = (local - timedelta(hours=1)).strftime("%H:%M")
    end = (local + timedelta(hours=1)).strftime("%H:%M")
    await store.digests.set_quiet(ALICE, start, end, False, None)
    assert await sender.quiet(ALICE)
    await add_story(store, "Night story", ["war"])
    await scheduler.run_once()
    (row,) = await digest_rows(store, ALICE)
    outgoing = await scheduler.content(row)
    assert outgoing is not None and outgoing.silent


async def test_a_crowded_digest_hour_is_queued_a_little_at_a_time(store: Store) -> None:
    """Thousands due at once never flood the outbox: only `backlog` digest messages wait at a
    time, so instant stories are never queued behind more than a couple of seconds of them."""
    now = utcnow()
    for chat_id in range(5000, 5030):
        await add_reader(store, chat_id, ["war"], next_at=now - timedelta(seconds=5))
    await add_story(store, "Everyone's story", ["war"])
    scheduler, _ = await make_scheduler(store, now, backlog=10)
    task = asyncio.create_task(scheduler.run_once())
    seen: list[int] = []
    for _ in range(100):
        await asyncio.sleep(0.05)
        pending = await store.digests.pending_parts()
        seen.append(pending)
        assert pending <= 10
        if pending == 10:  # the sender sends them
            await store.db.execute(
                "UPDATE outbox SET state = 'sent' WHERE kind = 'digest' AND state = 'pending'"
            )
        if task.done():
            break
    assert await task == 30
    assert max(seen) == 10
    rows = await store.db.fetchall("SELECT count(*) FROM outbox WHERE kind = 'digest'")
    assert rows[0][0] == 30


async def test_scheduled_digests_also_tag_what_the_poller_has_not_reached(store: Store) -> None:
    """A story another program wrote a moment ago, not tagged or routed by the poller yet,
    is in the digest all the same (tests/e2e/test_digest_now_fresh.py: /digest now)."""
    now = utcnow()
    await add_reader(store, 7, ["war"], mode="hourly", at=None, next_at=now)
    await store.readers.set_instant(7, False)
    await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead, published_at, tags) VALUES (?, ?, ?, ?, ?)",
            (
                "https://other.example.org/night-strike",
                "Night strike on the port",
                "Written straight into the store.",
                to_iso(now - timedelta(minutes=1)),
                "war",
            ),
        ),
    )
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 1
    (part,) = await store.db.fetchall("SELECT html FROM digest_parts")
    assert "Night strike on the port" in part[0]
    assert await store.db.get_kv(CURSOR_KEY) is None  # the poller's cursor: untouched

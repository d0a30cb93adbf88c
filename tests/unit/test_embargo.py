"""Embargo: a story dated in the future is stored, kept from readers until its time, then posted
once; an edit moves the release. Against a real store (both backends)."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from conftest import ArticleFactory
from harness import other_program

from bot.delivery.poller import Poller
from bot.ingest.tagging import fill_search_lemmas
from bot.models import ArticleIn, to_iso, utcnow
from bot.ops.stats import gather_stats
from bot.store.db import load_migrations
from bot.store.store import Store
from bot.text.search import fts_query

CHANNEL, READER, FOLLOWER = -1002, 501, 502


def poller(store: Store) -> Poller:
    return Poller(store, max_age_hours=24)


async def newsroom(store: Store) -> None:
    """A channel for every story, an instant reader of "war", a reader following "drone"."""
    await store.channels.add(CHANNEL)
    await store.readers.register(READER, "en")
    await store.readers.subscribe(READER, ["war"])
    await store.readers.register(FOLLOWER, "en")
    query = fts_query("drone")
    assert query is not None
    await store.readers.follow(FOLLOWER, "drone", query)


async def chats_of(store: Store, article_id: int) -> set[int]:
    rows = [
        row
        for chat in (CHANNEL, READER, FOLLOWER)
        for row in await store.outbox.all_for_chat(chat)
        if row.article_id == article_id
    ]
    return {row.chat_id for row in rows}


async def test_embargoed_story_waits_for_its_time_then_goes_out_once(
    store: Store, make_article: ArticleFactory
) -> None:
    await newsroom(store)
    now = utcnow().replace(microsecond=0)
    until = now + timedelta(minutes=10)
    item = make_article(title="Drone attack on the port", tags=["war"], published_at=until)
    _, story = await store.articles.upsert(item, now=now)
    kept = await poller(store).poll_once(now)
    assert (kept.new, kept.embargoed, kept.enqueued) == (1, 1, 0)
    assert await chats_of(store, story) == set()
    await fill_search_lemmas(store)
    # nothing a reader sees has it; an admin's preview has
    drone = fts_query("drone")
    assert drone is not None
    assert await store.articles.search(drone, now=now) == []
    assert await store.articles.search_count(drone, now=now) == 0
    assert await store.articles.matching(drone, [story], now=now) == set()
    assert story not in [a.id for a in await store.articles.latest(now=now)]
    assert story not in [a.id for a in await store.articles.latest(topic="war", now=now)]
    assert (await store.articles.latest(now=now, embargoed=True))[0].id == story
    # a minute before: still nothing
    early = await poller(store).poll_once(until - timedelta(minutes=1))
    assert (early.released, early.enqueued) == (0, 0)
    # on its minute: channel, instant reader and follower, once
    out = await poller(store).poll_once(until)
    assert (out.released, out.enqueued) == (1, 3)
    assert await chats_of(store, story) == {CHANNEL, READER, FOLLOWER}
    assert [a.id for a in await store.articles.search(drone, now=until)] == [story]
    assert await store.articles.search_count(drone, now=until) == 1
    again = await poller(store).poll_once(until + timedelta(seconds=5))
    assert (again.released, again.enqueued) == (0, 0)


async def test_an_edit_moves_the_release_later_earlier_and_to_now(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    item = make_article(published_at=now + timedelta(hours=1))
    _, story = await store.articles.upsert(item, now=now)
    await poller(store).poll_once(now)
    # later: its old minute passes, nothing goes out
    item.published_at = now + timedelta(hours=2)
    assert (await store.articles.upsert(item, now=now))[0] == "updated"
    assert (await poller(store).poll_once(now + timedelta(hours=1, minutes=1))).released == 0
    # earlier than ever: out at the new minute
    item.published_at = now + timedelta(minutes=30)
    assert (await store.articles.upsert(item, now=now))[0] == "updated"
    assert (await poller(store).poll_once(now + timedelta(minutes=29))).released == 0
    assert (await poller(store).poll_once(now + timedelta(minutes=30))).released == 1
    assert await chats_of(store, story) == {CHANNEL}
    # a second story released at once by moving its time into the past
    other = make_article(published_at=now + timedelta(days=1))
    _, second = await store.articles.upsert(other, now=now)
    await poller(store).poll_once(now)
    other.published_at = now - timedelta(minutes=5)
    await store.articles.upsert(other, now=now)
    assert (await poller(store).poll_once(now)).released == 1
    assert await chats_of(store, second) == {CHANNEL}


async def test_a_story_kept_back_and_moved_into_the_far_past_goes_out_now(
    store: Store, make_article: ArticleFactory
) -> None:
    """README: moving the time "into the past" releases the story now, also further back
    than MAX_ARTICLE_AGE_HOURS (it went to nobody, and nobody was told); a story stored
    days ago whose time came while the bot was down stays unpushed, as any old story."""
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    item = make_article(published_at=now + timedelta(hours=3))
    _, story = await store.articles.upsert(item, now=now)
    await poller(store).poll_once(now)
    item.published_at = now - timedelta(days=3)  # a slip of the editor's: 3 days back
    await store.articles.upsert(item, now=now)
    result = await poller(store).poll_once(now)
    assert (result.released, result.too_old) == (1, 0)
    assert await chats_of(store, story) == {CHANNEL}

    stale = make_article(published_at=now + timedelta(minutes=1))
    _, late = await store.articles.upsert(stale, now=now)
    await poller(store).poll_once(now)
    await store.db.execute(  # stored three days ago; its minute came two days ago
        "UPDATE articles SET created_at = ?, published_at = ? WHERE id = ?",
        (to_iso(now - timedelta(days=3)), to_iso(now - timedelta(days=2)), late),
    )
    result = await poller(store).poll_once(now)
    assert (result.released, result.too_old) == (1, 1)
    assert await chats_of(store, late) == set()


async def test_a_story_moved_into_the_future_before_release_stays_back(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    item = make_article(published_at=now + timedelta(minutes=5))
    _, story = await store.articles.upsert(item, now=now)
    await poller(store).poll_once(now)
    item.published_at = now + timedelta(days=2)
    await store.articles.upsert(item, now=now)
    stored = await store.articles.get(story)
    assert stored is not None and stored.published_at == now + timedelta(days=2)
    assert (await poller(store).poll_once(now + timedelta(hours=1))).released == 0
    assert await chats_of(store, story) == set()


async def test_a_past_time_from_a_feed_does_not_churn(
    store: Store, make_article: ArticleFactory
) -> None:
    """Re-dating a story that is out already changes nothing (feeds re-date their items)."""
    now = utcnow().replace(microsecond=0)
    item = make_article(published_at=now - timedelta(hours=2))
    await store.articles.upsert(item, now=now)
    item.published_at = now - timedelta(hours=1)
    assert (await store.articles.upsert(item, now=now))[0] == "skipped"


async def test_release_after_a_crash_queues_nothing_twice(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    _, story = await store.articles.upsert(
        make_article(published_at=now + timedelta(minutes=1)), now=now
    )
    await poller(store).poll_once(now)
    assert (await poller(store).poll_once(now + timedelta(minutes=1))).enqueued == 1
    # as if the poller died after routing, before clearing the mark
    await other_program(store.db.url, ("UPDATE articles SET embargoed = 1 WHERE id = ?", (story,)))
    result = await poller(store).poll_once(now + timedelta(minutes=2))
    assert (result.released, result.enqueued) == (1, 0)
    assert len(await store.outbox.all_for_chat(CHANNEL)) == 1


async def test_held_story_stays_held_at_its_time(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    _, story = await store.articles.upsert(
        make_article(published_at=now + timedelta(minutes=1)), now=now
    )
    await store.articles.set_held(story, True)
    await poller(store).poll_once(now)
    assert (await poller(store).poll_once(now + timedelta(minutes=2))).enqueued == 0
    assert await store.outbox.all_for_chat(CHANNEL) == []


async def test_another_programs_embargo_in_its_own_time_format(store: Store) -> None:
    """A writer's "YYYY-MM-DD HH:MM:SS" would compare wrongly as text: the poller rewrites it
    in the store's form when it keeps the story back."""
    await store.channels.add(CHANNEL)
    now = utcnow().replace(microsecond=0)
    until = now + timedelta(hours=3)
    [story] = await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, published_at) VALUES (?, 'Later', ?) RETURNING id",
            ("https://cms.example.org/later", until.strftime("%Y-%m-%d %H:%M:%S")),
        ),
    )
    assert story is not None
    assert (await poller(store).poll_once(now)).embargoed == 1
    assert story not in [a.id for a in await store.articles.latest(now=now)]
    assert (await poller(store).poll_once(now + timedelta(hours=1))).released == 0
    assert (await poller(store).poll_once(until)).released == 1


async def test_digests_take_an_embargoed_story_in_the_period_of_its_release(
    store: Store, make_article: ArticleFactory
) -> None:
    arrived = utcnow().replace(microsecond=0)
    until = arrived + timedelta(hours=2)
    _, story = await store.articles.upsert(
        make_article(tags=["war"], published_at=until), now=arrived
    )
    await store.articles.set_topics(story, ["war"])
    _, plain = await store.articles.upsert(
        make_article(tags=["war"], published_at=arrived), now=arrived
    )
    await store.articles.set_topics(plain, ["war"])
    since = arrived - timedelta(days=1)

    async def digest(start: timedelta, end: timedelta) -> set[int]:
        found = await store.digests.stories(["war"], arrived + start, arrived + end, since)
        return {a.id for a in found}

    # the hour it arrived: only the story that is out
    assert await digest(timedelta(minutes=-30), timedelta(minutes=30)) == {plain}
    assert await digest(timedelta(hours=1), timedelta(hours=2)) == set()  # not out yet
    assert await digest(timedelta(hours=2), timedelta(hours=3)) == {story}  # its release


async def test_stats_list_embargoed_stories_for_admins(
    store: Store, make_article: ArticleFactory
) -> None:
    from zoneinfo import ZoneInfo

    now = utcnow().replace(microsecond=0)
    for hours in (5, 1, 3):
        await store.articles.upsert(
            make_article(title=f"In {hours} h", published_at=now + timedelta(hours=hours)),
            now=now,
        )
    await store.articles.upsert(make_article(title="Out", published_at=now), now=now)
    stats = await gather_stats(store, now=now, zone=ZoneInfo("Europe/Kyiv"))
    assert stats.embargoed == 3
    assert [a.title for a in stats.embargoed_next] == ["In 1 h", "In 3 h", "In 5 h"]


async def test_dateline_is_stored_and_updated(store: Store, make_article: ArticleFactory) -> None:
    item = make_article(dateline="Kyiv")
    _, story = await store.articles.upsert(item)
    stored = await store.articles.get(story)
    assert stored is not None and (stored.dateline, stored.source) == ("Kyiv", "Test Desk")
    item.dateline = "Lviv"
    assert (await store.articles.upsert(item))[0] == "updated"
    stored = await store.articles.get(story)
    assert stored is not None and stored.dateline == "Lviv"


async def test_upgrade_keeps_stories_and_adds_no_embargo(tmp_path: Path) -> None:
    """The embargo migration on a store with stories: none is marked, none has a dateline,
    and the store works on (a story stored before it in the future is held back by time)."""
    path = tmp_path / "news.db"
    migrations = load_migrations()
    mine = next(i for i, m in enumerate(migrations) if "embargo" in m.name)
    conn = sqlite3.connect(path)
    for migration in migrations[:mine]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    later = to_iso(utcnow() + timedelta(days=1))
    conn.execute("INSERT INTO articles (id, url, title) VALUES (1, 'https://e.org/1', 'One')")
    conn.execute(
        "INSERT INTO articles (id, url, title, published_at)"
        " VALUES (2, 'https://e.org/2', 'Two', ?)",
        (later,),
    )
    conn.commit()
    conn.close()
    async with Store(str(path)) as store:
        assert await store.db.schema_version() == len(migrations)
        rows = await store.db.fetchall("SELECT id, embargoed, dateline FROM articles ORDER BY id")
        assert [tuple(r) for r in rows] == [(1, 0, None), (2, 0, None)]
        assert [a.id for a in await store.articles.latest()] == [1]
        await store.articles.upsert(
            ArticleIn(url="https://e.org/3", title="Three", dateline="Kyiv")
        )
        assert (await store.articles.latest())[0].dateline == "Kyiv"

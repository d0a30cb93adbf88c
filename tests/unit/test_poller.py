"""The poller and router against a real store: who gets which story, once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import ArticleFactory
from harness import other_program

from bot.delivery.poller import Poller
from bot.models import utcnow
from bot.store.store import Store
from bot.text.search import display_terms, fts_query


def poller(store: Store) -> Poller:
    return Poller(store, max_age_hours=24)


async def test_new_stories_go_to_matching_channels(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1001, topics=["sport"])
    await store.channels.add(-1002)  # every story
    await store.channels.add(-1003, 5, ["economy"])  # a forum topic
    _, sport = await store.articles.upsert(make_article(tags=["sport"]))
    _, econ = await store.articles.upsert(make_article(tags=["Economy"]))
    result = await poller(store).poll_once()
    assert (result.new, result.enqueued) == (2, 4)
    assert [d.article_id for d in await store.outbox.all_for_chat(-1001)] == [sport]
    assert sorted(d.article_id for d in await store.outbox.all_for_chat(-1002)) == [sport, econ]
    forum = await store.outbox.all_for_chat(-1003)
    assert [(d.article_id, d.thread_id) for d in forum] == [(econ, 5)]
    # a second poll sees nothing new and queues nothing twice
    again = await poller(store).poll_once()
    assert (again.new, again.enqueued) == (0, 0)


async def test_old_and_held_stories_are_not_pushed(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1002)
    await store.articles.upsert(make_article(published_at=utcnow() - timedelta(hours=25)))
    await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, held) VALUES (?, 'Held', 1)",
            ("https://x.example/held",),
        ),
    )
    result = await poller(store).poll_once()
    assert result.too_old == 1
    assert result.enqueued == 0
    assert await store.outbox.all_for_chat(-1002) == []


async def test_edit_of_a_sent_story_requests_an_edit(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1002)
    item = make_article()
    await store.articles.upsert(item)
    await poller(store).poll_once()
    [row] = await store.outbox.all_for_chat(-1002)
    await store.outbox.mark_sent(row.id, message_id=7, as_photo=False, rev=1, now=utcnow())
    item.lead = "A corrected lead."
    assert (await store.articles.upsert(item))[0] == "updated"
    result = await poller(store).poll_once()
    assert result.edited == 1 and result.enqueued == 0
    [row] = await store.outbox.all_for_chat(-1002)
    assert (row.state, row.sent_rev, row.want_rev) == ("sent", 1, 2)


async def test_external_insert_gets_topics_from_keywords(store: Store) -> None:
    await store.channels.add(-1001, topics=["war"])
    await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead) VALUES (?, ?, ?)",
            ("https://cms.example.org/1", "Обстріл Харкова: пошкоджено будинки", "Ракетний удар."),
        ),
    )
    result = await poller(store).poll_once()
    assert result.enqueued == 1
    [row] = await store.outbox.all_for_chat(-1001)
    article = await store.articles.get(row.article_id)
    assert article is not None and "war" in article.topics


async def test_instant_readers_get_each_story_once(
    store: Store, make_article: ArticleFactory
) -> None:
    for chat_id, topics in {1: ["sport", "world"], 2: ["economy"], 3: []}.items():
        await store.readers.register(chat_id, "en")
        await store.readers.subscribe(chat_id, topics)
    await store.readers.register(4, "uk")
    await store.readers.subscribe(4, ["sport"])
    await store.readers.set_instant(4, False)  # digest-only reader
    await store.readers.register(5, "uk")
    await store.readers.subscribe(5, ["sport"])
    await store.readers.deactivate(5, "blocked")
    _, both = await store.articles.upsert(make_article(tags=["sport", "world"]))
    await poller(store).poll_once()
    assert [(d.article_id, d.kind) for d in await store.outbox.all_for_chat(1)] == [
        (both, "instant")
    ]
    for chat_id in (2, 3, 4, 5):
        assert await store.outbox.all_for_chat(chat_id) == []


async def test_routing_a_story_again_queues_no_one_twice(
    store: Store, make_article: ArticleFactory
) -> None:
    """A poll repeated after a crash routes the same story again: readers already queued
    (a topic reader, a follower) are left out, a reader subscribed since gets it."""
    await store.readers.register(1, "uk")
    await store.readers.subscribe(1, ["sport"])
    query = fts_query("Харків")
    assert query is not None
    await store.readers.register(2, "uk")
    await store.readers.follow(2, "харків", query)
    _, story = await store.articles.upsert(make_article(tags=["sport"]))
    route = {
        "article_id": story,
        "published_at": "2025-01-01T00:00:00+00:00",
        "rev": 1,
        "topics": ["sport"],
        "follow_queries": [query],
        "priority": 5,
    }
    assert await store.readers.enqueue_instant(**route) == 2
    await store.readers.register(3, "uk")
    await store.readers.subscribe(3, ["sport"])
    assert await store.readers.enqueue_instant(**route) == 1
    for chat_id in (1, 2, 3):
        assert [d.article_id for d in await store.outbox.all_for_chat(chat_id)] == [story]


async def test_follows_match_whatever_the_topics(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.readers.register(10, "uk")
    query = fts_query("Харків")
    assert query is not None
    await store.readers.follow(10, "харків", query)
    await store.readers.register(11, "uk")
    await store.readers.subscribe(11, ["culture"])
    phrase = fts_query('"Верховна Рада"')
    assert phrase is not None
    await store.readers.follow(11, display_terms('"Верховна Рада"'), phrase)
    _, hit = await store.articles.upsert(
        make_article(title="У Харкові відкрили метро", lead="Після ремонту.", tags=["culture"])
    )
    _, miss = await store.articles.upsert(
        make_article(title="Рада ухвалила бюджет", lead="Верховна, але не та фраза.")
    )
    await poller(store).poll_once()
    assert [d.article_id for d in await store.outbox.all_for_chat(10)] == [hit]  # "Харкові"
    assert [d.article_id for d in await store.outbox.all_for_chat(11)] == [hit]  # by topic, once
    _, exact = await store.articles.upsert(
        make_article(title="ТЕЦ Харкова готується до зими", lead="Верховна Рада дала кошти.")
    )
    await poller(store).poll_once()
    assert [d.article_id for d in await store.outbox.all_for_chat(10)] == [hit, exact]
    assert sorted(d.article_id for d in await store.outbox.all_for_chat(11)) == [hit, exact]
    assert miss not in {d.article_id for d in await store.outbox.all_for_chat(11)}


async def test_a_story_stored_while_the_poll_runs_is_no_embargo(
    store: Store, make_article: ArticleFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed item without a date is stored with the time it was read. Stored after a poll
    began (and read by that poll), it lay "in the future" of the poll's start: it was kept
    as an embargo and logged as one released a moment later. It goes out at once."""
    await store.channels.add(-1002)
    start = utcnow()
    await store.articles.upsert(make_article(published_at=start + timedelta(seconds=2)))
    clock = iter([start])
    monkeypatch.setattr(
        "bot.delivery.poller.utcnow", lambda: next(clock, start + timedelta(seconds=3))
    )
    result = await poller(store).poll_once()
    assert (result.new, result.enqueued, result.embargoed, result.released) == (1, 1, 0, 0)
    assert await store.articles.due_releases(start + timedelta(days=1)) == []

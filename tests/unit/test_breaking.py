"""Breaking news: category matching, priorities, JSON Lines `urgent`, and the store's part
(the urgent column, its trigger, the urgent queue, readers in quiet hours), on both stores."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from conftest import ArticleFactory
from harness import other_program

from bot.config import Settings
from bot.delivery.limiter import PRIORITY_CHANNEL, PRIORITY_REPLY
from bot.delivery.poller import Poller
from bot.ingest.breaking import DEFAULT_CATEGORIES, breaking_matcher, is_breaking
from bot.ingest.formats.jsonlines import parse_jsonl
from bot.models import utcnow
from bot.store.outbox import PIN_KIND, PRIORITY, URGENT, Pin
from bot.store.store import Store

DEFAULT = breaking_matcher(DEFAULT_CATEGORIES)


@pytest.mark.parametrize(
    "categories",
    [["Breaking"], ["breaking news"], ["ТЕРМІНОВО"], ["#терміново"], ["Politics", "Urgent"]],
)
def test_a_category_that_names_it_marks_a_story_urgent(categories: list[str]) -> None:
    assert is_breaking(categories, DEFAULT)


@pytest.mark.parametrize(
    "categories", [[], ["Politics"], ["Breakingviews"], ["термінал"], ["Emergency"]]
)
def test_other_categories_do_not(categories: list[str]) -> None:
    assert not is_breaking(categories, DEFAULT)


def test_entries_of_several_words_match_as_a_run() -> None:
    words = breaking_matcher(["Breaking News", " ", ""])
    assert words == (("breaking", "news"),)
    assert is_breaking(["Latest breaking news"], words)
    assert not is_breaking(["Breaking"], words)
    assert not is_breaking(["news breaking"], words)


def test_the_setting_splits_on_commas_and_defaults_to_the_contract() -> None:
    assert Settings(_env_file=None).breaking_categories == DEFAULT_CATEGORIES  # type: ignore[call-arg]
    custom = Settings(_env_file=None, breaking_categories="flash, Eilmeldung ,")  # type: ignore[call-arg]
    assert custom.breaking_categories == ("flash", "Eilmeldung")
    assert Settings(_env_file=None).pin_breaking is True  # type: ignore[call-arg]


def test_urgent_goes_after_replies_and_before_everything_queued() -> None:
    assert PRIORITY_REPLY < URGENT < PRIORITY_CHANNEL == PRIORITY["channel"]
    assert min(v for k, v in PRIORITY.items() if k not in ("urgent", PIN_KIND)) > URGENT
    assert PRIORITY[PIN_KIND] == URGENT


def test_json_lines_urgent_field() -> None:
    lines = [
        {"url": "https://a.example/1", "title": "One", "urgent": True},
        {"url": "https://a.example/2", "title": "Two", "urgent": False},
        {"url": "https://a.example/3", "title": "Three"},
        {"url": "https://a.example/4", "title": "Four", "urgent": None},
        {"url": "https://a.example/5", "title": "Five", "urgent": "yes"},
        {"url": "https://a.example/6", "title": "Six", "urgent": 1},
    ]
    feed = parse_jsonl("\n".join(json.dumps(line) for line in lines))
    assert [item.urgent for item in feed.items] == [True, False, False, False]
    assert len(feed.errors) == 2
    assert "line 5: urgent must be true or false" in feed.errors[0]


async def test_upsert_marks_urgent_and_never_unmarks(
    store: Store, make_article: ArticleFactory
) -> None:
    item = make_article(urgent=True)
    status, article_id = await store.articles.upsert(item)
    article = await store.articles.get(article_id)
    assert status == "new" and article is not None and article.urgent
    item.urgent = False
    assert (await store.articles.upsert(item))[0] == "skipped"
    again = await store.articles.get(article_id)
    assert again is not None and again.urgent
    plain = make_article()
    _, plain_id = await store.articles.upsert(plain)
    plain.urgent = True  # the feed says "breaking" now
    assert (await store.articles.upsert(plain))[0] == "updated"
    marked = await store.articles.get(plain_id)
    assert marked is not None and marked.urgent and marked.rev == 2


async def test_another_program_setting_the_column_is_an_edit(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1002)
    _, article_id = await store.articles.upsert(make_article())
    poller = Poller(store, max_age_hours=24)
    await poller.poll_once()
    [row] = await store.outbox.all_for_chat(-1002)
    assert row.priority == PRIORITY["channel"]
    await other_program(
        store.db.url, ("UPDATE articles SET urgent = 1 WHERE id = ?", (article_id,))
    )
    article = await store.articles.get(article_id)
    assert article is not None and article.urgent and article.rev == 2
    changes = await store.articles.waiting_changes()
    assert [(c.article_id, c.kind) for c in changes] == [(article_id, "edit")]
    result = await poller.poll_once()
    assert result.edited == 1
    [row] = await store.outbox.all_for_chat(-1002)
    assert row.priority == URGENT  # still waiting: it now goes first


async def test_urgent_rows_are_due_before_a_queued_fan_out(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1002)
    for chat_id in range(1, 6):
        await store.readers.register(chat_id, "en")
        await store.readers.subscribe(chat_id, ["politics"])
    poller = Poller(store, max_age_hours=24)
    await store.articles.upsert(
        make_article(tags=["politics"], published_at=utcnow() - timedelta(minutes=1))
    )
    await poller.poll_once()
    # newer than the queued story (a future time would be an embargo): it still goes first
    _, urgent_id = await store.articles.upsert(make_article(tags=["politics"], urgent=True))
    await poller.poll_once()
    due = await store.outbox.due(utcnow() + timedelta(seconds=1), limit=100)
    assert len(due) == 12
    assert [d.article_id for d in due[:6]] == [urgent_id] * 6  # the channel, then 5 readers
    assert due[0].chat_id == -1002
    assert all(d.priority == URGENT for d in due[:6])
    only_urgent = await store.outbox.due(utcnow(), limit=100, max_priority=URGENT)
    assert {d.article_id for d in only_urgent} == {urgent_id}


async def test_urgent_stories_reach_readers_holding_quiet_hours_unless_opted_out(
    store: Store, make_article: ArticleFactory
) -> None:
    now = utcnow()
    for chat_id in (1, 2, 3):
        await store.readers.register(chat_id, "en")
        await store.readers.subscribe(chat_id, ["war"])
    window = (now - timedelta(hours=1), now + timedelta(hours=1))
    await store.digests.set_quiet(1, "00:00", "23:59", True, window)
    await store.digests.set_quiet(2, "00:00", "23:59", True, window)
    await store.readers.set_breaking_alerts(2, False)
    reader = await store.readers.get(2)
    assert reader is not None and not reader.breaking_alerts
    poller = Poller(store, max_age_hours=24)
    _, plain = await store.articles.upsert(make_article(tags=["war"]))
    _, urgent = await store.articles.upsert(make_article(tags=["war"], urgent=True))
    await poller.poll_once()
    got = {
        chat_id: [d.article_id for d in await store.outbox.all_for_chat(chat_id)]
        for chat_id in (1, 2, 3)
    }
    assert got == {1: [urgent], 2: [], 3: [plain, urgent]}
    [row] = await store.outbox.all_for_chat(1)
    assert row.priority == URGENT


async def test_pins_are_remembered_per_channel(store: Store) -> None:
    assert await store.outbox.current_pin(-1002, 0) is None
    await store.outbox.remember_pin(Pin(-1002, 0, 10, 1), utcnow())
    await store.outbox.remember_pin(Pin(-1002, 0, 12, 2), utcnow())
    await store.outbox.remember_pin(Pin(-1002, 7, 3, 2), utcnow())
    assert await store.outbox.current_pin(-1002, 0) == Pin(-1002, 0, 12, 2)
    assert await store.outbox.current_pin(-1002, 7) == Pin(-1002, 7, 3, 2)

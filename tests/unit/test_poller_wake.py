"""The poller routes a story at once: woken in-process by the ingestor, and on PostgreSQL by
the change log's NOTIFY whoever wrote the story; and it never loses a change that commits
late with a lower number."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
import pytest
from conftest import ArticleFactory
from harness import other_program

from bot.delivery.poller import Poller
from bot.ingest.formats.common import ParsedFeed
from bot.ingest.service import Ingestor
from bot.store.store import Store

SLOW = 60.0  # the poll interval: far longer than any test waits


@contextlib.asynccontextmanager
async def polling(store: Store) -> AsyncIterator[Poller]:
    poller = Poller(store, max_age_hours=24)
    task = asyncio.create_task(poller.run(SLOW))
    try:
        await asyncio.sleep(0.3)  # its first round (and LISTEN) done
        yield poller
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def routed_within(store: Store, chat_id: int, seconds: float) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if await store.outbox.all_for_chat(chat_id):
            return True
        await asyncio.sleep(0.02)
    return False


async def test_a_story_ingested_in_process_wakes_the_poller(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1001)
    async with httpx.AsyncClient() as client, polling(store) as poller:
        ingestor = Ingestor(store, client)
        ingestor.on_stored = poller.wake
        await ingestor.store_feed(ParsedFeed(title="Desk", items=[make_article()]))
        assert await routed_within(store, -1001, 2.0)


@pytest.mark.postgresql_only
async def test_a_story_another_program_inserts_wakes_the_poller(store: Store) -> None:
    await store.channels.add(-1001)
    async with polling(store):
        await other_program(
            store.db.url,
            (
                "INSERT INTO articles (url, title) VALUES (?, ?)",
                ("https://cms.example.org/x", "Written by the CMS"),
            ),
        )
        assert await routed_within(store, -1001, 2.0)


async def test_without_a_wake_the_poller_waits_for_its_interval(
    store: Store, make_article: ArticleFactory
) -> None:
    """The check above can fail: nothing routes a story stored without a wake (SQLite) or
    NOTIFY, until the interval."""
    await store.channels.add(-1001)
    async with polling(store):
        if store.db.dialect.name == "postgresql":
            await store.db.execute("ALTER TABLE article_changes DISABLE TRIGGER USER")
        await store.articles.upsert(make_article())
        assert not await routed_within(store, -1001, 1.0)


async def test_a_change_that_commits_late_with_a_lower_number_is_not_lost(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.channels.add(-1001)
    poller = Poller(store, max_age_hours=24)
    _, first = await store.articles.upsert(make_article())
    _, second = await store.articles.upsert(make_article())
    [early, late] = await store.articles.waiting_changes()
    # as if `early` had not committed yet when the poller read the log
    await store.db.execute("DELETE FROM article_changes WHERE seq = ?", (early.seq,))
    await poller.poll_once()
    await store.db.execute(
        "INSERT INTO article_changes (seq, article_id, kind) VALUES (?, ?, 'new')",
        (early.seq, early.article_id),
    )
    await poller.poll_once()
    routed = {row.article_id for row in await store.outbox.all_for_chat(-1001)}
    assert routed == {first, second} and late.seq > early.seq

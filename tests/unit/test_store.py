"""The store: migrations, upserts per URL, the change log, the outbox's uniqueness."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from harness import other_program

from bot.store.db import load_migrations, open_database
from bot.store.outbox import NewDelivery
from bot.store.store import Store


async def test_migrations_apply_in_order_and_are_idempotent(blank_db: str) -> None:
    async with open_database(blank_db) as db:
        migrations = load_migrations(db.dialect.name)
        assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
        applied = await db.migrate()
        assert applied == [m.name for m in migrations]
        assert await db.schema_version() == len(migrations)
        assert await db.migrate() == []
        if db.dialect.name == "sqlite":
            mode = await db.fetchone("PRAGMA journal_mode")
            assert mode is not None and mode[0] == "wal"
        topics = await db.fetchall("SELECT slug FROM topics ORDER BY position")
        assert [r[0] for r in topics][:3] == ["politics", "war", "economy"]


async def test_failed_migration_rolls_back_with_its_version(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.store import db as db_module

    dialect = open_database(blank_db).dialect.name
    good = load_migrations(dialect)
    broken = [
        *good,
        db_module.Migration(
            len(good) + 1,
            "9999_broken.sql",
            "CREATE TABLE half (x INTEGER); INSERT INTO nope VALUES (1);",
        ),
    ]
    monkeypatch.setattr(db_module, "load_migrations", lambda _dialect: broken)
    async with open_database(blank_db) as db:
        await db.execute("CREATE TABLE kept (x INTEGER)")  # the table each backend can see
        with pytest.raises(RuntimeError, match=r"9999_broken\.sql failed"):
            await db.migrate()
        assert await db.schema_version() == len(good)
        with pytest.raises(Exception, match="half"):
            await db.fetchone("SELECT * FROM half")
        assert await db.fetchall("SELECT * FROM kept") == []


async def test_store_newer_than_code_is_refused(db_path: str) -> None:
    async with open_database(db_path) as db:
        await db.migrate()
        if db.dialect.name == "sqlite":
            await db.execute("PRAGMA user_version = 999")
        else:
            await db.execute("UPDATE newsbot_schema SET version = 999")
        with pytest.raises(RuntimeError, match="newer than this newsbot"):
            await db.migrate()


async def test_upsert_once_per_url_and_updates_in_place(
    store: Store, make_article: ArticleFactory
) -> None:
    item = make_article(title="Original headline")
    status, first_id = await store.articles.upsert(item)
    assert status == "new"
    again, same_id = await store.articles.upsert(item)
    assert (again, same_id) == ("skipped", first_id)
    item.title = "Corrected headline"
    changed, changed_id = await store.articles.upsert(item)
    assert (changed, changed_id) == ("updated", first_id)
    article = await store.articles.get(first_id)
    assert article is not None
    assert article.title == "Corrected headline"
    assert article.rev == 2
    assert await store.articles.count() == 1
    kinds = [c.kind for c in await store.articles.changes_after(0)]
    assert kinds == ["new", "edit"]


async def test_a_changed_dateline_alone_is_an_edit(
    store: Store, make_article: ArticleFactory
) -> None:
    """The dateline is part of what a message shows: changing only it edits the posts sent
    (the next revision and an 'edit'); a title and dateline changed at once are one edit."""
    item = make_article(title="Headline")
    item.dateline = "Київ • UNN"
    _, article_id = await store.articles.upsert(item)
    item.dateline = "Львів • UNN"
    assert await store.articles.upsert(item) == ("updated", article_id)
    article = await store.articles.get(article_id)
    assert article is not None and article.dateline == "Львів • UNN" and article.rev == 2
    item.title, item.dateline = "New headline", "Одеса • UNN"
    assert await store.articles.upsert(item) == ("updated", article_id)
    article = await store.articles.get(article_id)
    assert article is not None and article.rev == 3
    kinds = [c.kind for c in await store.articles.changes_after(0)]
    assert kinds == ["new", "edit", "edit"]


async def test_external_insert_is_seen_by_the_change_log(store: Store) -> None:
    """Another program INSERTs with only the documented columns; we pick it up."""
    await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead) VALUES (?, ?, ?)",
            ("https://cms.example.org/a/1", "From the CMS", "Written by another program."),
        ),
        ("UPDATE articles SET views = 10 WHERE url = ?", ("https://cms.example.org/a/1",)),
        ("UPDATE articles SET lead = 'Changed.' WHERE url = ?", ("https://cms.example.org/a/1",)),
    )
    changes = await store.articles.changes_after(0)
    assert [c.kind for c in changes] == ["new", "edit"]  # the views-only update is no edit
    article = await store.articles.get(changes[0].article_id)
    assert article is not None and article.rev == 2 and article.lead == "Changed."


async def test_outbox_rows_are_unique_per_chat_story_kind(
    store: Store, make_article: ArticleFactory
) -> None:
    _, article_id = await store.articles.upsert(make_article())
    row = NewDelivery(
        chat_id=-100,
        article_id=article_id,
        kind="channel",
        published_at="2026-11-24T12:00:00+00:00",
        want_rev=1,
    )
    assert await store.outbox.enqueue([row, row]) == 1
    assert await store.outbox.enqueue([row]) == 0
    other_thread = NewDelivery(
        chat_id=-100,
        thread_id=7,
        article_id=article_id,
        kind="channel",
        published_at="2026-11-24T12:00:00+00:00",
        want_rev=1,
    )
    assert await store.outbox.enqueue([other_thread]) == 1
    assert (await store.outbox.counts())["pending"] == 2


async def test_store_reopens_with_data(db_path: str, make_article: ArticleFactory) -> None:
    async with Store(db_path) as first:
        await first.articles.upsert(make_article(url="https://x.example/a"))
    async with Store(db_path) as second:
        assert await second.articles.count() == 1


async def test_prune_forgets_old_sent_and_failed_rows_only(
    store: Store, make_article: ArticleFactory
) -> None:
    from datetime import timedelta

    from bot.models import utcnow

    _, article_id = await store.articles.upsert(make_article())
    rows = [
        NewDelivery(
            chat_id=c,
            article_id=article_id,
            kind="instant",
            published_at="2026-11-24T12:00:00+00:00",
            want_rev=1,
        )
        for c in (1, 2, 3)
    ]
    await store.outbox.enqueue(rows)
    first, second, third = [(await store.outbox.all_for_chat(c))[0] for c in (1, 2, 3)]
    await store.outbox.mark_sent(first.id, message_id=1, as_photo=False, rev=1, now=utcnow())
    await store.outbox.mark_failed(second.id, "blocked")
    assert await store.outbox.prune(utcnow() - timedelta(days=1)) == 0  # all recent
    assert await store.outbox.prune(utcnow() + timedelta(seconds=5), batch=1) == 2
    assert [d.id for c in (1, 2, 3) for d in await store.outbox.all_for_chat(c)] == [third.id]


async def test_a_transaction_cancelled_on_its_way_in_does_not_wedge_the_store(
    store: Store, make_article: ArticleFactory
) -> None:
    """A shutdown cancels tasks wherever they are, even while their BEGIN is still on its
    way to the connection's thread; the next transaction must start all the same."""
    import asyncio

    async def writer() -> None:
        async with store.db.transaction() as conn:
            await conn.execute("UPDATE kv SET value = value")

    for delay in range(40):
        task = asyncio.create_task(writer())
        for _ in range(delay % 4):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        status, _ = await store.articles.upsert(make_article())
        assert status == "new"
    assert await store.articles.count() == 40


async def test_a_postgresql_host_that_never_answers_is_one_line_soon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A host that takes the connection and says nothing (packets dropped after the SYN, a
    stalled proxy) fails the open after CONNECT_TIMEOUT, not asyncpg's default minute."""
    import asyncio
    import time

    from bot.store import db as db_module

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never answers the startup message
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    monkeypatch.setattr(db_module, "CONNECT_TIMEOUT", 0.5, raising=False)
    database = open_database(f"postgresql://newsbot:pw-s3cret@127.0.0.1:{port}/news")
    started = time.monotonic()
    try:
        with pytest.raises(db_module.StoreUnavailable) as raised:
            await asyncio.wait_for(database.open(), 10)
    finally:
        server.close()
    assert time.monotonic() - started < 5
    assert str(raised.value) == (
        f"cannot open the store postgresql://newsbot:***@127.0.0.1:{port}/news:"
        " no answer (timed out)"
    )

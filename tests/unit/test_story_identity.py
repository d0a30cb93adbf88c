"""Which stored story an item is: within one source the same GUID is the same story (its link
may change), else the same URL (http and https of it are one); both stores."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from upgrade import schema_before

from bot.store.store import Store


async def kinds(store: Store) -> list[str]:
    return [c.kind for c in await store.articles.changes_after(0)]


async def stored_urls(store: Store) -> list[str]:
    return [str(row[0]) for row in await store.db.fetchall("SELECT url FROM articles ORDER BY id")]


async def test_a_corrected_link_of_the_same_guid_is_an_edit_not_a_second_story(
    store: Store, make_article: ArticleFactory
) -> None:
    source = await store.sources.add("https://dyn3.example/feed.xml", interval=10)
    item = make_article(url="http://dyn3.example/story-2", guid="h2")
    assert await store.articles.upsert(item, source_id=source) == ("new", 1)
    assert await store.articles.upsert(item, source_id=source) == ("skipped", 1)

    item.url = "http://dyn3.example/story-2-slug-fixed"  # a corrected slug
    assert await store.articles.upsert(item, source_id=source) == ("updated", 1)
    item.url = "https://dyn3.example/story-2-slug-fixed"  # http:// become https://
    assert await store.articles.upsert(item, source_id=source) == ("updated", 1)
    assert await store.articles.upsert(item, source_id=source) == ("skipped", 1)

    article = await store.articles.get(1)
    assert article is not None and article.url == "https://dyn3.example/story-2-slug-fixed"
    assert article.rev == 3  # each new link an edit: the posts are edited in place
    assert await kinds(store) == ["new", "edit", "edit"]
    assert await store.articles.count() == 1


async def test_the_same_guid_in_two_sources_is_two_stories(
    store: Store, make_article: ArticleFactory
) -> None:
    first = await store.sources.add("https://a.example/feed")
    second = await store.sources.add("https://b.example/feed")
    one = make_article(url="https://a.example/1", guid="1")
    other = make_article(url="https://b.example/1", guid="1")
    assert await store.articles.upsert(one, source_id=first) == ("new", 1)
    assert await store.articles.upsert(other, source_id=second) == ("new", 2)
    other.url = "https://b.example/1-fixed"
    assert await store.articles.upsert(other, source_id=second) == ("updated", 2)
    assert await stored_urls(store) == ["https://a.example/1", "https://b.example/1-fixed"]


async def test_without_a_source_or_a_guid_a_story_is_its_url(
    store: Store, make_article: ArticleFactory
) -> None:
    """`newsbot ingest` (no source) and items without a GUID: one story per URL, as before;
    the http and https forms of a URL are one story, kept at https."""
    item = make_article(url="https://x.example/a", guid="g")
    assert await store.articles.upsert(item) == ("new", 1)
    item.url = "https://x.example/b"
    assert await store.articles.upsert(item) == ("new", 2)  # no source: the GUID names nothing

    plain = make_article(url="http://x.example/c")
    assert await store.articles.upsert(plain) == ("new", 3)
    plain.url = "https://x.example/c"
    assert await store.articles.upsert(plain) == ("updated", 3)
    plain.url = "http://x.example/c"  # a step back to http: the same story, its https kept
    assert await store.articles.upsert(plain) == ("skipped", 3)
    assert await stored_urls(store) == [
        "https://x.example/a",
        "https://x.example/b",
        "https://x.example/c",
    ]
    assert await kinds(store) == ["new", "new", "new", "edit"]


async def test_a_guid_another_story_holds_leaves_a_stored_url_its_own_story(
    store: Store, make_article: ArticleFactory
) -> None:
    """A feed that gives a stored story's GUID to another stored URL: the URL's story is
    updated and keeps its own GUID; neither story is merged into the other."""
    source = await store.sources.add("https://c.example/feed")
    first = make_article(url="https://c.example/1", guid="one")
    second = make_article(url="https://c.example/2", guid="two")
    await store.articles.upsert(first, source_id=source)
    await store.articles.upsert(second, source_id=source)
    second.guid, second.title = "one", "Second, retitled"
    assert await store.articles.upsert(second, source_id=source) == ("updated", 2)
    rows = await store.db.fetchall("SELECT url, guid, title FROM articles ORDER BY id")
    assert [tuple(r) for r in rows] == [
        ("https://c.example/1", "one", first.title),
        ("https://c.example/2", "two", "Second, retitled"),
    ]


async def test_a_guid_that_changes_follows_the_url_silently(
    store: Store, make_article: ArticleFactory
) -> None:
    """A feed whose GUIDs are not stable: the story is its URL, and its GUID the latest
    one, recorded without an edit."""
    source = await store.sources.add("https://d.example/feed")
    item = make_article(url="https://d.example/1", guid="2026-01-01T10:00")
    await store.articles.upsert(item, source_id=source)
    item.guid = "2026-01-01T10:05"
    assert await store.articles.upsert(item, source_id=source) == ("skipped", 1)
    row = await store.db.fetchone("SELECT guid, rev FROM articles")
    assert row is not None and tuple(row) == ("2026-01-01T10:05", 1)
    assert await kinds(store) == ["new"]


async def test_stories_stored_before_guids_get_theirs_and_follow_their_link(
    blank_db: str, make_article: ArticleFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Migration 0036 on a store of the version before: a story a source stored gets its
    GUID the next time the feed lists it (no edit), and then follows its link; a row another
    program wrote (no source, no GUID) is one story per URL as before."""
    async with schema_before(blank_db, "0036_", monkeypatch) as db:
        await db.execute("INSERT INTO sources (id, url) VALUES (1, 'https://e.example/feed')")
        await db.execute(
            "INSERT INTO articles (url, title, lead, source_id, tags) VALUES"
            " ('https://e.example/1', 'Old story', 'Its lead.', 1, ''),"
            " ('https://e.example/other', 'Written by the CMS', '', NULL, '')"
        )
    async with Store(blank_db) as store:
        item = make_article(url="https://e.example/1", title="Old story", lead="Its lead.")
        item.guid, item.published_at = "e1", None
        assert await store.articles.upsert(item, source_id=1) == ("skipped", 1)
        item.url = "https://e.example/1-fixed"
        assert await store.articles.upsert(item, source_id=1) == ("updated", 1)
        other = make_article(url="https://e.example/other", title="Written by the CMS", lead="")
        other.guid = "e2"
        assert await store.articles.upsert(other, source_id=1) == ("skipped", 2)
        assert await stored_urls(store) == ["https://e.example/1-fixed", "https://e.example/other"]
        row = await store.db.fetchone("SELECT guid FROM articles WHERE id = 2")
        assert row is not None and row[0] is None  # not the source's story: no GUID of its

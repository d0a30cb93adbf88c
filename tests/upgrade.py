"""Stores of an older schema, for tests of the migrations that upgrade them."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import cache

import pytest

from bot.ingest.tagging import upgrade_lemmas
from bot.models import Topic
from bot.store import db as db_module
from bot.store.db import Database, load_migrations, open_database
from bot.store.store import Store
from bot.text.lemmas import has_cyrillic
from bot.text.search import fts_query


@asynccontextmanager
async def schema_before(
    target: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Database]:
    """The store at `target` migrated up to the migration whose name starts with `name`
    (not including it), open for a test to write what the old code wrote."""
    migrations = load_migrations(open_database(target).dialect.name)
    first = next(m for m in migrations if m.name.startswith(name))
    before = [m for m in migrations if m.version < first.version]
    with monkeypatch.context() as patch:
        patch.setattr(db_module, "load_migrations", lambda _dialect: before)
        async with open_database(target) as db:
            await db.migrate()
            yield db


async def index_as_before(db: Database, stories: list[tuple[str, str, str]]) -> None:
    """Stories (url, headline, search index) as an older version stored them: the index
    holds the lemmas its lemmatizer gave, the lead is empty."""
    await db.executemany(
        "INSERT INTO articles (url, title, lead, search_text) VALUES (?, ?, '', ?)", stories
    )


async def follows_as_before(db: Database, follows: list[tuple[str, str]]) -> None:
    """Reader 1 (Ukrainian) and its follows (words typed, the query an older version built
    from them with its lemmatizer)."""
    await db.execute("INSERT INTO readers (chat_id, language) VALUES (1, 'uk')")
    await db.executemany("INSERT INTO follows (chat_id, words, query) VALUES (1, ?, ?)", follows)


@asynccontextmanager
async def reindexed(
    target: str,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
    stories: list[tuple[str, str, str]],
    follows: list[tuple[str, str]],
) -> AsyncIterator[Store]:
    """The store at `target` upgraded through the migration whose name starts with `name`,
    from `stories` and reader 1's `follows` as the old code stored them: the stories of
    Cyrillic headlines wait to be indexed again (the others keep their lemmas), then
    `upgrade_lemmas` indexes them and builds the follows again."""
    async with schema_before(target, name, monkeypatch) as db:
        await index_as_before(db, stories)
        await follows_as_before(db, follows)
    async with Store(target) as store:
        assert await store.db.get_kv("lemmas.rules") == "1"
        waiting = [row.title for row in await store.articles.unlemmatized(10)]
        assert waiting == [title for _, title, _ in stories if has_cyrillic(title)]
        await upgrade_lemmas(store)
        yield store


async def found_urls(store: Store, words: str) -> list[str]:
    """The URLs `/search WORDS` finds in the store, sorted (the index as the upgrade left it)."""
    query = fts_query(words)
    assert query is not None
    return sorted(article.url for article in await store.articles.search(query, limit=10))


@cache
def rules_added(migration: str) -> frozenset[tuple[str, str]]:
    """The (topic, rule) pairs a glossary migration's VALUES add (`migration`: its file name)."""
    text = next(m.sql for m in load_migrations() if m.name == migration)
    found = re.findall(r"\('([a-z]+)', '((?:[^']|'')+)'\)", text)
    return frozenset((topic, rule.replace("''", "'")) for topic, rule in found)


def without_rules(topics: list[Topic], migration: str) -> list[Topic]:
    """The topics as they were before a glossary migration added its rules."""
    added = rules_added(migration)
    return [
        replace(t, keywords=tuple(k for k in t.keywords if (t.slug, k) not in added))
        for t in topics
    ]


async def check_glossary_upgrade(
    target: str, migration: str, monkeypatch: pytest.MonkeyPatch, *, removed: str, own: str
) -> None:
    """Upgrade through a glossary migration a store where an admin removed the topic
    `removed` and added the rule `own` to economy: the glossary's rules reach every topic
    still there and none the removed one, and the admin's rule stays."""
    async with schema_before(target, migration[:5], monkeypatch) as db:
        await db.execute("DELETE FROM topic_keywords WHERE topic = ?", (removed,))
        await db.execute("DELETE FROM topics WHERE slug = ?", (removed,))
        await db.execute(
            "INSERT INTO topic_keywords (topic, keyword) VALUES ('economy', ?)", (own,)
        )
    async with Store(target) as store:
        rules = set(await store.topics.all_keywords())
    assert {(t, k) for t, k in rules_added(migration) if t != removed} <= rules
    assert not {(t, k) for t, k in rules if t == removed}
    assert ("economy", own) in rules


TOPICS = {
    "politics", "war", "economy", "world", "society", "culture", "sport", "tech", "health",
    "crime",
}  # fmt: skip


def checked_glossary(migration: str, at_least: int) -> set[str]:
    """A glossary migration's rules, checked as every glossary is: at least `at_least`,
    every default topic given some, each rule in one topic only."""
    added = rules_added(migration)
    assert len(added) > at_least
    assert {topic for topic, _ in added} == TOPICS
    rules = [rule for _, rule in added]
    assert len(rules) == len(set(rules))
    return set(rules)

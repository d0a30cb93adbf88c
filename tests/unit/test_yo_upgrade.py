"""Russian "ё" and "е" meet (bot/text/lemmas.py), and migration 0022 brings a store of schema
21 along on both stores: rules, the search index and readers' follows that hold "ё"."""

from __future__ import annotations

import pytest

from bot.ingest.tagging import upgrade_lemmas
from bot.ingest.topics import keyword_matches, rule_lemmas
from bot.store import db as db_module
from bot.store.db import load_migrations, open_database
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas
from bot.text.search import fts_query


@pytest.mark.parametrize(
    ("with_yo", "without"),
    [
        ("вертолёт", "вертолет"),
        ("Вертолёта", "вертолета"),
        ("наёмники", "наемники"),
        ("миномётом", "минометом"),
        ("объём", "объем"),
        ("ЁЛКА", "елка"),
    ],
)
def test_yo_and_ye_have_one_lemma(with_yo: str, without: str) -> None:
    assert lemma(with_yo) == lemma(without)
    assert "ё" not in lemma(with_yo)


def test_words_spelt_with_yo_are_still_looked_up_as_written() -> None:
    # the dictionary knows "шёл" (went) under "идти"; folding first would lose nothing here,
    # but the language comes from the "ё" (Russian only), so Ukrainian never gets a say
    assert lemmas("Он шёл домой") == ["он", "идти", "домой"]


def test_rules_with_yo_match_stories_printed_without_it_and_back() -> None:
    text = lemmas("Наемники обстреляли село из миномёта")
    assert rule_lemmas("миномётом") == "миномет"  # what /keywords stores
    assert keyword_matches("миномет", text)
    assert keyword_matches("наёмник", text)  # a rule stored before 0022 matches too


async def search(store: Store, words: str) -> list[str]:
    query = fts_query(words)
    assert query is not None
    return [a.url for a in await store.articles.search(query, limit=10)]


async def test_upgrade_to_0022_folds_rules_index_and_follows(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialect = open_database(blank_db).dialect.name
    migrations = load_migrations(dialect)
    yo = next(m for m in migrations if m.name.startswith("0022_"))
    before = [m for m in migrations if m.version < yo.version]
    with monkeypatch.context() as patch:
        patch.setattr(db_module, "load_migrations", lambda _dialect: before)
        async with open_database(blank_db) as db:
            await db.migrate()
            # what the old code wrote: lemmas with "ё", an admin's rule, a follow's query
            await db.execute(
                "INSERT INTO articles (url, title, lead, search_text) VALUES (?, ?, ?, ?)",
                ("https://e.org/1", "Вертолёт упал", "", "вертолёт упасть"),
            )
            await db.execute(
                "INSERT INTO articles (url, title, lead, search_text) VALUES (?, ?, ?, ?)",
                ("https://e.org/2", "Вертолет упал", "", "вертолет упасть"),
            )
            await db.executemany(
                "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)",
                [("war", "вертолёт"), ("war", "вертолет"), ("society", "ёлка")],
            )
            await db.execute("INSERT INTO readers (chat_id, language) VALUES (1, 'uk')")
            await db.execute(
                "INSERT INTO follows (chat_id, words, query) VALUES (?, ?, ?)",
                (1, "вертолёт", '"вертолёт"'),
            )
            await db.execute("INSERT INTO readers (chat_id, language) VALUES (2, 'uk')")
            await db.executemany(  # the same follow twice, once with "ё": one stays
                "INSERT INTO follows (chat_id, words, query) VALUES (?, ?, ?)",
                [(2, "ёлка", '"ёлка"'), (2, "елка", '"елка"'), (2, "ёж", '"ёж"')],
            )
            old = {
                (r[0], r[1]) for r in await db.fetchall("SELECT topic, keyword FROM topic_keywords")
            }
    assert ("war", "наёмник") in old  # a default rule of 0015

    async with Store(blank_db) as store:
        assert await store.db.schema_version() == len(migrations)
        await upgrade_lemmas(store)  # what `newsbot migrate` and every poll run
        rules = set(await store.topics.all_keywords())
        assert not any("ё" in keyword for _, keyword in rules)
        assert {("war", "наемник"), ("war", "вертолет"), ("society", "елка")} <= rules
        assert ("health", "рак легкий") in rules  # "рак лёгкое" never matched "рак лёгких"
        folded = {(t, k.replace("ё", "е")) for t, k in old} - {("health", "рак легкое")}
        assert folded | {("health", "рак легкий")} == rules  # nothing else lost
        both = ["https://e.org/2", "https://e.org/1"]
        assert sorted(await search(store, "вертолёта")) == sorted(both)
        assert sorted(await search(store, "вертолет")) == sorted(both)
        assert [(f.words, f.query) for f in await store.readers.follows_of(1)] == [
            ("вертолёт", '"вертолет"')
        ]
        assert [(f.words, f.query) for f in await store.readers.follows_of(2)] == [
            ("елка", '"елка"'),
            ("ёж", '"еж"'),
        ]
        assert all(fts_query(f.words) == f.query for f in await store.readers.all_follows())

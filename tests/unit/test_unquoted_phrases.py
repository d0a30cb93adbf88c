"""Words typed side by side without quotes may be a phrase (migration 0027): `/search
золота бутса` finds "Золотої бутси" (indexed "золотий бутс"), as the quoted phrase does
since 0026, and still every story holding both words' lemmas. One word alone is its lemma
("стали" is no "сталь"), and words apart are not a phrase."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from upgrade import follows_as_before, found_urls, schema_before

from bot.ingest.tagging import fill_search_lemmas, upgrade_lemmas
from bot.store.store import Store
from bot.text.search import fts_query, fts_to_tsquery

STORIES = {
    "https://e.org/1": "Хто стане володарем Золотої бутси",  # "золотий бутс"
    "https://e.org/2": "Золота бутса дісталася Кейну",  # "золото бутсы"
    "https://e.org/3": "Золото подешевшало, а бутса подорожчала",  # both lemmas, apart
    "https://e.org/4": "Золотий злиток знайшли в старих бутсах",  # readings, apart
    "https://e.org/5": "Ціни на сталь зросли",
    "https://e.org/6": "Ціни стали вищими",  # "стати"
    "https://e.org/7": "Вільні агенти НБА підписали контракти",  # "вільно агент"
    "https://e.org/8": "Агенти діяли вільно",  # "агент", "вільно"
    "https://e.org/9": "Вільний агент підписав контракт",  # "вільний агент"
}


@pytest.fixture
async def indexed(store: Store, make_article: ArticleFactory) -> Store:
    for url, title in STORIES.items():
        await store.articles.upsert(make_article(url=url, title=title, lead=""))
    await fill_search_lemmas(store)
    return store


@pytest.mark.parametrize(
    ("words", "found"),
    [
        # both words' lemmas anywhere, as before, or an agreed run of their readings
        ("золота бутса", ["https://e.org/1", "https://e.org/2", "https://e.org/3"]),
        ('"золота бутса"', ["https://e.org/1", "https://e.org/2"]),
        ("вільні агенти", ["https://e.org/7", "https://e.org/8", "https://e.org/9"]),
        ("агенти вільні", ["https://e.org/7", "https://e.org/8"]),  # no run in this order
        ("золота", ["https://e.org/2", "https://e.org/3"]),  # one word is its lemma: gold
        ("стали", ["https://e.org/1", "https://e.org/6"]),  # "стати" ("стане"), not steel
    ],
)
async def test_unquoted_words_side_by_side_meet_their_readings(
    indexed: Store, words: str, found: list[str]
) -> None:
    assert await found_urls(indexed, words) == found


def test_the_query_keeps_each_words_lemma_first_and_words_apart_apart() -> None:
    query = fts_query("золота бутса")
    assert query is not None
    first, second = query.split(" AND ")
    assert first.startswith('("золото" OR ') and second.startswith('("бутсы" OR ')
    assert '"золотий бутс"' in first and '"золотий бутс"' in second
    # a quoted phrase between them: the unquoted words are not neighbours
    apart = fts_query('золота "нова ціна" бутса') or ""
    assert "золотий бутс" not in apart
    # PostgreSQL reads the same alternatives as phrases
    assert "('золотий' <-> 'бутс')" in fts_to_tsquery(query)
    # Latin words have no other readings: the query is as it was
    assert fts_query("peace talks") == '"peace" AND "talk"'


async def test_upgrade_to_0027_rebuilds_the_follows(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0027_", monkeypatch) as db:
        await follows_as_before(  # the queries the old code built: each word's lemma
            db, [("золота бутса", '"золото" AND "бутсы"'), ("посол", '"посол"')]
        )
    async with Store(blank_db) as store:
        assert await store.db.get_kv("follows.rebuild") == "1"
        await upgrade_lemmas(store)  # what `newsbot migrate` and every poll run
        follows = {f.words: f.query for f in await store.readers.follows_of(1)}
        assert follows["посол"] == '"посол"'
        assert follows["золота бутса"] == fts_query("золота бутса")
        assert '"золотий бутс"' in follows["золота бутса"]
        assert await store.db.get_kv("follows.rebuild") is None


async def test_0027_leaves_a_store_without_follows_as_it_is(blank_db: str) -> None:
    async with Store(blank_db) as store:
        assert await store.db.get_kv("follows.rebuild") is None

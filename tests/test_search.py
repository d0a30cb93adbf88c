"""Reader input to FTS5 queries: nothing the reader types reaches SQLite as syntax."""

from __future__ import annotations

from conftest import ArticleFactory

from bot.search import display_terms, fts_query, parse_terms, stem
from bot.store.store import Store


def test_terms_and_phrases() -> None:
    assert parse_terms('"Верховна Рада" Київ') == [["верховна", "рада"], ["київ"]]
    assert fts_query('"Верховна Рада" Київ', prefix=True) == '"верховна рада" AND "київ"*'
    assert display_terms("«Верховна Рада»  київ") == "“верховна рада”, київ"


def test_fts_syntax_is_neutralised() -> None:
    assert fts_query('title:x OR NOT (y) * "', prefix=False) == (
        '"title" AND "x" AND "or" AND "not" AND "y"'
    )
    assert fts_query("<script>&amp;", prefix=False) == '"script" AND "amp"'
    for nothing in ("", "   ", "🙂🙂", '*()^:"', "—"):
        assert fts_query(nothing) is None


def test_long_input_is_bounded() -> None:
    query = fts_query("слово " * 1000 + "x" * 5000, prefix=True)
    assert query is not None and len(query) < 200


def test_ukrainian_stemming() -> None:
    assert stem("зеленського") == stem("зеленський") == "зеленськ"
    assert stem("харкові") == stem("харків") == "харк"
    assert stem("київ") == "київ"  # too short to stem
    assert stem("economy") == "economy"


async def test_search_finds_inflected_ukrainian_and_is_case_insensitive(
    store: Store, make_article: ArticleFactory
) -> None:
    _, hit = await store.articles.upsert(
        make_article(
            title="Нарада в Офісі", lead="Зеленського поінформували про ситуацію в ХАРКОВІ."
        )
    )
    await store.articles.upsert(make_article(title="Other", lead="Nothing related."))
    for words in ("зеленський", "Харків", "ЗЕЛЕНСЬКИЙ харкові"):
        query = fts_query(words, prefix=True)
        assert query is not None
        assert [a.id for a in await store.articles.search(query)] == [hit], words
    phrase = fts_query('"поінформували про"')
    assert phrase is not None
    assert await store.articles.search_count(phrase) == 1

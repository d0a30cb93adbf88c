"""Reader input to FTS5 queries over lemmas: nothing the reader types reaches SQLite as
syntax, and word forms meet at their lemma ("Києві" finds "Київ")."""

from __future__ import annotations

from conftest import ArticleFactory

from bot.ingest.tagging import fill_search_lemmas
from bot.store.store import Store
from bot.text.search import display_terms, fts_query, parse_terms, single_letters


def test_terms_and_phrases() -> None:
    assert parse_terms('"Верховна Рада" Київ') == [["Верховна", "Рада"], ["Київ"]]
    phrase, word = (fts_query('"Верховної Ради" Києві') or "").split(" AND ")
    assert word == '"київ"'
    # the phrase's lemmas first, then the runs of its words' other readings
    assert phrase.startswith('("верховний рада" OR ') and phrase.endswith(")")
    assert display_terms("«Верховна Рада»  київ") == "“Верховна Рада”, київ"  # as typed


def test_signs_after_a_word_are_shown_and_one_letter_is_told() -> None:
    """ "C++" is shown as typed, though the index sees "c"; a text of one-character words
    alone is `single_letters` (an alert of it would meet "Washington, D.C.")."""
    assert display_terms("C++") == "C++"
    assert display_terms('"C++ compiler", F#') == "“C++ compiler”, F#"
    assert display_terms("прем’єр-міністр") == "прем'єр-міністр"
    assert fts_query("C++") == '"c"'
    assert single_letters("C++") and single_letters("C#") and single_letters("x y")
    assert not single_letters("C++ compiler") and not single_letters("G7")
    assert not single_letters("+++")


def test_queries_are_lemmas_not_prefixes() -> None:
    assert fts_query("обстрілів") == fts_query("обстріл") == '"обстріл"'
    assert fts_query("києві") == fts_query("Київ") == '"київ"'
    assert fts_query("посла") == fts_query("послом") == '"посол"'
    assert fts_query("посолити") != fts_query("посол")
    assert "*" not in (fts_query("Зеленського Харкові") or "")


def test_fts_syntax_is_neutralised() -> None:
    assert fts_query('title:x OR NOT (y) * "') == '"title" AND "x" AND "or" AND "not" AND "y"'
    assert fts_query("<script>&amp;") == '"script" AND "amp"'
    assert fts_query("NEAR(a b) ^c col:d -e") == (
        '"near" AND "a" AND "b" AND "c" AND "col" AND "d" AND "e"'
    )
    for nothing in ("", "   ", "🙂🙂", '*()^:"', "—", "'-'"):
        assert fts_query(nothing) is None


def test_long_input_is_bounded() -> None:
    query = fts_query("слово " * 1000 + "x" * 5000)
    assert query is not None and len(query) < 200


async def test_search_matches_word_forms_and_any_case(
    store: Store, make_article: ArticleFactory
) -> None:
    _, hit = await store.articles.upsert(
        make_article(
            title="Нарада в Офісі", lead="Зеленського поінформували про ситуацію в ХАРКОВІ."
        )
    )
    await store.articles.upsert(make_article(title="Other", lead="Nothing related."))
    assert await fill_search_lemmas(store) == 2
    for words in ("зеленський", "Харків", "ЗЕЛЕНСЬКИЙ харкові", "харкова"):
        query = fts_query(words)
        assert query is not None
        assert [a.id for a in await store.articles.search(query)] == [hit], words
    phrase = fts_query('"поінформувати про"')
    assert phrase is not None
    assert await store.articles.search_count(phrase) == 1


async def test_kyiv_and_shelling_word_forms(store: Store, make_article: ArticleFactory) -> None:
    """Issue 9: "Києві" finds "Київ", "обстрілів" finds "обстріл" (and back)."""
    _, kyiv = await store.articles.upsert(make_article(title="Київ готується до зими"))
    _, shelling = await store.articles.upsert(make_article(title="Нічний обстріл околиць міста"))
    _, decoy = await store.articles.upsert(make_article(title="Кий для більярду подорожчав"))
    await fill_search_lemmas(store)

    async def found(words: str) -> list[int]:
        query = fts_query(words)
        assert query is not None
        return sorted(a.id for a in await store.articles.search(query, limit=10))

    assert await found("Києві") == [kyiv]
    assert await found("києва") == [kyiv]
    assert await found("обстрілів") == [shelling]
    assert await found("обстрілами") == [shelling]
    assert decoy not in await found("києві")


async def test_edited_story_is_reindexed(store: Store, make_article: ArticleFactory) -> None:
    from bot.ingest.tagging import retag

    item = make_article(title="Обстріл Харкова")
    _, article_id = await store.articles.upsert(item)
    await retag(store, [article_id])
    assert await store.articles.search_count('"обстріл"') == 1
    item.title = "Концерт у Львові"
    await store.articles.upsert(item)
    await retag(store, [article_id])
    assert await store.articles.search_count('"обстріл"') == 0
    assert await store.articles.search_count('"львів"') == 1
    await store.db.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    assert await store.articles.search_count('"львів"') == 0

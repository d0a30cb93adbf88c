"""Reader input to FTS5 queries over lemmas: nothing the reader types reaches SQLite as
syntax, and word forms meet at their lemma ("Києві" finds "Київ")."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from harness import other_program
from upgrade import schema_before

from bot.delivery.poller import Poller
from bot.ingest.tagging import fill_search_lemmas, retag
from bot.models import utcnow
from bot.store.store import Store
from bot.text.search import (
    MAX_LEXEME_BYTES,
    any_lemma_query,
    any_lemma_tsquery,
    display_terms,
    fts_query,
    parse_terms,
    single_letters,
    without_markup,
)


def test_terms_and_phrases() -> None:
    assert parse_terms('"Верховна Рада" Київ') == [["Верховна", "Рада"], ["Київ"]]
    phrase, word = (fts_query('"Верховної Ради" Києві') or "").split(" AND ")
    assert word == '"київ"'
    # the phrase's lemmas first, then the runs of its words' other readings
    assert phrase.startswith('("верховний рада" OR ') and phrase.endswith(")")
    assert display_terms("«Верховна Рада»  київ") == "“Верховна Рада” київ"  # as typed


def test_signs_after_a_word_are_shown_and_one_letter_is_told() -> None:
    """ "C++" is shown as typed, though the index sees "c"; a text of one-character words
    alone is `single_letters` (an alert of it would meet "Washington, D.C.")."""
    assert display_terms("C++") == "C++"
    assert display_terms('"C++ compiler" F#') == "“C++ compiler” F#"
    assert display_terms("прем’єр-міністр") == "прем'єр-міністр"
    assert fts_query("C++") == '"c"'
    assert single_letters("C++") and single_letters("C#") and single_letters("x y")
    assert not single_letters("C++ compiler") and not single_letters("G7")
    assert not single_letters("+++")


def test_an_alert_is_shown_as_one_line_of_its_words_as_typed() -> None:
    """Words typed side by side are one alert and are shown so, in their order, with no
    comma (commas separate alerts); a follow stored as its terms between commas reads the
    same; what is shown finds what was typed, as the follows are rebuilt from it."""
    assert display_terms("Кривий Ріг") == "Кривий Ріг"
    assert display_terms('Zelensky "Kyiv, metro"  Trump') == "Zelensky “Kyiv metro” Trump"
    assert display_terms("Київ київ Метро") == "Київ Метро"
    assert display_terms("“Kyiv Metro”, Zelensky") == "“Kyiv Metro” Zelensky"
    for typed in ("Кривий Ріг", 'Zelensky "Kyiv metro" Trump', "золота бутса", '"C++ a" b'):
        shown = display_terms(typed)
        assert display_terms(shown) == shown
        assert fts_query(shown) == fts_query(typed)


def test_html_tags_typed_around_words_are_left_out() -> None:
    assert without_markup("<b>Хакер</b>").split() == ["Хакер"]
    assert without_markup('<A HREF="x">Kyiv</a>,<br/>metro').split() == ["Kyiv", ",", "metro"]
    assert without_markup("<Lecornu> <bold> <i") == "<Lecornu> <bold> <i"


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


async def test_a_word_too_long_for_the_index_is_left_out(
    store: Store, make_article: ArticleFactory
) -> None:
    """PostgreSQL refuses a lexeme over 2047 bytes: writing the lemmas of a headline of 5000
    letters, of a lead of 1,100 Cyrillic letters (2,200 bytes) without a space, or of a row
    another program inserted with such a lead raised ProgramLimitExceededError in `ingest`,
    and the poller (its recall query too) and the digests failed on that row on every pass.
    The index leaves the word out; the story is found by its other words, on both stores."""
    now = utcnow()
    (direct,) = await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, ?) RETURNING id",
            ("https://long.example/4", "Direct long token", "x" * 2100, "war"),
        ),
    )
    assert direct is not None
    _, latin = await store.articles.upsert(
        make_article(title="T" * 5000 + " marathon record", tags=["war"], published_at=now)
    )
    _, cyrillic = await store.articles.upsert(
        make_article(title="Новини з Одеси", lead="я" * 1100 + " Київ", tags=["war"])
    )
    await retag(store, [latin, cyrillic])  # what ingest and the digests do
    await Poller(store, max_age_hours=24, recall_days=7).poll_once(now)  # and the poller
    assert len(await store.articles.search_texts([direct, latin, cyrillic])) == 3

    async def found(words: str) -> list[int]:
        query = fts_query(words)
        assert query is not None
        return sorted(a.id for a in await store.articles.search(query, limit=10))

    assert await found("direct token") == [direct]
    assert await found("marathon") == [latin]
    assert await found("Одеси Києві") == [cyrillic]


async def test_lemmas_over_a_megabyte_are_indexed_up_to_it(
    store: Store, make_article: ArticleFactory
) -> None:
    """A tsvector holds at most 1 MB (every word's bytes; the distinct words with their
    positions): the lemmas of a huge lead are indexed up to that, not refused."""
    _, huge = await store.articles.upsert(make_article(title="Huge"))
    lemmas = "huge " + " ".join(f"w{n}" for n in range(300_000)) + " " + "abc " * 400_000
    await store.articles.set_search_texts([(huge, lemmas)])
    query = fts_query("w1")
    assert query is not None
    assert [a.id for a in await store.articles.search(query)] == [huge]


def test_recall_queries_leave_out_lemmas_the_index_cannot_hold() -> None:
    long = "x" * (MAX_LEXEME_BYTES + 1)
    assert any_lemma_query([long, "київ"]) == '"київ"'
    assert any_lemma_tsquery([long, "київ"]) == "'київ'"
    assert any_lemma_tsquery(["я" * 1100]) == "''"
    fits = "x" * MAX_LEXEME_BYTES
    assert any_lemma_tsquery([fits]) == f"'{fits}'"


async def test_rows_left_unindexed_before_0035_are_indexed_after_it(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row another program inserted with a word too long for the index stayed without
    lemmas (their write failed on PostgreSQL); after 0035 the poller's pass indexes it."""
    async with schema_before(blank_db, "0035", monkeypatch) as db:
        await db.execute(
            "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, ?)",
            ("https://long.example/4", "Direct long token", "x" * 2100, "war"),
        )
    async with Store(blank_db) as store:  # migrates
        assert await fill_search_lemmas(store) == 1
        query = fts_query("direct")
        assert query is not None
        assert len(await store.articles.search(query)) == 1

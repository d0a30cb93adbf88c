"""The plural of a noun no dictionary knows yet is its singular, as pymorphy3 predicts it
(migration 0029): "шахедів", "шахедами", "шахеди" are "шахед", so the rule "шахед",
`/search шахед` and `/follow шахед` meet them. Singular forms of unknown words stay as they
are (often names), as do feminine guesses and "-ц" of a vowel that drops."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from upgrade import found_urls, reindexed

from bot.ingest.tagging import fill_search_lemmas
from bot.ingest.topics import keyword_matches
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("шахедів", "шахед"),
        ("шахедами", "шахед"),
        ("Шахеди", "шахед"),
        ("шахедах", "шахед"),
        ("старлінків", "старлінк"),
        ("старлінками", "старлінк"),
        ("дипфейків", "дипфейк"),
        ("хаймарсів", "хаймарс"),
    ],
)
def test_an_unknown_nouns_plural_is_its_singular(word: str, found: str) -> None:
    assert lemma(word) == found


@pytest.mark.parametrize(
    "word",
    [
        "Умєрова",  # a name's genitive: not guessed
        "Пісторіуса",
        "шахедом",  # singular forms stay
        "мавіками",  # a feminine guess ("мавіка") is left
        "вагнеровцах",  # not "вагнеровц"
        "Іванів",  # a name in "-ів"
    ],
)
def test_other_unknown_words_stay_as_they_are(word: str) -> None:
    assert lemma(word) == word.lower()


def test_the_rule_meets_the_plural() -> None:
    assert keyword_matches("шахед", lemmas("Уночі над Київщиною збили 40 шахедів"))
    assert keyword_matches("шахед", lemmas("Атака шахедами на Одесу"))


async def test_search_finds_the_plural(store: Store, make_article: ArticleFactory) -> None:
    await store.articles.upsert(make_article(url="https://e.org/1", title="Знищено 40 шахедів"))
    await store.articles.upsert(make_article(url="https://e.org/2", title="Шахта у Павлограді"))
    await fill_search_lemmas(store)
    assert await found_urls(store, "шахед") == ["https://e.org/1"]
    assert await found_urls(store, "шахеди") == ["https://e.org/1"]


async def test_upgrade_to_0029_reindexes_and_rebuilds(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = [  # what the old code indexed
        ("https://e.org/1", "Знищено 40 шахедів", "знищити 40 шахедів"),
        ("https://e.org/2", "Drones downed", "drone down"),
    ]
    follows = [("шахеди", '"шахеди"')]  # the old code's query
    async with reindexed(blank_db, "0029_", monkeypatch, stories, follows) as store:
        assert await found_urls(store, "шахед") == ["https://e.org/1"]
        (follow,) = await store.readers.follows_of(1)
        assert follow.query.startswith('("шахед" OR')  # and the Russian reading of the word

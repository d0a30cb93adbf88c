"""Acronyms and words in capitals (migration 0026): an acronym with a case ending after it
is the acronym ("КАБами" is "каб"); a word of an all-capital headline is a word ("ВИБУХИ"
is "вибух"), while acronyms stay as they are ("США", "ВАКС")."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from headlines import keyword_tags

from bot.ingest.tagging import fill_search_lemmas
from bot.ingest.topics import upgraded_rule
from bot.models import Topic
from bot.store.store import Store
from bot.text.lemmas import lemma, reachable
from bot.text.search import fts_query


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        # an acronym no dictionary knows, with a Ukrainian or Russian case ending
        ("КАБами", "каб"),
        ("КАБів", "каб"),
        ("КАБи", "каб"),
        ("РЕБом", "реб"),
        ("ФОПи", "фоп"),  # the dictionary's own
        # words of a headline in capitals
        ("ВІЙНИ", "війна"),
        ("ВИБУХИ", "вибух"),
        ("ТРИВАЄ", "тривати"),
        ("РАКЕТИ", "ракета"),
        ("ВЗРЫВЫ", "взрыв"),
        ("УДАР", "удар"),
    ],
)
def test_inflected_acronyms_and_shouted_words_have_their_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "США",  # an abbreviation to the dictionary
        "СІЗО",  # indeclinable
        "НАТО",
        "ЦНАП",
        "ВАКС",  # four letters that spell another word's form ("вакса"): an acronym
        "ЗСУ",  # three letters
        "ДПСУ",  # unknown to the dictionaries
        "NASA",  # Latin
        "AIDS",
    ],
)
def test_acronyms_stay_as_they_are(word: str) -> None:
    assert lemma(word) == word.casefold()


def test_a_word_made_of_an_acronym_is_a_word() -> None:
    # not "всу" with a case ending: an unknown noun's plural, its singular (migration 0029)
    assert lemma("ВСУшники") == lemma("ВСУшників") == "всушник"


def test_a_headline_in_capitals_meets_the_rules() -> None:
    topics = [Topic("war", "War", "Війна", ("вибух", "ракета"))]
    assert keyword_tags(topics, "ТЕРМІНОВО: ВИБУХИ У КИЄВІ") == ["war"]
    assert keyword_tags(topics, "ППО ЗБИВАЄ РАКЕТИ НАД СТОЛИЦЕЮ") == ["war"]


async def test_a_search_of_an_acronym_finds_its_forms(
    store: Store, make_article: ArticleFactory
) -> None:
    _, bombs = await store.articles.upsert(
        make_article(title="Росіяни вдарили КАБами по Харкову", lead="")
    )
    _, shouted = await store.articles.upsert(make_article(title="ВИБУХИ У КИЄВІ", lead=""))
    await fill_search_lemmas(store)

    async def found(words: str) -> list[int]:
        query = fts_query(words)
        assert query is not None
        return [a.id for a in await store.articles.search(query, limit=10)]

    assert await found("КАБ") == [bombs]
    assert await found("вибухи") == [shouted]


@pytest.mark.parametrize("rule", ["вакс", "сап", "вру", "мок"])
def test_an_acronyms_rule_is_reached_by_its_capitals(rule: str) -> None:
    """A rule "вакс" in lower case is a form of "вакса" (shoe polish), but headlines write "ВАКС":
    the rule is reachable, and an upgrade keeps it rather than rewrite it to "вакса"."""
    assert lemma(rule) != rule == lemma(rule.upper())
    assert reachable(rule)
    assert upgraded_rule(rule) == rule

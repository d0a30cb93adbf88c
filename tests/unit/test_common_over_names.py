"""A Ukrainian word written in lower case is the more common of the lemmas simplemma gives it
with and without a capital (migration 0030): "газу" is "газ" (gas), not "Газа" (Gaza), so
the rule "газ", `/search газ` and `/follow газ` meet "імпорт газу"; a word written with a
capital keeps the name ("сектор Гази"); words typed in lower case by readers and admins
("києві") are still the city."""

from __future__ import annotations

import pytest
from conftest import ArticleFactory
from upgrade import found_urls, reindexed

import bot.text.lemmas as lemmas_module
from bot.ingest.tagging import fill_search_lemmas
from bot.ingest.topics import keyword_matches, rule_lemmas
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas


@pytest.mark.parametrize(
    ("word", "found"),
    [
        ("газу", "газ"),
        ("газі", "газ"),
        ("гази", "газ"),
        ("кухарів", "кухар"),
        ("золотого", "золотий"),
        ("українську", "український"),
        # written with a capital: the name, as before
        ("Гази", "газа"),
        ("Газі", "газа"),
        # typed in lower case, a city's form is still the city (more common than a cue)
        ("києві", "київ"),
        ("Києві", "київ"),
        ("львові", "львів"),
    ],
)
def test_a_lower_case_word_is_the_more_common_lemma(word: str, found: str) -> None:
    assert lemma(word) == found


def test_without_frequencies_the_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the lemmas were before 0030: the check above fails without the frequencies."""
    monkeypatch.setattr(lemmas_module, "FREQUENCIES", ())
    lemmas_module.lemma.cache_clear()
    try:
        assert lemma("газу") == "газа"
    finally:
        monkeypatch.undo()
        lemmas_module.lemma.cache_clear()
    assert lemma("газу") == "газ"


def test_the_rule_gas_meets_its_forms_and_not_gaza() -> None:
    assert rule_lemmas("газу") == "газ"  # an admin's /keywords in any form
    assert keyword_matches("газ", lemmas("Україна збільшила імпорт газу"))
    assert keyword_matches("газ", lemmas("Ціни на газ у Європі впали"))
    assert not keyword_matches("газ", lemmas("Гуманітарна ситуація в секторі Гази"))


async def test_search_finds_gas_not_gaza(store: Store, make_article: ArticleFactory) -> None:
    await store.articles.upsert(make_article(url="https://e.org/1", title="Імпорт газу зріс"))
    await store.articles.upsert(make_article(url="https://e.org/2", title="Удари по сектору Гази"))
    await fill_search_lemmas(store)
    assert await found_urls(store, "газ") == ["https://e.org/1"]
    # typed "газу", the Russian reading (pymorphy3's most likely: Gaza) is asked for too
    assert "https://e.org/1" in await found_urls(store, "газу")
    assert await found_urls(store, "Гази") == ["https://e.org/2"]


async def test_upgrade_to_0030_reindexes_and_rebuilds(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = [  # what the old code indexed
        ("https://e.org/1", "Імпорт газу зріс", "імпорт газа зрости"),
        ("https://e.org/2", "Gas imports rose", "gas import rise"),
    ]
    follows = [("газу", '"газа"')]  # the old code's query
    async with reindexed(blank_db, "0030_", monkeypatch, stories, follows) as store:
        assert await found_urls(store, "газ") == ["https://e.org/1"]
        (follow,) = await store.readers.follows_of(1)
        assert '"газ"' in follow.query

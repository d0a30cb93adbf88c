"""A word that is a common noun's own dictionary form is not filed under a person's name
(migration 0025): "влада" (the authorities) was "влад" (Vlad, whose genitive it is) while
"влади" and "владу" were "влада", so a rule or follow of "влада" missed most of its forms."""

from __future__ import annotations

import pytest
from headlines import keyword_tags

from bot.ingest.topics import rule_lemmas
from bot.models import Topic
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas
from bot.text.search import fts_query


@pytest.mark.parametrize(
    ("forms", "expected"),
    [
        (("влада", "Влада", "влади", "владу", "владою"), "влада"),
        (("дані", "даних", "даними"), "дані"),  # data, not the name Дана
    ],
)
def test_every_form_of_a_common_noun_has_its_lemma(forms: tuple[str, ...], expected: str) -> None:
    assert {lemma(form) for form in forms} == {expected}


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Павла", "павло"),  # a name with no common word of its form stays a name
        ("Олега", "олег"),
        ("Зеленського", "зеленський"),
        ("Києві", "київ"),
    ],
)
def test_names_keep_their_lemma(word: str, expected: str) -> None:
    assert lemma(word) == expected


def test_rules_and_follows_of_the_word_meet_its_forms() -> None:
    assert fts_query("владу") == '"влада"'
    # alone, "влада" may be Russian too (Vlad's genitive): either reading is asked for
    assert fts_query("влада") == '("влада" OR "влад")'
    assert rule_lemmas("персональні дані") == "персональний дані"
    topics = [Topic("tech", "Tech", "Технології", ("персональний дані",))]
    assert keyword_tags(topics, "Витік персональних даних з держреєстру") == ["tech"]
    assert lemmas("Тай-брейк вирішив долю сету")[:2] == ["тай", "брейк"]


async def test_the_default_rules_meet_the_forms_the_lemmatizer_reads(store: Store) -> None:
    """Migration 0025: "ритейлер" is "ретейлер" in all forms but one, and "продажі",
    "продажу" are read as "продажа" (and "продажів" as "продаж"): the default rules meet
    them."""
    topics = await store.topics.all()

    assert "economy" in keyword_tags(topics, "Найбільший ритейлер країни відкрив сто магазинів")
    assert "economy" in keyword_tags(topics, "Роздрібні продажі в Україні зросли на третину")
    assert "economy" in keyword_tags(topics, "Обсяг роздрібного продажу скоротився")
    assert "economy" in keyword_tags(topics, "Мережа роздрібних продажів розширюється")
    assert "tech" in keyword_tags(topics, "Витік персональних даних з держреєстру")

"""A Cyrillic word with Latin look-alike letters in it (a keyboard without "і", pasted text) is
read as the Cyrillic word (migration 0025): "Мiнiстр" with a Latin "i" meets the rule
"міністр", and a reader who types "/follow мiнiстр" so is alerted to "Міністр ..."."""

from __future__ import annotations

import pytest
from headlines import keyword_tags

from bot.ingest.topics import rule_lemmas
from bot.models import Topic
from bot.text.lemmas import lemma, lemmas, text_language
from bot.text.search import fts_query


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Мiнiстр", "міністр"),  # Latin "i" twice
        ("Kиїв", "київ"),  # Latin "K"
        ("ракетнi", "ракетний"),
        ("CШA", "сша"),  # an acronym with a Latin "C"
        ("Bійна", "війна"),  # Latin "B" and "i"
        ("прeзидент", "президент"),  # Latin "e"
    ],
)
def test_latin_look_alikes_in_a_cyrillic_word_are_cyrillic(word: str, expected: str) -> None:
    assert lemma(word) == expected
    assert lemma(word.lower()) == lemma(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("iPhone", ["iphone"]),  # Latin alone stays Latin
        ("COVID-19", ["covid-19"]),
        ("iPhone-и", ["iphone", "и"]),  # "n" has no Cyrillic look-alike: the word as written
        ("XIX століття", ["xix", "століття"]),
    ],
)
def test_latin_words_and_mixed_words_of_other_letters_stay_as_they_are(
    text: str, expected: list[str]
) -> None:
    assert lemmas(text) == expected


def test_a_text_of_look_alikes_is_read_in_its_language() -> None:
    assert text_language("Мiнiстр провiв нараду") == "uk"  # the Latin "i" says Ukrainian "і"


def test_rules_and_searches_meet_across_look_alikes() -> None:
    topics = [Topic("politics", "Politics", "Політика", ("міністр",))]
    assert keyword_tags(topics, "Мiнiстр оборони провiв нараду") == ["politics"]
    assert rule_lemmas("мiнiстр") == "міністр"  # an admin's rule typed so
    assert fts_query("мiнiстр") == fts_query("Міністр") == '"міністр"'

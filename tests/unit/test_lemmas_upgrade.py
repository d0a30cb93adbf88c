"""Lemmas of migration 0022 (bot/text/lemmas.py): Russian "ё" and "е" meet, pymorphy3 gives the
Cyrillic words simplemma does not know; migrations 0022 and 0023 bring a store of schema 21
along on both stores: rules, readers' follows and the search index."""

from __future__ import annotations

import pytest
from upgrade import found_urls, index_as_before, rules_added, schema_before

from bot.ingest.tagging import upgrade_lemmas
from bot.ingest.topics import keyword_matches, rule_lemmas
from bot.store.db import load_migrations
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas


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
    # the "ё" says Russian, and the dictionary knows "шёл" (went) under "идти"
    assert lemmas("Он шёл домой") == ["он", "идти", "домой"]


def test_rules_with_yo_match_stories_printed_without_it_and_back() -> None:
    text = lemmas("Наемники обстреляли село из миномёта")
    assert rule_lemmas("миномётом") == "миномет"  # what /keywords stores
    assert keyword_matches("миномет", text)
    assert keyword_matches("наёмник", text)  # a rule stored before 0022 matches too


# Forms simplemma's dictionaries lack; before 0022 each was its own lemma.
@pytest.mark.parametrize(
    ("forms", "rule"),
    [
        (["піаніст", "піаніста", "піаністом", "піаністів"], "піаніст"),
        (["колайдер", "колайдера", "колайдері"], "колайдер"),
        (["вболівальники", "вболівальників", "вболівальникам"], "вболівальник"),
        (["Голлівуд", "Голлівуду", "Голлівуді"], "голлівуд"),
        (["певец", "певца", "певцом"], "певец"),
        (["Интерпол", "Интерпола", "Интерполом"], "интерпол"),
    ],
)
def test_forms_simplemma_does_not_know_meet_at_their_lemma(forms: list[str], rule: str) -> None:
    assert {lemma(form) for form in forms} == {rule}


@pytest.mark.parametrize(
    ("rule", "texts"),
    [
        ("кассетный бомба", ["кассетная бомба", "кассетными бомбами", "кассетной бомбы"]),
        ("полномасштабный вторжение", ["полномасштабного вторжения", "полномасштабное вторжение"]),
        ("корупційний справа", ["корупційна справа", "корупційну справу", "корупційної справи"]),
    ],
)
def test_a_phrase_rule_matches_its_inflected_forms(rule: str, texts: list[str]) -> None:
    assert rule_lemmas(texts[0]) == rule  # what /keywords stores for the phrase
    for text in texts:
        assert keyword_matches(rule, lemmas(f"Новость: {text} вчера")), text


def test_a_word_that_is_a_dictionary_form_stays_itself() -> None:
    # pymorphy3 also reads "нато" as a form of the name "Ната"; the word is NATO's own form
    assert lemma("нато") == lemma("НАТО") == lemma("Нато") == "нато"
    # the traps stay traps: simplemma knows these words and still decides them
    assert lemma("ракетку") == "ракетка" and lemma("посолити") != "посол"
    assert lemma("прем'єра") == "прем'єра" and lemma("фронтмена") == "фронтмен"


@pytest.mark.parametrize(
    ("word", "wrong", "right"),
    [
        # simplemma files these under another word; pymorphy3's dictionary does not
        ("дорожный", "знак", "дорожный"),
        ("броня", "броніслава", "броня"),
        ("домов", "домовити", "дом"),
        ("время", "врем'я", "время"),  # Russian: pymorphy3 knows it in Russian only
        ("корупційний", "корупція", "корупційний"),
    ],
)
def test_a_lemma_the_dictionary_does_not_give_is_corrected(
    word: str, wrong: str, right: str
) -> None:
    assert lemma(word) == right != wrong


def test_a_participle_is_not_its_verb() -> None:
    # the accused and prisoners are crime; accusing and concluding a deal are not
    assert lemmas("обвиняемого задержали") == ["обвиняемый", "задержать"]
    assert lemmas("заключенных освободили")[0] == "заключенный"
    assert not keyword_matches("заключенный", lemmas("Стороны могут заключить соглашение"))
    assert not keyword_matches("обвиняемый", lemmas("Оппозиция обвиняет правительство"))


async def test_upgrade_to_0022_rewrites_rules_follows_and_the_index(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0022_", monkeypatch) as db:
        # what the old code wrote: lemmas with "ё", unknown forms as their own lemma
        await index_as_before(
            db,
            [
                ("https://e.org/1", "Вертолёт упал", "вертолёт упасть"),
                ("https://e.org/2", "Вертолет упал", "вертолет упасть"),
                ("https://e.org/3", "Концерт піаніста", "концерт піаніста"),
                ("https://e.org/4", "Pianist plays", "pianist play"),
            ],
        )
        await db.executemany(  # an admin's rules, the last two as the old lemmas had them
            "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)",
            [
                ("war", "вертолёт"),
                ("war", "вертолет"),
                ("society", "ёлка"),
                ("war", "кассетные бомба"),
                ("culture", "піаністів"),
            ],
        )
        await db.execute(  # a channel's edition
            "INSERT INTO channels (chat_id, thread_id, include_keywords, exclude_keywords)"
            " VALUES (?, ?, ?, ?)",
            (-1001, 0, "піаністів,вертолёт,концерт", "кассетные бомба"),
        )
        await db.execute("INSERT INTO readers (chat_id, language) VALUES (1, 'uk')")
        await db.execute("INSERT INTO readers (chat_id, language) VALUES (2, 'uk')")
        await db.executemany(  # the same follow twice once "ё" is "е": one stays
            "INSERT INTO follows (chat_id, words, query) VALUES (?, ?, ?)",
            [
                (1, "вертолёт", '"вертолёт"'),
                (2, "ёлка", '"ёлка"'),
                (2, "елка", '"елка"'),
                (2, "піаністів", '"піаністів"'),
            ],
        )
        rows = await db.fetchall("SELECT topic, keyword FROM topic_keywords")
        old = {(row[0], row[1]) for row in rows}
    assert {("war", "наёмник"), ("war", "кассетная бомба"), ("health", "рак лёгкое")} <= old

    async with Store(blank_db) as store:
        assert await store.db.schema_version() == len(load_migrations(store.db.dialect.name))
        # the English story keeps its lemmas; the Cyrillic ones wait to be indexed again
        waiting = sorted(row.title for row in await store.articles.unlemmatized(10))
        assert waiting == ["Вертолет упал", "Вертолёт упал", "Концерт піаніста"]
        await upgrade_lemmas(store)  # what `newsbot migrate` and every poll run
        rules = set(await store.topics.all_keywords())
        assert not any("ё" in keyword for _, keyword in rules)
        assert {("war", "наемник"), ("war", "вертолет"), ("society", "елка")} <= rules
        assert {("war", "кассетный бомба"), ("health", "рак легкий")} <= rules
        assert ("culture", "піаніст") in rules and ("war", "кассетные бомба") not in rules
        channel = await store.channels.get(-1001)
        assert channel is not None
        assert channel.include == ("піаніст", "вертолет", "концерт")
        assert channel.exclude == ("кассетный бомба",)
        assert ("war", "кассетная бомба") not in rules
        # nothing lost: each old rule is there folded, or as the lemmas of its folded words
        # (a default Russian rule as a Russian story's words are read: migration 0024)
        folded = {(t, k.replace("ё", "е")) for t, k in old}
        expected = {(t, k) if (t, k) in rules else (t, _upgraded(t, k, rules)) for t, k in folded}
        glossaries = rules_added("0028_ukrainian_glossary.sql") | rules_added(
            "0031_english_glossary.sql"
        )
        assert expected | ADDED_0025 | glossaries == rules
        assert await found_urls(store, "вертолёта") == ["https://e.org/1", "https://e.org/2"]
        assert await found_urls(store, "вертолет") == ["https://e.org/1", "https://e.org/2"]
        assert await found_urls(store, "піаніст") == ["https://e.org/3"]
        assert await found_urls(store, "pianists") == ["https://e.org/4"]
        follows = {
            chat: [(f.words, f.query) for f in await store.readers.follows_of(chat)]
            for chat in (1, 2)
        }
        assert follows == {
            1: [("вертолёт", '"вертолет"')],
            2: [("елка", '"елка"'), ("піаністів", '"піаніст"')],
        }
        assert await store.db.get_kv("lemmas.rules") is None  # done once


# The default rules migration 0025 rewrote, stored under a person's name before ("дана" for
# "дані", data; "тая" for "тай" of a tie-break) or in a spelling no form is read as
NAMED_0025 = {
    "персональний дана": "персональний дані",
    "тая брейк": "тай брейк",
    "ритейлер": "ретейлер",  # and a spelling the lemmatizer does not keep
}
ADDED_0025 = {("economy", "роздрібний продажа")}  # beside "роздрібний продаж"


def _upgraded(topic: str, rule: str, rules: set[tuple[str, str]]) -> str:
    """A rule as 0022 rewrote it, or as 0024 did where it is a default Russian rule, or as
    0025 did where it was stored under a name."""
    russian = " ".join(lemmas(rule, "ru"))
    if (topic, russian) in rules:
        return russian
    return NAMED_0025.get(rule) or rule_lemmas(rule)


async def test_a_new_store_has_nothing_to_bring_along(store: Store) -> None:
    # 0022's Python part would lemmatize every rule for nothing (and load the Ukrainian and
    # Russian dictionaries before the first story asks for them)
    assert await store.db.get_kv("lemmas.rules") is None

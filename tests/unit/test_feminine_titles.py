"""A woman's title or trade is its man's lemma (migration 0025): "міністерка" meets the rule
"міністр", "/follow посол" meets "Посолка", "/search журналист" meets "журналистка"."""

from __future__ import annotations

import pytest
from headlines import keyword_tags
from upgrade import follows_as_before, found_urls, index_as_before, schema_before

from bot.ingest.tagging import upgrade_lemmas
from bot.ingest.topics import keyword_matches, rule_lemmas
from bot.models import Topic
from bot.store.store import Store
from bot.text.lemmas import lemma, lemmas, masculine, word_lemmas
from bot.text.search import fts_query


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("Міністерка", "uk", "міністр"),
        ("депутатки", "uk", "депутат"),
        ("Президентка", "uk", "президент"),
        ("Прем'єрку", "uk", "прем'єр"),
        ("речниця", "uk", "речник"),  # -ниця
        ("письменниці", "uk", "письменник"),
        ("переможниця", "uk", "переможець"),
        ("заручниці", "uk", "заручник"),
        ("біженки", "uk", "біженець"),  # -ка of -ець
        ("полонянка", "uk", "полонянин"),  # -ка of -ин
        ("акушерка", "uk", "акушер"),  # not -ерка of -р: "акушр" is no word
        ("співачка", "uk", "співак"),  # -чка of -к
        ("психологиня", "uk", "психолог"),  # -иня
        ("поетеса", "uk", "поет"),  # -еса
        ("Посолка", "uk", "посол"),  # a word neither dictionary knows yet
        ("журналистку", "ru", "журналист"),
        ("писательница", "ru", "писатель"),
        ("поэтесса", "ru", "поэт"),
        ("героиня", "ru", "герой"),
        ("полячка", "ru", "поляк"),
        ("spokeswoman", "en", "spokesman"),
        ("congresswomen", "en", "congressman"),
        ("членкиня", "uk", "член"),  # -киня
        ("суддиня", "uk", "суддя"),  # -иня of -я, a word neither dictionary knows
        # the other forms of a woman's word no dictionary knows: by its nominative
        ("Посолки", "uk", "посол"),
        ("посолку", "uk", "посол"),
        ("посолкою", "uk", "посол"),
        ("посолці", "uk", "посол"),
        ("посолок", "uk", "посол"),
        ("суддині", "uk", "суддя"),
        ("суддинею", "uk", "суддя"),
    ],
)
def test_a_womans_title_is_the_mans_lemma(word: str, language: str, expected: str) -> None:
    assert lemma(word, language) == expected


@pytest.mark.parametrize(
    ("word", "language", "expected"),
    [
        ("ракетка", "uk", "ракетка"),  # a tennis racket is no person
        ("митниця", "uk", "митниця"),  # customs first, a customs officer second
        ("киянка", "uk", "киянка"),  # a mallet first, a woman of Kyiv second
        ("Іванка", "uk", "іванко"),  # a name is no title (simplemma's lemma, as before)
        ("Горка", "ru", "горка"),  # a hill in Russian, whatever Ukrainian has of it
        ("майка", "ru", "майка"),
        ("дочка", "uk", "дочка"),
        ("women", "en", "woman"),  # "woman" is no "man"
        ("прем'єру", "uk", "прем'єра"),  # a premiere is no premier
        # unknown words of those endings whose nominative is no person's woman
        ("Світолінку", "uk", "світолінку"),
        ("Бровку", "uk", "бровка"),
        ("Порошенку", "uk", "порошенко"),
        ("посолить", "ru", "посолить"),
    ],
)
def test_other_words_keep_their_lemma(word: str, language: str, expected: str) -> None:
    assert lemma(word, language) == expected


def test_masculine_needs_both_words_to_be_persons_in_the_dictionary() -> None:
    assert masculine("депутатка", "uk") == "депутат"
    assert masculine("ракетка", "uk") is None  # "ракет" is no person
    assert masculine("горка", "ru") is None  # not an animate noun
    assert masculine("шишка", "ru") is None  # a cone more likely than a bigwig
    assert masculine("woman", "en") is None
    assert masculine("депутат", "uk") is None


def test_a_hyphenated_title_is_one_lemma() -> None:
    assert word_lemmas("Прем'єр-міністерка") == ("прем'єр-міністр",)
    assert word_lemmas("прем'єр-міністерку") == ("прем'єр-міністр",)
    assert word_lemmas("NATO-led") == ("nato", "lead")  # unknown whole: its parts, as before


def test_the_rules_of_men_tag_stories_of_women() -> None:
    topics = [
        Topic("politics", "Politics", "Політика", ("міністр", "прем'єр-міністр")),
        Topic("sport", "Sport", "Спорт", ("тенісист",)),
    ]

    assert keyword_tags(topics, "Міністерка економіки представила план") == ["politics"]
    assert keyword_tags(topics, "Прем'єр-міністерка провела нараду") == ["politics"]
    assert keyword_tags(topics, "Тенісистка Світоліна вийшла у чвертьфінал") == ["sport"]
    assert keyword_tags(topics, "Українка змінила ракетку перед фіналом") == []
    ambassador = [Topic("world", "World", "Світ", ("посол",))]
    assert keyword_tags(ambassador, "МЗС викликало посолку Угорщини") == ["world"]
    assert keyword_tags(ambassador, "Як посолити сало") == []
    # an admin's rule of a woman's word is the man's, and meets both
    assert rule_lemmas("депутатка") == "депутат"
    assert keyword_matches(rule_lemmas("депутатка"), lemmas("Депутата затримали"))


def test_a_search_of_either_finds_both() -> None:
    assert fts_query("міністерка") == fts_query("міністр") == '"міністр"'
    assert fts_query("журналистки") == fts_query("журналист")


async def test_upgrade_to_0025_reindexes_stories_and_rewrites_rules_and_follows(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Women's words as the men's, and Latin look-alikes in a Cyrillic word as Cyrillic."""
    async with schema_before(blank_db, "0025_", monkeypatch) as db:
        # what the old code wrote: a woman's word as its own lemma
        await index_as_before(
            db,
            [
                ("https://e.org/1", "Міністерка економіки", "міністерка економіка"),
                ("https://e.org/2", "Spokeswoman says", "spokeswoman say"),
                ("https://e.org/3", "Peace talks", "peace talk"),
                ("https://e.org/4", "Мiнiстр пiшов", "мiнiстр пiти"),  # Latin "i"
            ],
        )
        await db.executemany(  # an admin's rules as the old lemmas had them
            "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)",
            [("politics", "депутатка"), ("politics", "вiйськовий мiнiстр")],
        )
        await db.execute(
            "INSERT INTO channels (chat_id, thread_id, include_keywords, exclude_keywords)"
            " VALUES (?, ?, ?, ?)",
            (-1001, 0, "речниця,посол", "співачка"),
        )
        await follows_as_before(db, [("депутатки", '"депутатка"')])
        old = await db.fetchall("SELECT keyword FROM topic_keywords WHERE topic = 'sport'")
        assert {"спортсменка", "гімнастка"} <= {row[0] for row in old}

    async with Store(blank_db) as store:
        waiting = sorted(row.title for row in await store.articles.unlemmatized(10))
        # Cyrillic and "-woman" stories are indexed again; the rest keep their lemmas
        assert waiting == ["Spokeswoman says", "Мiнiстр пiшов", "Міністерка економіки"]
        await upgrade_lemmas(store)  # what `newsbot migrate` and every poll run
        assert await found_urls(store, "міністр") == ["https://e.org/1", "https://e.org/4"]
        assert await found_urls(store, "spokesman") == ["https://e.org/2"]
        assert await found_urls(store, "peace") == ["https://e.org/3"]
        rules = set(await store.topics.all_keywords())
        assert {("sport", "спортсмен"), ("sport", "гімнаст"), ("health", "акушер")} <= rules
        assert not {("sport", "спортсменка"), ("health", "акушерка")} & rules
        assert ("politics", "депутат") in rules and ("politics", "депутатка") not in rules
        assert ("politics", "військовий міністр") in rules
        assert ("politics", "вiйськовий мiнiстр") not in rules
        channel = await store.channels.get(-1001)
        assert channel is not None
        assert (channel.include, channel.exclude) == (("речник", "посол"), ("співак",))
        follows = [(f.words, f.query) for f in await store.readers.follows_of(1)]
        assert follows == [("депутатки", '"депутат"')]
        assert await store.db.get_kv("lemmas.rules") is None

"""A Russian story's words are read as Russian (migration 0024): the Cyrillic words both
languages share take the text's language, and pymorphy3's Russian ranking picks the lemma."""

from __future__ import annotations

import pytest
from upgrade import follows_as_before, found_urls, index_as_before, schema_before

from bot.delivery.router import story_runs
from bot.ingest.tagging import upgrade_lemmas
from bot.ingest.topics import assign_topics, keyword_matches, rule_lemmas, rules_language
from bot.models import Article, Topic, utcnow
from bot.store.store import Store
from bot.text.lemmas import lemma, lemma_text, lemmas, ranked_lemma, text_language
from bot.text.search import fts_query, fts_to_tsquery


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Стороны обсудили условия мира", "ru"),
        ("Сторони обговорили умови миру", "uk"),
        ("нового мира", "uk"),  # no letter says Russian: Ukrainian first, as before
        ("Україна і світ: эксперты", "uk"),  # as many of each: Ukrainian
        ("Эксперты обсудили ситуацию вокруг выборов в Україні", "ru"),
        ("Peace talks", "uk"),
    ],
)
def test_the_language_of_a_text_comes_from_its_letters(text: str, language: str) -> None:
    assert text_language(text) == language


@pytest.mark.parametrize(
    ("word", "ukrainian", "russian"),
    [
        ("мира", "миро", "мир"),  # peace, not chrism
        ("дома", "дома", "дом"),
        ("попали", "попалити", "попасть"),  # hit, not burn
        ("нового", "новий", "новый"),
        ("людей", "людина", "человек"),
    ],
)
def test_a_shared_word_is_read_in_the_texts_language(
    word: str, ukrainian: str, russian: str
) -> None:
    assert lemma(word) == lemma(word, "uk") == ukrainian
    assert lemma(word, "ru") == russian


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("рака", "рак"),  # cancer; simplemma has "рака", a shrine
        ("банки", "банк"),
        ("майка", "майка"),  # a vest, though "Майк" (Mike) scores higher
        ("франция", "франция"),  # a country is no person's name: not "франций"
        ("попали", "попасть"),  # two lemmas ranked alike: simplemma's
    ],
)
def test_russian_words_take_the_dictionarys_most_likely_lemma(word: str, expected: str) -> None:
    assert lemma(word, "ru") == expected


def test_ranked_lemma_gives_way_when_it_cannot_tell() -> None:
    assert ranked_lemma("попали", "ru") is None  # "попасть" and "попалить" alike
    assert ranked_lemma("рака", "ru") == "рак"
    assert ranked_lemma("ыыыы", "ru") is None


def test_a_russian_story_and_a_russian_rule_meet() -> None:
    text = "Стороны обсудили проект мирного договора"
    assert "мирный" in lemmas(text) and "договор" in lemmas(text)
    assert keyword_matches(rule_lemmas("мирный договор"), lemmas(text))
    # read as Ukrainian (the former reading), "мирного" was "мирний": no match
    assert not keyword_matches(rule_lemmas("мирный договор"), lemmas(text, "uk"))


@pytest.mark.parametrize(
    ("typed", "language", "stored"),
    [
        (["переговоры", "мира"], "ru", ["переговоры", "мир"]),  # "мира": the peace of the list
        (["мира"], None, ["миро"]),  # alone it says no language: Ukrainian first, as before
        (["мирний", "мира"], "uk", ["мирний", "миро"]),
        (["ограбление", "банки"], "ru", ["ограбление", "банк"]),
        (["air strike", "мира"], None, ["air strike", "миро"]),
    ],
)
def test_rules_typed_together_are_read_in_their_common_language(
    typed: list[str], language: str | None, stored: list[str]
) -> None:
    assert rules_language(typed) == language
    assert [rule_lemmas(word, language) for word in typed] == stored
    story = lemmas("Стороны обсудили условия мира")  # a Russian story: "мир"
    assert keyword_matches(rule_lemmas("мира", rules_language(typed)), story) is (language == "ru")


def test_the_rules_read_a_russian_story_as_russian() -> None:
    topics = [Topic("health", "Health", "Здоров'я", ("рак",)), Topic("war", "War", "Війна", ())]
    found = assign_topics(
        title="Новые лекарства от рака продлевают жизнь",
        lead="",
        tags=(),
        source_topics=(),
        topics=topics,
    )
    assert found == ["health"]


def test_a_storys_headline_is_read_in_the_language_of_the_whole_story() -> None:
    # the headline alone says nothing; the lead is Russian
    article = Article(
        id=1,
        url="https://e.org/1",
        title="Условия мира",
        lead="Стороны встретились в Женеве.",
        published_at=utcnow(),
    )
    head, _lead = story_runs(article)
    assert head.lemmas == ("условие", "мир")
    assert lemma_text(article.title, article.lead).split("\n")[0] == "условие мир"


def lemma_terms(query: str | None) -> list[str]:
    """Each term's first alternative, its words' lemmas (unquoted neighbours' readings of
    a phrase follow it)."""
    return [part.strip("()").split(" OR ")[0] for part in (query or "").split(" AND ")]


def test_a_russian_query_is_read_as_russian() -> None:
    assert lemma_terms(fts_query("переговоры нового мира")) == ['"переговоры"', '"новый"', '"мир"']
    # a word both languages share, and nothing saying which: either reading
    assert fts_query("мира") == '("миро" OR "мир")'
    assert fts_to_tsquery('("миро" OR "мир")') == "('миро' | 'мир')"
    phrases = (fts_query('"нового мира"') or "").strip("()").split(" OR ")
    assert phrases[:2] == ['"новий миро"', '"новый мир"']  # each reading's lemmas first
    assert lemma_terms(fts_query("Києві мира")) == ['"київ"', '"миро"']  # a Ukrainian query


def test_a_short_text_is_russian_by_the_words_only_russian_has() -> None:
    # "условия" is no Ukrainian word: the query is Russian, and "мира" is "мир"
    assert text_language("условия мира") == "ru"
    assert lemma_terms(fts_query("условия мира")) == ['"условие"', '"мир"']
    assert text_language("умови миру") == "uk"


@pytest.mark.parametrize(
    ("headline", "topic"),
    [
        ("Пограничный спор двух стран обострился", "world"),
        ("Морской спор Китая и Филиппин", "world"),
        ("Ограбление банка в центре Москвы", "crime"),
        ("Над Украиной предложили ввести бесполетную зону", "war"),
        ("В Оренбурге пропал ребенок", "society"),
    ],
)
def test_the_default_russian_rules_meet_russian_stories(
    headline: str, topic: str, default_topics: list[Topic]
) -> None:
    found = assign_topics(title=headline, lead="", tags=(), source_topics=(), topics=default_topics)
    assert topic in found


async def test_upgrade_to_0024_reindexes_russian_stories_and_rewrites_rules_and_follows(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0024_", monkeypatch) as db:
        # what the old code wrote: Russian stories' shared words read as Ukrainian
        await index_as_before(
            db,
            [
                ("https://e.org/1", "Переговоры нового мира", "переговоры новий миро"),
                ("https://e.org/2", "Переговори нового миру", "переговори новий мир"),
                ("https://e.org/3", "Peace talks", "peace talk"),
            ],
        )
        await db.execute(  # an admin's Russian rule as the old lemmas had it
            "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)",
            ("world", "мирный переговоры нового мира"),
        )
        await follows_as_before(db, [("переговоры мира", '"переговоры" AND "миро"')])
        rows = await db.fetchall("SELECT keyword FROM topic_keywords WHERE topic = 'world'")
        assert {"пограничный спора", "территориальный спора"} <= {row[0] for row in rows}

    async with Store(blank_db) as store:
        waiting = sorted(row.title for row in await store.articles.unlemmatized(10))
        # every Cyrillic story is indexed again (English keeps its lemmas)
        assert waiting == ["Переговори нового миру", "Переговоры нового мира"]
        await upgrade_lemmas(store)
        assert await found_urls(store, "переговоры мир") == ["https://e.org/1"]
        assert await found_urls(store, "мир") == ["https://e.org/1", "https://e.org/2"]
        assert await found_urls(store, "peace") == ["https://e.org/3"]
        rules = {
            keyword for topic, keyword in await store.topics.all_keywords() if topic == "world"
        }
        assert {"пограничный спор", "территориальный спор"} <= rules
        assert not {"пограничный спора", "территориальный спора"} & rules
        assert "мирный переговоры новый мир" in rules
        follows = [(f.words, f.query) for f in await store.readers.follows_of(1)]
        assert [(words, lemma_terms(query)) for words, query in follows] == [
            ("переговоры мира", ['"переговоры"', '"мир"'])
        ]
        assert await store.db.get_kv("lemmas.rules") is None

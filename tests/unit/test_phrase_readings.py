"""A rule, a search or a follow of several words meets every agreed form of its words
(migration 0026; its other part, the forms of a woman's word no dictionary knows, is in
test_feminine_titles.py): "Золота бутса" is read "золото бутсы" word by word, "Золотої бутси"
"золотий бутса"; a run of words each of which may stand for the rule's word is a match
(`bot.text.lemmas.readings`). A rule of one word still needs the word's lemma: "Ціни стали"
is no "сталь", "Влад" no "влада"."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ArticleFactory
from headlines import keyword_tags
from upgrade import follows_as_before, found_urls, index_as_before, schema_before

from bot.delivery.router import takes
from bot.ingest.tagging import fill_search_lemmas, upgrade_lemmas
from bot.ingest.topics import keyword_matches, rule_lemmas
from bot.models import Article, Channel, Topic, utcnow
from bot.store.store import Store
from bot.text.lemmas import lemmas, readings, text_readings
from bot.text.search import fts_query


def meets(rule: str, text: str, language: str | None = None) -> bool:
    """Whether a rule (as stored: lemmas) matches a text as stories are matched."""
    return keyword_matches(rule, lemmas(text, language), readings(text, language))


@pytest.mark.parametrize(
    "text",
    [
        "Золота бутса дісталася Кейну",
        "NATO-led talks in Kyiv",
        "Прем'єр-міністерка і віце-прем'єр провели нараду",
        "Мiнiстр фiнансiв (Latin i) — 5G, COVID-19",
        "Переговоры нового мира",
        "",
    ],
)
def test_readings_stand_beside_each_lemma(text: str) -> None:
    found, each = lemmas(text), readings(text)
    assert len(each) == len(found)
    assert all(lemma in reading for lemma, reading in zip(found, each, strict=True))


@pytest.mark.parametrize(
    ("headline", "topics"),
    [
        # "золота" is gold's genitive word by word, "бутса" Russian "бутсы"
        ("Золота бутса дісталася Гаррі Кейну", ["sport"]),
        ("Кейн утретє отримав Золоту бутсу", ["sport"]),
        ("Хто претендує на Золоту бутсу цього сезону", ["sport"]),
        ("Вільні агенти НБА підписали контракти", ["sport"]),  # "вільно агент" word by word
        ("Книжному магазину у Львові виповнилося сто років", ["culture"]),  # "книжний" "магазин"
        ("Боргових криз у Європі стає більше", ["economy"]),  # "криз", not "криза"
    ],
)
def test_a_rule_of_several_words_meets_its_agreed_forms(
    default_topics: list[Topic], headline: str, topics: list[str]
) -> None:
    assert keyword_tags(default_topics, headline) == topics


# Default rules of adjectives and a noun, in both languages.
PHRASES = [
    ("золотий бутса", "uk"),
    ("вільний агент", "uk"),
    ("книжковий магазин", "uk"),
    ("борговий криза", "uk"),
    ("верхній палата", "uk"),
    ("концертний зал", "uk"),
    ("відкритий код", "uk"),
    ("генеральный прокурор", "ru"),
    ("конституционный суд", "ru"),
    ("оппозиционный политик", "ru"),
]


@functools.cache
def bench_tagging() -> ModuleType:
    """bench/tagging.py, whose `phrase_forms` inflects a rule's phrase in agreement."""
    path = Path(__file__).resolve().parents[2] / "bench" / "tagging.py"
    spec = importlib.util.spec_from_file_location("bench_tagging", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("rule", "language"), PHRASES)
def test_every_agreed_form_of_a_default_phrase_meets_it(
    default_topics: list[Topic], rule: str, language: str
) -> None:
    assert any(rule in topic.keywords for topic in default_topics)
    found = bench_tagging().phrase_forms([Topic("t", "T", "Т", (rule,))])[rule]
    assert {lang for _, lang in found} == {language}
    forms = {form for form, _ in found}
    assert len(forms) >= 8  # singular and plural, the cases that differ
    missed = sorted(form for form in forms if not meets(rule, form, language))
    assert missed == []


def test_a_text_without_cyrillic_is_matched_by_its_lemmas() -> None:
    assert text_readings("Two air strikes hit the city", "uk") == ()
    assert len(text_readings("Удари по Києву", "uk")) == 3
    found = lemmas("Two air strikes hit the city")
    assert keyword_matches("air strike", found, text_readings("Two air strikes", "uk"))
    assert not keyword_matches("air strike", lemmas("air quality; strike over"), ())


def test_a_rule_of_one_word_needs_the_lemma() -> None:
    assert not meets("сталь", "Ціни стали вищими")  # "стати", though "стали" may be steel's
    assert meets("сталь", "Ціни на сталь зросли")
    assert not meets("влада", "Влад переміг у конкурсі")  # "влад" may be "влада"'s genitive
    assert not meets("посол", "Як посолити сало")
    assert not meets("ракета", "Нова ракетка Світоліної")


def test_a_phrase_keeps_its_order_and_its_words_together() -> None:
    assert meets("золотий бутса", "Золоту бутсу вручили Кейну")
    assert not meets("золотий бутса", "Бутсу пофарбували в золотий колір")
    assert not meets("золотий бутса", "Золоту медаль і бутсу")


def test_an_admins_phrase_meets_the_forms_its_words_may_be() -> None:
    """`/keywords sport Золота бутса` stores the typed words' lemmas, "золото бутсы"; each
    word's readings meet the story's ("Золоту бутсу": "золотий" / "золото", "бутса")."""
    rule = rule_lemmas("Золота бутса")
    assert rule == "золото бутсы"
    assert meets(rule, "Кейн отримав Золоту бутсу")
    assert meets(rule, "Золота бутса дісталася Кейну")


def test_an_edition_takes_a_story_by_its_words_readings() -> None:
    def story(title: str) -> Article:
        return Article(1, "https://e.org/1", title, "", utcnow(), language="uk")

    agents = Channel(-1, include=(rule_lemmas("вільний агент"),))
    assert takes(agents, story("Вільні агенти НБА підписали контракти"))
    assert not takes(agents, story("Агенти спецслужб діяли вільно"))
    no_boots = Channel(-2, exclude=("золотий бутса",))
    assert not takes(no_boots, story("Кейн отримав Золоту бутсу"))
    assert takes(no_boots, story("Кейн отримав нові бутси"))


async def test_a_search_of_a_phrase_finds_its_agreed_forms(
    store: Store, make_article: ArticleFactory
) -> None:
    for title in (
        "Золота бутса дісталася Кейну",
        "Хто стане володарем Золотої бутси",
        "Золото подешевшало",
    ):
        await store.articles.upsert(make_article(title=title, lead=""))
    await fill_search_lemmas(store)
    query = fts_query('"Золота бутса"')
    assert query is not None
    titles = sorted(a.title for a in await store.articles.search(query, limit=10))
    # "Золота бутса" is "золото бутсы" word by word, "Золотої бутси" "золотий бутс"
    assert titles == ["Золота бутса дісталася Кейну", "Хто стане володарем Золотої бутси"]
    # one word is its lemma alone: "золота" is gold's
    assert fts_query("золота") == '"золото"'


async def test_upgrade_to_0026_rebuilds_follows_rules_and_the_index(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0026_", monkeypatch) as db:
        await index_as_before(  # what the old code indexed
            db,
            [
                ("https://e.org/1", "Посолку викликали до МЗС", "посолку викликати до мзс"),
                ("https://e.org/2", "Peace talks", "peace talk"),
            ],
        )
        await db.execute(  # an admin's rule as the old lemmas had it
            "INSERT INTO topic_keywords (topic, keyword) VALUES ('politics', 'членкиня')"
        )
        await follows_as_before(  # the queries the old code built: each word's lemma
            db, [('"Золота бутса"', '"золото бутсы"'), ("посол", '"посол"')]
        )
    async with Store(blank_db) as store:
        assert await store.db.get_kv("lemmas.rules") == "1"
        waiting = [row.title for row in await store.articles.unlemmatized(10)]
        assert waiting == ["Посолку викликали до МЗС"]  # the English story keeps its lemmas
        await upgrade_lemmas(store)  # what `newsbot migrate` and every poll run
        assert await found_urls(store, "посол") == ["https://e.org/1"]
        assert await found_urls(store, "peace") == ["https://e.org/2"]
        rules = set(await store.topics.all_keywords())
        assert ("politics", "член") in rules and ("politics", "членкиня") not in rules
        follows = {f.words: f.query for f in await store.readers.follows_of(1)}
        assert follows["посол"] == '"посол"'
        assert '"золото бутсы"' in follows['"Золота бутса"']
        assert '"золотий бутс"' in follows['"Золота бутса"']
        assert await store.db.get_kv("lemmas.rules") is None


async def test_0026_leaves_a_new_store_as_it_is(blank_db: str) -> None:
    async with Store(blank_db) as store:
        assert await store.db.get_kv("lemmas.rules") is None

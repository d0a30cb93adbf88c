"""Topic tagging and the default topics of migration 0002."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.ingest.topics import (
    ANY_HIT,
    EVIDENCE,
    Evidence,
    _inside_longer,
    assign_topics,
    keyword_matches,
    match_topic,
    normalize,
    rule_lemmas,
)
from bot.models import Topic
from bot.text.lemmas import lemmas

TOPICS = [
    Topic("politics", "Politics", "Політика", ("president", "парламент", "верховний рада")),
    Topic("war", "War", "Війна", ("wartime", "missile", "air strike", "війна", "обстріл", "зсу")),
    Topic("economy", "Economy", "Економіка", ("economy", "economic", "гривня", "економічний")),
    Topic("sport", "Sport", "Спорт", ("football", "футбол")),
    Topic("health", "Health", "Здоров'я", ("vaccine",)),
]


def tag(
    title: str = "",
    lead: str = "",
    tags: tuple[str, ...] = (),
    src: tuple[str, ...] = (),
    evidence: Evidence = EVIDENCE,
) -> list[str]:
    return assign_topics(
        title=title, lead=lead, tags=tags, source_topics=src, topics=TOPICS, evidence=evidence
    )


def test_normalize() -> None:
    assert normalize("  Прем’єр-міністр!  ") == "прем'єр міністр"
    assert normalize("STRASSE Straße") == "strasse strasse"
    assert normalize("'quoted' Kyiv's") == "quoted kyiv's"


def test_keyword_matches_lemmas_not_prefixes() -> None:
    assert keyword_matches("війна", lemmas("Третій рік війни"))
    assert keyword_matches("війна", lemmas("ВІЙНА триває"))
    assert not keyword_matches("війна", lemmas("безвійновий"))
    assert not keyword_matches("війн", lemmas("Третій рік війни"))  # a prefix is no rule
    assert keyword_matches("air strike", lemmas("Two air strikes hit the city"))
    assert not keyword_matches("air strike", lemmas("air quality; strike over"))
    assert not keyword_matches("", lemmas("anything"))


def test_rules_are_stored_as_lemmas() -> None:
    """/keywords takes words in any form: what is stored is their lemmas."""
    assert rule_lemmas("ракети") == "ракета"
    assert rule_lemmas("Верховної Ради") == "верховний рада"
    assert rule_lemmas("Прем’єр-міністра") == "прем'єр-міністр"
    assert rule_lemmas("air strikes") == "air strike"
    assert rule_lemmas("послом") == "посол"


def test_keyword_rules_over_title_and_lead() -> None:
    assert tag("Обстріл Харкова") == ["war"]
    got = tag("Football", "The president watched the football match", evidence=ANY_HIT)
    assert got == ["politics", "sport"]
    # by default one word in the lead is not enough: the headline says what the story is
    assert tag("Football", "The president watched the football match") == ["sport"]
    assert tag("Курс гривні", "Економічні новини", evidence=ANY_HIT) == ["economy"]
    # A rule of several words matches a run of lemmas in any form.
    assert tag("Верховна Рада ухвалила закон") == ["politics"]
    assert tag("Засідання Верховної Ради") == ["politics"]
    assert tag("Верховний суд, рада суддів") == []
    assert tag("Warm weather ahead", "A warning for drivers") == []
    assert tag("Nothing to see") == []


def test_order_follows_topics_and_no_duplicates() -> None:
    result = tag("Vaccine for football fans", "missile", tags=("war", "War"), src=("war",))
    assert result == ["war"]  # own topics stand alone (KEYWORD_TAGGING=untagged)
    result = assign_topics(
        title="Vaccine for football fans",
        lead="missile",
        tags=("war", "War"),
        source_topics=("war",),
        topics=TOPICS,
        keyword_tagging="always",
    )
    assert result == ["war", "sport", "health"]


def test_tags_match_slug_or_title_in_any_language() -> None:
    assert tag(tags=("ECONOMY",)) == ["economy"]
    assert tag(tags=("Війна",)) == ["war"]
    assert tag(tags=("здоров’я",)) == ["health"]  # typographic apostrophe
    assert tag(tags=("#sport",)) == ["sport"]
    assert tag(tags=("World news",)) == []  # no such topic, no keyword
    assert tag(tags=("Football results",)) == ["sport"]  # a keyword rule matches the tag


def test_source_topics_unknown_slugs_ignored() -> None:
    assert tag(src=("sport", "nonexistent")) == ["sport"]


def test_match_topic() -> None:
    assert match_topic("war", TOPICS) is TOPICS[1]
    assert match_topic("WAR", TOPICS) is TOPICS[1]
    assert match_topic("війна", TOPICS) is TOPICS[1]
    assert match_topic("Здоров'я", TOPICS) is TOPICS[4]
    assert match_topic("#Economy", TOPICS) is TOPICS[2]
    assert match_topic("weather", TOPICS) is None
    assert match_topic("", TOPICS) is None


async def test_default_topics_migration(default_topics: list[Topic]) -> None:
    slugs = [t.slug for t in default_topics]
    assert slugs[:10] == [
        "politics", "war", "economy", "world", "society",
        "culture", "sport", "health", "tech", "crime",
    ]  # fmt: skip
    by_slug = {t.slug: t for t in default_topics}
    assert (by_slug["war"].title_en, by_slug["war"].title_uk) == ("War", "Війна")
    for topic in default_topics[:10]:
        assert 10 <= len(topic.keywords) <= 800, topic.slug  # three languages
        assert all(k == k.casefold().strip() for k in topic.keywords), topic.slug
        assert any(any("а" <= ch <= "я" or ch in "єіїґ" for ch in k) for k in topic.keywords)


@pytest.mark.parametrize(
    ("title", "lead", "expected"),
    [
        ("Russian missiles hit Kharkiv overnight", "", ["war"]),
        ("Нічний обстріл Києва: уламки ракети впали на будинок", "", ["war"]),
        ("Війна триває вже четвертий рік", "", ["war"]),
        # no war in "warm" or "warning"; weather is society (migration 0015)
        ("Warm weather and a warning for drivers", "", ["society"]),
        ("Crimea bridge reopened", "", []),
        ("Police arrest suspect in murder case", "", ["crime"]),
        ("НБУ знизив облікову ставку, гривня зміцнилась", "", ["economy"]),
        ("Верховна Рада ухвалила бюджет", "", ["politics", "economy"]),
        ("Збірна України з футболу виграла матч", "", ["sport"]),
        ("МОЗ: нова вакцина від грипу", "", ["health"]),
        ("Робота у вихідні: графік", "", []),
        ("Aid and air travel", "", []),
    ],
)
async def test_default_keywords(
    default_topics: list[Topic], title: str, lead: str, expected: list[str]
) -> None:
    got = assign_topics(title=title, lead=lead, tags=(), source_topics=(), topics=default_topics)
    assert got == expected


def test_the_longest_rule_wins_where_rules_overlap() -> None:
    topics = [
        Topic("politics", "Politics", "Політика", ("minister",)),
        Topic("world", "World", "Світ", ("foreign minister",)),
    ]
    got = assign_topics(
        title="Foreign minister resigns", lead="", tags=(), source_topics=(), topics=topics
    )
    assert got == ["world"]
    got = assign_topics(title="Minister resigns", lead="", tags=(), source_topics=(), topics=topics)
    assert got == ["politics"]
    # two matches of one text: the shorter one elsewhere still counts
    got = assign_topics(
        title="Minister and foreign minister", lead="", tags=(), source_topics=(), topics=topics
    )
    assert got == ["politics", "world"]


@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 6)), max_size=40))
def test_spans_inside_a_longer_one_are_found_in_one_pass(pairs: list[tuple[int, int]]) -> None:
    """`_inside_longer` (sorted, one pass) agrees with the definition: each span against all."""
    spans = [(start, start + length) for start, length in pairs]
    expected = {
        (start, end)
        for start, end in spans
        if any(s <= start and end <= e and e - s > end - start for s, e in spans)
    }
    assert _inside_longer(spans) == expected


def test_a_headline_of_thousands_of_hits_is_tagged_as_a_short_one() -> None:
    """A feed's headline of 10,000 repeated phrases (an entity expansion, say) meets the same
    rules as one of them: the longest wins, once per topic (it took 40 s of the event loop
    while each match was checked against every other)."""
    topics = [
        Topic("politics", "Politics", "Політика", ("minister",)),
        Topic("world", "World", "Світ", ("foreign minister",)),
        Topic("war", "War", "Війна", ("missile", "missile strike")),
    ]
    one = "Foreign minister on missile strike "
    for title in (one, one * 10_000):
        got = assign_topics(title=title, lead="", tags=(), source_topics=(), topics=topics)
        assert got == ["world", "war"]


def test_a_title_before_a_name_counts_in_the_headline_not_in_the_lead() -> None:
    assert tag("President Biden", "") == ["politics"]
    # which words of a lead count, each on its own (any hit)
    assert tag("Visit", "President Biden arrived in Kyiv.", evidence=ANY_HIT) == []
    assert tag("Visit", "The president arrived in Kyiv.", evidence=ANY_HIT) == ["politics"]
    assert tag("Visit", "He met the President.", evidence=ANY_HIT) == ["politics"]

"""Migration 0031, an English glossary of default keyword rules written from the topics'
definitions: the words wire headlines use (mobilisation, sinkhole, data leak, pyramid scheme,
ombudsman, ...) tag a story of no topic of its own, where the rules before it gave none;
the words of two meanings it leaves out ("brigade", "combat", "novel", "viral", "galaxy")
tag nothing of theirs; and an upgrade adds the rules only to topics that are still there.
Headlines written for this test."""

from __future__ import annotations

import pytest
from headlines import keyword_tags
from upgrade import check_glossary_upgrade, checked_glossary, without_rules

from bot.models import Topic


def without_glossary(topics: list[Topic]) -> list[Topic]:
    """The default topics as they were before 0031."""
    return without_rules(topics, "0031_english_glossary.sql")


def test_the_glossary_is_what_the_migration_says() -> None:
    rules = checked_glossary("0031_english_glossary.sql", 750)
    left_out = {"who", "bill", "trial", "virus", "brigade", "combat", "novel", "viral", "bank"}
    assert not left_out & rules
    assert not {"coach", "feed", "bacterium"} & rules  # a bus; "Fed"; read back otherwise
    kept_away = {"police", "doctor", "medical", "wartime"}  # by 0015 and 0021
    assert not kept_away & rules


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Ombudsman criticises the civil service", "politics"),
        ("Turnout hits record low", "politics"),
        ("Parliament extends general mobilisation by 90 days", "war"),
        ("Sappers demine 300 hectares of farmland", "war"),
        ("Sterling slides after the rate decision", "economy"),
        ("Wheat futures climb as harvest forecast is cut", "economy"),
        ("Donor conference raises $2 billion in humanitarian aid", "world"),
        ("Sinkhole swallows two cars in city centre", "society"),
        ("Palme d'Or goes to a first-time director", "culture"),
        ("Chess grandmaster claims the rapid crown", "sport"),
        ("Mammogram backlog grows", "health"),
        ("Chickenpox spreads in nurseries", "health"),
        ("Data leak exposes details of two million customers", "tech"),
        ("Pyramid scheme collapses, savers lose millions", "crime"),
    ],
)
def test_the_words_wire_headlines_use_tag_their_topic(
    default_topics: list[Topic], title: str, topic: str
) -> None:
    assert topic not in keyword_tags(without_glossary(default_topics), title)
    assert topic in keyword_tags(default_topics, title)


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Fire brigade rescues family from flooded basement", "war"),
        ("Leaders vow to combat plastic waste", "war"),
        ("Novel approach cuts school absences", "culture"),
        ("Dance video goes viral overnight", "health"),
        ("LA Galaxy sign a new goalkeeper", "tech"),
    ],
)
def test_words_of_two_meanings_tag_nothing_of_theirs(
    default_topics: list[Topic], title: str, topic: str
) -> None:
    assert topic not in keyword_tags(default_topics, title)


async def test_upgrade_to_0031_adds_the_rules_to_the_topics_still_there(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await check_glossary_upgrade(
        blank_db, "0031_english_glossary.sql", monkeypatch, removed="sport", own="my own rule"
    )

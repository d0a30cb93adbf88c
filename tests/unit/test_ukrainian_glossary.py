"""Migration 0028, a Ukrainian glossary of default keyword rules written from the topics'
definitions: the words Ukrainian agencies write (ТЦК, ДРГ, облрада, Укрзалізниця,
Шевченківська премія, УПЛ, кіберполіція, ...) tag a story of no topic of its own, where the
rules before it gave none; the words of two meanings it leaves out ("шахтар", "суддя",
"захисник", "бригада") tag nothing of theirs; and an upgrade adds the rules only to topics
that are still there. Headlines written for this test."""

from __future__ import annotations

import pytest
from headlines import keyword_tags
from upgrade import check_glossary_upgrade, checked_glossary, without_rules

from bot.models import Topic


def without_glossary(topics: list[Topic]) -> list[Topic]:
    """The default topics as they were before 0028."""
    return without_rules(topics, "0028_ukrainian_glossary.sql")


def test_the_glossary_is_what_the_migration_says() -> None:
    rules = checked_glossary("0028_ukrainian_glossary.sql", 900)
    left_out = {"шахтар", "суддя", "захисник", "бригада", "нічия", "польща", "ціна", "лікар"}
    assert not left_out & rules


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Монобільшість не набрала голосів для ухвалення", "politics"),
        ("Облрада призначила нового голову", "politics"),
        ("ТЦК посилили перевірки на блокпостах", "war"),
        ("Прикордонники помітили ДРГ біля кордону", "war"),
        ("Над Одесою збили Кинджал", "war"),
        ("Держдеп відреагував на заяву Києва", "world"),
        ("Укрзалізниця змінює розклад приміських електричок", "society"),
        ("Синоптики прогнозують ожеледицю та туман", "society"),
        ("Троє митців отримали Шевченківську премію", "culture"),
        ("УПЛ: «Полісся» обіграло «Олександрію»", "sport"),
        ("Українські айтівці створили чатбот для ветеранів", "tech"),
        ("Поліклініки перейдуть на електронні рецепти", "health"),
        ("Охматдит отримав нові апарати ШВЛ", "health"),  # the writer's "охмадит", mended
        ("ВАКС обрав запобіжний захід меру", "crime"),
        ("Кіберполіція викрила конвертаційний центр", "crime"),
    ],
)
def test_the_words_ukrainian_agencies_write_tag_their_topic(
    default_topics: list[Topic], title: str, topic: str
) -> None:
    assert topic not in keyword_tags(without_glossary(default_topics), title)
    assert topic in keyword_tags(default_topics, title)


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("Шахтарі Павлограда вийшли на протест", "sport"),  # miners, not the club
        ("Суддя не зарахував гол", "crime"),  # a referee
        ("Захисник «Динамо» травмувався", "war"),  # a defender of a team
        ("Бригада швидкої допомоги приїхала за 10 хвилин", "war"),  # an ambulance crew
    ],
)
def test_words_of_two_meanings_tag_nothing_of_theirs(
    default_topics: list[Topic], title: str, topic: str
) -> None:
    assert topic not in keyword_tags(default_topics, title)


async def test_upgrade_to_0028_adds_the_rules_to_the_topics_still_there(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await check_glossary_upgrade(
        blank_db, "0028_ukrainian_glossary.sql", monkeypatch, removed="tech", own="мій власний"
    )

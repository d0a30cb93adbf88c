"""Inline keyboards and their callback data (pure)."""

from __future__ import annotations

import pytest

from bot.models import Topic
from bot.render.keyboards import (
    MAX_CALLBACK_BYTES,
    AllTopics,
    NoTopics,
    SearchPage,
    Toggle,
    parse_callback,
    search_pager,
    topic_picker,
)

TOPICS = [
    Topic("politics", "Politics", "Політика"),
    Topic("war", "War", "Війна"),
    Topic("economy", "Economy", "Економіка"),
]


def buttons(markup: object) -> list[tuple[str, str]]:
    rows = markup.inline_keyboard  # type: ignore[attr-defined]
    return [(b.text, b.callback_data) for row in rows for b in row]


def test_picker_marks_subscribed_topics_and_ends_with_all_and_none() -> None:
    markup = topic_picker(TOPICS, {"war"}, "uk")
    assert buttons(markup) == [
        ("Політика", "tg:politics"),
        ("✅ Війна", "tg:war"),
        ("Економіка", "tg:economy"),
        ("Усі", "tg*"),
        ("Жодної", "tg-"),
    ]
    assert [len(row) for row in markup.inline_keyboard] == [2, 1, 2]


def test_picker_in_english() -> None:
    assert buttons(topic_picker(TOPICS, [], "en"))[0] == ("Politics", "tg:politics")
    assert buttons(topic_picker(TOPICS, [], "en"))[-2:] == [("All", "tg*"), ("None", "tg-")]


def test_picker_skips_topics_whose_data_would_not_fit() -> None:
    long = Topic("x" * 70, "Long", "Довга")
    data = [d for _, d in buttons(topic_picker([*TOPICS, long], [], "en"))]
    assert all(len(d.encode()) <= MAX_CALLBACK_BYTES for d in data)
    assert "tg:" + "x" * 70 not in data


def test_picker_round_trips_through_parse() -> None:
    for _, data in buttons(topic_picker(TOPICS, [], "en")):
        assert parse_callback(data) is not None
    assert parse_callback("tg:war") == Toggle("war")
    assert parse_callback("tg*") == AllTopics()
    assert parse_callback("tg-") == NoTopics()


def test_search_pager() -> None:
    assert search_pager(7, 0, 5, 5, "en", last_id=40) is None
    first = search_pager(7, 0, 12, 5, "en", last_id=40)
    assert buttons(first) == [("More »", "sr:7:5:40")]
    middle = search_pager(7, 5, 12, 5, "uk", last_id=40)
    assert buttons(middle) == [("« Назад", "sr:7:0:40"), ("Ще »", "sr:7:10:40")]
    last = search_pager(7, 10, 12, 5, "en", last_id=40)
    assert buttons(last) == [("« Back", "sr:7:5:40")]
    assert parse_callback("sr:7:5:40") == SearchPage(7, 5, 40)
    widest = f"sr:{10**9 - 1}:{10**5 - 1}:{10**18 - 1}"
    assert parse_callback(widest) == SearchPage(10**9 - 1, 10**5 - 1, 10**18 - 1)


def test_search_buttons_from_before_the_bound_still_parse() -> None:
    """Buttons in chats from before the pages carried their bound: `sr:ID:OFFSET`."""
    assert parse_callback("sr:7:5") == SearchPage(7, 5, None)
    assert buttons(search_pager(7, 0, 12, 5, "en")) == [("More »", "sr:7:5")]


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "tg:",
        "tg:a b",
        "tg:\x00",
        "tg*x",
        "sr:",
        "sr:1",
        "sr:-1:0",
        "sr:1:5:",
        "sr:1:5:-9",
        "sr:1:5:9:9",
        "sr:1:5:1234567890123456789",
        "sr:1234567890:0",
        "sr:1:999999",
        "sr:١:٥",  # Arabic-Indic digits are not ours
        "x" * 65,
        "tg:" + "я" * 40,  # over 64 bytes
        "garbage",
        "<b>",
        b"tg:war",
        42,
    ],
)
def test_forged_or_stale_data_parses_to_none(data: object) -> None:
    assert parse_callback(data) is None

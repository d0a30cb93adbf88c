"""Datelines and sources: parsed from JSON Lines, shown under the headline ("Kyiv • UNN"),
escaped and within Telegram's limits; JSON Lines may embargo, feeds may not."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from bot.ingest.formats import parse_jsonl
from bot.models import Article, utcnow
from bot.render.html import CAPTION_LIMIT, TEXT_LIMIT, check_html, plain, visible_length
from bot.render.story import Renderer


def line(**fields: object) -> str:
    return json.dumps({"url": "https://news.example.org/a", "title": "Headline", **fields})


def article(**overrides: object) -> Article:
    fields: dict[str, object] = {
        "id": 1,
        "url": "https://news.example.org/a",
        "title": "Umerov meets Lecornu",
        "lead": "They discussed combat aircraft, air defence and ammunition.",
        "published_at": datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
    }
    fields.update(overrides)
    return Article(**fields)  # type: ignore[arg-type]


def test_jsonl_dateline_and_source() -> None:
    [item] = parse_jsonl(line(dateline="  Kyiv\n", source="UNN")).items
    assert (item.dateline, item.source) == ("Kyiv", "UNN")
    [bare] = parse_jsonl(line()).items
    assert bare.dateline is None


def test_jsonl_dateline_must_be_text_and_is_kept_short() -> None:
    parsed = parse_jsonl(line(dateline=["Kyiv"]))
    assert parsed.items == [] and parsed.errors == ["line 1: dateline must be a string"]
    [item] = parse_jsonl(line(dateline="Kyiv " * 100)).items
    assert item.dateline is not None and len(item.dateline) <= 100


def test_jsonl_future_time_is_an_embargo_not_a_wrong_clock() -> None:
    later = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    [item] = parse_jsonl(line(published_at=later.isoformat())).items
    assert item.published_at == later


def test_story_shows_dateline_and_source_under_the_headline() -> None:
    text = Renderer().story(article(dateline="Kyiv", source="UNN")).text
    assert text.splitlines()[:2] == ["<b>Umerov meets Lecornu</b>", "<i>Kyiv • UNN</i>"]
    only_source = Renderer().story(article(source="UNN")).text
    assert only_source.splitlines()[1] == "<i>UNN</i>"
    neither = Renderer().story(article(dateline="  ", source=None)).text
    assert "<i>" not in neither and neither.splitlines()[1] == ""


def test_hostile_dateline_is_escaped_and_one_line() -> None:
    hostile = '<a href="javascript:x">Kyiv</a>\n<b>&amp;'
    text = Renderer().story(article(dateline=hostile, source="</i>UNN")).text
    check_html(text, limit=TEXT_LIMIT)
    second = text.splitlines()[1]
    assert second.startswith("<i>&lt;a href=") and second.endswith("&lt;/i&gt;UNN</i>")
    assert plain(text).splitlines()[1] == '<a href="javascript:x">Kyiv</a> <b>&amp; • </i>UNN'


def test_long_dateline_and_source_still_fit_a_caption() -> None:
    story = article(
        dateline="Kyiv " * 200,
        source="Ukrainian National News " * 50,
        lead="Word " * 400,
        image_url="https://cdn.example.org/a.jpg",
    )
    message = Renderer().story(story)
    assert message.photo is not None
    assert visible_length(message.text) <= CAPTION_LIMIT
    place = plain(message.text).splitlines()[1]
    assert place.startswith("Kyiv Kyiv") and " • Ukrainian National News" in place
    assert len(place) <= 2 * 60 + 3

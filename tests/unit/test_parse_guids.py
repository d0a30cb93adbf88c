"""Feed items' GUIDs (RSS guid, Atom id, JSON Feed id): read as the feed gives them, and
forgotten where they cannot tell stories apart (the stories are then told apart by link)."""

from __future__ import annotations

import json

from bot.ingest.formats import parse_document, parse_feed

FEED_URL = "https://dyn3.example/feed.xml"


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Dyn</title>'
        "<link>https://dyn3.example/</link>" + "".join(items) + "</channel></rss>"
    ).encode()


def item(title: str, link: str, guid: str | None = None) -> str:
    tag = "" if guid is None else f"<guid>{guid}</guid>"
    return f"<item><title>{title}</title>{tag}<link>{link}</link></item>"


def guids(data: bytes, **kwargs: str) -> dict[str, str | None]:
    return {i.url: i.guid for i in parse_feed(data, **kwargs).items}


def test_rss_guids_are_read() -> None:
    document = rss(
        item("A", "https://dyn3.example/story-1", "tag:dyn3,2026:1"),
        item("B", "https://dyn3.example/story-2", "https://dyn3.example/story-2"),
        item("C", "https://dyn3.example/story-3"),
    )
    assert guids(document, url=FEED_URL) == {
        "https://dyn3.example/story-1": "tag:dyn3,2026:1",
        "https://dyn3.example/story-2": "https://dyn3.example/story-2",  # a permalink
        "https://dyn3.example/story-3": None,
    }


def test_guids_that_name_no_one_story_are_forgotten() -> None:
    document = rss(
        item("A", "https://dyn3.example/1", "tag:same"),
        item("B", "https://dyn3.example/2", "tag:same"),  # every item the same GUID
        item("C", "https://dyn3.example/3", "   "),  # empty
        item("D", "https://dyn3.example/4", "https://dyn3.example/"),  # the home page
        item("E", "https://dyn3.example/5", "x" * 2000),  # too long to be a name
        item("F", "https://dyn3.example/6", "tag:six"),
        item("F again", "https://dyn3.example/6", "tag:six"),  # listed twice: still one story
    )
    assert guids(document, url=FEED_URL) == {
        "https://dyn3.example/1": None,
        "https://dyn3.example/2": None,
        "https://dyn3.example/3": None,
        "https://dyn3.example/4": None,
        "https://dyn3.example/5": None,
        "https://dyn3.example/6": "tag:six",
    }


def test_atom_ids_are_guids() -> None:
    document = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        b'<entry><title>One</title><id>urn:uuid:1</id><link href="https://a.example/1"/></entry>'
        b'<entry><title>Two</title><id>urn:uuid:2</id><link href="https://a.example/2"/></entry>'
        b"</feed>"
    )
    assert guids(document) == {
        "https://a.example/1": "urn:uuid:1",
        "https://a.example/2": "urn:uuid:2",
    }


def test_json_feed_ids_are_guids_numbers_as_text() -> None:
    document = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "J",
            "home_page_url": "https://j.example/",
            "items": [
                {"id": "j-1", "url": "https://j.example/1", "title": "One"},
                {"id": 2, "url": "https://j.example/2", "title": "Two"},
                {"id": "https://j.example/", "url": "https://j.example/3", "title": "Three"},
                {"id": True, "url": "https://j.example/4", "title": "Four"},
            ],
        }
    ).encode()
    parsed = parse_document(document, name="https://j.example/feed.json")
    assert {i.url: i.guid for i in parsed.items} == {
        "https://j.example/1": "j-1",
        "https://j.example/2": "2",
        "https://j.example/3": None,
        "https://j.example/4": None,
    }


def test_json_lines_have_no_guid() -> None:
    line = b'{"url": "https://l.example/1", "title": "One", "id": "l-1"}\n'
    [story] = parse_document(line, name="stories.jsonl").items
    assert story.guid is None

"""Every real-world feed in ../shared/feeds goes in cleanly or fails with a one-line error.

The folder is found beside the repository (`<repo>/../shared/feeds`) or through
NEWSBOT_SHARED_FEEDS; the tests are skipped when it is absent.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ingest.canonical import is_http_url
from bot.ingest.formats import FeedError, ParsedFeed, parse_feed

# Leftover HTML (real tag names); text such as "Matrix<double>" or "<beta>" is legitimate.
_LEFTOVER_MARKUP = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|s|p|br|hr|em|strong|span|div|img|font|script|style|iframe|table|"
    r"tr|td|li|ul|ol|h[1-6]|figure|picture|source|video)[\s>/]",
    re.IGNORECASE,
)
_RAW_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")


def shared_feeds_dir() -> Path | None:
    """The shared feeds folder, or None when this checkout does not have it."""
    configured = os.environ.get("NEWSBOT_SHARED_FEEDS")
    folder = (
        Path(configured) if configured else Path(__file__).resolve().parents[3] / "shared" / "feeds"
    )
    return folder if folder.is_dir() else None


def iter_shared_feeds() -> Iterator[Path]:
    """The feed files of the shared folder (nothing when it is absent), sorted by name."""
    folder = shared_feeds_dir()
    if folder is None:
        return
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in {".xml", ".rss", ".atom", ".json"}:
            yield path


FEEDS = list(iter_shared_feeds())


@pytest.mark.skipif(not FEEDS, reason="../shared/feeds is not available")
@pytest.mark.parametrize("path", FEEDS, ids=[p.name for p in FEEDS])
def test_shared_feed_goes_in_or_fails_cleanly(path: Path) -> None:
    try:
        parsed = parse_feed(path.read_bytes())
    except FeedError as exc:
        message = str(exc)
        assert message.strip()
        assert "\n" not in message and "\r" not in message
        return
    check_parsed(parsed)


def check_parsed(parsed: ParsedFeed) -> None:
    assert parsed.items, "parse_feed returned no items and raised nothing"
    for item in parsed.items:
        assert is_http_url(item.url), item.url
        assert item.url.startswith(("http://", "https://")), item.url
        assert "#" not in item.url and "utm_" not in item.url, item.url
        assert item.title.strip() == item.title and item.title, item
        for text in (item.title, item.lead, *item.tags):
            assert not _LEFTOVER_MARKUP.search(text), text[:200]
            assert not _RAW_ENTITY.search(text), text[:200]
            assert "  " not in text and "\n" not in text, text[:200]
        assert len(item.lead) <= 2000
        assert item.image_url is None or is_http_url(item.image_url), item.image_url
        if item.published_at is not None:
            assert item.published_at.utcoffset() is not None
    for error in parsed.errors:
        assert "\n" not in error


@pytest.mark.skipif(not FEEDS, reason="../shared/feeds is not available")
def test_most_shared_feeds_go_in() -> None:
    ok = 0
    for path in FEEDS:
        try:
            parse_feed(path.read_bytes())
        except FeedError:
            continue
        ok += 1
    assert ok >= len(FEEDS) - 3

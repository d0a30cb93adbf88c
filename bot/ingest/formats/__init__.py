"""Feeds (RSS 0.9x/1.0/2.0, Atom, JSON Feed) and JSON Lines of articles -> ArticleIn.

Rules that are ours rather than a format's:
- Titles and leads are plain text; the lead comes from the summary/description, else the
  first paragraph of the content. A lead is capped at 2,000 characters and a body at 100,000,
  cut at a word boundary with "…"; trimming for Telegram happens at render time.
- An item without a title but with a lead gets the lead's first words (up to 100 characters)
  as its title; an item with neither, or without an absolute http(s) link, is skipped and
  reported in `ParsedFeed.errors` ("item N: reason").
- The body is the plain text of the item's full content; when a feed has no separate
  content and its summary is longer than the lead cap, the whole summary becomes the body.
- JSON Lines: `url` and `title` are required; a wrong type or value in any field skips the
  line with "line N: reason". The title, source and dateline are plain text as written (the
  columns' contract); lead and body may be HTML. A missing lead is the first paragraph of the body.
- A document from which nothing can be ingested raises FeedError with a one-line reason;
  a well-formed feed with no items at all is not an error (an empty ParsedFeed).
"""

from __future__ import annotations

from bot.ingest.canonical import is_http_url
from bot.ingest.formats.common import (
    BODY_MAX,
    LEAD_MAX,
    TITLE_FROM_LEAD_MAX,
    FeedError,
    ParsedFeed,
)
from bot.ingest.formats.jsonlines import _is_jsonl, parse_jsonl
from bot.ingest.formats.rss_atom import parse_feed

__all__ = [
    "BODY_MAX",
    "LEAD_MAX",
    "TITLE_FROM_LEAD_MAX",
    "FeedError",
    "ParsedFeed",
    "parse_document",
    "parse_feed",
    "parse_jsonl",
]


def parse_document(data: bytes, *, name: str, content_type: str | None = None) -> ParsedFeed:
    """Dispatch on name and content type: JSON Lines of articles, else a feed.

    `name` is a file name or URL; an http(s) `name` also serves as the feed's base URL.
    """
    if _is_jsonl(name, content_type, data):
        return parse_jsonl(data)  # each line decoded alone: a bad one does not stop the rest
    return parse_feed(data, url=name if is_http_url(name) else None, content_type=content_type)

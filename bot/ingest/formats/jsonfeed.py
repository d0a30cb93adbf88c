"""JSON Feed 1.0 / 1.1 (feedparser 6.0 does not read it)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.ingest.canonical import is_http_url
from bot.ingest.formats.common import (
    FeedError,
    ParsedFeed,
    _decode_json_text,
    _finish_article,
    _get,
    _keep_stable_guids,
    _language,
    _parse_time,
    _str,
    read_dates,
)
from bot.ingest.text import html_to_text
from bot.models import ArticleIn, utcnow


def _parse_json_feed(data: bytes, url: str | None) -> ParsedFeed:
    text = _decode_json_text(data)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FeedError(f"JSON error at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(document, dict) or not isinstance(document.get("items"), list):
        raise FeedError("not a feed: JSON without a JSON Feed 'items' list")
    feed_title = html_to_text(_str(document.get("title"))) or None
    language = _language(document.get("language"))
    base = next(
        (
            u
            for u in (url, document.get("feed_url"), document.get("home_page_url"))
            if is_http_url(u)
        ),
        None,
    )
    now = utcnow()
    items: list[ArticleIn] = []
    errors: list[str] = []
    notes: list[str] = []
    for number, item in enumerate(document["items"], start=1):
        if not isinstance(item, dict):
            errors.append(f"item {number}: not a JSON object")
            continue
        result = _json_feed_item(item, number, base, feed_title, language, now, notes)
        if isinstance(result, str):
            errors.append(result)
        else:
            items.append(result)
    _keep_stable_guids(items, (url, document.get("feed_url"), document.get("home_page_url")))
    if not items and errors:
        raise FeedError(f"no usable items: {errors[0]}")
    return ParsedFeed(title=feed_title, items=items, errors=errors, notes=notes)


def _json_feed_item(
    item: dict[str, Any],
    number: int,
    base: str | None,
    feed_title: str | None,
    language: str | None,
    now: datetime,
    notes: list[str],
) -> ArticleIn | str:
    """One item of a JSON Feed: an article, or "item N: reason" when it is skipped."""
    links = [(_str(item.get("url")), base), (_str(item.get("external_url")), base)]
    if is_http_url(item.get("id")):
        links.append((_str(item.get("id")), None))
    # JSON Feed's title, summary and content_text are plain text (its spec): "<" is a "<".
    plain = {"title", "summary"}
    content = _str(item.get("content_html"))
    if not content and item.get("content_text"):
        content = _str(item.get("content_text"))
        plain.add("content")
    published = None
    for key in ("date_published", "date_modified"):
        try:
            published = _parse_time(item.get(key))
        except (ValueError, OverflowError, OSError):
            published = None
        if published is not None:
            break
    if published is None:  # RFC 3339 is the spec, but feeds write other forms too
        given = [item.get(key) for key in ("date_published", "date_modified")]
        published, unread = read_dates(given)
        if unread is not None:
            notes.append(f"item {number}: date {unread!r} not understood; taken as now")
    images: list[object] = [item.get("image"), item.get("banner_image")]
    for attachment in item.get("attachments") or []:
        if _str(_get(attachment, "mime_type")).lower().startswith("image/"):
            images.append(_get(attachment, "url"))
    raw_tags = item.get("tags")
    tags = [t for t in raw_tags if isinstance(t, str)] if isinstance(raw_tags, list) else []
    return _finish_article(
        index_label=f"item {number}",
        link_candidates=links,
        raw_title=_str(item.get("title")),
        summary_html=_str(item.get("summary")),
        content_html=content,
        image_candidates=images,
        published=published,
        tags=tags,
        language=_language(item.get("language")) or language,
        source=feed_title,
        now=now,
        guid=item.get("id"),
        plain=plain,
    )

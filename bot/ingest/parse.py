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
  line with "line N: reason". A missing lead is the first paragraph of the body.
- A document from which nothing can be ingested raises FeedError with a one-line reason;
  a well-formed feed with no items at all is not an error (an empty ParsedFeed).
"""

from __future__ import annotations

import calendar
import io
import json
import re
import time
import xml.sax
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

import feedparser

from bot.ingest.canonical import canonical_url, is_http_url
from bot.ingest.text import cut_at_word, first_image, first_paragraph, fold, html_to_text
from bot.models import ArticleIn, from_iso, utcnow

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

LEAD_MAX = 2_000
BODY_MAX = 100_000
TITLE_FROM_LEAD_MAX = 100
_FUTURE_SLACK = timedelta(days=1)
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp)(?:$|[?#])", re.IGNORECASE)
_JSONL_TYPES = frozenset(
    {
        "application/x-ndjson",
        "application/ndjson",
        "application/jsonl",
        "application/x-jsonl",
        "application/jsonlines",
        "application/x-jsonlines",
        "text/jsonl",
        "text/x-ndjson",
    }
)
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")


class FeedError(Exception):
    """A document that yields nothing to ingest; the message is one human-readable line."""

    def __init__(self, message: str) -> None:
        super().__init__(_one_line(message))


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    items: list[ArticleIn]
    # Items that were skipped, one line each ("item 3: no title").
    errors: list[str] = field(default_factory=list)


def _one_line(text: object, limit: int = 300) -> str:
    return cut_at_word(fold(str(text)), limit) or "unknown error"


def _language(value: object) -> str | None:
    """The primary language subtag in lower case ("en-US" -> "en"), None if not one."""
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _clamp(moment: datetime | None, now: datetime) -> datetime | None:
    if moment is None:
        return None
    return now if moment > now + _FUTURE_SLACK else moment


def _struct_to_datetime(value: object) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _title_from_lead(lead: str) -> str:
    sentence = re.split(r"(?<=[.!?…])\s", lead, maxsplit=1)[0]
    return cut_at_word(sentence, TITLE_FROM_LEAD_MAX)


def _dedupe(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _unwrap_redirect(url: str) -> str:
    """The target of a Google redirect link (google.com/url?url=...), else `url` itself."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if parts.path == "/url" and (host == "google.com" or host.startswith("www.google.")):
        query = parse_qs(parts.query)
        for key in ("url", "q"):
            target = (query.get(key) or [""])[0]
            if is_http_url(target):
                return target
    return url


def _resolve_image(candidate: object, bases: Iterable[str | None]) -> str | None:
    if not isinstance(candidate, str) or not candidate.strip():
        return None
    text = candidate.strip()
    if text.startswith("//"):
        text = "https:" + text
    if is_http_url(text):
        return text
    for base in bases:
        if base and is_http_url(base):
            try:
                joined = urljoin(base, text)
            except ValueError:
                continue
            if is_http_url(joined):
                return joined
    return None


def _finish_article(
    *,
    index_label: str,
    link_candidates: Iterable[tuple[str, str | None]],
    raw_title: str,
    summary_html: str,
    content_html: str,
    image_candidates: Iterable[object],
    published: datetime | None,
    tags: Iterable[str],
    language: str | None,
    source: str | None,
    now: datetime,
) -> ArticleIn | str:
    """Shared rules for feed items: an ArticleIn, or a one-line reason it was skipped."""
    url: str | None = None
    first_problem = ""
    for candidate, base in link_candidates:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        try:
            url = canonical_url(_unwrap_redirect(candidate.strip()), base)
            break
        except ValueError as exc:
            first_problem = first_problem or str(exc)
    title = html_to_text(raw_title)
    lead_full = html_to_text(summary_html) if summary_html else ""
    if not lead_full and content_html:
        lead_full = first_paragraph(content_html)
    lead = cut_at_word(lead_full, LEAD_MAX)
    if not title and lead:
        title = _title_from_lead(lead)
    label = f"{index_label} ({cut_at_word(title, 60)!r})" if title else index_label
    if url is None:
        reason = first_problem or "no link"
        if "absolute" in reason:
            reason += " and no base URL to resolve it against"
        return f"{label}: {reason}"
    if not title:
        return f"{label}: no title"
    if content_html:
        body = html_to_text(content_html, paragraphs=True)
    elif len(lead_full) > LEAD_MAX:
        body = html_to_text(summary_html, paragraphs=True)
    else:
        body = ""
    image: str | None = None
    for image_candidate in image_candidates:
        image = _resolve_image(image_candidate, (url,))
        if image:
            break
    if image is None:
        image = first_image(content_html, url) or first_image(summary_html, url)
    return ArticleIn(
        url=url,
        title=title,
        lead=lead,
        body=cut_at_word(body, BODY_MAX),
        published_at=_clamp(published, now),
        image_url=image,
        source=source,
        language=language,
        tags=_dedupe(t for t in (html_to_text(tag) for tag in tags) if t),
    )


# ---------------------------------------------------------------------------------------
# RSS / Atom through feedparser


def _get(mapping: object, key: str, default: Any = None) -> Any:
    if isinstance(mapping, Mapping):
        return mapping.get(key, default)
    return default


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _entry_images(entry: Mapping[str, Any]) -> list[object]:
    """Image URLs of an entry, best first: enclosures, media:content, media:thumbnail."""
    found: list[object] = []
    for enclosure in _get(entry, "enclosures") or []:
        kind = _str(_get(enclosure, "type")).lower()
        href = _get(enclosure, "href") or _get(enclosure, "url")
        if kind.startswith("image/") or (not kind and _IMAGE_EXT.search(_str(href))):
            found.append(href)
    media: list[tuple[int, object]] = []
    for item in _get(entry, "media_content") or []:
        kind = _str(_get(item, "type")).lower()
        medium = _str(_get(item, "medium")).lower()
        href = _get(item, "url")
        is_image = medium == "image" or kind.startswith("image/")
        if is_image or (not kind and not medium and _IMAGE_EXT.search(_str(href))):
            media.append((_int(_get(item, "width")), href))
    media.sort(key=lambda pair: -pair[0])  # the largest rendition first; stable otherwise
    found.extend(href for _, href in media)
    thumbs = [
        (_int(_get(t, "width")), _get(t, "url")) for t in _get(entry, "media_thumbnail") or []
    ]
    thumbs.sort(key=lambda pair: -pair[0])
    found.extend(href for _, href in thumbs)
    return found


def _int(value: object) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


def _content_html(entry: Mapping[str, Any]) -> str:
    """The longest of the entry's content blocks (content:encoded, atom:content)."""
    best = ""
    for block in _get(entry, "content") or []:
        value = _str(_get(block, "value"))
        if len(value) > len(best):
            best = value
    return best


def _bozo_reason(exc: object, data: bytes) -> str:
    if isinstance(exc, xml.sax.SAXParseException):
        line = exc.getLineNumber() or 0
        if not data.startswith(b"<?xml") and line > 1:
            line -= 1  # feedparser prepends an XML declaration line when there is none
        reason = f"XML error at line {line}: {exc.getMessage()}"
    elif exc is None:
        reason = "unrecognised document"
    else:
        reason = str(exc) or type(exc).__name__
    tail = data.rstrip()[-20:].lower()
    if _ROOT.search(data[:4096]) and not re.search(rb"</(?:[\w-]+:)?(?:rss|feed|rdf)>$", tail):
        reason = f"truncated document; {reason}"
    return reason


_ROOT = re.compile(rb"<(?:rss|feed|(?:rdf:)?RDF)[\s>]")
_DECL_ENCODING = re.compile(rb"encoding\s*=\s*[\"']?([A-Za-z0-9._-]+)")


def _repair(data: bytes) -> bytes | None:
    """A second chance for documents feedparser recovered nothing from.

    Drops junk before the root element (comments before a mangled XML declaration) and
    element/attribute prefixes that were never declared (`<rss:item>` without xmlns:rss).
    None when there is nothing to repair.
    """
    match = _ROOT.search(data)
    if match is None:
        return None
    prologue, body = data[: match.start()], data[match.start() :]
    fixed = body
    for prefix in set(re.findall(rb"<([A-Za-z][\w-]*):(?:channel|item|entry|title)\b", body)):
        if b"xmlns:" + prefix not in body:
            fixed = re.sub(rb"(</?)" + prefix + rb":", rb"\1", fixed)
            fixed = re.sub(rb"(\s)" + prefix + rb":(?=[\w-]+\s*=)", rb"\1", fixed)
    if fixed == data:
        return None
    encoding = _DECL_ENCODING.search(prologue)
    if encoding:
        fixed = b'<?xml version="1.0" encoding="' + encoding.group(1) + b'"?>\n' + fixed
    return fixed


def _feedparser(data: bytes, url: str | None, content_type: str | None) -> Any:
    headers: dict[str, str] = {}
    if url:
        headers["content-location"] = url
    if content_type:
        headers["content-type"] = content_type
    return feedparser.parse(io.BytesIO(data), response_headers=headers)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def parse_feed(
    data: bytes, *, url: str | None = None, content_type: str | None = None
) -> ParsedFeed:
    """Parse an RSS, Atom or JSON Feed document; raises FeedError when nothing is usable."""
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not stripped:
        raise FeedError("not a feed: empty document")
    if stripped[:1] in (b"{", b"["):
        return _parse_json_feed(data, url)
    try:
        parsed = _feedparser(data, url, content_type)
        if not parsed.entries and parsed.bozo:
            repaired = _repair(data)
            if repaired is not None:
                second = _feedparser(repaired, url, content_type)
                if second.entries:
                    parsed = second
    except FeedError:
        raise
    except Exception as exc:  # feedparser should not raise, but garbage is garbage
        raise FeedError(f"cannot parse the document: {exc}") from exc
    entries = list(parsed.entries)
    version = _str(parsed.get("version"))
    if not entries:
        if _looks_like_html(stripped) and not version:
            raise FeedError("not a feed: got an HTML page")
        if not stripped.startswith(b"<"):
            raise FeedError("not a feed: neither XML nor JSON")
        if parsed.bozo:
            raise FeedError(_bozo_reason(parsed.get("bozo_exception"), stripped))
        if not version:
            raise FeedError("not a feed: no RSS, Atom or JSON Feed items found")
        return ParsedFeed(title=html_to_text(_str(parsed.feed.get("title"))) or None, items=[])
    feed = parsed.feed
    feed_title = html_to_text(_str(feed.get("title"))) or None
    feed_language = _language(feed.get("language"))
    feed_link = _str(feed.get("link"))
    base = url if url and is_http_url(url) else None
    link_base = base or (feed_link if is_http_url(feed_link) else None)
    now = utcnow()
    items: list[ArticleIn] = []
    errors: list[str] = []
    for number, entry in enumerate(entries, start=1):
        result = _feed_entry(entry, number, link_base, feed_title, feed_language, now)
        if isinstance(result, str):
            errors.append(result)
        else:
            items.append(result)
    if not items:
        first = errors[0] if errors else "no items"
        if parsed.bozo:
            bozo = _bozo_reason(parsed.get("bozo_exception"), stripped)
            raise FeedError(f"{bozo}; no usable items ({first})")
        raise FeedError(f"no usable items: {first}")
    return ParsedFeed(title=feed_title, items=items, errors=errors)


def _feed_entry(
    entry: Mapping[str, Any],
    number: int,
    base: str | None,
    source: str | None,
    language: str | None,
    now: datetime,
) -> ArticleIn | str:
    links: list[tuple[str, str | None]] = []
    origlink = _str(_get(entry, "feedburner_origlink"))
    if is_http_url(origlink):
        links.append((origlink, base))
    links.append((_str(_get(entry, "link")), base))
    for link in _get(entry, "links") or []:
        if _get(link, "rel", "alternate") == "alternate":
            links.append((_str(_get(link, "href")), base))
    guid = _str(_get(entry, "id"))
    if is_http_url(guid) and _get(entry, "guidislink", True) is not False:
        links.append((guid, None))
    content = _content_html(entry)
    summary = _str(_get(entry, "summary"))
    if content and summary.strip() == content.strip():
        summary = ""  # feedparser copies content into summary when there is no summary
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict.get maps updated -> published with a DeprecationWarning.
        published = _struct_to_datetime(dict.get(entry, key) if isinstance(entry, dict) else None)
        if published is not None:
            break
    tags: list[str] = []
    for tag in _get(entry, "tags") or []:
        # Some feeds pack several categories into one, comma-separated.
        tags.extend((_str(_get(tag, "term")) or _str(_get(tag, "label"))).split(","))
    return _finish_article(
        index_label=f"item {number}",
        link_candidates=links,
        raw_title=_str(_get(entry, "title")),
        summary_html=summary,
        content_html=content,
        image_candidates=_entry_images(entry),
        published=published,
        tags=tags,
        language=_language(_get(entry, "language")) or language,
        source=source,
        now=now,
    )


# ---------------------------------------------------------------------------------------
# JSON Feed 1.0 / 1.1 (feedparser 6.0 does not read it)


def _parse_time(value: object) -> datetime | None:
    """ISO 8601 text (no zone = UTC) or a Unix timestamp; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), UTC)
    if isinstance(value, str):
        return from_iso(value)
    raise ValueError(f"not a time: {value!r}")


def _decode_json_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not valid UTF-8 at byte {exc.start}") from None


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
    for number, item in enumerate(document["items"], start=1):
        if not isinstance(item, dict):
            errors.append(f"item {number}: not a JSON object")
            continue
        links = [(_str(item.get("url")), base), (_str(item.get("external_url")), base)]
        if is_http_url(item.get("id")):
            links.append((_str(item.get("id")), None))
        content = _str(item.get("content_html"))
        if not content and item.get("content_text"):
            content = _plain_to_html(_str(item.get("content_text")))
        published = None
        for key in ("date_published", "date_modified"):
            try:
                published = _parse_time(item.get(key))
            except (ValueError, OverflowError, OSError):
                published = None
            if published is not None:
                break
        images: list[object] = [item.get("image"), item.get("banner_image")]
        for attachment in item.get("attachments") or []:
            if _str(_get(attachment, "mime_type")).lower().startswith("image/"):
                images.append(_get(attachment, "url"))
        raw_tags = item.get("tags")
        tags = [t for t in raw_tags if isinstance(t, str)] if isinstance(raw_tags, list) else []
        result = _finish_article(
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
        )
        if isinstance(result, str):
            errors.append(result)
        else:
            items.append(result)
    if not items and errors:
        raise FeedError(f"no usable items: {errors[0]}")
    return ParsedFeed(title=feed_title, items=items, errors=errors)


def _plain_to_html(text: str) -> str:
    """Plain text as HTML paragraphs, so that plain and HTML content share one path."""
    return "".join(f"<p>{escape(p)}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


# ---------------------------------------------------------------------------------------
# JSON Lines of articles (DESIGN.md)


def _jsonl_article(obj: object, now: datetime) -> ArticleIn:
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    raw_url = obj.get("url")
    if not isinstance(raw_url, str) or not raw_url.strip():
        raise ValueError("missing url")
    url = canonical_url(raw_url)
    raw_title = obj.get("title")
    if not isinstance(raw_title, str):
        raise ValueError("missing title")
    title = html_to_text(raw_title)
    if not title:
        raise ValueError("empty title")

    def text_field(name: str) -> str:
        value = obj.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise ValueError(f"{name} must be a string")
        return value

    body_html = text_field("body")
    lead = html_to_text(text_field("lead")) or first_paragraph(body_html)
    lead = cut_at_word(lead, LEAD_MAX)
    body = cut_at_word(html_to_text(body_html, paragraphs=True), BODY_MAX)
    try:
        published = _parse_time(obj.get("published_at"))
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"bad published_at {obj.get('published_at')!r}") from None
    topics = obj.get("topics")
    if topics is None:
        tags: list[str] = []
    elif isinstance(topics, str):
        tags = [t.strip() for t in topics.split(",")]
    elif isinstance(topics, list) and all(isinstance(t, str) for t in topics):
        tags = [t.strip() for t in topics]
    else:
        raise ValueError("topics must be a list of strings")
    image = obj.get("image_url")
    if image in (None, ""):
        image_url = None
    elif isinstance(image, str) and is_http_url(urljoin(url, image.strip())):
        image_url = urljoin(url, image.strip())
    else:
        raise ValueError(f"image_url is not an http(s) URL: {image!r}")
    views = obj.get("views")
    if views is not None:
        if isinstance(views, bool) or not isinstance(views, int | str):
            raise ValueError(f"views must be an integer, got {views!r}")
        try:
            views = int(views)
        except ValueError:
            raise ValueError(f"views must be an integer, got {views!r}") from None
        if views < 0:
            raise ValueError(f"views must not be negative, got {views}")
    source = html_to_text(text_field("source")) or None
    return ArticleIn(
        url=url,
        title=title,
        lead=lead,
        body=body,
        published_at=_clamp(published, now),
        image_url=image_url,
        views=views,
        source=source,
        language=_language(obj.get("language")),
        tags=_dedupe(t for t in tags if t),
    )


def parse_jsonl(text: str) -> ParsedFeed:
    """Articles as JSON Lines; bad lines become "line N: reason" errors, the rest go in."""
    now = utcnow()
    items: list[ArticleIn] = []
    errors: list[str] = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(
                _one_line(f"line {number}: invalid JSON: {exc.msg} at column {exc.colno}")
            )
            continue
        try:
            items.append(_jsonl_article(obj, now))
        except ValueError as exc:
            errors.append(_one_line(f"line {number}: {exc}"))
    return ParsedFeed(title=None, items=items, errors=errors)


def _is_jsonl(name: str, content_type: str | None, data: bytes) -> bool:
    if name.lower().endswith(_JSONL_SUFFIXES):
        return True
    media_type = (content_type or "").split(";")[0].strip().lower()
    if media_type in _JSONL_TYPES:
        return True
    # Sniff: a first line that is a whole JSON object with a url and no feed items.
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].strip()
    if not first.startswith(b"{") or b"\n" not in data.strip():
        return False
    try:
        obj = json.loads(first)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(obj, dict) and "url" in obj and "items" not in obj


def parse_document(data: bytes, *, name: str, content_type: str | None = None) -> ParsedFeed:
    """Dispatch on name and content type: JSON Lines of articles, else a feed.

    `name` is a file name or URL; an http(s) `name` also serves as the feed's base URL.
    """
    if _is_jsonl(name, content_type, data):
        return parse_jsonl(_decode_json_text(data))
    return parse_feed(data, url=name if is_http_url(name) else None, content_type=content_type)

"""JSON Lines of articles (README, "JSON Lines"): `url` and `title` required, one article a line."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urljoin

from bot.ingest.canonical import canonical_url, is_http_url
from bot.ingest.formats.common import (
    BODY_MAX,
    LEAD_MAX,
    ParsedFeed,
    _dedupe,
    _language,
    _one_line,
    _parse_time,
)
from bot.ingest.text import cut_at_word, first_paragraph, fold, html_to_text
from bot.models import INT64_MAX, ArticleIn, parse_id

DATELINE_MAX = 100  # "Kyiv", "Brussels, Belgium": a place, not a paragraph

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


def _text_field(obj: dict[str, Any], name: str) -> str:
    value = obj.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string")
    return value


def _tags(topics: object) -> list[str]:
    if topics is None:
        return []
    if isinstance(topics, str):
        return [t.strip() for t in topics.split(",")]
    if isinstance(topics, list) and all(isinstance(t, str) for t in topics):
        return [t.strip() for t in topics]
    raise ValueError("topics must be a list of strings")


def _image_url(image: object, url: str) -> str | None:
    if image in (None, ""):
        return None
    if isinstance(image, str) and is_http_url(urljoin(url, image.strip())):
        return urljoin(url, image.strip())
    raise ValueError(f"image_url is not an http(s) URL: {image!r}")


def _views(views: object) -> int | None:
    """A count of ASCII digits that SQLite can store (a JSON integer may have any size)."""
    if views is None:
        return None
    count: int | None = None
    if isinstance(views, int) and not isinstance(views, bool):
        count = views
    elif isinstance(views, str):
        count = parse_id(views, signed=True)
    if count is None:
        raise ValueError(f"views must be an integer, got {views!r}")
    if count < 0:
        raise ValueError(f"views must not be negative, got {count}")
    if count > INT64_MAX:
        raise ValueError(f"views must be at most {INT64_MAX}, got {count}")
    return count


def _urgent(value: object) -> bool:
    """`urgent`: true or false (absent or null: false); anything else is an error."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise ValueError(f"urgent must be true or false, got {value!r}")


def _jsonl_article(obj: object) -> ArticleIn:
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object")
    raw_url = obj.get("url")
    if not isinstance(raw_url, str) or not raw_url.strip():
        raise ValueError("missing url")
    url = canonical_url(raw_url)
    raw_title = obj.get("title")
    if not isinstance(raw_title, str):
        raise ValueError("missing title")
    title = fold(raw_title)  # plain text, as the `title` column: "<script>" in it is a word
    if not title:
        raise ValueError("empty title")
    body_html = _text_field(obj, "body")
    lead = html_to_text(_text_field(obj, "lead")) or first_paragraph(body_html)
    lead = cut_at_word(lead, LEAD_MAX)
    body = cut_at_word(html_to_text(body_html, paragraphs=True), BODY_MAX)
    try:
        published = _parse_time(obj.get("published_at"))
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"bad published_at {obj.get('published_at')!r}") from None
    tags = _tags(obj.get("topics"))
    image_url = _image_url(obj.get("image_url"), url)
    views = _views(obj.get("views"))
    # Plain text as written, as the title: "R&amp;D" or "x<y" in a name is what readers see.
    source = fold(_text_field(obj, "source")) or None
    dateline = cut_at_word(fold(_text_field(obj, "dateline")), DATELINE_MAX) or None
    return ArticleIn(
        url=url,
        title=title,
        lead=lead,
        body=body,
        published_at=published,  # in the future: embargoed until then
        image_url=image_url,
        views=views,
        source=source,
        language=_language(obj.get("language")),
        dateline=dateline,
        tags=_dedupe(t for t in tags if t),
        urgent=_urgent(obj.get("urgent")),
    )


def _lines(data: str | bytes) -> list[tuple[str | None, str]]:
    """The file's lines: ended by "\\n" or "\\r\\n" only. U+2028, U+2029 and U+0085 are
    characters inside a JSON string (json.dumps and JSON.stringify write them raw), not line
    ends as `str.splitlines` takes them. From bytes each line is decoded alone (a "\\n" byte
    is never inside a UTF-8 character): a line that is not UTF-8 (a cp1251 line pasted into
    the file) is (None, why), so it alone is refused and the others go in."""
    if isinstance(data, str):
        return [(line.removesuffix("\r"), "") for line in data.lstrip("\ufeff").split("\n")]
    lines: list[tuple[str | None, str]] = []
    offset = 0
    for number, raw in enumerate(data.split(b"\n")):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            lines.append((None, f"not valid UTF-8 at byte {offset + exc.start} of the file"))
        else:
            lines.append(((text.lstrip("\ufeff") if number == 0 else text).removesuffix("\r"), ""))
        offset += len(raw) + 1
    return lines


def parse_jsonl(data: str | bytes) -> ParsedFeed:
    """Articles as JSON Lines (text, or the file's bytes: UTF-8); bad lines become "line N:
    reason" errors, the rest go in."""
    items: list[ArticleIn] = []
    errors: list[str] = []
    for number, (line, why) in enumerate(_lines(data), start=1):
        if line is None:
            errors.append(f"line {number}: {why}")
            continue
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
            items.append(_jsonl_article(obj))
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

"""What the feed formats share: the result types, the caps and the rules that are ours
(titles from leads, image and link resolution, dates clamped to now)."""

from __future__ import annotations

import calendar
import re
import time
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urljoin, urlsplit

from bot.ingest.canonical import canonical_url, is_http_url
from bot.ingest.dates import read_date
from bot.ingest.images import ad_host, junk_image_url, not_an_address
from bot.ingest.text import (
    cut_at_word,
    first_image,
    first_paragraph,
    fold,
    html_to_text,
    plain_text,
)
from bot.models import ArticleIn, from_iso

LEAD_MAX = 2_000
BODY_MAX = 100_000
TITLE_FROM_LEAD_MAX = 100
GUID_MAX_BYTES = 1000  # a longer GUID is no item's name (and too long for an index row)
_IMAGE_EXT = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp)(?:$|[?#])", re.IGNORECASE)


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
    # Items stored with a doubt, one line each ("item 4: date 'Segunda' not understood ...").
    notes: list[str] = field(default_factory=list)


def _one_line(text: object, limit: int = 300) -> str:
    return cut_at_word(fold(str(text)), limit) or "unknown error"


def _language(value: object) -> str | None:
    """The primary language subtag in lower case ("en-US" -> "en"), None if not one."""
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None


def _clamp(moment: datetime | None, now: datetime) -> datetime | None:
    """A feed's time, never in the future: what a feed lists is out already (a future date is
    a wrong clock or zone). Only JSON Lines and other writers embargo a story."""
    if moment is None:
        return None
    return min(moment, now)


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
    """An enclosure's or media element's image as an absolute URL; None when it is none or
    is no story photo (a tracking pixel, an ad, a share button: see bot.ingest.images)."""
    if not isinstance(candidate, str) or not candidate.strip():
        return None
    text = candidate.strip()
    if not_an_address(text):
        return None
    resolved = _absolute_image(text, bases)
    return None if resolved is None or junk_image_url(resolved) else resolved


def _absolute_image(text: str, bases: Iterable[str | None]) -> str | None:
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


def _first_link(links: Iterable[tuple[str, str | None]]) -> tuple[str | None, str]:
    """The first candidate that is a usable link (canonical), and the first problem met."""
    first_problem = ""
    for candidate, base in links:
        if not isinstance(candidate, str) or not candidate.strip():
            continue
        try:
            return canonical_url(_unwrap_redirect(candidate.strip()), base), first_problem
        except ValueError as exc:
            first_problem = first_problem or str(exc)
    return None, first_problem


def _best_image(
    candidates: Iterable[object], url: str, content_html: str, summary_html: str
) -> str | None:
    """The first usable image candidate, else the first image of the content or summary."""
    image: str | None = None
    for image_candidate in candidates:
        image = _resolve_image(image_candidate, (url,))
        if image:
            break
    if image is None:
        image = first_image(content_html, url) or first_image(summary_html, url)
    return image


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
    guid: object = None,
    plain: Collection[str] = (),
) -> ArticleIn | str:
    """Shared rules for feed items: an ArticleIn, or a one-line reason it was skipped.

    `plain` names the fields the feed gives as plain text, not HTML ("title", "summary",
    "content"): their "<" is a character, never a tag.
    """

    def text(field: str, value: str, *, paragraphs: bool = False) -> str:
        if field in plain:
            return plain_text(value, paragraphs=paragraphs)
        return html_to_text(value, paragraphs=paragraphs)

    url, first_problem = _first_link(link_candidates)
    title = text("title", raw_title)
    lead_full = text("summary", summary_html) if summary_html else ""
    if not lead_full and content_html:
        if "content" in plain:
            lead_full = next(iter(plain_text(content_html, paragraphs=True).split("\n\n")), "")
        else:
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
    if ad_host(url):  # "Featured Advertiser": an item some feed services insert
        return f"{label}: an advertisement (its link goes to {urlsplit(url).hostname})"
    if not title:
        return f"{label}: no title"
    if content_html:
        body = text("content", content_html, paragraphs=True)
    elif len(lead_full) > LEAD_MAX:
        body = text("summary", summary_html, paragraphs=True)
    else:
        body = ""
    image = _best_image(
        image_candidates,
        url,
        "" if "content" in plain else content_html,
        "" if "summary" in plain else summary_html,
    )
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
        guid=_guid(guid),
    )


def _guid(value: object) -> str | None:
    """An item's GUID as its feed gives it (RSS guid, Atom id, JSON Feed id; a number as its
    digits), None when it can name nothing: empty, longer than GUID_MAX_BYTES in UTF-8, or
    with control characters."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate from JSON
        return None
    if not text or size > GUID_MAX_BYTES or any(unicodedata.category(c) == "Cc" for c in text):
        return None
    return text


def _keep_stable_guids(items: list[ArticleIn], feed_urls: Iterable[object]) -> None:
    """Forget GUIDs that do not tell this document's stories apart, so that those stories are
    told apart by their links (as items without a GUID are): a GUID two items with different
    links share (some feeds give every item the same one) and a GUID that is the feed's own
    address or its home page's."""
    links: dict[str, set[str]] = {}
    for item in items:
        if item.guid is not None:
            links.setdefault(item.guid, set()).add(item.url)
    not_names = {u.strip() for u in feed_urls if isinstance(u, str)} - {""}
    for item in items:
        if item.guid is not None and (len(links[item.guid]) > 1 or item.guid in not_names):
            item.guid = None


def _get(mapping: object, key: str, default: Any = None) -> Any:
    if isinstance(mapping, Mapping):
        return mapping.get(key, default)
    return default


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _int(value: object) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return 0


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


def read_dates(values: Iterable[object]) -> tuple[datetime | None, str | None]:
    """The first of an item's date texts that names a moment (bot.ingest.dates), and the
    first that was given but names none (None when all were read or none was given)."""
    unread = None
    for value in values:
        if not isinstance(value, str) or not value.strip():
            continue
        moment = read_date(value)
        if moment is not None:
            return moment, None
        unread = unread or cut_at_word(fold(value), 60)
    return None, unread


def _decode_json_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not valid UTF-8 at byte {exc.start}") from None

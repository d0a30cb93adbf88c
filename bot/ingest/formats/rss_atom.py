"""RSS 0.9x/1.0/2.0 and Atom through feedparser (a JSON document goes to JSON Feed)."""

from __future__ import annotations

import codecs
import io
import re
import xml.sax
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import feedparser

from bot.ingest.canonical import is_http_url
from bot.ingest.formats.common import (
    _IMAGE_EXT,
    FeedError,
    ParsedFeed,
    _finish_article,
    _get,
    _int,
    _keep_stable_guids,
    _language,
    _str,
    _struct_to_datetime,
    read_dates,
)
from bot.ingest.formats.jsonfeed import _parse_json_feed
from bot.ingest.text import html_to_text
from bot.models import ArticleIn, utcnow


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


def _content_html(entry: Mapping[str, Any]) -> tuple[str, bool]:
    """The longest of the entry's content blocks (content:encoded, atom:content), and whether
    feedparser read it as plain text."""
    best, plain = "", False
    for block in _get(entry, "content") or []:
        value = _str(_get(block, "value"))
        if len(value) > len(best):
            best, plain = value, _is_plain(block)
    return best, plain


def _is_plain(detail: object) -> bool:
    """True for a text construct feedparser read as plain text (Atom's type="text")."""
    return _str(_get(detail, "type")).lower() == "text/plain"


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


_XML_DECLARATION = re.compile(rb"\A\s*<\?xml[^>]*\?>")
_XML_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_HTTP_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)
_UNICODE_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00", b"\x00<", b"<\x00")  # UTF-16/32


def _encoding_name(name: str) -> str | None:
    """Python's name of an encoding a document or a server names; None when unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _as_utf8(data: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """The document in UTF-8, its XML declaration and content type saying so, decoded as a
    careful reader would; FeedError when it is not valid in any encoding it names.

    feedparser believes the HTTP charset first (RFC 3023), then the XML declaration, and
    when the bytes are not valid in them reads them as windows-1252: a windows-1251 feed
    that declares UTF-8 became "Çåëåíñüêèé", a UTF-8 feed served as windows-1251
    "Р—РµР»РµРЅСЃСЊРєРёР№", both posted. Here bytes that are valid UTF-8 (and not ASCII
    alone) are UTF-8 whatever the header or the declaration says (text in a one-byte
    encoding is practically never valid UTF-8 by chance); other bytes are read in the
    encoding the document declares, else the one the HTTP header names, the first in which
    they are valid; if none (a windows-1251 document declaring UTF-8), the feed is refused
    with a one-line error rather than guessed at. A document that names no encoding at all
    is left to feedparser's guess (UTF-8, else windows-1252, as before: right for the
    undeclared Latin-1 feeds seen; charset detection picked cp1257 for Portuguese), as are
    ASCII and UTF-16/32 documents."""
    if data.isascii() or data.startswith(_UNICODE_MARKS):
        return data, content_type
    unmarked = data.removeprefix(b"\xef\xbb\xbf")
    declaration = _XML_DECLARATION.match(unmarked)
    declared = _XML_ENCODING.search(declaration.group()) if declaration else None
    header = _HTTP_CHARSET.search(content_type or "")
    names = list(
        dict.fromkeys(
            ([declared.group(1).decode("ascii")] if declared else [])
            + ([header.group(1)] if header else [])
        )
    )
    try:
        text = unmarked.decode("utf-8")
    except UnicodeDecodeError as exc:
        for name in names:
            encoding = _encoding_name(name)
            if encoding is None or encoding == "utf-8":
                continue
            try:
                text = unmarked.decode(encoding)
            except UnicodeDecodeError:
                continue
            break
        else:
            known = [n for n in names if _encoding_name(n) is not None]
            if not known:  # nothing (known) declared: feedparser's guess, UTF-8 or windows-1252
                return data, content_type
            others = [n for n in known if _encoding_name(n) != "utf-8"]
            if others:
                raise FeedError(
                    f"not valid {' nor '.join(others)} (the encoding it names) nor UTF-8"
                ) from None
            raise FeedError(
                f"not valid UTF-8 at byte {len(data) - len(unmarked) + exc.start}, though it"
                f" says it is ({', '.join(known)}): the feed is in another encoding; ask its"
                " publisher to declare the right one"
            ) from None
    body = text.encode("utf-8")
    if declaration:
        decl = _XML_DECLARATION.match(body)
        if decl:
            fixed = _XML_ENCODING.sub(b'encoding="utf-8"', decl.group())
            body = fixed + body[decl.end() :]
    media_type = (content_type or "").split(";")[0].strip()
    return body, (f"{media_type}; charset=utf-8" if media_type else None)


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
    data, content_type = _as_utf8(data, content_type)
    parsed = _parse_xml(data, url, content_type)
    entries = list(parsed.entries)
    version = _str(parsed.get("version"))
    if not entries:
        return _without_entries(parsed, stripped, version)
    feed = parsed.feed
    feed_title = html_to_text(_str(feed.get("title"))) or None
    feed_language = _language(feed.get("language"))
    feed_link = _str(feed.get("link"))
    base = url if url and is_http_url(url) else None
    link_base = base or (feed_link if is_http_url(feed_link) else None)
    now = utcnow()
    items: list[ArticleIn] = []
    errors: list[str] = []
    notes: list[str] = []
    atom = version.startswith("atom")
    for number, entry in enumerate(entries, start=1):
        result = _feed_entry(
            entry, number, link_base, feed_title, feed_language, now, atom=atom, notes=notes
        )
        if isinstance(result, str):
            errors.append(result)
        else:
            items.append(result)
    _keep_stable_guids(items, (url, feed_link))
    if not items:
        first = errors[0] if errors else "no items"
        if parsed.bozo:
            bozo = _bozo_reason(parsed.get("bozo_exception"), stripped)
            raise FeedError(f"{bozo}; no usable items ({first})")
        raise FeedError(f"no usable items: {first}")
    return ParsedFeed(title=feed_title, items=items, errors=errors, notes=notes)


def _parse_xml(data: bytes, url: str | None, content_type: str | None) -> Any:
    """feedparser's reading of `data`, or of its repair when only that gives entries."""
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
    return parsed


def _without_entries(parsed: Any, stripped: bytes, version: str) -> ParsedFeed:
    """A feed with no entries: an empty feed, or FeedError saying why it is none."""
    if _looks_like_html(stripped) and not version:
        raise FeedError("not a feed: got an HTML page")
    if not stripped.startswith(b"<"):
        raise FeedError("not a feed: neither XML nor JSON")
    if parsed.bozo:
        raise FeedError(_bozo_reason(parsed.get("bozo_exception"), stripped))
    if not version:
        raise FeedError("not a feed: no RSS, Atom or JSON Feed items found")
    return ParsedFeed(title=html_to_text(_str(parsed.feed.get("title"))) or None, items=[])


def _feed_entry(
    entry: Mapping[str, Any],
    number: int,
    base: str | None,
    source: str | None,
    language: str | None,
    now: datetime,
    *,
    atom: bool = False,
    notes: list[str] | None = None,
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
    content, plain_content = _content_html(entry)
    summary = _str(_get(entry, "summary"))
    if content and summary.strip() == content.strip():
        summary = ""  # feedparser copies content into summary when there is no summary
    # Atom says which text is plain (type="text", its default): "<div>" in it is words. RSS
    # says nothing, and its titles often carry escaped markup, so RSS text is read as HTML.
    plain: set[str] = set()
    if atom:
        details = {"title": "title_detail", "summary": "summary_detail"}
        plain = {name for name, key in details.items() if _is_plain(_get(entry, key))}
        if plain_content:
            plain.add("content")
    published = None
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict.get maps updated -> published with a DeprecationWarning.
        published = _struct_to_datetime(dict.get(entry, key) if isinstance(entry, dict) else None)
        if published is not None:
            break
    if published is None:  # a date feedparser could not read ("Seg, 24 Set 2018"): ours
        raw_dates = [
            dict.get(entry, key) if isinstance(entry, dict) else None
            for key in ("published", "updated", "created")
        ]
        published, unread = read_dates(raw_dates)
        if unread is not None and notes is not None:
            notes.append(f"item {number}: date {unread!r} not understood; taken as now")
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
        guid=guid,
        plain=plain,
    )


# ---------------------------------------------------------------------------------------
# JSON Feed 1.0 / 1.1 (feedparser 6.0 does not read it)

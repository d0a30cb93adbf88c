"""OPML 2.0 import and export of feed sources.

`parse_opml(data)` gives the feeds of a document (every `<outline>` with an `xmlUrl`, at any
depth; the `category` attribute and the nearest enclosing folders become topic hints) or raises
`OpmlError` with one clear line. `build_opml(feeds)` writes a document any feed reader
imports. Documents are parsed with defusedxml, which refuses a DOCTYPE wherever it is and
whatever the encoding (UTF-16 too), so no entity expansion or external entity gets in through
an uploaded file. Outlines are walked with an explicit stack: thousands of nested folders are
read, not a RecursionError.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from bot.ingest.canonical import is_http_url
from bot.ingest.text import short_line
from bot.ingest.topics import match_topic
from bot.models import Topic

MAX_BYTES = 5 * 1024 * 1024
MAX_FEEDS = 5000
MAX_FOLDER_HINTS = 10  # a feed's topic hints come from its nearest enclosing folders
REASON_CHARS = 200  # a parser's reason quoted in an OpmlError


class OpmlError(ValueError):
    """The document is not usable OPML; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class OpmlFeed:
    url: str
    title: str | None = None
    categories: tuple[str, ...] = ()


@dataclass(slots=True)
class OpmlDocument:
    title: str | None
    feeds: list[OpmlFeed] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # outlines with a bad xmlUrl


def _categories(value: str | None) -> list[str]:
    """OPML `category`: comma-separated, each possibly a /path/like/this."""
    found: list[str] = []
    for part in (value or "").split(","):
        for piece in part.strip().split("/"):
            piece = piece.strip()
            if piece and piece not in found:
                found.append(piece)
    return found


def parse_opml(data: bytes | str) -> OpmlDocument:
    """The feeds of an OPML document; raises OpmlError (one line) when it is not OPML."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not raw.strip():
        raise OpmlError("the file is empty")
    if len(raw) > MAX_BYTES:
        raise OpmlError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    root = _parse_xml(raw)
    if _local(root.tag) != "opml":
        raise OpmlError(f"not an OPML document (root element <{_local(root.tag)}>)")
    body = next((el for el in root if _local(el.tag) == "body"), None)
    if body is None:
        raise OpmlError("OPML without a <body>")
    head_el = next((el for el in root if _local(el.tag) == "head"), None)
    title_el = (
        next((el for el in head_el if _local(el.tag) == "title"), None)
        if head_el is not None
        else None
    )
    doc = OpmlDocument(title=_text(title_el.text) if title_el is not None else None)
    _walk(body, doc)
    return doc


def _parse_xml(raw: bytes) -> ET.Element:
    try:
        root: ET.Element = SafeET.fromstring(
            raw, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise OpmlError("DOCTYPE and entity declarations are not allowed in OPML") from None
    except ET.ParseError as exc:
        raise OpmlError(f"not valid XML: {short_line(str(exc), REASON_CHARS)}") from None
    except (LookupError, ValueError) as exc:  # an unknown encoding in the XML declaration
        raise OpmlError(f"not valid XML: {short_line(str(exc), REASON_CHARS)}") from None
    return root


def _walk(body: ET.Element, doc: OpmlDocument) -> None:
    """Every outline in document order, depth first, without recursion: `stack` holds the
    children still to visit at each level and `folders` the labels of the open folders."""
    seen: set[str] = set()
    folders: list[str] = []
    stack: list[tuple[Iterator[ET.Element], int]] = [(iter(body), 0)]
    while stack:
        children, depth = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            continue
        del folders[depth:]  # back at this level: the folders opened below are closed
        if _local(child.tag) != "outline":
            continue
        attrs = {_local(k).lower(): v for k, v in child.attrib.items()}
        label = _text(attrs.get("title")) or _text(attrs.get("text"))
        url = (attrs.get("xmlurl") or "").strip()
        if url:
            _add_feed(doc, seen, url, label, folders[-MAX_FOLDER_HINTS:], attrs.get("category"))
        elif label:
            folders.append(label)
        stack.append((iter(child), len(folders)))


def _add_feed(
    doc: OpmlDocument,
    seen: set[str],
    url: str,
    label: str | None,
    folders: list[str],
    category: str | None,
) -> None:
    if not is_http_url(url):
        doc.skipped.append(short_line(url, 100))
        return
    if url in seen:
        return
    if len(doc.feeds) >= MAX_FEEDS:
        raise OpmlError(f"more than {MAX_FEEDS} feeds in one file")
    seen.add(url)
    cats = [*folders, *_categories(category)]
    doc.feeds.append(OpmlFeed(url, label, tuple(dict.fromkeys(cats))))


def _local(tag: object) -> str:
    """Tag or attribute name without its {namespace}."""
    return str(tag).rsplit("}", 1)[-1]


def _text(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


def build_opml(
    feeds: Iterable[OpmlFeed], *, title: str = "newsbot sources", now: datetime | None = None
) -> bytes:
    """An OPML 2.0 document (UTF-8, with an XML declaration) listing the feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    if now is not None:
        ET.SubElement(head, "dateCreated").text = format_datetime(now)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        label = feed.title or feed.url
        attrs = {"type": "rss", "text": label, "title": label, "xmlUrl": feed.url}
        if feed.categories:
            attrs["category"] = ",".join(feed.categories)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n"


def topics_for(feed: OpmlFeed, topics: Sequence[Topic]) -> list[str]:
    """The slugs of the topics the feed's folders and categories name, in their order: by
    slug or by title in either language, in any case ("war", "War", "Війна", "війна"), as a
    story's tags name them (`match_topic`)."""
    found = (match_topic(category, topics) for category in feed.categories)
    return list(dict.fromkeys(topic.slug for topic in found if topic is not None))

"""OPML 2.0 import and export of feed sources, with the standard library only.

`parse_opml(data)` gives the feeds of a document (every `<outline>` with an `xmlUrl`, at any
depth; the `category` attribute and enclosing folders become topic hints) or raises
`OpmlError` with one clear line. `build_opml(feeds)` writes a document any feed reader
imports. Documents with a DOCTYPE or entity declarations are refused (no entity expansion
attacks through an uploaded file).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime

from bot.ingest.canonical import is_http_url

MAX_BYTES = 5 * 1024 * 1024
MAX_FEEDS = 5000


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


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


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
    head = raw[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in raw.lower():
        raise OpmlError("DOCTYPE and entity declarations are not allowed in OPML")
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        raise OpmlError(f"not valid XML: {_one_line(str(exc))}") from None
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
    seen: set[str] = set()

    def walk(node: ET.Element, folders: list[str]) -> None:
        for child in node:
            if _local(child.tag) != "outline":
                continue
            attrs = {_local(k).lower(): v for k, v in child.attrib.items()}
            label = _text(attrs.get("title")) or _text(attrs.get("text"))
            url = (attrs.get("xmlurl") or "").strip()
            if url:
                if not is_http_url(url):
                    doc.skipped.append(_one_line(url, 100))
                elif url not in seen:
                    if len(doc.feeds) >= MAX_FEEDS:
                        raise OpmlError(f"more than {MAX_FEEDS} feeds in one file")
                    seen.add(url)
                    cats = [*folders, *_categories(attrs.get("category"))]
                    doc.feeds.append(OpmlFeed(url, label, tuple(dict.fromkeys(cats))))
                walk(child, folders)
            else:
                walk(child, [*folders, label] if label else folders)

    walk(body, [])
    return doc


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


def topics_for(feed: OpmlFeed, known: Sequence[str]) -> list[str]:
    """The feed's categories that are known topic slugs (case-insensitive)."""
    slugs = {slug.lower(): slug for slug in known}
    return list(dict.fromkeys(slugs[c.lower()] for c in feed.categories if c.lower() in slugs))

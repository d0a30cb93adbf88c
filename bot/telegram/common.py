"""Pure helpers the command handlers share: ids typed by people, and long replies.

Ids: SQLite stores 64-bit signed integers, Python parses any Unicode digit (and `str.isdigit`
accepts superscripts), so every id a user types goes through `parse_id`: ASCII digits only,
within SQLite's range. Long replies: Telegram takes at most 4,096 characters of parsed text
per message, so `split_html` cuts a reply between lines (or words, or anywhere, in that order
of preference) into messages that each fit, closing the tags open at a cut and opening them
again in the next message.
"""

from __future__ import annotations

import html as _html
import re
from dataclasses import dataclass

from bot.render import TEXT_LIMIT

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)
MAX_PARTS = 5  # messages one reply may take; the rest is cut off with a note

_ID = re.compile(r"-?[0-9]{1,19}")
_PIECE = re.compile(r"<[^<>]*>|&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);|[^<&]", re.DOTALL)
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def parse_id(text: str, *, signed: bool = False) -> int | None:
    """ "123" -> 123; None unless `text` is ASCII digits (a leading "-" when `signed`) whose
    value fits in SQLite's 64-bit integers."""
    value = text.strip()
    if not _ID.fullmatch(value) or (value.startswith("-") and not signed):
        return None
    number = int(value)
    return number if INT64_MIN <= number <= INT64_MAX else None


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units: never less than Telegram's count of the same text."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class _Piece:
    raw: str
    size: int  # visible UTF-16 units
    tag: tuple[bool, str] | None  # (closing, name) for a tag


def _pieces(html: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in _PIECE.finditer(html):
        raw = match.group(0)
        if raw.startswith("<"):
            name = _TAG_NAME.match(raw)
            tag = (bool(name.group(1)), name.group(2).lower()) if name else None
            pieces.append(_Piece(raw, 0, tag))
        else:
            pieces.append(_Piece(raw, utf16_length(_html.unescape(raw)), None))
    return pieces


def visible_units(html: str) -> int:
    """What Telegram counts of `html` (tags dropped, entities decoded), in UTF-16 units."""
    return sum(piece.size for piece in _pieces(html))


def _cut_at(pieces: list[_Piece], start: int, budget: int) -> int:
    """Where the message starting at `start` ends: after the last line break that fits,
    else after the last space, else as late as fits (never inside a tag or an entity)."""
    used, end, line_end, word_end = 0, start, -1, -1
    while end < len(pieces) and used + pieces[end].size <= budget:
        used += pieces[end].size
        end += 1
        if pieces[end - 1].raw == "\n":
            line_end = end
        elif pieces[end - 1].raw.isspace():
            word_end = end
    if end == len(pieces):
        return end
    floor = start + (end - start) // 3  # a break too early wastes most of a message
    for candidate in (line_end, word_end):
        if candidate > floor:
            return candidate
    return max(end, start + 1)


def _render(pieces: list[_Piece], opened: list[_Piece]) -> tuple[str, list[_Piece]]:
    """The HTML of `pieces` with the tags open before them reopened and the ones left open
    closed; also the tags still open after them."""
    stack = list(opened)
    for piece in pieces:
        if piece.tag is None:
            continue
        closing, name = piece.tag
        if not closing:
            stack.append(piece)
        elif stack and stack[-1].tag is not None and stack[-1].tag[1] == name:
            stack.pop()
    closers = "".join(f"</{p.tag[1]}>" for p in reversed(stack) if p.tag is not None)
    text = "".join(p.raw for p in opened) + "".join(p.raw for p in pieces) + closers
    return text, stack


def split_html(html: str, limit: int = TEXT_LIMIT) -> list[str]:
    """`html` as messages of at most `limit` visible characters each, in order; blank parts
    are dropped. A text that fits comes back whole."""
    pieces = _pieces(html)
    if sum(piece.size for piece in pieces) <= limit:
        return [html]
    parts: list[str] = []
    opened: list[_Piece] = []
    start = 0
    while start < len(pieces):
        end = _cut_at(pieces, start, limit)
        text, opened = _render(pieces[start:end], opened)
        if _html.unescape(re.sub(r"<[^<>]*>", "", text)).strip():
            parts.append(text)
        start = end
    return parts

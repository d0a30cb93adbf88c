"""Telegram's own parse modes for the fake server: TDLib's ``parseTextEntities``.

The Bot API parses ``parse_mode=HTML``, ``MarkdownV2`` and ``Markdown`` by running TDLib's
``parseTextEntities`` (telegram-bot-api's ``Client::get_formatted_text``); the fake does the
same through the ``tdjson`` package (a prebuilt TDLib; ``td_execute`` of that request works
offline, without an account).  So what the fake accepts, rejects, and the text and entities it
gets, are Telegram's, error messages included ("Can't parse entities: Unsupported start tag
\"br\" at byte offset 12"); the server lowercases their first letter, as the Bot API does.

What the fake adds on top is only what the Bot API itself does after parsing, in
:mod:`fakebot.server` and here: leading and trailing whitespace is trimmed (:func:`strip_text`),
an empty result is "message text is empty", lengths are checked in code points (4,096 for a
text, 1,024 for a caption), and url/hashtag/mention/bot_command entities are found
(:func:`detect_entities`, a simplified stand-in for Telegram's server).  It has no stricter
rules of its own: a bare ``&`` or ``>`` and an unknown entity such as ``&nbsp;`` are literal
text to Telegram, and so to the fake.

Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import tdjson

__all__ = [
    "PARSE_MODES",
    "ParseError",
    "ParsedText",
    "detect_entities",
    "parse",
    "parse_html",
    "strip_text",
    "utf16_len",
]

# Bot API parse_mode (lowercased) -> TDLib's TextParseMode
PARSE_MODES: dict[str, dict[str, Any]] = {
    "html": {"@type": "textParseModeHTML"},
    "markdownv2": {"@type": "textParseModeMarkdown", "version": 2},
    "markdown": {"@type": "textParseModeMarkdown", "version": 1},
}

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

# TDLib textEntityType -> Bot API MessageEntity type
_TYPES = {
    "textEntityTypeBold": "bold",
    "textEntityTypeItalic": "italic",
    "textEntityTypeUnderline": "underline",
    "textEntityTypeStrikethrough": "strikethrough",
    "textEntityTypeSpoiler": "spoiler",
    "textEntityTypeCode": "code",
    "textEntityTypePre": "pre",
    "textEntityTypePreCode": "pre",
    "textEntityTypeTextUrl": "text_link",
    "textEntityTypeMentionName": "text_mention",
    "textEntityTypeCustomEmoji": "custom_emoji",
    "textEntityTypeBlockQuote": "blockquote",
    "textEntityTypeExpandableBlockQuote": "expandable_blockquote",
}


class ParseError(ValueError):
    """Telegram rejected the markup; ``str(error)`` is TDLib's message."""

    @property
    def description(self) -> str:
        """The Bot API's wording: TDLib's message with its first letter lowercased."""
        message = str(self)
        return message[:1].lower() + message[1:]


@dataclass
class ParsedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(s: str) -> int:
    """Length of ``s`` in UTF-16 code units."""
    return len(s) if s.isascii() else len(s) + len(_ASTRAL.findall(s))


def _execute(request: dict[str, Any]) -> dict[str, Any]:
    answer = tdjson.td_execute(json.dumps(request).encode())
    assert answer is not None, request
    result: dict[str, Any] = json.loads(answer)
    return result


_execute({"@type": "setLogVerbosityLevel", "new_verbosity_level": 0})  # no banner on stderr


def _bot_api_entity(entity: dict[str, Any]) -> dict[str, Any]:
    kind = entity["type"]
    name = kind["@type"]
    out: dict[str, Any] = {
        "offset": entity["offset"],
        "length": entity["length"],
        "type": _TYPES[name],
    }
    if name == "textEntityTypePreCode":
        out["language"] = kind["language"]
    elif name == "textEntityTypeTextUrl":
        out["url"] = kind["url"]
    elif name == "textEntityTypeMentionName":
        out["user"] = {"id": kind["user_id"], "is_bot": False, "first_name": "User"}
    elif name == "textEntityTypeCustomEmoji":
        out["custom_emoji_id"] = str(kind["custom_emoji_id"])
    return out


def parse(text: str, mode: str) -> ParsedText:
    """Parse ``text`` in the Bot API parse mode ``mode`` (case-insensitive) as Telegram does.

    Raises :class:`ParseError` with TDLib's message, or ``KeyError`` for an unknown mode.
    """
    answer = _execute(
        {"@type": "parseTextEntities", "text": text, "parse_mode": PARSE_MODES[mode.lower()]}
    )
    if answer["@type"] == "error":
        raise ParseError(answer["message"])
    entities = [_bot_api_entity(e) for e in answer["entities"]]
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText(answer["text"], entities)


def parse_html(text: str) -> ParsedText:
    """``parse(text, "HTML")``."""
    return parse(text, "html")


# --- what the Bot API does after parsing ---------------------------------------------------


def strip_text(parsed: ParsedText) -> ParsedText:
    """Trim leading/trailing whitespace as Telegram does, shifting and clipping entities."""
    text = parsed.text
    stripped = text.strip()
    if stripped == text:
        return parsed
    if not stripped:
        return ParsedText("", [])
    lead = text[: len(text) - len(text.lstrip())]
    shift = utf16_len(lead)
    new_len = utf16_len(stripped)
    entities: list[dict[str, Any]] = []
    for e in parsed.entities:
        start = max(e["offset"] - shift, 0)
        end = min(e["offset"] + e["length"] - shift, new_len)
        if end > start:
            e2 = dict(e)
            e2["offset"] = start
            e2["length"] = end - start
            entities.append(e2)
    return ParsedText(stripped, entities)


_AUTO = re.compile(
    r"(?P<url>\b(?:https?://|www\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]])"
    r"|(?P<hashtag>(?<![\w#])#(?=\w*[^\W\d])\w+)"
    r"|(?P<mention>(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b)"
    r"|(?P<bot_command>(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{3,31})?(?![\w/]))"
)
_BLOCKING = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})


def detect_entities(
    text: str, existing: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Entities Telegram finds by itself (url, hashtag, mention, bot_command).

    Those overlapping code/pre/text links in ``existing`` are skipped. Returns only the found
    ones; offsets in UTF-16 units.
    """
    if not any(ch in text for ch in "#@/w"):
        return []
    found: list[dict[str, Any]] = []
    blocked = [
        (e["offset"], e["offset"] + e["length"]) for e in existing or () if e["type"] in _BLOCKING
    ]
    for m in _AUTO.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        start = utf16_len(text[: m.start()])
        length = utf16_len(m.group(0))
        if any(s < start + length and start < e for s, e in blocked):
            continue
        found.append({"offset": start, "length": length, "type": kind})
    return found

"""Telegram's HTML parse mode, re-implemented from the Bot API spec for the fake server.

Independent of the project's code on purpose: it is the referee the project's renderer is
checked against.  It follows tdlib's parser (byte offsets in error messages are offsets in
the UTF-8 encoding of the text, tag names are case-insensitive, ``</>`` closes the innermost
tag, mis-nested tags are errors) and is *stricter* than Telegram in text content when
``strict=True`` (the default): a ``&`` that does not start one of the four named entities or
a numeric one, and a bare ``>``, are errors, because the Bot API documentation says they must
be escaped (Telegram itself silently keeps them as literal text; ``strict=False`` does too).

Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ParseError",
    "ParsedText",
    "detect_entities",
    "parse_html",
    "strip_text",
    "utf16_len",
]

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "tg-emoji",
        "code",
        "pre",
        "blockquote",
    }
)

_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
}

_NAMED_ENTITIES = {b"lt": "<", b"gt": ">", b"amp": "&", b"quot": '"'}
_SPACES = frozenset(b" \t\r\n\v\f\0")
_SPECIAL = re.compile(rb"[<>&]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class ParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(error)`` is Telegram's reason."""


@dataclass
class ParsedText:
    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


def utf16_len(s: str) -> int:
    """Length of ``s`` in UTF-16 code units."""
    return len(s) + len(_ASTRAL.findall(s)) if not s.isascii() else len(s)


@dataclass
class _Open:
    tag: str
    argument: str
    utf16_offset: int
    result_pos: int  # index into the result (list of str chunks): char offset


def _decode_entity(data: bytes, pos: int) -> tuple[str, int] | None:
    """Decode the character reference at ``data[pos] == '&'``.

    Returns (character, position after it) or None when it is not a valid one (tdlib's rules:
    the ``;`` is optional, numbers must be in 1..0x10FFFF and not surrogates).
    """
    n = len(data)
    end = pos + 1
    if end < n and data[end] == 0x23:  # '#'
        end += 1
        value = 0
        digits = 0
        if end < n and data[end] in b"xX":
            end += 1
            while end < n and chr(data[end]) in "0123456789abcdefABCDEF":
                value = value * 16 + int(chr(data[end]), 16)
                end += 1
                digits += 1
                if value >= 0x10FFFF:
                    return None
        else:
            while end < n and 0x30 <= data[end] <= 0x39:
                value = value * 10 + data[end] - 0x30
                end += 1
                digits += 1
                if value >= 0x10FFFF:
                    return None
        if digits == 0 or value == 0 or 0xD800 <= value <= 0xDFFF:
            return None
        ch = chr(value)
    else:
        while end < n and (0x41 <= data[end] <= 0x5A or 0x61 <= data[end] <= 0x7A):
            end += 1
        name = data[pos + 1 : end]
        if name not in _NAMED_ENTITIES:
            return None
        ch = _NAMED_ENTITIES[name]
    if end < n and data[end] == 0x3B:  # ';'
        end += 1
    return ch, end


def _entity_error(data: bytes, pos: int) -> ParseError:
    n = len(data)
    end = pos + 1
    if end < n and data[end] == 0x23:
        return ParseError(f"Invalid numeric character reference at byte offset {pos}")
    while end < n and (chr(data[end]).isascii() and chr(data[end]).isalnum()):
        end += 1
    name = data[pos + 1 : end].decode("ascii")
    if not name:
        return ParseError(f"Character entity expected at byte offset {pos}")
    return ParseError(f'Unknown entity "&{name};" at byte offset {pos}')


def parse_html(text: str, *, strict: bool = True) -> ParsedText:
    """Parse Telegram HTML into plain text and Bot API ``MessageEntity`` dicts.

    Raises :class:`ParseError` with Telegram's reason (to be prefixed with
    ``"Bad Request: can't parse entities: "``).
    """
    data = text.encode("utf-8")
    n = len(data)
    out: list[str] = []
    out_len = 0  # chars appended to ``out`` (code points)
    utf16 = 0
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []

    def at(k: int) -> int:
        return data[k] if k < n else 0

    def emit(chunk: str) -> None:
        nonlocal out_len, utf16
        out.append(chunk)
        out_len += len(chunk)
        utf16 += utf16_len(chunk)

    i = 0
    while i < n:
        m = _SPECIAL.search(data, i)
        if m is None:
            emit(data[i:].decode("utf-8"))
            break
        j = m.start()
        if j > i:
            emit(data[i:j].decode("utf-8"))
        i = j
        c = data[i]
        if c == 0x26:  # '&'
            decoded = _decode_entity(data, i)
            if decoded is None:
                if strict:
                    raise _entity_error(data, i)
                emit("&")
                i += 1
            else:
                emit(decoded[0])
                i = decoded[1]
            continue
        if c == 0x3E:  # '>'
            if strict:
                raise ParseError(f'Unescaped ">" at byte offset {i}; use "&gt;"')
            emit(">")
            i += 1
            continue

        # c == '<'
        begin = i
        i += 1
        if at(i) != 0x2F:  # start tag
            while i < n and data[i] not in _SPACES and data[i] != 0x3E:
                i += 1
            if i >= n:
                raise ParseError(f"Unclosed start tag at byte offset {begin}")
            tag = data[begin + 1 : i].decode("utf-8", "replace").lower()
            if tag not in ALLOWED_TAGS:
                raise ParseError(f'Unsupported start tag "{tag}" at byte offset {begin}')
            argument = ""
            while at(i) != 0x3E:
                while i < n and data[i] in _SPACES:
                    i += 1
                if i >= n:
                    raise ParseError(f"Unclosed start tag at byte offset {begin}")
                if data[i] == 0x3E:
                    break
                attr_begin = i
                while i < n and data[i] not in _SPACES and data[i] not in b"=>":
                    i += 1
                attr = data[attr_begin:i].decode("utf-8", "replace").lower()
                if not attr:
                    raise ParseError(
                        f'Empty attribute name in the tag "{tag}" at byte offset {begin}'
                    )
                while i < n and data[i] in _SPACES:
                    i += 1
                if at(i) != 0x3D:  # '='
                    if tag == "blockquote" and attr == "expandable":
                        argument = "1"
                        continue
                    if i >= n:
                        raise ParseError(f"Unclosed start tag at byte offset {begin}")
                    raise ParseError(
                        "Expected equal sign in declaration of an attribute of the tag "
                        f'"{tag}" at byte offset {begin}'
                    )
                i += 1
                while i < n and data[i] in _SPACES:
                    i += 1
                if i >= n:
                    raise ParseError(f'Unclosed start tag "{tag}" at byte offset {begin}')
                value_chars: list[str] = []
                if data[i] not in b"\"'":
                    token_begin = i
                    while i < n and (
                        (chr(data[i]).isascii() and chr(data[i]).isalnum()) or data[i] in b".-"
                    ):
                        i += 1
                    value = data[token_begin:i].decode("ascii").lower()
                    if at(i) not in _SPACES and at(i) != 0x3E:
                        raise ParseError(
                            f"Unexpected end of name token at byte offset {token_begin}"
                        )
                else:
                    quote = data[i]
                    i += 1
                    raw_begin = i
                    while i < n and data[i] != quote:
                        if data[i] == 0x26:
                            decoded = _decode_entity(data, i)
                            if decoded is not None:
                                value_chars.append(data[raw_begin:i].decode("utf-8", "replace"))
                                value_chars.append(decoded[0])
                                i = decoded[1]
                                raw_begin = i
                                continue
                        i += 1
                    value_chars.append(data[raw_begin:i].decode("utf-8", "replace"))
                    if i < n:
                        i += 1  # closing quote
                    value = "".join(value_chars)
                if i >= n:
                    raise ParseError(f"Unclosed start tag at byte offset {begin}")
                if (tag == "a" and attr == "href") or (tag == "tg-emoji" and attr == "emoji-id"):
                    argument = value
                elif tag == "code" and attr == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attr == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "blockquote" and attr == "expandable":
                    argument = "1"
            if tag == "span" and argument != "spoiler":
                raise ParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {begin}')
            i += 1  # '>'
            stack.append(_Open(tag, argument, utf16, out_len))
        else:  # end tag
            if not stack:
                raise ParseError(f"Unexpected end tag at byte offset {begin}")
            i += 1
            name_begin = i
            while i < n and data[i] not in _SPACES and data[i] != 0x3E:
                i += 1
            end_name = data[name_begin:i].decode("utf-8", "replace").lower()
            while i < n and data[i] in _SPACES:
                i += 1
            if at(i) != 0x3E:
                raise ParseError(f"Unclosed end tag at byte offset {begin}")
            i += 1
            top = stack.pop()
            if end_name and end_name != top.tag:
                raise ParseError(
                    f'Unmatched end tag at byte offset {begin}, expected "</{top.tag}>", '
                    f'found "</{end_name}>"'
                )
            _close(top, utf16, out, entities)

    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    for e in entities:
        e.pop("_language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return ParsedText("".join(out), entities)


def _close(top: _Open, utf16: int, out: list[str], entities: list[dict[str, Any]]) -> None:
    offset = top.utf16_offset
    length = utf16 - offset
    if length <= 0:
        return
    tag = top.tag
    if tag in _SIMPLE_TYPES:
        entities.append({"offset": offset, "length": length, "type": _SIMPLE_TYPES[tag]})
    elif tag == "a":
        url = top.argument
        if not url:
            url = "".join(out)[top.result_pos :]
        m = re.fullmatch(r"tg://user\?id=(\d+)", url)
        if m:
            entities.append(
                {
                    "offset": offset,
                    "length": length,
                    "type": "text_mention",
                    "user": {"id": int(m.group(1)), "is_bot": False, "first_name": "User"},
                }
            )
            return
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url):
            url = "http://" + url
        if re.match(r"^(https?|tg|ftp)://[^\s]+$", url, re.IGNORECASE):
            entities.append({"offset": offset, "length": length, "type": "text_link", "url": url})
    elif tag == "tg-emoji":
        if not top.argument.isdigit() or int(top.argument) == 0:
            raise ParseError("Invalid custom emoji identifier specified")
        entities.append(
            {
                "offset": offset,
                "length": length,
                "type": "custom_emoji",
                "custom_emoji_id": top.argument,
            }
        )
    elif tag == "blockquote":
        kind = "expandable_blockquote" if top.argument else "blockquote"
        entities.append({"offset": offset, "length": length, "type": kind})
    elif tag == "pre":
        last = entities[-1] if entities else None
        pre: dict[str, Any] = {"offset": offset, "length": length, "type": "pre"}
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == offset
            and last["length"] == length
        ):
            entities.pop()  # <pre><code class="language-x">...</code></pre>
            if last.get("_language"):
                pre["language"] = last["_language"]
        entities.append(pre)
    elif tag == "code":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "pre"
            and last["offset"] == offset
            and last["length"] == length
        ):
            if top.argument:  # <code class="language-x"><pre>...</pre></code>
                last["language"] = top.argument
        else:
            code: dict[str, Any] = {"offset": offset, "length": length, "type": "code"}
            if top.argument:
                code["_language"] = top.argument
            entities.append(code)


# --- whitespace trimming and automatic entities -------------------------------------------


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

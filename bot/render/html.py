"""Telegram's HTML parse mode, judged as Telegram judges it.

The Bot API parses ``parse_mode=HTML`` with TDLib's ``parseTextEntities``.  When the optional
``tdjson`` package (a prebuilt TDLib: ``pip install newsbot[tdlib]``) is importable,
:func:`parse` asks TDLib itself, offline; otherwise it runs :func:`parse_pure`, a port of
TDLib's ``parse_html`` (td/telegram/MessageEntity.cpp) that keeps only what decides
acceptance and the resulting text.  The tests run every case through both and require the
same verdict, message and text.

TDLib's rules in short: the tags are ``b strong i em u ins s strike del tg-spoiler span
a tg-emoji code pre blockquote`` (case-insensitive); ``span`` needs ``class="tg-spoiler"``
and a non-empty ``tg-emoji`` a valid ``emoji-id``; ``</>`` closes the innermost tag and
mis-nested tags are errors; attribute values are quoted, or a bare token of ASCII letters,
digits, ``.`` and ``-``; only ``&lt; &gt; &amp; &quot;`` and numeric references are decoded,
the ``;`` is optional, and any other ``&`` (``&nbsp;``, a lone ``&``) stays literal text,
as does a bare ``>``.  A ``<`` always starts a tag.

Here too: how long a message is as Telegram counts it, and whether Telegram accepts it
(`check_html`), both from that verdict.
"""

from __future__ import annotations

import html as _html
import json
import re
from typing import NamedTuple

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024


class RenderError(ValueError):
    """A message could not be rendered into something Telegram accepts."""


try:
    import tdjson as _tdjson
except ImportError:  # pragma: no cover - the tests always have it
    HAVE_TDLIB = False
else:
    HAVE_TDLIB = True

__all__ = [
    "CAPTION_LIMIT",
    "HAVE_TDLIB",
    "TAGS",
    "TEXT_LIMIT",
    "Parsed",
    "RenderError",
    "check_html",
    "html_errors",
    "parse",
    "parse_pure",
    "parse_tdlib",
    "plain",
    "visible_length",
]

TAGS = frozenset(
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

MAX_INPUT = 65536  # code points TDLib parses at most
_PREFIX = "Can't parse entities: "
_BAD_UNICODE = (
    "Text contains invalid Unicode characters after decoding HTML entities, "
    "check for unmatched surrogate code units"
)
_SPACES = frozenset(" \t\r\n\v\0")  # TDLib's is_space; "\0" is also its end of text
_NAME_TOKEN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
_SPECIAL = re.compile("[&<]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_EMOJI_ID = re.compile(r"-?[1-9][0-9]{0,18}")  # longer is out of range (and int() may refuse it)
_INT64 = range(-(2**63), 2**63)


class Parsed(NamedTuple):
    """The text Telegram gets from some HTML (before it trims it), or why it refuses it."""

    text: str
    error: str | None  # TDLib's message, e.g. "Can't parse entities: Unsupported start tag ..."


class _Refused(Exception):
    pass


# --- TDLib itself -------------------------------------------------------------------------


def parse_tdlib(html: str) -> Parsed:
    """Ask TDLib (needs ``tdjson``)."""
    mode = {"@type": "textParseModeHTML"}
    request = {"@type": "parseTextEntities", "text": html, "parse_mode": mode}
    answer = json.loads(_tdjson.td_execute(json.dumps(request).encode()) or b"{}")
    if answer.get("@type") == "formattedText":
        return Parsed(answer["text"], None)
    return Parsed("", str(answer.get("message", "no answer from TDLib")))


if HAVE_TDLIB:  # TDLib logs a banner to stderr on first use unless told not to
    _tdjson.td_execute(b'{"@type": "setLogVerbosityLevel", "new_verbosity_level": 0}')


# --- the port -----------------------------------------------------------------------------


def _ascii_lower(s: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in s)


def _decode_entity(s: str, pos: int) -> tuple[str, int] | None:
    """The character reference at ``s[pos] == "&"`` and the position after it, or None."""
    end = pos + 1
    if s.startswith("#", end):
        end += 1
        value = 0
        if s.startswith(("x", "X"), end):
            end += 1
            while end < len(s) and s[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(s[end], 16)
                end += 1
        else:
            while end < len(s) and s[end] in "0123456789":
                value = value * 10 + int(s[end])
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while end < len(s) and s[end].isascii() and s[end].isalpha():
            end += 1
        named = _NAMED.get(s[pos + 1 : end])
        if named is None:
            return None
        char = named
    if s.startswith(";", end):
        end += 1
    return char, end


class _Parser:
    """One pass over the HTML, as TDLib's parse_html makes it."""

    def __init__(self, html: str) -> None:
        self.s = html
        self.i = 0
        self.out: list[str] = []
        self.produced = 0  # code points in `out`
        self.stack: list[tuple[str, str, int]] = []  # (tag, argument, `produced` at the tag)

    def at(self, k: int) -> str:
        return self.s[k] if k < len(self.s) else "\0"

    def fail(self, reason: str, at: int | None = None) -> _Refused:
        if at is not None:
            reason += f" at byte offset {self._bytes(at)}"
        return _Refused(_PREFIX + reason)

    def emit(self, chunk: str) -> None:
        self.out.append(chunk)
        self.produced += len(chunk)

    def run(self) -> str:
        s = self.s
        while self.i < len(s):
            match = _SPECIAL.search(s, self.i)
            stop = match.start() if match else len(s)
            if stop > self.i:
                self.emit(s[self.i : stop])
                self.i = stop
                continue
            if s[stop] == "&":
                decoded = _decode_entity(s, stop)
                self.emit(decoded[0] if decoded else "&")
                self.i = decoded[1] if decoded else stop + 1
            elif self.at(stop + 1) == "/":
                self.end_tag()
            else:
                self.start_tag()
        if self.stack:
            tag = self.stack[-1][0]
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{tag}"')
        text = "".join(self.out)
        if _SURROGATE.search(text):
            raise _Refused(_PREFIX + _BAD_UNICODE)
        return text

    def skip_spaces(self) -> None:
        while self.at(self.i) != "\0" and self.at(self.i) in _SPACES:
            self.i += 1

    def start_tag(self) -> None:
        begin = self.i
        self.i += 1
        while self.at(self.i) not in _SPACES and self.at(self.i) != ">":
            self.i += 1
        if self.at(self.i) == "\0":
            raise self.fail("Unclosed start tag", begin)
        tag = _ascii_lower(self.s[begin + 1 : self.i])
        if tag not in TAGS:
            raise self.fail(f'Unsupported start tag "{tag}"', begin)
        argument = ""
        while self.at(self.i) != ">":
            self.skip_spaces()
            if self.at(self.i) == ">":
                break
            name, value = self.attribute(tag, begin)
            if value is None:
                if tag == "blockquote" and name == "expandable":
                    argument = "1"
            elif (tag, name) in (("a", "href"), ("tg-emoji", "emoji-id")):
                argument = value
            elif (tag, name) == ("code", "class") and value.startswith("language-"):
                argument = value[len("language-") :]
            elif (tag, name) == ("span", "class") and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif (tag, name) == ("blockquote", "expandable"):
                argument = "1"
        if tag == "span" and argument != "spoiler":
            raise self.fail('Tag "span" must have class "tg-spoiler"', begin)
        self.i += 1
        self.stack.append((tag, argument, self.produced))

    def attribute(self, tag: str, begin: int) -> tuple[str, str | None]:
        """One attribute (name and value; None without one); attribute names keep their case."""
        start = self.i
        while self.at(self.i) not in _SPACES and self.at(self.i) not in "=>/\"'":
            self.i += 1
        name = self.s[start : self.i]
        if not name:
            raise self.fail(f'Empty attribute name in the tag "{tag}"', begin)
        self.skip_spaces()
        if self.at(self.i) != "=":
            if self.at(self.i) == "\0":
                raise self.fail(f'Unclosed start tag "{tag}"', begin)
            return name, None
        self.i += 1
        self.skip_spaces()
        if self.at(self.i) == "\0":
            raise self.fail(f'Unclosed start tag "{tag}"', begin)
        value = self.quoted() if self.at(self.i) in "\"'" else self.name_token()
        if self.at(self.i) == "\0":
            raise self.fail("Unclosed start tag", begin)
        return name, value

    def name_token(self) -> str:
        start = self.i
        while self.at(self.i) in _NAME_TOKEN:
            self.i += 1
        if self.at(self.i) not in _SPACES and self.at(self.i) != ">":
            raise self.fail("Unexpected end of name token", start)
        return _ascii_lower(self.s[start : self.i])

    def quoted(self) -> str:
        quote = self.s[self.i]
        self.i += 1
        value: list[str] = []
        while self.at(self.i) not in (quote, "\0"):
            decoded = _decode_entity(self.s, self.i) if self.s[self.i] == "&" else None
            if decoded:
                value.append(decoded[0])
                self.i = decoded[1]
            else:
                value.append(self.s[self.i])
                self.i += 1
        if self.at(self.i) == quote:
            self.i += 1
        return "".join(value)

    def end_tag(self) -> None:
        begin = self.i
        if not self.stack:
            raise self.fail("Unexpected end tag", begin)
        self.i += 1
        while self.at(self.i) not in _SPACES and self.at(self.i) != ">":
            self.i += 1
        name = _ascii_lower(self.s[begin + 2 : self.i])
        self.skip_spaces()
        if self.at(self.i) != ">":
            raise self.fail("Unclosed end tag", begin)
        self.i += 1
        tag, argument, opened = self.stack.pop()
        if name and name != tag:
            raise self.fail(
                f"Unmatched end tag at byte offset {self._bytes(begin)}, "
                f'expected "</{tag}>", found "</{name}>"'
            )
        if tag == "tg-emoji" and self.produced > opened and not _emoji_id_ok(argument):
            raise _Refused(_PREFIX + "Invalid custom emoji identifier specified")

    def _bytes(self, k: int) -> int:
        return len(self.s[:k].encode("utf-8", "surrogatepass"))


def _emoji_id_ok(argument: str) -> bool:
    return _EMOJI_ID.fullmatch(argument) is not None and int(argument) in _INT64


def parse_pure(html: str) -> Parsed:
    """TDLib's verdict on ``html``, computed in Python."""
    if _SURROGATE.search(html):
        return Parsed("", "Text must be encoded in UTF-8")
    if len(html) > MAX_INPUT:
        return Parsed("", _PREFIX + "Text is too long")
    try:
        return Parsed(_Parser(html).run(), None)
    except _Refused as refused:
        return Parsed("", str(refused))


def parse(html: str) -> Parsed:
    """TDLib's verdict on ``html``: from TDLib when it is installed, else from the port."""
    return parse_tdlib(html) if HAVE_TDLIB else parse_pure(html)


# --- HTML measurement and checking ----------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\s+href=\"([^\"]*)\"\s*>(.*?)</a>", re.DOTALL)
_TRIMMED = " \t\n\r"  # what Telegram trims from both ends of a message before counting


def visible_length(html: str) -> int:
    """Length of `html` as Telegram counts it: the parsed text, ends trimmed, in code points.

    Telegram's own parser decides (see `parse` above); HTML it refuses is measured
    approximately (tags dropped, entities decoded), as `check_html` rejects it anyway.
    """
    text, error = parse(html)
    if error is not None:
        text = _html.unescape(_TAG.sub("", html))
    return len(text.strip(_TRIMMED))


def html_errors(html: str) -> list[str]:
    """Why Telegram's HTML parser would refuse `html` (empty when it accepts it).

    Telegram stops at the first problem, so there is at most one, in TDLib's words.
    """
    error = parse(html).error
    return [] if error is None else [error]


def check_html(html: str, *, limit: int = TEXT_LIMIT, allow_empty: bool = False) -> None:
    """Raise `RenderError` unless Telegram would accept `html` as a text (or caption).

    The verdict is TDLib's (`parse` above): markup it refuses, a text that is empty
    after trimming (unless `allow_empty`, for captions), or longer than `limit` code points.
    """
    text, error = parse(html)
    if error is not None:
        raise RenderError(error)
    length = len(text.strip(_TRIMMED))
    if length > limit:
        raise RenderError(f"{length} characters, more than {limit}")
    if length == 0 and not allow_empty:
        raise RenderError("empty text")


def plain(html: str) -> str:
    """`html` for a terminal: links as "text (url)", other tags dropped, entities decoded."""

    def link(match: re.Match[str]) -> str:
        return f"{match.group(2)} ({match.group(1)})"

    return _html.unescape(_TAG.sub("", _LINK.sub(link, html)))

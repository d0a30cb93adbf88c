"""Plain-text helpers for story parts: cleaning, trimming at a word, hashtags, safe URLs.

They work before escaping, so no tag or entity is ever cut in half; the templates use
`trim_words` and `hashtag` as filters."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

HASHTAG_LIMIT = 64
URL_LIMIT = 2048
ELLIPSIS = "…"

# --- plain-text helpers ---------------------------------------------------------------

_NO_BREAK_SPACES = frozenset("\xa0\u2007\u202f")
_TRIM_TAIL = " \t\n\xa0,;:.-–—(«„“‘'\"/\\"
_ZWJ = "\u200d"

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[\t\x0b\x0c]")
# C0/C1 controls (but \n), bidi embeddings/overrides that tdlib deletes, lone surrogates,
# non-characters.
_DROP = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff\ufffe\uffff]")
_HSPACE_RUN = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_NOT_WORD = re.compile(r"\W+")


def _is_break(char: str) -> bool:
    return char.isspace() and char not in _NO_BREAK_SPACES


def _is_extender(char: str) -> bool:
    """Whether `char` belongs to the grapheme before it (marks, ZWJ, selectors, skin tones)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == _ZWJ
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
    )


def _hard_cut(text: str, size: int) -> str:
    """`text[:size]`, moved back so that no grapheme loses its marks or ZWJ partner."""
    cut = size
    while 0 < cut < len(text) and (_is_extender(text[cut]) or text[cut - 1] == _ZWJ):
        cut -= 1
    return text[:cut]


def trim_words(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` code points at a word boundary, ending in "…".

    Text that fits is returned unchanged. Without a word boundary in the first part (or
    when the last one comes before half of it: a long URL, say) the cut is hard.
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    room = limit - 1
    if room == 0:
        return ELLIPSIS
    head = text[:room]
    if _is_break(text[room]):
        cut = head
    else:
        breaks = [i for i in range(len(head) - 1, -1, -1) if _is_break(head[i])][:1]
        cut = head[: breaks[0]] if breaks else ""
    cut = cut.rstrip(_TRIM_TAIL)
    if len(cut) < room // 2:
        cut = _hard_cut(text, room).rstrip(" \t\n")
    return cut + ELLIPSIS


def clean_text(text: str) -> str:
    """Drop what Telegram would delete or choke on; keep paragraphs, collapse spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _DROP.sub("", text)
    lines = [_HSPACE_RUN.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """Like `clean_text`, on one line: every run of whitespace becomes a single space."""
    return " ".join(clean_text(text).split())


def _has_visible(text: str) -> bool:
    return any(not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs")) for c in text)


def hashtag(slug: str) -> str:
    """`#slug` as a valid Telegram hashtag (letters, digits, `_`), or "" when impossible."""
    body = _NOT_WORD.sub("_", clean_line(slug)).strip("_")[:HASHTAG_LIMIT].rstrip("_")
    if not any(c.isalpha() for c in body):
        return ""
    return "#" + body


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for an href or a photo, whitespace percent-encoded; else None."""
    if not url:
        return None
    url = _DROP.sub("", url.strip())
    url = re.sub(r"\s", lambda m: quote(m.group()), url)
    if not url or len(url) > URL_LIMIT:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url

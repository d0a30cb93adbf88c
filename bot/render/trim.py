"""Plain-text helpers for story parts: cleaning, trimming at a word, hashtags, safe URLs.

They work before escaping, so no tag or entity is ever cut in half; the templates use
`trim_words` and `hashtag` as filters."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

from bot.text.graphemes import boundaries

HASHTAG_LIMIT = 64
URL_LIMIT = 2048  # an image's URL, a digest's or a list's link: what safe_url takes by default
# A story's own link in its post. Telegram counts only a message's visible text (4,096, a
# caption 1,024: TDLib's length of the parsed text), never a link's URL, and TDLib takes a
# text_link of any length; what the server bounds is the size of all of one message's
# entities together ("ENTITIES_TOO_LONG", some 9,000 characters in practice). A post holds
# this link and at most one other (the recall link, URL_LIMIT): both fit with room to spare.
LINK_LIMIT = 4096
ELLIPSIS = "…"

# --- plain-text helpers ---------------------------------------------------------------

_NO_BREAK_SPACES = frozenset("\xa0\u2007\u202f")
_TRIM_TAIL = " \t\n\xa0,;:.-–—(«„“‘'\"/\\"

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


def _rstrip_whole(text: str, ends: list[int], chars: str) -> str:
    """`text.rstrip(chars)`, but only whole clusters go: a mark never loses its letter.
    `ends` are the cluster ends of the text `text` is a prefix of."""
    keep = len(text)
    stops = [0, *(end for end in ends if end < keep)]
    while keep and stops and all(c in chars for c in text[stops[-1] : keep]):
        keep = stops.pop()
    return text[:keep]


def trim_words(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` code points at a word boundary, ending in "…".

    Text that fits is returned unchanged. Without a word boundary in the first part (or
    when the last one comes before half of it: a long URL, say) the cut is hard. Either
    way it falls between extended grapheme clusters (bot/text/graphemes.py): a letter keeps
    its accent, a flag or an emoji sequence stays whole or goes whole.
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    room = limit - 1
    if room == 0:
        return ELLIPSIS
    ends = list(boundaries(text, room))
    head = text[: ends[-1]] if ends else ""
    starts = {0, *ends}
    if _is_break(text[len(head)]):
        cut = head
    else:
        spaces = (i for i in range(len(head) - 1, -1, -1) if i in starts and _is_break(head[i]))
        cut = head[: next(spaces, 0)]
    cut = _rstrip_whole(cut, ends, _TRIM_TAIL)
    if len(cut) < room // 2:
        cut = _rstrip_whole(head, ends, " \t\n")
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


def safe_url(url: str | None, limit: int = URL_LIMIT) -> str | None:
    """An http(s) URL of at most `limit` characters fit for an href or a photo, whitespace
    percent-encoded; else None."""
    if not url:
        return None
    url = _DROP.sub("", url.strip())
    url = re.sub(r"\s", lambda m: quote(m.group()), url)
    if not url or len(url) > limit:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url

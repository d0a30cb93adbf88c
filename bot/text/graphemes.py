"""Extended grapheme clusters (UAX #29): what a reader sees as one character.

A cut of text must fall between clusters, never inside one: "а́" (a letter and a combining
acute), "👨‍👩‍👧" (emoji joined by ZWJ), "🇺🇦" (two regional indicators), "👍🏽" (a skin tone),
"क्षि" (an Indic conjunct) each count as one. The rules are the `regex` package's `\\X`, kept
up to date with Unicode, rather than rules of our own. Lengths stay in code points, as
Telegram counts a message's length (TDLib's utf8_length of the parsed text).
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

__all__ = ["boundaries", "whole_graphemes"]

_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def boundaries(text: str, size: int | None = None) -> Iterator[int]:
    """The offsets (in code points) where a cluster of `text` ends, in order, up to `size`."""
    for match in _CLUSTER.finditer(text):
        end: int = match.end()
        if size is not None and end > size:
            return
        yield end


def whole_graphemes(text: str, size: int) -> str:
    """The longest prefix of `text` of whole clusters and at most `size` code points."""
    if size >= len(text):
        return text
    cut = 0
    for end in boundaries(text, size):
        cut = end
    return text[:cut]

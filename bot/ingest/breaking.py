"""Which feed categories mark a story urgent (BREAKING_CATEGORIES): pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# The default of BREAKING_CATEGORIES (bot.config.Settings says the same; a test checks).
DEFAULT_CATEGORIES = ("breaking", "urgent", "терміново", "блискавка")

_WORD = re.compile(r"\w+")

Matcher = tuple[tuple[str, ...], ...]


def words_of(text: str) -> tuple[str, ...]:
    """A category or a setting's entry as case-folded words ("Breaking News" -> breaking, news)."""
    return tuple(_WORD.findall(text.casefold()))


def breaking_matcher(entries: Iterable[str]) -> Matcher:
    """BREAKING_CATEGORIES as word sequences, ready for `is_breaking`."""
    return tuple(dict.fromkeys(w for w in (words_of(entry) for entry in entries) if w))


def is_breaking(categories: Iterable[str], entries: Sequence[tuple[str, ...]]) -> bool:
    """Whether a feed category names the story urgent: a run of its words is an entry
    ("Breaking news" and "#ТЕРМІНОВО" for "breaking" and "терміново"; "Breakingviews" not)."""
    for category in categories:
        words = words_of(category)
        for entry in entries:
            size = len(entry)
            if any(words[i : i + size] == entry for i in range(len(words) - size + 1)):
                return True
    return False

"""Turn what a reader types into a safe SQLite FTS5 query (pure; no user syntax passes)."""

from __future__ import annotations

import re

MAX_TERMS = 8
MAX_TERM_LENGTH = 40

_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|«([^»]*)»')
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)


def _tokens(text: str) -> list[str]:
    """Words as FTS5's unicode61 tokenizer would split them (letters and digits)."""
    out: list[str] = []
    for chunk in _WORD.findall(text):
        out.extend(part for part in re.split(r"[^\w]+|_", chunk) if part)
    return [t.casefold()[:MAX_TERM_LENGTH] for t in out]


# Ukrainian inflection endings, longest first: "Зеленського" and "Зеленський" share "зеленськ".
_UK_ENDINGS = sorted(
    [
        *("ого", "ому", "ими", "ами", "ями", "ові", "еві", "ій", "ий", "ої", "ою", "ам", "ям"),
        *("ах", "ях", "ів", "їв", "ею", "ем", "ом", "а", "я", "у", "ю", "і", "ї", "и", "о", "е"),
        "ь",
    ],
    key=len,
    reverse=True,
)
_CYRILLIC = re.compile(r"[а-яіїєґ]")


def stem(word: str) -> str:
    """A light Ukrainian stemmer for matching by prefix; other languages are left alone."""
    if len(word) < 5 or not _CYRILLIC.search(word):
        return word
    for ending in _UK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def parse_terms(text: str) -> list[list[str]]:
    """Split input into terms: a quoted phrase is one term of several words."""
    terms: list[list[str]] = []
    rest = text
    for match in _PHRASE.finditer(text):
        phrase = _tokens(next(g for g in match.groups() if g is not None))
        if phrase:
            terms.append(phrase)
    rest = _PHRASE.sub(" ", text)
    terms.extend([token] for token in _tokens(rest))
    unique: list[list[str]] = []
    for term in terms:
        if term not in unique:
            unique.append(term)
    return unique[:MAX_TERMS]


def fts_query(text: str, *, prefix: bool = False) -> str | None:
    """An FTS5 MATCH expression requiring every term; None when nothing searchable remains.

    With `prefix`, single words of 3+ letters match every word that starts with their stem,
    so inflected Ukrainian forms match ("Харків" finds "Харкові", "Зеленський" "Зеленського").
    Phrases in quotes match as typed.
    """
    parts: list[str] = []
    for term in parse_terms(text):
        if prefix and len(term) == 1 and len(term[0]) >= 3:
            parts.append('"' + stem(term[0]) + '"*')
        else:
            parts.append('"' + " ".join(term) + '"')
    return " AND ".join(parts) if parts else None


def display_terms(text: str) -> str:
    """How a follow is shown back to the reader: normalised words, phrases in quotes."""
    return ", ".join(
        " ".join(term) if len(term) == 1 else "“" + " ".join(term) + "”"
        for term in parse_terms(text)
    )

"""Turn what a reader types into a safe SQLite FTS5 query over lemmas (pure; no user syntax
passes).

The index holds the lemmas of each story's headline and lead (bot.text.lemmas), so a query is
the lemmas of the reader's words: "Києві" finds "Київ", "обстрілів" "обстріл", and
`/follow посол` matches "посла" and "послом" but not "посолити". A phrase in quotes is a
run of consecutive lemmas, or of its words' other readings ("золота бутса" also as
"золотий бутс", the lemmas of "Золотої бутси"), as keyword rules of several words match;
words typed side by side without quotes are each their lemma, or a run of readings with
the word beside them (`/search золота бутса` finds "Золотої бутси" too).
Every term is an FTS5 string of lemma tokens (letters, digits, inner apostrophes and
hyphens), so nothing a reader types reaches FTS5 as syntax.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from bot.text.lemmas import (
    cleaned,
    fold,
    spoken_language,
    word_lemmas,
    word_readings,
    words,
)

MAX_TERMS = 8
MAX_TERM_LENGTH = 40
MAX_READINGS = 16  # runs of readings a phrase asks for beside its lemmas
# The longest lexeme the index holds, in UTF-8 bytes: PostgreSQL's tsvector and tsquery refuse
# longer ones, and its index leaves them out (migrations/0035); queries leave them out too.
MAX_LEXEME_BYTES = 2047

_PHRASE = re.compile(r'"([^"]*)"|“([^”]*)”|«([^»]*)»|„([^“”]*)[“”]')


def _words(text: str) -> list[str]:
    return [word[:MAX_TERM_LENGTH] for word in words(text)]


# A word as a reader typed it, with the signs after it that make a name ("C++", "C#", "F#"):
# what is shown back to them, though the index sees the letters alone ("c").
_SHOWN_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*[+#]*")


def _shown_words(text: str) -> list[str]:
    return [word[:MAX_TERM_LENGTH] for word in _SHOWN_WORD.findall(cleaned(text))]


def _unquoted_pairs(text: str) -> list[tuple[str, str]]:
    """Each two words typed side by side outside quotes (casefolded): `золота бутса` may be a
    phrase its reader did not quote."""
    pairs: list[tuple[str, str]] = []
    for segment in _PHRASE.sub("\0", text).split("\0"):  # the text between quoted phrases
        typed = [word.casefold() for word in _words(segment)][: MAX_TERMS + 1]
        pairs += itertools.pairwise(typed)
    return pairs


def parse_terms(text: str, *, shown: bool = False) -> list[list[str]]:
    """Split input into terms (words as typed): a quoted phrase is one term of several;
    `shown`: each word with the signs typed after it ("C++"), to show it back."""
    split = _shown_words if shown else _words
    terms: list[list[str]] = []
    for match in _PHRASE.finditer(text):
        phrase = split(next(g for g in match.groups() if g is not None))
        if phrase:
            terms.append(phrase)
    terms.extend([word] for word in split(_PHRASE.sub(" ", text)))
    unique: dict[tuple[str, ...], list[str]] = {}
    for term in terms:
        unique.setdefault(_term_key(term), term)
    return list(unique.values())[:MAX_TERMS]


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression requiring every term (by lemma, or by a run of readings
    with an unquoted neighbour); None when nothing searchable remains. The Cyrillic words
    both languages share are read in the language the query's words say ("условия мира":
    "условие", "мир"), as the index reads a story's; where they say none, a term of such a
    word is either reading (`мира`: "миро" in a Ukrainian story, "мир" in a Russian one)."""
    language = spoken_language(text)
    readings = (language,) if language else ("uk", "ru")
    parts: list[str] = []
    pair_runs = {  # words typed side by side: their runs of readings, each pair once
        pair: [run for lang in readings for run in _phrases(list(pair), lang)[1:]]
        for pair in _unquoted_pairs(text)
    }
    for term in parse_terms(text):
        each = [_phrases(term, lang) for lang in readings]  # each reading's lemmas first
        beside = [  # a word typed beside another: their runs of readings too
            run
            for pair, runs in (pair_runs.items() if len(term) == 1 else ())
            if term[0].casefold() in pair
            for run in runs
        ]
        phrases = dict.fromkeys([f[0] for f in each] + [p for f in each for p in f[1:]] + beside)
        part = " OR ".join(phrases)
        part = f"({part})" if len(phrases) > 1 else part
        if part not in parts:
            parts.append(part)
    return " AND ".join(parts) if parts else None


def _phrases(term: list[str], language: str) -> list[str]:
    """A term's words as FTS5 strings of their lemmas, read in `language`: a phrase of
    several words also as each run of its words' other readings (`word_readings`: "золота
    бутса" is "золото бутсы" word by word, and "золотий бутс" too, as "Золотої бутси" is
    indexed), up to `MAX_READINGS` runs. The index holds each word's lemma alone, so the
    readings are the typed words'. One word is its lemma alone: "Влад" is no "влада"."""
    lemmas = [found for word in term for found in word_lemmas(word, language)]
    runs = [lemmas]
    if len(lemmas) > 1:
        each = [sorted(r) for word in term for r in word_readings(word, language)]
        if math.prod(len(r) for r in each) <= MAX_READINGS:
            runs += [list(run) for run in itertools.product(*each)]
    return list(
        dict.fromkeys(
            '"' + " ".join(fold(found) for found in run).replace('"', "") + '"' for run in runs
        )
    )


def display_terms(text: str) -> str:
    """How an alert is shown back to the reader: its words as they typed them, in their order
    (their case, the signs of "C++" or "C#"; spaces and punctuation around them trimmed),
    phrases in quotes: "Кривий Ріг", "“Kyiv metro” Zelensky", one alert as one line with no
    comma in it (commas separate alerts). An alert stored by an older version as its terms
    between commas ("“Kyiv metro”, Zelensky") reads so too. Matching does not depend on it:
    that is the lemmas' work (`fts_query`)."""
    kept = {_term_key(term) for term in parse_terms(text, shown=True)}
    typed: list[list[str]] = []
    start = 0
    for match in [*_PHRASE.finditer(text), None]:
        typed += [[word] for word in _shown_words(text[start : match.start() if match else None])]
        if match is not None:
            typed.append(_shown_words(next(g for g in match.groups() if g is not None)))
            start = match.end()
    shown: dict[tuple[str, ...], list[str]] = {}
    for term in typed:
        if term and _term_key(term) in kept:
            shown.setdefault(_term_key(term), term)
    return " ".join(
        term[0] if len(term) == 1 else "“" + " ".join(term) + "”" for term in shown.values()
    )


def _term_key(term: list[str]) -> tuple[str, ...]:
    """A term compared: its words casefolded ("Київ" is "київ")."""
    return tuple(word.casefold() for word in term)


# HTML tags as a reader may type them around words ("<b>Хакер</b>", "<a href=...>"): the
# markup of messages, not words. Angle brackets around anything else ("<Lecornu>") are not.
_MARKUP = re.compile(
    r"<\s*/?\s*(?:a|b|i|u|s|em|strong|ins|del|strike|span|code|pre|blockquote|q|p|br|hr|div"
    r"|font|mark|small|big|sub|sup|h[1-6]|tg-spoiler|tg-emoji)(?![\w-])[^<>]*>",
    re.IGNORECASE,
)


def without_markup(text: str) -> str:
    """A text without the HTML tags typed into it ("<b>Хакер</b>" is "Хакер"), each a space:
    the words on either side stay apart."""
    return _MARKUP.sub(" ", text)


def single_letters(text: str) -> bool:
    """Whether all that the index would see of a text is letters or digits standing alone
    ("C++" is "c", "C#" "c", "A" "a"): every word of one character. Such a word is in the
    index wherever one stands alone ("Washington, D.C." holds "c"), so an alert of it
    would bring stories that have nothing to do with what was typed."""
    typed = _words(text)
    return bool(typed) and all(len(word) == 1 for word in typed)


def _lexeme(token: str) -> str:
    """A tsquery lexeme, quoted: taken as it is, not normalised again."""
    return "'" + fold(token).replace("\\", "").replace("'", "''") + "'"


def fts_to_tsquery(query: str) -> str:
    """The PostgreSQL tsquery of an `fts_query` expression: each quoted run of lemmas a phrase
    (`<->`), a term's two readings joined with `|`, the terms with `&`; the index
    (migrations/0008) holds the same lemmas at their positions, so both backends find the
    same stories."""
    terms: list[str] = []
    for part in query.split(" AND "):
        readings: list[str] = []
        for reading in part.strip().strip("()").split(" OR "):
            tokens = reading.strip().strip('"').split()
            if tokens:
                phrase = " <-> ".join(_lexeme(token) for token in tokens)
                readings.append(f"({phrase})" if len(tokens) > 1 else phrase)
        if readings:
            terms.append(f"({' | '.join(readings)})" if len(readings) > 1 else readings[0])
    return " & ".join(terms) if terms else "''"


def _indexed(lemmas: Sequence[str]) -> list[str]:
    """The lemmas the index can hold: folded, not empty, not over `MAX_LEXEME_BYTES` (a
    story's lemmas may hold a "word" of thousands of letters; PostgreSQL refuses it in a
    tsquery, and neither index finds it on PostgreSQL, so neither store asks for it)."""
    folded = (fold(lemma) for lemma in lemmas)
    return [f for f in folded if f and len(f.encode("utf-8")) <= MAX_LEXEME_BYTES]


def any_lemma_query(lemmas: Sequence[str]) -> str:
    """An FTS5 MATCH expression for stories holding any of these lemmas (as stored: folded)."""
    terms = dict.fromkeys('"' + lemma.replace('"', "") + '"' for lemma in _indexed(lemmas))
    return " OR ".join(term for term in terms if term != '""') or '""'


def any_lemma_tsquery(lemmas: Sequence[str]) -> str:
    """The PostgreSQL tsquery of `any_lemma_query`: the lemmas joined with `|`."""
    terms = dict.fromkeys(_lexeme(lemma) for lemma in _indexed(lemmas))
    return " | ".join(terms) or "''"

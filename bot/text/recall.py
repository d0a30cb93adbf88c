"""The "Recall": which earlier story a post links to at its end. Pure: no I/O.

A story's lemmas (`articles.search_text`: the headline's on the first line, the lead's on
the next, folded) lose the words that say nothing about its subject (function words, numbers,
one- and two-letter words); what is left of the headline and of the lead's first
`LEAD_LEMMAS` are its content lemmas (a full-text lead would otherwise share words with
anything). An earlier story of the same topic is related when the two share at least
`min_shared` content lemmas, at least `min_headline` of them from this story's headline, and
those make up at least `min_overlap` of the shorter of the two (the overlap coefficient).
The full-text index ranks the candidates (bm25 on SQLite, ts_rank on PostgreSQL, over the
same lemmas); the best ranked related one is recalled. The thresholds were tuned on real
feeds with bench/recall.py (figures in docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_SHARED = 4
MIN_HEADLINE = 2
MIN_OVERLAP = 0.35
LEAD_LEMMAS = 30
QUERY_LEMMAS = 24  # content lemmas a candidate query asks for (the headline's come first)
MIN_LETTERS = 3

# Lemmas of function words and news filler in the languages the lemmatizer knows (uk, ru,
# en): they are shared by unrelated stories.
_STOPWORDS = """
    the and for but not with from into onto over under about after before since until than
    that this these those there their them they then what when where which while who whom
    whose why how all any each few more most other some such only own same too very can will
    just should now also its our your his her him she has have had having was were are been
    being does did doing would could may might must shall one two three four five six seven
    eight nine ten first second new say tell said says year years day days week month time
    people man woman get make take told according report reports news amid among against
    between during through via per off out down still yet even ever back well like many much
    last next include including use used way thing
    і й та або але що як це цей ця ці той та ті так там тут де коли хто який яка яке які
    чий його її їх він вона воно вони ми ви ти я мене нас вас їм йому для від до на над під
    при про через після перед між без біля по за у в з із зі зо об не ні чи ж же би б вже ще
    лише тільки також теж може можна треба має мати бути був була було були є буде будуть
    один одна два дві три чотири п'ять рік року роки день дні тиждень місяць час свій своя
    сказати заявити повідомити повідомляти зазначити новий весь все всі усі інший
    и или что как это этот эта эти тот там тут где когда кто какой чей его ее их он она оно
    они мы вы ты мне нас вас им ему для от до на над под при про через после перед между без
    около по за у в с со о об не ни ли же бы уже еще лишь только также тоже может можно надо
    быть был была было были будет один одна два две три год года день неделя месяц время
    свой сказать заявить сообщить новый весь все другой
"""
STOPWORDS = frozenset(_STOPWORDS.split())


@dataclass(frozen=True, slots=True)
class Match:
    """How related a candidate is to a story: the shared content lemmas, how many of them are
    in the story's headline, and their share of the shorter story."""

    shared: frozenset[str]
    overlap: float
    headline: int = 0


def _content(text: str) -> list[str]:
    seen: dict[str, None] = {}
    for token in text.split():
        letters = sum(c.isalpha() for c in token)
        if letters >= MIN_LETTERS and token not in STOPWORDS:
            seen.setdefault(token, None)
    return list(seen)


def headline_lemmas(search_text: str) -> list[str]:
    """The content lemmas of a story's headline (the first line of its lemmas)."""
    return _content(search_text.split("\n", 1)[0])


def content_lemmas(search_text: str, lead_limit: int = LEAD_LEMMAS) -> list[str]:
    """A story's content lemmas, each once: its headline's, then the lead's first ones."""
    head, _, lead = search_text.partition("\n")
    found = dict.fromkeys(_content(head))
    for token in _content(lead)[:lead_limit]:
        found.setdefault(token, None)
    return list(found)


def query_lemmas(search_text: str, limit: int = QUERY_LEMMAS) -> list[str]:
    """The content lemmas a candidate query asks the index for."""
    return content_lemmas(search_text)[:limit]


def match(story: Iterable[str], candidate: Iterable[str], headline: Iterable[str] = ()) -> Match:
    """The shared content lemmas of two stories, the overlap coefficient, and how many of the
    shared are in the story's `headline`."""
    mine, theirs = set(story), set(candidate)
    shared = frozenset(mine & theirs)
    smaller = min(len(mine), len(theirs))
    return Match(shared, len(shared) / smaller if smaller else 0.0, len(shared & set(headline)))


def is_related(
    found: Match,
    *,
    min_shared: int = MIN_SHARED,
    min_overlap: float = MIN_OVERLAP,
    min_headline: int = MIN_HEADLINE,
) -> bool:
    """Whether a match clears the thresholds."""
    return (
        len(found.shared) >= min_shared
        and found.overlap >= min_overlap
        and found.headline >= min_headline
    )


def relate(story_text: str, candidate_text: str) -> Match:
    """How related two stories are, from their lemmas (`articles.search_text`)."""
    return match(
        content_lemmas(story_text), content_lemmas(candidate_text), headline_lemmas(story_text)
    )


def pick(
    story_text: str,
    ranked: Sequence[tuple[int, str]],
    *,
    min_shared: int = MIN_SHARED,
    min_overlap: float = MIN_OVERLAP,
    min_headline: int = MIN_HEADLINE,
) -> int | None:
    """The recalled story: the first of the index's ranked (id, lemmas) candidates related
    to the story; None when none is."""
    for candidate_id, text in ranked:
        found = relate(story_text, text)
        if is_related(
            found, min_shared=min_shared, min_overlap=min_overlap, min_headline=min_headline
        ):
            return candidate_id
    return None

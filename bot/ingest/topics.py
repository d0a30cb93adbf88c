"""Tagging stories with topics: their own topics, then keyword rules over lemmas. Pure.

A story's own topics (its `topics`/`tags` and feed categories that name a topic, its source's
topics) are the newsroom's judgment and stand alone. Keyword rules are lemmas ("ракета",
"прем'єр-міністр", "air strike"): a rule matches a word whose lemma equals it, a rule of
several words a run of consecutive lemmas. Under `KEYWORD_TAGGING=untagged` (the default)
they tag only stories with no topic of their own, reading the headline, the lead and the
tags that name no topic (a feed category such as "Football results"); `always` adds their
topics to every story; `off` never uses them.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Literal, get_args

from bot.lemmas import lemmas, normalize_word, word_lemmas, words
from bot.models import Topic

__all__ = [
    "KEYWORD_TAGGING_MODES",
    "KeywordTagging",
    "assign_topics",
    "keyword_matches",
    "match_topic",
    "normalize",
    "own_topics",
    "rule_lemmas",
]

KeywordTagging = Literal["untagged", "always", "off"]
KEYWORD_TAGGING_MODES: tuple[str, ...] = get_args(KeywordTagging)

_APOSTROPHES = re.compile(r"[\u2019\u02bc\u2018`\u00b4\u02b9\u2032]")
_NON_WORD = re.compile(r"[^\w']+")
_EDGE_APOSTROPHES = re.compile(r"(?<!\w)'|'(?!\w)")


def normalize(text: str) -> str:
    """Compare-ready names: NFKC, Unicode casefold, one kind of apostrophe, punctuation and
    hyphens as spaces, whitespace folded ("Прем’єр-міністр!" -> "прем'єр міністр")."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    folded = _APOSTROPHES.sub("'", folded)
    folded = _NON_WORD.sub(" ", folded).replace("_", " ")
    folded = _EDGE_APOSTROPHES.sub(" ", folded)
    return " ".join(folded.split())


def rule_lemmas(text: str) -> str:
    """A keyword rule as stored: the lemmas of the words an admin typed, in any form
    ("ракети" -> "ракета", "Верховної Ради" -> "верховний рада")."""
    return " ".join(lemmas(text))


@lru_cache(maxsize=4096)
def _rule_words(keyword: str) -> tuple[str, ...]:
    return tuple(normalize_word(part) for part in keyword.split())


def keyword_matches(keyword: str, text_lemmas: Sequence[str]) -> bool:
    """Whether a rule (lemmas) matches a run of consecutive lemmas of a text."""
    return any(True for _ in _rule_spans(keyword, text_lemmas))


def _names(topic: Topic) -> set[str]:
    return {normalize(topic.slug), normalize(topic.title_en), normalize(topic.title_uk)} - {""}


def match_topic(name: str, topics: Iterable[Topic]) -> Topic | None:
    """The topic whose slug, English or Ukrainian title is `name`, in any case ("#War" too)."""
    wanted = normalize(name.strip().lstrip("#"))
    if not wanted:
        return None
    for topic in topics:
        if wanted in _names(topic):
            return topic
    return None


def own_topics(
    tags: Sequence[str], source_topics: Sequence[str], topics: Sequence[Topic]
) -> list[str]:
    """The story's own topics, in the order of `topics`: tags that name a topic (its slug or
    title in either language) and its source's topics. Unknown slugs are ignored."""
    tag_names = {normalize(tag.lstrip("#")) for tag in tags} - {""}
    sources = {normalize(slug) for slug in source_topics}
    return [
        topic.slug
        for topic in topics
        if _names(topic) & tag_names or normalize(topic.slug) in sources
    ]


def _rule_spans(keyword: str, text_lemmas: Sequence[str]) -> Iterator[tuple[int, int]]:
    """Where a rule (lemmas) matches a run of consecutive lemmas: (start, end) spans."""
    wanted = _rule_words(keyword)
    span = len(wanted)
    for start in range(len(text_lemmas) - span + 1) if wanted else ():
        if tuple(text_lemmas[start : start + span]) == wanted:
            yield start, start + span


def _run_topics(
    run: Sequence[str], topics: Sequence[Topic], capitals: Sequence[Capital] = ()
) -> set[str]:
    """The topics of one text's lemmas, the longest rule winning: a match inside a longer
    match of another rule does not count ("foreign minister" is world, not also politics by
    "minister"; "міністр закордонних справ" likewise). With `capitals` (how each lemma's
    word is capitalized; a lead's), a capitalized match followed by a capitalized word
    within the sentence is a title before a name ("President Trump met Prime Minister
    Netanyahu") or part of a name: it says who, not what the story is about, and does not
    count."""
    matches = [
        (start, end, topic.slug)
        for topic in topics
        for keyword in topic.keywords
        for start, end in _rule_spans(keyword, run)
        if not _is_title_before_name(start, end, capitals)
    ]
    return {
        slug
        for start, end, slug in matches
        if not any(s <= start and end <= e and e - s > end - start for s, e, _ in matches)
    }


class Capital(enum.Enum):
    LOWER = "lower"  # "president"
    SENTENCE_START = "sentence start"  # "President" beginning a sentence
    NAME = "name"  # "President", "Trump" within a sentence


def _is_title_before_name(start: int, end: int, capitals: Sequence[Capital]) -> bool:
    return (
        end < len(capitals)
        and all(c is not Capital.LOWER for c in capitals[start:end])
        and capitals[end] is Capital.NAME
    )


_CLAUSE_END = re.compile(r"(?<=[.!?\u2026])\s+|[,;:()\"\u00ab\u00bb\u201c\u201d]")


def _capitals(text: str) -> list[Capital]:
    """How each lemma's word of a text is capitalized; the first word of a sentence or a
    clause names nobody by its capital ("...in four Olympics. She is...", "..., Ms Taylor")."""
    capitals: list[Capital] = []
    for sentence in _CLAUSE_END.split(text):
        for position, word in enumerate(words(sentence)):
            first = Capital.SENTENCE_START if position == 0 else Capital.NAME
            capital = first if word[:1].isupper() else Capital.LOWER
            capitals.extend([capital] * len(word_lemmas(word)))
    return capitals


def keyword_topics(
    texts: Sequence[str], topics: Sequence[Topic], *, leads: Sequence[str] = ()
) -> list[str]:
    """The topics whose keyword rules match any of these texts or leads, in the order of
    `topics` (the longest rule winning where rules overlap; in leads, written in sentence
    case, a person's title before the name does not count: see `_run_topics`)."""
    found: set[str] = set()
    for text in texts:
        if text:
            found |= _run_topics(lemmas(text), topics)
    for lead in leads:
        if lead:
            found |= _run_topics(lemmas(lead), topics, _capitals(lead))
    return [topic.slug for topic in topics if topic.slug in found]


def assign_topics(
    *,
    title: str,
    lead: str,
    tags: Sequence[str],
    source_topics: Sequence[str],
    topics: Sequence[Topic],
    keyword_tagging: KeywordTagging = "untagged",
) -> list[str]:
    """The slugs, in the order of `topics`, that a story gets: its own topics, and the
    keyword rules' topics as `keyword_tagging` says (see the module's docstring)."""
    own = own_topics(tags, source_topics, topics)
    if keyword_tagging == "off" or (keyword_tagging == "untagged" and own):
        return own
    names = _all_names(topics)
    other_tags = [tag for tag in tags if normalize(tag.lstrip("#")) not in names]
    found = set(own) | set(keyword_topics([title, *other_tags], topics, leads=[lead]))
    return [topic.slug for topic in topics if topic.slug in found]


def _all_names(topics: Sequence[Topic]) -> set[str]:
    return set().union(*(_names(topic) for topic in topics)) if topics else set()

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

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal, get_args

from bot.lemmas import lemmas, normalize_word
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
    wanted = _rule_words(keyword)
    if not wanted:
        return False
    span = len(wanted)
    return any(
        tuple(text_lemmas[start : start + span]) == wanted
        for start in range(len(text_lemmas) - span + 1)
    )


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


def keyword_topics(texts: Sequence[str], topics: Sequence[Topic]) -> list[str]:
    """The topics whose keyword rules match any of these texts, in the order of `topics`."""
    runs = [lemmas(text) for text in texts if text]
    return [
        topic.slug
        for topic in topics
        if any(keyword_matches(keyword, run) for keyword in topic.keywords for run in runs)
    ]


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
    found = set(own) | set(keyword_topics([title, lead, *other_tags], topics))
    return [topic.slug for topic in topics if topic.slug in found]


def _all_names(topics: Sequence[Topic]) -> set[str]:
    return set().union(*(_names(topic) for topic in topics)) if topics else set()

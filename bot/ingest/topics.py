"""Tagging stories with topics: categories, source topics and keyword rules. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from bot.models import Topic

__all__ = ["assign_topics", "keyword_matches", "match_topic", "normalize", "words"]

_APOSTROPHES = re.compile(r"[\u2019\u02bc\u2018`\u00b4\u02b9\u2032]")
_NON_WORD = re.compile(r"[^\w']+")
_EDGE_APOSTROPHES = re.compile(r"(?<!\w)'|'(?!\w)")


def normalize(text: str) -> str:
    """Compare-ready text: NFKC, Unicode casefold, one kind of apostrophe, punctuation and
    hyphens as spaces, whitespace folded ("Прем’єр-міністр!" -> "прем'єр міністр")."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    folded = _APOSTROPHES.sub("'", folded)
    folded = _NON_WORD.sub(" ", folded).replace("_", " ")
    folded = _EDGE_APOSTROPHES.sub(" ", folded)
    return " ".join(folded.split())


def words(text: str) -> list[str]:
    """The normalised words of a text."""
    return normalize(text).split()


@lru_cache(maxsize=4096)
def _keyword_words(keyword: str) -> tuple[str, ...]:
    return tuple(words(keyword))


def keyword_matches(keyword: str, text_words: Sequence[str]) -> bool:
    """Whether a keyword rule matches: each word of the keyword starts the corresponding
    word of a run of consecutive words ("війн" matches "війни"; "air strike" matches
    "air strikes")."""
    wanted = _keyword_words(keyword)
    if not wanted:
        return False
    span = len(wanted)
    for start in range(len(text_words) - span + 1):
        if all(text_words[start + i].startswith(wanted[i]) for i in range(span)):
            return True
    return False


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


def assign_topics(
    *,
    title: str,
    lead: str,
    tags: Sequence[str],
    source_topics: Sequence[str],
    topics: Sequence[Topic],
) -> list[str]:
    """The slugs, in the order of `topics`, that a story gets from:

    - its tags (the feed's categories or the story's own topics): a tag equal to a topic's
      slug or title in either language, or a tag that a topic's keyword rule matches;
    - its source's topics;
    - keyword rules over the headline and the lead.
    Unknown slugs are ignored.
    """
    text_words = words(f"{title} {lead}")
    tag_names = {normalize(tag.lstrip("#")) for tag in tags} - {""}
    tag_words = [words(tag) for tag in tags]
    sources = {normalize(slug) for slug in source_topics}
    chosen: list[str] = []
    for topic in topics:
        names = _names(topic)
        hit = bool(names & tag_names) or normalize(topic.slug) in sources
        if not hit:
            for keyword in topic.keywords:
                if keyword_matches(keyword, text_words) or any(
                    keyword_matches(keyword, tw) for tw in tag_words
                ):
                    hit = True
                    break
        if hit and topic.slug not in chosen:
            chosen.append(topic.slug)
    return chosen

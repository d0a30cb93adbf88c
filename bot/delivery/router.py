"""Who gets a story: pure functions from a story and the targets to outbox rows.

A channel (or forum topic) is an edition: it takes a story when its topic filter, its story
languages and its keyword rules all say so (`takes`). Keyword rules are lemmas, matched as
topic rules are (bot/ingest/topics.py): a rule matches a word of the headline or the lead
whose lemma it is, a rule of several words a run of consecutive words, each of which may
stand for its word ("ракети" and "ракетою" meet "ракета"; "air strike" needs both words in a
row; "золотої бутси" meets "золотий бутса").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import babel

from bot.ingest.topics import keyword_matches
from bot.models import Article, Channel, to_iso
from bot.store.outbox import PRIORITY, URGENT, NewDelivery
from bot.text.lemmas import lemmas, text_language, text_readings


@dataclass(frozen=True, slots=True)
class LemmaRun:
    """One part of a story (headline or lead): its lemmas, and what each may stand for
    (none for a part without Cyrillic words: its lemmas alone)."""

    lemmas: tuple[str, ...]
    readings: tuple[frozenset[str], ...]


LemmaRuns = tuple[LemmaRun, ...]


def language_code(language: str | None) -> str | None:
    """A story's language as editions compare it: the primary subtag, lower case
    ("en-US" -> "en"), its ISO 639-1 code where CLDR has one ("ukr" -> "uk", "iw" -> "he");
    None when the story has none."""
    code = (language or "").strip().replace("_", "-").split("-")[0].casefold()
    return _canonical_language(code) if code else None


@functools.lru_cache(maxsize=1024)
def _canonical_language(code: str) -> str:
    try:
        return babel.Locale.parse(code).language
    except (ValueError, babel.UnknownLocaleError):
        return code


def known_language(code: str) -> bool:
    """Whether CLDR names the language `code` ("uk", "crh"; not "xx")."""
    return code in _LANGUAGE_NAMES


_LANGUAGE_NAMES = frozenset(babel.Locale("en").languages)


def story_runs(article: Article) -> LemmaRuns:
    """The lemmas of a story's headline and of its lead, each a run of its own (read in the
    story's language: `text_language`)."""
    language = text_language(f"{article.title}\n{article.lead}")
    return tuple(
        LemmaRun(tuple(lemmas(part, language)), tuple(text_readings(part, language)))
        for part in (article.title, article.lead)
        if part
    )


def takes_language(channel: Channel, language: str | None) -> bool:
    """A story without a language goes everywhere; else to editions of its language (or of
    every language)."""
    code = language_code(language)
    if code is None or not channel.story_languages:
        return True
    # codes stored before they were made canonical ("ukr") count as theirs
    return any(code == language_code(taken) for taken in channel.story_languages)


def takes_keywords(channel: Channel, runs: LemmaRuns) -> bool:
    """No exclude rule matches, and an include rule does when the edition has any."""

    def matches(rule: str) -> bool:
        return any(keyword_matches(rule, run.lemmas, run.readings) for run in runs)

    if any(matches(rule) for rule in channel.exclude):
        return False
    return not channel.include or any(matches(rule) for rule in channel.include)


def takes(channel: Channel, article: Article, runs: LemmaRuns | None = None) -> bool:
    """Whether this edition takes this story (`runs`: the story's `story_runs`, computed
    once for every channel of a fan-out)."""
    if not channel.wants(article.topics) or not takes_language(channel, article.language):
        return False
    if not channel.include and not channel.exclude:
        return True
    return takes_keywords(channel, runs if runs is not None else story_runs(article))


def channel_deliveries(article: Article, channels: Sequence[Channel]) -> list[NewDelivery]:
    """One row per channel (or forum topic) whose edition takes this story; an urgent
    story's go ahead of everything queued."""
    published = to_iso(article.published_at)
    priority = URGENT if article.urgent else PRIORITY["channel"]
    runs = story_runs(article) if any(c.include or c.exclude for c in channels) else ()
    return [
        NewDelivery(
            chat_id=channel.chat_id,
            thread_id=channel.thread_id,
            article_id=article.id,
            kind="channel",
            published_at=published,
            want_rev=article.rev,
            priority=priority,
        )
        for channel in channels
        if takes(channel, article, runs)
    ]


def instant_priority(article: Article) -> int:
    """The priority of a story's rows to instant readers."""
    return URGENT if article.urgent else PRIORITY["instant"]

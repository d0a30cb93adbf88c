"""Tagging a headline by keyword rules alone, for the tests of lemmas and rules."""

from __future__ import annotations

from collections.abc import Sequence

from bot.ingest.topics import assign_topics
from bot.models import Topic


def keyword_tags(topics: Sequence[Topic], title: str, lead: str = "") -> list[str]:
    """The topics the keyword rules give a story of no topic of its own."""
    return assign_topics(
        title=title, lead=lead, tags=(), source_topics=(), topics=topics, keyword_tagging="always"
    )

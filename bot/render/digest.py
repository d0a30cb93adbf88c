"""What goes in a digest, as pure functions: no I/O, no Telegram, no clock of their own.

Grouping ranks a reader's stories into topic sections; splitting packs rendered items into
messages no longer than Telegram's limit, breaking only between items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from bot.models import Article

DEFAULT_MAX_PER_TOPIC = 5


# --- what goes in -------------------------------------------------------------------------


@dataclass(slots=True)
class Section:
    """One topic of a digest: its best stories and how many more there were."""

    topic: str
    articles: list[Article] = field(default_factory=list)
    more: int = 0


def rank_key(article: Article) -> tuple[int, int, float, int]:
    """Stories with a view count first, most viewed first; then the newest."""
    has_views = article.views is not None
    return (
        0 if has_views else 1,
        -(article.views or 0),
        -article.published_at.timestamp(),
        -article.id,
    )


def group_stories(
    articles: Sequence[Article], topics: Sequence[str], max_per_topic: int
) -> list[Section]:
    """Sections in the order of `topics` (the fixed topic order): each story once, under the
    first of these topics it has, ranked by `rank_key`; at most `max_per_topic` a section,
    the rest counted in `more`. Empty sections are left out."""
    sections = {topic: Section(topic) for topic in topics}
    seen: set[int] = set()
    for article in sorted(articles, key=rank_key):
        if article.id in seen:
            continue
        home = next((topic for topic in topics if topic in article.topics), None)
        if home is None:
            continue
        seen.add(article.id)
        section = sections[home]
        if len(section.articles) < max_per_topic:
            section.articles.append(article)
        else:
            section.more += 1
    return [section for section in sections.values() if section.articles]


def compact_number(value: int) -> str:
    """A view count as people read it: 950, 1.2K, 12K, 3.4M."""
    if value < 1000:
        return str(max(value, 0))
    for limit, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1000, "K")):
        if value >= limit:
            scaled = value / limit
            text = f"{scaled:.1f}" if scaled < 10 else f"{scaled:.0f}"
            return text.removesuffix(".0") + suffix
    return str(value)  # pragma: no cover


def story_count(sections: Sequence[Section]) -> int:
    return sum(len(s.articles) + s.more for s in sections)


# --- splitting ----------------------------------------------------------------------------

Unit = TypeVar("Unit")


def split_units(
    units: Sequence[Unit], measure: Callable[[Sequence[Unit]], int], limit: int
) -> list[list[Unit]]:
    """Pack `units` (items, in order) into as few messages as fit: `measure(units)` is the
    length of the message those units would make. A message is only ever broken between
    units; a unit too long alone still gets a message of its own (the caller keeps items
    short enough that this cannot happen)."""
    parts: list[list[Unit]] = []
    current: list[Unit] = []
    for unit in units:
        if current and measure([*current, unit]) > limit:
            parts.append(current)
            current = [unit]
        else:
            current.append(unit)
    if current:
        parts.append(current)
    return parts

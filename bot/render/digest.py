"""What goes in a digest and how it reads: no I/O, no Telegram, no clock of their own.

Grouping ranks a reader's stories into topic sections; splitting packs rendered items into
messages no longer than Telegram's limit, breaking only between items; `DigestRenderer`
renders the sections with the digest templates and splits them into messages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from markupsafe import Markup

from bot.locales import markup
from bot.models import Article, Topic
from bot.render.html import TEXT_LIMIT, check_html
from bot.render.html import visible_length as _visible_length
from bot.render.story import Renderer
from bot.render.trim import clean_line, safe_url, trim_words

DIGEST_TEMPLATE = "digest.html.j2"
ITEM_TEMPLATE = "digest_item.html.j2"
HEADLINE_LIMIT = 200


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


def item_time(moment: datetime, *, zone: ZoneInfo, day: date, lang: str) -> str:
    """A story's time in a digest, in the reader's zone: "14:05" when it is of the digest's
    `day` (the local date it is due), else with its date ("23 Nov, 23:05"; uk "23.11, 23:05"),
    and its year when that is not the day's ("27 Dec 2026, 10:00"). So a digest across
    midnight, or one of a week, never shows a bare time of another day."""
    local = moment.astimezone(zone)
    if local.date() == day:
        return local.strftime("%H:%M")
    key = "fmt.datetime" if local.year == day.year else "fmt.datetime_year"
    return local.strftime(str(markup(lang, key)))


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


# --- the messages -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Unit:
    """One story of a digest as the splitter sees it: its section and its rendered line."""

    section: int
    html: Markup
    last: bool  # the section's last story: the "and N more" line goes with it


class DigestRenderer:
    """A digest's messages from its sections, with the digest templates."""

    def __init__(self, renderer: Renderer, more_url: str | None = None) -> None:
        self.renderer = renderer
        self.more_url = more_url

    def render(
        self,
        lang: str,
        zone: ZoneInfo,
        kind: str,
        sections: Sequence[Section],
        topics: Sequence[Topic],
        *,
        start: datetime,
        end: datetime,
        due: datetime,
    ) -> list[str]:
        """The digest's messages: Telegram HTML, each within 4,096 characters, split only
        between stories. No sections, no messages."""
        if not sections:
            return []
        tr = partial(markup, lang)
        titles = {topic.slug: topic.title(lang) for topic in topics}
        heading = self._heading(kind, lang, zone, start=start, end=end, due=due)
        when = partial(item_time, zone=zone, day=due.astimezone(zone).date(), lang=lang)
        units: list[_Unit] = []
        for index, section in enumerate(sections):
            for position, article in enumerate(section.articles):
                html = self._item(article, lang, when(article.published_at))
                units.append(_Unit(index, html, position == len(section.articles) - 1))

        def message(chunk: Sequence[_Unit], part: int, parts: int) -> str:
            return self.renderer.render(
                DIGEST_TEMPLATE,
                lang=lang,
                tr=tr,
                heading=heading,
                part=part,
                parts=parts,
                sections=self._sections(chunk, sections, titles),
            ).strip()

        # Measure with the widest part counter there could be, so the real one always fits.
        chunks = split_units(
            units, lambda chunk: _visible_length(message(chunk, 99, 99)), TEXT_LIMIT
        )
        texts = [message(chunk, i, len(chunks)) for i, chunk in enumerate(chunks, start=1)]
        for text in texts:
            check_html(text)
        return texts

    def _sections(
        self, chunk: Sequence[_Unit], sections: Sequence[Section], titles: dict[str, str]
    ) -> list[dict[str, Any]]:
        """The sections of one message as the digest template sees them."""
        shown: list[dict[str, Any]] = []
        for unit in chunk:
            if not shown or shown[-1]["index"] != unit.section:
                section = sections[unit.section]
                shown.append(
                    {
                        "index": unit.section,
                        "slug": section.topic,
                        "title": titles.get(section.topic, section.topic),
                        "stories": [],
                        "more": 0,
                        "more_url": self._more_url(section.topic),
                    }
                )
            shown[-1]["stories"].append(unit.html)
            if unit.last:
                shown[-1]["more"] = sections[unit.section].more
        return shown

    def _item(self, article: Article, lang: str, when: str) -> Markup:
        html = self.renderer.render(
            ITEM_TEMPLATE,
            lang=lang,
            tr=partial(markup, lang),
            title=trim_words(clean_line(article.title), HEADLINE_LIMIT) or "…",
            url=safe_url(article.url),
            views=compact_number(article.views) if article.views is not None else None,
            when=when,
        ).strip()
        return Markup(html)  # rendered by our autoescaping template

    def _heading(
        self,
        kind: str,
        lang: str,
        zone: ZoneInfo,
        *,
        start: datetime,
        end: datetime,
        due: datetime,
    ) -> Markup:
        local_due = due.astimezone(zone)
        date_text = local_due.strftime(str(markup(lang, "fmt.date")))
        if kind == "daily":
            return markup(lang, "digest.title.daily", date=date_text)
        if kind == "hourly":
            return markup(lang, "digest.title.hourly", time=local_due.strftime("%H:%M"))
        if kind == "quiet":
            return markup(
                lang,
                "digest.title.quiet",
                start=start.astimezone(zone).strftime("%H:%M"),
                end=end.astimezone(zone).strftime("%H:%M"),
            )
        since = start.astimezone(zone).strftime(str(markup(lang, "fmt.datetime")))
        return markup(lang, "digest.title.now", since=since)

    def _more_url(self, slug: str) -> str | None:
        if not self.more_url:
            return None
        return safe_url(self.more_url.replace("{topic}", slug))

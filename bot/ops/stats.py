"""What /stats shows: numbers gathered from the store, and a PNG chart of sends per hour.

`gather_stats` reads the store (a handful of aggregate queries); `chart_png` draws messages
sent per hour over the last 48 hours with matplotlib's Agg backend in a worker thread, so
the event loop never waits for the drawing.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.models import Article, to_iso
from bot.store.stats import SourceHealth
from bot.store.store import Store

CHART_HOURS = 48
EMBARGOED_SHOWN = 5


@dataclass(slots=True)
class Stats:
    now: datetime
    readers_active: int = 0
    readers_inactive: int = 0
    per_topic: list[tuple[str, int]] = field(default_factory=list)  # (slug, readers)
    stories_today: int = 0
    stories_week: int = 0
    sent_today: int = 0
    failed_today: int = 0
    shared_today: int = 0  # stories sent from inline queries
    shared_week: int = 0
    pending: int = 0
    oldest_pending: datetime | None = None
    paused: bool = False
    sources: list[SourceHealth] = field(default_factory=list)
    hourly: list[tuple[datetime, int]] = field(default_factory=list)  # UTC hour -> sent
    embargoed: int = 0  # stories whose time has not come
    embargoed_next: list[Article] = field(default_factory=list)  # the soonest of them

    @property
    def oldest_pending_age(self) -> timedelta | None:
        if self.oldest_pending is None:
            return None
        return max(timedelta(0), self.now - self.oldest_pending)


def day_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Local midnight of `now`'s day in `zone`."""
    local = now.astimezone(zone)
    return datetime.combine(local.date(), time(0), tzinfo=zone)


def week_start(now: datetime, zone: ZoneInfo) -> datetime:
    """Local midnight of the Monday of `now`'s week in `zone`."""
    start = day_start(now, zone)
    return start - timedelta(days=start.weekday())


def hour_floor(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


async def gather_stats(store: Store, *, now: datetime, zone: ZoneInfo) -> Stats:
    """Every number of /stats at `now`; days and weeks start at midnight in `zone`."""
    stats = Stats(now=now)
    readers = await store.readers.counts()
    stats.readers_active, stats.readers_inactive = readers["active"], readers["inactive"]
    per_topic = await store.readers.per_topic()
    stats.per_topic = [(t.slug, per_topic.get(t.slug, 0)) for t in await store.topics.all()]
    today = day_start(now, zone)
    stats.stories_today = await store.stats.stories_since(today)
    stats.stories_week = await store.stats.stories_since(week_start(now, zone))
    stats.sent_today = await store.stats.sent_since(today)
    stats.failed_today = await store.stats.failed_since(today)
    stats.shared_today = await store.stats.inline_choices_since(today)
    stats.shared_week = await store.stats.inline_choices_since(week_start(now, zone))
    stats.pending = (await store.outbox.counts()).get("pending", 0)
    stats.oldest_pending = await store.outbox.oldest_pending()
    stats.paused = await store.is_paused()
    stats.sources = await store.stats.sources(now - timedelta(hours=24))
    stats.hourly = await sent_per_hour(store, now=now)
    stats.embargoed, stats.embargoed_next = await store.articles.under_embargo(now, EMBARGOED_SHOWN)
    return stats


async def sent_per_hour(
    store: Store, *, now: datetime, hours: int = CHART_HOURS
) -> list[tuple[datetime, int]]:
    """Messages sent in each of the last `hours` UTC hours, oldest first, the current one last
    (hours without sends included, as 0)."""
    last = hour_floor(now)
    first = last - timedelta(hours=hours - 1)
    by_hour = await store.stats.sent_by_hour(first)
    out: list[tuple[datetime, int]] = []
    for i in range(hours):
        moment = first + timedelta(hours=i)
        out.append((moment, by_hour.get(to_iso(moment)[:13], 0)))
    return out


def render_chart(
    hourly: list[tuple[datetime, int]], *, zone: ZoneInfo, title: str, ylabel: str
) -> bytes:
    """A bar chart of sends per hour as PNG bytes (blocking: call it in a thread)."""
    from matplotlib.dates import DateFormatter, HourLocator
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9, 3.6), dpi=100)
    ax = fig.subplots()
    hours = [moment.astimezone(zone) for moment, _ in hourly]
    counts = [count for _, count in hourly]
    ax.bar(hours, counts, width=1 / 24 * 0.85, align="edge", color="#2a7ab9")  # type: ignore[arg-type]
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(HourLocator(byhour=range(0, 24, 6), tz=zone))  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(DateFormatter("%d.%m %H:%M", tz=zone))  # type: ignore[no-untyped-call]
    ax.set_ylim(bottom=0, top=max([*counts, 1]) * 1.1)
    ax.grid(axis="y", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


async def chart_png(
    hourly: list[tuple[datetime, int]], *, zone: ZoneInfo, title: str, ylabel: str
) -> bytes:
    """`render_chart` in a worker thread."""
    return await asyncio.to_thread(render_chart, hourly, zone=zone, title=title, ylabel=ylabel)

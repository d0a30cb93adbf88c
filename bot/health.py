"""The health summary behind `newsbot status`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.store.db import load_migrations
from bot.store.store import Store


@dataclass(slots=True)
class HealthReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.ok = False
        self.lines.append(f"PROBLEM: {text}")


async def health_report(
    store: Store,
    *,
    now: datetime,
    stale_after: timedelta = timedelta(hours=1),
    backlog_after: timedelta = timedelta(minutes=15),
) -> HealthReport:
    """Schema, sources, outbox: one line each, problems flagged."""
    report = HealthReport()
    version = await store.db.schema_version()
    latest = len(load_migrations())
    if version < latest:
        report.problem(f"store at schema {version}, {latest} available: run newsbot migrate")
        return report
    report.lines.append(f"store: schema {version}, {await store.articles.count()} stories")
    if await store.is_paused():
        report.lines.append("pushing: PAUSED by an editor")
    sources = await store.sources.all()
    failing = 0
    for s in sources:
        if s.last_error and (s.last_success_at is None or now - s.last_success_at > stale_after):
            failing += 1
            report.problem(
                f"source {s.id} {s.url} failing since before "
                f"{(now - stale_after):%H:%M} UTC: {s.last_error}"
            )
    report.lines.append(f"sources: {len(sources)} ({failing} failing)")
    counts = await store.outbox.counts()
    pending = counts.get("pending", 0)
    report.lines.append(
        f"outbox: {pending} pending, {counts.get('sent', 0)} sent, {counts.get('failed', 0)} failed"
    )
    oldest = await store.outbox.oldest_pending()
    if oldest is not None and now - oldest > backlog_after:
        minutes = int((now - oldest).total_seconds() // 60)
        report.problem(f"outbox: oldest pending message waiting {minutes} min")
    report.lines.append("status: " + ("ok" if report.ok else "problems found"))
    return report

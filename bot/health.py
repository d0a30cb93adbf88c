"""Health checks: behind `newsbot status` and the watchdog that tells admins.

`find_problems` is the one place that decides what "something is wrong" means:
- a source whose fetches have failed for `source_failing` (an hour by default),
- the sender making no progress for `sender_stall` while messages are due and pushing is not
  paused,
- no story arriving from any source for `no_stories` (STALE_AFTER_MINUTES),
- Telegram updates that keep failing: at least `bad_updates` updates that could not be read
  (and were skipped) within `updates_window`, or getUpdates calls failing one after another
  for `polling_failing` (the running bot records both in the store: bot.telegram.updates),
- (status only) the oldest waiting message queued more than `backlog` ago.
Each problem has a stable `key`, so the watchdog can tell admins once and again on recovery.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.config import Settings
from bot.models import from_iso, to_iso
from bot.store.db import load_migrations
from bot.store.store import Store


@dataclass(frozen=True, slots=True)
class Thresholds:
    source_failing: timedelta = timedelta(hours=1)
    sender_stall: timedelta = timedelta(minutes=5)
    no_stories: timedelta = timedelta(minutes=120)
    backlog: timedelta = timedelta(minutes=15)
    bad_updates: int = 3
    updates_window: timedelta = timedelta(minutes=15)
    polling_failing: timedelta = timedelta(minutes=5)


@dataclass(slots=True)
class Problem:
    """One thing wrong: `key` identifies it across checks ("source:3", "sender" ...), `kind`
    names its message (`watch.<kind>` in bot.i18n), `values` fill that message in, and
    `line` is the English line `newsbot status` prints."""

    key: str
    kind: str
    line: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class HealthReport:
    ok: bool = True
    lines: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, text: str) -> None:
        self.ok = False
        self.lines.append(f"PROBLEM: {text}")


def _minutes(delta: timedelta) -> int:
    return max(0, int(delta.total_seconds() // 60))


async def _time(store: Store, sql: str, params: tuple[object, ...] = ()) -> datetime | None:
    row = await store.db.fetchone(sql, params)
    return from_iso(row[0]) if row and row[0] else None


async def find_problems(
    store: Store, *, now: datetime, thresholds: Thresholds, backlog: bool = False
) -> list[Problem]:
    """What is wrong right now (the store must be migrated)."""
    problems: list[Problem] = []
    rows = await store.db.fetchall(
        "SELECT id, url, last_error, last_success_at, last_fetch_at, created_at FROM sources"
        " ORDER BY id"
    )
    for row in rows:
        if not row["last_error"]:
            continue
        if row["last_success_at"]:
            since = from_iso(row["last_success_at"])
        else:  # never fetched successfully: failing since it was added or first tried
            candidates = [from_iso(v) for v in (row["created_at"], row["last_fetch_at"]) if v]
            since = min(candidates) if candidates else now
        if now - since >= thresholds.source_failing:
            minutes = _minutes(now - since)
            problems.append(
                Problem(
                    key=f"source:{row['id']}",
                    kind="source_failing",
                    line=f"source {row['id']} {row['url']} failing for {minutes} min:"
                    f" {row['last_error']}",
                    values={
                        "id": str(row["id"]),
                        "url": row["url"],
                        "error": row["last_error"],
                        "minutes": str(minutes),
                    },
                )
            )
    if rows:
        latest = await _time(store, "SELECT max(created_at) FROM articles")
        since = latest or min(from_iso(r["created_at"]) for r in rows)
        if now - since >= thresholds.no_stories:
            minutes = _minutes(now - since)
            problems.append(
                Problem(
                    key="stories",
                    kind="no_stories",
                    line=f"no new story from any source for {minutes} min",
                    values={"minutes": str(minutes)},
                )
            )
    problems.extend(await _update_problems(store, now=now, thresholds=thresholds))
    if not await store.is_paused():
        stall = to_iso(now - thresholds.sender_stall)
        due = await store.db.fetchone(
            "SELECT count(*), min(created_at) FROM deliveries"
            " WHERE state = 'pending' AND next_attempt_at <= ?",
            (to_iso(now),),
        )
        waiting = int(due[0]) if due else 0
        oldest = from_iso(due[1]) if due and due[1] else None
        if waiting and oldest is not None and to_iso(oldest) <= stall:
            last_sent = await _time(
                store, "SELECT max(sent_at) FROM deliveries WHERE sent_at IS NOT NULL"
            )
            if last_sent is None or to_iso(last_sent) <= stall:
                idle = _minutes(now - (last_sent or oldest))
                problems.append(
                    Problem(
                        key="sender",
                        kind="sender_stalled",
                        line=f"sender: nothing sent for {idle} min with {waiting} messages due",
                        values={"minutes": str(idle), "pending": str(waiting)},
                    )
                )
        if backlog:
            oldest_any = await store.outbox.oldest_pending()
            if oldest_any is not None and now - oldest_any > thresholds.backlog:
                minutes = _minutes(now - oldest_any)
                problems.append(
                    Problem(
                        key="backlog",
                        kind="backlog",
                        line=f"outbox: oldest pending message waiting {minutes} min",
                        values={"minutes": str(minutes)},
                    )
                )
    return problems


async def _update_problems(store: Store, *, now: datetime, thresholds: Thresholds) -> list[Problem]:
    """Updates skipped as unreadable lately; getUpdates failing for a while."""
    problems: list[Problem] = []
    window = _minutes(thresholds.updates_window)
    _, bad = await store.updates.bad_since(now - thresholds.updates_window)
    if bad and len(bad) >= thresholds.bad_updates:
        last = bad[-1]
        problems.append(
            Problem(
                key="updates",
                kind="updates_failing",
                line=f"telegram: {len(bad)} updates could not be read in {window} min"
                f" (last: update {last.update_id}, {last.reason})",
                values={
                    "count": str(len(bad)),
                    "minutes": str(window),
                    "update_id": str(last.update_id),
                    "error": last.reason,
                },
            )
        )
    failing = await store.updates.polling_failure()
    if failing is not None and now - failing.since >= thresholds.polling_failing:
        minutes = _minutes(now - failing.since)
        problems.append(
            Problem(
                key="polling",
                kind="polling_failing",
                line=f"telegram: getUpdates failing for {minutes} min"
                f" ({failing.attempts} attempts): {failing.error}",
                values={
                    "minutes": str(minutes),
                    "attempts": str(failing.attempts),
                    "error": failing.error,
                },
            )
        )
    return problems


async def health_report(
    store: Store, *, now: datetime, thresholds: Thresholds | None = None
) -> HealthReport:
    """Schema, stories, readers, sources, outbox: one line each, problems flagged."""
    thresholds = thresholds or Thresholds()
    report = HealthReport()
    version = await store.db.schema_version()
    latest = len(load_migrations())
    if version < latest:
        report.problem(f"store at schema {version}, {latest} available: run newsbot migrate")
        return report
    day_ago = to_iso(now - timedelta(hours=24))
    row = await store.db.fetchone("SELECT count(*), sum(created_at >= ?) FROM articles", (day_ago,))
    total, recent = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    report.lines.append(f"store: schema {version}, {total} stories ({recent} in the last 24 h)")
    readers = await store.readers.counts()
    report.lines.append(f"readers: {readers['active']} active, {readers['inactive']} inactive")
    if await store.is_paused():
        report.lines.append("pushing: PAUSED by an editor (/resume)")
    sources = await store.sources.all()
    failing = sum(1 for s in sources if s.last_error)
    report.lines.append(f"sources: {len(sources)} ({failing} with errors)")
    counts = await store.outbox.counts()
    oldest = await store.outbox.oldest_pending()
    age = f", oldest {_minutes(now - oldest)} min" if oldest is not None else ""
    report.lines.append(
        f"outbox: {counts.get('pending', 0)} pending{age}, {counts.get('sent', 0)} sent,"
        f" {counts.get('failed', 0)} failed"
    )
    total, bad = await store.updates.bad_since(now - thresholds.updates_window)
    report.lines.append(
        f"telegram updates: {len(bad)} unreadable in the last"
        f" {_minutes(thresholds.updates_window)} min ({total} in all)"
    )
    report.problems = await find_problems(store, now=now, thresholds=thresholds, backlog=True)
    for problem in report.problems:
        report.problem(problem.line)
    report.lines.append("status: " + ("ok" if report.ok else "problems found"))
    return report


def thresholds(settings: Settings) -> Thresholds:
    """The thresholds the settings ask for (STALE_AFTER_MINUTES ...)."""
    return Thresholds(
        sender_stall=timedelta(minutes=settings.sender_stall_minutes),
        no_stories=timedelta(minutes=settings.stale_after_minutes),
    )

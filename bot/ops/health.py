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
from bot.models import target_text, to_iso
from bot.store.db import load_migrations
from bot.store.health import SourceState
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
    names its message (`watch.<kind>` in bot.locales), `values` fill that message in, and
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


def _source_problems(sources: list[SourceState], now: datetime, limit: timedelta) -> list[Problem]:
    """Sources whose fetches have failed for `limit` or longer."""
    problems: list[Problem] = []
    for source in sources:
        if not source.last_error:
            continue
        if source.last_success_at:
            since = source.last_success_at
        else:  # never fetched successfully: failing since it was added or first tried
            candidates = [v for v in (source.created_at, source.last_fetch_at) if v]
            since = min(candidates) if candidates else now
        if now - since >= limit:
            minutes = _minutes(now - since)
            problems.append(
                Problem(
                    key=f"source:{source.id}",
                    kind="source_failing",
                    line=f"source {source.id} {source.url} failing for {minutes} min:"
                    f" {source.last_error}",
                    values={
                        "id": str(source.id),
                        "url": source.url,
                        "error": source.last_error,
                        "minutes": str(minutes),
                    },
                )
            )
    return problems


async def _stories_problems(
    store: Store, sources: list[SourceState], now: datetime, limit: timedelta
) -> list[Problem]:
    """No new story from any source for `limit` (only when there are sources)."""
    if not sources:
        return []
    latest = await store.health.latest_story_at()
    since = latest or min(s.created_at for s in sources)
    if now - since < limit:
        return []
    minutes = _minutes(now - since)
    return [
        Problem(
            key="stories",
            kind="no_stories",
            line=f"no new story from any source for {minutes} min",
            values={"minutes": str(minutes)},
        )
    ]


async def _sender_problems(
    store: Store, *, now: datetime, thresholds: Thresholds, backlog: bool
) -> list[Problem]:
    """A sender that sent nothing with messages due; with `backlog`, an old pending message."""
    problems: list[Problem] = []
    stall = to_iso(now - thresholds.sender_stall)
    waiting, oldest = await store.health.due(now)
    if waiting and oldest is not None and to_iso(oldest) <= stall:
        last_sent = await store.health.last_sent_at()
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


async def find_problems(
    store: Store, *, now: datetime, thresholds: Thresholds, backlog: bool = False
) -> list[Problem]:
    """What is wrong right now (the store must be migrated)."""
    sources = await store.health.source_states()
    problems = _source_problems(sources, now, thresholds.source_failing)
    problems.extend(await _stories_problems(store, sources, now, thresholds.no_stories))
    problems.extend(await _update_problems(store, now=now, thresholds=thresholds))
    problems.extend(await _channel_problems(store))
    if not await store.is_paused():
        problems.extend(
            await _sender_problems(store, now=now, thresholds=thresholds, backlog=backlog)
        )
    return problems


async def _channel_problems(store: Store) -> list[Problem]:
    """Channels whose last post Telegram refused: told once, not on every story."""
    problems: list[Problem] = []
    for failing in await store.health.failing_channels():
        target = target_text(failing.chat_id, failing.thread_id)
        problems.append(
            Problem(
                key=f"channel:{target}",
                kind="channel_failing",
                line=f"channel {target}: its last post failed: {failing.error}",
                values={"target": target, "error": failing.error},
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
    total, recent = await store.health.story_counts(now - timedelta(hours=24))
    report.lines.append(f"store: schema {version}, {total} stories ({recent} in the last 24 h)")
    readers = await store.readers.counts()
    report.lines.append(f"readers: {readers['active']} active, {readers['inactive']} inactive")
    if await store.is_paused():
        report.lines.append("pushing: PAUSED by an editor (/resume)")
    sources = await store.sources.all()
    failing = sum(1 for s in sources if s.last_error)
    report.lines.append(f"sources: {len(sources)} ({failing} with errors)")
    pending = (await store.outbox.counts()).get("pending", 0)  # every row waiting, pins too
    messages = await store.outbox.message_counts()
    oldest = await store.outbox.oldest_pending()
    age = f", oldest {_minutes(now - oldest)} min" if oldest is not None else ""
    report.lines.append(
        f"outbox: {pending} pending{age}, {messages.get('sent', 0)} sent,"
        f" {messages.get('failed', 0)} failed"
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

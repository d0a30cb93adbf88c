"""The queries behind the health checks (`newsbot status`, the watchdog)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models import from_iso, from_iso_or_none, to_iso
from bot.store.db import Database
from bot.store.outbox import WITHDRAWALS


@dataclass(frozen=True, slots=True)
class SourceState:
    """A source as the health checks see it: its last error and when it was last fine."""

    id: int
    url: str
    last_error: str | None
    last_success_at: datetime | None
    last_fetch_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class FailingChannel:
    """A channel target whose last post Telegram refused (removed, demoted, topic gone)."""

    chat_id: int
    thread_id: int
    error: str


class HealthStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _time(self, sql: str, params: tuple[object, ...] = ()) -> datetime | None:
        row = await self.db.fetchone(sql, params)
        return from_iso_or_none(row[0]) if row else None

    async def source_states(self) -> list[SourceState]:
        """Every source, oldest first."""
        rows = await self.db.fetchall(
            "SELECT id, url, last_error, last_success_at, last_fetch_at, created_at FROM sources"
            " ORDER BY id"
        )
        return [
            SourceState(
                id=row["id"],
                url=row["url"],
                last_error=row["last_error"],
                last_success_at=from_iso_or_none(row["last_success_at"]),
                last_fetch_at=from_iso_or_none(row["last_fetch_at"]),
                created_at=from_iso(row["created_at"]),
            )
            for row in rows
        ]

    async def latest_story_at(self) -> datetime | None:
        """When the newest story was stored; None when there is none."""
        return await self._time("SELECT max(created_at) FROM articles")

    async def last_sent_at(self) -> datetime | None:
        """When the outbox last sent anything; None when it never did."""
        return await self._time("SELECT max(sent_at) FROM outbox WHERE sent_at IS NOT NULL")

    async def due(self, now: datetime) -> tuple[int, datetime | None]:
        """Pending outbox rows due at `now`: how many, and when the oldest was queued."""
        row = await self.db.fetchone(
            "SELECT count(*), min(created_at) FROM outbox"
            " WHERE state = 'pending' AND next_attempt_at <= ?",
            (to_iso(now),),
        )
        waiting = int(row[0]) if row else 0
        oldest = from_iso_or_none(row[1]) if row else None
        return waiting, oldest

    async def story_counts(self, since: datetime) -> tuple[int, int]:
        """Stories in all, and stored since `since`."""
        row = await self.db.fetchone(
            "SELECT count(*), sum(CASE WHEN created_at >= ? THEN 1 ELSE 0 END) FROM articles",
            (to_iso(since),),
        )
        return (int(row[0]), int(row[1] or 0)) if row else (0, 0)

    async def failing_channels(self) -> list[FailingChannel]:
        """The channel targets whose newest finished post failed: every story since would
        fail the same way (the bot removed or demoted there, a forum topic deleted). A post
        withdrawn before it went out (held by an editor, its story deleted, the edition no
        longer taking it) says nothing of the channel and is passed over."""
        marks = ", ".join("?" for _ in WITHDRAWALS)
        rows = await self.db.fetchall(
            "SELECT c.chat_id, c.thread_id, o.last_error FROM channels c JOIN outbox o"  # noqa: S608
            " ON o.id = (SELECT max(id) FROM outbox x WHERE x.chat_id = c.chat_id"
            " AND x.thread_id = c.thread_id AND x.kind = 'channel'"
            " AND (x.state = 'sent' OR (x.state = 'failed'"
            f" AND coalesce(x.last_error, '') NOT IN ({marks}))))"
            " WHERE o.state = 'failed' ORDER BY c.chat_id, c.thread_id",
            WITHDRAWALS,
        )
        return [FailingChannel(int(row[0]), int(row[1]), str(row[2] or "refused")) for row in rows]

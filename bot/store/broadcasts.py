"""Broadcasts: a notice to every active reader, sent through the outbox.

A confirmed broadcast's outbox rows are kind "broadcast" with `article_id` = the broadcast's
id; progress is read back from those rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models import from_iso, from_iso_or_none, to_iso, utcnow
from bot.store.db import Database, Row
from bot.store.outbox import PRIORITY

KIND = "broadcast"

# Failures that mean "this reader blocked the bot / is gone" rather than a send that failed.
_BLOCKED_MARKERS = ("blocked", "deactivated", "forbidden", "chat not found")


@dataclass(frozen=True, slots=True)
class Broadcast:
    id: int
    admin_id: int
    text: str
    state: str
    total: int
    chat_id: int | None
    message_id: int | None
    created_at: datetime
    finished_at: datetime | None


@dataclass(frozen=True, slots=True)
class Progress:
    total: int
    pending: int
    delivered: int
    blocked: int
    failed: int

    @property
    def done(self) -> int:
        """Rows that will not change any more."""
        return self.delivered + self.blocked + self.failed

    @property
    def finished(self) -> bool:
        return self.pending == 0


def _row(row: Row) -> Broadcast:
    return Broadcast(
        id=row["id"],
        admin_id=row["admin_id"],
        text=row["text"],
        state=row["state"],
        total=row["total"],
        chat_id=row["chat_id"],
        message_id=row["message_id"],
        created_at=from_iso(row["created_at"]),
        finished_at=from_iso_or_none(row["finished_at"]),
    )


def is_blocked_error(error: str | None) -> bool:
    text = (error or "").lower()
    return any(marker in text for marker in _BLOCKED_MARKERS)


class BroadcastStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, admin_id: int, text: str) -> int:
        """A draft, waiting for the admin's confirmation."""
        rowid = await self.db.insert(
            "INSERT INTO broadcasts (admin_id, text) VALUES (?, ?) RETURNING id", (admin_id, text)
        )
        assert rowid is not None
        return rowid

    async def get(self, broadcast_id: int) -> Broadcast | None:
        row = await self.db.fetchone("SELECT * FROM broadcasts WHERE id = ?", (broadcast_id,))
        return _row(row) if row else None

    async def text_of(self, broadcast_id: int) -> str | None:
        row = await self.db.fetchone(
            "SELECT text FROM broadcasts WHERE id = ? AND state IN ('sending', 'done')",
            (broadcast_id,),
        )
        return str(row[0]) if row else None

    async def start(
        self, broadcast_id: int, *, chat_id: int, message_id: int, now: datetime | None = None
    ) -> int | None:
        """Confirm a draft: queue it for every active reader in one statement.

        Returns how many readers it goes to, or None when it was not a draft any more (a
        second tap on the confirm button does nothing).
        """
        when = to_iso(now or utcnow())
        async with self.db.transaction() as conn:
            started = await conn.execute(
                "UPDATE broadcasts SET state = 'sending', started_at = ?, chat_id = ?,"
                " message_id = ? WHERE id = ? AND state = 'draft'",
                (when, chat_id, message_id, broadcast_id),
            )
            if started == 0:
                return None
            total = await conn.execute(
                "INSERT INTO outbox"
                " (chat_id, thread_id, article_id, kind, priority, published_at, want_rev)"
                " SELECT chat_id, 0, ?, ?, ?, ?, 0 FROM readers WHERE active = 1"
                " ORDER BY chat_id ON CONFLICT DO NOTHING",
                (broadcast_id, KIND, PRIORITY[KIND], when),
            )
            await conn.execute(
                "UPDATE broadcasts SET total = ? WHERE id = ?", (total, broadcast_id)
            )
            return total

    async def cancel(self, broadcast_id: int) -> bool:
        """Drop a draft; False when it was already confirmed or cancelled."""
        count = await self.db.execute(
            "UPDATE broadcasts SET state = 'cancelled' WHERE id = ? AND state = 'draft'",
            (broadcast_id,),
        )
        return count > 0

    async def finish(self, broadcast_id: int, now: datetime | None = None) -> None:
        await self.db.execute(
            "UPDATE broadcasts SET state = 'done', finished_at = ? WHERE id = ?",
            (to_iso(now or utcnow()), broadcast_id),
        )

    async def sending(self) -> list[Broadcast]:
        """Confirmed broadcasts not finished yet (to resume their progress after a restart)."""
        rows = await self.db.fetchall(
            "SELECT * FROM broadcasts WHERE state = 'sending' ORDER BY id"
        )
        return [_row(r) for r in rows]

    async def progress(self, broadcast_id: int) -> Progress:
        rows = await self.db.fetchall(
            "SELECT state, last_error, count(*) AS n FROM outbox"
            " WHERE article_id = ? AND kind = ? GROUP BY state, last_error",
            (broadcast_id, KIND),
        )
        pending = delivered = blocked = failed = 0
        for row in rows:
            n = int(row["n"])
            if row["state"] == "pending":
                pending += n
            elif row["state"] == "sent":
                delivered += n
            elif is_blocked_error(row["last_error"]):
                blocked += n
            else:
                failed += n
        return Progress(pending + delivered + blocked + failed, pending, delivered, blocked, failed)

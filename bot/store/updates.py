"""What went wrong receiving Telegram updates, where `newsbot status` (another process) sees it.

Two records in the kv table, written only by the running bot:
- `updates.bad`: updates that could not be read (skipped): a total and the latest few, each
  with its time, update_id and a one-line reason;
- `updates.polling`: getUpdates calls failing one after another: since when, how many, the
  last error. Gone at the first call that works again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from bot.models import from_iso, to_iso
from bot.store.db import Database

BAD_KEY = "updates.bad"
POLLING_KEY = "updates.polling"
KEEP = 50  # latest bad updates kept


@dataclass(frozen=True, slots=True)
class BadUpdate:
    at: datetime
    update_id: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class PollingFailure:
    since: datetime
    attempts: int
    error: str


def _bad_list(raw: str | None) -> tuple[int, list[BadUpdate]]:
    try:
        data = json.loads(raw or "{}")
        recent = [
            BadUpdate(from_iso(str(r[0])), None if r[1] is None else int(r[1]), str(r[2]))
            for r in data.get("recent", [])
        ]
        return int(data.get("total", 0)), recent
    except (ValueError, TypeError, IndexError, AttributeError):
        return 0, []


def _polling(raw: str | None) -> PollingFailure | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return PollingFailure(
            from_iso(str(data["since"])), int(data["attempts"]), str(data["error"])
        )
    except (ValueError, TypeError, KeyError):
        return None


class UpdateErrorStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record_bad(self, now: datetime, update_id: int | None, reason: str) -> None:
        """One update skipped because it could not be read."""
        async with self.db.transaction() as conn:
            row = await conn.fetchone("SELECT value FROM kv WHERE key = ?", (BAD_KEY,))
            total, recent = _bad_list(row[0] if row else None)
            recent = [*recent, BadUpdate(now, update_id, reason)][-KEEP:]
            value = json.dumps(
                {
                    "total": total + 1,
                    "recent": [[to_iso(b.at), b.update_id, b.reason] for b in recent],
                }
            )
            await conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (BAD_KEY, value),
            )

    async def bad_since(self, since: datetime) -> tuple[int, list[BadUpdate]]:
        """The total ever recorded and the (latest KEEP) bad updates at or after `since`."""
        total, recent = _bad_list(await self.db.get_kv(BAD_KEY))
        return total, [b for b in recent if b.at >= since]

    async def record_polling_failed(self, now: datetime, error: str) -> None:
        """One more getUpdates call failed."""
        current = await self.polling_failure()
        since = current.since if current else now
        attempts = current.attempts + 1 if current else 1
        value = json.dumps({"since": to_iso(since), "attempts": attempts, "error": error})
        await self.db.set_kv(POLLING_KEY, value)

    async def record_polling_ok(self) -> None:
        await self.db.execute("DELETE FROM kv WHERE key = ?", (POLLING_KEY,))

    async def polling_failure(self) -> PollingFailure | None:
        return _polling(await self.db.get_kv(POLLING_KEY))


class SeenUpdateStore:
    """The webhook's updates seen lately (table `seen_updates`, migration 0034): an update
    delivered twice, by Telegram or by a proxy in front of several instances, is handled
    once by the whole fleet."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def first_sight(self, update_id: int, now: datetime) -> bool:
        """Record the update; False when an instance has seen it already."""
        return (
            await self.db.execute(
                "INSERT INTO seen_updates (update_id, seen_at) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                (update_id, to_iso(now)),
            )
            == 1
        )

    async def forget(self, before: datetime) -> int:
        """Drop the updates seen before `before` (Telegram's own retries come sooner)."""
        return await self.db.execute(
            "DELETE FROM seen_updates WHERE seen_at < ?", (to_iso(before),)
        )

    async def forget_one(self, update_id: int) -> None:
        """The update was not handled after all (the instance stopping): let it come again."""
        await self.db.execute("DELETE FROM seen_updates WHERE update_id = ?", (update_id,))

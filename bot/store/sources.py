"""Feeds that `run` fetches on their own intervals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.models import Source, from_iso_or_none, to_iso
from bot.store.db import Database, Row


def _row_to_source(row: Row) -> Source:
    return Source(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        topics=[t for t in (row["topics"] or "").split(",") if t],
        interval=row["interval"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_fetch_at=from_iso_or_none(row["last_fetch_at"]),
        last_success_at=from_iso_or_none(row["last_success_at"]),
        last_error=row["last_error"],
        error_count=row["error_count"],
        next_fetch_at=from_iso_or_none(row["next_fetch_at"]),
        name=row["name"],
    )


class SourceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self,
        url: str,
        *,
        topics: Sequence[str] = (),
        interval: int = 300,
        name: str | None = None,
        claim: tuple[str, datetime] | None = None,
    ) -> int | None:
        """Add a feed (`name`: the newsroom's name for it); None when that URL is already a
        source. `claim` (owner, until): added as claimed (`claim_due`), for a first fetch
        of its own that no scheduled fetch runs beside (/addsource)."""
        owner, until = claim if claim is not None else (None, None)
        return await self.db.insert(
            "INSERT INTO sources (url, topics, interval, name, claimed_by, claimed_until)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (url, ",".join(topics), interval, name, owner, to_iso(until) if until else None),
        )

    async def name_unnamed(self, url: str, name: str) -> bool:
        """Give the source at `url` the name `name` unless it has one; True if it took it."""
        return (
            await self.db.execute(
                "UPDATE sources SET name = ? WHERE url = ? AND name IS NULL", (name, url)
            )
            > 0
        )

    async def remove(self, source_id: int) -> bool:
        return await self.db.execute("DELETE FROM sources WHERE id = ?", (source_id,)) > 0

    async def get(self, source_id: int) -> Source | None:
        row = await self.db.fetchone("SELECT * FROM sources WHERE id = ?", (source_id,))
        return _row_to_source(row) if row else None

    async def all(self) -> list[Source]:
        return [
            _row_to_source(r) for r in await self.db.fetchall("SELECT * FROM sources ORDER BY id")
        ]

    async def due(self, now: datetime) -> list[Source]:
        """Sources whose next fetch time has come (or that were never fetched)."""
        rows = await self.db.fetchall(
            "SELECT * FROM sources WHERE next_fetch_at IS NULL OR next_fetch_at <= ? ORDER BY id",
            (to_iso(now),),
        )
        return [_row_to_source(r) for r in rows]

    async def claim_due(
        self, now: datetime, *, owner: str, hold: timedelta, limit: int = 100
    ) -> list[Source]:
        """Claim the sources whose next fetch time has come and that no other newsbot holds
        (for `hold`, or until the fetch is recorded): one statement, rows another newsbot is
        claiming at the same moment passed over (PostgreSQL's SKIP LOCKED)."""
        rows = await self.db.fetchall(
            "UPDATE sources SET claimed_by = ?, claimed_until = ? WHERE id IN ("  # noqa: S608
            " SELECT id FROM sources WHERE (next_fetch_at IS NULL OR next_fetch_at <= ?)"
            " AND (claimed_until IS NULL OR claimed_until <= ?)"
            f" ORDER BY id LIMIT ?{self.db.dialect.skip_locked}) RETURNING *",
            (owner, to_iso(now + hold), to_iso(now), to_iso(now), limit),
        )
        return sorted((_row_to_source(r) for r in rows), key=lambda s: s.id)

    async def record_success(
        self,
        source_id: int,
        *,
        now: datetime,
        next_at: datetime,
        etag: str | None,
        last_modified: str | None,
        title: str | None,
    ) -> None:
        await self.db.execute(
            "UPDATE sources SET last_fetch_at = ?, last_success_at = ?, next_fetch_at = ?,"
            " etag = ?, last_modified = ?, title = coalesce(?, title), last_error = NULL,"
            " error_count = 0, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
            (to_iso(now), to_iso(now), to_iso(next_at), etag, last_modified, title, source_id),
        )

    async def record_failure(
        self, source_id: int, *, now: datetime, next_at: datetime, error: str
    ) -> None:
        await self.db.execute(
            "UPDATE sources SET last_fetch_at = ?, next_fetch_at = ?, last_error = ?,"
            " error_count = error_count + 1, claimed_by = NULL, claimed_until = NULL"
            " WHERE id = ?",
            (to_iso(now), to_iso(next_at), error, source_id),
        )

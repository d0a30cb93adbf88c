"""The aggregate queries behind /stats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models import from_iso_or_none, to_iso
from bot.store.db import Database
from bot.store.outbox import PIN_KIND


@dataclass(frozen=True, slots=True)
class SourceHealth:
    id: int
    url: str
    title: str | None  # the newsroom's name for it (an OPML import's), else the feed's title
    last_success_at: datetime | None
    last_error: str | None
    error_count: int
    items_24h: int


class StatsStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def _count(self, sql: str, params: tuple[object, ...]) -> int:
        row = await self.db.fetchone(sql, params)
        return int(row[0]) if row and row[0] is not None else 0

    async def stories_since(self, since: datetime) -> int:
        return await self._count(
            "SELECT count(*) FROM articles WHERE created_at >= ?", (to_iso(since),)
        )

    async def record_inline_choice(self, article_id: int, at: datetime) -> None:
        """Someone sent this story from an inline query (chosen_inline_result)."""
        await self.db.execute(
            "INSERT INTO inline_chosen (article_id, at) VALUES (?, ?)", (article_id, to_iso(at))
        )

    async def inline_choices_since(self, since: datetime) -> int:
        """Stories sent from inline queries since `since`."""
        return await self._count(
            "SELECT count(*) FROM inline_chosen WHERE at >= ?", (to_iso(since),)
        )

    async def sent_since(self, since: datetime) -> int:
        """Messages sent since `since` (a pin of a sent post is no message)."""
        return await self._count(
            "SELECT count(*) FROM outbox WHERE sent_at >= ? AND kind <> ?",
            (to_iso(since), PIN_KIND),
        )

    async def failed_since(self, since: datetime) -> int:
        """Messages queued since `since` that failed for good (pins left out)."""
        return await self._count(
            "SELECT count(*) FROM outbox WHERE state = 'failed' AND created_at >= ? AND kind <> ?",
            (to_iso(since), PIN_KIND),
        )

    async def sources(self, since: datetime) -> list[SourceHealth]:
        """Every source with its last success and error, and its stories since `since`."""
        rows = await self.db.fetchall(
            "SELECT s.id, s.url, coalesce(s.name, s.title) AS title, s.last_success_at,"
            " s.last_error, s.error_count,"
            " (SELECT count(*) FROM articles a WHERE a.source_id = s.id AND a.created_at >= ?)"
            " AS items FROM sources s ORDER BY s.id",
            (to_iso(since),),
        )
        return [
            SourceHealth(
                id=row["id"],
                url=row["url"],
                title=row["title"],
                last_success_at=from_iso_or_none(row["last_success_at"]),
                last_error=row["last_error"],
                error_count=row["error_count"],
                items_24h=int(row["items"]),
            )
            for row in rows
        ]

    async def sent_by_hour(self, since: datetime) -> dict[str, int]:
        """Messages sent since `since`, by UTC hour ("YYYY-MM-DDTHH"); pins left out."""
        rows = await self.db.fetchall(
            "SELECT substr(sent_at, 1, 13) AS hour, count(*) FROM outbox"
            " WHERE sent_at >= ? AND kind <> ? GROUP BY hour",
            (to_iso(since), PIN_KIND),
        )
        return {str(row[0]): int(row[1]) for row in rows}

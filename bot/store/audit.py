"""The admins' audit trail: who did what, when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.models import from_iso, to_iso, utcnow
from bot.store.db import Database

DETAIL_LIMIT = 500


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    admin_id: int
    action: str
    detail: str
    ok: bool


class AuditStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def record(
        self,
        admin_id: int,
        action: str,
        detail: str = "",
        *,
        ok: bool = True,
        at: datetime | None = None,
    ) -> int:
        """Append one entry; `detail` is cut to a sane length."""
        rowid = await self.db.insert(
            "INSERT INTO audit (at, admin_id, action, detail, ok) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id",
            (to_iso(at or utcnow()), admin_id, action, detail[:DETAIL_LIMIT], int(ok)),
        )
        assert rowid is not None
        return rowid

    async def latest(self, limit: int = 20) -> list[AuditEntry]:
        """The newest entries first."""
        rows = await self.db.fetchall(
            "SELECT id, at, admin_id, action, detail, ok FROM audit ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [
            AuditEntry(
                id=row["id"],
                at=from_iso(row["at"]),
                admin_id=row["admin_id"],
                action=row["action"],
                detail=row["detail"],
                ok=bool(row["ok"]),
            )
            for row in rows
        ]

    async def count(self) -> int:
        row = await self.db.fetchone("SELECT count(*) FROM audit")
        return int(row[0]) if row else 0

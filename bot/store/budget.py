"""Token buckets in the store, shared by every newsbot on it (migrations/0009)."""

from __future__ import annotations

from bot.store.db import Database

# tokens refilled since `at` (a clock that went back refills nothing), capped at the burst
_AVAILABLE = (
    "CASE WHEN tokens + (CASE WHEN ? > at THEN ? - at ELSE 0 END) * ? > ? THEN ?"
    " ELSE tokens + (CASE WHEN ? > at THEN ? - at ELSE 0 END) * ? END"
)


class BudgetStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def take(self, name: str, *, rate: float, burst: float, now: float) -> float:
        """Take one token from the bucket `name` (`rate` a second, at most `burst` saved):
        0.0 when taken, else the seconds until one is there. One UPDATE: a token goes to one
        newsbot only, across hosts."""
        rate, burst, now = float(rate), float(burst), float(now)
        available = (now, now, rate, burst, burst, now, now, rate)
        while True:
            row = await self.db.fetchone(
                f"UPDATE rate_budgets SET tokens = ({_AVAILABLE}) - 1, at = ?"  # noqa: S608
                f" WHERE name = ? AND ({_AVAILABLE}) >= 1 RETURNING tokens",
                (*available, now, name, *available),
            )
            if row is not None:
                return 0.0
            row = await self.db.fetchone(
                f"SELECT {_AVAILABLE} FROM rate_budgets WHERE name = ?",  # noqa: S608
                (*available, name),
            )
            if row is not None:
                tokens = float(row[0])
                if tokens < 1.0:
                    return max(0.001, (1.0 - tokens) / rate)
                # a token is there after all: another newsbot created the bucket between
                # our UPDATE and this SELECT; take it with the UPDATE
                continue
            # the first take of this bucket: it starts full (another newsbot may create it
            # at the same moment; then its row stands), and the UPDATE takes from it
            await self.db.execute(
                "INSERT INTO rate_budgets (name, tokens, at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (name, burst, now),
            )

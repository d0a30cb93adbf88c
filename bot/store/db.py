"""The SQLite connection, transactions and numbered migrations."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiosqlite

from bot.resources import resource_dir

log = logging.getLogger(__name__)

_MIGRATION_NAME = re.compile(r"^(\d{4})_[\w-]+\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations() -> list[Migration]:
    """The shipped migrations, in order; numbers must be 1, 2, 3 ... without gaps."""
    found: list[Migration] = []
    for entry in resource_dir("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migration numbers have a gap or a repeat at {migration.name}")
    return found


class Database:
    """One aiosqlite connection in WAL mode, shared by the whole process.

    Writes that span several statements go through `transaction()`, which serialises them
    with a lock so that concurrent tasks never interleave inside one transaction.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn: aiosqlite.Connection | None = None
        self._lock = asyncio.Lock()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> aiosqlite.Connection:
        if self._conn is None:
            raise RuntimeError("database is not open")
        return self._conn

    async def open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn = await aiosqlite.connect(self.path, isolation_level=None)
        self._conn.row_factory = aiosqlite.Row
        await self._conn.execute("PRAGMA journal_mode = WAL")
        await self._conn.execute("PRAGMA synchronous = NORMAL")
        await self._conn.execute("PRAGMA foreign_keys = ON")
        await self._conn.execute("PRAGMA busy_timeout = 10000")

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def __aenter__(self) -> Database:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[str]:
        """Apply every migration newer than the store; returns the names applied."""
        applied: list[str] = []
        async with self._lock:
            current = await self.schema_version()
            migrations = load_migrations()
            if current > len(migrations):
                raise RuntimeError(
                    f"the store is at schema {current}, newer than this newsbot "
                    f"({len(migrations)}); upgrade newsbot"
                )
            for migration in migrations:
                if migration.version <= current:
                    continue
                script = (
                    "BEGIN IMMEDIATE;\n"
                    f"{migration.sql}\n"
                    f"PRAGMA user_version = {migration.version};\n"
                    "COMMIT;"
                )
                try:
                    await self.conn.executescript(script)
                except sqlite3.Error as exc:
                    if self.conn.in_transaction:
                        await self.conn.rollback()
                    raise RuntimeError(f"migration {migration.name} failed: {exc}") from exc
                log.info("applied migration %s", migration.name)
                applied.append(migration.name)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error), one at a time per process."""
        async with self._lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield self.conn
            except BaseException:
                # Also when cancelled while BEGIN was still on its way to the connection's
                # thread: statements run in order there, so this ROLLBACK comes after it
                # (and after anything else of ours), and the next BEGIN after the ROLLBACK.
                await asyncio.shield(self._rollback())
                raise
            else:
                await self.conn.execute("COMMIT")

    async def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.OperationalError):  # no transaction was open
            await self.conn.execute("ROLLBACK")

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write statement atomically; returns the row count."""
        async with self._lock:
            cursor = await self.conn.execute(sql, params)
            count = cursor.rowcount
            await cursor.close()
            return count

    async def insert(self, sql: str, params: Sequence[Any] = ()) -> int | None:
        """Run one INSERT; returns lastrowid (None when nothing was inserted)."""
        async with self._lock:
            cursor = await self.conn.execute(sql, params)
            rowid = cursor.lastrowid if cursor.rowcount else None
            await cursor.close()
            return rowid

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def get_kv(self, key: str) -> str | None:
        row = await self.fetchone("SELECT value FROM kv WHERE key = ?", (key,))
        return str(row[0]) if row else None

    async def set_kv(self, key: str, value: str) -> None:
        await self.execute(
            "INSERT INTO kv (key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete_kv(self, key: str) -> None:
        await self.execute("DELETE FROM kv WHERE key = ?", (key,))

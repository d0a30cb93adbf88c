"""The benchmarks' store: a SQLite file in a temp folder, or a fresh database of their own on a
PostgreSQL server (`--database-url postgresql://...`), created for the run and dropped after.

`SyncDb` gives the synchronous benchmark scripts the store's one Database API
(bot.store.db: `?` parameters, either backend) on an event loop of its own, as another
program writing to the store would.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import threading
from collections.abc import Coroutine, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from bot.store.db import Database, Row, is_postgres_url, open_database

T = TypeVar("T")
_NAMES = itertools.count(1)


def with_database(url: str, name: str) -> str:
    """The same server URL, another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def backend(url: str | None) -> str:
    return "postgresql" if url and is_postgres_url(url) else "sqlite"


class BenchDatabase:
    """`with BenchDatabase(url, folder) as target:` a store URL for one run.

    No url: `sqlite:///folder/bench.db`. A postgresql:// url names the server: a database
    `newsbot_bench_<pid>_<n>` is created on it (empty; migrate it) and dropped at the end.
    """

    def __init__(self, url: str | None, folder: Path) -> None:
        self.server = url
        self.folder = folder
        self.name = f"newsbot_bench_{os.getpid()}_{next(_NAMES)}"
        self.url = (
            with_database(url, self.name)
            if url and is_postgres_url(url)
            else f"sqlite:///{folder / 'bench.db'}"
        )

    @property
    def postgres(self) -> bool:
        return is_postgres_url(self.url)

    async def _admin(self, sql: str) -> None:
        import asyncpg

        assert self.server is not None
        conn = await asyncpg.connect(self.server.replace("postgres://", "postgresql://", 1))
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    def __enter__(self) -> str:
        if self.postgres:
            asyncio.run(self._admin(f'CREATE DATABASE "{self.name}"'))
        return self.url

    def __exit__(self, *exc: object) -> None:
        if self.postgres:
            asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))


class SyncDb:
    """One open Database on a thread of its own, for synchronous code."""

    def __init__(self, url: str) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self.db: Database = open_database(url)
        self._run(self.db.open())

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=600)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._run(self.db.execute(sql, params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        return self._run(self.db.executemany(sql, rows))

    def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self._run(self.db.fetchall(sql, params))

    def fetchone(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        return self._run(self.db.fetchone(sql, params))

    def close(self) -> None:
        self._run(self.db.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

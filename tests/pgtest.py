"""Fresh PostgreSQL databases for tests: one migrated template per test session, a copy of
it per test (CREATE DATABASE ... TEMPLATE: about 60 ms), dropped after the test."""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.store.db import PostgresDatabase

T = TypeVar("T")


def as_url(target: str) -> str:
    """A test store (a SQLite file's path or a PostgreSQL URL) as a DATABASE_URL."""
    return target if "://" in target else f"sqlite:///{target}"


def with_database(url: str, name: str) -> str:
    """The same server URL, another database."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


class PostgresServer:
    """Creates and drops the test databases through an admin connection of its own, on an
    event loop of its own (the tests' loops come and go with each test)."""

    def __init__(self, url: str) -> None:
        if not url:
            raise RuntimeError("TEST_DATABASE_URL is not set")
        self.url = url
        self.prefix = f"newsbot_test_{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._names = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._admin: Any = None

    def _run(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=120)

    def start(self) -> None:
        """Connect (failing loudly when the server cannot be reached) and build the template."""
        self._thread.start()
        try:
            self._admin = self._run(asyncpg.connect(self.url, timeout=10))
        except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
            raise RuntimeError(
                f"TEST_DATABASE_URL asks for PostgreSQL, which cannot be reached: {exc}"
            ) from exc
        self._run(self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)'))
        self._run(self._execute(f'CREATE DATABASE "{self.template}"'))
        self._run(self._migrate(with_database(self.url, self.template)))

    @staticmethod
    async def _migrate(url: str) -> None:
        quiet = logging.getLogger("bot.store.db")  # no test's log capture is open here
        quiet.disabled = True
        try:
            async with PostgresDatabase(url) as db:
                await db.migrate()
        finally:
            quiet.disabled = False

    async def _execute(self, sql: str) -> None:
        await self._admin.execute(sql)

    def create_database(self, *, migrated: bool = True) -> str:
        """A new database holding the migrated template, or an empty one (for tests of the
        migrations themselves); returns its URL."""
        name = f"{self.prefix}_{next(self._names)}"
        template = f' TEMPLATE "{self.template}"' if migrated else ""
        self._run(self._execute(f'CREATE DATABASE "{name}"{template}'))
        return with_database(self.url, name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        self._run(self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def stop(self) -> None:
        if self._admin is not None:
            self._run(self._execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)'))
            self._run(self._admin.close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

"""Stores of an older schema, for tests of the migrations that upgrade them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest

from bot.store import db as db_module
from bot.store.db import Database, load_migrations, open_database


@asynccontextmanager
async def schema_before(
    target: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Database]:
    """The store at `target` migrated up to the migration whose name starts with `name`
    (not including it), open for a test to write what the old code wrote."""
    migrations = load_migrations(open_database(target).dialect.name)
    first = next(m for m in migrations if m.name.startswith(name))
    before = [m for m in migrations if m.version < first.version]
    with monkeypatch.context() as patch:
        patch.setattr(db_module, "load_migrations", lambda _dialect: before)
        async with open_database(target) as db:
            await db.migrate()
            yield db

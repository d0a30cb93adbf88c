"""Copy a whole store into an empty one, SQLite or PostgreSQL either way (`newsbot migrate-store`).

Both stores are at the same schema (the caller migrates them first). Every newsbot table is
copied in foreign-key order, in batches read by key from one snapshot of the source (a store
with a million outbox rows is streamed, never loaded), with its ids, into the target in one
transaction: a copy that fails leaves the target as empty as it was. The source is only read.

- The target must hold nothing of a newsroom's (`target_contents`); the default topics and
  keyword rules its migrations installed, and its kv rows, are replaced by the source's (an
  admin may have edited them).
- Not copied: the sender lease (kv `sender.lease`: the target's first newsbot takes it afresh),
  SQLite's full-text index (`articles_fts` and its shadow tables; the insert triggers fill it
  from `articles.search_text`) and PostgreSQL's `articles.search_tsv` (generated from the
  same column).
- Inserting a story fires the change-log trigger: those rows are dropped and the source's
  change log copied instead, with its sequence numbers (the poller's cursor in kv points
  into it).
- Ids go on where the source's would have: PostgreSQL's identity sequences are set past the
  larger of the source's highest id and its own sequence (rows deleted at the top keep their
  ids used); on SQLite the AUTOINCREMENT counter of `article_changes` likewise.
- Afterwards every table's rows are counted on both sides (`CopyReport.ok`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.store.db import (
    POSTGRESQL,
    SQLITE,
    Database,
    PostgresDatabase,
    SqliteDatabase,
    StoreUnavailable,
    Tx,
    open_database,
)
from bot.store.lease import LEASE_KEY

BATCH = 1000


@dataclass(frozen=True, slots=True)
class Table:
    """One table to copy: its primary key (the order rows are read in), its id column
    with a sequence (None: keys are given, not generated), and which rows stay behind."""

    name: str
    key: tuple[str, ...]
    serial: str | None = None
    skip: str = ""  # a WHERE condition on one parameter, `skip_value`: the rows copied
    skip_value: str = ""
    # (column, parent table, its key): a row whose parent is gone is left out and counted.
    # The target's foreign keys refuse such a row; SQLite leaves them behind when another
    # program deletes a story or a reader with foreign keys off (the sqlite3 shell's default).
    parents: tuple[tuple[str, str, str], ...] = ()

    def kept(self) -> str:
        """The condition of the rows whose parents are all there ("" when there are none)."""
        return " AND ".join(
            f"({col} IS NULL OR {col} IN (SELECT {key} FROM {parent}))"  # noqa: S608 (constant names)
            for col, parent, key in self.parents
        )


# Foreign-key order: a row's parents are copied before it.
_STORY = ("article_id", "articles", "id")
_READER = ("chat_id", "readers", "chat_id")
_TOPIC = ("topic", "topics", "slug")
TABLES: tuple[Table, ...] = (
    Table("topics", ("slug",)),
    Table("topic_keywords", ("topic", "keyword"), parents=(_TOPIC,)),
    Table("sources", ("id",), "id"),
    Table("articles", ("id",), "id"),
    Table("article_topics", ("article_id", "topic"), parents=(_STORY,)),
    Table("article_changes", ("seq",), "seq"),
    Table("channels", ("chat_id", "thread_id")),
    Table("readers", ("chat_id",)),
    Table("subscriptions", ("chat_id", "topic"), parents=(_READER, _TOPIC)),
    Table("follows", ("id",), "id", parents=(_READER,)),
    Table("digests", ("id",), "id", parents=(_READER,)),
    Table("digest_parts", ("id",), "id", parents=(("digest_id", "digests", "id"),)),
    Table(
        "held_stories",
        ("chat_id", "article_id"),
        parents=(_READER, _STORY, ("digest_id", "digests", "id")),
    ),
    Table("outbox", ("id",), "id"),
    Table("kv", ("key",), skip="key <> ?", skip_value=LEASE_KEY),
    Table("audit", ("id",), "id"),
    Table("broadcasts", ("id",), "id"),
    Table("searches", ("id",), "id"),
    Table("inline_chosen", ("id",), "id"),
    Table("breaking_pins", ("chat_id", "thread_id")),
)
# What the target's migrations put there, replaced by the source's rows.
REPLACED = ("topic_keywords", "topics", "kv")
# Generated from other columns on the target: never written.
GENERATED = {("articles", "search_tsv")}
# Tables that are the schema's machinery, not a newsroom's data (rate_budgets: token buckets
# that refill within a second; seen_updates: the webhook's updates of the last hour).
_MACHINERY_PREFIXES = ("sqlite_", "articles_fts")
_MACHINERY = {"newsbot_schema", "rate_budgets", "seen_updates"}


class CopyError(Exception):
    """The stores cannot be copied as they are (the message says why)."""


class TargetNotEmpty(CopyError):
    """The target already holds a newsroom's data."""

    def __init__(self, contents: dict[str, int]) -> None:
        self.contents = contents
        listed = ", ".join(f"{name} {count}" for name, count in contents.items())
        super().__init__(f"the target store is not empty ({listed})")


@dataclass(slots=True)
class TableCount:
    name: str
    copied: int = 0
    source: int = 0  # the rows to copy (orphans not among them)
    target: int = 0
    orphans: int = 0  # rows left out: a story, reader or digest they belong to is gone

    @property
    def ok(self) -> bool:
        return self.copied == self.source == self.target


@dataclass(slots=True)
class CopyReport:
    tables: list[TableCount] = field(default_factory=list)
    lease_left: bool = False  # the source's sender lease was not copied
    search_rebuilt: bool = False  # SQLite target: its full-text index had to be rebuilt
    ignored: list[str] = field(default_factory=list)  # tables of the source not newsbot's

    @property
    def ok(self) -> bool:
        return all(table.ok for table in self.tables)


async def table_names(db: Database | Tx, dialect: str) -> set[str]:
    """The store's own tables (not SQLite's FTS shadow tables nor the schema's version)."""
    if dialect == SQLITE:
        rows = await db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        rows = await db.fetchall(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
    names = {str(row[0]) for row in rows}
    return {n for n in names if n not in _MACHINERY and not n.startswith(_MACHINERY_PREFIXES)}


async def columns(db: Database | Tx, dialect: str, table: str) -> list[str]:
    """A table's columns in order, without the generated ones."""
    if dialect == SQLITE:
        rows = await db.fetchall("SELECT name FROM pragma_table_info(?) ORDER BY cid", (table,))
    else:
        rows = await db.fetchall(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ?"
            " AND is_generated = 'NEVER' ORDER BY ordinal_position",
            (table,),
        )
    return [str(row[0]) for row in rows if (table, str(row[0])) not in GENERATED]


async def target_contents(db: Database | Tx) -> dict[str, int]:
    """Rows of a newsroom's data already in a store (its tables that exist): empty when the
    store is new (its migrations' topics and kv rows do not count)."""
    present = await table_names(db, db.dialect.name) if isinstance(db, Database) else None
    return await _contents(db, present)


async def _contents(db: Database | Tx, present: set[str] | None) -> dict[str, int]:
    found: dict[str, int] = {}
    for table in TABLES:
        if table.name in REPLACED or (present is not None and table.name not in present):
            continue
        row = await db.fetchone(f"SELECT count(*) FROM {table.name}")  # noqa: S608 (constant)
        if row and int(row[0]):
            found[table.name] = int(row[0])
    return found


async def _rows(tx: Tx, table: Table, cols: Sequence[str], batch: int) -> AsyncIterator[list[Any]]:
    """The table's rows in key order, `batch` at a time (keyset pagination: each batch starts
    after the last key of the one before, so a million rows cost no more than a thousand)."""
    select = f"SELECT {', '.join(cols)} FROM {table.name}"  # noqa: S608 (constant names)
    keys = ", ".join(table.key)
    where = [table.skip] if table.skip else []
    if table.parents:
        where.append(table.kept())
    fixed: list[Any] = [table.skip_value] if table.skip else []
    positions = [cols.index(k) for k in table.key]
    last: list[Any] | None = None
    while True:
        conditions = list(where)
        params = list(fixed)
        if last is not None:
            conditions.append(f"({keys}) > ({', '.join('?' for _ in table.key)})")
            params.extend(last)
        sql = select + (" WHERE " + " AND ".join(conditions) if conditions else "")
        rows = await tx.fetchall(f"{sql} ORDER BY {keys} LIMIT ?", (*params, batch))
        if not rows:
            return
        values = [list(row) for row in rows]
        yield values
        if len(rows) < batch:
            return
        last = [values[-1][i] for i in positions]


async def _source_count(tx: Tx, table: Table, *, orphans: bool = True) -> int:
    """The table's rows to copy (with `orphans`: all of them, those left out too)."""
    conditions = [table.skip] if table.skip else []
    if table.parents and not orphans:
        conditions.append(table.kept())
    sql = f"SELECT count(*) FROM {table.name}"  # noqa: S608 (constant)
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    row = await tx.fetchone(sql, (table.skip_value,) if table.skip else ())
    return int(row[0]) if row else 0


async def _high_water(tx: Tx, dialect: str, table: Table) -> int:
    """The highest id the source has handed out in `table` (its max, or its sequence's
    last value when rows at the top were deleted)."""
    assert table.serial is not None
    row = await tx.fetchone(f"SELECT max({table.serial}) FROM {table.name}")  # noqa: S608
    highest = int(row[0]) if row and row[0] is not None else 0
    if dialect == SQLITE:
        if await tx.fetchone("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"):
            seq = await tx.fetchone("SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,))
            if seq and seq[0] is not None:
                highest = max(highest, int(seq[0]))
    else:
        name = await tx.fetchone("SELECT pg_get_serial_sequence(?, ?)", (table.name, table.serial))
        if name and name[0]:
            # the sequence's own row: its last value, handed out yet or not (is_called)
            seq = await tx.fetchone(f"SELECT last_value, is_called FROM {name[0]}")  # noqa: S608
            if seq:
                highest = max(highest, int(seq[0]) - (0 if seq[1] else 1))
    return highest


async def _move_sequence(tx: Tx, dialect: str, table: Table, highest: int) -> None:
    """The target hands out ids after `highest` in `table`."""
    assert table.serial is not None
    if dialect == POSTGRESQL:
        await tx.fetchone(
            "SELECT setval(pg_get_serial_sequence(?, ?), ?, false)",
            (table.name, table.serial, highest + 1),
        )
        return
    autoincrement = await tx.fetchone(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        " AND upper(sql) LIKE '%AUTOINCREMENT%'",
        (table.name,),
    )
    if not autoincrement:
        return  # SQLite hands out max(id) + 1
    updated = await tx.execute(
        "UPDATE sqlite_sequence SET seq = ? WHERE name = ?", (highest, table.name)
    )
    if not updated:
        await tx.execute(
            "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table.name, highest)
        )


async def _lease_present(tx: Tx) -> bool:
    row = await tx.fetchone("SELECT 1 FROM kv WHERE key = ?", (LEASE_KEY,))
    return row is not None


async def _check_schemas(source: Database, target: Database) -> list[str]:
    """Both stores at one schema with every table this copy knows; returns the source's
    tables it does not know (another program's), which stay behind."""
    if await source.schema_version() != await target.schema_version():
        raise CopyError(
            f"the stores are at different schemas ({await source.schema_version()} and"
            f" {await target.schema_version()}): migrate both first"
        )
    known = {table.name for table in TABLES}
    for db, side in ((source, "source"), (target, "target")):
        missing = known - await table_names(db, db.dialect.name)
        if missing:
            raise CopyError(f"the {side} store has no table {', '.join(sorted(missing))}")
    return sorted(await table_names(source, source.dialect.name) - known)


async def copy_store(
    source: Database,
    target: Database,
    *,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> CopyReport:
    """Copy every newsbot table of `source` into the empty `target` (both migrated to the same
    schema); `progress(table, rows)` after each table. Raises TargetNotEmpty, CopyError."""
    report = CopyReport(ignored=await _check_schemas(source, target))
    src, dst = source.dialect.name, target.dialect.name
    async with source.snapshot() as reader, target.transaction() as writer:
        contents = await _contents(writer, None)
        if contents:
            raise TargetNotEmpty(contents)
        for name in REPLACED:
            await writer.execute(f"DELETE FROM {name}")  # noqa: S608 (constant)
        report.lease_left = await _lease_present(reader)
        for table in TABLES:
            cols = await columns(reader, src, table.name)
            theirs = await columns(writer, dst, table.name)
            if sorted(cols) != sorted(theirs):
                raise CopyError(f"table {table.name} has other columns in the target store")
            if table.name == "article_changes":
                # the rows the insert trigger wrote for the copied stories
                await writer.execute("DELETE FROM article_changes")
            count = TableCount(table.name, source=await _source_count(reader, table, orphans=False))
            count.orphans = await _source_count(reader, table) - count.source
            insert = (
                f"INSERT INTO {table.name} ({', '.join(cols)})"  # noqa: S608 (constant names)
                f" VALUES ({', '.join('?' for _ in cols)})"
            )
            async for rows in _rows(reader, table, cols, batch):
                await writer.executemany(insert, rows)
                count.copied += len(rows)
            if table.serial is not None:
                await _move_sequence(writer, dst, table, await _high_water(reader, src, table))
            report.tables.append(count)
            if progress is not None:
                progress(table.name, count.copied)
    for count in report.tables:
        row = await target.fetchone(f"SELECT count(*) FROM {count.name}")  # noqa: S608
        count.target = int(row[0]) if row else 0
    if dst == SQLITE:
        report.search_rebuilt = await _check_search_index(target)
    return report


async def _check_search_index(db: Database) -> bool:
    """SQLite: the full-text index holds exactly the stories that have lemmas (the insert
    trigger put them there); if not, it is filled again from `articles.search_text`. Not
    FTS5's 'rebuild': that would index the rows without lemmas too, which the triggers never
    expect. True when it had to be refilled."""
    indexed = await db.fetchone("SELECT count(*) FROM articles_fts_docsize")
    lemmas = await db.fetchone("SELECT count(*) FROM articles WHERE search_text IS NOT NULL")
    if indexed is not None and lemmas is not None and int(indexed[0]) == int(lemmas[0]):
        return False
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO articles_fts (articles_fts) VALUES ('delete-all')")
        await tx.execute(
            "INSERT INTO articles_fts (rowid, search_text)"
            " SELECT id, search_text FROM articles WHERE search_text IS NOT NULL"
        )
    return True


def _present(path: Path) -> bool:
    """Whether a SQLite store's file is there; StoreUnavailable when its folder is not."""
    if path.exists():
        return True
    if not path.parent.is_dir():
        raise StoreUnavailable(str(path), f"the folder {path.parent} does not exist")
    return False


async def copy_for_dry_run(source_url: str, path: str) -> None:
    """Copy the store at `source_url` into a new SQLite file at `path`, for a dry run to work
    on: what a dry run does (stories fetched, posts "sent", digests built) must change nothing
    in the store itself. A SQLite store is copied as a whole (its schema as it is: the dry
    run migrates the copy); a PostgreSQL one table by table, at this newsbot's schema. No
    store at a SQLite path leaves nothing to copy (and nothing is made there).
    Raises StoreUnavailable, CopyError."""
    source = open_database(source_url)
    if isinstance(source, SqliteDatabase):
        if not await asyncio.to_thread(_present, Path(source.path)):
            return
        await source.open(create=False)
        try:
            await source.backup_to(path)
        finally:
            await source.close()
        return
    assert isinstance(source, PostgresDatabase)
    await source.open()
    target = open_database(f"sqlite:///{path}")
    try:
        await target.open()
        await target.migrate()
        if await source.schema_version() != await target.schema_version():
            raise CopyError(
                f"the store is at schema {await source.schema_version()}, this newsbot at"
                f" {await target.schema_version()}: newsbot migrate first"
            )
        await copy_store(source, target)
    finally:
        await target.close()
        await source.close()

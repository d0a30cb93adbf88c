"""The store's connection: SQLite (embedded, one file) or PostgreSQL (several hosts).

Both backends offer the same small API, and the store's modules (bot/store/*) write their SQL
once, in the subset both understand, with `?` (or `:name`) parameters:

- `execute`, `fetchone`, `fetchall`, `insert` (an `INSERT ... RETURNING id`), `executemany`;
- `transaction()`, a block of statements that is atomic and runs one at a time per store:
  SQLite's `BEGIN IMMEDIATE`, PostgreSQL's `BEGIN` followed by a transaction-level advisory
  lock (`WRITE_LOCK`), so a read-modify-write block behaves the same on both, across hosts;
- `dialect`, the few fragments that really differ (list parameters, string aggregation, an
  index hint), for the queries that need them.

Migrations are one numbered sequence (`migrations/NNNN_name.sql`); where the SQL differs the
same number also has `NNNN_name.postgresql.sql`, which PostgreSQL applies instead. Each runs
with its version bump in one transaction: `PRAGMA user_version` on SQLite, the one-row table
`newsbot_schema` on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiosqlite

from bot.config import store_label
from bot.resources import resource_dir

log = logging.getLogger(__name__)

# A row: aiosqlite.Row or asyncpg.Record; both give row["name"], row[0] and row.keys().
Row = Any
Params = Sequence[Any] | Mapping[str, Any]

_MIGRATION_NAME = re.compile(r"^(\d{4})_([\w-]+?)(?:\.(sqlite|postgresql))?\.sql$")

SQLITE = "sqlite"
POSTGRESQL = "postgresql"

# pg_advisory_xact_lock key of `transaction()`: "newsbot" in ASCII.
WRITE_LOCK = 0x6E657773626F74
# Seconds a closing PostgreSQL connection may take to finish its work before it is cut.
CLOSE_TIMEOUT = 10.0
# Seconds a PostgreSQL connection may take to be made (TCP, TLS, startup and login): a host
# that drops packets gets its one line after this, not after asyncpg's default of 60 s.
CONNECT_TIMEOUT = 10.0
# pg_advisory_xact_lock key of `migrate()`.
MIGRATE_LOCK = WRITE_LOCK + 1


@dataclass(frozen=True, slots=True)
class Dialect:
    """The SQL fragments that differ between the backends (everything else is shared)."""

    name: str
    # `x IN (<int_list>)` / `x IN (<text_list>)` with one parameter: a JSON array
    int_list: str
    text_list: str
    # string_agg(expr, sep) / group_concat(expr, sep)
    concat_agg: str
    # the separator of topic_keywords' aggregate (ASCII unit separator)
    unit_sep: str
    # a hint that the outbox queue is read in its index's order (SQLite only)
    outbox_queue_hint: str
    # foreign keys checked at commit from here on, in this transaction
    defer_foreign_keys: str
    # appended to a SELECT of rows to claim: rows another transaction holds are passed over
    skip_locked: str


SQLITE_DIALECT = Dialect(
    name=SQLITE,
    int_list="SELECT value FROM json_each(?)",
    text_list="SELECT value FROM json_each(?)",
    concat_agg="group_concat",
    unit_sep="char(31)",
    outbox_queue_hint="INDEXED BY outbox_queue",
    defer_foreign_keys="PRAGMA defer_foreign_keys = ON",
    skip_locked="",
)
POSTGRESQL_DIALECT = Dialect(
    name=POSTGRESQL,
    int_list="SELECT json_array_elements_text(?::json)::bigint",
    text_list="SELECT json_array_elements_text(?::json)",
    concat_agg="string_agg",
    unit_sep="chr(31)",
    outbox_queue_hint="",
    defer_foreign_keys="SET CONSTRAINTS ALL DEFERRED",
    skip_locked=" FOR UPDATE SKIP LOCKED",
)


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def load_migrations(dialect: str = SQLITE) -> list[Migration]:
    """The shipped migrations for one backend, in order; numbers must be 1, 2, 3 ... without
    gaps. A number's `.postgresql.sql` (or `.sqlite.sql`) file replaces its plain one there."""
    plain: dict[int, Migration] = {}
    own: dict[int, Migration] = {}
    for entry in resource_dir("migrations").iterdir():
        match = _MIGRATION_NAME.match(entry.name)
        if not match:
            continue
        version, for_dialect = int(match.group(1)), match.group(3)
        migration = Migration(version, entry.name, entry.read_text("utf-8"))
        if for_dialect is None:
            if version in plain:
                raise RuntimeError(f"two migrations numbered {version}: {entry.name}")
            plain[version] = migration
        elif for_dialect == dialect:
            own[version] = migration
    found = [own.get(v, plain.get(v)) for v in sorted(set(plain) | set(own))]
    for expected, candidate in enumerate(found, start=1):
        if candidate is None or candidate.version != expected:
            raise RuntimeError(f"migration numbers have a gap or a repeat at {expected}")
    return [m for m in found if m is not None]


class StoreUnavailable(Exception):
    """A store that cannot be opened; str() is one line for people, without a password."""

    def __init__(self, label: str, reason: str) -> None:
        super().__init__(f"cannot open the store {label}: {reason}")
        self.label = label
        self.reason = reason


def _postgres_reason(exc: BaseException, url: str) -> str:
    """Why a connection to PostgreSQL failed, in one line, the URL's password masked."""
    if isinstance(exc, socket.gaierror):
        reason = f"the host cannot be found ({exc.strerror})"
    elif isinstance(exc, ConnectionRefusedError):
        reason = "connection refused (is PostgreSQL running and listening there?)"
    elif isinstance(exc, TimeoutError):
        reason = "no answer (timed out)"
    elif isinstance(exc, OSError) and exc.strerror:
        reason = exc.strerror
    else:
        reason = str(exc) or type(exc).__name__
    password = urlsplit(url).password
    if password:
        reason = reason.replace(password, "***")
    return " ".join(reason.split())


def is_postgres_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://"))


def open_database(target: str) -> Database:
    """The Database for a DATABASE_URL (sqlite:///path, postgresql://...) or a SQLite path."""
    if is_postgres_url(target):
        return PostgresDatabase(target)
    return SqliteDatabase(target.removeprefix("sqlite:///"))


class Tx(ABC):
    """The statements of one transaction (see `Database.transaction`)."""

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement; returns the rows it changed."""

    @abstractmethod
    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        """Run one INSERT/UPDATE/DELETE per row; returns the rows changed in all."""

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """Run one `INSERT ... RETURNING id`; the id, None when nothing was inserted."""
        row = await self.fetchone(sql, params)
        return None if row is None else int(row[0])


class Listener:
    """Notifications on one channel, until closed; SQLite has none (always alive, silent)."""

    @property
    def alive(self) -> bool:
        return True

    async def close(self) -> None:
        return None


class _PgListener(Listener):
    """A connection of its own, outside the pool, LISTENing on one channel."""

    def __init__(self, conn: Any, channel: str) -> None:
        self.conn = conn
        self.channel = channel

    @property
    def alive(self) -> bool:
        return not self.conn.is_closed()

    async def close(self) -> None:
        if not self.conn.is_closed():
            try:
                await asyncio.wait_for(self.conn.close(), CLOSE_TIMEOUT)
            except TimeoutError:
                self.conn.terminate()


class Database(ABC):
    """The API the store's modules use; `open_database` picks the backend."""

    dialect: Dialect
    url: str

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    @abstractmethod
    async def open(self, *, create: bool = True) -> None:
        """Connect; StoreUnavailable says why it cannot. `create`: a SQLite file that does
        not exist yet may be made (in a folder that exists); PostgreSQL's must exist."""

    @abstractmethod
    async def close(self) -> None: ...

    async def __aenter__(self) -> Database:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @abstractmethod
    async def schema_version(self) -> int: ...

    @abstractmethod
    async def migrate(self) -> list[str]:
        """Apply every migration newer than the store; returns the names applied."""

    @abstractmethod
    def transaction(self) -> contextlib.AbstractAsyncContextManager[Tx]:
        """A block of statements, atomic, one at a time per store (across hosts too)."""

    @abstractmethod
    def snapshot(self) -> contextlib.AbstractAsyncContextManager[Tx]:
        """A read-only block that sees the store as it was at its first read (for copies)."""

    @abstractmethod
    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one write statement atomically; returns the row count."""

    @abstractmethod
    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]: ...

    @abstractmethod
    async def fetchone(self, sql: str, params: Params = ()) -> Row | None: ...

    @abstractmethod
    async def insert(self, sql: str, params: Params = ()) -> int | None:
        """Run one `INSERT ... RETURNING id` atomically; the id, None when nothing was
        inserted."""

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        async with self.transaction() as tx:
            return await tx.executemany(sql, rows)

    async def listen(self, channel: str, on_notify: Callable[[], None]) -> Listener:
        """Call `on_notify` whenever someone NOTIFYs `channel` (PostgreSQL); SQLite: never."""
        return Listener()

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

    def _check_version(self, current: int, migrations: list[Migration]) -> None:
        if current > len(migrations):
            raise RuntimeError(
                f"the store is at schema {current}, newer than this newsbot "
                f"({len(migrations)}); upgrade newsbot"
            )


# --- SQLite -------------------------------------------------------------------------------


class _SqliteTx(Tx):
    def __init__(self, conn: aiosqlite.Connection) -> None:
        self.conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        cursor = await self.conn.execute(sql, params)
        count = cursor.rowcount
        await cursor.close()
        return max(count, 0)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        before = self.conn.total_changes
        await self.conn.executemany(sql, rows)
        return self.conn.total_changes - before

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self.conn.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self.conn.execute(sql, params) as cursor:
            return await cursor.fetchone()


class SqliteDatabase(Database):
    """One aiosqlite connection in WAL mode, shared by the whole process.

    Writes that span several statements go through `transaction()`, which serialises them
    with a lock so that concurrent tasks never interleave inside one transaction.
    """

    dialect = SQLITE_DIALECT

    def __init__(self, path: str) -> None:
        self.path = path
        self.url = f"sqlite:///{path}"
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

    async def open(self, *, create: bool = True) -> None:
        """Connect and read the file's header; StoreUnavailable when there is no store (and
        `create` is off, or its folder is missing) or the file is not a SQLite store (the
        connection's thread is stopped: it would keep the process alive)."""
        if self.path != ":memory:":
            self._check_place(create)
        try:
            conn = await aiosqlite.connect(self.path, isolation_level=None)
        except (sqlite3.Error, OSError) as exc:
            raise StoreUnavailable(self.path, str(exc)) from None
        try:
            await self._prepare(conn)
        except (sqlite3.Error, OSError) as exc:
            await conn.close()
            raise StoreUnavailable(self.path, str(exc)) from None
        self._conn = conn

    def _check_place(self, create: bool) -> None:
        """The file exists, or may be made: `create` and its folder exists."""
        path = Path(self.path)
        if path.exists():
            return
        if not create:
            raise StoreUnavailable(self.path, "no store at that path (newsbot migrate creates it)")
        if not path.parent.is_dir():
            raise StoreUnavailable(self.path, f"the folder {path.parent} does not exist")

    async def backup_to(self, path: str) -> None:
        """Copy the whole store, as one consistent snapshot, into a new SQLite file."""
        target = await aiosqlite.connect(path)
        try:
            await self.conn.backup(target)
        finally:
            await target.close()

    @staticmethod
    async def _prepare(conn: aiosqlite.Connection) -> None:
        """The connection's settings; the first statement reads the file (not a database?)."""
        conn.row_factory = aiosqlite.Row
        await conn.execute("PRAGMA journal_mode = WAL")
        await conn.execute("PRAGMA synchronous = NORMAL")
        await conn.execute("PRAGMA foreign_keys = ON")
        await conn.execute("PRAGMA busy_timeout = 10000")

    async def close(self) -> None:
        if self._conn is not None:
            await self._conn.close()
            self._conn = None

    async def schema_version(self) -> int:
        row = await self.fetchone("PRAGMA user_version")
        return int(row[0]) if row else 0

    async def migrate(self) -> list[str]:
        applied: list[str] = []
        async with self._lock:
            current = await self.schema_version()
            migrations = load_migrations(SQLITE)
            self._check_version(current, migrations)
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
    async def transaction(self) -> AsyncIterator[Tx]:
        """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on error), one at a time per process."""
        async with self._lock:
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield _SqliteTx(self.conn)
            except BaseException:
                # Also when cancelled while BEGIN was still on its way to the connection's
                # thread: statements run in order there, so this ROLLBACK comes after it
                # (and after anything else of ours), and the next BEGIN after the ROLLBACK.
                await asyncio.shield(self._rollback())
                raise
            else:
                await self.conn.execute("COMMIT")

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """A deferred BEGIN: in WAL mode its reads see one snapshot, and writers go on."""
        async with self._lock:
            try:
                await self.conn.execute("BEGIN")
                yield _SqliteTx(self.conn)
            finally:
                await asyncio.shield(self._rollback())

    async def _rollback(self) -> None:
        with contextlib.suppress(sqlite3.OperationalError):  # no transaction was open
            await self.conn.execute("ROLLBACK")

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self._lock:
            return await _SqliteTx(self.conn).execute(sql, params)

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        async with self._lock:
            return await _SqliteTx(self.conn).insert(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return await _SqliteTx(self.conn).fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        return await _SqliteTx(self.conn).fetchone(sql, params)


# --- PostgreSQL -----------------------------------------------------------------------------


@lru_cache(maxsize=1024)
def numbered(sql: str) -> tuple[str, tuple[str, ...]]:
    """`?` and `:name` parameters as PostgreSQL's `$1, $2 ...`; the names in order (empty for
    `?`). String literals, quoted names, comments and `::` casts are left alone."""
    out: list[str] = []
    names: list[str] = []
    count = 0
    i, n = 0, len(sql)
    while i < n:
        c = sql[i]
        if c in "'\"":
            end = sql.find(c, i + 1)
            while end != -1 and end + 1 < n and sql[end + 1] == c:  # '' inside a literal
                end = sql.find(c, end + 2)
            end = n if end == -1 else end + 1
            out.append(sql[i:end])
            i = end
        elif c == "-" and sql.startswith("--", i):
            end = sql.find("\n", i)
            end = n if end == -1 else end
            out.append(sql[i:end])
            i = end
        elif c == "?":
            count += 1
            out.append(f"${count}")
            i += 1
        elif c == ":" and sql.startswith("::", i):
            out.append("::")
            i += 2
        elif c == ":" and i + 1 < n and (sql[i + 1].isalpha() or sql[i + 1] == "_"):
            j = i + 1
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            name = sql[i + 1 : j]
            if name not in names:
                names.append(name)
            out.append(f"${names.index(name) + 1}")
            i = j
        else:
            out.append(c)
            i += 1
    if names and count:
        raise ValueError("a statement mixes ? and :name parameters")
    return "".join(out), tuple(names)


def _args(sql: str, params: Params) -> tuple[str, list[Any]]:
    text, names = numbered(sql)
    if names:
        if not isinstance(params, Mapping):
            raise TypeError("named parameters need a mapping")
        return text, [params[name] for name in names]
    if isinstance(params, Mapping):
        raise TypeError("? parameters need a sequence")
    return text, list(params)


def _count(status: str) -> int:
    """Rows changed, from a command status such as "UPDATE 3" or "INSERT 0 1"."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class _PgTx(Tx):
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        text, args = _args(sql, params)
        return _count(await self.conn.execute(text, *args))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> int:
        batch = [list(row) for row in rows]
        if not batch:
            return 0
        text, _ = numbered(sql)
        if " returning " not in text.lower():
            text += " RETURNING 1"
        return len(await self.conn.fetchmany(text, batch))

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        text, args = _args(sql, params)
        return list(await self.conn.fetch(text, *args))

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        text, args = _args(sql, params)
        return await self.conn.fetchrow(text, *args)


async def _keep_session(conn: Any) -> None:
    """The pool's reset hook: nothing to undo."""


_SCHEMA_TABLE = "CREATE TABLE IF NOT EXISTS newsbot_schema (version INTEGER NOT NULL)"


class PostgresDatabase(Database):
    """A pool of asyncpg connections to one PostgreSQL database.

    Single statements run on any pooled connection in autocommit. `transaction()` holds one
    connection for the block and takes the advisory lock WRITE_LOCK first: blocks of several
    statements run one at a time across every newsbot on the database, as SQLite's
    BEGIN IMMEDIATE makes them run on one host. Work that is claimed (sources to fetch) uses
    single statements with FOR UPDATE SKIP LOCKED instead.
    """

    dialect = POSTGRESQL_DIALECT

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        self.url = url
        self.pool_size = pool_size
        self._pool: Any = None

    @property
    def is_open(self) -> bool:
        return self._pool is not None

    @property
    def pool(self) -> Any:
        if self._pool is None:
            raise RuntimeError("database is not open")
        return self._pool

    async def open(self, *, create: bool = True) -> None:
        """Connect the pool; StoreUnavailable says why it cannot (no database, no such role,
        a host that does not resolve, a refused port ...). The database must exist."""
        try:
            _ = urlsplit(self.url).port
        except ValueError:
            raise StoreUnavailable(store_label(self.url), "its port is not a number") from None
        try:
            self._pool = await self._connect()
        except Exception as exc:  # asyncpg's errors, OSError, ValueError: each says why
            raise StoreUnavailable(store_label(self.url), _postgres_reason(exc, self.url)) from None

    async def _connect(self) -> Any:
        import asyncpg

        return await asyncpg.create_pool(
            self.url.replace("postgres://", "postgresql://", 1),
            min_size=1,
            max_size=self.pool_size,
            timeout=CONNECT_TIMEOUT,
            command_timeout=60,
            # No reset query each time a connection goes back: nothing here changes session
            # state (advisory locks are per transaction; LISTEN has its own connection). The
            # reset is a round trip per statement: 25-35% of the sender's hot path
            # (bench/pg_drivers.py).
            reset=_keep_session,
        )

    async def close(self) -> None:
        """Close the pool; connections still busy after CLOSE_TIMEOUT (a statement that
        does not come back) are cut, so a stop never hangs on them."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            try:
                await asyncio.wait_for(asyncio.shield(pool.close()), CLOSE_TIMEOUT)
            except TimeoutError:
                log.warning("PostgreSQL connections still busy at close: cut")
                pool.terminate()

    async def schema_version(self) -> int:
        async with self.pool.acquire() as conn:
            return await self._version(conn)

    async def listen(self, channel: str, on_notify: Callable[[], None]) -> Listener:
        import asyncpg

        conn = await asyncpg.connect(
            self.url.replace("postgres://", "postgresql://", 1), timeout=CONNECT_TIMEOUT
        )
        await conn.add_listener(channel, lambda *_: on_notify())
        return _PgListener(conn, channel)

    @staticmethod
    async def _version(conn: Any) -> int:
        exists = await conn.fetchval("SELECT to_regclass('newsbot_schema') IS NOT NULL")
        if not exists:
            return 0
        value = await conn.fetchval("SELECT max(version) FROM newsbot_schema")
        return int(value or 0)

    async def migrate(self) -> list[str]:
        applied: list[str] = []
        migrations = load_migrations(POSTGRESQL)
        async with self.pool.acquire() as conn:
            await conn.execute("SELECT pg_advisory_lock($1)", MIGRATE_LOCK)
            try:
                current = await self._version(conn)
                self._check_version(current, migrations)
                for migration in migrations:
                    if migration.version <= current:
                        continue
                    try:
                        async with conn.transaction():
                            await conn.execute(migration.sql)
                            await conn.execute(_SCHEMA_TABLE)
                            await conn.execute("DELETE FROM newsbot_schema")
                            await conn.execute(
                                "INSERT INTO newsbot_schema (version) VALUES ($1)",
                                migration.version,
                            )
                    except Exception as exc:
                        raise RuntimeError(f"migration {migration.name} failed: {exc}") from exc
                    log.info("applied migration %s", migration.name)
                    applied.append(migration.name)
            finally:
                await conn.execute("SELECT pg_advisory_unlock($1)", MIGRATE_LOCK)
        return applied

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Tx]:
        """BEGIN; the write lock; ... COMMIT (ROLLBACK on error)."""
        async with self.pool.acquire() as conn, conn.transaction():
            await conn.execute("SELECT pg_advisory_xact_lock($1)", WRITE_LOCK)
            yield _PgTx(conn)

    @asynccontextmanager
    async def snapshot(self) -> AsyncIterator[Tx]:
        """A REPEATABLE READ, READ ONLY transaction: one snapshot, no locks taken."""
        async with (
            self.pool.acquire() as conn,
            conn.transaction(isolation="repeatable_read", readonly=True),
        ):
            yield _PgTx(conn)

    async def execute(self, sql: str, params: Params = ()) -> int:
        async with self.pool.acquire() as conn:
            return await _PgTx(conn).execute(sql, params)

    async def insert(self, sql: str, params: Params = ()) -> int | None:
        async with self.pool.acquire() as conn:
            return await _PgTx(conn).insert(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self.pool.acquire() as conn:
            return await _PgTx(conn).fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self.pool.acquire() as conn:
            return await _PgTx(conn).fetchone(sql, params)

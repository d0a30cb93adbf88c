"""Shared fixtures: a real store per test (SQLite, and PostgreSQL as well when
TEST_DATABASE_URL is set: see `backend`), article factories, the default topics, the fake Bot
API and the real Application running against it.

``tests/`` is on the test path (``pythonpath`` in pyproject.toml): ``tests/unit`` and
``tests/e2e`` get these as fixtures and import ``harness`` and ``fakebot`` by name.
"""

from __future__ import annotations

import os

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as bot.cli does, before telegram is imported

import asyncio
import itertools
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pgtest import PostgresServer, as_url

from bot.models import ArticleIn, Topic, utcnow
from bot.store.db import open_database
from bot.store.store import Store

_counter = itertools.count(1)

ArticleFactory = Callable[..., ArticleIn]


# TEST_DATABASE_URL (postgresql://user@host:port/db): every test that uses a store runs on
# SQLite and again on PostgreSQL, each time in a fresh database. Unset: SQLite only.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"] if TEST_DATABASE_URL else ["sqlite"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about SQLite itself (its files, old schemas)"
    )
    config.addinivalue_line(
        "markers", "postgresql_only: the test is about PostgreSQL itself (NOTIFY, several hosts)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that needs a store (through `backend`) runs once per backend."""
    if "backend" in metafunc.fixturenames:
        names = BACKENDS
        if metafunc.definition.get_closest_marker("sqlite_only"):
            names = ["sqlite"]
        elif metafunc.definition.get_closest_marker("postgresql_only"):
            names = [name for name in BACKENDS if name == "postgresql"]
        metafunc.parametrize("backend", names, indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The server of TEST_DATABASE_URL with a migrated template database; a run that asked
    for PostgreSQL and cannot reach it fails here (it never skips)."""
    server = PostgresServer(TEST_DATABASE_URL)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _store_target(
    backend: str, sqlite_path: Path, request: pytest.FixtureRequest, *, migrated: bool
) -> Iterator[str]:
    """A SQLite file's path, or the URL of a new PostgreSQL database (a copy of the migrated
    template, or empty), dropped after the test."""
    if backend == "sqlite":
        yield str(sqlite_path)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(migrated=migrated)
    try:
        yield url
    finally:
        server.drop(url)


@pytest.fixture
def db_path(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """Where the test's store lives: a SQLite file, or a fresh PostgreSQL database's URL."""
    yield from _store_target(backend, tmp_path / "newsbot.db", request, migrated=True)


@pytest.fixture
def blank_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty store, not migrated (for tests of the migrations themselves)."""
    yield from _store_target(backend, tmp_path / "blank.db", request, migrated=False)


@pytest.fixture
def database_url(db_path: str) -> str:
    """The test store as a DATABASE_URL."""
    return as_url(db_path)


@pytest.fixture
async def store(db_path: str) -> AsyncIterator[Store]:
    """A migrated store in a temporary file (WAL, like production)."""
    async with Store(db_path) as opened:
        yield opened


@pytest.fixture
def make_article() -> ArticleFactory:
    """Build an ArticleIn with unique URL and sensible defaults; override any field."""

    def factory(**overrides: Any) -> ArticleIn:
        n = next(_counter)
        fields: dict[str, Any] = {
            "url": f"https://news.example.org/story/{n}",
            "title": f"Story number {n}",
            "lead": f"The lead of story {n}, with enough words to read like news.",
            "published_at": utcnow(),
            "source": "Test Desk",
        }
        fields.update(overrides)
        return ArticleIn(**fields)

    return factory


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blank_db: str) -> Path:
    """For command-line tests: each test gets its own store, empty as a new user's, and no
    .env from the developer's checkout (modules using it:
    ``pytestmark = pytest.mark.usefixtures("cli_env")``)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", as_url(blank_db))
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    return tmp_path


@pytest.fixture
def fixed_now() -> datetime:
    return datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="session")
def default_topics(tmp_path_factory: pytest.TempPathFactory) -> list[Topic]:
    """The topics and keyword rules the migrations install, read once from a fresh store."""

    async def load(path: Path) -> list[Topic]:
        async with open_database(str(path)) as db:
            await db.migrate()
            rows = await db.fetchall(
                "SELECT slug, title_en, title_uk FROM topics ORDER BY position"
            )
            keywords: dict[str, list[str]] = defaultdict(list)
            for row in await db.fetchall("SELECT topic, keyword FROM topic_keywords"):
                keywords[row[0]].append(row[1])
            return [Topic(r[0], r[1], r[2], tuple(sorted(keywords[r[0]]))) for r in rows]

    return asyncio.run(load(tmp_path_factory.mktemp("topics") / "t.db"))


pytest_plugins = ["fakebot.fixtures"]


@pytest.fixture
def bot_settings(fake_bot: Any, db_path: str) -> Any:
    """Settings pointing at the fake Bot API and the test's store."""
    from harness import make_settings

    return make_settings(fake_bot.base_url, fake_bot.token, db_path)


@pytest.fixture
async def running_bot(bot_settings: Any) -> AsyncIterator[Any]:
    """The real Application, long polling the fake server; stopped after the test."""
    from harness import RunningBot

    bot = RunningBot(bot_settings)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


@pytest.fixture
async def bot(running_bot: Any, fake_bot: Any) -> AsyncIterator[Any]:
    """The running bot for tests that talk to it. Tests type faster than people, so the fake's
    per-chat limit is raised (as the bot's PRIVATE_RATE is in `make_settings`); after the
    test every request must have passed the fake's checks. A module needing another ``bot``
    overrides this fixture."""
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    yield running_bot
    assert [(r.method, r.description) for r in fake_bot.rejections] == []

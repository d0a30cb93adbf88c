"""Shared fixtures: a real SQLite store per test, article factories, the fake Bot API."""

from __future__ import annotations

import os

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as bot.cli does, before telegram is imported

import itertools
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

_counter = itertools.count(1)

ArticleFactory = Callable[..., ArticleIn]


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "newsbot.db")


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
def fixed_now() -> datetime:
    return datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


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

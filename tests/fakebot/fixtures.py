"""pytest fixtures for the fake Bot API.

Register in ``tests/conftest.py`` with ``pytest_plugins = ["fakebot.fixtures"]`` or import
``fake_bot`` into a test module.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from fakebot.server import FakeBotServer

TEST_TOKEN = "123456:TEST-TOKEN"

__all__ = ["TEST_TOKEN", "fake_bot"]


@pytest_asyncio.fixture
async def fake_bot() -> AsyncIterator[FakeBotServer]:
    """A started :class:`FakeBotServer` on 127.0.0.1 (random port), limits on.

    ``fake_bot.base_url`` is what TELEGRAM_API_URL should be set to; ``fake_bot.token`` the
    token; ``fake_bot.bot_base_url`` the ``base_url`` for ``telegram.Bot``.
    """
    server = FakeBotServer(token=TEST_TOKEN)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()

"""Updates of different chats at once, of one chat in the order they came.

python-telegram-bot processes one update at a time by default: a reply waiting for its chat's
pace (a reader who sent five commands at once), a 429 being waited out or a slow `/import`
would keep every other reader waiting. `PerChatUpdateProcessor` lets updates of different
chats run side by side and keeps each chat's own in order, so a reader's commands are still
answered in the order they were typed and a button press never overtakes the command that
showed it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# How many updates run at once in all. A chat whose updates wait for each other holds a place
# each, so this is well above the chats a bot hears from in one second.
MAX_CONCURRENT_UPDATES = 256


def chat_key(update: object) -> int | None:
    """The chat an update belongs to (its sender's, without a chat); None: none at all."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """One chat's updates one after the other, different chats' at the same time."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        # Each chat with updates in progress: its lock and how many of its updates hold or
        # wait for it (the entry goes when the last one is done).
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._chats.get(key, (asyncio.Lock(), 0))
        self._chats[key] = (lock, users + 1)
        started = False
        try:
            async with lock:
                started = True
                await coroutine
        finally:
            if not started and asyncio.iscoroutine(coroutine):
                coroutine.close()  # cancelled while waiting its turn: it never ran
            lock, users = self._chats[key]
            if users <= 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, users - 1)

    @property
    def busy_chats(self) -> int:
        """Chats with updates in progress or waiting."""
        return len(self._chats)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

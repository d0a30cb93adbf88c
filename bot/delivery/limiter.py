"""Telegram's send limits, per chat and in all, as waits rather than 429s."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable


def is_group_or_channel(chat_id: int) -> bool:
    """Negative ids are groups, supergroups and channels; positive ones are private chats."""
    return chat_id < 0


class SlidingWindow:
    """At most `count` events in any `period` seconds."""

    __slots__ = ("count", "events", "period")

    def __init__(self, count: int, period: float) -> None:
        self.count = count
        self.period = period
        self.events: deque[float] = deque()

    def delay(self, now: float) -> float:
        """Seconds to wait before one more event fits (0 when it fits now)."""
        while self.events and self.events[0] <= now - self.period:
            self.events.popleft()
        if len(self.events) < self.count:
            return 0.0
        return self.events[0] + self.period - now

    def record(self, now: float) -> None:
        self.events.append(now)


class RateLimiter:
    """Waits until a message to `chat_id` may go: global, per-private-chat and per-group windows.

    A chat can also be paused (after a 429 for that chat) without slowing the others; a
    global pause (a 429 whose scope is not one chat) slows everything.
    """

    def __init__(
        self,
        *,
        global_per_second: float = 30.0,
        private_per_second: float = 1.0,
        group_per_minute: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._global = SlidingWindow(max(1, int(global_per_second)), 1.0)
        self._private_rate = private_per_second
        self._group_rate = group_per_minute
        self._chats: dict[int, SlidingWindow] = {}
        self._paused_until: dict[int, float] = {}
        self._global_paused_until = 0.0
        self._clock = clock
        self._lock = asyncio.Lock()

    def _chat_window(self, chat_id: int) -> SlidingWindow:
        window = self._chats.get(chat_id)
        if window is None:
            if is_group_or_channel(chat_id):
                window = SlidingWindow(max(1, int(self._group_rate)), 60.0)
            else:
                window = SlidingWindow(max(1, int(self._private_rate)), 1.0)
            self._chats[chat_id] = window
        return window

    def chat_delay(self, chat_id: int) -> float:
        """How long this chat must wait on its own account (pause or its window)."""
        now = self._clock()
        paused = max(0.0, self._paused_until.get(chat_id, 0.0) - now)
        return max(paused, self._chat_window(chat_id).delay(now))

    async def acquire(self, chat_id: int) -> None:
        """Wait for a slot for `chat_id` and take it."""
        while True:
            async with self._lock:
                now = self._clock()
                wait = max(
                    self._global_paused_until - now,
                    self._paused_until.get(chat_id, 0.0) - now,
                    self._chat_window(chat_id).delay(now),
                    self._global.delay(now),
                )
                if wait <= 0:
                    self._global.record(now)
                    self._chat_window(chat_id).record(now)
                    return
            await asyncio.sleep(wait)

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        self._paused_until[chat_id] = max(
            self._paused_until.get(chat_id, 0.0), self._clock() + seconds
        )

    def pause_all(self, seconds: float) -> None:
        self._global_paused_until = max(self._global_paused_until, self._clock() + seconds)

    def forget_idle(self) -> None:
        """Drop windows of chats that have had nothing recently (keeps memory flat)."""
        now = self._clock()
        for chat_id in [c for c, w in self._chats.items() if w.delay(now) == 0 and not w.events]:
            del self._chats[chat_id]
        for chat_id in [c for c, t in self._paused_until.items() if t <= now]:
            del self._paused_until[chat_id]


class NoLimiter(RateLimiter):
    """For dry runs: never waits."""

    async def acquire(self, chat_id: int) -> None:
        return None

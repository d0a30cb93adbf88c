"""Telegram's send limits, per chat and in all, as waits rather than 429s."""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
import math
import time
from collections import deque
from collections.abc import Callable

log = logging.getLogger(__name__)

# Lower goes first when several sends wait for the global limit.
PRIORITY_REPLY = -10  # answers to commands: a person is waiting
PRIORITY_CHANNEL = 0
PRIORITY_INSTANT = 10
PRIORITY_DIGEST = 20
PRIORITY_BROADCAST = 30


# The global pace, as a share of the rate asked for. Requests arrive with some jitter (the
# bot's and the server's processes are not always on a CPU the moment a request is due): at
# 97.5% of 30 a second, 31 sends span 1.026 s, so an arrival may come 25 ms late relative to
# the one 30 sends after it before a strict one-second window sees 31.
PACE = 0.975
# Replies in one private chat: Telegram allows a short burst over one a second ("We may allow
# short bursts that go over this limit"), so a reader's few quick commands are answered at
# once; past the burst, replies wait for the chat's pace rather than meet a 429.
REPLY_BURST = 3


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


class TokenBucket:
    """Paces events at `rate` a second, with a burst of about a twentieth of a second's worth.

    Paced sends never crowd into one part of a second, so a server counting any one-second
    window sees at most `rate` (a strict sliding window of 30 would let 30 go at once, and
    Telegram answers such bursts with 429s). The rate is kept under the one asked for
    (`PACE`): our clock and Telegram's never agree exactly, and requests arrive with jitter.
    """

    __slots__ = ("capacity", "nominal", "rate", "tokens", "updated")

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.nominal = rate * PACE
        self.rate = self.nominal
        self.capacity = max(1.0, self.rate / 20)
        self.tokens = self.capacity
        self.updated = clock()

    def _refill(self, now: float) -> None:
        elapsed = now - self.updated
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        # After a slow-down the rate creeps back, 2% of the nominal rate a second.
        self.rate = min(self.nominal, self.rate + self.nominal * 0.02 * elapsed)
        self.updated = now

    def slow_down(self, factor: float = 0.9) -> None:
        """Telegram said too many in all: go slower for a while (not below half)."""
        self.rate = max(self.nominal / 2, self.rate * factor)

    def delay(self, now: float) -> float:
        """Seconds until a token is there (0 when one is there now)."""
        self._refill(now)
        missing = 1 - self.tokens
        return 0.0 if missing <= 1e-9 else missing / self.rate  # (float dust is no wait)

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1


# The longest the limiter waits for a granted slot to depart before granting the next (a send
# held up that long still counts when it does depart). Every slot is departed or released, so
# this is a safety net only: granting on after a shorter hold-up (a start-up stall) let the
# sends granted meanwhile leave all at once.
HOLD = 5.0


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


class Slot:
    """A granted global slot: `depart()` as the request is written to the socket (see
    `bot.delivery.http.on_wire`), or `release()` when it will not go. Until then the limiter
    grants no one else (see RateLimiter)."""

    __slots__ = ("granted", "limiter", "settled")

    def __init__(self, limiter: RateLimiter, granted: float) -> None:
        self.limiter = limiter
        self.granted = granted
        self.settled = False

    def depart(self) -> None:
        """The request is being written now: count it in the global window."""
        if not self.settled:
            self.settled = True
            self.limiter._settle(self, departed=True)

    def release(self) -> None:
        """Nothing was sent on this slot."""
        if not self.settled:
            self.settled = True
            self.limiter._settle(self, departed=False)


class RateLimiter:
    """Waits until a message to `chat_id` may go: per-chat windows, then the global window.

    A chat waits for its own window (1 a second for a private chat, 20 a minute for a group
    or channel) without holding anyone else up; then it queues for a global slot, and global
    slots go to the most urgent waiter first (replies, then channel posts, instant stories,
    digests, broadcasts). A 429 pauses its chat; when the chat was not to blame, the
    global pace also slows for a while (`on_429`).

    The global limit is kept where Telegram counts it, at the requests' arrival: a slot
    counts from the moment its request is written to the socket (`Slot.depart`), not from
    the moment it was granted, and the next slot is granted only once the last one departed.
    A send held up after its grant (the event loop busy with SQLite, commands, garbage
    collection; an HTTP slot still taken; aiohttp writing from a task of its own one loop
    pass later) therefore delays the ones after it instead of
    leaving bunched up with them. On top of the pace (`PACE` of the rate, catching up after a
    hold-up), never more than `global_per_second` departures fall in any 1/PACE of a second
    (1.026 s at 30): a server counting a strict one-second sliding window still sees 30 at
    most when an arrival is up to 25 ms later than the one 30 sends after it.
    """

    def __init__(
        self,
        *,
        global_per_second: float = 30.0,
        private_per_second: float = 1.0,
        group_per_minute: float = 20.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._global = TokenBucket(global_per_second, clock=clock)
        count = max(1, int(global_per_second))
        self._departed = SlidingWindow(count, count / self._global.nominal)
        # Grants not yet departed: one at a time at Telegram's standard rates; for paid
        # broadcasts about 50 ms worth (a pass of a busy event loop takes that long, and the
        # grant and the departure are one pass each).
        self._max_outstanding = max(1, int(global_per_second / 20))
        self._outstanding: list[Slot] = []
        self._settled: asyncio.Future[None] | None = None  # the pump waiting for a departure
        self._private_rate = private_per_second
        self._group_rate = group_per_minute
        self._chats: dict[int, SlidingWindow] = {}
        self._previous: dict[int, float] = {}  # a private chat's message before the last
        self._paused_until: dict[int, float] = {}
        # A private chat's reply bucket: (tokens, when counted); every message to the chat
        # takes a token, replies wait for one (`reply_delay`).
        self._reply_tokens: dict[int, tuple[float, float]] = {}
        self._reply_rate = private_per_second / 1.02  # as the chat's window, a little under
        self._clock = clock
        self._queue: list[tuple[int, int, asyncio.Future[Slot]]] = []
        self._order = itertools.count()
        self._pump: asyncio.Task[None] | None = None

    @property
    def global_rate(self) -> float:
        """The messages a second it keeps to in all (before the pace's margin)."""
        return self._global.nominal / PACE

    def _chat_window(self, chat_id: int) -> SlidingWindow:
        window = self._chats.get(chat_id)
        if window is None:
            # A little over a minute / a second: our clock and Telegram's never agree exactly.
            if is_group_or_channel(chat_id):
                window = SlidingWindow(max(1, int(self._group_rate)), 61.0)
            else:
                window = SlidingWindow(max(1, int(self._private_rate)), 1.02)
            self._chats[chat_id] = window
        return window

    def chat_delay(self, chat_id: int) -> float:
        """How long this chat must wait on its own account (pause or its window)."""
        now = self._clock()
        paused = max(0.0, self._paused_until.get(chat_id, 0.0) - now)
        return max(paused, self._chat_window(chat_id).delay(now))

    async def acquire(self, chat_id: int, priority: int = PRIORITY_INSTANT) -> Slot:
        """Wait for a slot for `chat_id` and take it; `depart()` it as the request goes."""
        while (wait := self.chat_delay(chat_id)) > 0:  # noqa: ASYNC110 (a timed wait)
            await asyncio.sleep(wait)
        slot = await self.acquire_global(priority)
        self.record(chat_id)
        return slot

    def record(self, chat_id: int) -> None:
        """Count a message to `chat_id` in its window (sent outside `acquire`)."""
        now = self._clock()
        window = self._chat_window(chat_id)
        if not is_group_or_channel(chat_id):
            if window.events:
                self._previous[chat_id] = window.events[-1]
            self._reply_tokens[chat_id] = (self._reply_bucket(chat_id, now) - 1, now)
        window.record(now)

    def _reply_bucket(self, chat_id: int, now: float) -> float:
        """A private chat's reply tokens now: `REPLY_BURST` at most, refilled a little under
        its rate (`_reply_rate`: our clock and Telegram's never agree exactly)."""
        tokens, counted = self._reply_tokens.get(chat_id, (float(REPLY_BURST), now))
        return min(float(REPLY_BURST), tokens + (now - counted) * self._reply_rate)

    def reply_delay(self, chat_id: int) -> float:
        """How long a reply to `chat_id` must wait on the chat's account: a pause after a 429,
        or, in a private chat past its burst of `REPLY_BURST`, the chat's pace. Replies in a
        group or channel do not wait for its window (an admin's answer is one of few)."""
        now = self._clock()
        paused = max(0.0, self._paused_until.get(chat_id, 0.0) - now)
        if is_group_or_channel(chat_id):
            return paused
        missing = 1 - self._reply_bucket(chat_id, now)
        pace = 0.0 if missing <= 1e-9 else missing / self._reply_rate
        return max(paused, pace)

    async def acquire_global(self, priority: int) -> Slot:
        """Wait for a slot under the global limit, most urgent first."""
        future: asyncio.Future[Slot] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._queue, (priority, next(self._order), future))
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._grant())
        try:
            return await future
        except asyncio.CancelledError:
            if future.done() and not future.cancelled():  # granted, then cancelled
                future.result().release()
            raise

    def _settle(self, slot: Slot, *, departed: bool) -> None:
        if slot in self._outstanding:
            self._outstanding.remove(slot)
        if departed:
            self._departed.record(self._clock())
        if self._settled is not None:
            _resolve(self._settled)  # the pump waits for this one

    def _expire(self, now: float) -> None:
        if self._outstanding and now - self._outstanding[0].granted >= HOLD:
            log.warning("a rate-limit slot was neither sent on nor given back in %.0fs", HOLD)
            self._outstanding = [s for s in self._outstanding if now - s.granted < HOLD]

    def global_delay(self, now: float) -> float:
        """Seconds until one more global slot may be granted (0: now; inf: when a granted
        slot departs)."""
        if len(self._outstanding) >= self._max_outstanding:
            return math.inf
        window = self._departed
        window.delay(now)  # drops departures that left the window
        excess = len(window.events) + len(self._outstanding) + 1 - window.count
        wire = 0.0
        if excess > 0:
            if excess > len(window.events):
                return math.inf
            wire = window.events[excess - 1] + window.period - now
        return max(wire, self._global.delay(now))

    async def _grant(self) -> None:
        """Hand out global slots as the pace allows, in priority order."""
        while self._queue:
            now = self._clock()
            self._expire(now)
            wait = self.global_delay(now)
            if wait == math.inf:  # until a granted slot departs (or HOLD runs out)
                loop = asyncio.get_running_loop()
                self._settled = settled = loop.create_future()
                timer = loop.call_later(HOLD / 4, _resolve, settled)
                try:
                    await settled
                finally:
                    timer.cancel()
                    self._settled = None
                continue
            if wait > 0:
                await asyncio.sleep(wait)
                continue
            _, _, future = heapq.heappop(self._queue)
            if future.done():  # the waiter was cancelled
                continue
            self._global.take(now)
            slot = Slot(self, now)
            self._outstanding.append(slot)
            future.set_result(slot)

    def blame(self, chat_id: int) -> str:
        """Whose limit a 429 for `chat_id` was: "chat" when the chat had other messages
        just before (3 s for a private chat, most of its minute for a group), else "global"."""
        window = self._chat_window(chat_id)
        now = self._clock()
        window.delay(now)  # drops events that left the window
        if is_group_or_channel(chat_id):
            return "chat" if len(window.events) >= max(1, window.count - 2) else "global"
        previous = self._previous.get(chat_id)
        return "chat" if previous is not None and now - previous < 3.0 else "global"

    def on_429(self, chat_id: int, seconds: float) -> str:
        """React to a 429: pause the chat; when the chat was not to blame, slow everyone."""
        scope = self.blame(chat_id)
        self.pause_chat(chat_id, seconds)
        if scope == "global":
            self._global.slow_down()
        return scope

    def pause_chat(self, chat_id: int, seconds: float) -> None:
        self._paused_until[chat_id] = max(
            self._paused_until.get(chat_id, 0.0), self._clock() + seconds
        )

    def forget_idle(self) -> None:
        """Drop windows of chats that have had nothing recently (keeps memory flat)."""
        now = self._clock()
        for chat_id in [c for c, w in self._chats.items() if w.delay(now) == 0 and not w.events]:
            del self._chats[chat_id]
        for chat_id in [c for c, t in self._paused_until.items() if t <= now]:
            del self._paused_until[chat_id]
        for chat_id in [c for c, t in self._previous.items() if now - t > 10]:
            del self._previous[chat_id]
        full = float(REPLY_BURST)
        for chat_id in [c for c in self._reply_tokens if self._reply_bucket(c, now) >= full]:
            del self._reply_tokens[chat_id]

    async def close(self) -> None:
        if self._pump is not None:
            self._pump.cancel()
            await asyncio.gather(self._pump, return_exceptions=True)


class NoLimiter(RateLimiter):
    """For dry runs: never waits."""

    async def acquire(self, chat_id: int, priority: int = PRIORITY_INSTANT) -> Slot:
        return Slot(self, self._clock())

    async def acquire_global(self, priority: int) -> Slot:
        return Slot(self, self._clock())

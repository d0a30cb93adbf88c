"""Rate-limit arithmetic with a fake clock: no sleeping, no timing flakiness."""

from __future__ import annotations

import asyncio
import random

import pytest
from fakebot.server import FakeBotServer, _Window
from telegram.ext import ExtBot

from bot.delivery.http import AiohttpRequest, on_wire
from bot.delivery.limiter import PACE, REPLY_BURST, RateLimiter, SlidingWindow, TokenBucket


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_sliding_window_counts_events_in_period() -> None:
    window = SlidingWindow(3, 1.0)
    for t in (0.0, 0.1, 0.2):
        assert window.delay(t) == 0
        window.record(t)
    assert window.delay(0.5) == pytest.approx(0.5)
    assert window.delay(1.0) == 0  # the first event left the window


def test_group_limit_is_twenty_per_minute() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, group_per_minute=20, clock=clock)
    for _ in range(20):
        assert limiter.chat_delay(-1001) == 0
        limiter._chat_window(-1001).record(clock.now)
        clock.now += 0.1
    assert limiter.chat_delay(-1001) == pytest.approx(61 - 2.0)  # a second's margin
    assert limiter.chat_delay(-1002) == 0  # another channel is not affected


def test_private_chat_one_per_second() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, private_per_second=1, clock=clock)
    limiter._chat_window(42).record(clock.now)
    assert limiter.chat_delay(42) == pytest.approx(1.02)
    assert limiter.chat_delay(43) == 0


def test_pause_one_chat_only() -> None:
    clock = FakeClock()
    limiter = RateLimiter(clock=clock)
    limiter.pause_chat(42, 7)
    assert limiter.chat_delay(42) == pytest.approx(7)
    assert limiter.chat_delay(43) == 0
    clock.now += 7
    assert limiter.chat_delay(42) == 0


async def test_acquire_spaces_out_to_global_rate() -> None:
    limiter = RateLimiter(global_per_second=10, private_per_second=100)
    loop = asyncio.get_running_loop()
    start = loop.time()
    for chat in range(25):
        (await limiter.acquire(chat)).depart()
    elapsed = loop.time() - start
    # 25 sends paced at 10/s (2.5% under): 24 gaps of about 0.1 s.
    assert 2.2 <= elapsed < 3.5


async def test_urgent_waiters_get_global_slots_first() -> None:
    limiter = RateLimiter(global_per_second=5, private_per_second=100)
    order: list[str] = []

    async def send(name: str, chat: int, priority: int) -> None:
        (await limiter.acquire(chat, priority)).depart()
        order.append(name)

    low = [asyncio.create_task(send(f"digest{i}", 100 + i, 20)) for i in range(10)]
    await asyncio.sleep(0.05)  # the first slot is gone, nine digests wait for theirs
    urgent = asyncio.create_task(send("reply", 1, -10))
    await asyncio.gather(urgent, *low)
    await limiter.close()
    assert order[:2] == ["digest0", "reply"]  # the next slot, ahead of eight waiting digests
    assert [n for n in order if n != "reply"] == [f"digest{i}" for i in range(10)]


async def test_a_paused_chat_does_not_hold_up_others() -> None:
    limiter = RateLimiter(global_per_second=100, private_per_second=100)
    limiter.pause_chat(1, 30)
    loop = asyncio.get_running_loop()
    start = loop.time()
    (await limiter.acquire(2)).depart()
    assert loop.time() - start < 0.5
    await limiter.close()


def test_token_bucket_never_lets_more_than_the_rate_into_any_second() -> None:
    clock = FakeClock()
    bucket = TokenBucket(30, clock=clock)
    sent: list[float] = []
    while clock.now < 1010:
        wait = bucket.delay(clock.now)
        if wait:
            clock.now += wait
            continue
        bucket.take(clock.now)
        sent.append(clock.now)
    busiest = max(sum(1 for t in sent if start <= t < start + 1) for start in sent)
    assert busiest <= 30
    assert len(sent) / 10 >= 29  # and still close to the rate


def test_429_blame_and_slow_down() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=30, clock=clock)
    limiter.record(7)
    assert limiter.on_429(7, 5) == "global"  # one message only: not this chat's limit
    assert limiter.chat_delay(7) == pytest.approx(5)  # the chat waits out retry_after
    slowed = limiter._global.rate
    assert slowed == pytest.approx(30 * PACE * 0.9)
    clock.now += 0.5
    limiter.record(8)
    clock.now += 1.0
    limiter.record(8)
    assert limiter.on_429(8, 1) == "chat"  # two messages 1 s apart: the chat's own limit
    assert limiter._global.rate == pytest.approx(slowed)  # others not slowed for that
    for _ in range(18):
        limiter.record(-100)
    assert limiter.on_429(-100, 30) == "chat"  # a channel near its 20 a minute
    clock.now += 60
    limiter._global.delay(clock.now)
    assert limiter._global.rate == pytest.approx(30 * PACE)  # recovered


def test_idle_chats_are_forgotten() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, clock=clock)
    for chat in range(1, 1001):
        limiter.record(chat)
    limiter.pause_chat(5, 30)
    clock.now += 2
    limiter.record(7)
    limiter.forget_idle()
    assert set(limiter._chats) == {7}  # only the chat with a message in its window
    assert limiter.chat_delay(5) == pytest.approx(28)  # a pause still running is kept
    clock.now += 30
    limiter.forget_idle()
    assert limiter._paused_until == {}


def busiest_second(times: list[float]) -> int:
    """The most events in any one-second window (a strict sliding window's count)."""
    times = sorted(times)
    return max(sum(1 for t in times[i:] if t < start + 1.0) for i, start in enumerate(times))


async def test_sends_held_up_after_their_slot_never_crowd_a_second() -> None:
    """The event loop stalls between a grant and the request (SQLite, commands, GC, an HTTP
    slot): the slot counts when the request leaves, so the sends after it wait instead of
    leaving bunched up with it (a strict one-second window would answer 429)."""
    limiter = RateLimiter(global_per_second=100, private_per_second=1000)
    rng = random.Random(5)
    loop = asyncio.get_running_loop()
    departures: list[float] = []

    async def send(chat: int) -> None:
        slot = await limiter.acquire(chat)
        if rng.random() < 0.2:
            await asyncio.sleep(rng.uniform(0.01, 0.06))  # held up on the way to the wire
        slot.depart()
        departures.append(loop.time())

    start = loop.time()
    await asyncio.gather(*(send(chat) for chat in range(400)))
    elapsed = loop.time() - start
    await limiter.close()
    assert busiest_second(departures) <= 100
    assert 399 / elapsed >= 93  # hold-ups are caught up where the window has room


async def test_a_slot_given_up_or_cancelled_frees_the_limiter() -> None:
    limiter = RateLimiter(global_per_second=100, private_per_second=1000)
    loop = asyncio.get_running_loop()
    start = loop.time()
    for chat in range(10):
        (await limiter.acquire(chat)).release()  # a stop came: nothing sent on it
    waiter = asyncio.create_task(limiter.acquire(99))
    await asyncio.sleep(0)
    waiter.cancel()  # cancelled while granted or waiting: its slot is given back
    await asyncio.gather(waiter, return_exceptions=True)
    (await limiter.acquire(100)).depart()
    assert loop.time() - start < 0.5  # no HOLD waited out
    await limiter.close()


def test_the_fake_servers_global_window_is_a_strict_sliding_one() -> None:
    """30 in any one second of arrivals, whatever second: what the limiter is measured by."""

    window = _Window(1.0)
    arrivals = [0.5 + i / 29.4 for i in range(30)]  # paced just under 30 a second
    for t in arrivals:
        assert window.retry_after(t, 30) == 0
        window.add(t)
    late = arrivals[-1] + 0.01  # one arriving 24 ms before its paced time: 31 in a second
    assert window.retry_after(late, 30) > 0
    assert window.retry_after(arrivals[0] + 1.0, 30) == 0  # the first left the window


async def test_a_send_counts_when_its_bytes_are_written_not_when_the_answer_comes(
    fake_bot: FakeBotServer,
) -> None:
    """Through python-telegram-bot and the aiohttp transport: `on_wire` fires as the request
    is written (the server answers 0.3 s later), once, and only for the request in its block."""
    fake_bot.add_private_chats([1])
    fake_bot.hang_next(1, 0.3, methods=["sendMessage"], before=False)
    bot = ExtBot(fake_bot.token, base_url=fake_bot.bot_base_url, request=AiohttpRequest())
    await bot.initialize()
    loop = asyncio.get_running_loop()
    calls: list[float] = []
    try:
        start = loop.time()
        with on_wire(lambda: calls.append(loop.time() - start)):
            await bot.send_message(1, "one")
        await bot.send_message(1, "two")  # outside the block: not counted
    finally:
        await bot.shutdown()
    assert len(calls) == 1
    assert calls[0] < 0.2  # at the write, not when the late answer came


def test_replies_in_a_private_chat_burst_then_keep_its_pace() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, private_per_second=1, clock=clock)
    for _ in range(REPLY_BURST):  # a reader's few quick commands: answered at once
        assert limiter.reply_delay(42) == 0
        limiter.record(42)
    assert limiter.reply_delay(42) == pytest.approx(1.02)  # then one a second
    assert limiter.reply_delay(43) == 0  # another reader is not affected
    clock.now += 1.02
    assert limiter.reply_delay(42) == pytest.approx(0, abs=1e-6)
    limiter.record(42)
    assert limiter.reply_delay(42) == pytest.approx(1.02)
    clock.now += 10  # the burst comes back, no more than REPLY_BURST of it
    for _ in range(REPLY_BURST):
        assert limiter.reply_delay(42) == 0
        limiter.record(42)
    assert limiter.reply_delay(42) > 0


def test_outbox_messages_count_against_the_reply_burst_and_a_pause_holds_replies() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, private_per_second=1, clock=clock)
    for _ in range(REPLY_BURST):
        limiter.record(42)  # stories sent to the reader by the outbox
    assert limiter.reply_delay(42) > 0
    limiter.pause_chat(7, 5.0)  # Telegram said 429 for this chat
    assert limiter.reply_delay(7) == pytest.approx(5.0)
    limiter.pause_chat(-1001, 3.0)
    assert limiter.reply_delay(-1001) == pytest.approx(3.0)
    for _ in range(30):  # a group's replies do not wait for its minute window
        limiter.record(-1002)
    assert limiter.reply_delay(-1002) == 0


def test_full_reply_buckets_are_forgotten() -> None:
    clock = FakeClock()
    limiter = RateLimiter(global_per_second=1000, private_per_second=1, clock=clock)
    limiter.record(42)
    limiter.forget_idle()
    assert 42 in limiter._reply_tokens  # a token short still
    clock.now += 5
    limiter.forget_idle()
    assert 42 not in limiter._reply_tokens

"""Webhook mode with several instances: the replies of the ones not holding the lease take
their tokens from a bucket in the store that they all share; the holder keeps the rest of
GLOBAL_RATE. Together they stay within Telegram's limit for the one token."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from bot.config import Settings
from bot.delivery.replies import BUDGET_NAME, FleetReplies, ReplyRateLimiter
from bot.runtime import make_limiter
from bot.store.store import Store


async def test_a_token_goes_to_one_instance_only(store: Store, db_path: str) -> None:
    async with Store(db_path) as other:
        stores = [store, other]
        # a full bucket of 3 at t=100: ten instances asking at once get 3 tokens in all
        waits = await asyncio.gather(
            *(stores[i % 2].budgets.take("b", rate=3, burst=3, now=100.0) for i in range(10))
        )
        assert sorted(waits)[:3] == [0.0, 0.0, 0.0] and all(w > 0 for w in sorted(waits)[3:])
        # the next token is a third of a second away, whoever asks
        assert await other.budgets.take("b", rate=3, burst=3, now=100.0) == pytest.approx(1 / 3)
        assert await store.budgets.take("b", rate=3, burst=3, now=100.34) == 0.0
        assert await other.budgets.take("b", rate=3, burst=3, now=100.34) > 0
        # refill is capped at the burst: a long quiet spell saves 3, not 300
        granted = [await store.budgets.take("b", rate=3, burst=3, now=200.0) for _ in range(5)]
        assert granted.count(0.0) == 3


async def test_a_clock_that_goes_back_refills_nothing(store: Store) -> None:
    for _ in range(2):
        assert await store.budgets.take("b", rate=2, burst=2, now=50.0) == 0.0
    assert await store.budgets.take("b", rate=2, burst=2, now=10.0) > 0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_standby_replies_from_the_shared_budget(store: Store) -> None:
    limiter = make_limiter(_settings(webhook=True))
    replies = ReplyRateLimiter(limiter)
    clock = Clock()
    leader = False
    replies.fleet = FleetReplies(store.budgets, 2.0, lambda: not leader, clock=clock)
    sent: list[int] = []

    async def call(n: int) -> Any:
        async def callback() -> bool:
            sent.append(n)
            return True

        return await replies.process_request(
            callback, (), {}, "sendMessage", {"chat_id": 7000 + n}, None
        )

    await call(1)  # the burst: one token (a second's worth let the fleet past 30 a second)
    second = asyncio.create_task(call(2))
    await asyncio.sleep(0.2)
    assert sent == [1] and not second.done()  # the fleet's budget is spent: it waits
    clock.now += 0.5  # one more token
    await asyncio.wait_for(second, 2.0)
    assert sent == [1, 2]
    clock.now += 0.5
    await asyncio.wait_for(call(3), 2.0)
    assert sent == [1, 2, 3]
    leader = True  # the holder's replies go through its own limiter, not the budget
    await asyncio.wait_for(call(4), 2.0)
    assert sent == [1, 2, 3, 4]
    row = await store.db.fetchone("SELECT tokens FROM rate_budgets WHERE name = ?", (BUDGET_NAME,))
    assert row is not None and row[0] < 1  # 4 was not taken from the budget


def _settings(*, webhook: bool) -> Settings:
    values: dict[str, Any] = {"bot_token": "1:T", "global_rate": 30, "fleet_reply_rate": 3}
    if webhook:
        values |= {"webhook_url": "https://news.example.org/hook", "webhook_secret": "s3cret"}
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def test_the_holder_keeps_the_rest_of_the_global_rate() -> None:
    """30 less the fleet's 3 a second and its burst of one: in any second the holder and the
    fleet together send at most 30 (the holder at 27 and a fleet's burst of 3 met 429s)."""
    assert make_limiter(_settings(webhook=True)).global_rate == pytest.approx(26.0)
    assert make_limiter(_settings(webhook=False)).global_rate == pytest.approx(30.0)


@pytest.mark.parametrize("rate", [30, 29.5])
def test_the_reply_share_must_leave_the_holder_something(rate: float) -> None:
    with pytest.raises(ValueError, match="FLEET_REPLY_RATE"):
        Settings(  # type: ignore[call-arg]
            _env_file=None,
            webhook_url="https://news.example.org/hook",
            webhook_secret="s3cret",
            fleet_reply_rate=rate,
        )


async def test_a_bucket_created_by_another_instance_meanwhile_gives_its_token(
    store: Store, db_path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our UPDATE finds no bucket; before our SELECT another instance creates it full: the
    token there is ours to take now, not a wait."""
    db = store.budgets.db
    fetchone = db.fetchone
    calls = 0

    async def another_instance_creates_the_bucket(sql: str, params: Any = ()) -> Any:
        nonlocal calls
        calls += 1
        row = await fetchone(sql, params)
        if calls == 1:
            async with Store(db_path) as other:
                assert await other.budgets.take("b", rate=3, burst=3, now=100.0) == 0.0
        return row

    monkeypatch.setattr(db, "fetchone", another_instance_creates_the_bucket)
    assert await store.budgets.take("b", rate=3, burst=3, now=100.0) == 0.0

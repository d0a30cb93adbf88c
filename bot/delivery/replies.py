"""python-telegram-bot's rate-limiter hook: replies to commands share the sender's limits.

Every Bot API call of the Application passes through `process_request`. Outbox sends (marked
with `rate_limit_args={"outbox": True}`) have already waited in the sender; replies to commands
wait here, at the highest priority, so a fan-out under way neither pushes the bot over
Telegram's global limit nor keeps a reader waiting for an answer. A reply Telegram turns away
for flood control is tried again after the wait it names, up to `_REPLY_ATTEMPTS` times and
`_MAX_REPLY_WAIT` seconds in all (the chat may be busy with the bot's own edits, a broadcast's
progress, or with sends of before a restart our limiter never saw); one that met a 5xx is
tried once more; one that timed out is not (it may have arrived).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import BaseRateLimiter

from bot.delivery.http import on_wire
from bot.delivery.limiter import PRIORITY_REPLY, RateLimiter
from bot.delivery.outcomes import retry_after_seconds
from bot.models import parse_id
from bot.store.budget import BudgetStore

log = logging.getLogger(__name__)

OUTBOX = {"outbox": True}
_MAX_REPLY_WAIT = 10.0  # a reply told to wait longer than this in all is not retried
_REPLY_ATTEMPTS = 5  # a reply's tries when Telegram answers flood control
_REPLY_RETRY = 1.0  # seconds before a reply that met a 5xx is tried again

Result = bool | dict[str, Any] | list[dict[str, Any]]


def _counts_as_message(endpoint: str) -> bool:
    """Sends and edits count toward Telegram's message limits; queries do not."""
    name = endpoint.lower()
    return name.startswith(("send", "edit", "copymessage", "forwardmessage"))


BUDGET_NAME = "fleet.replies"
# The fleet's reply budget lets one go at once, then FLEET_REPLY_RATE a second: in any second
# its instances send at most that rate and one. (A burst of a second's worth let the fleet
# and the holder together past Telegram's 30 a second: 10 answers of 429 for 200 commands.)
FLEET_BURST = 1.0


class FleetReplies:
    """The replies of an instance that does not hold the lease (webhook mode, several
    instances): their tokens come from a bucket in the store that every such instance shares,
    refilled at FLEET_REPLY_RATE; the holder's own limiter keeps the rest of GLOBAL_RATE."""

    def __init__(
        self,
        budgets: BudgetStore,
        rate: float,
        standing_by: Callable[[], bool],
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.budgets = budgets
        self.rate = rate
        self.standing_by = standing_by
        self.clock = clock

    async def acquire(self) -> None:
        """Wait for a token of the shared bucket (a burst of one: the holder keeps room for
        FLEET_REPLY_RATE and that one, `make_limiter`)."""
        while True:
            wait = await self.budgets.take(
                BUDGET_NAME, rate=self.rate, burst=FLEET_BURST, now=self.clock()
            )
            if wait <= 0:
                return
            await asyncio.sleep(wait)


class ReplyRateLimiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter
        # set once the store is open (post_init) when several instances answer the webhook
        self.fleet: FleetReplies | None = None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> Result:
        if (rate_limit_args and rate_limit_args.get("outbox")) or not _counts_as_message(endpoint):
            return await callback(*args, **kwargs)
        chat_id = _chat_id(data.get("chat_id"))
        waited = 0.0
        for attempt in range(1, _REPLY_ATTEMPTS + 1):
            # A reply answers a person who just wrote: in a private chat it goes at once
            # within a short burst, then at the chat's pace (updates of other chats are
            # processed meanwhile: bot.telegram.processor); then it waits for the global
            # limit, and counts in the chat's window. On an instance standing by, the global
            # limit is the fleet's shared reply budget.
            if chat_id is not None:
                while (wait := self.limiter.reply_delay(chat_id)) > 0:  # noqa: ASYNC110
                    await asyncio.sleep(wait)
            wire: contextlib.AbstractContextManager[object]
            if self.fleet is not None and self.fleet.standing_by():
                await self.fleet.acquire()
                wire = contextlib.nullcontext()
            else:
                slot = await self.limiter.acquire_global(PRIORITY_REPLY)
                wire = on_wire(slot.depart)  # the slot counts as the request is written
            if chat_id is not None:
                self.limiter.record(chat_id)
            try:
                with wire:
                    return await callback(*args, **kwargs)
            except (BadRequest, TimedOut):
                raise  # the bot's mistake; or an answer that may have been delivered after all
            except NetworkError as exc:  # a 5xx, or no connection: nothing was delivered
                if attempt >= 2:
                    raise
                log.warning(
                    "reply to %s failed (%s); retrying in %.0fs", chat_id, exc, _REPLY_RETRY
                )
                await asyncio.sleep(_REPLY_RETRY)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                waited += wait
                if attempt == _REPLY_ATTEMPTS or waited > _MAX_REPLY_WAIT:
                    raise
                log.warning("reply to %s rate-limited; retrying in %.0fs", chat_id, wait)
                if chat_id is not None:
                    self.limiter.pause_chat(chat_id, wait)  # the outbox holds back too
                else:
                    await asyncio.sleep(wait)
        raise AssertionError("unreachable")


def _chat_id(value: object) -> int | None:
    if isinstance(value, int):
        return value
    return parse_id(value, signed=True) if isinstance(value, str) else None

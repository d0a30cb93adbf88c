"""python-telegram-bot's rate-limiter hook: replies to commands share the sender's limits.

Every Bot API call of the Application passes through `process_request`. Outbox sends (marked
with `rate_limit_args={"outbox": True}`) have already waited in the sender; replies to commands
wait here, at the highest priority, so a fan-out under way neither pushes the bot over
Telegram's global limit nor keeps a reader waiting for an answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.delivery.http import on_wire
from bot.delivery.limiter import PRIORITY_REPLY, RateLimiter
from bot.delivery.outcomes import retry_after_seconds
from bot.models import parse_id

log = logging.getLogger(__name__)

OUTBOX = {"outbox": True}
_MAX_REPLY_WAIT = 10.0  # a reply told to wait longer than this is not retried

Result = bool | dict[str, Any] | list[dict[str, Any]]


def _counts_as_message(endpoint: str) -> bool:
    """Sends and edits count toward Telegram's message limits; queries do not."""
    name = endpoint.lower()
    return name.startswith(("send", "edit", "copymessage", "forwardmessage"))


class ReplyRateLimiter(BaseRateLimiter[dict[str, Any]]):
    def __init__(self, limiter: RateLimiter) -> None:
        self.limiter = limiter

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
        for attempt in (1, 2):
            # A reply answers a person who just wrote: it waits only for the global limit
            # (Telegram allows short bursts per chat) but counts in the chat's window.
            slot = await self.limiter.acquire_global(PRIORITY_REPLY)
            if chat_id is not None:
                self.limiter.record(chat_id)
            try:
                with on_wire(slot.depart):  # the slot counts as the request is written
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                if attempt == 2 or wait > _MAX_REPLY_WAIT:
                    raise
                log.warning("reply to %s rate-limited; retrying in %.0fs", chat_id, wait)
                if chat_id is not None:
                    self.limiter.pause_chat(chat_id, wait)  # the outbox holds back too
                await asyncio.sleep(wait)
        raise AssertionError("unreachable")


def _chat_id(value: object) -> int | None:
    if isinstance(value, int):
        return value
    return parse_id(value, signed=True) if isinstance(value, str) else None

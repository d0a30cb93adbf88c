"""What a refused or failed send leads to: retry timing, dead chats, refused stories.

The sender hands every Telegram error of a send here; `Outcomes.failed` records what it
means in the outbox and says whether the chat may get more right now.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    RetryAfter,
    TelegramError,
)

from bot.delivery.http import Unanswered
from bot.delivery.limiter import RateLimiter
from bot.models import Delivery, utcnow
from bot.ops import metrics
from bot.store.outbox import PIN_KIND
from bot.store.store import Store

# The sender's logger: these lines are the sender's, as they were before the move.
log = logging.getLogger("bot.delivery.sender")

# Errors after which a chat will never accept messages again (until a reader comes back).
_DEAD_CHAT = (
    "chat not found",
    "bot was blocked",
    "user is deactivated",
    "bot was kicked",
    "not a member",
    "chat_write_forbidden",
    "need administrator rights",
    "have no rights to send",
)


def retry_after_seconds(exc: RetryAfter) -> float:
    """`retry_after` as seconds, whichever form python-telegram-bot gives."""
    value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(1.0, seconds)


def backoff(attempts: int, *, cap: float = 300.0) -> float:
    """Seconds to wait after failed try number `attempts` (1, 2, 4, 8 ... 300), with jitter."""
    return min(cap, 2.0 ** max(0, attempts - 1)) * random.uniform(0.8, 1.2)


@dataclass(slots=True)
class SenderStats:
    sent: int = 0
    edited: int = 0
    failed: int = 0
    retried: int = 0
    rate_limited: int = 0


class Outcomes:
    """Records in the store what a Telegram error on a send means for its row and chat."""

    def __init__(
        self, store: Store, limiter: RateLimiter, stats: SenderStats, *, max_attempts: int
    ) -> None:
        self.store = store
        self.limiter = limiter
        self.stats = stats
        self.max_attempts = max_attempts

    async def failed(self, row: Delivery, exc: TelegramError) -> bool:
        """Settle `row` after `exc`; False when the chat should not get more right now."""
        if isinstance(exc, RetryAfter):
            await self._rate_limited(row, exc)
            return False
        if isinstance(exc, ChatMigrated):
            log.info("chat %s became supergroup %s", row.chat_id, exc.new_chat_id)
            await self.store.channels.migrate_chat(row.chat_id, exc.new_chat_id)
            # What stays behind cannot go to the old chat, ever: an edit of a message there
            # (the old group is read-only now), a row whose twin went to the new chat already.
            gone = f"chat migrated to {exc.new_chat_id}"
            if row.state == "sent":
                await self.store.outbox.give_up_edit(row.id, gone)
            await self.store.outbox.fail_chat(row.chat_id, gone)
            return False
        if isinstance(exc, Forbidden):
            if row.state == "sent":
                await self.store.outbox.give_up_edit(row.id, str(exc))
            await self._dead_chat(row, str(exc))
            return False
        if isinstance(exc, BadRequest):
            return await self._refused(row, str(exc))
        if isinstance(exc, Unanswered) and row.state == "pending" and row.kind != PIN_KIND:
            await self._unconfirmed(row, str(exc))
            return False
        # Timeouts, network errors and any other Telegram error: try again later.
        await self._retry(row, f"{type(exc).__name__}: {exc}")
        return False

    async def _rate_limited(self, row: Delivery, exc: RetryAfter) -> None:
        wait = retry_after_seconds(exc)
        self.stats.rate_limited += 1
        scope = self.limiter.on_429(row.chat_id, wait)
        metrics.RATE_LIMITED.labels(scope).inc()
        log.warning("429 for chat %s (%s): retry after %.0fs", row.chat_id, scope, wait)
        await self.store.outbox.retry_later(
            row.id, error=str(exc), at=utcnow() + timedelta(seconds=wait), count_attempt=False
        )

    async def _refused(self, row: Delivery, text: str) -> bool:
        """A 400: an edit that failed, a chat gone for good, or a story Telegram refuses."""
        if row.state == "sent":
            await self._edit_failed(row, text)
            return True
        if any(marker in text.lower() for marker in _DEAD_CHAT):
            await self._dead_chat(row, text)
            return False
        if row.kind == PIN_KIND:  # the post is out; only its pin is not
            log.error(
                "Telegram refused to pin story %s in chat %s (the post itself is out): %s",
                row.article_id,
                row.chat_id,
                text,
            )
        else:
            log.error(
                "Telegram refused story %s for chat %s: %s", row.article_id, row.chat_id, text
            )
        await self.store.outbox.mark_failed(row.id, text)
        self.stats.failed += 1
        metrics.FAILED.labels(row.kind).inc()
        return True

    async def _unconfirmed(self, row: Delivery, error: str) -> None:
        """A send written to Telegram whose answer never came may have gone out: sent again,
        it could be a second copy in the chat. It is not (at most once): the row is marked
        sent, without a message id, its note saying so (no edit or pin can follow it)."""
        note = f"{error}: possibly delivered, not sent again"
        log.warning("delivery %s to %s: %s", row.id, row.chat_id, note)
        await self.store.outbox.mark_unconfirmed(row.id, note, utcnow())

    async def _edit_failed(self, row: Delivery, text: str) -> None:
        if "message is not modified" in text.lower():  # PTB capitalizes "Message ..."
            await self.store.outbox.mark_edited(row.id, row.want_rev)
        else:
            log.warning("could not edit message %s in %s: %s", row.message_id, row.chat_id, text)
            await self.store.outbox.give_up_edit(row.id, text)

    async def _retry(self, row: Delivery, error: str) -> None:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts and row.state == "pending":
            log.error("giving up on delivery %s after %d tries: %s", row.id, attempts, error)
            await self.store.outbox.mark_failed(row.id, error)
            self.stats.failed += 1
            metrics.FAILED.labels(row.kind).inc()
            return
        delay = backoff(attempts)
        log.warning(
            "delivery %s to %s failed (%s); retry in %.0fs", row.id, row.chat_id, error, delay
        )
        self.stats.retried += 1
        await self.store.outbox.retry_later(
            row.id, error=error, at=utcnow() + timedelta(seconds=delay)
        )

    async def _dead_chat(self, row: Delivery, error: str) -> None:
        """A reader who blocked the bot (or is gone) is inactive first, then the chat's rows
        are given up: once nothing of the chat is pending, the reader is marked."""
        log.warning("chat %s cannot receive messages: %s", row.chat_id, error)
        if row.chat_id > 0:
            await self.store.readers.deactivate(row.chat_id, error)
        await self.store.outbox.fail_chat(row.chat_id, error)
        self.stats.failed += 1
        metrics.FAILED.labels(row.kind).inc()

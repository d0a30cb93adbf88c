"""What a refused or failed send leads to: retry timing, dead chats, refused stories.

The sender hands every Telegram error of a send here; `Outcomes.failed` records what it
means in the outbox and says whether the chat may get more right now.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
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

# Errors of sendPhoto about the photo, not the chat or the caption: the photo URL could not
# be fetched, is no image Telegram takes (too big, odd dimensions, an HTML page), or the chat
# takes no photos. The story can still go out as text.
_PHOTO_REFUSED = (
    "failed to get http url content",
    "wrong file identifier/http url specified",
    "wrong type of the web page content",
    "wrong remote file identifier",
    "image_process_failed",
    "photo_invalid",
    "photo_save_file_invalid",
    "photo_ext_invalid",
    "photo_content_url_empty",
    "photo_content_type_invalid",
    "webpage_curl_failed",
    "webpage_media_empty",
    "media_empty",
    "file is too big",
    "wrong padding in the string",
    "rights to send photos",
)


def photo_refused(text: str) -> bool:
    """True when Telegram refused a message for its photo alone (see _PHOTO_REFUSED)."""
    lowered = text.lower()
    return any(marker in lowered for marker in _PHOTO_REFUSED)


def retry_after_seconds(exc: RetryAfter) -> float:
    """`retry_after` as seconds, whichever form python-telegram-bot gives."""
    value = exc.retry_after
    seconds = value.total_seconds() if isinstance(value, timedelta) else float(value)
    return max(1.0, seconds)


def backoff(attempts: int, *, cap: float = 300.0) -> float:
    """Seconds to wait after failed try number `attempts` (1, 2, 4, 8 ... 300), with jitter."""
    return min(cap, 2.0 ** max(0, attempts - 1)) * random.uniform(0.8, 1.2)


OUTAGE_CAP = 300.0  # seconds: the longest wait between tries while Telegram is down


def is_outage(exc: TelegramError) -> bool:
    """Telegram, or the way to it, failing rather than the message: a 5xx (python-telegram-bot
    makes every status but a 4xx a NetworkError), a network error or a time-out."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


def out_of_budget(queued_at: datetime | None, now: datetime, budget: timedelta) -> bool:
    """Whether a message queued at `queued_at` has been retried through an outage long
    enough (SEND_RETRY_HOURS, at most MAX_ARTICLE_AGE_HOURS): its story is stale."""
    return queued_at is not None and now - queued_at >= budget


@dataclass(slots=True)
class Outage:
    """The sender's state while Telegram is down: it waits as a whole, not row by row.

    The first failure starts a wait of a second; a try after the wait that fails again
    doubles it, up to `cap`; failures of requests already under way during a wait join it
    instead of lengthening it. Anything that goes through ends the outage.
    """

    cap: float = OUTAGE_CAP
    streak: int = 0  # waits in a row
    until: float = 0.0  # monotonic time the current wait ends

    def failed(self, now: float) -> float:
        """A request failed for the outage at `now`: seconds until the sender tries again."""
        if now < self.until:
            return self.until - now
        self.streak += 1
        self.until = now + backoff(self.streak, cap=self.cap)
        return self.until - now

    def worked(self) -> None:
        self.streak = 0
        self.until = 0.0

    def waiting(self, now: float) -> bool:
        return now < self.until


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
        self,
        store: Store,
        limiter: RateLimiter,
        stats: SenderStats,
        *,
        max_attempts: int,
        outage_budget: timedelta = timedelta(hours=6),
        outage_cap: float = OUTAGE_CAP,
    ) -> None:
        self.store = store
        self.limiter = limiter
        self.stats = stats
        self.max_attempts = max_attempts  # for errors of other kinds (not outages, not 4xx)
        self.outage_budget = outage_budget
        self.outage = Outage(cap=outage_cap)

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
            self.outage.failed(time.monotonic())  # Telegram too slow to answer: wait a while
            await self._unconfirmed(row, str(exc))
            return False
        if is_outage(exc):
            await self._outage(row, f"{type(exc).__name__}: {exc}")
            return False
        # Any other Telegram error: try again later, up to MAX_SEND_ATTEMPTS times.
        await self._retry(row, f"{type(exc).__name__}: {exc}")
        return False

    async def _outage(self, row: Delivery, error: str) -> None:
        """Telegram down (5xx, network, time-out): nothing wrong with the message, so none of
        its attempts is used up; the whole sender waits, and the row is tried after the wait,
        for as long as its story is worth sending (`outage_budget`)."""
        now = utcnow()
        if row.state == "pending" and out_of_budget(row.queued_at, now, self.outage_budget):
            hours = self.outage_budget.total_seconds() / 3600
            note = f"Telegram failing for {hours:g} h since it was queued: {error}"
            log.error("giving up on delivery %s: %s", row.id, note)
            await self.store.outbox.mark_failed(row.id, note)
            self.stats.failed += 1
            metrics.FAILED.labels(row.kind).inc()
            return
        wait = self.outage.failed(time.monotonic())
        log.warning(
            "delivery %s to %s failed (%s): Telegram is failing; sending waits %.0fs",
            row.id,
            row.chat_id,
            error,
            wait,
        )
        self.stats.retried += 1
        await self.store.outbox.retry_later(
            row.id, error=error, at=now + timedelta(seconds=wait), count_attempt=False
        )

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

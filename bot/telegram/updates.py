"""Receiving updates so that one Telegram cannot parse never stops the bot.

python-telegram-bot parses a whole getUpdates batch at once: one update it cannot read (a
field of a type it does not expect, say) fails the batch, the Updater logs it with the whole
batch and a traceback, and, since that is not a network error, asks again at once for the
same batch: hundreds of times a second, for good, and every later command goes unanswered.

`NewsBot.get_updates` reads each update on its own instead: an update that cannot be read is
logged in one line (its update_id and the reason, not its body), recorded for the watchdog and
`newsbot status`, and skipped. The Updater confirms updates up to the last one it is given, so
when the last of a batch is unreadable an empty `Update` with its id stands in for it (no
handler matches an update without content). Anything else going wrong in a getUpdates call is
raised as a TelegramError: the Updater's retry loop then waits longer after each failure (up to
30 s) instead of spinning.

Starting works the same way: a Bot API that cannot be reached at start (the network not up
yet after a reboot, Telegram down) is one warning line per attempt (`NewsBot.initialize`), and
the attempts go on, further and further apart, until it answers or the bot is stopped
(`bot.app.run`), as getUpdates' do once the bot runs. A token Telegram rejects ends the start
as `TokenRejected`, which names no token (python-telegram-bot's own error quotes it, and an
uncaught exception's traceback passes no log filter).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram._utils.defaultvalue import DEFAULT_NONE, DefaultValue
from telegram._utils.types import JSONDict, ODVInput, TimePeriod
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import ExtBot

from bot.ingest.text import short_line
from bot.models import utcnow
from bot.store.updates import UpdateErrorStore

log = logging.getLogger(__name__)

REASON_CHARS = 200


class TokenRejected(Exception):
    """Telegram answered getMe with 401/404: BOT_TOKEN is not a live bot's token."""


def _reason(exc: BaseException) -> str:
    return short_line(f"{type(exc).__name__}: {exc}", REASON_CHARS)


@dataclass(slots=True)
class Parsed:
    """A getUpdates answer read update by update."""

    updates: list[Update] = field(default_factory=list)
    bad: list[tuple[int | None, str]] = field(default_factory=list)  # (update_id, reason)


def parse_updates(result: object, bot: ExtBot[Any] | None) -> Parsed:
    """Each update parsed on its own; unreadable ones are listed in `bad` and skipped, the
    last one replaced by an empty Update with its id so the offset still moves past it."""
    if not isinstance(result, list):
        raise TelegramError(f"getUpdates returned {type(result).__name__}, not a list")
    parsed = Parsed()
    for item in result:
        update_id = item.get("update_id") if isinstance(item, dict) else None
        if not isinstance(update_id, int) or isinstance(update_id, bool):
            parsed.bad.append((None, f"no update_id in {type(item).__name__}"))
            continue
        try:
            update = Update.de_json(item, bot)
        except Exception as exc:  # whatever the library raises on data it does not expect
            parsed.bad.append((update_id, _reason(exc)))
            continue
        parsed.updates.append(update)
    last_id = max((i for i, _ in parsed.bad if i is not None), default=None)
    if last_id is not None and (not parsed.updates or parsed.updates[-1].update_id < last_id):
        parsed.updates.append(Update(update_id=last_id))
    return parsed


class UpdateMonitor:
    """Counts unreadable updates and failing getUpdates calls, logs them in one line each and
    records them in the store once it is open (`attach`)."""

    def __init__(self) -> None:
        self.bad = 0
        self.failed_calls = 0
        self._store: UpdateErrorStore | None = None
        self._failing = True  # unknown at start: the first call that works clears old records

    def attach(self, store: UpdateErrorStore) -> None:
        self._store = store

    async def bad_update(self, update_id: int | None, reason: str) -> None:
        self.bad += 1
        log.warning("skipped Telegram update %s: it could not be read (%s)", update_id, reason)
        await self._record(lambda s: s.record_bad(utcnow(), update_id, reason))

    async def call_failed(self, reason: str) -> None:
        self.failed_calls += 1
        self._failing = True
        await self._record(lambda s: s.record_polling_failed(utcnow(), reason))

    async def call_worked(self) -> None:
        if self._failing and self._store is not None:
            self._failing = False
            await self._record(lambda s: s.record_polling_ok())

    async def _record(self, write: Any) -> None:
        store = self._store
        if store is None or not store.db.is_open:
            return
        try:
            await write(store)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the store being busy must not stop updates
            log.warning("could not record an update error: %s", exc)


class NewsBot(ExtBot[Any]):
    """ExtBot whose getUpdates survives updates the library cannot read (see module doc)."""

    def __init__(self, *args: Any, monitor: UpdateMonitor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():  # python-telegram-bot objects are read-only after __init__
            self.monitor = monitor

    async def initialize(self) -> None:
        """getMe, as ExtBot does; when the Bot API cannot be reached, one warning line, and the
        connections closed again (the caller tries again, or stops with nothing left open)."""
        try:
            await super().initialize()
        except BaseException as exc:  # a stop while getMe was under way too: nothing left open
            await self.shutdown()
            if isinstance(exc, InvalidToken):
                raise TokenRejected("Telegram rejected BOT_TOKEN") from None
            if isinstance(exc, NetworkError):
                log.warning("cannot reach the Bot API (%s); trying again", exc.message)
            raise

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: TimePeriod | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: ODVInput[float] = DEFAULT_NONE,
        write_timeout: ODVInput[float] = DEFAULT_NONE,
        connect_timeout: ODVInput[float] = DEFAULT_NONE,
        pool_timeout: ODVInput[float] = DEFAULT_NONE,
        api_kwargs: JSONDict | None = None,
    ) -> tuple[Update, ...]:
        data: JSONDict = {
            "timeout": timeout,
            "offset": offset,
            "limit": limit,
            "allowed_updates": allowed_updates,
        }
        try:
            result = await self._post(
                "getUpdates",
                data,
                read_timeout=self._long_poll_timeout(read_timeout, timeout),
                write_timeout=write_timeout,
                connect_timeout=connect_timeout,
                pool_timeout=pool_timeout,
                api_kwargs=api_kwargs,
            )
            parsed = parse_updates(result, self)
        except TelegramError as exc:
            await self.monitor.call_failed(_reason(exc))
            raise
        except Exception as exc:  # a TelegramError makes the Updater back off; others spin
            await self.monitor.call_failed(_reason(exc))
            raise TelegramError(f"getUpdates failed: {_reason(exc)}") from exc
        await self.monitor.call_worked()
        for update_id, reason in parsed.bad:
            await self.monitor.bad_update(update_id, reason)
        for update in parsed.updates:
            self.insert_callback_data(update)
        return tuple(parsed.updates)

    async def read_pushed(self, data: object) -> Update | None:
        """An update Telegram pushed to the webhook, read as getUpdates' are: one that cannot
        be read is logged, recorded and dropped (None), so Telegram is not asked to repeat it."""
        parsed = parse_updates([data], self)
        await self.monitor.call_worked()  # Telegram reaches us: old getUpdates failures are over
        for update_id, reason in parsed.bad:
            await self.monitor.bad_update(update_id, reason)
        if parsed.bad or not parsed.updates:
            return None
        update = parsed.updates[0]
        self.insert_callback_data(update)
        return update

    def _long_poll_timeout(
        self, read_timeout: ODVInput[float], timeout: TimePeriod | None
    ) -> float:
        """As Bot.get_updates: the request's read timeout plus the long poll's."""
        if isinstance(read_timeout, DefaultValue):
            base = self._request[0].read_timeout or 0.0
        else:
            base = read_timeout or 0.0
        if isinstance(timeout, dtm.timedelta):
            return base + timeout.total_seconds()
        return base + (timeout or 0)

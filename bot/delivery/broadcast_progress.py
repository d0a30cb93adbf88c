"""The progress message of each confirmed broadcast, kept up to date until it is sent.

One background loop (started by `Runtime.start_leader` with the other loops) looks at
every broadcast it tracks every PROGRESS_INTERVAL seconds: it edits the admin's progress
message in place when the count changed, and once every row is sent or given up shows the
final count and marks the broadcast done. Each pass it finds the broadcasts being sent in the
store: confirmed on another instance (several may answer the webhook; only the lease holder
runs this loop) or before a restart. `track()` hands one over at once, in its admin's
language.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from telegram.error import BadRequest, TelegramError

from bot.delivery.wake import wake_or_timeout
from bot.locales import t
from bot.logs import FailureLog
from bot.store.broadcasts import Progress
from bot.store.store import Store

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 1.0  # seconds between looks at a broadcast's progress

EditHtml = Callable[[int, int, str], Awaitable[None]]  # (chat_id, message_id, html)


def number(value: int) -> str:
    """1200 -> "1,200" (the broadcast progress, the stats)."""
    return f"{value:,}"


def progress_text(lang: str, broadcast_id: int, progress: Progress, total: int) -> str:
    if progress.finished:
        return t(
            lang,
            "adm.broadcast.done",
            id=broadcast_id,
            delivered=number(progress.delivered),
            blocked=number(progress.blocked),
            failed=number(progress.failed),
            total=number(total),
        )
    return t(
        lang,
        "adm.broadcast.progress",
        id=broadcast_id,
        sent=number(progress.done),
        total=number(total),
    )


class BroadcastProgress:
    """Edits each tracked broadcast's progress message; `run()` is the loop."""

    def __init__(self, store: Store, edit: EditHtml, *, interval: float = PROGRESS_INTERVAL):
        self.store = store
        self.edit = edit
        self.interval = interval
        self._langs: dict[int, str] = {}  # broadcast id -> the language of its messages
        self._shown: dict[int, str] = {}
        self._wake = asyncio.Event()

    def track(self, broadcast_id: int, lang: str, shown: str | None = None) -> None:
        """Show this broadcast's progress (in `lang`) from now on; `shown`: the text its
        message has now (no edit to the same text, which Telegram refuses)."""
        self._langs[broadcast_id] = lang
        if shown is None:
            self._shown.pop(broadcast_id, None)
        else:
            self._shown[broadcast_id] = shown
        self._wake.set()

    async def resume(self) -> None:
        """Track the broadcasts still being sent (after a restart), in their admin's language."""
        for b in await self.store.broadcasts.sending():
            if b.id not in self._langs:
                self.track(b.id, await self.store.readers.language_of(b.admin_id) or "en")

    async def run(self) -> None:
        """Every PROGRESS_INTERVAL (or at once when woken), look at each broadcast being sent:
        also the ones confirmed on another instance (several answer the webhook) or before a
        restart, found in the store each pass."""
        failures = FailureLog(log, "listing the broadcasts being sent")
        while True:
            self._wake.clear()
            try:
                await self.resume()
                failures.worked()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures.failed(exc)
            for broadcast_id in list(self._langs):
                try:
                    if await self._look(broadcast_id):
                        self._langs.pop(broadcast_id, None)
                        self._shown.pop(broadcast_id, None)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("broadcast %s progress failed", broadcast_id)
            await wake_or_timeout(self._wake, self.interval)

    async def _look(self, broadcast_id: int) -> bool:
        """Update the progress message once; True when the broadcast needs no more looks."""
        b = await self.store.broadcasts.get(broadcast_id)
        if b is None or b.chat_id is None or b.message_id is None:
            return True
        progress = await self.store.broadcasts.progress(broadcast_id)
        text = progress_text(self._langs[broadcast_id], broadcast_id, progress, b.total)
        if text != self._shown.get(broadcast_id):
            try:
                await self._edit(b.chat_id, b.message_id, text)
                self._shown[broadcast_id] = text
            except TelegramError as exc:  # a 429 or a network error: try again next time
                log.warning("broadcast %s progress not shown: %s", broadcast_id, exc)
        if progress.finished and text == self._shown.get(broadcast_id):
            await self.store.broadcasts.finish(broadcast_id)
            log.info("broadcast %s done: %s", broadcast_id, progress)
            return True
        return False

    async def _edit(self, chat_id: int, message_id: int, text: str) -> None:
        try:
            await self.edit(chat_id, message_id, text)
        except BadRequest as exc:
            if "not modified" not in exc.message.lower():
                log.info("could not update broadcast progress in %s: %s", chat_id, exc.message)

"""The error handler: every unhandled error logged with its update, and reported to admins.

A reply refused with 403 (the reader blocked the bot, or their account is gone while their
command waited) is no error of the bot's: the reader is marked inactive, as the sender does
on a 403, and nobody is alerted. Neither is Telegram's own trouble: a 502 to getUpdates (which
python-telegram-bot retries, and the watchdog counts) or a reply still refused after its
retry for flood control is one warning line, not a traceback and an admin's alert."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.locales import t
from bot.runtime import Runtime
from bot.telegram.common import (
    one_line,
)
from bot.telegram.context import RUNTIME_KEY, NewsContext

log = logging.getLogger(__name__)


ERROR_REPORT_INTERVAL = 60.0  # at most one error report to admins a minute


def describe_update(update: object) -> str:
    """A short, plain description of what the bot was handling."""
    if not isinstance(update, Update):
        return "a background job"
    user = update.effective_user
    who = f"user {user.id}" if user else "unknown user"
    if update.callback_query is not None:
        return f"a button ({one_line(update.callback_query.data or '', 40)}) from {who}"
    message = update.effective_message
    if message is not None and (message.text or message.caption):
        return f"“{one_line(message.text or message.caption or '', 60)}” from {who}"
    return f"update {update.update_id} from {who}"


ErrorCallback = Callable[[object, NewsContext], Coroutine[Any, Any, None]]


def make_error_handler(interval: float = ERROR_REPORT_INTERVAL) -> ErrorCallback:
    """Log every unhandled error with the update that caused it, and tell admins (at most
    one report per `interval` seconds, so an error storm is not a message storm)."""
    last = -float("inf")

    async def on_error(update: object, context: NewsContext) -> None:
        nonlocal last
        error = context.error
        where = describe_update(update)
        runtime = context.application.bot_data.get(RUNTIME_KEY)
        if isinstance(error, Forbidden) and isinstance(runtime, Runtime):
            chat = update.effective_chat if isinstance(update, Update) else None
            if chat is not None and chat.id > 0:
                log.info("chat %s cannot receive replies (%s): inactive", chat.id, error.message)
                await runtime.store.readers.deactivate(chat.id, error.message)
                return
        if _transient(error):
            log.warning(
                "Telegram's trouble while handling %s: %s", where, one_line(str(error), 200)
            )
            return
        log.error("error while handling %s", where, exc_info=error)
        if not isinstance(runtime, Runtime) or not runtime.settings.admin_ids:
            return
        now = time.monotonic()
        if now - last < interval:
            return
        last = now
        detail = one_line(f"{type(error).__name__}: {error}" if error else "unknown error", 300)
        for admin_id in sorted(runtime.settings.admin_ids):
            lang = await _language_of(runtime, admin_id)
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(
                    admin_id,
                    t(lang, "adm.error_report", where=where, error=detail),
                    parse_mode=ParseMode.HTML,
                )

    return on_error


async def _language_of(runtime: Runtime, admin_id: int) -> str:
    """An admin's language for the report; English when the store can't say (an error
    report while the store is out of reach must still go out)."""
    try:
        return await runtime.store.readers.language_of(admin_id) or "en"
    except Exception:
        log.warning("error report to %s in English: the store did not answer", admin_id)
        return "en"


def _transient(error: BaseException | None) -> bool:
    """Telegram's passing trouble: flood control, a network error or a 5xx (a BadRequest is
    a NetworkError to python-telegram-bot, but the bot's own mistake)."""
    return isinstance(error, RetryAfter) or (
        isinstance(error, NetworkError) and not isinstance(error, BadRequest)
    )

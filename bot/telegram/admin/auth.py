"""Who may run admin commands, and the record of what they ran.

Only users in ADMIN_IDS may use them; anyone else gets a polite refusal and nothing changes
(nothing is written, not even to the audit table). Every admin command, and every tap on an
admin button, is recorded in the audit table: who, what (the command and its arguments),
when, and whether it did what was asked. Also the small lookups the admin commands share.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup
from telegram import (
    Update,
)

from bot.delivery.schedule import zone_of
from bot.locales import language_from_code, t
from bot.models import Topic
from bot.runtime import Runtime
from bot.telegram.common import (
    command_text,
    echo,
    local_datetime,
    one_line,
    reply,
    resolve_topics,
    topic_names,
)
from bot.telegram.context import NewsContext

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Admin:
    """Who is running the command, in which language, with which arguments."""

    user_id: int
    lang: str
    args: str


AdminHandler = Callable[[Update, NewsContext, Admin], Coroutine[Any, Any, bool]]
Callback = Callable[[Update, NewsContext], Coroutine[Any, Any, None]]


def is_admin(context: NewsContext, user_id: int | None) -> bool:
    return user_id is not None and user_id in context.runtime.settings.admin_ids


async def admin_lang(update: Update, context: NewsContext) -> str:
    user = update.effective_user
    if user is not None:
        known = await context.runtime.store.readers.language_of(user.id)
        if known:
            return known
    return language_from_code(user.language_code if user else None)


def admin_command(name: str) -> Callable[[AdminHandler], Callback]:
    """Admins only (others: a polite refusal, nothing changes); audit what admins do.

    The handler returns whether it did what was asked (False for bad arguments, a refused
    channel ...); an exception is recorded as a failure and passed on to the error handler.
    """

    def decorate(handler: AdminHandler) -> Callback:
        @functools.wraps(handler)
        async def wrapper(update: Update, context: NewsContext) -> None:
            user = update.effective_user
            lang = await admin_lang(update, context)
            if user is None or not is_admin(context, user.id):
                log.info("refused /%s from non-admin %s", name, user.id if user else None)
                await reply(update, t(lang, "adm.denied"), lang=lang)
                return
            message = update.effective_message
            raw = (message.text or message.caption or "") if message else ""
            admin = Admin(user.id, lang, command_text(raw))
            ok = False
            try:
                ok = await handler(update, context, admin)
            finally:
                await context.runtime.store.audit.record(
                    user.id, f"/{name}", one_line(admin.args, 400), ok=ok
                )

        return wrapper

    return decorate


async def known_topics(context: NewsContext) -> list[Topic]:
    return await context.runtime.store.topics.all()


async def topics_or_error(
    update: Update, context: NewsContext, lang: str, words: Sequence[str]
) -> list[str] | None:
    """Slugs of the topics named, or None after telling the admin which ones are unknown."""
    if not words:
        return []
    topics = await known_topics(context)
    found, unknown = resolve_topics(" ".join(words), topics)
    if unknown:
        names = Markup(", ").join(Markup("<code>{}</code>").format(echo(u)) for u in unknown[:5])
        await reply(
            update,
            t(lang, "adm.topics.unknown", names=names, topics=topic_names(topics, lang)),
            lang=lang,
        )
        return None
    return [topic.slug for topic in found]


def when(runtime: Runtime, moment: Any, lang: str) -> str:
    if moment is None:
        return t(lang, "adm.word.never")
    return local_datetime(moment, zone_of(None, runtime.settings.timezone), lang)

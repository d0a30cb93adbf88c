"""/broadcast: a preview, a confirmation, then the message to every active reader.

The confirm and cancel buttons use callback data starting with "adm:", so the reader's
catch-all button handler (registered after them) never sees them. Once confirmed, the
progress message is kept up to date by bot.delivery.broadcast_progress.
"""

from __future__ import annotations

import logging
import re

from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.delivery.broadcast_progress import number, progress_text
from bot.locales import t
from bot.render import RenderError, check_html
from bot.store.broadcasts import Progress
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    admin_lang,
    is_admin,
)
from bot.telegram.common import (
    answer_query,
    one_line,
    reply,
    shows_anything,
)
from bot.telegram.context import NewsContext

log = logging.getLogger(__name__)


CALLBACK_PREFIX = "adm:"
_BROADCAST_DATA = re.compile(r"^adm:bc:(go|no):([0-9]{1,12})$")


def _confirm_keyboard(broadcast_id: int, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t(lang, "btn.send_all"), callback_data=f"adm:bc:go:{broadcast_id}"
                ),
                InlineKeyboardButton(
                    t(lang, "btn.cancel"), callback_data=f"adm:bc:no:{broadcast_id}"
                ),
            ]
        ]
    )


@admin_command("broadcast")
async def broadcast(update: Update, context: NewsContext, admin: Admin) -> bool:
    """Check the HTML, show it as readers will see it, and ask for a confirmation."""
    store, lang = context.runtime.store, admin.lang
    text = admin.args
    if not shows_anything(text):
        await reply(update, t(lang, "adm.broadcast.usage"), lang=lang)
        return False
    try:
        check_html(text)
    except RenderError as exc:
        await reply(update, t(lang, "adm.broadcast.bad_html", error=str(exc)), lang=lang)
        return False
    broadcast_id = await store.broadcasts.create(admin.user_id, text)
    readers = (await store.readers.counts())["active"]
    message = update.effective_message
    assert message is not None
    try:
        await message.reply_text(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
            do_quote=False,
        )
    except BadRequest as exc:  # our check missed something Telegram refuses: no draft stays
        await store.broadcasts.cancel(broadcast_id)
        log.info("broadcast preview rejected by Telegram: %s", exc.message)
        await reply(
            update, t(lang, "adm.broadcast.rejected", error=one_line(exc.message)), lang=lang
        )
        return False
    await message.reply_text(
        t(lang, "adm.broadcast.preview", count=number(readers)),
        parse_mode=ParseMode.HTML,
        reply_markup=_confirm_keyboard(broadcast_id, lang),
        do_quote=False,
    )
    return True


async def _edit(bot: Bot, chat_id: int, message_id: int, text: str) -> None:
    try:
        await bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.info("could not update broadcast progress in %s: %s", chat_id, exc.message)


async def _cancel(context: NewsContext, query: CallbackQuery, lang: str, broadcast_id: int) -> None:
    """The cancel button: the draft is dropped (and the tap audited)."""
    store, message = context.runtime.store, query.message
    assert message is not None
    ok = await store.broadcasts.cancel(broadcast_id)
    await store.audit.record(query.from_user.id, "broadcast:cancel", f"#{broadcast_id}", ok=ok)
    if not ok:
        await answer_query(query, t(lang, "cb.broadcast_gone"))
        return
    await answer_query(query, t(lang, "cb.broadcast_cancelled"))
    await _edit(
        context.bot, message.chat.id, message.message_id, t(lang, "adm.broadcast.cancelled")
    )


async def on_button(update: Update, context: NewsContext) -> None:
    """The broadcast's confirm and cancel buttons (admins only)."""
    query = update.callback_query
    if query is None:
        return
    user = query.from_user
    lang = await admin_lang(update, context)
    if not (query.data or "").startswith(CALLBACK_PREFIX):  # python-telegram-bot passes on a
        await answer_query(query, t(lang, "cb.stale"))  # press without data to every pattern
        return
    if not is_admin(context, user.id):
        await answer_query(query, t(lang, "cb.not_admin"))
        return
    match = _BROADCAST_DATA.match(query.data or "")
    message = query.message
    if match is None or message is None:
        await answer_query(query, t(lang, "cb.stale"))
        return
    action, broadcast_id = match.group(1), int(match.group(2))
    store = context.runtime.store
    if action == "no":
        await _cancel(context, query, lang, broadcast_id)
        return
    total = await store.broadcasts.start(
        broadcast_id, chat_id=message.chat.id, message_id=message.message_id
    )
    await store.audit.record(
        user.id, "broadcast:send", f"#{broadcast_id} to {total or 0} readers", ok=total is not None
    )
    if total is None:
        await answer_query(query, t(lang, "cb.broadcast_gone"))
        return
    await answer_query(query, t(lang, "cb.broadcast_started"))
    sender = context.runtime.sender
    if sender is not None:
        sender.wake()
    text = progress_text(lang, broadcast_id, Progress(total, total, 0, 0, 0), total)
    await _edit(context.bot, message.chat.id, message.message_id, text)
    tracker = context.runtime.broadcast_progress
    if tracker is not None:
        tracker.track(broadcast_id, lang, shown=text)

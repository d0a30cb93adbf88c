"""Every command, named once: the table that registers the handlers and builds the menus.

Handler order matters (python-telegram-bot runs the first handler of a group that matches):
the admin commands and their "adm:" buttons first, so the reader's catch-all button handler
never sees them; then /digest and /quiet; then the reader commands and the reader's
catch-alls (every other button, an unknown command, any other message); then inline mode
(inline queries and chosen inline results, updates of their own); the error handler last.
Menus: readers see the reader and digest commands in the order of COMMANDS, in English (the
default and "en") and Ukrainian ("uk"), in private chats only (the bot answers nowhere else);
admins see those and theirs, in their own chats.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    BaseHandler,
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.locales import t
from bot.telegram import digest
from bot.telegram.admin import broadcast, channels, sources, stats, stories, topics
from bot.telegram.common import Callback
from bot.telegram.errors import make_error_handler
from bot.telegram.reader import browse, follows, inline, onboarding, settings

log = logging.getLogger(__name__)

# The update types the handlers below answer; Telegram sends no others (getUpdates'
# `allowed_updates`). A handler for another type must add it here.
ALLOWED_UPDATES: tuple[str, ...] = (
    "message",
    "callback_query",
    "inline_query",
    "chosen_inline_result",
)

AnyApp = Application[Any, Any, Any, Any, Any, Any]


class Audience(enum.Enum):
    """Who a command is for; also the order the groups are registered in."""

    ADMIN = "admin"
    DIGEST = "digest"
    READER = "reader"


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    callback: Callback
    audience: Audience
    menu: bool = True  # shown in the command menu (its description is the text cmd.NAME)


A, D, R = Audience.ADMIN, Audience.DIGEST, Audience.READER

COMMANDS: tuple[Command, ...] = (
    Command("stats", stats.stats_command, A),
    Command("sources", sources.sources_command, A),
    Command("addsource", sources.addsource, A),
    Command("delsource", sources.delsource, A),
    Command("import", sources.import_command, A),
    Command("export", sources.export_command, A),
    Command("channels", channels.channels_command, A),
    Command("addchannel", channels.addchannel, A),
    Command("channel", channels.channel_command, A),
    Command("delchannel", channels.delchannel, A),
    Command("addtopic", topics.addtopic, A),
    Command("keywords", topics.keywords, A),
    Command("audit", stats.audit_command, A),
    Command("post", stories.post, A),
    Command("hold", stories.hold, A),
    Command("breaking", stories.breaking, A),
    Command("broadcast", broadcast.broadcast, A),
    Command("pause", stories.pause, A),
    Command("resume", stories.resume, A),
    Command("start", onboarding.start, R),
    Command("help", onboarding.help_command, R),
    Command("topics", onboarding.topics_command, R),
    Command("subscribe", onboarding.subscribe, R),
    Command("unsubscribe", onboarding.unsubscribe, R),
    Command("latest", browse.latest, R),
    Command("search", browse.search, R),
    Command("follow", follows.follow, R),
    Command("unfollow", follows.unfollow, R),
    Command("settings", settings.settings_command, R),
    Command("instant", settings.instant, R),
    Command("digest", digest.digest, D),
    Command("quiet", digest.quiet, D),
    Command("language", settings.language, R),
    Command("timezone", settings.timezone, R),
    Command("stop", onboarding.stop, R),
)

ADMIN_COMMANDS = tuple(c.name for c in COMMANDS if c.audience is A and c.menu)
READER_COMMANDS = tuple(c.name for c in COMMANDS if c.audience is not A and c.menu)

_IMPORT_CAPTION = re.compile(r"^/import(@\w+)?(\s|$)", re.IGNORECASE)


def _private() -> filters.BaseFilter:
    return filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


def _own() -> filters.BaseFilter:
    """A message the user wrote in a private chat: a forwarded one (`forward_origin`) keeps
    its text and its /command entities, but it is someone else's words, never a command."""
    return _private() & ~filters.FORWARDED


def _catch_alls(audience: Audience) -> list[BaseHandler[Any, Any, Any]]:
    """The handlers registered after an audience's commands."""
    own = _own()
    if audience is A:  # /import as a document's caption; the "adm:" buttons
        return [
            MessageHandler(
                own & filters.Document.ALL & filters.CaptionRegex(_IMPORT_CAPTION),
                sources.import_command,
            ),
            CallbackQueryHandler(broadcast.on_button, pattern=f"^{broadcast.CALLBACK_PREFIX}"),
        ]
    if audience is R:  # any other button; in private chats an unknown command, any message
        # (a forwarded one too, whatever it reads: it gets the pointer to /help)
        return [
            CallbackQueryHandler(onboarding.on_button),
            MessageHandler(own & filters.COMMAND, onboarding.unknown_command),
            MessageHandler(_private() & ~filters.StatusUpdate.ALL, onboarding.plain_text),
        ]
    return []


def register(app: AnyApp) -> None:
    """Every handler, in the order described above; commands answer in private chats only,
    and only the user's own: a forwarded message is never run as a command.

    In groups and channels the bot stays silent."""
    own = _own()
    for audience in Audience:
        for command in COMMANDS:
            if command.audience is audience:
                app.add_handler(CommandHandler(command.name, command.callback, filters=own))
        for handler in _catch_alls(audience):
            app.add_handler(handler)
    # Inline mode, in any chat: "@bot words" and the results people send (other update types:
    # no message handler above ever sees them).
    app.add_handler(InlineQueryHandler(inline.on_inline_query))
    app.add_handler(ChosenInlineResultHandler(inline.on_chosen_result))
    # Logs each unhandled error with its update and reports it to admins (one a minute).
    app.add_error_handler(make_error_handler())


def command_menu(lang: str) -> list[BotCommand]:
    """The readers' menu."""
    return [BotCommand(name, t(lang, f"cmd.{name}")) for name in READER_COMMANDS]


def admin_menu(lang: str) -> list[BotCommand]:
    """The reader commands and the admin commands: the menu admins see in their chat."""
    return [
        *command_menu(lang),
        *(BotCommand(name, t(lang, f"cmd.{name}")) for name in ADMIN_COMMANDS),
    ]


MENU_LANGUAGES: tuple[str | None, ...] = (None, "en", "uk")  # None: every other language


async def set_commands(bot: Bot) -> None:
    """The readers' menu, in private chats (BotCommandScopeAllPrivateChats): English by
    default and for "en", Ukrainian for "uk". The default scope, which groups show too, is
    emptied: older versions put the menu there, and in groups the bot never answers."""
    private = BotCommandScopeAllPrivateChats()
    for code in MENU_LANGUAGES:
        await bot.set_my_commands(command_menu(code or "en"), scope=private, language_code=code)
    for code in MENU_LANGUAGES:
        await bot.delete_my_commands(scope=BotCommandScopeDefault(), language_code=code)


async def set_admin_commands(
    bot: Bot, admin_ids: Sequence[int], former: Iterable[int] = ()
) -> None:
    """Admin commands appear only in the admins' own chats (BotCommandScopeChat), in English
    and Ukrainian; an admin who never started the bot is logged and skipped. The chats of
    `former` admins (no longer in ADMIN_IDS) lose theirs: they see the readers' menu again."""
    for chat_id in sorted(set(former) - set(admin_ids)):
        try:
            for code in MENU_LANGUAGES:
                await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id), language_code=code)
        except TelegramError as exc:
            log.warning("could not remove the admin command menu of %s: %s", chat_id, exc)
    for admin_id in sorted(admin_ids):
        scope = BotCommandScopeChat(admin_id)
        try:
            for code in MENU_LANGUAGES:
                await bot.set_my_commands(admin_menu(code or "en"), scope=scope, language_code=code)
        except TelegramError as exc:
            log.warning("could not set the admin command menu for %s: %s", admin_id, exc)

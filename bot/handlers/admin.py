"""Admin commands (DESIGN.md, "Admin commands"): editors run the bot from Telegram.

Only users in ADMIN_IDS may use them; anyone else gets a polite refusal and nothing changes
(nothing is written, not even to the audit table). Every admin command, and every tap on an
admin button, is recorded in the audit table: who, what (the command and its arguments),
when, and whether it did what was asked.

Handlers stay thin: parsing and replies here, the work in the store, bot.ops.stats,
bot.ingest.opml / bot.ingest.sourcelist and the sender. Buttons use callback data starting
with "adm:", so the reader's catch-all button handler (registered after these) never sees
them.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    ChatMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import RUNTIME_KEY, NewsContext
from bot.delivery.router import channel_deliveries
from bot.delivery.schedule import zone_of
from bot.handlers.common import parse_id
from bot.handlers.reader import (
    command_menu,
    command_text,
    echo,
    lines,
    reply,
    resolve_topics,
    topic_names,
)
from bot.ingest.canonical import is_http_url
from bot.ingest.opml import MAX_BYTES as OPML_MAX_BYTES
from bot.ingest.opml import OpmlError, parse_opml
from bot.ingest.sourcelist import export_sources, import_sources
from bot.ingest.tagging import retag
from bot.ingest.topics import rule_lemmas
from bot.locales import language_from_code, t
from bot.models import Topic, to_iso, utcnow
from bot.ops.stats import chart_png, gather_stats
from bot.render import RenderError, check_html, clean_line, trim_words
from bot.runtime import Runtime
from bot.store.broadcasts import Progress
from bot.store.outbox import PRIORITY
from bot.store.store import Store

log = logging.getLogger(__name__)

ADMIN_COMMANDS = (
    "stats",
    "sources",
    "addsource",
    "delsource",
    "import",
    "export",
    "channels",
    "addchannel",
    "delchannel",
    "addtopic",
    "keywords",
    "audit",
    "post",
    "hold",
    "broadcast",
    "pause",
    "resume",
)

CALLBACK_PREFIX = "adm:"
AUDIT_LIMIT = 20
MESSAGE_BUDGET = 3500  # visible characters per message of a long list
PROGRESS_INTERVAL = 1.0  # seconds between looks at a broadcast's progress
ERROR_REPORT_INTERVAL = 60.0  # at most one error report to admins a minute
TRACKERS_KEY = "newsbot.admin.trackers"
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
TITLE_LIMIT = 64
URL_SHOWN = 200  # characters of a URL quoted back
KEYWORD_LIMIT = 64
MAX_KEYWORDS = 200
_IMPORT_CAPTION = re.compile(r"^/import(@\w+)?(\s|$)", re.IGNORECASE)
_BROADCAST_DATA = re.compile(r"^adm:bc:(go|no):([0-9]{1,12})$")

ON_WORDS = frozenset({"on", "yes", "1", "true"})
OFF_WORDS = frozenset({"off", "no", "0", "false"})


@dataclass(frozen=True, slots=True)
class Admin:
    """Who is running the command, in which language, with which arguments."""

    user_id: int
    lang: str
    args: str


AdminHandler = Callable[[Update, NewsContext, Admin], Coroutine[Any, Any, bool]]
Callback = Callable[[Update, NewsContext], Coroutine[Any, Any, None]]


# --- small pure helpers -----------------------------------------------------------------


def parse_target(text: str) -> tuple[int, int] | None:
    """ "-100123" or "-100123:42" -> (chat_id, thread_id); None when it is neither (ASCII
    digits within SQLite's 64-bit integers only)."""
    chat, sep, thread = text.strip().partition(":")
    chat_id = parse_id(chat, signed=True)
    thread_id = parse_id(thread) if sep else 0
    if chat_id is None or thread_id is None:
        return None
    if chat_id == 0 or (sep and thread_id == 0):
        return None
    return chat_id, thread_id


def target_text(chat_id: int, thread_id: int) -> str:
    return f"{chat_id}:{thread_id}" if thread_id else str(chat_id)


def parse_switch(value: str) -> bool | None:
    word = value.strip().casefold()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    return None


def split_keywords(text: str) -> tuple[list[str], list[str]]:
    """ "a b, -c, d" -> (["a b", "d"], ["c"]): words to add and words to remove."""
    add: list[str] = []
    remove: list[str] = []
    for part in text.split(","):
        word = " ".join(part.split()).casefold()
        if not word:
            continue
        if word.startswith("-") and len(word) > 1:
            remove.append(word[1:].strip()[:KEYWORD_LIMIT])
        else:
            add.append(word[:KEYWORD_LIMIT])
    return list(dict.fromkeys(add)), list(dict.fromkeys(remove))


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


def pack(parts: Sequence[str], budget: int = MESSAGE_BUDGET) -> list[str]:
    """Lines joined into as few messages as fit Telegram's limit (never a line cut)."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for part in parts:
        length = len(part) + 1
        if current and size + length > budget:
            messages.append("\n".join(current))
            current, size = [], 0
        current.append(part)
        size += length
    if current:
        messages.append("\n".join(current))
    return messages


def one_line(text: str, limit: int = 300) -> str:
    return trim_words(clean_line(text), limit)


# --- access, audit and replies ----------------------------------------------------------


def runtime_of(context: NewsContext) -> Runtime:
    return context.runtime


def is_admin(context: NewsContext, user_id: int | None) -> bool:
    return user_id is not None and user_id in context.runtime.settings.admin_ids


async def _lang(update: Update, context: NewsContext) -> str:
    user = update.effective_user
    if user is not None:
        known = await context.runtime.store.readers.language_of(user.id)
        if known:
            return known
    return language_from_code(user.language_code if user else None)


async def say(update: Update, lang: str, *parts: str) -> None:
    """Reply with these lines, split over several messages when they are long."""
    for text in pack([p for p in parts if p]):
        await reply(update, text, lang=lang)


def admin_command(name: str) -> Callable[[AdminHandler], Callback]:
    """Admins only (others: a polite refusal, nothing changes); audit what admins do.

    The handler returns whether it did what was asked (False for bad arguments, a refused
    channel ...); an exception is recorded as a failure and passed on to the error handler.
    """

    def decorate(handler: AdminHandler) -> Callback:
        @functools.wraps(handler)
        async def wrapper(update: Update, context: NewsContext) -> None:
            user = update.effective_user
            lang = await _lang(update, context)
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


async def _known_topics(context: NewsContext) -> list[Topic]:
    return await context.runtime.store.topics.all()


async def _topics_or_error(
    update: Update, context: NewsContext, lang: str, words: Sequence[str]
) -> list[str] | None:
    """Slugs of the topics named, or None after telling the admin which ones are unknown."""
    if not words:
        return []
    topics = await _known_topics(context)
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


def _when(runtime: Runtime, moment: Any, lang: str) -> str:
    if moment is None:
        return t(lang, "adm.word.never")
    zone = zone_of(None, runtime.settings.timezone)
    return str(moment.astimezone(zone).strftime(t(lang, "fmt.datetime")))


# --- /stats -----------------------------------------------------------------------------


@admin_command("stats")
async def stats_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime = runtime_of(context)
    lang = admin.lang
    zone = ZoneInfo(runtime.settings.timezone)
    now = utcnow()
    stats = await gather_stats(runtime.store, now=now, zone=zone)
    titles = {topic.slug: topic.title(lang) for topic in await _known_topics(context)}
    per_topic = ", ".join(f"{titles.get(slug, slug)} {number(n)}" for slug, n in stats.per_topic)
    age = stats.oldest_pending_age
    parts = [
        t(lang, "adm.stats.title", time=_when(runtime, now, lang)),
        t(lang, "adm.stats.paused") if stats.paused else "",
        t(
            lang,
            "adm.stats.readers",
            active=number(stats.readers_active),
            inactive=number(stats.readers_inactive),
        ),
        t(lang, "adm.stats.per_topic", topics=per_topic or "-"),
        t(
            lang,
            "adm.stats.stories",
            today=number(stats.stories_today),
            week=number(stats.stories_week),
        ),
        t(
            lang,
            "adm.stats.messages",
            sent=number(stats.sent_today),
            failed=number(stats.failed_today),
        ),
        t(
            lang,
            "adm.stats.backlog",
            pending=number(stats.pending),
            minutes=int(age.total_seconds() // 60) if age else 0,
        )
        if stats.pending
        else t(lang, "adm.stats.backlog_empty"),
        t(lang, "adm.stats.sources"),
    ]
    if not stats.sources:
        parts.append(t(lang, "adm.stats.no_sources"))
    for s in stats.sources:
        values: dict[str, object] = {
            "id": s.id,
            "name": trim_words(clean_line(s.title or s.url), 80),
            "success": _when(runtime, s.last_success_at, lang),
            "items": number(s.items_24h),
        }
        if s.last_error:
            parts.append(t(lang, "adm.stats.source_error", error=one_line(s.last_error), **values))
        else:
            parts.append(t(lang, "adm.stats.source", **values))
    await say(update, lang, *parts)
    png = await chart_png(
        stats.hourly,
        zone=zone,
        title=t(lang, "fmt.chart_title"),
        ylabel=t(lang, "fmt.chart_ylabel"),
    )
    message = update.effective_message
    if message is not None:
        await message.reply_photo(
            InputFile(png, filename="sent-per-hour.png"),
            caption=t(lang, "adm.stats.caption"),
            parse_mode=ParseMode.HTML,
            do_quote=False,
        )
    return True


# --- sources ----------------------------------------------------------------------------


@admin_command("sources")
async def sources_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = runtime_of(context), admin.lang
    sources = await runtime.store.sources.all()
    if not sources:
        await reply(update, t(lang, "adm.sources.empty"), lang=lang)
        return True
    items = []
    for s in sources:
        if s.last_error:
            health = t(
                lang, "adm.health.failing", count=s.error_count, error=one_line(s.last_error)
            )
        elif s.last_success_at:
            health = t(lang, "adm.health.ok", time=_when(runtime, s.last_success_at, lang))
        else:
            health = t(lang, "adm.health.never")
        items.append(
            t(
                lang,
                "adm.sources.item",
                id=s.id,
                url=trim_words(s.url, 200),
                topics=",".join(s.topics) or t(lang, "adm.word.all"),
                interval=s.interval,
                health=Markup(health),
            )
        )
    await say(update, lang, t(lang, "adm.sources.title", count=len(sources)), *items)
    return True


@admin_command("addsource")
async def addsource(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = runtime_of(context), admin.lang
    words = admin.args.replace(",", " ").split()
    if not words:
        await reply(update, t(lang, "adm.addsource.usage"), lang=lang)
        return False
    url = words[0]
    if not is_http_url(url):
        await reply(update, t(lang, "adm.addsource.bad_url", url=echo(url)), lang=lang)
        return False
    shown = one_line(url, URL_SHOWN)
    topics = await _topics_or_error(update, context, lang, words[1:])
    if topics is None:
        return False
    store = runtime.store
    source_id = await store.sources.add(
        url, topics=topics, interval=runtime.settings.default_source_interval
    )
    if source_id is None:
        existing = next((s for s in await store.sources.all() if s.url == url), None)
        await reply(
            update,
            t(lang, "adm.addsource.exists", url=shown, id=existing.id if existing else "?"),
            lang=lang,
        )
        return False
    source = await store.sources.get(source_id)
    assert source is not None and runtime.ingestor is not None
    report = await runtime.ingestor.fetch_source(source)
    if report.error:
        text = t(
            lang,
            "adm.addsource.fetch_failed",
            id=source_id,
            url=shown,
            error=one_line(report.error),
        )
    else:
        r = report.result
        text = t(
            lang,
            "adm.addsource.added",
            id=source_id,
            url=shown,
            new=r.new,
            updated=r.updated,
            skipped=r.skipped,
        )
    await reply(update, text, lang=lang)
    return True


@admin_command("delsource")
async def delsource(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    source_id = parse_id(admin.args)
    if source_id is None:
        await reply(update, t(lang, "adm.delsource.usage"), lang=lang)
        return False
    source = await store.sources.get(source_id)
    if source is None or not await store.sources.remove(source.id):
        await reply(update, t(lang, "adm.delsource.missing", id=source_id), lang=lang)
        return False
    await reply(update, t(lang, "adm.delsource.done", id=source.id, url=source.url), lang=lang)
    return True


@admin_command("import")
async def import_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    """/import as the caption of an OPML document, or as a reply to one."""
    lang = admin.lang
    message = update.effective_message
    document = None
    if message is not None:
        document = message.document or (
            message.reply_to_message.document if message.reply_to_message else None
        )
    if document is None:
        await reply(update, t(lang, "adm.import.usage"), lang=lang)
        return False
    if document.file_size and document.file_size > OPML_MAX_BYTES:
        await reply(update, t(lang, "adm.import.too_big", mb=OPML_MAX_BYTES // 2**20), lang=lang)
        return False
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.info("could not download the /import file: %s", exc)
        await reply(update, t(lang, "adm.import.unavailable", error=one_line(str(exc))), lang=lang)
        return False
    try:
        doc = parse_opml(data)
    except OpmlError as exc:
        await reply(update, t(lang, "adm.import.bad", error=str(exc)), lang=lang)
        return False
    runtime = context.runtime
    result = await import_sources(
        runtime.store, doc, interval=runtime.settings.default_source_interval
    )
    await reply(
        update,
        t(
            lang,
            "adm.import.done",
            added=len(result.added),
            existing=len(result.existing),
            skipped=len(result.skipped),
        ),
        lang=lang,
    )
    return True


@admin_command("export")
async def export_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    lang = admin.lang
    data, count = await export_sources(context.runtime.store)
    message = update.effective_message
    if not count:
        await reply(update, t(lang, "adm.export.empty"), lang=lang)
        return True
    if message is not None:
        await message.reply_document(
            InputFile(data, filename="newsbot-sources.opml"),
            caption=t(lang, "adm.export.caption", count=count),
            parse_mode=ParseMode.HTML,
            do_quote=False,
        )
    return True


# --- channels ---------------------------------------------------------------------------


@admin_command("channels")
async def channels_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    lang = admin.lang
    rows = await context.runtime.store.db.fetchall(
        "SELECT chat_id, thread_id, title FROM channels ORDER BY chat_id, thread_id"
    )
    titles = {(r["chat_id"], r["thread_id"]): r["title"] for r in rows}
    channels = await context.runtime.store.channels.all()
    if not channels:
        await reply(update, t(lang, "adm.channels.empty"), lang=lang)
        return True
    on, off = t(lang, "adm.word.on"), t(lang, "adm.word.off")
    items = [
        t(
            lang,
            "adm.channels.item",
            target=c.target,
            title=trim_words(clean_line(titles.get((c.chat_id, c.thread_id)) or ""), 80),
            topics=",".join(c.topics) or t(lang, "adm.word.all"),
            preview=on if c.link_preview else off,
            silent=on if c.silent else off,
        )
        for c in channels
    ]
    await say(update, lang, t(lang, "adm.channels.title", count=len(channels)), *items)
    return True


async def _can_post(
    bot: Bot, chat_id: int, thread_id: int, lang: str
) -> tuple[str | None, str | None]:
    """(error text, chat title): whether the bot may post to this chat (and forum topic)."""
    target = target_text(chat_id, thread_id)
    try:
        chat = await bot.get_chat(chat_id)
    except (BadRequest, Forbidden):
        return t(lang, "adm.addchannel.not_found", target=target), None
    title = chat.title or chat.username or str(chat_id)
    if chat.type == ChatType.PRIVATE:
        return t(lang, "adm.addchannel.private", target=target), title
    if thread_id and not chat.is_forum:
        return t(lang, "adm.addchannel.not_forum", title=title, target=target, thread=thread_id), (
            title
        )
    try:
        member: ChatMember = await bot.get_chat_member(chat_id, bot.id)
    except (BadRequest, Forbidden):
        return t(lang, "adm.addchannel.not_admin", title=title, target=target), title
    status = member.status
    if status == ChatMemberStatus.OWNER:
        return None, title
    if status == ChatMemberStatus.ADMINISTRATOR:
        if chat.type == ChatType.CHANNEL and not getattr(member, "can_post_messages", False):
            return t(lang, "adm.addchannel.no_rights", title=title, target=target), title
        return None, title
    if chat.type != ChatType.CHANNEL and status == ChatMemberStatus.MEMBER:
        return None, title  # anyone in a group may post; admin rights are not needed
    if status == ChatMemberStatus.RESTRICTED and getattr(member, "can_send_messages", False):
        return None, title
    return t(lang, "adm.addchannel.not_admin", title=title, target=target), title


@admin_command("addchannel")
async def addchannel(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    words = admin.args.split()
    if not words:
        await reply(update, t(lang, "adm.addchannel.usage"), lang=lang)
        return False
    target = parse_target(words[0])
    if target is None:
        await reply(update, t(lang, "adm.addchannel.bad_target", target=echo(words[0])), lang=lang)
        return False
    chat_id, thread_id = target
    options: dict[str, bool] = {}
    topic_words: list[str] = []
    for word in words[1:]:
        name, sep, value = word.partition("=")
        if sep:
            switch = parse_switch(value)
            if name.casefold() not in ("preview", "silent") or switch is None:
                await reply(
                    update,
                    t(
                        lang,
                        "adm.addchannel.bad_option",
                        option=Markup("<code>{}</code>").format(echo(word)),
                    ),
                    lang=lang,
                )
                return False
            options[name.casefold()] = switch
        else:
            topic_words.append(word)
    topics = await _topics_or_error(update, context, lang, topic_words)
    if topics is None:
        return False
    error, title = await _can_post(context.bot, chat_id, thread_id, lang)
    if error is not None:
        await reply(update, error, lang=lang)
        return False
    new = await store.channels.add(chat_id, thread_id, topics)
    await store.channels.set_options(
        chat_id,
        thread_id,
        link_preview=options.get("preview"),
        silent=options.get("silent"),
        title=title,
    )
    channel = await store.channels.get(chat_id, thread_id)
    assert channel is not None
    on, off = t(lang, "adm.word.on"), t(lang, "adm.word.off")
    await reply(
        update,
        t(
            lang,
            "adm.addchannel.added" if new else "adm.addchannel.updated",
            title=title or "",
            target=channel.target,
            topics=",".join(channel.topics) or t(lang, "adm.word.all"),
            preview=on if channel.link_preview else off,
            silent=on if channel.silent else off,
        ),
        lang=lang,
    )
    return True


@admin_command("delchannel")
async def delchannel(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    words = admin.args.split()
    if len(words) != 1:
        await reply(update, t(lang, "adm.delchannel.usage"), lang=lang)
        return False
    target = parse_target(words[0])
    if target is None:
        await reply(update, t(lang, "adm.addchannel.bad_target", target=echo(words[0])), lang=lang)
        return False
    chat_id, thread_id = target
    removed = await store.channels.remove(chat_id, thread_id or None)
    shown = target_text(chat_id, thread_id)
    if not removed:
        await reply(update, t(lang, "adm.delchannel.missing", target=shown), lang=lang)
        return False
    await reply(update, t(lang, "adm.delchannel.done", count=removed, target=shown), lang=lang)
    return True


# --- topics -----------------------------------------------------------------------------


@admin_command("addtopic")
async def addtopic(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = runtime_of(context), admin.lang
    parts = admin.args.split(maxsplit=1)
    if len(parts) != 2 or "|" not in parts[1]:
        await reply(update, t(lang, "adm.addtopic.usage"), lang=lang)
        return False
    slug = parts[0].casefold()
    title_en, _, title_uk = (clean_line(p) for p in parts[1].partition("|"))
    title_en, title_uk = title_en[:TITLE_LIMIT].strip(), title_uk[:TITLE_LIMIT].strip()
    if not SLUG.match(slug):
        await reply(update, t(lang, "adm.addtopic.bad_slug", slug=echo(parts[0])), lang=lang)
        return False
    if not title_en or not title_uk or "|" in title_uk:
        await reply(update, t(lang, "adm.addtopic.usage"), lang=lang)
        return False
    if not await runtime.store.topics.add(slug, title_en, title_uk):
        await reply(update, t(lang, "adm.addtopic.exists", slug=slug), lang=lang)
        return False
    runtime.renderer.topics[slug] = Topic(slug, title_en, title_uk)
    await reply(
        update, t(lang, "adm.addtopic.done", slug=slug, en=title_en, uk=title_uk), lang=lang
    )
    return True


@admin_command("keywords")
async def keywords(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    parts = admin.args.split(maxsplit=1)
    if len(parts) != 2:
        await reply(update, t(lang, "adm.keywords.usage"), lang=lang)
        return False
    topics = await _known_topics(context)
    topic = next((tp for tp in topics if tp.slug == parts[0].casefold()), None)
    if topic is None:
        await reply(
            update,
            t(
                lang,
                "adm.topics.unknown",
                names=Markup("<code>{}</code>").format(echo(parts[0])),
                topics=topic_names(topics, lang),
            ),
            lang=lang,
        )
        return False
    typed, remove = split_keywords(parts[1])
    # Rules compare lemmas: words typed in any form are stored (and shown) as their lemmas.
    add = [k for k in dict.fromkeys(rule_lemmas(word) for word in typed) if k]
    drop = {*remove, *(rule_lemmas(word) for word in remove)}
    if not add and not remove:
        await reply(update, t(lang, "adm.keywords.usage"), lang=lang)
        return False
    words = [k for k in dict.fromkeys([*topic.keywords, *add]) if k not in drop]
    await store.topics.set_keywords(topic.slug, words[:MAX_KEYWORDS])
    await say(
        update,
        lang,
        t(
            lang,
            "adm.keywords.done",
            slug=topic.slug,
            count=len(words[:MAX_KEYWORDS]),
            keywords=", ".join(words[:MAX_KEYWORDS]) or "-",
        ),
    )
    return True


# --- audit ------------------------------------------------------------------------------


@admin_command("audit")
async def audit_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = runtime_of(context), admin.lang
    entries = await runtime.store.audit.latest(AUDIT_LIMIT)
    if not entries:
        await reply(update, t(lang, "adm.audit.empty"), lang=lang)
        return True
    items = [
        t(
            lang,
            "adm.audit.item",
            mark="✅" if e.ok else "❌",
            time=_when(runtime, e.at, lang),
            admin=e.admin_id,
            action=f"{e.action} {trim_words(e.detail, 120)}".strip(),
        )
        for e in entries
    ]
    await say(update, lang, t(lang, "adm.audit.title", count=len(entries)), *items)
    return True


# --- stories ----------------------------------------------------------------------------


async def _story_arg(update: Update, context: NewsContext, admin: Admin, usage: str) -> Any:
    article_id = parse_id(admin.args.strip().lstrip("#"))
    if article_id is None:
        await reply(update, t(admin.lang, usage), lang=admin.lang)
        return None
    article = await context.runtime.store.articles.get(article_id)
    if article is None:
        await reply(update, t(admin.lang, "adm.story.missing", id=article_id), lang=admin.lang)
    return article


@admin_command("post")
async def post(update: Update, context: NewsContext, admin: Admin) -> bool:
    """Push a story now, however old: unhold it, queue it for channels and instant readers."""
    runtime, lang = runtime_of(context), admin.lang
    article = await _story_arg(update, context, admin, "adm.post.usage")
    if article is None:
        return False
    store = runtime.store
    await store.articles.set_held(article.id, False)
    tagged = await retag(store, [article.id])
    article.topics = tagged.get(article.id, article.topics)
    requeued = await store.outbox.unhold_story(article.id)
    channel_rows = channel_deliveries(article, await store.channels.all())
    to_channels = await store.outbox.enqueue(channel_rows)
    follows = [
        query
        for query in await store.readers.follow_queries()
        if await store.articles.matching(query, [article.id])
    ]
    to_readers = await store.readers.enqueue_instant(
        article_id=article.id,
        published_at=to_iso(article.published_at),
        rev=article.rev,
        topics=article.topics,
        follow_queries=follows,
        priority=PRIORITY["instant"],
    )
    queued = requeued + to_channels + to_readers
    if runtime.sender is not None:
        runtime.sender.wake()
    text = t(
        lang,
        "adm.post.done",
        id=article.id,
        title=trim_words(clean_line(article.title), 100),
        queued=queued,
        channels=to_channels,
        readers=to_readers,
    )
    if await store.is_paused():
        text = lines(text, t(lang, "adm.post.paused"))
    await reply(update, text, lang=lang)
    return True


@admin_command("hold")
async def hold(update: Update, context: NewsContext, admin: Admin) -> bool:
    """Never push this story; what is still waiting of a fan-out under way is dropped."""
    store, lang = context.runtime.store, admin.lang
    article = await _story_arg(update, context, admin, "adm.hold.usage")
    if article is None:
        return False
    await store.articles.set_held(article.id, True)
    stopped = await store.outbox.hold_story(article.id)
    await reply(
        update,
        t(
            lang,
            "adm.hold.done",
            id=article.id,
            title=trim_words(clean_line(article.title), 100),
            stopped=stopped,
        ),
        lang=lang,
    )
    return True


@admin_command("pause")
async def pause(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    if await store.is_paused():
        await reply(update, t(lang, "adm.pause.already"), lang=lang)
        return True
    await store.set_paused(True)
    await reply(update, t(lang, "adm.pause.done"), lang=lang)
    return True


@admin_command("resume")
async def resume(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = runtime_of(context), admin.lang
    store = runtime.store
    if not await store.is_paused():
        await reply(update, t(lang, "adm.resume.already"), lang=lang)
        return True
    await store.set_paused(False)
    if runtime.sender is not None:
        runtime.sender.wake()
    pending = (await store.outbox.counts()).get("pending", 0)
    await reply(update, t(lang, "adm.resume.done", pending=number(pending)), lang=lang)
    return True


# --- /broadcast -------------------------------------------------------------------------


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
    if not text:
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


async def track_broadcast(
    bot: Bot,
    store: Store,
    broadcast_id: int,
    *,
    lang: str,
    interval: float = PROGRESS_INTERVAL,
) -> None:
    """Edit the progress message in place until every row is sent or given up; then the
    final count, and the broadcast is marked done."""
    shown = ""
    while True:
        b = await store.broadcasts.get(broadcast_id)
        if b is None or b.chat_id is None or b.message_id is None:
            return
        progress = await store.broadcasts.progress(broadcast_id)
        text = progress_text(lang, broadcast_id, progress, b.total)
        if text != shown:
            try:
                await _edit(bot, b.chat_id, b.message_id, text)
                shown = text
            except TelegramError as exc:  # a 429 or a network error: try again next time
                log.warning("broadcast %s progress not shown: %s", broadcast_id, exc)
        if progress.finished and text == shown:
            await store.broadcasts.finish(broadcast_id)
            log.info("broadcast %s done: %s", broadcast_id, progress)
            return
        await asyncio.sleep(interval)


def start_tracking(
    app: Application[Any, Any, Any, Any, Any, Any], broadcast_id: int, lang: str
) -> None:
    runtime = app.bot_data[RUNTIME_KEY]
    assert isinstance(runtime, Runtime)
    tasks: set[asyncio.Task[None]] = app.bot_data.setdefault(TRACKERS_KEY, set())
    task = asyncio.create_task(
        track_broadcast(app.bot, runtime.store, broadcast_id, lang=lang),
        name=f"broadcast-{broadcast_id}",
    )
    tasks.add(task)
    task.add_done_callback(tasks.discard)


async def on_button(update: Update, context: NewsContext) -> None:
    """The broadcast's confirm and cancel buttons (admins only)."""
    query = update.callback_query
    if query is None:
        return
    user = query.from_user
    lang = await _lang(update, context)
    if not is_admin(context, user.id):
        await query.answer(t(lang, "cb.not_admin"))
        return
    match = _BROADCAST_DATA.match(query.data or "")
    message = query.message
    if match is None or message is None:
        await query.answer(t(lang, "cb.stale"))
        return
    action, broadcast_id = match.group(1), int(match.group(2))
    store = context.runtime.store
    if action == "no":
        ok = await store.broadcasts.cancel(broadcast_id)
        await store.audit.record(user.id, "broadcast:cancel", f"#{broadcast_id}", ok=ok)
        if not ok:
            await query.answer(t(lang, "cb.broadcast_gone"))
            return
        await query.answer(t(lang, "cb.broadcast_cancelled"))
        await _edit(
            context.bot, message.chat.id, message.message_id, t(lang, "adm.broadcast.cancelled")
        )
        return
    total = await store.broadcasts.start(
        broadcast_id, chat_id=message.chat.id, message_id=message.message_id
    )
    await store.audit.record(
        user.id, "broadcast:send", f"#{broadcast_id} to {total or 0} readers", ok=total is not None
    )
    if total is None:
        await query.answer(t(lang, "cb.broadcast_gone"))
        return
    await query.answer(t(lang, "cb.broadcast_started"))
    sender = context.runtime.sender
    if sender is not None:
        sender.wake()
    await _edit(
        context.bot,
        message.chat.id,
        message.message_id,
        progress_text(lang, broadcast_id, Progress(total, total, 0, 0, 0), total),
    )
    start_tracking(context.application, broadcast_id, lang)


# --- errors -----------------------------------------------------------------------------


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
        log.error("error while handling %s", where, exc_info=error)
        runtime = context.application.bot_data.get(RUNTIME_KEY)
        if not isinstance(runtime, Runtime) or not runtime.settings.admin_ids:
            return
        now = time.monotonic()
        if now - last < interval:
            return
        last = now
        detail = one_line(f"{type(error).__name__}: {error}" if error else "unknown error", 300)
        for admin_id in sorted(runtime.settings.admin_ids):
            lang = await runtime.store.readers.language_of(admin_id) or "en"
            with contextlib.suppress(TelegramError):
                await context.bot.send_message(
                    admin_id,
                    t(lang, "adm.error_report", where=where, error=detail),
                    parse_mode=ParseMode.HTML,
                )

    return on_error


# --- wiring -----------------------------------------------------------------------------

COMMANDS: dict[str, Callback] = {
    "stats": stats_command,
    "sources": sources_command,
    "addsource": addsource,
    "delsource": delsource,
    "import": import_command,
    "export": export_command,
    "channels": channels_command,
    "addchannel": addchannel,
    "delchannel": delchannel,
    "addtopic": addtopic,
    "keywords": keywords,
    "audit": audit_command,
    "post": post,
    "hold": hold,
    "broadcast": broadcast,
    "pause": pause,
    "resume": resume,
}


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the admin handlers; call before `reader.register` (its catch-alls come last)."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    for name, callback in COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=private))
    app.add_handler(
        MessageHandler(
            private & filters.Document.ALL & filters.CaptionRegex(_IMPORT_CAPTION),
            import_command,
        )
    )
    app.add_handler(CallbackQueryHandler(on_button, pattern=f"^{CALLBACK_PREFIX}"))


def admin_menu(lang: str) -> list[BotCommand]:
    """The reader commands and the admin commands: the menu admins see in their chat."""
    return [
        *command_menu(lang),
        *(BotCommand(name, t(lang, f"cmd.{name}")) for name in ADMIN_COMMANDS),
    ]


async def set_admin_commands(bot: Bot, admin_ids: Sequence[int]) -> None:
    """Admin commands appear only in the admins' own chats (BotCommandScopeChat), in English
    and Ukrainian; an admin who never started the bot is logged and skipped."""
    for admin_id in sorted(admin_ids):
        scope = BotCommandScopeChat(admin_id)
        try:
            await bot.set_my_commands(admin_menu("en"), scope=scope)
            await bot.set_my_commands(admin_menu("en"), scope=scope, language_code="en")
            await bot.set_my_commands(admin_menu("uk"), scope=scope, language_code="uk")
        except TelegramError as exc:
            log.warning("could not set the admin command menu for %s: %s", admin_id, exc)


async def resume_tracking(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """After a restart: keep showing the progress of broadcasts still being sent."""
    runtime = app.bot_data[RUNTIME_KEY]
    assert isinstance(runtime, Runtime)
    for b in await runtime.store.broadcasts.sending():
        lang = await runtime.store.readers.language_of(b.admin_id) or "en"
        start_tracking(app, b.id, lang)


async def stop_tracking(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    tasks: set[asyncio.Task[None]] = app.bot_data.get(TRACKERS_KEY, set())
    for task in list(tasks):
        task.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
    tasks.clear()

"""Reader commands (DESIGN.md, "Reader commands"): thin handlers over the store.

Every text comes from bot.locales or templates/reader; every reply is Telegram HTML checked with
`check_html` before it goes out, so nothing a reader types can produce a message Telegram
rejects. A command from someone not registered yet registers them first (language from
Telegram's language_code); only /start reactivates a reader who stopped or blocked the bot.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from markupsafe import Markup
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import NewsContext
from bot.delivery.schedule import zone_of
from bot.handlers.common import MAX_PARTS, split_html
from bot.ingest.topics import match_topic
from bot.locales import language_from_code, markup, t
from bot.models import Article, Topic
from bot.render import RenderError, check_html, clean_line, safe_url, trim_words
from bot.render.keyboards import (
    AllTopics,
    NoTopics,
    SearchPage,
    Toggle,
    parse_callback,
    search_pager,
    topic_picker,
)
from bot.store.readers import Reader
from bot.text.search import display_terms, fts_query

log = logging.getLogger(__name__)

LATEST_LIMIT = 10
SEARCH_PAGE_SIZE = 5
MAX_FOLLOWS = 20
MAX_SEARCHES = 20  # searches remembered per chat for the "more" button
MAX_TOPIC_TOKENS = 50  # words of /subscribe etc. looked at
MAX_TOPIC_WORDS = 4  # a topic title may have this many words
MAX_ECHOED = 5  # unknown names quoted back
ECHO_LIMIT = 60
HEADLINE_LIMIT = 200
SEARCHES_KEY = "reader.searches"

READER_COMMANDS = (
    "start",
    "help",
    "topics",
    "subscribe",
    "unsubscribe",
    "latest",
    "search",
    "follow",
    "unfollow",
    "settings",
    "instant",
    "digest",
    "quiet",
    "language",
    "timezone",
    "stop",
)

# What readers may type as arguments (input vocabulary, not texts the bot says).
ALL_WORDS = frozenset({"all", "усі", "всі", "все"})
ON_WORDS = frozenset({"on", "yes", "1", "так", "увімк", "увімкнути"})
OFF_WORDS = frozenset({"off", "no", "0", "ні", "вимк", "вимкнути"})
LANGUAGE_WORDS = {
    "en": frozenset({"en", "eng", "english", "англійська", "англ"}),
    "uk": frozenset({"uk", "ua", "ukr", "ukrainian", "українська", "укр"}),
}

Callback = Callable[[Update, NewsContext], Coroutine[Any, Any, None]]
ReaderCallback = Callable[[Update, NewsContext, Reader], Coroutine[Any, Any, None]]


# --- small pure helpers -----------------------------------------------------------------


def command_text(text: str | None) -> str:
    """What follows the command in a message ("/search a b" -> "a b")."""
    parts = (text or "").strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def echo(text: str) -> str:
    """User input fit to be quoted back: one clean line, cut short."""
    return trim_words(clean_line(text), ECHO_LIMIT)


def quoted(names: Sequence[str]) -> Markup:
    """Names the reader typed, each in <code>, a few at most."""
    shown = list(dict.fromkeys(name for name in (echo(n) for n in names) if name))[:MAX_ECHOED]
    return Markup(", ").join(Markup("<code>{}</code>").format(name) for name in shown)


def topic_words(text: str) -> list[str]:
    """The words of a list of topics ("war, sport" -> ["war", "sport"]), a few at most."""
    return text.replace(",", " ").split()[:MAX_TOPIC_TOKENS]


def resolve_topics(text: str, topics: Sequence[Topic]) -> tuple[list[Topic], list[str]]:
    """Topics named in `text` (slugs or titles in either language, any case, commas or
    spaces between them, titles of several words too) and the words that name none."""
    tokens = topic_words(text)
    found: list[Topic] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_TOPIC_WORDS, len(tokens) - i), 0, -1):
            topic = match_topic(" ".join(tokens[i : i + size]), topics)
            if topic is not None:
                if topic not in found:
                    found.append(topic)
                i += size
                break
        else:
            unknown.append(tokens[i])
            i += 1
    return found, unknown


def deep_link_topics(payload: str, topics: Sequence[Topic]) -> tuple[list[Topic], list[str]]:
    """Topics of a /start payload: a slug, or several joined by "-"."""
    whole = match_topic(payload, topics)
    if whole is not None:
        return [whole], []
    found: list[Topic] = []
    unknown: list[str] = []
    for part in (p for p in payload.split("-") if p):
        topic = match_topic(part, topics)
        if topic is None:
            unknown.append(part)
        elif topic not in found:
            found.append(topic)
    return found, unknown


def word_in(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether the argument is one of these words, in any case."""
    return text.strip().casefold() in vocabulary


# Areas of the IANA zones a reader means (Area/City, and the countries' old Country/Region
# names); not "Etc/GMT+3" (its sign is the opposite of what it says), "localtime",
# "Factory", "posixrules" or "EST5EDT", which are files of the database, not places.
ZONE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Brazil",
        "Canada",
        "Chile",
        "Mexico",
        "US",
    }
)
PLAIN_ZONES = ("UTC",)


def is_place_zone(name: str) -> bool:
    """Whether an IANA zone name is a place (Area/City) or UTC."""
    area, sep, _ = name.partition("/")
    return name in PLAIN_ZONES or (bool(sep) and area in ZONE_AREAS)


@functools.lru_cache(maxsize=1)
def _zones_by_key() -> dict[str, str]:
    """Every place zone by its case-folded name and by its city ("kyiv" -> "Europe/Kyiv")."""
    zones = sorted(name for name in available_timezones() if is_place_zone(name))
    by_key: dict[str, str] = {}
    for name in zones:
        if "/" in name:
            by_key.setdefault(name.rsplit("/", 1)[-1].casefold(), name)
    by_key.update({name.casefold(): name for name in zones})
    return by_key


def find_zone(text: str) -> str | None:
    """The IANA name for "Europe/Kyiv", "europe/kyiv" or "Kyiv"; None when unknown."""
    key = "_".join(text.split()).casefold()
    name = _zones_by_key().get(key)
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


def headline_items(articles: Sequence[Article], zone: ZoneInfo, lang: str) -> list[dict[str, Any]]:
    """Stories as the list templates want them: plain title, safe URL, local time."""
    fmt = t(lang, "fmt.datetime")
    untitled = "…"
    return [
        {
            "title": trim_words(clean_line(a.title), HEADLINE_LIMIT) or untitled,
            "url": safe_url(a.url),
            "when": a.published_at.astimezone(zone).strftime(fmt),
        }
        for a in articles
    ]


def topic_names(topics: Sequence[Topic], lang: str) -> Markup:
    """Valid topics for an error reply: "<code>slug</code> (Title), ..."."""
    return Markup(", ").join(
        Markup("<code>{}</code> ({})").format(topic.slug, topic.title(lang)) for topic in topics
    )


def titles(topics: Sequence[Topic], lang: str) -> str:
    """Topic titles for a sentence (plain text; `t` escapes it)."""
    return ", ".join(topic.title(lang) for topic in topics)


# --- replies ----------------------------------------------------------------------------


def _lang_of_update(update: Update) -> str:
    user = update.effective_user
    return language_from_code(user.language_code if user else None)


async def reply(
    update: Update,
    html: str,
    *,
    lang: str,
    keyboard: InlineKeyboardMarkup | None = None,
    preview: bool = False,
) -> None:
    """Send `html` to the chat of the update, after checking Telegram would accept it.

    A text longer than a message is split between lines over several messages (the keyboard
    goes under the last); past `MAX_PARTS` messages the rest is cut off, and the reader is
    told so.
    """
    message = update.effective_message
    if message is None:
        return
    parts = split_html(html)
    cut = len(parts) - MAX_PARTS
    if cut > 0:
        parts = [*parts[:MAX_PARTS], t(lang, "reply.cut", count=cut)]
    try:
        for part in parts:
            check_html(part)
    except RenderError:
        log.exception("reply would be rejected by Telegram; sending a generic one instead")
        parts, keyboard = [t(lang, "error.generic")], None
    for i, part in enumerate(parts, 1):
        await message.reply_text(
            part,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard if i == len(parts) else None,
            link_preview_options=LinkPreviewOptions(is_disabled=not preview),
            do_quote=False,
        )


def render(context: NewsContext, template: str, lang: str, **values: object) -> str:
    """A templates/reader/ template, with `tr` looking texts up in the reader's language."""
    return context.runtime.renderer.render(
        f"reader/{template}", lang=lang, tr=functools.partial(markup, lang), **values
    ).strip()


def lines(*parts: str) -> str:
    """The non-empty parts, one per line."""
    return "\n".join(part for part in parts if part)


async def all_topics(context: NewsContext) -> list[Topic]:
    return await context.runtime.store.topics.all()


async def ensure_reader(update: Update, context: NewsContext) -> Reader | None:
    """The reader who sent the update, registered now if they were not yet."""
    chat = update.effective_chat
    if chat is None:
        return None
    readers = context.runtime.store.readers
    reader = await readers.get(chat.id)
    if reader is None:
        reader, _ = await readers.register(chat.id, _lang_of_update(update))
    return reader


def reader_command(handler: ReaderCallback) -> Callback:
    """Run `handler` with the (registered) reader who sent the command."""

    @functools.wraps(handler)
    async def wrapper(update: Update, context: NewsContext) -> None:
        reader = await ensure_reader(update, context)
        if reader is not None:
            await handler(update, context, reader)

    return wrapper


def _args(update: Update) -> str:
    message = update.effective_message
    return command_text(message.text if message else None)


# --- commands ---------------------------------------------------------------------------


async def start(update: Update, context: NewsContext) -> None:
    """/start [topic-topic]: register or reactivate, greet, subscribe a deep link, picker."""
    chat = update.effective_chat
    if chat is None:
        return
    readers = context.runtime.store.readers
    before = await readers.get(chat.id)
    reader, _ = await readers.register(chat.id, _lang_of_update(update))
    lang = reader.language
    topics = await all_topics(context)
    found, unknown = deep_link_topics("-".join(context.args or []), topics)
    if found:
        await readers.subscribe(chat.id, [topic.slug for topic in found])
    html = render(
        context,
        "greeting.html.j2",
        lang,
        state="new" if before is None else "back" if not before.active else "again",
        subscribed=[topic.title(lang) for topic in found],
        unknown=list(dict.fromkeys(echo(name) for name in unknown))[:MAX_ECHOED],
    )
    subscribed = await readers.topics_of(chat.id)
    await reply(update, html, lang=lang, keyboard=topic_picker(topics, subscribed, lang))


@reader_command
async def help_command(update: Update, context: NewsContext, reader: Reader) -> None:
    html = render(context, "help.html.j2", reader.language, commands=READER_COMMANDS)
    await reply(update, html, lang=reader.language)


@reader_command
async def topics_command(update: Update, context: NewsContext, reader: Reader) -> None:
    keyboard = topic_picker(await all_topics(context), reader.topics, reader.language)
    await reply(
        update, t(reader.language, "picker.prompt"), lang=reader.language, keyboard=keyboard
    )


def _unknown_topics(lang: str, unknown: Sequence[str], topics: Sequence[Topic]) -> str:
    return lines(
        t(lang, "topics.unknown", names=quoted(unknown)),
        t(lang, "topics.valid", topics=topic_names(topics, lang)),
    )


@reader_command
async def subscribe(update: Update, context: NewsContext, reader: Reader) -> None:
    """/subscribe TOPIC... or all."""
    lang, text = reader.language, _args(update)
    readers = context.runtime.store.readers
    topics = await all_topics(context)
    if not topic_words(text):
        usage = lines(
            t(lang, "subscribe.usage"), t(lang, "topics.valid", topics=topic_names(topics, lang))
        )
        await reply(update, usage, lang=lang)
        return
    if word_in(text, ALL_WORDS):
        await readers.set_topics(reader.chat_id, [topic.slug for topic in topics])
        await reply(update, t(lang, "subscribe.all"), lang=lang)
        return
    found, unknown = resolve_topics(text, topics)
    added = set(await readers.subscribe(reader.chat_id, [topic.slug for topic in found]))
    new = [topic for topic in found if topic.slug in added]
    old = [topic for topic in found if topic.slug not in added]
    await reply(
        update,
        lines(
            t(lang, "subscribe.done", topics=titles(new, lang)) if new else "",
            t(lang, "subscribe.already", topics=titles(old, lang)) if old else "",
            _unknown_topics(lang, unknown, topics) if unknown else "",
        ),
        lang=lang,
    )


@reader_command
async def unsubscribe(update: Update, context: NewsContext, reader: Reader) -> None:
    """/unsubscribe TOPIC... or all."""
    lang, text = reader.language, _args(update)
    readers = context.runtime.store.readers
    topics = await all_topics(context)
    if not topic_words(text):
        usage = lines(
            t(lang, "unsubscribe.usage"), t(lang, "topics.valid", topics=topic_names(topics, lang))
        )
        await reply(update, usage, lang=lang)
        return
    if word_in(text, ALL_WORDS):
        await readers.set_topics(reader.chat_id, [])
        await reply(update, t(lang, "unsubscribe.all"), lang=lang)
        return
    found, unknown = resolve_topics(text, topics)
    removed = set(await readers.unsubscribe(reader.chat_id, [topic.slug for topic in found]))
    gone = [topic for topic in found if topic.slug in removed]
    never = [topic for topic in found if topic.slug not in removed]
    await reply(
        update,
        lines(
            t(lang, "unsubscribe.done", topics=titles(gone, lang)) if gone else "",
            t(lang, "unsubscribe.not_subscribed", topics=titles(never, lang)) if never else "",
            _unknown_topics(lang, unknown, topics) if unknown else "",
        ),
        lang=lang,
    )


@reader_command
async def settings_command(update: Update, context: NewsContext, reader: Reader) -> None:
    lang = reader.language
    topics = {topic.slug: topic for topic in await all_topics(context)}
    html = render(
        context,
        "settings.html.j2",
        lang,
        topics=[topics[slug].title(lang) for slug in reader.topics if slug in topics],
        instant=reader.instant,
        digest_mode=reader.digest_mode,
        digest_time=reader.digest_time,
        quiet_start=reader.quiet_start,
        quiet_end=reader.quiet_end,
        quiet_hold=reader.quiet_hold,
        language_name=t(lang, f"lang.{lang}"),
        timezone=reader.timezone or context.runtime.settings.timezone,
        timezone_default=reader.timezone is None,
        follows=[trim_words(follow.words, ECHO_LIMIT) for follow in reader.follows],
    )
    await reply(update, html, lang=lang)


@reader_command
async def instant(update: Update, context: NewsContext, reader: Reader) -> None:
    """/instant on|off."""
    lang, text = reader.language, _args(update)
    if word_in(text, ON_WORDS) or word_in(text, OFF_WORDS):
        on = word_in(text, ON_WORDS)
        await context.runtime.store.readers.set_instant(reader.chat_id, on)
        await reply(update, t(lang, "instant.on" if on else "instant.off"), lang=lang)
    else:
        await reply(update, t(lang, "instant.usage"), lang=lang)


@reader_command
async def latest(update: Update, context: NewsContext, reader: Reader) -> None:
    """/latest [TOPIC]: the newest stories as headline links."""
    lang, text = reader.language, _args(update)
    topic: Topic | None = None
    if text:
        topics = await all_topics(context)
        topic = match_topic(text, topics)
        if topic is None:
            await reply(update, _unknown_topics(lang, [text], topics), lang=lang)
            return
    articles = await context.runtime.store.articles.latest(
        LATEST_LIMIT, topic.slug if topic else None
    )
    if not articles:
        empty = (
            t(lang, "latest.empty_topic", topic=topic.title(lang))
            if topic
            else t(lang, "latest.empty")
        )
        await reply(update, empty, lang=lang)
        return
    heading = (
        markup(lang, "latest.title_topic", topic=topic.title(lang))
        if topic
        else markup(lang, "latest.title")
    )
    zone = zone_of(reader.timezone, context.runtime.settings.timezone)
    items = headline_items(articles, zone, lang)
    await reply(
        update,
        render(context, "latest.html.j2", lang, heading=heading, items=items, first=1),
        lang=lang,
    )


# --- search -----------------------------------------------------------------------------


def remember_search(chat_data: dict[Any, Any] | None, query: str, terms: str) -> int:
    """Keep a search for its "more" button; returns its id (0 when there is nowhere to)."""
    if chat_data is None:
        return 0
    searches: dict[int, tuple[str, str]] = chat_data.setdefault(SEARCHES_KEY, {})
    search_id = max(searches, default=0) + 1
    searches[search_id] = (query, terms)
    for old in sorted(searches)[:-MAX_SEARCHES]:
        del searches[old]
    return search_id


def recall_search(chat_data: dict[Any, Any] | None, search_id: int) -> tuple[str, str] | None:
    searches = (chat_data or {}).get(SEARCHES_KEY) or {}
    found = searches.get(search_id)
    return found if isinstance(found, tuple) else None


async def search_page(
    context: NewsContext, reader_lang: str, zone: ZoneInfo, query: str, terms: str, offset: int
) -> tuple[str, int]:
    """One page of results and the total count (0: nothing at this offset)."""
    store = context.runtime.store.articles
    total = await store.search_count(query)
    articles = await store.search(query, limit=SEARCH_PAGE_SIZE, offset=offset) if total else []
    if not articles:
        return "", 0
    heading = markup(
        reader_lang,
        "search.title",
        terms=echo(terms),
        first=offset + 1,
        last=offset + len(articles),
        total=total,
    )
    items = headline_items(articles, zone, reader_lang)
    html = render(
        context, "search.html.j2", reader_lang, heading=heading, items=items, first=offset + 1
    )
    return html, total


@reader_command
async def search(update: Update, context: NewsContext, reader: Reader) -> None:
    """/search WORDS: newest first, a page at a time."""
    lang, text = reader.language, _args(update)
    query = fts_query(text)
    if query is None:
        await reply(update, t(lang, "search.usage"), lang=lang)
        return
    terms = echo(text)
    zone = zone_of(reader.timezone, context.runtime.settings.timezone)
    html, total = await search_page(context, lang, zone, query, terms, 0)
    if not total:
        await reply(update, t(lang, "search.empty", terms=quoted([terms])), lang=lang)
        return
    search_id = remember_search(context.chat_data, query, terms)
    keyboard = search_pager(search_id, 0, total, SEARCH_PAGE_SIZE, lang) if search_id else None
    await reply(update, html, lang=lang, keyboard=keyboard)


# --- language, time zone, follows, stop --------------------------------------------------


@reader_command
async def language(update: Update, context: NewsContext, reader: Reader) -> None:
    """/language en|uk."""
    text = _args(update)
    chosen = next((code for code, words in LANGUAGE_WORDS.items() if word_in(text, words)), None)
    if chosen is None:
        await reply(update, t(reader.language, "language.usage"), lang=reader.language)
        return
    await context.runtime.store.readers.set_language(reader.chat_id, chosen)
    await reply(update, t(chosen, "language.set"), lang=chosen)


@reader_command
async def timezone(update: Update, context: NewsContext, reader: Reader) -> None:
    """/timezone Area/City."""
    lang, text = reader.language, _args(update)
    if not text:
        await reply(update, t(lang, "timezone.usage"), lang=lang)
        return
    name = find_zone(text)
    if name is None:
        await reply(update, t(lang, "timezone.unknown", timezone=quoted([text])), lang=lang)
        return
    await context.runtime.store.readers.set_timezone(reader.chat_id, name)
    now = datetime.now(ZoneInfo(name)).strftime("%H:%M")
    await reply(update, t(lang, "timezone.set", timezone=name, time=now), lang=lang)


@reader_command
async def follow(update: Update, context: NewsContext, reader: Reader) -> None:
    """/follow WORDS: alerts for every new story whose headline or lead matches."""
    lang, text = reader.language, _args(update)
    query = fts_query(text)
    if query is None:
        await reply(update, t(lang, "follow.usage"), lang=lang)
        return
    words = display_terms(text)
    shown = quoted([words])
    if any(existing.query == query for existing in reader.follows):
        await reply(update, t(lang, "follow.exists", words=shown), lang=lang)
    elif len(reader.follows) >= MAX_FOLLOWS:
        await reply(update, t(lang, "follow.limit", limit=MAX_FOLLOWS), lang=lang)
    elif await context.runtime.store.readers.follow(reader.chat_id, words, query):
        await reply(update, t(lang, "follow.added", words=shown), lang=lang)
    else:
        await reply(update, t(lang, "follow.exists", words=shown), lang=lang)


@reader_command
async def unfollow(update: Update, context: NewsContext, reader: Reader) -> None:
    """/unfollow [WORDS]; without words, every alert goes."""
    lang, text = reader.language, _args(update)
    readers = context.runtime.store.readers
    if not text:
        count = await readers.unfollow(reader.chat_id)
        await reply(
            update,
            t(lang, "unfollow.all", count=count) if count else t(lang, "unfollow.nothing"),
            lang=lang,
        )
        return
    query = fts_query(text)
    if query is not None and await readers.unfollow(reader.chat_id, query):
        await reply(
            update, t(lang, "unfollow.done", words=quoted([display_terms(text)])), lang=lang
        )
        return
    if not reader.follows:
        await reply(update, t(lang, "unfollow.nothing"), lang=lang)
        return
    mine = quoted([f.words for f in reader.follows])
    await reply(update, t(lang, "unfollow.missing", words=quoted([text]), follows=mine), lang=lang)


async def stop(update: Update, context: NewsContext) -> None:
    """/stop: delete the reader and everything about them; confirm."""
    chat = update.effective_chat
    if chat is None:
        return
    readers = context.runtime.store.readers
    lang = await readers.language_of(chat.id) or _lang_of_update(update)
    await readers.delete(chat.id)
    if context.chat_data is not None:
        context.chat_data.pop(SEARCHES_KEY, None)
    await reply(update, t(lang, "stop.done"), lang=lang)


async def _chat_lang(update: Update, context: NewsContext) -> str:
    chat = update.effective_chat
    known = await context.runtime.store.readers.language_of(chat.id) if chat else None
    return known or _lang_of_update(update)


async def plain_text(update: Update, context: NewsContext) -> None:
    """Anything that is not a command (text, a photo, a sticker, a file ...) gets a pointer
    to /help."""
    lang = await _chat_lang(update, context)
    await reply(update, t(lang, "hint.text"), lang=lang)


async def unknown_command(update: Update, context: NewsContext) -> None:
    """A command no handler took: say so, and point to /help."""
    lang = await _chat_lang(update, context)
    message = update.effective_message
    word = (message.text or "").split(maxsplit=1)[0] if message and message.text else "/"
    shown = Markup("<code>{}</code>").format(echo(word))
    await reply(update, t(lang, "hint.unknown_command", command=shown), lang=lang)


# --- buttons ----------------------------------------------------------------------------


async def _edit_keyboard(
    context: NewsContext, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
) -> None:
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=keyboard
        )
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.info("could not update the topic picker in %s: %s", chat_id, exc.message)


async def _picker_tap(
    context: NewsContext, reader: Reader, action: Toggle | AllTopics | NoTopics
) -> str | None:
    """Apply a picker tap; the short answer, or None when the button is stale."""
    readers = context.runtime.store.readers
    topics = await all_topics(context)
    lang = reader.language
    if isinstance(action, AllTopics):
        await readers.set_topics(reader.chat_id, [topic.slug for topic in topics])
        return t(lang, "cb.all")
    if isinstance(action, NoTopics):
        await readers.set_topics(reader.chat_id, [])
        return t(lang, "cb.none")
    topic = next((topic for topic in topics if topic.slug == action.slug), None)
    if topic is None:
        return None
    on = await readers.toggle(reader.chat_id, topic.slug)
    title = trim_words(topic.title(lang), ECHO_LIMIT)
    return t(lang, "cb.subscribed" if on else "cb.unsubscribed", topic=title)


async def _search_tap(
    context: NewsContext,
    lang: str,
    reader: Reader | None,
    chat_id: int,
    message_id: int,
    page: SearchPage,
) -> str | None:
    """Show another page of a remembered search in place; the answer text, if any."""
    remembered = recall_search(context.chat_data, page.search_id)
    if remembered is None:
        return t(lang, "cb.search_expired")
    query, terms = remembered
    zone = zone_of(reader.timezone if reader else None, context.runtime.settings.timezone)
    html, total = await search_page(context, lang, zone, query, terms, page.offset)
    if not total:
        return t(lang, "cb.stale")
    keyboard = search_pager(page.search_id, page.offset, total, SEARCH_PAGE_SIZE, lang)
    try:
        check_html(html)
        await context.bot.edit_message_text(
            html,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
    except RenderError:
        log.exception("a search page would be rejected by Telegram")
        return t(lang, "cb.stale")
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.info("could not show the next search page in %s: %s", chat_id, exc.message)
    return None


async def _picker_button(
    update: Update, context: NewsContext, reader: Reader, action: Toggle | AllTopics | NoTopics
) -> None:
    """Apply a picker tap, answer it, and redraw the keyboard in place."""
    query, message = update.callback_query, update.effective_message
    assert query is not None and message is not None
    lang = reader.language
    answer = await _picker_tap(context, reader, action)
    await query.answer(answer if answer is not None else t(lang, "cb.stale"))
    if message.chat.id != reader.chat_id:
        return  # a picker in someone else's chat shows their topics, not the presser's
    subscribed = await context.runtime.store.readers.topics_of(reader.chat_id)
    keyboard = topic_picker(await all_topics(context), subscribed, lang)
    if message.reply_markup != keyboard:
        await _edit_keyboard(context, message.chat.id, message.message_id, keyboard)


async def on_button(update: Update, context: NewsContext) -> None:
    """Every inline button: answer the query in all cases, stale or forged data included.

    A button acts for the user who pressed it (their reader record, their language), in
    whatever chat its message is: a search page is turned in place, in that message's chat.
    """
    query = update.callback_query
    if query is None:
        return
    message = query.message
    user = query.from_user
    reader = await context.runtime.store.readers.get(user.id)
    lang = reader.language if reader else language_from_code(user.language_code)
    action = parse_callback(query.data)
    answer: str | None
    if action is None or message is None:
        answer = t(lang, "cb.stale")
    elif isinstance(action, SearchPage):
        answer = await _search_tap(
            context, lang, reader, message.chat.id, message.message_id, action
        )
    elif reader is None:
        answer = t(lang, "cb.not_registered")
    else:
        await _picker_button(update, context, reader, action)
        return
    await query.answer(answer)


# --- wiring -----------------------------------------------------------------------------

COMMANDS: dict[str, Callback] = {
    "start": start,
    "help": help_command,
    "topics": topics_command,
    "subscribe": subscribe,
    "unsubscribe": unsubscribe,
    "latest": latest,
    "search": search,
    "follow": follow,
    "unfollow": unfollow,
    "settings": settings_command,
    "instant": instant,
    "language": language,
    "timezone": timezone,
    "stop": stop,
}


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the reader handlers: commands in private chats, the buttons, a hint for text.

    The button handler answers any callback data (unknown data gets "out of date"); in a
    private chat an unknown command gets "unknown command", and any other message (text, a
    photo, a sticker, a file) a pointer to /help; in groups and channels the bot stays silent.
    Register other handlers of those kinds before these.
    """
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    for name, callback in COMMANDS.items():
        app.add_handler(CommandHandler(name, callback, filters=private))
    app.add_handler(CallbackQueryHandler(on_button))
    app.add_handler(MessageHandler(private & filters.COMMAND, unknown_command))
    app.add_handler(MessageHandler(private & ~filters.StatusUpdate.ALL, plain_text))


def command_menu(lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(lang, f"cmd.{name}")) for name in READER_COMMANDS]


async def set_commands(bot: Bot) -> None:
    """The command menu: English by default and for "en", Ukrainian for "uk"."""
    await bot.set_my_commands(command_menu("en"))
    await bot.set_my_commands(command_menu("en"), language_code="en")
    await bot.set_my_commands(command_menu("uk"), language_code="uk")

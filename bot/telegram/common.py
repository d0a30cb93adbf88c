"""What the command handlers share: arguments people type, and replies.

Arguments: SQLite stores 64-bit signed integers, Python parses any Unicode digit (and
`str.isdigit` accepts superscripts), so every id a user types goes through
`bot.models.parse_id`: ASCII digits only, within SQLite's range. Topics are named by slug or
title in either language (`resolve_topics`); on/off switches take the words of both
languages in ON_WORDS/OFF_WORDS.

Replies: Telegram takes at most 4,096 characters of parsed text per message, so `split_html`
cuts a reply between lines (or words, or anywhere, in that order of preference) into messages
that each fit, closing the tags open at a cut and opening them again in the next message;
`reply` checks each part as Telegram would before sending it.

Buttons: Telegram takes an answer to a button press only for about 15 seconds, so a press
that waited longer (the bot was down, or busy) can no longer be answered; `answer_query`
lets that go, and the press still acts.
"""

from __future__ import annotations

import functools
import html as _html
import logging
import re
import unicodedata
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from markupsafe import Markup
from telegram import CallbackQuery, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.ingest.topics import match_topic
from bot.locales import language_from_code, markup, t
from bot.models import Topic
from bot.render import TEXT_LIMIT, RenderError, check_html, clean_line, trim_words
from bot.store.readers import Reader
from bot.telegram.context import NewsContext

log = logging.getLogger(__name__)

MAX_PARTS = 5  # messages one reply may take; the rest is cut off with a note
_EXPIRED_QUERY = "query is too old"  # Telegram's 400 for a press it no longer takes answers to

_PIECE = re.compile(r"<[^<>]*>|&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);|[^<&]", re.DOTALL)
_TAG = re.compile(r"<[^<>]*>")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)")


def utf16_length(text: str) -> int:
    """Length in UTF-16 code units: never less than Telegram's count of the same text."""
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class _Piece:
    raw: str
    size: int  # visible UTF-16 units
    tag: tuple[bool, str] | None  # (closing, name) for a tag


def _pieces(html: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in _PIECE.finditer(html):
        raw = match.group(0)
        if raw.startswith("<"):
            name = _TAG_NAME.match(raw)
            tag = (bool(name.group(1)), name.group(2).lower()) if name else None
            pieces.append(_Piece(raw, 0, tag))
        else:
            pieces.append(_Piece(raw, utf16_length(_html.unescape(raw)), None))
    return pieces


def _cut_at(pieces: list[_Piece], start: int, budget: int) -> int:
    """Where the message starting at `start` ends: after the last line break that fits,
    else after the last space, else as late as fits (never inside a tag or an entity)."""
    used, end, line_end, word_end = 0, start, -1, -1
    while end < len(pieces) and used + pieces[end].size <= budget:
        used += pieces[end].size
        end += 1
        if pieces[end - 1].raw == "\n":
            line_end = end
        elif pieces[end - 1].raw.isspace():
            word_end = end
    if end == len(pieces):
        return end
    floor = start + (end - start) // 3  # a break too early wastes most of a message
    for candidate in (line_end, word_end):
        if candidate > floor:
            return candidate
    return max(end, start + 1)


def _render(pieces: list[_Piece], opened: list[_Piece]) -> tuple[str, list[_Piece]]:
    """The HTML of `pieces` with the tags open before them reopened and the ones left open
    closed; also the tags still open after them."""
    stack = list(opened)
    for piece in pieces:
        if piece.tag is None:
            continue
        closing, name = piece.tag
        if not closing:
            stack.append(piece)
        elif stack and stack[-1].tag is not None and stack[-1].tag[1] == name:
            stack.pop()
    closers = "".join(f"</{p.tag[1]}>" for p in reversed(stack) if p.tag is not None)
    text = "".join(p.raw for p in opened) + "".join(p.raw for p in pieces) + closers
    return text, stack


def split_html(html: str, limit: int = TEXT_LIMIT) -> list[str]:
    """`html` as messages of at most `limit` visible characters each, in order; blank parts
    are dropped. A text that fits comes back whole."""
    pieces = _pieces(html)
    if sum(piece.size for piece in pieces) <= limit:
        return [html]
    parts: list[str] = []
    opened: list[_Piece] = []
    start = 0
    while start < len(pieces):
        end = _cut_at(pieces, start, limit)
        text, opened = _render(pieces[start:end], opened)
        if _html.unescape(re.sub(r"<[^<>]*>", "", text)).strip():
            parts.append(text)
        start = end
    return parts


MAX_TOPIC_TOKENS = 50  # words of /subscribe etc. looked at
MAX_TOPIC_WORDS = 4  # a topic title may have this many words
MAX_ECHOED = 5  # unknown names quoted back
ECHO_LIMIT = 60


# What readers may type as arguments (input vocabulary, not texts the bot says).
ALL_WORDS = frozenset({"all", "усі", "всі", "все"})
# On/off switches (/instant, /digest off, /quiet off, /addchannel preview=...), both languages.
ON_WORDS = frozenset({"on", "yes", "true", "1", "так", "увімк", "увімкнути"})
OFF_WORDS = frozenset({"off", "no", "false", "0", "ні", "вимк", "вимкнути"})


Callback = Callable[[Update, NewsContext], Coroutine[Any, Any, None]]
ReaderCallback = Callable[[Update, NewsContext, Reader], Coroutine[Any, Any, None]]


def command_text(text: str | None) -> str:
    """What follows the command in a message ("/search a b" -> "a b")."""
    parts = (text or "").strip().split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def echo(text: str) -> str:
    """User input fit to be quoted back: one clean line, cut short."""
    return trim_words(clean_line(text), ECHO_LIMIT)


def local_datetime(moment: datetime, zone: ZoneInfo, lang: str) -> str:
    """A moment as readers read it in `zone` ("01 Dec, 09:30"), with its year when that is
    not this year's ("01 Jan 2099, 02:00": an embargo far off, a story of years ago)."""
    local = moment.astimezone(zone)
    key = "fmt.datetime" if local.year == datetime.now(zone).year else "fmt.datetime_year"
    return local.strftime(t(lang, key))


def shows_anything(text: str) -> bool:
    """Whether a text shows anything outside its HTML tags: a letter, a digit or a symbol,
    not only spaces and invisible characters (a zero-width space makes an empty message)."""
    return any(unicodedata.category(char)[0] in "LNS" for char in _TAG.sub("", text))


def quoted(names: Sequence[str], most: int = MAX_ECHOED) -> Markup:
    """Names the reader typed, each in <code>, a few (`most`) at most."""
    shown = _echoed(names)[:most]
    return Markup(", ").join(Markup("<code>{}</code>").format(name) for name in shown)


def quoted_counted(lang: str, names: Sequence[str], most: int = MAX_ECHOED) -> Markup:
    """`quoted`, and how many more there were than it shows ("x0, x1 and 7 more")."""
    shown, more = quoted(names, most), len(_echoed(names)) - most
    return Markup(t(lang, "list.more", names=shown, count=more)) if more > 0 else shown


def _echoed(names: Sequence[str]) -> list[str]:
    """Names as `echo` quotes them back, each once; none that shows nothing."""
    return list(dict.fromkeys(name for name in (echo(n) for n in names) if name))


def topic_words(text: str) -> list[str]:
    """The words of a list of topics ("war, sport" -> ["war", "sport"]), a few at most;
    a word that shows nothing (a NUL, a zero-width space) is none."""
    words = (word for word in text.replace(",", " ").split() if shows_anything(word))
    return list(words)[:MAX_TOPIC_TOKENS]


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


def word_in(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether the argument is one of these words, in any case."""
    return text.strip().casefold() in vocabulary


def topic_names(topics: Sequence[Topic], lang: str) -> Markup:
    """Valid topics for an error reply: "<code>slug</code> (Title), ..."."""
    return Markup(", ").join(
        Markup("<code>{}</code> ({})").format(topic.slug, topic.title(lang)) for topic in topics
    )


def titles(topics: Sequence[Topic], lang: str) -> str:
    """Topic titles for a sentence (plain text; `t` escapes it)."""
    return ", ".join(topic.title(lang) for topic in topics)


def lang_of_update(update: Update) -> str:
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
        reader, _ = await readers.register(chat.id, lang_of_update(update))
    return reader


async def reader_or_guest(update: Update, context: NewsContext) -> Reader | None:
    """The reader who sent the update, or, for someone not registered (never started, or
    stopped), their defaults in their language, not stored: looking does not register."""
    chat = update.effective_chat
    if chat is None:
        return None
    reader = await context.runtime.store.readers.get(chat.id)
    return reader or Reader(chat.id, language=lang_of_update(update))


def reader_view(handler: ReaderCallback) -> Callback:
    """Run `handler`, a command that only shows something (/help, /latest, /search,
    /settings), with the reader or a guest: after /stop, only a command that chooses
    something (/start, /topics, /subscribe, /follow ...) registers the reader again, so
    nobody who stopped gets stories or broadcasts again for having asked for /help."""
    return _with_reader(handler, reader_or_guest)


def reader_command(handler: ReaderCallback) -> Callback:
    """Run `handler`, a command that changes the reader's choices, with the reader who sent
    it, registered now if they were not yet."""
    return _with_reader(handler, ensure_reader)


def _with_reader(
    handler: ReaderCallback,
    find: Callable[[Update, NewsContext], Coroutine[Any, Any, Reader | None]],
) -> Callback:
    @functools.wraps(handler)
    async def wrapper(update: Update, context: NewsContext) -> None:
        reader = await find(update, context)
        if reader is not None:
            await handler(update, context, reader)

    return wrapper


def command_args(update: Update) -> str:
    message = update.effective_message
    return command_text(message.text if message else None)


def unknown_topics(lang: str, unknown: Sequence[str], topics: Sequence[Topic]) -> str:
    return lines(
        t(lang, "topics.unknown", names=quoted_counted(lang, unknown)),
        t(lang, "topics.valid", topics=topic_names(topics, lang)),
    )


async def chat_lang(update: Update, context: NewsContext) -> str:
    chat = update.effective_chat
    known = await context.runtime.store.readers.language_of(chat.id) if chat else None
    return known or lang_of_update(update)


def parse_switch(value: str) -> bool | None:
    """ "on" -> True, "off" -> False (either language, any case); None for anything else."""
    word = value.strip().casefold()
    if word in ON_WORDS:
        return True
    if word in OFF_WORDS:
        return False
    return None


MESSAGE_BUDGET = 3500  # visible characters per message of a long list


def one_line(text: str, limit: int = 300) -> str:
    return trim_words(clean_line(text), limit)


async def say(update: Update, lang: str, *parts: str) -> None:
    """Reply with these lines, split between lines over several messages when they are long
    (a long list is sent whole, not cut off after `MAX_PARTS` messages)."""
    for text in split_html(lines(*parts), MESSAGE_BUDGET):
        await reply(update, text, lang=lang)


async def answer_query(query: CallbackQuery, text: str | None) -> None:
    """Answer a button press (with a short note, or none); one Telegram no longer takes answers to
    (older than about 15 seconds, after a restart or a backlog) is let go with a log line."""
    try:
        await query.answer(text)
    except BadRequest as error:
        if _EXPIRED_QUERY not in str(error).lower():
            raise
        log.info(
            "button press %s from user %s expired before its answer", query.id, query.from_user.id
        )

"""/follow and /unfollow: alerts for new stories whose headline or lead match words."""

from __future__ import annotations

from telegram import Update

from bot.locales import t
from bot.store.readers import Reader
from bot.telegram.common import (
    command_args,
    quoted,
    reader_command,
    reply,
)
from bot.telegram.context import NewsContext
from bot.text.lemmas import is_function_word
from bot.text.lemmas import words as words_of
from bot.text.search import display_terms, fts_query

MAX_FOLLOWS = 20


@reader_command
async def follow(update: Update, context: NewsContext, reader: Reader) -> None:
    """/follow WORDS: alerts for every new story whose headline or lead matches."""
    lang, text = reader.language, command_args(update)
    query = fts_query(text)
    if query is None:
        await reply(update, t(lang, "follow.usage"), lang=lang)
        return
    words = display_terms(text)
    shown = quoted([words])
    typed = words_of(text)
    if typed and all(is_function_word(word) for word in typed):
        await reply(update, t(lang, "follow.too_common", words=shown), lang=lang)
    elif any(existing.query == query for existing in reader.follows):
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
    lang, text = reader.language, command_args(update)
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

"""/follow and /unfollow: alerts for new stories whose headline or lead match words."""

from __future__ import annotations

import re

from telegram import Update

from bot.delivery.wanted import drop_unwanted
from bot.locales import t
from bot.store.readers import Follow, Reader
from bot.telegram.common import (
    command_args,
    lines,
    quoted,
    quoted_counted,
    reader_command,
    reply,
)
from bot.telegram.context import NewsContext
from bot.text.lemmas import only_function_words
from bot.text.search import display_terms, fts_query, single_letters, without_markup

MAX_FOLLOWS = 20


@reader_command
async def follow(update: Update, context: NewsContext, reader: Reader) -> None:
    """/follow WORDS: alerts for every new story whose headline or lead matches; several,
    separated by commas ("/follow Zelensky, Trump"), are an alert each."""
    lang, text = reader.language, command_args(update)
    parts = [(part, query) for part, query in alerts_of(text) if query is not None]
    if not parts:
        await reply(update, t(lang, "follow.usage"), lang=lang)
        return
    answers: list[str] = []
    left_out: list[str] = []  # by the limit
    for part, query in parts:
        answer = await _follow_one(context, reader, part, query)
        if answer is None:
            left_out.append(display_terms(part))
        else:
            answers.append(answer)
    if left_out:
        words = quoted_counted(lang, left_out, most=MAX_FOLLOWS)
        answers.append(t(lang, "follow.limit", limit=MAX_FOLLOWS, words=words))
    await reply(update, "\n".join(dict.fromkeys(answers)), lang=lang)


def shown_alert(follow: Follow) -> str:
    """A reader's alert as it is shown to them (`display_terms` of the words stored)."""
    return display_terms(follow.words) or follow.words


# a comma outside double quotes ("Kyiv, metro" in quotes is one phrase)
_COMMAS = re.compile(r',(?=(?:[^"]*"[^"]*")*[^"]*$)')


def alerts_of(text: str) -> list[tuple[str, str | None]]:
    """The alerts a /follow or /unfollow text names, one between each two commas: each as
    typed (HTML tags typed into it left out: markup, no words), with its FTS query (None
    where nothing searchable is in it)."""
    parts = (part.strip() for part in _COMMAS.split(without_markup(text)))
    return [(part, fts_query(part)) for part in parts if part]


async def _follow_one(context: NewsContext, reader: Reader, text: str, query: str) -> str | None:
    """Follow one alert's words (`query`: their FTS query); the answer about it (added,
    already, too common), or None when the limit leaves it out."""
    lang = reader.language
    words = display_terms(text)
    shown = quoted([words])
    if only_function_words(text):
        return t(lang, "follow.too_common", words=shown)
    if single_letters(text):
        return t(lang, "follow.single_letter", words=shown)
    if any(existing.query == query for existing in reader.follows):
        return t(lang, "follow.exists", words=shown)
    if len(reader.follows) >= MAX_FOLLOWS:
        return None
    if not await context.runtime.store.readers.follow(reader.chat_id, words, query):
        return t(lang, "follow.exists", words=shown)
    reader.follows.append(Follow(0, words, query))  # counted for the rest of this command
    terms = query.count(" AND ") + 1  # every word or phrase of one alert must be there
    return t(lang, "follow.added", words=shown, terms=terms)


@reader_command
async def unfollow(update: Update, context: NewsContext, reader: Reader) -> None:
    """/unfollow [WORDS]: the alerts named go (several between commas, as /follow makes them);
    without words, every alert goes."""
    lang, text = reader.language, command_args(update)
    readers = context.runtime.store.readers
    if not text:
        count = await readers.unfollow(reader.chat_id)
        await drop_unwanted(context.runtime.store, reader.chat_id)
        await reply(
            update,
            t(lang, "unfollow.all", count=count) if count else t(lang, "unfollow.nothing"),
            lang=lang,
        )
        return
    removed: list[str] = []
    missing: list[str] = []
    gone: set[str] = set()
    for part, query in alerts_of(text) or [(text, None)]:
        if query in gone:
            continue  # named twice ("/unfollow Kyiv, kyiv")
        if query is not None and await readers.unfollow(reader.chat_id, query):
            removed.append(display_terms(part) or part)
            gone.add(query)
        else:  # as typed where nothing in it is searchable ("/unfollow <b>")
            missing.append((display_terms(part) if query is not None else "") or part)
    if gone:  # the stories those alerts brought, still waiting, go with them
        await drop_unwanted(context.runtime.store, reader.chat_id)
    left = [shown_alert(f) for f in reader.follows if f.query not in gone]
    if not missing:
        answer = ""
    elif left:
        mine = quoted(left, most=MAX_FOLLOWS)
        words = quoted_counted(lang, missing)
        answer = t(lang, "unfollow.missing", words=words, follows=mine)
    elif removed:
        answer = t(lang, "unfollow.missing_none_left", words=quoted_counted(lang, missing))
    else:
        answer = t(lang, "unfollow.nothing")
    done = t(lang, "unfollow.done", words=quoted(removed, most=MAX_FOLLOWS)) if removed else ""
    await reply(update, lines(done, answer), lang=lang)

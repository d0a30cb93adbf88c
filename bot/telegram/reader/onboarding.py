"""Onboarding: /start (deep links too), /help, /topics, /subscribe, /unsubscribe, /stop,
the topic picker's buttons and the pointers to /help for anything else."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from markupsafe import Markup
from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.delivery.wanted import drop_unwanted
from bot.ingest.topics import match_topic
from bot.locales import language_from_code, t
from bot.models import Topic
from bot.render import trim_words
from bot.render.keyboards import (
    AllTopics,
    BreakingAlerts,
    NoTopics,
    SearchPage,
    Toggle,
    parse_callback,
    topic_picker,
)
from bot.store.readers import Reader
from bot.telegram.admin.auth import is_admin
from bot.telegram.common import (
    ALL_WORDS,
    ECHO_LIMIT,
    MAX_ECHOED,
    all_topics,
    answer_query,
    chat_lang,
    command_args,
    echo,
    lang_of_update,
    lines,
    reader_command,
    reader_view,
    render,
    reply,
    resolve_topics,
    titles,
    topic_names,
    topic_words,
    unknown_topics,
    word_in,
)
from bot.telegram.context import NewsContext
from bot.telegram.reader.browse import search_tap
from bot.telegram.reader.settings import breaking_tap

log = logging.getLogger(__name__)


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


async def start(update: Update, context: NewsContext) -> None:
    """/start [topic-topic]: register or reactivate, greet, subscribe a deep link, picker."""
    chat = update.effective_chat
    if chat is None:
        return
    readers = context.runtime.store.readers
    before = await readers.get(chat.id)
    reader, _ = await readers.register(chat.id, lang_of_update(update))
    lang = reader.language
    topics = await all_topics(context)
    found, unknown = deep_link_topics("-".join(context.args or []), topics)
    slugs = [topic.slug for topic in found]
    changed = set(await readers.subscribe(chat.id, slugs)) if found else set()
    echoed = list(dict.fromkeys(echo(name) for name in unknown))
    html = render(
        context,
        "greeting.html.j2",
        lang,
        state="new" if before is None else "back" if not before.active else "again",
        subscribed=[topic.title(lang) for topic in found if topic.slug in changed],
        already=[topic.title(lang) for topic in found if topic.slug not in changed],
        unknown=echoed[:MAX_ECHOED],
        unknown_more=max(len(echoed) - MAX_ECHOED, 0),
    )
    subscribed = await readers.topics_of(chat.id)
    await reply(update, html, lang=lang, keyboard=topic_picker(topics, subscribed, lang))


@reader_view
async def help_command(update: Update, context: NewsContext, reader: Reader) -> None:
    """/help: the reader commands; an admin also sees the admin commands."""
    from bot.telegram.registry import ADMIN_COMMANDS, READER_COMMANDS  # it imports this module

    user = update.effective_user
    admin = is_admin(context, user.id if user else None)
    html = render(
        context,
        "help.html.j2",
        reader.language,
        commands=READER_COMMANDS,
        admin_commands=ADMIN_COMMANDS if admin else (),
        # inline sharing (README: `@bot WORDS`) works only with inline mode on at @BotFather
        bot_username=context.bot.username if context.bot.supports_inline_queries else None,
    )
    await reply(update, html, lang=reader.language)


@reader_command
async def topics_command(update: Update, context: NewsContext, reader: Reader) -> None:
    keyboard = topic_picker(await all_topics(context), reader.topics, reader.language)
    await reply(
        update, t(reader.language, "picker.prompt"), lang=reader.language, keyboard=keyboard
    )


@reader_command
async def subscribe(update: Update, context: NewsContext, reader: Reader) -> None:
    """/subscribe TOPIC... or all."""
    readers = context.runtime.store.readers
    await _change_topics(
        update, context, reader, "subscribe", readers.subscribe, everything=True, same="already"
    )


@reader_command
async def unsubscribe(update: Update, context: NewsContext, reader: Reader) -> None:
    """/unsubscribe TOPIC... or all."""
    readers = context.runtime.store.readers
    await _change_topics(
        update,
        context,
        reader,
        "unsubscribe",
        readers.unsubscribe,
        everything=False,
        same="not_subscribed",
    )


async def _change_topics(
    update: Update,
    context: NewsContext,
    reader: Reader,
    command: str,
    change: Callable[[int, Sequence[str]], Awaitable[list[str]]],
    *,
    everything: bool,
    same: str,
) -> None:
    """/subscribe and /unsubscribe: `change` the named topics (`all`: every topic when
    `everything`, else none) and say which changed, which were so already (the message
    `command.same`) and which words name no topic."""
    lang, text = reader.language, command_args(update)
    topics = await all_topics(context)
    if not topic_words(text):
        usage = lines(
            t(lang, f"{command}.usage"), t(lang, "topics.valid", topics=topic_names(topics, lang))
        )
        await reply(update, usage, lang=lang)
        return
    if word_in(text, ALL_WORDS):
        slugs = [topic.slug for topic in topics] if everything else []
        await context.runtime.store.readers.set_topics(reader.chat_id, slugs)
        await drop_unwanted(context.runtime.store, reader.chat_id)
        await reply(update, t(lang, f"{command}.all"), lang=lang)
        return
    found, unknown = resolve_topics(text, topics)
    changed = set(await change(reader.chat_id, [topic.slug for topic in found]))
    if changed and not everything:  # stories of those topics waiting for the reader go too
        await drop_unwanted(context.runtime.store, reader.chat_id)
    done = [topic for topic in found if topic.slug in changed]
    kept = [topic for topic in found if topic.slug not in changed]
    await reply(
        update,
        lines(
            t(lang, f"{command}.done", topics=titles(done, lang)) if done else "",
            t(lang, f"{command}.{same}", topics=titles(kept, lang)) if kept else "",
            unknown_topics(lang, unknown, topics) if unknown else "",
        ),
        lang=lang,
    )


async def stop(update: Update, context: NewsContext) -> None:
    """/stop: delete the reader and everything about them; confirm."""
    chat = update.effective_chat
    if chat is None:
        return
    readers = context.runtime.store.readers
    lang = await readers.language_of(chat.id) or lang_of_update(update)
    await readers.delete(chat.id)  # their searches too
    await reply(update, t(lang, "stop.done"), lang=lang)


async def plain_text(update: Update, context: NewsContext) -> None:
    """Anything that is not a command (text, a photo, a sticker, a file ...) gets a pointer
    to /help."""
    lang = await chat_lang(update, context)
    await reply(update, t(lang, "hint.text"), lang=lang)


async def unknown_command(update: Update, context: NewsContext) -> None:
    """A command no handler took: say so, and point to /help."""
    lang = await chat_lang(update, context)
    message = update.effective_message
    word = (message.text or "").split(maxsplit=1)[0] if message and message.text else "/"
    shown = Markup("<code>{}</code>").format(echo(word))
    await reply(update, t(lang, "hint.unknown_command", command=shown), lang=lang)


async def _edit_keyboard(
    context: NewsContext, chat_id: int, message_id: int, keyboard: InlineKeyboardMarkup
) -> None:
    """Show `keyboard` under the message; one it shows already ("message is not modified")
    is no error."""
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
        await drop_unwanted(context.runtime.store, reader.chat_id)
        return t(lang, "cb.none")
    topic = next((topic for topic in topics if topic.slug == action.slug), None)
    if topic is None:
        return None
    on = await readers.toggle(reader.chat_id, topic.slug)
    if not on:
        await drop_unwanted(context.runtime.store, reader.chat_id)
    title = trim_words(topic.title(lang), ECHO_LIMIT)
    return t(lang, "cb.subscribed" if on else "cb.unsubscribed", topic=title)


async def _picker_button(
    update: Update, context: NewsContext, reader: Reader, action: Toggle | AllTopics | NoTopics
) -> None:
    """Apply a picker tap, answer it, and redraw the keyboard in place."""
    query, message = update.callback_query, update.effective_message
    assert query is not None and message is not None
    lang = reader.language
    answer = await _picker_tap(context, reader, action)
    await answer_query(query, answer if answer is not None else t(lang, "cb.stale"))
    if message.chat.id != reader.chat_id:
        return  # a picker in someone else's chat shows their topics, not the presser's
    subscribed = await context.runtime.store.readers.topics_of(reader.chat_id)
    keyboard = topic_picker(await all_topics(context), subscribed, lang)
    # Always: the press carries the message as it was when pressed, which an earlier press's
    # redraw may have changed since; an edit that changes nothing is refused, quietly.
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
        answer = await search_tap(
            context, lang, reader, message.chat.id, message.message_id, action
        )
    elif reader is None:
        answer = t(lang, "cb.not_registered")
    elif isinstance(action, BreakingAlerts):
        await breaking_tap(update, context, reader, action)
        return
    else:
        await _picker_button(update, context, reader, action)
        return
    await answer_query(query, answer)

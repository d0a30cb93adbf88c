"""/channels, /addchannel, /channel and /delchannel: where stories are posted, each
channel (or forum topic) an edition of its own (bot/telegram/editions.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import replace

from markupsafe import Markup
from telegram import (
    Bot,
    ChatMember,
    Update,
)
from telegram.constants import ChatAction, ChatMemberStatus, ChatType
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.locales import t
from bot.models import Channel, EditionChange, parse_id, target_text
from bot.render import RenderError, clean_line, trim_words
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    known_topics,
    topics_or_error,
)
from bot.telegram.common import (
    echo,
    reply,
    say,
)
from bot.telegram.context import NewsContext
from bot.telegram.editions import (
    EditionError,
    check_rules,
    describe_rules,
    parse_edition,
    split_arguments,
    split_options,
)


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


# At most this many getChat calls per /channels: a target with no title yet (added from the
# CLI, which has no bot to ask) gets its chat's title when it is next listed; the rest on the
# next /channels.
TITLE_LOOKUPS = 20


class _Unseen:
    """A getChat that Telegram refused: the bot cannot see the chat (gone, or not in it)."""


UNSEEN = _Unseen()


async def _chat_title(bot: Bot, chat_id: int) -> str | _Unseen | None:
    """The chat's title (a private chat's name) as Telegram gives it now; UNSEEN when Telegram
    says the bot cannot see the chat; None when it did not answer (the title stays unknown)."""
    try:
        chat = await bot.get_chat(chat_id)
    except (BadRequest, Forbidden, ChatMigrated):
        return UNSEEN
    except TelegramError:  # timed out, network, flood wait: not a verdict on the chat
        return None
    return clean_line(chat.effective_name or "") or None


async def _titles(context: NewsContext, channels: Sequence[Channel]) -> dict[int, str | _Unseen]:
    """Each listed chat's title: the one stored, else (for up to TITLE_LOOKUPS chats) the one
    getChat gives now, which is recorded for the next time."""
    store = context.runtime.store.channels
    stored = await store.titles()
    titles: dict[int, str | _Unseen] = {}
    for (chat_id, _), title in stored.items():
        if title and chat_id not in titles:
            titles[chat_id] = title
    missing = list(dict.fromkeys(c.chat_id for c in channels if c.chat_id not in titles))
    looked_up = await asyncio.gather(
        *(_chat_title(context.bot, chat_id) for chat_id in missing[:TITLE_LOOKUPS])
    )
    for chat_id, found in zip(missing, looked_up, strict=False):
        if isinstance(found, str):
            await store.set_title(chat_id, found)
        if found is not None:
            titles[chat_id] = found
    return titles


@admin_command("channels")
async def channels_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    lang = admin.lang
    channels = await context.runtime.store.channels.all()
    if not channels:
        await reply(update, t(lang, "adm.channels.empty"), lang=lang)
        return True
    titles = await _titles(context, channels)
    topics = await _topic_titles(context, lang)

    def shown(chat_id: int) -> str:
        title = titles.get(chat_id)
        if isinstance(title, str):
            return trim_words(clean_line(title), 80)
        return Markup(
            t(lang, "adm.channels.unseen" if title is UNSEEN else "adm.channels.untitled")
        )

    items = [
        t(
            lang,
            "adm.channels.item",
            title=shown(c.chat_id),
            **_described(c, lang, context.runtime.settings.channel_language, topics),
        )
        for c in channels
    ]
    await say(update, lang, t(lang, "adm.channels.title", count=len(channels)), *items)
    return True


def _described(
    channel: Channel, lang: str, default_language: str, titles: Mapping[str, str]
) -> dict[str, str]:
    """A channel's target, topics (by `titles`: slug -> its title in the admin's language),
    switches and edition as /channels, /addchannel and /channel show them."""
    on, off = t(lang, "adm.word.on"), t(lang, "adm.word.off")
    everything, none = t(lang, "adm.word.all"), t(lang, "adm.word.none")
    return {
        "target": channel.target,
        "topics": ", ".join(titles.get(slug, slug) for slug in channel.topics) or everything,
        "preview": on if channel.link_preview else off,
        "silent": on if channel.silent else off,
        "language": channel.language or default_language,
        "stories": ",".join(channel.story_languages) or everything,
        "include": describe_rules(channel.include) or none,
        "exclude": describe_rules(channel.exclude) or none,
        "template": channel.template or t(lang, "adm.word.shipped"),
    }


async def _topic_titles(context: NewsContext, lang: str) -> dict[str, str]:
    """Each topic's title in `lang`, by its slug."""
    return {topic.slug: topic.title(lang) for topic in await known_topics(context)}


async def _can_post(
    bot: Bot, chat_id: int, thread_id: int, lang: str
) -> tuple[str | None, str | None]:
    """(error text, chat title): whether the bot may post to this chat (and forum topic)."""
    target = target_text(chat_id, thread_id)
    try:
        chat = await bot.get_chat(chat_id)
    except ChatMigrated as exc:  # a group that became a supergroup: the id to add instead
        return t(lang, "adm.addchannel.migrated", target=target, new=exc.new_chat_id), None
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
    if thread_id and not await _thread_exists(bot, chat_id, thread_id):
        return t(lang, "adm.addchannel.no_thread", title=title, target=target, thread=thread_id), (
            title
        )
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


async def _thread_exists(bot: Bot, chat_id: int, thread_id: int) -> bool:
    """Whether a forum has the topic `thread_id`. The Bot API can't look a topic up, but a
    chat action names one and is refused ("message thread not found") when there is none;
    it shows "typing" in that topic for a few seconds, nothing more."""
    try:
        await bot.send_chat_action(chat_id, ChatAction.TYPING, message_thread_id=thread_id)
    except BadRequest as exc:
        if "thread not found" in exc.message.lower():
            return False
    except (Forbidden, TelegramError):
        pass  # no rights to post there, or Telegram failing: the other checks tell
    return True


async def _edition_or_error(
    update: Update, context: NewsContext, lang: str, words: Sequence[str]
) -> tuple[EditionChange, list[str]] | None:
    """The options among `words` (their topic words resolved, their template checked) and
    the other words; None after telling the admin what is wrong."""
    try:
        pairs, rest = split_options(words)
        change = parse_edition(pairs)
    except EditionError as exc:
        await reply(update, edition_error_text(lang, exc), lang=lang)
        return None
    if change.topics is not None:
        slugs = await topics_or_error(update, context, lang, list(change.topics))
        if slugs is None:
            return None
        change = replace(change, topics=tuple(slugs))
    if change.template:
        try:
            context.runtime.renderer.check_template(change.template)
        except RenderError as exc:
            await reply(update, t(lang, "adm.edition.bad_template", reason=str(exc)), lang=lang)
            return None
    return change, rest


async def _rules_or_error(
    update: Update, lang: str, change: EditionChange, current: Channel | None
) -> bool:
    """Whether the target's keyword rules after `change` keep include and exclude apart;
    False after naming the words that would be in both."""
    try:
        check_rules(change, *((current.include, current.exclude) if current else ()))
    except EditionError as exc:
        await reply(update, edition_error_text(lang, exc), lang=lang)
        return False
    return True


def edition_error_text(lang: str, exc: EditionError) -> str:
    """An EditionError in the admin's language, the values they typed in <code>."""
    values = {
        name: Markup("<code>{}</code>").format(echo(value)) if name != "choices" else value
        for name, value in exc.values.items()
    }
    return t(lang, f"adm.edition.{exc.code}", **values)


async def _target_and_words(
    update: Update, lang: str, args: str, usage: str
) -> tuple[int, int, list[str]] | None:
    """CHAT_ID[:THREAD_ID] and the words after it (quotes keep spaces); None after a usage,
    quoting or target error."""
    try:
        words = split_arguments(args)
    except EditionError as exc:
        await reply(update, edition_error_text(lang, exc), lang=lang)
        return None
    if not words:
        await reply(update, t(lang, usage), lang=lang)
        return None
    target = await _target_or_error(update, lang, words[0])
    if target is None:
        return None
    return (*target, words[1:])


async def _target_or_error(update: Update, lang: str, word: str) -> tuple[int, int] | None:
    """CHAT_ID[:THREAD_ID] as numbers; None after telling the admin it is not one."""
    target = parse_target(word)
    if target is None:
        await reply(update, t(lang, "adm.addchannel.bad_target", target=echo(word)), lang=lang)
    return target


@admin_command("addchannel")
async def addchannel(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    given = await _target_and_words(update, lang, admin.args, "adm.addchannel.usage")
    if given is None:
        return False
    chat_id, thread_id, words = given
    parsed = await _edition_or_error(update, context, lang, words)
    if parsed is None:
        return False
    change, topic_words = parsed
    topics = await topics_or_error(update, context, lang, topic_words)
    if topics is None:
        return False
    if not await _rules_or_error(
        update, lang, change, await store.channels.get(chat_id, thread_id)
    ):
        return False
    error, title = await _can_post(context.bot, chat_id, thread_id, lang)
    if error is not None:
        await reply(update, error, lang=lang)
        return False
    # Adding a target again changes what is given and keeps the rest.
    new = await store.channels.add(chat_id, thread_id, topics if topic_words else None)
    if change.topics is not None and topic_words:
        change = replace(change, topics=tuple(dict.fromkeys([*topics, *change.topics])))
    await store.channels.set_edition(chat_id, thread_id, change)
    await store.channels.set_options(chat_id, thread_id, title=title)
    channel = await store.channels.get(chat_id, thread_id)
    assert channel is not None
    key = "adm.addchannel.added" if new else "adm.addchannel.updated"
    titles = await _topic_titles(context, lang)
    described = _described(channel, lang, context.runtime.settings.channel_language, titles)
    await reply(update, t(lang, key, title=title or "", **described), lang=lang)
    return True


@admin_command("channel")
async def channel_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    """/channel CHAT_ID[:THREAD_ID] key=value …: change a channel's edition."""
    store, lang = context.runtime.store, admin.lang
    given = await _target_and_words(update, lang, admin.args, "adm.channel.usage")
    if given is None:
        return False
    chat_id, thread_id, words = given
    shown = target_text(chat_id, thread_id)
    current = await store.channels.get(chat_id, thread_id)
    if current is None:
        await reply(update, t(lang, "adm.channel.missing", target=shown), lang=lang)
        return False
    parsed = await _edition_or_error(update, context, lang, words)
    if parsed is None:
        return False
    change, rest = parsed
    if rest or change == EditionChange():
        await reply(update, t(lang, "adm.channel.usage"), lang=lang)
        return False
    if not await _rules_or_error(update, lang, change, current):
        return False
    await store.channels.set_edition(chat_id, thread_id, change)
    channel = await store.channels.get(chat_id, thread_id)
    assert channel is not None
    titles = await _topic_titles(context, lang)
    described = _described(channel, lang, context.runtime.settings.channel_language, titles)
    await reply(update, t(lang, "adm.channel.done", **described), lang=lang)
    return True


@admin_command("delchannel")
async def delchannel(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    words = admin.args.split()
    if len(words) != 1:
        await reply(update, t(lang, "adm.delchannel.usage"), lang=lang)
        return False
    target = await _target_or_error(update, lang, words[0])
    if target is None:
        return False
    chat_id, thread_id = target
    removed = await store.channels.remove(chat_id, thread_id or None)
    shown = target_text(chat_id, thread_id)
    if not removed:
        await reply(update, t(lang, "adm.delchannel.missing", target=shown), lang=lang)
        return False
    await reply(update, t(lang, "adm.delchannel.done", count=removed, target=shown), lang=lang)
    return True

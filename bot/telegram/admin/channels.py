"""/channels, /addchannel and /delchannel: where stories are posted."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup
from telegram import (
    Bot,
    ChatMember,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden

from bot.locales import t
from bot.models import Channel, parse_id
from bot.render import clean_line, trim_words
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    topics_or_error,
)
from bot.telegram.common import (
    echo,
    parse_switch,
    reply,
    say,
)
from bot.telegram.context import NewsContext


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


@admin_command("channels")
async def channels_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    lang = admin.lang
    titles = await context.runtime.store.channels.titles()
    channels = await context.runtime.store.channels.all()
    if not channels:
        await reply(update, t(lang, "adm.channels.empty"), lang=lang)
        return True
    items = [
        t(
            lang,
            "adm.channels.item",
            title=trim_words(clean_line(titles.get((c.chat_id, c.thread_id)) or ""), 80),
            **_described(c, lang),
        )
        for c in channels
    ]
    await say(update, lang, t(lang, "adm.channels.title", count=len(channels)), *items)
    return True


def _described(channel: Channel, lang: str) -> dict[str, str]:
    """A channel's target, topics and switches as /channels and /addchannel show them."""
    on, off = t(lang, "adm.word.on"), t(lang, "adm.word.off")
    return {
        "target": channel.target,
        "topics": ",".join(channel.topics) or t(lang, "adm.word.all"),
        "preview": on if channel.link_preview else off,
        "silent": on if channel.silent else off,
    }


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


def split_options(words: Sequence[str]) -> tuple[dict[str, bool], list[str], str | None]:
    """ "preview=on", "silent=off" and topic words: (options, topics, the first bad option)."""
    options: dict[str, bool] = {}
    topic_words: list[str] = []
    for word in words:
        name, sep, value = word.partition("=")
        if not sep:
            topic_words.append(word)
            continue
        switch = parse_switch(value)
        if name.casefold() not in ("preview", "silent") or switch is None:
            return options, topic_words, word
        options[name.casefold()] = switch
    return options, topic_words, None


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
    options, topic_words, bad = split_options(words[1:])
    if bad is not None:
        option = Markup("<code>{}</code>").format(echo(bad))
        await reply(update, t(lang, "adm.addchannel.bad_option", option=option), lang=lang)
        return False
    topics = await topics_or_error(update, context, lang, topic_words)
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
    key = "adm.addchannel.added" if new else "adm.addchannel.updated"
    await reply(update, t(lang, key, title=title or "", **_described(channel, lang)), lang=lang)
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

"""/post, /hold and /breaking (one story), /pause and /resume (all sending)."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import (
    Update,
)

from bot.delivery.breaking import escalate
from bot.delivery.broadcast_progress import number
from bot.delivery.router import channel_deliveries, instant_priority
from bot.ingest.tagging import retag
from bot.locales import t
from bot.models import Article, parse_id, to_iso, utcnow
from bot.render import clean_line, trim_words
from bot.store.store import Store
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    when,
)
from bot.telegram.common import (
    lines,
    reply,
)
from bot.telegram.context import NewsContext

# /hold waits this long before it counts: a send under way finishes, and another instance's
# sender sees the hold within its cache's second (bot.delivery.sender)
HOLD_SETTLE_SECONDS = 1.5


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
    """Push a story now, however old: unhold it, queue it for channels and instant readers.
    An embargoed story is only unheld: it goes out at its time (the poller releases it)."""
    runtime, lang = context.runtime, admin.lang
    article = await _story_arg(update, context, admin, "adm.post.usage")
    if article is None:
        return False
    store = runtime.store
    await store.articles.set_held(article.id, False)
    if article.embargoed(utcnow()):
        await store.articles.mark_embargoed([(article.id, article.published_at)])
        title = trim_words(clean_line(article.title), 100)
        until = when(runtime, article.published_at, lang)
        await reply(
            update,
            t(lang, "adm.post.embargoed", id=article.id, title=title, until=until),
            lang=lang,
        )
        return True
    again_channels, again_readers = await store.outbox.unhold_story(article.id)
    if article.urgent:  # what the hold had stopped of an urgent story goes first again
        await store.outbox.make_urgent(article.id)
    to_channels, to_readers = await _push(store, article)
    to_channels, to_readers = to_channels + again_channels, to_readers + again_readers
    queued = to_channels + to_readers
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


async def _push(store: Store, article: Article) -> tuple[int, int]:
    """Queue a story for its channels and instant readers now, however old (an urgent one
    ahead of the queue); returns how many rows went to channels and to readers."""
    tagged = await retag(store, [article.id])
    article.topics = tagged.get(article.id, article.topics)
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
        priority=instant_priority(article),
        urgent=article.urgent,
    )
    return to_channels, to_readers


@admin_command("breaking")
async def breaking(update: Update, context: NewsContext, admin: Admin) -> bool:
    """Mark a story urgent. Not sent yet: what waits of it goes first (a story never queued
    is pushed now, as /post does). Sent already: its channel posts get the label (an edit)
    and are pinned (PIN_BREAKING). Held: it stays held until /post. Embargoed: it goes out at
    its time, as breaking news, not before."""
    runtime, lang = context.runtime, admin.lang
    found = await _story_arg(update, context, admin, "adm.breaking.usage")
    if found is None:
        return False
    store = runtime.store
    newly = await store.articles.set_urgent(found.id, True)
    article = await store.articles.get(found.id)
    if article is None:  # deleted meanwhile
        await reply(update, t(lang, "adm.story.missing", id=found.id), lang=lang)
        return False
    title = trim_words(clean_line(article.title), 100)
    if article.held:
        await reply(update, t(lang, "adm.breaking.held", id=article.id, title=title), lang=lang)
        return True
    if article.embargoed(utcnow()):  # it goes out at its time, as breaking news, not before
        until = when(runtime, article.published_at, lang)
        text = t(lang, "adm.breaking.embargoed", id=article.id, title=title, until=until)
        await reply(update, text, lang=lang)
        return True
    escalation = await escalate(store, article, pin=runtime.settings.pin_breaking)
    queued = 0
    if not escalation.routed:
        queued = sum(await _push(store, article))
    if runtime.sender is not None:
        runtime.sender.wake()
    if not newly and not (escalation.moved or escalation.pins or queued):
        # as a second /hold: nothing changed
        await reply(update, t(lang, "adm.breaking.already", id=article.id, title=title), lang=lang)
        return True
    text = t(
        lang,
        "adm.breaking.done",
        id=article.id,
        title=title,
        moved=escalation.moved + queued,
        pins=escalation.pins,
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
    newly = await store.articles.set_held(article.id, True)
    given_up = await store.outbox.hold_story(article.id)
    context.runtime.sender.forget_story(article.id)
    title = trim_words(clean_line(article.title), 100)
    if not newly and not given_up:  # as /pause of a paused bot: nothing changed
        await reply(update, t(lang, "adm.hold.already", id=article.id, title=title), lang=lang)
        return True
    went = 0
    if given_up:
        # Sends already handed to Telegram finish, and a sender on another instance sees the
        # hold within its cache's second: the reply counts only what was really stopped.
        await asyncio.sleep(HOLD_SETTLE_SECONDS)
        went = await store.outbox.count_sent(given_up)
    text = t(lang, "adm.hold.done", id=article.id, title=title, stopped=len(given_up) - went)
    if went:
        text += " " + t(lang, "adm.hold.late", went=went)
    await reply(update, text, lang=lang)
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
    runtime, lang = context.runtime, admin.lang
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

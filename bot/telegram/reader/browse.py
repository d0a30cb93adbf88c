"""Browsing: /latest and /search, and the search pages' "more" buttons."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.delivery.schedule import zone_of
from bot.ingest.tagging import fill_search_lemmas
from bot.ingest.topics import match_topic
from bot.locales import markup, t
from bot.models import Article, Topic, utcnow
from bot.render import RenderError, check_html, clean_line, safe_url, trim_words
from bot.render.keyboards import (
    SearchPage,
    search_pager,
)
from bot.store.readers import Reader, Search
from bot.telegram.common import (
    all_topics,
    command_args,
    echo,
    local_datetime,
    quoted,
    reader_view,
    render,
    reply,
    unknown_topics,
)
from bot.telegram.context import NewsContext
from bot.text.search import fts_query

log = logging.getLogger(__name__)


LATEST_LIMIT = 10
SEARCH_PAGE_SIZE = 5
MAX_SEARCHES = 20  # searches remembered per chat for the "more" button
HEADLINE_LIMIT = 200


def headline_items(
    articles: Sequence[Article], zone: ZoneInfo, lang: str, *, ids: bool = False
) -> list[dict[str, Any]]:
    """Stories as the list templates want them: plain title, safe URL, local time; with
    `ids` (an editor's list) each story's id, for /post, /hold and /breaking."""
    untitled = "…"
    return [
        {
            "title": trim_words(clean_line(a.title), HEADLINE_LIMIT) or untitled,
            "url": safe_url(a.url),
            "when": local_datetime(a.published_at, zone, lang),
            "id": a.id if ids else None,
        }
        for a in articles
    ]


def is_editor(context: NewsContext, chat_id: int) -> bool:
    """Whether a reader's (private) chat is an admin's: their lists show story ids."""
    return chat_id in context.runtime.settings.admin_ids


@reader_view
async def latest(update: Update, context: NewsContext, reader: Reader) -> None:
    """/latest [TOPIC]: the newest stories as headline links."""
    lang, text = reader.language, command_args(update)
    topic: Topic | None = None
    if text:
        topics = await all_topics(context)
        topic = match_topic(text, topics)
        if topic is None:
            await reply(update, unknown_topics(lang, [text], topics), lang=lang)
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
    items = headline_items(articles, zone, lang, ids=is_editor(context, reader.chat_id))
    await reply(
        update,
        render(context, "latest.html.j2", lang, heading=heading, items=items, first=1),
        lang=lang,
    )


async def search_page(
    context: NewsContext,
    chat_id: int,
    reader_lang: str,
    zone: ZoneInfo,
    search: Search,
    offset: int,
    last_id: int,
) -> tuple[str, int]:
    """One page of results and the total count (0: nothing at this offset), of the stories
    out when the search was made and stored by `last_id`: every page of one search shows
    what its first saw, whatever is stored, or comes out of embargo, since."""
    # a story stored a moment ago, which the poller has not indexed yet, is found too
    await fill_search_lemmas(context.runtime.store)
    store = context.runtime.store.articles
    query, now = search.query, search.made_at
    total = await store.search_count(query, now=now, last_id=last_id)
    articles = (
        await store.search(query, limit=SEARCH_PAGE_SIZE, offset=offset, now=now, last_id=last_id)
        if total
        else []
    )
    if not articles:
        return "", 0
    heading = markup(
        reader_lang,
        "search.title",
        terms=echo(search.terms),
        first=offset + 1,
        last=offset + len(articles),
        total=total,
    )
    items = headline_items(articles, zone, reader_lang, ids=is_editor(context, chat_id))
    html = render(
        context, "search.html.j2", reader_lang, heading=heading, items=items, first=offset + 1
    )
    return html, total


@reader_view
async def search(update: Update, context: NewsContext, reader: Reader) -> None:
    """/search WORDS: newest first, a page at a time."""
    lang, text = reader.language, command_args(update)
    query = fts_query(text)
    if query is None:
        await reply(update, t(lang, "search.usage"), lang=lang)
        return
    store = context.runtime.store
    made = Search(query, echo(text), utcnow())
    last_id = await store.articles.last_id()  # the pages' bound, which the buttons carry
    zone = zone_of(reader.timezone, context.runtime.settings.timezone)
    html, total = await search_page(context, reader.chat_id, lang, zone, made, 0, last_id)
    if not total:
        await reply(update, t(lang, "search.empty", terms=quoted([made.terms])), lang=lang)
        return
    # in the store, not in memory: whichever newsbot gets the "more" tap finds it
    search_id = await store.readers.remember_search(
        reader.chat_id, query, made.terms, keep=MAX_SEARCHES, made_at=made.made_at
    )
    keyboard = search_pager(search_id, 0, total, SEARCH_PAGE_SIZE, lang, last_id=last_id)
    await reply(update, html, lang=lang, keyboard=keyboard)


async def search_tap(
    context: NewsContext,
    lang: str,
    reader: Reader | None,
    chat_id: int,
    message_id: int,
    page: SearchPage,
) -> str | None:
    """Show another page of a remembered search in place; the answer text, if any."""
    store = context.runtime.store
    remembered = await store.readers.recall_search(chat_id, page.search_id)
    if remembered is None:
        return t(lang, "cb.search_expired")
    last_id = page.last_id
    if last_id is None:  # a button from before they carried it: what was stored by then
        last_id = await store.articles.last_id(stored_by=remembered.made_at)
    zone = zone_of(reader.timezone if reader else None, context.runtime.settings.timezone)
    html, total = await search_page(context, chat_id, lang, zone, remembered, page.offset, last_id)
    if not total:  # past the end (forged), or its stories held or deleted since
        return t(lang, "cb.search_expired")
    keyboard = search_pager(
        page.search_id, page.offset, total, SEARCH_PAGE_SIZE, lang, last_id=last_id
    )
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
        return t(lang, "cb.search_expired")
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.info("could not show the next search page in %s: %s", chat_id, exc.message)
    return None

"""Inline sharing: "@bot words" in any chat offers the matching stories as ready posts, and
the results people send are counted (chosen_inline_result) for /stats.

The search is /search's (lemmas through the full-text index; an empty query gives the
latest), newest first, a page of `PAGE_SIZE` at a time (`next_offset`); held stories and
stories whose time has not come (embargo) are never offered. As /search's, the pages of one
query keep to what its first page saw: the offset carries the last story stored then and the
time (`OFFSET:LAST_ID:UNIX_TIME`), so stories arriving in between neither repeat nor push
others out. Each result is the post as the
channel shows it (bot/render/story.py, the channel's language): a photo with its caption when
the story has an image and the caption fits, else a text message.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultPhoto,
    InputTextMessageContent,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.ingest.tagging import fill_search_lemmas
from bot.models import Article, parse_id, utcnow
from bot.render import clean_line, trim_words
from bot.telegram.context import NewsContext
from bot.text.search import fts_query

log = logging.getLogger(__name__)

PAGE_SIZE = 20  # results a page (Telegram takes at most 50)
MAX_OFFSET = 1000  # deeper pages are not offered: nobody scrolls that far
CACHE_SECONDS = 30  # how long Telegram may reuse an answer (a new story shows up soon)
TITLE_LIMIT = 100
DESCRIPTION_LIMIT = 150

InlineResult = InlineQueryResultArticle | InlineQueryResultPhoto


@dataclass(frozen=True, slots=True)
class Page:
    """Where an inline query's page starts, and the first page's bound: the last story
    stored then and the time (None: the first page, or an offset from before they were
    carried)."""

    offset: int
    last_id: int | None = None
    at: int | None = None  # seconds since the epoch


_OFFSET = re.compile(r"([0-9]{1,4})(?::([0-9]{1,18}):([0-9]{1,12}))?")


def page_offset(offset: str) -> Page | None:
    """The page an inline query's `offset` asks for (""/first: 0); None past the end or
    for an offset we did not make."""
    if not offset:
        return Page(0)
    match = _OFFSET.fullmatch(offset)
    if match is None or int(match[1]) > MAX_OFFSET:
        return None
    if match[2] is None:
        return Page(int(match[1]))
    return Page(int(match[1]), int(match[2]), int(match[3]))


def next_offset(page: Page, found: int, last_id: int, at: int) -> str:
    """The `next_offset` after a page that found `found` stories ("" when it was the last),
    carrying the bound of the query's pages."""
    following = page.offset + PAGE_SIZE
    if found <= PAGE_SIZE or following > MAX_OFFSET:
        return ""
    return f"{following}:{last_id}:{at}"


async def snapshot(context: NewsContext, page: Page) -> tuple[int, int]:
    """The bound of a query's pages (last story id, seconds since the epoch): the first
    page's, carried in the offset, else now's; never a time to come (the offset is the
    client's, and may be forged)."""
    now = int(utcnow().timestamp())
    if page.last_id is None or page.at is None:
        return await context.runtime.store.articles.last_id(), now
    return page.last_id, min(page.at, now)


async def on_inline_query(update: Update, context: NewsContext) -> None:
    """Answer "@bot words" with the matching stories."""
    inline = update.inline_query
    if inline is None:
        return
    page = page_offset(inline.offset)
    text = inline.query.strip()
    query = fts_query(text) if text else None
    results: list[InlineResult] = []
    more = ""
    if page is not None and (query is not None or not text):
        last_id, at = await snapshot(context, page)
        if query is not None:  # a story stored a moment ago, not indexed yet, is found too
            await fill_search_lemmas(context.runtime.store)
        articles = await context.runtime.store.articles.shareable(
            query,
            now=datetime.fromtimestamp(at, UTC),
            limit=PAGE_SIZE + 1,
            offset=page.offset,
            last_id=last_id,
        )
        results = [_result(context, article) for article in articles[:PAGE_SIZE]]
        more = next_offset(page, len(articles), last_id, at)
    try:
        await inline.answer(results, cache_time=CACHE_SECONDS, is_personal=False, next_offset=more)
    except BadRequest as exc:  # too late (10 s), or answered by another instance
        log.info("could not answer an inline query: %s", exc.message)


def _result(context: NewsContext, article: Article) -> InlineResult:
    """One story as an inline result: the channel's post."""
    runtime = context.runtime
    message = runtime.renderer.story(article, language=runtime.settings.channel_language)
    title = trim_words(clean_line(article.title), TITLE_LIMIT) or "…"
    description = trim_words(clean_line(article.lead), DESCRIPTION_LIMIT) or None
    if message.photo is not None:
        return InlineQueryResultPhoto(
            id=str(article.id),
            photo_url=message.photo,
            thumbnail_url=message.photo,
            title=title,
            description=description,
            caption=message.text,
            parse_mode=ParseMode.HTML,
        )
    return InlineQueryResultArticle(
        id=str(article.id),
        title=title,
        description=description,
        input_message_content=InputTextMessageContent(
            message.text,
            parse_mode=ParseMode.HTML,
            link_preview_options=LinkPreviewOptions(is_disabled=message.disable_preview),
        ),
    )


async def on_chosen_result(update: Update, context: NewsContext) -> None:
    """Count a result someone sent (Telegram tells only with inline feedback on)."""
    chosen = update.chosen_inline_result
    article_id = parse_id(chosen.result_id) if chosen else None
    if article_id is not None:
        await context.runtime.store.stats.record_inline_choice(article_id, utcnow())

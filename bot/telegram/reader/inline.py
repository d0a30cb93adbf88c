"""Inline sharing: "@bot words" in any chat offers the matching stories as ready posts, and
the results people send are counted (chosen_inline_result) for /stats.

The search is /search's (lemmas through the full-text index; an empty query gives the
latest), newest first, a page of `PAGE_SIZE` at a time (`next_offset`); held stories and
stories whose time has not come (embargo) are never offered. Each result is the post as the
channel shows it (bot/render/story.py, the channel's language): a photo with its caption when
the story has an image and the caption fits, else a text message.
"""

from __future__ import annotations

import logging

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


def page_offset(offset: str) -> int | None:
    """The page an inline query's `offset` asks for (""/first: 0); None past the end."""
    if not offset:
        return 0
    number = parse_id(offset)
    if number is None or number > MAX_OFFSET:
        return None
    return number


def next_offset(offset: int, found: int) -> str:
    """The `next_offset` after a page that found `found` stories ("" when it was the last)."""
    following = offset + PAGE_SIZE
    return str(following) if found > PAGE_SIZE and following <= MAX_OFFSET else ""


async def on_inline_query(update: Update, context: NewsContext) -> None:
    """Answer "@bot words" with the matching stories."""
    inline = update.inline_query
    if inline is None:
        return
    offset = page_offset(inline.offset)
    text = inline.query.strip()
    query = fts_query(text) if text else None
    results: list[InlineResult] = []
    more = ""
    if offset is not None and (query is not None or not text):
        if query is not None:  # a story stored a moment ago, not indexed yet, is found too
            await fill_search_lemmas(context.runtime.store)
        articles = await context.runtime.store.articles.shareable(
            query, now=utcnow(), limit=PAGE_SIZE + 1, offset=offset
        )
        results = [_result(context, article) for article in articles[:PAGE_SIZE]]
        more = next_offset(offset, len(articles))
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

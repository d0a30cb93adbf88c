"""/sources, /addsource, /delsource, /import (OPML) and /export."""

from __future__ import annotations

import logging

from markupsafe import Markup
from telegram import (
    InputFile,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.ingest.canonical import is_http_url
from bot.ingest.opml import MAX_BYTES as OPML_MAX_BYTES
from bot.ingest.opml import OpmlError, parse_opml
from bot.ingest.service import IngestReport
from bot.ingest.sourcelist import export_sources, import_sources
from bot.locales import t
from bot.models import parse_id
from bot.render import trim_words
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    known_topics,
    topics_or_error,
    when,
)
from bot.telegram.common import (
    echo,
    one_line,
    reply,
    say,
)
from bot.telegram.context import NewsContext

log = logging.getLogger(__name__)


URL_SHOWN = 200  # characters of a URL quoted back


@admin_command("sources")
async def sources_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = context.runtime, admin.lang
    sources = await runtime.store.sources.all()
    if not sources:
        await reply(update, t(lang, "adm.sources.empty"), lang=lang)
        return True
    titles = {topic.slug: topic.title(lang) for topic in await known_topics(context)}
    items = []
    for s in sources:
        if s.last_error:
            health = t(
                lang, "adm.health.failing", count=s.error_count, error=one_line(s.last_error)
            )
        elif s.last_success_at:
            health = t(lang, "adm.health.ok", time=when(runtime, s.last_success_at, lang))
        else:
            health = t(lang, "adm.health.never")
        named = {"name": trim_words(s.label, 100)} if s.label else {}
        items.append(
            t(
                lang,
                "adm.sources.item_named" if named else "adm.sources.item",
                **named,
                id=s.id,
                url=trim_words(s.url, 200),
                topics=", ".join(titles.get(slug, slug) for slug in s.topics)
                or t(lang, "adm.word.all"),
                interval=s.interval,
                health=Markup(health),
            )
        )
    await say(update, lang, t(lang, "adm.sources.title", count=len(sources)), *items)
    return True


def _fetch_report(lang: str, source_id: int, shown: str, report: IngestReport) -> str:
    """What /addsource says after the first fetch of the new source."""
    if report.error:
        return t(
            lang,
            "adm.addsource.fetch_failed",
            id=source_id,
            url=shown,
            error=one_line(report.error),
        )
    r = report.result
    return t(
        lang,
        "adm.addsource.added",
        id=source_id,
        url=shown,
        new=r.new,
        updated=r.updated,
        skipped=r.skipped,
    )


@admin_command("addsource")
async def addsource(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = context.runtime, admin.lang
    words = admin.args.replace(",", " ").split()
    if not words:
        await reply(update, t(lang, "adm.addsource.usage"), lang=lang)
        return False
    url = words[0]
    if not is_http_url(url):
        await reply(update, t(lang, "adm.addsource.bad_url", url=echo(url)), lang=lang)
        return False
    shown = one_line(url, URL_SHOWN)
    topics = await topics_or_error(update, context, lang, words[1:])
    if topics is None:
        return False
    store = runtime.store
    assert runtime.ingestor is not None
    source_id = await store.sources.add(
        url,
        topics=topics,
        interval=runtime.settings.default_source_interval,
        claim=runtime.ingestor.claim(),  # its first fetch is this one, not the scheduler's too
    )
    if source_id is None:
        existing = next((s for s in await store.sources.all() if s.url == url), None)
        await reply(
            update,
            t(lang, "adm.addsource.exists", url=shown, id=existing.id if existing else "?"),
            lang=lang,
        )
        return False
    source = await store.sources.get(source_id)
    assert source is not None
    report = await runtime.ingestor.fetch_source(source)
    text = _fetch_report(lang, source_id, shown, report)
    await reply(update, text, lang=lang)
    return True


@admin_command("delsource")
async def delsource(update: Update, context: NewsContext, admin: Admin) -> bool:
    store, lang = context.runtime.store, admin.lang
    source_id = parse_id(admin.args)
    if source_id is None:
        await reply(update, t(lang, "adm.delsource.usage"), lang=lang)
        return False
    source = await store.sources.get(source_id)
    if source is None or not await store.sources.remove(source.id):
        await reply(update, t(lang, "adm.delsource.missing", id=source_id), lang=lang)
        return False
    await reply(update, t(lang, "adm.delsource.done", id=source.id, url=source.url), lang=lang)
    return True


@admin_command("import")
async def import_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    """/import as the caption of an OPML document, or as a reply to one."""
    lang = admin.lang
    message = update.effective_message
    document = None
    if message is not None:
        document = message.document or (
            message.reply_to_message.document if message.reply_to_message else None
        )
    if document is None:
        await reply(update, t(lang, "adm.import.usage"), lang=lang)
        return False
    if document.file_size and document.file_size > OPML_MAX_BYTES:
        await reply(update, t(lang, "adm.import.too_big", mb=OPML_MAX_BYTES // 2**20), lang=lang)
        return False
    try:
        file = await document.get_file()
        data = bytes(await file.download_as_bytearray())
    except TelegramError as exc:
        log.info("could not download the /import file: %s", exc)
        await reply(update, t(lang, "adm.import.unavailable", error=one_line(str(exc))), lang=lang)
        return False
    try:
        doc = parse_opml(data)
    except OpmlError as exc:
        await reply(update, t(lang, "adm.import.bad", error=str(exc)), lang=lang)
        return False
    runtime = context.runtime
    result = await import_sources(
        runtime.store, doc, interval=runtime.settings.default_source_interval
    )
    await reply(
        update,
        t(
            lang,
            "adm.import.done",
            added=len(result.added),
            existing=len(result.existing),
            skipped=len(result.skipped),
        ),
        lang=lang,
    )
    return True


@admin_command("export")
async def export_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    lang = admin.lang
    data, count = await export_sources(context.runtime.store)
    message = update.effective_message
    if not count:
        await reply(update, t(lang, "adm.export.empty"), lang=lang)
        return True
    if message is not None:
        await message.reply_document(
            InputFile(data, filename="newsbot-sources.opml"),
            caption=t(lang, "adm.export.caption", count=count),
            parse_mode=ParseMode.HTML,
            do_quote=False,
        )
    return True

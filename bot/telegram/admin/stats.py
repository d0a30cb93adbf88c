"""/stats (the figures and a chart of messages sent per hour) and /audit (what admins did)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import (
    InputFile,
    Update,
)
from telegram.constants import ParseMode

from bot.delivery.broadcast_progress import number
from bot.locales import t
from bot.models import utcnow
from bot.ops.stats import Stats, chart_png, gather_stats
from bot.render import clean_line, trim_words
from bot.runtime import Runtime
from bot.telegram.admin.auth import (
    Admin,
    admin_command,
    known_topics,
    when,
)
from bot.telegram.common import (
    one_line,
    reply,
    say,
)
from bot.telegram.context import NewsContext

AUDIT_LIMIT = 20


def _summary(stats: Stats, lang: str, topics: dict[str, str]) -> list[str]:
    """The figures of /stats, one line each (before the sources)."""
    per_topic = ", ".join(f"{topics.get(slug, slug)} {number(n)}" for slug, n in stats.per_topic)
    age = stats.oldest_pending_age
    return [
        t(lang, "adm.stats.paused") if stats.paused else "",
        t(
            lang,
            "adm.stats.readers",
            active=number(stats.readers_active),
            inactive=number(stats.readers_inactive),
        ),
        t(lang, "adm.stats.per_topic", topics=per_topic or "-"),
        t(
            lang,
            "adm.stats.stories",
            today=number(stats.stories_today),
            week=number(stats.stories_week),
        ),
        t(
            lang,
            "adm.stats.messages",
            sent=number(stats.sent_today),
            failed=number(stats.failed_today),
        ),
        t(
            lang,
            "adm.stats.shared",
            today=number(stats.shared_today),
            week=number(stats.shared_week),
        ),
        t(
            lang,
            "adm.stats.backlog",
            pending=number(stats.pending),
            minutes=int(age.total_seconds() // 60) if age else 0,
        )
        if stats.pending
        else t(lang, "adm.stats.backlog_empty"),
    ]


def _embargo_lines(runtime: Runtime, stats: Stats, lang: str) -> list[str]:
    """The stories under embargo, soonest first, those an editor held marked (none: no line)."""
    if not stats.embargoed:
        return []
    items = [
        t(
            lang,
            "adm.stats.embargoed_held_item" if article.held else "adm.stats.embargoed_item",
            id=article.id,
            title=trim_words(clean_line(article.title), 80),
            until=when(runtime, article.published_at, lang),
        )
        for article in stats.embargoed_next
    ]
    return [t(lang, "adm.stats.embargoed", count=number(stats.embargoed)), *items]


def _source_lines(runtime: Runtime, stats: Stats, lang: str) -> list[str]:
    """The sources part of /stats: each source's last success and items of the last day."""
    parts = [t(lang, "adm.stats.sources")]
    if not stats.sources:
        parts.append(t(lang, "adm.stats.no_sources"))
    for s in stats.sources:
        values: dict[str, object] = {
            "id": s.id,
            "name": trim_words(clean_line(s.title or s.url), 80),
            "success": when(runtime, s.last_success_at, lang),
            "items": number(s.items_24h),
        }
        if s.last_error:
            parts.append(t(lang, "adm.stats.source_error", error=one_line(s.last_error), **values))
        else:
            parts.append(t(lang, "adm.stats.source", **values))
    return parts


@admin_command("stats")
async def stats_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime = context.runtime
    lang = admin.lang
    zone = ZoneInfo(runtime.settings.timezone)
    now = utcnow()
    stats = await gather_stats(runtime.store, now=now, zone=zone)
    topics = {topic.slug: topic.title(lang) for topic in await known_topics(context)}
    await say(
        update,
        lang,
        t(lang, "adm.stats.title", time=when(runtime, now, lang)),
        *_summary(stats, lang, topics),
        *_embargo_lines(runtime, stats, lang),
        *_source_lines(runtime, stats, lang),
    )
    png = await chart_png(
        stats.hourly,
        zone=zone,
        title=t(lang, "fmt.chart_title"),
        ylabel=t(lang, "fmt.chart_ylabel"),
    )
    message = update.effective_message
    if message is not None:
        await message.reply_photo(
            InputFile(png, filename="sent-per-hour.png"),
            caption=t(lang, "adm.stats.caption"),
            parse_mode=ParseMode.HTML,
            do_quote=False,
        )
    return True


@admin_command("audit")
async def audit_command(update: Update, context: NewsContext, admin: Admin) -> bool:
    runtime, lang = context.runtime, admin.lang
    entries = await runtime.store.audit.latest(AUDIT_LIMIT)
    if not entries:
        await reply(update, t(lang, "adm.audit.empty"), lang=lang)
        return True
    items = [
        t(
            lang,
            "adm.audit.item",
            mark="✅" if e.ok else "❌",
            time=when(runtime, e.at, lang),
            admin=e.admin_id,
            action=f"{e.action} {trim_words(e.detail, 120)}".strip(),
        )
        for e in entries
    ]
    await say(update, lang, t(lang, "adm.audit.title", count=len(entries)), *items)
    return True

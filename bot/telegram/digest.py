"""/digest and /quiet (README, "Digests and quiet hours"): thin handlers over the digest scheduler.

`/digest daily HH:MM | hourly | off | now` and `/quiet HH:MM-HH:MM [hold] | off`. Times are
the reader's local time (/timezone, default TIMEZONE); the arithmetic is in bot.delivery.schedule.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from telegram import Update

from bot.delivery.digest_scheduler import DigestScheduler
from bot.delivery.schedule import (
    first_period,
    format_hhmm,
    parse_hhmm,
    parse_window,
    quiet_window,
)
from bot.locales import t
from bot.store.digests import DigestReader
from bot.store.readers import Reader
from bot.telegram.common import (
    OFF_WORDS,
    command_args,
    lines,
    quoted,
    reader_command,
    reply,
    word_in,
)
from bot.telegram.context import NewsContext

# What readers may type (input vocabulary, not texts the bot says).
DAILY_WORDS = frozenset({"daily", "day", "щодня", "щоденно", "день"})
HOURLY_WORDS = frozenset({"hourly", "hour", "щогодини", "година"})
NOW_WORDS = frozenset({"now", "зараз"})
HOLD_WORDS = frozenset({"hold", "wait", "тримати", "чекати", "затримати"})


def scheduler(context: NewsContext) -> DigestScheduler | None:
    return context.runtime.digests


def when_text(moment: datetime, zone: ZoneInfo, now: datetime, lang: str) -> str:
    """A due time as the reader reads it: "09:00" today, else "25.11, 09:00"."""
    local, today = moment.astimezone(zone), now.astimezone(zone)
    if local.date() == today.date():
        return local.strftime("%H:%M")
    return local.strftime(t(lang, "fmt.datetime"))


@reader_command
async def digest(update: Update, context: NewsContext, reader: Reader) -> None:
    """/digest daily HH:MM | hourly | off | now (also "/digest HH:MM" for daily)."""
    lang, text = reader.language, command_args(update)
    service = scheduler(context)
    if service is None:
        await reply(update, t(lang, "digest.unavailable"), lang=lang)
        return
    words = text.split()
    first = words[0] if words else ""
    rest = words[1:]
    store = context.runtime.store.digests
    state = await store.reader(reader.chat_id)
    assert state is not None
    zone = service.zone(state)
    if not first:
        await reply(update, t(lang, "digest.usage"), lang=lang)
    elif word_in(first, NOW_WORDS) and not rest:
        if not reader.topics:
            await reply(update, t(lang, "digest.no_topics"), lang=lang)
        elif not await service.digest_now(reader.chat_id):
            await reply(update, t(lang, "digest.empty"), lang=lang)
    elif word_in(first, OFF_WORDS) and not rest:
        await store.configure(reader.chat_id, "off", None, None)
        await reply(update, t(lang, "digest.off"), lang=lang)
    elif word_in(first, HOURLY_WORDS) and not rest:
        due = service.first_due(state, "hourly", None)
        await store.configure(
            reader.chat_id, "hourly", None, due, forget_before=_forget_before(service, "hourly")
        )
        assert due is not None
        await _confirm(
            update, reader, t(lang, "digest.hourly", next=_when(service, due, zone, lang))
        )
    elif word_in(first, DAILY_WORDS) or parse_hhmm(first) is not None:
        given = " ".join(rest) if word_in(first, DAILY_WORDS) else text
        await _set_daily(update, context, reader, given, (service, state, zone))
    else:
        await reply(
            update,
            lines(t(lang, "digest.bad_time", time=quoted([text])), t(lang, "digest.usage"))
            if any(c.isdigit() for c in text)
            else t(lang, "digest.usage"),
            lang=lang,
        )


def _forget_before(service: DigestScheduler, mode: str) -> datetime:
    """Digests turned on again forget a last digest older than their first period."""
    return service.clock() - first_period(mode)


async def _set_daily(
    update: Update,
    context: NewsContext,
    reader: Reader,
    given: str,
    scheduling: tuple[DigestScheduler, DigestReader, ZoneInfo],
) -> None:
    """/digest daily HH:MM (or /digest HH:MM): check the time, store it, confirm."""
    service, state, zone = scheduling
    lang = reader.language
    store = context.runtime.store.digests
    zone_name = reader.timezone or context.runtime.settings.timezone
    if not given:
        await reply(update, t(lang, "digest.need_time", timezone=zone_name), lang=lang)
        return
    at = parse_hhmm(given)
    if at is None:
        await reply(update, t(lang, "digest.bad_time", time=quoted([given])), lang=lang)
        return
    hhmm = format_hhmm(at)
    due = service.first_due(state, "daily", hhmm)
    await store.configure(
        reader.chat_id, "daily", hhmm, due, forget_before=_forget_before(service, "daily")
    )
    assert due is not None
    html = t(
        lang,
        "digest.daily",
        time=hhmm,
        timezone=zone_name,
        next=_when(service, due, zone, lang),
    )
    await _confirm(update, reader, html)


def _when(service: DigestScheduler, due: datetime, zone: ZoneInfo, lang: str) -> str:
    return when_text(due, zone, service.clock(), lang)


async def _confirm(update: Update, reader: Reader, html: str) -> None:
    lang = reader.language
    hint = t(lang, "digest.also_instant") if reader.instant else ""
    no_topics = t(lang, "digest.no_topics") if not reader.topics else ""
    await reply(update, lines(html, hint, no_topics), lang=lang)


def _held_now(state: DigestReader, now: datetime) -> tuple[datetime, datetime] | None:
    """A window being held ends now: what it held goes out at once (the scheduler sees it)."""
    if (
        state.hold_from is not None
        and state.hold_until is not None
        and state.hold_from <= now < state.hold_until
    ):
        return (state.hold_from, now)
    return None


@reader_command
async def quiet(update: Update, context: NewsContext, reader: Reader) -> None:
    """/quiet HH:MM-HH:MM [hold] | off."""
    lang, text = reader.language, command_args(update)
    service = scheduler(context)
    if service is None:
        await reply(update, t(lang, "digest.unavailable"), lang=lang)
        return
    store = context.runtime.store.digests
    state = await store.reader(reader.chat_id)
    assert state is not None
    now = service.clock()
    held = _held_now(state, now)
    if not text:
        await reply(update, t(lang, "quiet.usage"), lang=lang)
        return
    if word_in(text, OFF_WORDS):
        await store.set_quiet(reader.chat_id, None, None, False, held)
        if held is not None:  # what the window held goes at once, not at the next tick
            service.wake()
        await reply(update, t(lang, "quiet.off"), lang=lang)
        return
    words = text.split()
    hold = len(words) > 1 and word_in(words[-1], HOLD_WORDS)
    window_text = " ".join(words[:-1] if hold else words)
    window = parse_window(window_text)
    if window is None:
        # all that the reader typed, "hold" too (a word left out of it may be the mistake)
        await reply(update, t(lang, "quiet.bad", text=quoted([text])), lang=lang)
        return
    start, end = window
    zone = service.zone(state)
    if held is not None:
        upcoming: tuple[datetime, datetime] | None = held  # released first, then re-armed
    elif hold:
        upcoming = quiet_window(now, start, end, zone)
    else:
        upcoming = None
    await store.set_quiet(reader.chat_id, format_hhmm(start), format_hhmm(end), hold, upcoming)
    values = {
        "start": format_hhmm(start),
        "end": format_hhmm(end),
        "timezone": reader.timezone or context.runtime.settings.timezone,
    }
    await reply(update, t(lang, "quiet.hold" if hold else "quiet.silent", **values), lang=lang)

"""Digest times and quiet hours as pure functions: no I/O, no Telegram, no clock of their own.

Scheduling works on aware UTC datetimes and a reader's `ZoneInfo`:

* a daily digest at local HH:MM happens once per local date. A time that does not exist that
  day (spring forward) moves to the first valid instant after it (the moment the clocks jump);
  a time that happens twice (fall back) happens once, at its first occurrence;
* an hourly digest happens at the top of every local hour;
* a digest that fell due while the bot was down is sent once, when it comes back, if it is
  less than `CATCH_UP` late; otherwise it is skipped and the schedule moves on.

Quiet hours are a local window "HH:MM-HH:MM" that may cross midnight (23:00-07:00).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def zone_of(name: str | None, default: str) -> ZoneInfo:
    """The reader's zone, else the default (TIMEZONE), else UTC."""
    for candidate in (name, default):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ZoneInfoNotFoundError, ValueError, OSError):
                continue
    return ZoneInfo("UTC")


CATCH_UP = timedelta(hours=1)  # a digest later than this after downtime is skipped
FIRST_PERIOD = timedelta(hours=24)  # what a reader's first daily digest looks back over
HOURLY_PERIOD = timedelta(hours=1)  # ... and their first hourly digest
MAX_PERIOD = timedelta(days=7)  # the longest a digest ever looks back

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
_MINUTE = timedelta(minutes=1)


# --- times of day -------------------------------------------------------------------------


def parse_hhmm(text: str) -> time | None:
    """ "9:05" / "09:05" / "23:59" -> time; None for "25:00", "7:5", "9", "noon" ..."""
    match = _HHMM.match(text.strip())
    if match is None:
        return None
    return time(int(match.group(1)), int(match.group(2)))


def format_hhmm(moment: time) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def parse_window(text: str) -> tuple[time, time] | None:
    """ "23:00-07:00" (also with "–" or spaces around the dash) -> (start, end); None when
    either end is not a time or both are the same (an empty or a whole-day window)."""
    parts = re.split(r"\s*[-–—]\s*", text.strip())
    if len(parts) != 2:
        return None
    start, end = parse_hhmm(parts[0]), parse_hhmm(parts[1])
    if start is None or end is None or start == end:
        return None
    return start, end


# --- wall clock <-> UTC -------------------------------------------------------------------


def _local_naive(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone).replace(tzinfo=None)


def _floor_minute(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def resolve_local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of local `day` `at` in `zone`.

    Ambiguous (the clocks go back): the first occurrence. Nonexistent (the clocks jump
    forward): the first valid instant after it, i.e. the moment of the jump.
    """
    wall = datetime.combine(day, at)
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if _local_naive(first, zone) == wall:
        return first
    # In a gap: fold=1 reads the wall time with the offset after the jump (an instant before
    # it), fold=0 with the offset before (an instant after it). The jump lies between; find
    # the first whole minute whose wall time is past `wall` (transitions fall on minutes).
    low = _floor_minute(wall.replace(tzinfo=zone, fold=1).astimezone(UTC))
    high = _floor_minute(first) + _MINUTE
    while high - low > _MINUTE:
        middle = low + _floor_delta((high - low) / 2)
        if _local_naive(middle, zone) > wall:
            high = middle
        else:
            low = middle
    return high


def _floor_delta(delta: timedelta) -> timedelta:
    return timedelta(minutes=int(delta.total_seconds() // 60))


def next_daily(after: datetime, at: time, zone: ZoneInfo, *, inclusive: bool = False) -> datetime:
    """The first daily occurrence of local `at` after `after` (or at it, when `inclusive`)."""
    local_day = after.astimezone(zone).date()
    for offset in range(-1, 4):
        candidate = resolve_local(local_day + timedelta(days=offset), at, zone)
        if candidate > after or (inclusive and candidate == after):
            return candidate
    raise AssertionError("no daily occurrence within three days")  # pragma: no cover


def next_hourly(after: datetime, zone: ZoneInfo, *, inclusive: bool = False) -> datetime:
    """The first top of a local hour after `after` (or at it, when `inclusive`).

    Every UTC offset in use is a multiple of 15 minutes, so one of the next quarter hours is
    it. An hour repeated in autumn is two real hours and gets two digests; a skipped one none.
    """
    step = timedelta(minutes=15)
    base = after.astimezone(UTC).replace(second=0, microsecond=0)
    candidate = base - timedelta(minutes=base.minute % 15)
    for _ in range(12):
        if (candidate > after or (inclusive and candidate == after)) and candidate.astimezone(
            zone
        ).minute == 0:
            return candidate
        candidate += step
    raise AssertionError("no top of the hour within three hours")  # pragma: no cover


def next_digest(
    mode: str, at: time | None, zone: ZoneInfo, after: datetime, *, inclusive: bool = False
) -> datetime | None:
    """When a reader's next digest is due; None when they have none."""
    if mode == "hourly":
        return next_hourly(after, zone, inclusive=inclusive)
    if mode == "daily" and at is not None:
        return next_daily(after, at, zone, inclusive=inclusive)
    return None


def first_due(
    mode: str, at: time | None, zone: ZoneInfo, now: datetime, last_digest_at: datetime | None
) -> datetime | None:
    """The first digest after `/digest daily HH:MM` (or a time zone change) at `now`.

    The current minute counts: "/digest daily 09:00" sent at 09:00:40 is due at once. It is
    never at or before the previous digest, so changing settings never repeats one.
    """
    anchor = _floor_minute(now)
    if last_digest_at is not None and last_digest_at >= anchor:
        return next_digest(mode, at, zone, last_digest_at)
    return next_digest(mode, at, zone, anchor, inclusive=True)


@dataclass(frozen=True, slots=True)
class CatchUp:
    """What to do with a reader whose digest is due: send the one due at `send` (None: skip
    it, too late) and look for the next at `next_due`."""

    send: datetime | None
    next_due: datetime


def catch_up(
    due: datetime,
    now: datetime,
    following: Callable[[datetime], datetime],
    *,
    grace: timedelta = CATCH_UP,
) -> CatchUp:
    """Decide about a digest due at `due` (<= now), `following(t)` giving the one after t.

    After downtime, only the latest occurrence due by `now` is considered (missed ones are
    never sent in a burst); it goes out if less than `grace` late, else it is skipped.
    """
    if due > now:
        return CatchUp(None, due)
    latest = due
    horizon = now - timedelta(days=2)
    if latest < horizon:  # long downtime: jump instead of walking every missed hour
        latest = following(horizon)
        if latest > now:
            return CatchUp(None, latest)
    while (upcoming := following(latest)) <= now:
        latest = upcoming
    if now - latest < grace:
        return CatchUp(latest, upcoming)
    return CatchUp(None, upcoming)


def first_period(kind: str) -> timedelta:
    """What a reader's first digest (none before it) looks back over: its own period, an hour
    for an hourly digest, else a day (a daily one, /digest now)."""
    return HOURLY_PERIOD if kind == "hourly" else FIRST_PERIOD


def digest_period(
    last_digest_at: datetime | None, end: datetime, first: timedelta = FIRST_PERIOD
) -> tuple[datetime, datetime]:
    """[start, end) of the stories a digest covers: since the previous digest (the first one:
    the `first` before `end`), never more than a week."""
    start = last_digest_at if last_digest_at is not None else end - first
    return max(start, end - MAX_PERIOD), end


def published_since(
    last_digest_at: datetime | None, start: datetime, max_age: timedelta
) -> datetime:
    """The oldest publication time of a story a digest of the period from `start` takes.

    A later digest takes what was published up to `max_age` (MAX_ARTICLE_AGE_HOURS) before
    its period when it reached the store in the period: it came after the previous digest was
    built. A first digest takes nothing published before its period: there was no digest
    before it to miss anything, and an old story stored lately (a new source, an import) is
    not news to a reader who has just chosen digests.
    """
    return start if last_digest_at is None else start - max_age


# --- quiet hours --------------------------------------------------------------------------


def in_window(moment: time, start: time, end: time) -> bool:
    """Whether a local time of day is inside [start, end) (which may cross midnight)."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def is_quiet(now: datetime, start: time | None, end: time | None, zone: ZoneInfo) -> bool:
    """Whether `now` (UTC) falls in the reader's quiet hours."""
    if start is None or end is None or start == end:
        return False
    local = now.astimezone(zone)
    return in_window(local.time().replace(tzinfo=None), start, end)


def _wall_times(day: date, at: time, zone: ZoneInfo) -> list[datetime]:
    """Each UTC instant at which the local clock reads `day` `at`, in order: both in an hour
    the clocks repeat (fall back), else one (in a skipped hour, the moment of the jump)."""
    found = [resolve_local(day, at, zone)]
    wall = datetime.combine(day, at)
    again = wall.replace(tzinfo=zone, fold=1).astimezone(UTC)
    if again > found[0] and _local_naive(again, zone) == wall:
        found.append(again)
    return found


def _next_wall(after: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first instant after `after` at which the local clock reads `at` (as `next_daily`,
    but a repeated hour's second pass counts: quiet hours follow the wall clock)."""
    local_day = after.astimezone(zone).date()
    for offset in range(-1, 4):
        for candidate in _wall_times(local_day + timedelta(days=offset), at, zone):
            if candidate > after:
                return candidate
    raise AssertionError("no occurrence within three days")  # pragma: no cover


def _last_wall(before: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The last instant at or before `before` at which the local clock read `at`."""
    local_day = before.astimezone(zone).date()
    for offset in range(1, -4, -1):
        for candidate in reversed(_wall_times(local_day + timedelta(days=offset), at, zone)):
            if candidate <= before:
                return candidate
    raise AssertionError("no occurrence within three days")  # pragma: no cover


def quiet_window(
    now: datetime, start: time, end: time, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """The quiet window in progress at `now`, else the next one, as UTC [from, until).

    `is_quiet` reads the wall clock, so its window's ends are where the wall clock next
    reads `end` (and last read `start`): in the hour the clocks repeat in autumn, that may
    be the second pass (03:10 the second time, in a window to 03:30, ends at 03:30 the
    second time, not at tomorrow's 03:30), and a window within it happens twice. A window
    wholly in the hour skipped in spring does not happen that day."""
    if is_quiet(now, start, end, zone):
        return _last_wall(now, start, zone), _next_wall(now, end, zone)
    began = _next_wall(now, start, zone)
    for _ in range(3):  # a window wholly in a skipped spring hour never happens: the next
        if is_quiet(began, start, end, zone):
            break
        began = _next_wall(began, start, zone)
    return began, _next_wall(began, end, zone)

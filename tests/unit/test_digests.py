"""Digests as pure functions: scheduling in readers' zones (DST included), catch-up after
downtime, quiet windows, grouping and ranking, splitting between items."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest

from bot.delivery.schedule import (
    catch_up,
    digest_period,
    first_due,
    first_period,
    in_window,
    is_quiet,
    next_daily,
    next_digest,
    next_hourly,
    parse_hhmm,
    parse_window,
    published_since,
    quiet_window,
    resolve_local,
)
from bot.models import Article, Topic
from bot.render import Renderer
from bot.render.digest import (
    DigestRenderer,
    Section,
    compact_number,
    group_stories,
    split_units,
)

KYIV = ZoneInfo("Europe/Kyiv")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


# --- times of day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09:00", time(9)), ("9:05", time(9, 5)), (" 23:59 ", time(23, 59)), ("00:00", time(0))],
)
def test_parse_hhmm_accepts_times_of_day(text: str, expected: time) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    "text", ["25:00", "24:00", "7:5", "12:60", "9", "noon", "", "09:00:00", "٠٩:٠٠", "1" * 5000]
)
def test_parse_hhmm_rejects_everything_else(text: str) -> None:
    assert parse_hhmm(text) is None


def test_parse_window() -> None:
    assert parse_window("23:00-07:00") == (time(23), time(7))
    assert parse_window("22:30 – 6:15") == (time(22, 30), time(6, 15))
    assert parse_window("23:00") is None
    assert parse_window("23:00-25:00") is None
    assert parse_window("07:00-07:00") is None  # empty (or whole-day) windows are refused
    assert parse_window("a-b") is None


# --- daily, in the reader's zone --------------------------------------------------------------


def test_daily_is_at_local_time_in_each_zone() -> None:
    now = utc(2026, 11, 24, 5, 0)  # 07:00 in Kyiv, 00:00 in New York
    assert next_daily(now, time(9), KYIV) == utc(2026, 11, 24, 7, 0)
    assert next_daily(now, time(9), NEW_YORK) == utc(2026, 11, 24, 14, 0)
    # past today's time: tomorrow
    assert next_daily(now, time(6, 30), KYIV) == utc(2026, 11, 25, 4, 30)


def test_daily_inclusive_counts_the_current_instant() -> None:
    at = utc(2026, 11, 24, 7, 0)
    assert next_daily(at, time(9), KYIV, inclusive=True) == at
    assert next_daily(at, time(9), KYIV) == utc(2026, 11, 25, 7, 0)


def test_daily_keeps_local_time_across_spring_forward_in_kyiv() -> None:
    # 2026-03-29: 03:00 EET becomes 04:00 EEST. A 09:00 digest stays at 09:00 local.
    sent = [utc(2026, 3, 28, 7, 0)]  # 09:00 EET
    for _ in range(2):
        sent.append(next_daily(sent[-1], time(9), KYIV))
    assert sent[1:] == [utc(2026, 3, 29, 6, 0), utc(2026, 3, 30, 6, 0)]  # 09:00 EEST
    assert [s.astimezone(KYIV).strftime("%d %H:%M") for s in sent] == [
        "28 09:00",
        "29 09:00",
        "30 09:00",
    ]


def test_nonexistent_time_moves_to_the_jump_not_skipped() -> None:
    # 03:30 does not exist in Kyiv on 2026-03-29: the digest comes at 04:00 local, once.
    before = utc(2026, 3, 28, 1, 30)  # 03:30 EET on the 28th
    on_the_day = next_daily(before, time(3, 30), KYIV)
    assert on_the_day == utc(2026, 3, 29, 1, 0)
    assert on_the_day.astimezone(KYIV).strftime("%H:%M") == "04:00"
    assert next_daily(on_the_day, time(3, 30), KYIV) == utc(2026, 3, 30, 0, 30)
    # New York, 2026-03-08: 02:00 EST becomes 03:00 EDT.
    assert resolve_local(datetime(2026, 3, 8).date(), time(2, 30), NEW_YORK) == utc(
        2026, 3, 8, 7, 0
    )
    assert next_daily(utc(2026, 3, 7, 12), time(2, 30), NEW_YORK) == utc(2026, 3, 8, 7, 0)


def test_ambiguous_time_happens_once_at_its_first_occurrence() -> None:
    # New York, 2026-11-01: 02:00 EDT becomes 01:00 EST; 01:30 happens twice.
    first = next_daily(utc(2026, 10, 31, 12), time(1, 30), NEW_YORK)
    assert first == utc(2026, 11, 1, 5, 30)  # 01:30 EDT
    again = next_daily(first, time(1, 30), NEW_YORK)
    assert again == utc(2026, 11, 2, 6, 30)  # the next day, not 01:30 EST an hour later
    # and a digest at 09:00 keeps its local hour across the change
    assert next_daily(utc(2026, 10, 31, 13, 0), time(9), NEW_YORK) == utc(2026, 11, 1, 14, 0)
    assert next_daily(utc(2026, 10, 31, 12, 0), time(9), NEW_YORK) == utc(2026, 10, 31, 13, 0)


def test_every_day_of_a_dst_year_gets_exactly_one_daily_digest() -> None:
    for zone in (KYIV, NEW_YORK):
        for at in (time(0, 0), time(1, 30), time(2, 30), time(3, 30), time(9, 0), time(23, 59)):
            moment = utc(2026, 1, 1)
            days = []
            while moment < utc(2027, 1, 1):
                moment = next_daily(moment, at, zone)
                days.append(moment.astimezone(zone).date())
            assert len(days) == len(set(days)), (zone, at)
            assert len(days) in (365, 366), (zone, at, len(days))


# --- hourly ---------------------------------------------------------------------------------


def test_hourly_is_at_the_top_of_each_local_hour() -> None:
    assert next_hourly(utc(2026, 11, 24, 10, 17), KYIV) == utc(2026, 11, 24, 11, 0)
    assert next_hourly(utc(2026, 11, 24, 11, 0), KYIV) == utc(2026, 11, 24, 12, 0)
    assert next_hourly(utc(2026, 11, 24, 11, 0), KYIV, inclusive=True) == utc(2026, 11, 24, 11)
    india = ZoneInfo("Asia/Kolkata")  # +05:30: the local top of the hour is :30 UTC
    assert next_hourly(utc(2026, 11, 24, 10, 17), india) == utc(2026, 11, 24, 10, 30)


def test_hourly_through_a_dst_change_is_every_real_hour() -> None:
    moment = utc(2026, 11, 1, 3, 0)  # 23:00 EDT on Oct 31
    seen = []
    for _ in range(6):
        moment = next_hourly(moment, NEW_YORK)
        seen.append(moment)
    assert all(b - a == timedelta(hours=1) for a, b in itertools.pairwise(seen))


def test_first_due_counts_the_current_minute() -> None:
    now = utc(2026, 11, 24, 7, 0, 40)  # 09:00:40 in Kyiv
    assert first_due("daily", time(9), KYIV, now, None) == utc(2026, 11, 24, 7, 0)
    assert first_due("daily", time(8, 59), KYIV, now, None) == utc(2026, 11, 25, 6, 59)
    # a digest already sent this minute is not sent again because settings changed
    assert first_due("daily", time(9), KYIV, now, utc(2026, 11, 24, 7, 0, 5)) == utc(
        2026, 11, 25, 7, 0
    )
    assert first_due("hourly", None, KYIV, now, None) == utc(2026, 11, 24, 7, 0)
    later = utc(2026, 11, 24, 7, 17)
    assert first_due("hourly", None, KYIV, later, None) == utc(2026, 11, 24, 8, 0)
    assert first_due("off", None, KYIV, now, None) is None


# --- catch-up after downtime ------------------------------------------------------------------


def daily_at(at: time, zone: ZoneInfo) -> partial[datetime]:
    return partial(lambda after: next_digest("daily", at, zone, after) or after)


def test_a_digest_due_during_a_short_downtime_is_sent_once() -> None:
    due = utc(2026, 11, 24, 7, 0)
    following = daily_at(time(9), KYIV)
    decision = catch_up(due, due + timedelta(minutes=59), following)
    assert decision.send == due
    assert decision.next_due == utc(2026, 11, 25, 7, 0)
    # once sent, the stored next time is tomorrow: the same run sends nothing again
    again = catch_up(decision.next_due, due + timedelta(minutes=59), following)
    assert again.send is None and again.next_due == decision.next_due


def test_a_digest_an_hour_late_or_more_is_skipped_to_the_next() -> None:
    due = utc(2026, 11, 24, 7, 0)
    following = daily_at(time(9), KYIV)
    decision = catch_up(due, due + timedelta(hours=1), following)
    assert decision.send is None
    assert decision.next_due == utc(2026, 11, 25, 7, 0)


def test_hourly_after_hours_down_sends_only_the_latest_when_fresh() -> None:
    following = partial(lambda after: next_hourly(after, KYIV))
    due = utc(2026, 11, 24, 7, 0)
    decision = catch_up(due, utc(2026, 11, 24, 10, 20), following)
    assert decision.send == utc(2026, 11, 24, 10, 0)  # not 07:00, 08:00, 09:00 in a burst
    assert decision.next_due == utc(2026, 11, 24, 11, 0)
    # down for weeks: nothing old is sent, the schedule resumes
    long = catch_up(due, utc(2026, 12, 24, 10, 20), following)
    assert long.send == utc(2026, 12, 24, 10, 0)
    assert long.next_due == utc(2026, 12, 24, 11, 0)


def test_not_due_yet_is_left_alone() -> None:
    due = utc(2026, 11, 24, 7, 0)
    decision = catch_up(due, due - timedelta(seconds=1), daily_at(time(9), KYIV))
    assert decision.send is None and decision.next_due == due


def test_digest_period() -> None:
    end = utc(2026, 11, 24, 7)
    assert digest_period(None, end) == (end - timedelta(hours=24), end)
    last = utc(2026, 11, 23, 7)
    assert digest_period(last, end) == (last, end)
    assert digest_period(utc(2026, 1, 1), end) == (end - timedelta(days=7), end)
    hour = timedelta(hours=1)
    assert digest_period(None, end, first_period("hourly")) == (end - hour, end)
    assert digest_period(None, end, first_period("daily")) == (end - timedelta(hours=24), end)
    assert digest_period(last, end, first_period("hourly")) == (last, end)


def test_a_first_digest_takes_nothing_published_before_its_period() -> None:
    start, max_age = utc(2026, 11, 23, 7), timedelta(hours=72)
    assert published_since(None, start, max_age) == start
    assert published_since(utc(2026, 11, 23, 7), start, max_age) == start - max_age


# --- quiet hours ------------------------------------------------------------------------------


def test_windows_across_midnight() -> None:
    start, end = time(23), time(7)
    assert in_window(time(23), start, end)
    assert in_window(time(2, 30), start, end)
    assert in_window(time(6, 59), start, end)
    assert not in_window(time(7), start, end)
    assert not in_window(time(12), start, end)
    assert not in_window(time(22, 59), start, end)
    assert in_window(time(13), time(12), time(14))
    assert not in_window(time(14), time(12), time(14))


def test_is_quiet_uses_the_readers_zone() -> None:
    now = utc(2026, 11, 24, 22, 0)  # 00:00 in Kyiv, 17:00 in New York
    assert is_quiet(now, time(23), time(7), KYIV)
    assert not is_quiet(now, time(23), time(7), NEW_YORK)
    assert not is_quiet(now, None, None, KYIV)


def test_quiet_window_in_progress_and_next() -> None:
    inside = utc(2026, 11, 24, 23, 30)  # 01:30 on the 25th in Kyiv
    assert quiet_window(inside, time(23), time(7), KYIV) == (
        utc(2026, 11, 24, 21, 0),  # 23:00 on the 24th
        utc(2026, 11, 25, 5, 0),  # 07:00 on the 25th
    )
    outside = utc(2026, 11, 24, 10, 0)  # 12:00 in Kyiv
    assert quiet_window(outside, time(23), time(7), KYIV) == (
        utc(2026, 11, 24, 21, 0),
        utc(2026, 11, 25, 5, 0),
    )
    # the window ends at 07:00 local even when the clocks change that night
    night = utc(2026, 3, 28, 22, 0)  # 00:00 on the 29th in Kyiv (EET)
    began, until = quiet_window(night, time(23), time(7), KYIV)
    assert began == utc(2026, 3, 28, 21, 0)  # 23:00 EET
    assert until == utc(2026, 3, 29, 4, 0)  # 07:00 EEST


# In Kyiv the clocks go back on 25 October 2026 at 04:00 EEST (01:00 UTC): 03:00-04:00 local
# happens twice, 00:00-01:00 UTC (+3) and 01:00-02:00 UTC (+2). They go forward on 29 March
# 2026 at 03:00 EET (01:00 UTC): 03:00-04:00 local never happens.


def test_a_quiet_window_set_in_the_repeated_autumn_hour_ends_at_its_end() -> None:
    """/quiet 01:00-03:30 hold at 03:10 the second time held until 03:30 the next day (the
    first 03:30 had passed): it ends at 03:30 the second time."""
    window = (time(1), time(3, 30))
    began = utc(2026, 10, 24, 22, 0)  # 01:00 EEST
    assert quiet_window(utc(2026, 10, 25, 1, 10), *window, KYIV) == (
        began,
        utc(2026, 10, 25, 1, 30),  # 03:30 EET, the second time
    )
    assert quiet_window(utc(2026, 10, 25, 0, 10), *window, KYIV) == (
        began,
        utc(2026, 10, 25, 0, 30),  # 03:10 the first time: 03:30 EEST
    )
    # a window within the repeated hour happens twice, as the wall clock says
    short = (time(3, 10), time(3, 40))
    first, second = (
        (utc(2026, 10, 25, 0, 10), utc(2026, 10, 25, 0, 40)),
        (utc(2026, 10, 25, 1, 10), utc(2026, 10, 25, 1, 40)),
    )
    assert quiet_window(utc(2026, 10, 25, 0, 20), *short, KYIV) == first
    assert quiet_window(utc(2026, 10, 25, 0, 50), *short, KYIV) == second  # 03:50, first time
    assert quiet_window(utc(2026, 10, 25, 1, 20), *short, KYIV) == second
    assert quiet_window(utc(2026, 10, 25, 1, 45), *short, KYIV) == (
        utc(2026, 10, 26, 1, 10),
        utc(2026, 10, 26, 1, 40),
    )
    # a window that starts in the repeated hour began at its second start when it is on then
    assert quiet_window(utc(2026, 10, 25, 1, 20), time(3, 15), time(5), KYIV) == (
        utc(2026, 10, 25, 1, 15),
        utc(2026, 10, 25, 3, 0),  # 05:00 EET
    )


def test_a_quiet_window_with_an_end_or_start_in_the_skipped_spring_hour() -> None:
    # 02:00-03:30: 03:30 never comes; the window ends when the clocks jump (04:00 EEST)
    assert quiet_window(utc(2026, 3, 29, 0, 30), time(2), time(3, 30), KYIV) == (
        utc(2026, 3, 29, 0, 0),
        utc(2026, 3, 29, 1, 0),
    )
    # 03:10-05:00: it begins when the clocks jump, ends at 05:00 EEST
    window = (utc(2026, 3, 29, 1, 0), utc(2026, 3, 29, 2, 0))
    assert quiet_window(utc(2026, 3, 29, 0, 50), time(3, 10), time(5), KYIV) == window
    assert quiet_window(utc(2026, 3, 29, 1, 30), time(3, 10), time(5), KYIV) == window
    # 03:10-03:40 does not happen that day: the next is the next day's (not a 24-hour hold
    # from the jump to the next 03:40)
    assert quiet_window(utc(2026, 3, 29, 0, 50), time(3, 10), time(3, 40), KYIV) == (
        utc(2026, 3, 30, 0, 10),
        utc(2026, 3, 30, 0, 40),
    )
    # the night's window around the jump (23:00-07:00): 07:00 EEST
    assert quiet_window(utc(2026, 3, 29, 1, 30), time(23), time(7), KYIV) == (
        utc(2026, 3, 28, 21, 0),
        utc(2026, 3, 29, 4, 0),
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (time(1), time(3, 30)),
        (time(3, 10), time(3, 40)),
        (time(3, 15), time(5)),
        (time(2), time(3, 30)),
        (time(23), time(7)),
        (time(3, 30), time(2)),
        (time(22), time(3, 20)),
    ],
)
@pytest.mark.parametrize("day", [utc(2026, 3, 28, 12), utc(2026, 10, 24, 12)])
def test_quiet_windows_agree_with_is_quiet_across_both_transitions(
    start: time, end: time, day: datetime
) -> None:
    """Every 5 minutes of the two days around each transition: in quiet hours, the window in
    progress holds `now` and ends where the wall clock leaves them; else the next one is
    ahead. Either way it is quiet at its beginning and just before its end, and not at it."""
    for step in range(0, 48 * 60, 5):
        now = day + timedelta(minutes=step)
        began, until = quiet_window(now, start, end, KYIV)
        assert began < until <= began + timedelta(days=1, hours=1), now
        if is_quiet(now, start, end, KYIV):
            assert began <= now < until, now
        else:
            assert now < began, now
        assert is_quiet(began, start, end, KYIV), now
        assert is_quiet(until - timedelta(minutes=1), start, end, KYIV), now
        assert not is_quiet(until, start, end, KYIV), now


# --- grouping and ranking ------------------------------------------------------------------


def story(n: int, topics: list[str], *, views: int | None = None, minutes_ago: int = 0) -> Article:
    return Article(
        id=n,
        url=f"https://news.example.org/{n}",
        title=f"Story {n}",
        lead="",
        published_at=utc(2026, 11, 24, 12) - timedelta(minutes=minutes_ago),
        views=views,
        topics=topics,
    )


def test_grouping_follows_the_topic_order_and_puts_each_story_once() -> None:
    stories = [
        story(1, ["war", "politics"], minutes_ago=5),
        story(2, ["economy"], minutes_ago=1),
        story(3, ["politics"], minutes_ago=2),
        story(4, ["sport"], minutes_ago=3),  # not the reader's topic
    ]
    sections = group_stories(stories, ["politics", "war", "economy"], 5)
    assert [s.topic for s in sections] == ["politics", "economy"]
    assert [a.id for a in sections[0].articles] == [3, 1]  # newest first, 1 only here
    assert [a.id for a in sections[1].articles] == [2]


def test_ranking_by_views_then_recency() -> None:
    stories = [
        story(1, ["war"], views=10, minutes_ago=1),
        story(2, ["war"], views=5000, minutes_ago=50),
        story(3, ["war"], minutes_ago=0),
        story(4, ["war"], views=300, minutes_ago=30),
        story(5, ["war"], minutes_ago=10),
    ]
    (section,) = group_stories(stories, ["war"], 10)
    assert [a.id for a in section.articles] == [2, 4, 1, 3, 5]


def test_at_most_n_per_topic_and_the_rest_counted() -> None:
    stories = [story(n, ["war"], minutes_ago=n) for n in range(1, 9)]
    (section,) = group_stories(stories, ["war"], 5)
    assert [a.id for a in section.articles] == [1, 2, 3, 4, 5]
    assert section.more == 3
    assert group_stories([], ["war"], 5) == []


def test_compact_number() -> None:
    assert [compact_number(n) for n in (0, 999, 1000, 1234, 12_345, 2_500_000)] == [
        "0",
        "999",
        "1K",
        "1.2K",
        "12K",
        "2.5M",
    ]


# --- splitting ------------------------------------------------------------------------------


def test_split_between_items_never_inside() -> None:
    items = [f"item {n} " + "x" * 990 for n in range(10)]  # ~1,000 characters each

    def measure(chunk: list[str]) -> int:
        return len("HEADER\n\n" + "\n".join(chunk))

    parts = split_units(items, measure, 4096)
    assert [len(p) for p in parts] == [4, 4, 2]
    assert [item for part in parts for item in part] == items  # all, in order, each whole
    assert all(measure(part) <= 4096 for part in parts)


def test_split_keeps_a_short_digest_in_one_message() -> None:
    assert split_units(["a", "b"], lambda c: sum(map(len, c)), 4096) == [["a", "b"]]
    assert split_units([], lambda c: 0, 4096) == []


def test_split_exactly_at_the_limit() -> None:
    items = ["x" * 2048, "y" * 2048, "z"]
    parts = split_units(items, lambda c: sum(map(len, c)), 4096)
    assert parts == [["x" * 2048, "y" * 2048], ["z"]]


# --- item times -------------------------------------------------------------------------------


def item_times(
    lang: str, kind: str, start: datetime, due: datetime, *published: datetime
) -> list[str]:
    """The times a digest shows for stories published at these moments (Kyiv time)."""
    articles = [
        Article(
            id=n,
            url=f"https://news.example.org/{n}",
            title=f"Story {n}",
            lead="",
            published_at=moment,
            topics=["war"],
        )
        for n, moment in enumerate(published, start=1)
    ]
    (text,) = DigestRenderer(Renderer()).render(
        lang,
        KYIV,
        kind,
        [Section("war", articles)],
        [Topic("war", "War", "Війна")],
        start=start,
        end=due,
        due=due,
    )
    return [
        line.rsplit("<i>", 1)[1].removesuffix("</i>") for line in text.splitlines() if "<i>" in line
    ]


def test_a_digest_across_midnight_dates_the_stories_of_the_day_before() -> None:
    """A daily digest at 09:00 covers two calendar days: before, every story showed only its
    time, so yesterday's 23:05 read as tonight's. A story not from the digest's day has its
    date, in the reader's language and zone; one from that day its time only."""
    due = utc(2026, 11, 24, 7)  # 09:00 in Kyiv
    start = due - timedelta(hours=24)
    late, early = utc(2026, 11, 23, 21, 5), utc(2026, 11, 24, 6, 30)  # 23:05 and 08:30
    assert item_times("en", "daily", start, due, late, early) == ["23 Nov, 23:05", "08:30"]
    assert item_times("uk", "daily", start, due, late, early) == ["23.11, 23:05", "08:30"]
    # 22:30 UTC is already the 24th in Kyiv: the reader's day, not UTC's, decides
    assert item_times("en", "daily", start, due, utc(2026, 11, 23, 22, 30)) == ["00:30"]


def test_stories_all_of_the_digests_day_show_times_only() -> None:
    due = utc(2026, 11, 24, 10)  # 12:00 in Kyiv
    one, two = utc(2026, 11, 24, 9, 10), utc(2026, 11, 24, 9, 40)
    assert item_times("en", "hourly", due - timedelta(hours=1), due, one, two) == [
        "11:10",
        "11:40",
    ]


def test_a_week_long_digest_dates_each_earlier_day_and_the_year_when_it_differs() -> None:
    due = utc(2027, 1, 2, 7)  # 09:00 on 2 January
    start = due - timedelta(days=7)
    stories = (utc(2026, 12, 27, 8), utc(2027, 1, 1, 10, 15), utc(2027, 1, 2, 6, 5))
    assert item_times("en", "now", start, due, *stories) == [
        "27 Dec 2026, 10:00",
        "01 Jan, 12:15",
        "08:05",
    ]
    assert item_times("uk", "now", start, due, *stories) == [
        "27.12.2026, 10:00",
        "01.01, 12:15",
        "08:05",
    ]

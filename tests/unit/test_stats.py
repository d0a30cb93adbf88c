"""/stats numbers from a real store, and the chart is a real PNG."""

from __future__ import annotations

import struct
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from conftest import ArticleFactory

from bot.models import to_iso
from bot.ops.health import health_report
from bot.ops.stats import chart_png, day_start, gather_stats, sent_per_hour, week_start
from bot.store.outbox import PIN_KIND, NewDelivery
from bot.store.store import Store

KYIV = ZoneInfo("Europe/Kyiv")
NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday, 12:30 in Kyiv


def test_day_and_week_start_in_the_newsroom_zone() -> None:
    assert day_start(NOW, KYIV) == datetime(2026, 11, 25, 0, 0, tzinfo=KYIV)
    assert week_start(NOW, KYIV) == datetime(2026, 11, 23, 0, 0, tzinfo=KYIV)


async def _set(store: Store, sql: str, *params: object) -> None:
    await store.db.execute(sql, params)


async def test_numbers_from_the_store(store: Store, make_article: ArticleFactory) -> None:
    readers = store.readers
    for chat_id in (1, 2, 3, 4):
        await readers.register(chat_id, "en")
    await readers.subscribe(1, ["war", "sport"])
    await readers.subscribe(2, ["war"])
    await readers.subscribe(4, ["war"])
    await readers.deactivate(4, "blocked")

    source = await store.sources.add("https://example.org/rss")
    assert source is not None
    await store.sources.record_failure(source, now=NOW, next_at=NOW, error="HTTP 500")
    ids = []
    for when in (NOW - timedelta(hours=1), NOW - timedelta(days=2), NOW - timedelta(days=9)):
        _, article_id = await store.articles.upsert(make_article(), source_id=source)
        await _set(
            store, "UPDATE articles SET created_at = ? WHERE id = ?", to_iso(when), article_id
        )
        ids.append(article_id)

    await store.outbox.enqueue(
        NewDelivery(chat_id=c, article_id=ids[0], kind="instant", published_at="", want_rev=1)
        for c in (1, 2, 3)
    )
    rows = await store.db.fetchall("SELECT id FROM outbox ORDER BY id")
    await store.outbox.mark_sent(
        rows[0]["id"], message_id=1, as_photo=False, rev=1, now=NOW - timedelta(minutes=5)
    )
    await store.outbox.mark_sent(
        rows[1]["id"], message_id=2, as_photo=False, rev=1, now=NOW - timedelta(hours=30)
    )
    await store.outbox.mark_failed(rows[2]["id"], "Bad Request: whatever")
    await _set(store, "UPDATE outbox SET created_at = ?", to_iso(NOW - timedelta(hours=1)))
    await store.outbox.enqueue(
        [NewDelivery(chat_id=5, article_id=ids[1], kind="instant", published_at="", want_rev=1)]
    )
    await _set(
        store,
        "UPDATE outbox SET created_at = ? WHERE state = 'pending'",
        to_iso(NOW - timedelta(minutes=20)),
    )

    stats = await gather_stats(store, now=NOW, zone=KYIV)
    assert (stats.readers_active, stats.readers_inactive) == (3, 1)
    assert dict(stats.per_topic)["war"] == 2 and dict(stats.per_topic)["sport"] == 1
    assert dict(stats.per_topic)["politics"] == 0
    assert (stats.stories_today, stats.stories_week) == (1, 2)
    assert (stats.sent_today, stats.failed_today) == (1, 1)
    assert stats.pending == 1 and stats.oldest_pending_age == timedelta(minutes=20)
    [health] = stats.sources
    assert health.last_error == "HTTP 500" and health.last_success_at is None
    assert health.items_24h == 1
    assert len(stats.hourly) == 48
    assert stats.hourly[-1] == (datetime(2026, 11, 25, 10, tzinfo=UTC), 1)
    assert sum(n for _, n in stats.hourly) == 2
    assert dict(stats.hourly)[datetime(2026, 11, 24, 4, tzinfo=UTC)] == 1


async def test_hours_without_sends_are_zero(store: Store) -> None:
    hourly = await sent_per_hour(store, now=NOW, hours=3)
    assert hourly == [
        (datetime(2026, 11, 25, 8, tzinfo=UTC), 0),
        (datetime(2026, 11, 25, 9, tzinfo=UTC), 0),
        (datetime(2026, 11, 25, 10, tzinfo=UTC), 0),
    ]


async def test_chart_is_a_png() -> None:
    hourly = [(NOW - timedelta(hours=47 - i), i * 7 % 50) for i in range(48)]
    png = await chart_png(hourly, zone=KYIV, title="Messages sent per hour", ylabel="messages")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (900, 360)
    empty = await chart_png([], zone=KYIV, title="x", ylabel="y")
    assert empty[:8] == b"\x89PNG\r\n\x1a\n"


async def test_a_pin_is_no_message_sent_or_failed(
    store: Store, make_article: ArticleFactory
) -> None:
    """Pinning a breaking story's channel post is an outbox row (PIN_KIND) but no message:
    /stats, its chart and `newsbot status` counted each pin as a message sent (or failed)."""
    _, article_id = await store.articles.upsert(make_article())
    await store.outbox.enqueue(
        NewDelivery(chat_id=c, article_id=article_id, kind="channel", published_at="", want_rev=1)
        for c in (-1001, -1002)
    )
    rows = await store.db.fetchall("SELECT id FROM outbox ORDER BY id")
    for n, row in enumerate(rows, start=1):
        await store.outbox.mark_sent(
            row["id"], message_id=n, as_photo=False, rev=1, now=NOW - timedelta(minutes=5)
        )
    assert await store.outbox.pin_sent_posts(article_id, "") == 2
    pins = await store.db.fetchall("SELECT id FROM outbox WHERE kind = ? ORDER BY id", (PIN_KIND,))
    await store.outbox.mark_sent(
        pins[0]["id"], message_id=1, as_photo=False, rev=0, now=NOW - timedelta(minutes=4)
    )
    await store.outbox.mark_failed(pins[1]["id"], "Bad Request: not enough rights")
    await _set(store, "UPDATE outbox SET created_at = ?", to_iso(NOW - timedelta(minutes=6)))

    stats = await gather_stats(store, now=NOW, zone=KYIV)
    assert (stats.sent_today, stats.failed_today) == (2, 0)
    assert sum(n for _, n in stats.hourly) == 2
    report = await health_report(store, now=NOW)
    assert "outbox: 0 pending, 2 sent, 0 failed" in report.lines

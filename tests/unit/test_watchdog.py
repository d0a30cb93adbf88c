"""The watchdog: what counts as a problem, and that admins hear once and again on recovery."""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import ArticleFactory

from bot.models import to_iso, utcnow
from bot.ops.health import Problem, Thresholds, find_problems, health_report
from bot.ops.watchdog import Watchdog, decide, message
from bot.store.outbox import NewDelivery
from bot.store.store import Store

NOW = utcnow().replace(microsecond=0)  # stories get created_at from the real clock
LIMITS = Thresholds(
    source_failing=timedelta(hours=1),
    sender_stall=timedelta(minutes=5),
    no_stories=timedelta(minutes=120),
)


def p(key: str, kind: str = "no_stories") -> Problem:
    return Problem(key, kind, f"line {key}", {"minutes": "5"})


def test_decide_tells_once_and_on_recovery() -> None:
    first = decide({}, [p("a"), p("b")])
    assert [x.key for x in first.raised] == ["a", "b"] and first.recovered == []
    again = decide(first.active, [p("a"), p("b")])
    assert again.raised == [] and again.recovered == []
    later = decide(again.active, [p("b"), p("c")])
    assert [x.key for x in later.raised] == ["c"]
    assert [x.key for x in later.recovered] == ["a"]
    assert set(later.active) == {"b", "c"}


def test_messages_in_both_languages() -> None:
    problem = Problem(
        "source:3",
        "source_failing",
        "x",
        {"id": "3", "url": "https://e.org/<rss>", "error": "HTTP 503", "minutes": "61"},
    )
    assert message(problem, "en", recovered=False) == (
        "⚠️ Source 3 (https://e.org/&lt;rss&gt;) has been failing for 61 min: HTTP 503"
    )
    assert message(problem, "uk", recovered=True) == (
        "✅ Джерело 3 (https://e.org/&lt;rss&gt;) знову працює."
    )


async def _age_sources(store: Store, when: datetime) -> None:
    await store.db.execute("UPDATE sources SET created_at = ?", (to_iso(when),))


async def test_a_fresh_store_is_healthy(store: Store) -> None:
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []
    report = await health_report(store, now=NOW, thresholds=LIMITS)
    assert report.ok and report.lines[-1] == "status: ok"


async def test_source_failing_for_an_hour(store: Store, make_article: ArticleFactory) -> None:
    source = await store.sources.add("https://example.org/rss")
    assert source is not None
    await store.articles.upsert(make_article())  # stories are arriving
    ok_at = NOW - timedelta(minutes=30)
    await store.sources.record_success(
        source, now=ok_at, next_at=NOW, etag=None, last_modified=None, title=None
    )
    await store.sources.record_failure(source, now=NOW, next_at=NOW, error="HTTP 503")
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []
    [problem] = await find_problems(store, now=NOW + timedelta(minutes=31), thresholds=LIMITS)
    assert problem.key == f"source:{source}" and problem.values["error"] == "HTTP 503"


async def test_no_stories_for_a_while(store: Store, make_article: ArticleFactory) -> None:
    await store.sources.add("https://example.org/rss")
    await _age_sources(store, NOW - timedelta(hours=3))
    [problem] = await find_problems(store, now=NOW, thresholds=LIMITS)
    assert problem.kind == "no_stories"
    _, article_id = await store.articles.upsert(make_article())
    await store.db.execute(
        "UPDATE articles SET created_at = ? WHERE id = ?",
        (to_iso(NOW - timedelta(minutes=10)), article_id),
    )
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []


async def test_sender_stalled_with_work_due(store: Store) -> None:
    await store.outbox.enqueue(
        [NewDelivery(chat_id=1, article_id=1, kind="instant", published_at="", want_rev=1)]
    )
    await store.db.execute(
        "UPDATE outbox SET created_at = ?", (to_iso(NOW - timedelta(minutes=10)),)
    )
    [problem] = await find_problems(store, now=NOW, thresholds=LIMITS)
    assert problem.key == "sender" and problem.values["pending"] == "1"
    await store.set_paused(True)  # paused on purpose: not a problem
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []
    await store.set_paused(False)
    # a chat waiting for its retry is not work due
    await store.db.execute("UPDATE outbox SET next_attempt_at = ?", (to_iso(NOW + timedelta(1)),))
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []


async def test_a_channel_whose_last_post_failed_until_one_goes_through(store: Store) -> None:
    """The bot removed from a channel, or its forum topic deleted: each story failed with a
    log line and nobody was told; the watchdog says so once, and when it posts again."""
    await store.channels.add(-1001, 7)
    await store.channels.add(-1002)

    async def post(article_id: int, ok: bool) -> None:
        await store.outbox.enqueue(
            [
                NewDelivery(
                    chat_id=chat,
                    article_id=article_id,
                    kind="channel",
                    published_at="",
                    want_rev=1,
                    thread_id=thread,
                )
                for chat, thread in ((-1001, 7), (-1002, 0))
            ]
        )
        for row in await store.outbox.all_for_chat(-1001):
            if row.article_id == article_id:
                if ok:
                    await store.outbox.mark_sent(
                        row.id, message_id=article_id, as_photo=False, rev=1, now=NOW
                    )
                else:
                    await store.outbox.mark_failed(row.id, "Bad Request: message thread not found")
        for row in await store.outbox.all_for_chat(-1002):
            if row.article_id == article_id:
                await store.outbox.mark_sent(
                    row.id, message_id=article_id, as_photo=False, rev=1, now=NOW
                )

    await post(1, ok=True)
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []
    await post(2, ok=False)
    [problem] = await find_problems(store, now=NOW, thresholds=LIMITS)
    assert problem.key == "channel:-1001:7" and problem.kind == "channel_failing"
    assert message(problem, "en", recovered=False).startswith(
        "⚠️ The last post to channel -1001:7 failed: Bad Request: message thread not found."
    )
    report = await health_report(store, now=NOW, thresholds=LIMITS)
    assert not report.ok
    assert (
        "PROBLEM: channel -1001:7: its last post failed: Bad Request: message thread not found"
        in report.lines
    )
    await post(3, ok=True)
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []


async def test_watchdog_tells_each_admin_once_and_on_recovery(
    store: Store, make_article: ArticleFactory
) -> None:
    told: list[tuple[int, str]] = []

    async def notify(admin_id: int, text: str) -> None:
        if admin_id == 2:
            raise RuntimeError("chat not found")  # one admin never started the bot
        told.append((admin_id, text))

    await store.readers.register(1, "uk")
    dog = Watchdog(store, notify, {1, 2, 3}, thresholds=LIMITS)
    await store.sources.add("https://example.org/rss")
    await _age_sources(store, NOW - timedelta(hours=3))
    await dog.check_once(NOW)
    assert told == [
        (1, "⚠️ Уже 180 хв жодної нової новини з жодного джерела."),
        (3, "⚠️ No new story from any source for 180 min."),
    ]
    await dog.check_once(NOW + timedelta(minutes=1))
    # a restart remembers what was told
    await Watchdog(store, notify, {1, 3}, thresholds=LIMITS).check_once(NOW + timedelta(minutes=2))
    assert len(told) == 2
    await store.articles.upsert(make_article())
    await dog.check_once()
    assert told[2:] == [
        (1, "✅ Нові новини знову надходять."),
        (3, "✅ New stories are arriving again."),
    ]


async def test_a_channel_post_withdrawn_before_it_went_out_is_no_failure(store: Store) -> None:
    """Held by an editor, its story deleted, the edition no longer taking it: not Telegram
    refusing the channel's post, so no alarm; a refusal before such a row still counts."""
    await store.channels.add(-1001)
    reasons = [
        "held by an editor",
        "story deleted from the store",
        "the channel's edition no longer takes this story",
    ]

    async def queue(article_id: int) -> int:
        await store.outbox.enqueue(
            [
                NewDelivery(
                    chat_id=-1001,
                    article_id=article_id,
                    kind="channel",
                    published_at="",
                    want_rev=1,
                )
            ]
        )
        return max(r.id for r in await store.outbox.all_for_chat(-1001))

    await store.outbox.mark_sent(await queue(1), message_id=1, as_photo=False, rev=1, now=NOW)
    await store.outbox.hold_story(await queue(2) and 2)
    for n, reason in enumerate(reasons, start=3):
        await store.outbox.mark_failed(await queue(n), reason)
    assert await find_problems(store, now=NOW, thresholds=LIMITS) == []
    await store.outbox.mark_failed(await queue(10), "Bad Request: need administrator rights")
    await store.outbox.hold_story(await queue(11) and 11)
    [problem] = await find_problems(store, now=NOW, thresholds=LIMITS)
    assert problem.values["error"] == "Bad Request: need administrator rights"


async def test_a_failing_channel_removed_by_an_admin_is_not_told_as_taking_posts_again(
    store: Store,
) -> None:
    """`channel remove` of a failing channel made its problem go, and the watchdog told the
    admins "✅ Channel ... takes posts again"; a channel that recovers still says so."""
    told: list[str] = []

    async def notify(admin_id: int, text: str) -> None:
        told.append(text)

    dog = Watchdog(store, notify, {1}, thresholds=LIMITS)
    for chat in (-1001, -1002):
        await store.channels.add(chat)
        await store.outbox.enqueue(
            [NewDelivery(chat_id=chat, article_id=1, kind="channel", published_at="", want_rev=1)]
        )
        [row] = await store.outbox.all_for_chat(chat)
        await store.outbox.mark_failed(row.id, "Forbidden: bot was kicked from the channel chat")
    await dog.check_once(NOW)
    assert len(told) == 2 and all(text.startswith("⚠️") for text in told)
    await store.channels.remove(-1001)
    await store.outbox.enqueue(
        [NewDelivery(chat_id=-1002, article_id=2, kind="channel", published_at="", want_rev=1)]
    )
    row = next(r for r in await store.outbox.all_for_chat(-1002) if r.article_id == 2)
    await store.outbox.mark_sent(row.id, message_id=5, as_photo=False, rev=1, now=NOW)
    await dog.check_once(NOW + timedelta(minutes=1))
    assert len(told) == 3 and "-1002" in told[2] and told[2].startswith("✅"), told

"""Breaking news end to end: the real Application long-polling the strict fake Bot API.

An urgent story (JSON Lines `urgent`, a feed category, the store's column set by another
program, /breaking) goes ahead of a queued fan-out, carries the label in the chat's language,
rings for a reader in quiet hours (not for one who opted out in /settings), is pinned in the
channel with the previous breaking pin unpinned; a held story stays held."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings, other_program

from bot.models import utcnow
from bot.ops.health import health_report
from bot.ops.stats import sent_per_hour
from bot.store.store import Store

CHANNEL = -1001234567890
ADMIN, ALICE, BOHDAN, CAROL = 4000, 4001, 4002, 4003
TIMEOUT = 8.0


@pytest.fixture
async def bot(fake_bot: FakeBotServer, db_path: str) -> AsyncIterator[RunningBot]:
    fake_bot.add_channel(CHANNEL, "Newsroom")
    fake_bot.set_limits(private_per_sec=100, private_burst=100, group_per_min=600)
    settings = make_settings(
        fake_bot.base_url,
        fake_bot.token,
        db_path,
        admin_ids=str(ADMIN),
        group_rate_per_minute=600,
        poll_interval=0.2,
    )
    running = RunningBot(settings)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()
    assert [
        (r.method, r.description) for r in fake_bot.rejections if r.method != "getUpdates"
    ] == []


async def command(fake: FakeBotServer, user: int, text: str, lang: str = "en") -> SentMessage:
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code=lang)
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


async def settled(store: Store) -> None:
    for _ in range(200):
        if not (await store.outbox.counts()).get("pending"):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("outbox still pending")


def quiet_now() -> tuple[str, str]:
    """A quiet-hours window around now in Kyiv (the readers' default zone)."""
    now = datetime.now(ZoneInfo("Europe/Kyiv"))
    return (now - timedelta(hours=1)).strftime("%H:%M"), (now + timedelta(hours=1)).strftime(
        "%H:%M"
    )


def jsonl(tmp_path: Path, name: str, *items: dict[str, Any]) -> str:
    path = tmp_path / f"{name}.jsonl"
    path.write_text("\n".join(json.dumps(item, ensure_ascii=False) for item in items))
    return str(path)


def story(n: int, **extra: Any) -> dict[str, Any]:
    return {
        "url": f"https://news.example.org/b/{n}",
        "title": f"Story {n}",
        "lead": f"Lead of story {n}.",
        "topics": ["war"],
        "published_at": (utcnow() - timedelta(minutes=30 - n)).isoformat(),
        **extra,
    }


async def test_urgent_story_jumps_the_queue_rings_and_is_pinned(
    bot: RunningBot, fake_bot: FakeBotServer, tmp_path: Path
) -> None:
    store = bot.runtime.store
    await store.channels.add(CHANNEL)
    for user, lang in ((ALICE, "uk"), (BOHDAN, "en"), (CAROL, "en")):
        await command(fake_bot, user, "/start", lang)
        await command(fake_bot, user, "/subscribe war", lang)
    start, end = quiet_now()
    for user in (ALICE, BOHDAN):
        await command(fake_bot, user, f"/quiet {start}-{end}")
    # Bohdan opts out of breaking alerts with the button under /settings
    shown = await command(fake_bot, BOHDAN, "/settings")
    assert "Breaking news: with sound, even in quiet hours" in (shown.text or "")
    assert shown.reply_markup is not None
    [[button]] = shown.reply_markup["inline_keyboard"]
    assert button["callback_data"] == "brk:0"
    fake_bot.inject_callback(BOHDAN, shown.message_id, "brk:0")
    await fake_bot.wait_for(
        lambda _: "like any other story" in (fake_bot.message(BOHDAN, shown.message_id).text or ""),  # type: ignore[union-attr]
        TIMEOUT,
    )
    reader = await store.readers.get(BOHDAN)
    assert reader is not None and not reader.breaking_alerts

    # A fan-out is queued while sending is paused; then an urgent story comes.
    await store.set_paused(True)
    report = await bot.runtime.ingestor.ingest_target(
        jsonl(tmp_path, "normal", *(story(n) for n in range(1, 4)))
    )
    assert report.result.new == 3
    for _ in range(100):
        if (await store.outbox.counts()).get("pending", 0) >= 12:
            break
        await asyncio.sleep(0.05)
    report = await bot.runtime.ingestor.ingest_target(
        jsonl(tmp_path, "urgent", story(9, title="Air raid alert", urgent=True))
    )
    assert report.result.new == 1
    for _ in range(100):
        if (await store.outbox.counts()).get("pending", 0) >= 16:
            break
        await asyncio.sleep(0.05)
    await store.set_paused(False)
    bot.runtime.sender.wake()  # type: ignore[union-attr]
    await settled(store)
    await fake_bot.wait_for(lambda _: fake_bot.counters["pinned"] >= 1, TIMEOUT)

    channel = [m.text or "" for m in fake_bot.messages(CHANNEL)]
    assert channel[0].startswith("⚡ Терміново\nAir raid alert")  # first, though queued last
    assert [t.split("\n")[0] for t in channel[1:]] == ["Story 1", "Story 2", "Story 3"]
    for user, label in ((ALICE, "⚡ Терміново"), (BOHDAN, "⚡ Breaking"), (CAROL, "⚡ Breaking")):
        news = [
            m
            for m in fake_bot.messages(user)
            if "Story" in (m.text or "") or "Air" in (m.text or "")
        ]
        assert (news[0].text or "").startswith(f"{label}\nAir raid alert"), user
        assert [(m.text or "").split("\n")[0] for m in news[1:]] == [
            "Story 1",
            "Story 2",
            "Story 3",
        ]

    def sound(user: int) -> list[bool]:
        return [
            not m.disable_notification
            for m in fake_bot.messages(user)
            if "Lead of" in (m.text or "")
        ]

    assert sound(ALICE) == [True, False, False, False]  # quiet hours: only the urgent one rings
    assert sound(BOHDAN) == [False, False, False, False]  # opted out: silent like the rest
    assert sound(CAROL) == [True, True, True, True]

    pinned = fake_bot._chats[CHANNEL].pinned
    first_post = fake_bot.messages(CHANNEL)[0].message_id
    assert pinned == [first_post]

    # The next breaking story, by a feed category: pinned, the previous pin unpinned.
    rss = tmp_path / "feed.xml"
    published = utcnow().strftime("%a, %d %b %Y %H:%M:%S +0000")
    rss.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Explosions in Kyiv</title><link>https://news.example.org/b/rss</link>"
        f"<description>Lead of the flash.</description><pubDate>{published}</pubDate>"
        "<category>ТЕРМІНОВО</category><category>war</category></item></channel></rss>"
    )
    assert (await bot.runtime.ingestor.ingest_target(str(rss))).result.new == 1
    await fake_bot.wait_for(lambda _: fake_bot.counters["unpinned"] >= 1, TIMEOUT)
    last = fake_bot.messages(CHANNEL)[-1]
    assert (last.text or "").startswith("⚡ Терміново\nExplosions in Kyiv")
    assert fake_bot._chats[CHANNEL].pinned == [last.message_id]


async def test_breaking_command_other_programs_and_holds(
    bot: RunningBot, fake_bot: FakeBotServer, tmp_path: Path
) -> None:
    store = bot.runtime.store
    await store.channels.add(CHANNEL)
    await command(fake_bot, ADMIN, "/start")
    # a story sent the ordinary way, then marked breaking: labelled by an edit, and pinned
    await bot.runtime.ingestor.ingest_target(jsonl(tmp_path, "a", story(1)))
    await fake_bot.wait_for_messages(1, CHANNEL, TIMEOUT)
    post = fake_bot.messages(CHANNEL)[0]
    assert not (post.text or "").startswith("⚡")
    article = (await store.articles.latest(1))[0]
    answer = await command(fake_bot, ADMIN, f"/breaking {article.id}")
    assert "breaking news" in (answer.text or "") and "1 channel post" in (answer.text or "")
    await fake_bot.wait_for(lambda _: fake_bot._chats[CHANNEL].pinned == [post.message_id], TIMEOUT)
    await fake_bot.wait_for(
        lambda _: (fake_bot.message(CHANNEL, post.message_id).text or "").startswith(
            "⚡ Терміново"
        ),  # type: ignore[union-attr]
        TIMEOUT,
    )
    assert len(fake_bot.messages(CHANNEL)) == 1  # not sent twice
    # a second /breaking changes nothing and says so (it answered as the first did)
    again = await command(fake_bot, ADMIN, f"/breaking {article.id}")
    assert "is breaking news already" in (again.text or ""), again.text
    # a held story stays held, urgent or not
    await store.set_paused(True)
    await bot.runtime.ingestor.ingest_target(jsonl(tmp_path, "b", story(2)))
    for _ in range(100):
        if (await store.outbox.counts()).get("pending"):
            break
        await asyncio.sleep(0.05)
    held = (await store.articles.latest(1))[0]
    await command(fake_bot, ADMIN, f"/hold {held.id}")
    answer = await command(fake_bot, ADMIN, f"/breaking {held.id}")
    assert "stays held" in (answer.text or "")
    await store.set_paused(False)
    # another program writes an urgent story straight into the store
    await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead, published_at, tags, urgent)"
            " VALUES (?, 'Written elsewhere', 'Lead.', ?, 'war', 1)",
            ("https://news.example.org/b/other", utcnow().isoformat(timespec="seconds")),
        ),
    )
    await fake_bot.wait_for(
        lambda _: len(fake_bot._chats[CHANNEL].pinned) == 1 and fake_bot.counters["unpinned"] >= 1,
        TIMEOUT,
    )
    await settled(store)
    texts = [m.text or "" for m in fake_bot.messages(CHANNEL)]
    assert len(texts) == 2 and texts[1].startswith("⚡ Терміново\nWritten elsewhere")
    assert not any("Story 2" in text for text in texts)  # held
    assert fake_bot._chats[CHANNEL].pinned == [fake_bot.messages(CHANNEL)[1].message_id]
    rows = await store.db.fetchall("SELECT action, ok FROM audit ORDER BY id")
    assert [(r[0], bool(r[1])) for r in rows if r[0] == "/breaking"] == [("/breaking", True)] * 3


async def test_stats_and_status_count_a_pin_as_no_message(
    bot: RunningBot, fake_bot: FakeBotServer, tmp_path: Path
) -> None:
    """One channel post pinned by /breaking is one message sent: /stats said "2 sent", and
    `newsbot status` counted its pin as a message too (the pin is an outbox row of its own)."""
    store = bot.runtime.store
    await store.channels.add(CHANNEL)
    await bot.runtime.ingestor.ingest_target(jsonl(tmp_path, "a", story(1)))
    await fake_bot.wait_for_messages(1, CHANNEL, TIMEOUT)
    post = fake_bot.messages(CHANNEL)[0]
    article = (await store.articles.latest(1))[0]
    await command(fake_bot, ADMIN, f"/breaking {article.id}")
    await fake_bot.wait_for(lambda _: fake_bot._chats[CHANNEL].pinned == [post.message_id], TIMEOUT)
    await settled(store)
    pins = await store.db.fetchall("SELECT state FROM outbox WHERE kind = 'pin'")
    assert [row[0] for row in pins] == ["sent"]  # the pin's row, done

    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_message(ADMIN, "/stats", language_code="en")
    await fake_bot.wait_for(
        lambda _: any(m.kind == "photo" for m in fake_bot.messages(ADMIN)[before:]), TIMEOUT
    )
    text = fake_bot.messages(ADMIN)[before].text or ""
    assert "Messages today: 1 sent, 0 failed" in text, text
    assert sum(n for _, n in await sent_per_hour(store, now=utcnow())) == 1  # the chart
    report = await health_report(store, now=utcnow())
    [outbox] = [line for line in report.lines if line.startswith("outbox: ")]
    assert outbox == "outbox: 0 pending, 1 sent, 0 failed", report.lines


async def test_a_pin_refused_for_want_of_the_right_is_logged_as_the_pin(
    fake_bot: FakeBotServer, db_path: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A channel where the bot may post but not pin: the breaking story goes out, and the
    log names the pin as refused (it said "Telegram refused story N", as if the story had
    not gone out)."""
    fake_bot.add_channel(CHANNEL, "Newsroom", bot_can_pin=False)
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, poll_interval=0.2)
    running = await RunningBot(settings).start()
    try:
        store = running.runtime.store
        await store.channels.add(CHANNEL)
        await running.runtime.ingestor.ingest_target(
            jsonl(tmp_path, "urgent", story(1, title="Air raid alert", urgent=True))
        )
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(CHANNEL)) == 1, TIMEOUT)
        await fake_bot.wait_for(
            lambda _: any(r.method == "pinChatMessage" for r in fake_bot.rejections), TIMEOUT
        )
        await settled(store)
    finally:
        await running.stop()
    assert "Air raid alert" in fake_bot.messages(CHANNEL)[0].content
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert len(errors) == 1 and errors[0].startswith("Telegram refused to pin story ")
    assert "(the post itself is out): Not enough rights to manage pinned" in errors[0]


async def test_an_urgent_story_goes_ahead_of_the_posts_a_channel_is_sending(
    fake_bot: FakeBotServer, db_path: str, tmp_path: Path
) -> None:
    """A channel's worker was busy with routine posts (a group's pace is slow) when a
    breaking story came: it went out after all of them, not ahead."""
    fake_bot.add_channel(CHANNEL, "Newsroom")
    fake_bot.set_limits(group_per_min=60)
    settings = make_settings(
        fake_bot.base_url, fake_bot.token, db_path, group_rate_per_minute=60, poll_interval=0.2
    )
    running = await RunningBot(settings).start()
    try:
        store = running.runtime.store
        await store.channels.add(CHANNEL)
        routine = [story(n, title=f"Routine story {n}") for n in range(1, 15)]
        await running.runtime.ingestor.ingest_target(jsonl(tmp_path, "routine", *routine))
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(CHANNEL)) >= 2, TIMEOUT)
        await running.runtime.ingestor.ingest_target(
            jsonl(tmp_path, "urgent", story(15, title="Air raid alert", urgent=True))
        )
        row = await store.db.fetchone(
            "SELECT id FROM articles WHERE url = ?", ("https://news.example.org/b/15",)
        )
        assert row is not None
        urgent_id = int(row[0])

        async def queued() -> bool:
            return any(d.article_id == urgent_id for d in await store.outbox.all_for_chat(CHANNEL))

        # counted from the moment the poller queued it (how long routing takes is not what
        # this test is about, and a loaded machine stretches it)
        for _ in range(int(2 * TIMEOUT / 0.02)):
            if await queued():
                break
            await asyncio.sleep(0.02)
        posted_before = len(fake_bot.messages(CHANNEL))
        await fake_bot.wait_for(
            lambda _: any("Air raid alert" in m.content for m in fake_bot.messages(CHANNEL)),
            2 * TIMEOUT,
        )
    finally:
        await running.stop()
    posts = [m.content for m in fake_bot.messages(CHANNEL)]
    urgent = next(n for n, post in enumerate(posts) if "Air raid alert" in post)
    # after what was on its way when it was queued, not after all fourteen
    assert posted_before < 12, posts
    assert urgent <= posted_before + 4, posts

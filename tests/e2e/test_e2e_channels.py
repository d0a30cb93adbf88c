"""Feed -> store -> poller -> outbox -> sender -> the strict fake Bot API, end to end."""

from __future__ import annotations

import asyncio
import html
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

CHANNEL = -1001234567890

HOSTILE_TITLES = [
    "<script>alert('x')</script> Breaking",
    "Prices &nbsp; rise &amp; fall",
    "A lone < sign and a > sign",
    "Emoji 🇺🇦🔥 headline with ZWJ 👩‍👩‍👧",
    "עברית mixed with English (RTL)",
    "Tags <b>bold</b> <i>open",
    "Quotes \" ' and &quot; and &#39;",
    "Ukrainian: Зеленський провів нараду",
]


def hostile_feed(count: int, start: datetime) -> str:
    """An RSS 2.0 feed whose items try everything that breaks naive bots."""
    items = []
    for n in range(count):
        title = f"{HOSTILE_TITLES[n % len(HOSTILE_TITLES)]} #{n:02d}"
        words = "слово word " * (1000 if n % 5 == 0 else 3)
        lead = f"Lead {n}: <p>para</p> & <unknown-tag> x < y {words}"
        image = (
            f'<enclosure url="https://img.example.org/{n}.jpg" type="image/jpeg" length="1"/>'
            if n % 3 == 0
            else ""
        )
        published = (start + timedelta(minutes=n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        items.append(
            f"<item><title>{html.escape(title)}</title>"
            f"<link>https://news.example.org/story/{n}?utm_source=tg&amp;id={n}</link>"
            f"<description><![CDATA[{lead}]]></description>"
            f"<pubDate>{published}</pubDate>{image}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Hostile Desk</title><link>https://news.example.org/</link>"
        + "".join(items)
        + "</channel></rss>"
    )


@pytest.fixture
def fast_channel(fake_bot: FakeBotServer) -> FakeBotServer:
    """A channel where the bot is admin; group limit raised on both sides to keep tests short."""
    fake_bot.add_channel(CHANNEL, "Newsroom")
    fake_bot.set_limits(group_per_min=600)
    return fake_bot


def settings_for(fake: FakeBotServer, db_path: str, **overrides: Any) -> Any:
    values: dict[str, Any] = {"group_rate_per_minute": 600}
    values.update(overrides)
    return make_settings(fake.base_url, fake.token, db_path, **values)


@asynccontextmanager
async def posting_bot(fake: FakeBotServer, db_path: str) -> AsyncIterator[RunningBot]:
    """A running bot that posts to CHANNEL, stopped on the way out."""
    bot = RunningBot(settings_for(fake, db_path))
    await bot.start()
    try:
        await bot.runtime.store.channels.add(CHANNEL)
        yield bot
    finally:
        await bot.stop()


def send_rejections(fake: FakeBotServer) -> list[dict[str, Any]]:
    """Refused sends and edits (getUpdates' 409 while the poller shuts down is not one)."""
    return [r.to_dict() for r in fake.rejections if r.method != "getUpdates"]


async def outbox_settled(bot: RunningBot, timeout: float = 5.0) -> dict[str, int]:
    """The outbox's counts once nothing is pending (the last answer may still be in flight)."""
    for _ in range(int(timeout / 0.05)):
        counts = await bot.runtime.store.outbox.counts()
        if not counts.get("pending"):
            return counts
        await asyncio.sleep(0.05)
    return await bot.runtime.store.outbox.counts()


async def ingest(bot: RunningBot, path: Path) -> None:
    ingestor = bot.runtime.ingestor
    assert ingestor is not None
    report = await ingestor.ingest_target(str(path))
    assert report.error is None, report.line()


async def test_thirty_hostile_stories_reach_the_channel_complete_and_in_order(
    fast_channel: FakeBotServer, db_path: str, tmp_path: Path
) -> None:
    start = datetime.now(UTC) - timedelta(hours=1)
    feed = tmp_path / "hostile.xml"
    feed.write_text(hostile_feed(30, start), encoding="utf-8")
    async with posting_bot(fast_channel, db_path) as bot:
        await ingest(bot, feed)
        messages = await fast_channel.wait_for_messages(30, CHANNEL, timeout=30)
    assert send_rejections(fast_channel) == []
    assert len(messages) == 30
    for n, message in enumerate(messages):  # publication order
        assert f"#{n:02d}" in message.content
        assert message.parse_mode and message.parse_mode.lower() == "html"
        links = [e.get("url") for e in (message.entities or message.caption_entities)]
        assert f"https://news.example.org/story/{n}?id={n}" in links  # utm_* stripped
        bold = [e for e in (message.entities or message.caption_entities) if e["type"] == "bold"]
        assert bold and bold[0]["offset"] == 0
        assert "<script>" not in (message.html or message.caption_html or "")
    titles = [m.content.split("\n")[0] for m in messages[:8]]
    assert titles == [
        "Breaking #00",  # the feed's <script> is stripped, never sent or shown
        "Prices rise & fall #01",
        "A lone < sign and a > sign #02",
        "Emoji 🇺🇦🔥 headline with ZWJ 👩‍👩‍👧 #03",
        "עברית mixed with English (RTL) #04",
        "Tags bold open #05",
        "Quotes \" ' and \" and ' #06",
        "Ukrainian: Зеленський провів нараду #07",
    ]
    assert [m.kind for m in messages[:3]] == ["photo", "text", "text"]
    long_one = messages[5]
    assert long_one.content.count("слово") < 1000 and "…" in long_one.content


async def test_a_story_with_a_3000_character_url_is_posted_with_its_link(
    fast_channel: FakeBotServer, db_path: str, make_article: Any
) -> None:
    """A story whose URL is ~3,000 characters went out without its link; Telegram takes such
    a link (the fake parses with TDLib), so the post links to the story, as text and as
    caption, and the message text stays within the visible limits."""
    long_url = "https://news.example.org/story/long?" + "&".join(
        f"p{n}=%D0%BA%D0%B8%D1%97%D0%B2-{n:04d}" for n in range(100)
    )
    assert 3000 < len(long_url) < 4096
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        await store.articles.upsert(make_article(url=long_url, lead="слово " * 1000))
        await store.articles.upsert(
            make_article(
                url=long_url + "&photo=1",
                lead="A short lead.",
                image_url="https://img.example.org/long.jpg",
            )
        )
        messages = await fast_channel.wait_for_messages(2, CHANNEL, timeout=15)
    assert send_rejections(fast_channel) == []
    assert [m.kind for m in messages] == ["text", "photo"]
    for message, url in zip(messages, (long_url, long_url + "&photo=1"), strict=True):
        entities = message.entities or message.caption_entities
        assert [e["url"] for e in entities if e["type"] == "text_link"] == [url]
    assert "…" in messages[0].content and len(messages[0].content) <= 4096


async def test_restart_reposts_nothing_and_loses_nothing(
    fast_channel: FakeBotServer, db_path: str, tmp_path: Path
) -> None:
    start = datetime.now(UTC) - timedelta(minutes=30)
    feed = tmp_path / "feed.xml"
    feed.write_text(hostile_feed(6, start), encoding="utf-8")
    bot = RunningBot(settings_for(fast_channel, db_path))
    await bot.start()
    await bot.runtime.store.channels.add(CHANNEL)
    await ingest(bot, feed)
    await fast_channel.wait_for_messages(6, CHANNEL, timeout=15)
    await bot.restart()
    try:
        await ingest(bot, feed)  # same stories again: nothing new
        feed.write_text(hostile_feed(8, start), encoding="utf-8")
        await ingest(bot, feed)  # two new ones
        await fast_channel.wait_for_messages(8, CHANNEL, timeout=15)
        await asyncio.sleep(1.0)  # a duplicate would have had time to arrive
    finally:
        await bot.stop()
    contents = [m.content for m in fast_channel.messages(CHANNEL)]
    assert len(contents) == 8
    assert len({c.split("\n")[0] for c in contents}) == 8


async def test_edited_story_is_edited_in_place(
    fast_channel: FakeBotServer, db_path: str, make_article: Any
) -> None:
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        text_item = make_article(title="Original headline", lead="First version of the lead.")
        photo_item = make_article(
            title="Photo story", lead="Short lead.", image_url="https://img.example.org/p.jpg"
        )
        await store.articles.upsert(text_item)
        await store.articles.upsert(photo_item)
        await fast_channel.wait_for_messages(2, CHANNEL, timeout=10)
        text_item.title = "Corrected headline"
        photo_item.lead = "Corrected caption lead."
        await store.articles.upsert(text_item)
        await store.articles.upsert(photo_item)
        await fast_channel.wait_for(
            lambda _: all(m.edited for m in fast_channel.messages(CHANNEL)), timeout=10
        )
    first, second = fast_channel.messages(CHANNEL)
    assert first.kind == "text" and first.content.startswith("Corrected headline")
    assert second.kind == "photo" and "Corrected caption lead." in second.content
    assert fast_channel.stats()["sent"] == 2  # edited, not posted again
    assert send_rejections(fast_channel) == []


async def test_a_changed_image_replaces_the_posted_photo(
    fast_channel: FakeBotServer, db_path: str, make_article: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """An editor changes a story's photo: the channel post gets the new photo with the new
    caption (editMessageMedia; the caption alone changed before). A photo Telegram can't
    fetch leaves the old one, and the caption still gets the story's new words. A story whose
    image is gone keeps its photo (a photo can't become a text message)."""
    fast_channel.bad_urls.add("https://img.example.org/broken.jpg")
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        item = make_article(
            title="Photo story", lead="Short lead.", image_url="https://img.example.org/wrong.jpg"
        )
        await store.articles.upsert(item)
        await fast_channel.wait_for_messages(1, CHANNEL, timeout=10)

        async def edited(times: int) -> None:
            await fast_channel.wait_for(
                lambda _: fast_channel.messages(CHANNEL)[0].edited >= times, timeout=10
            )

        item.image_url = "https://img.example.org/right.jpg"
        item.lead = "Short lead, with the right photo."
        await store.articles.upsert(item)
        await edited(1)
        [post] = fast_channel.messages(CHANNEL)
        assert post.kind == "photo" and post.photo_source == "https://img.example.org/right.jpg"
        assert "with the right photo" in post.content

        item.title = "Photo story, corrected"  # the photo as it is: the caption alone
        await store.articles.upsert(item)
        await edited(2)
        assert [r.method for r in fast_channel.requests if r.method.startswith("edit")] == [
            "editMessageMedia",
            "editMessageCaption",
        ]

        item.image_url = "https://img.example.org/broken.jpg"
        item.lead = "A lead of the third version."
        await store.articles.upsert(item)
        await edited(3)
        [post] = fast_channel.messages(CHANNEL)
        assert post.photo_source == "https://img.example.org/right.jpg"
        assert "third version" in post.content

        item.image_url = None
        item.lead = "A lead of the fourth version."
        await store.articles.upsert(item)
        await edited(4)
    [post] = fast_channel.messages(CHANNEL)
    assert post.kind == "photo" and post.photo_source == "https://img.example.org/right.jpg"
    assert "fourth version" in post.content
    assert fast_channel.stats()["sent"] == 1  # edited, never posted again
    assert [r.description for r in fast_channel.rejections] == [
        "Bad Request: failed to get HTTP URL content"
    ]
    assert any("refused the new photo" in r.getMessage() for r in caplog.records)


async def test_a_story_whose_photo_telegram_cannot_fetch_goes_out_as_text(
    fast_channel: FakeBotServer, db_path: str, make_article: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """A feed's image that Telegram can't fetch (gone, behind a login) fails sendPhoto: the
    story goes out as a text message instead of not at all, and its edits edit that text."""
    fast_channel.bad_urls.add("https://img.example.org/gone.jpg")
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        item = make_article(
            title="Story with a lost photo",
            lead="The lead survives.",
            image_url="https://img.example.org/gone.jpg",
        )
        await store.articles.upsert(item)
        [post] = await fast_channel.wait_for_messages(1, CHANNEL, timeout=10)
        assert post.kind == "text"
        assert "Story with a lost photo" in post.content and "The lead survives." in post.content

        item.lead = "The lead, corrected."
        await store.articles.upsert(item)
        await fast_channel.wait_for(
            lambda _: fast_channel.messages(CHANNEL)[0].edited >= 1, timeout=10
        )
    [post] = fast_channel.messages(CHANNEL)
    assert "The lead, corrected." in post.content
    assert [r.method for r in fast_channel.requests if r.method.startswith(("send", "edit"))] == [
        "sendPhoto",
        "sendMessage",
        "editMessageText",
    ]
    assert [r.description for r in fast_channel.rejections] == [
        "Bad Request: failed to get HTTP URL content"
    ]
    assert any("sending it as text" in r.getMessage() for r in caplog.records)


async def test_an_edit_keeps_the_channels_link_preview_off(
    fast_channel: FakeBotServer, db_path: str, make_article: Any
) -> None:
    """A channel set to preview=off got its posts without a preview, and every edit of them
    turned the preview on (the edit was rendered with the default)."""
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        await store.channels.set_options(CHANNEL, 0, link_preview=False)
        item = make_article(title="No preview here", lead="First lead.")
        await store.articles.upsert(item)
        await fast_channel.wait_for_messages(1, CHANNEL, timeout=10)
        item.lead = "Corrected lead."
        await store.articles.upsert(item)
        await fast_channel.wait_for(
            lambda _: fast_channel.messages(CHANNEL)[0].edited >= 1, timeout=10
        )
    previews = [
        (r.method, r.params.get("link_preview_options"))
        for r in fast_channel.requests
        if r.method in ("sendMessage", "editMessageText")
    ]
    assert [(m, json.loads(p) if isinstance(p, str) else p) for m, p in previews] == [
        ("sendMessage", {"is_disabled": True}),
        ("editMessageText", {"is_disabled": True}),
    ]


async def test_a_changed_dateline_alone_edits_the_post_in_place(
    fast_channel: FakeBotServer, db_path: str, make_article: Any
) -> None:
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        item = make_article(title="Dateline story", lead="The lead.")
        item.dateline = "Київ • UNN"
        await store.articles.upsert(item)
        await fast_channel.wait_for_messages(1, CHANNEL, timeout=10)
        assert "Київ • UNN" in fast_channel.messages(CHANNEL)[0].content
        item.dateline = "Львів • UNN"
        await store.articles.upsert(item)
        await fast_channel.wait_for(
            lambda _: all(m.edited for m in fast_channel.messages(CHANNEL)), timeout=10
        )
    [post] = fast_channel.messages(CHANNEL)
    assert "Львів • UNN" in post.content and "Київ" not in post.content
    assert fast_channel.stats()["sent"] == 1  # edited, not posted again
    assert send_rejections(fast_channel) == []


async def test_an_edit_telegram_finds_unchanged_is_recorded_as_done(
    fast_channel: FakeBotServer, db_path: str, make_article: Any
) -> None:
    """A change of the story that leaves the post as it was (the lead's trailing space):
    Telegram answers "message is not modified", which python-telegram-bot capitalizes; the
    edit is done, not given up with a warning."""
    async with posting_bot(fast_channel, db_path) as bot:
        store = bot.runtime.store
        item = make_article(title="Unchanged story", lead="The lead.")
        await store.articles.upsert(item)
        await fast_channel.wait_for_messages(1, CHANNEL, timeout=10)
        await asyncio.sleep(0.3)  # the sender records the send
        [first] = await store.outbox.all_for_chat(CHANNEL)
        item.lead = "The lead. "
        await store.articles.upsert(item)
        await fast_channel.wait_for(
            lambda _: any(r.method == "editMessageText" for r in fast_channel.rejections), 10
        )
        await asyncio.sleep(0.3)  # the sender records the answer
        [row] = await store.outbox.all_for_chat(CHANNEL)
    assert next(r.description for r in fast_channel.rejections).startswith(
        "Bad Request: message is not modified"
    )
    # the edit is done (sent_rev moves to the new revision), not given up (want_rev back)
    assert row.state == "sent" and row.sent_rev == row.want_rev > first.sent_rev


async def test_429_storm_and_server_errors_are_ridden_out(
    fast_channel: FakeBotServer, db_path: str, tmp_path: Path
) -> None:
    start = datetime.now(UTC) - timedelta(minutes=30)
    feed = tmp_path / "feed.xml"
    feed.write_text(hostile_feed(10, start), encoding="utf-8")
    fast_channel.fail_next(6, 429, retry_after=1, methods=["sendMessage", "sendPhoto"])
    fast_channel.fail_next(1, 502, methods=["sendMessage", "sendPhoto"])
    fast_channel.fail_next(1, 500, methods=["sendMessage", "sendPhoto"])
    async with posting_bot(fast_channel, db_path) as bot:
        await ingest(bot, feed)
        messages = await fast_channel.wait_for_messages(10, CHANNEL, timeout=60)
        counts = await outbox_settled(bot)
        rows = await bot.runtime.store.outbox.all_for_chat(CHANNEL)
    assert [(r.article_id, r.state) for r in rows if r.state != "sent"] == []
    assert fast_channel.rate_limited >= 6
    # the story's number ("#03"), not a topic's hashtag ("Prices rise" is #economy)
    numbers = [re.search(r"#(\d\d)\b", m.content) for m in messages]
    assert [int(n.group(1)) if n else -1 for n in numbers] == list(range(10))
    assert counts == {"sent": 10}


async def test_channel_limit_is_respected_without_429(
    fake_bot: FakeBotServer, db_path: str, make_article: Any
) -> None:
    """With Telegram's real per-channel limit (20 a minute) the 21st post waits, no 429."""
    fake_bot.add_channel(CHANNEL, "Newsroom")
    fake_bot.set_limits(group_per_min=20)
    bot = RunningBot(make_settings(fake_bot.base_url, fake_bot.token, db_path))
    await bot.start()
    try:
        await bot.runtime.store.channels.add(CHANNEL)
        for n in range(22):
            await bot.runtime.store.articles.upsert(make_article(title=f"Story {n:02d}"))
        await fake_bot.wait_for_messages(20, CHANNEL, timeout=15)
        await asyncio.sleep(1.5)
        assert len(fake_bot.messages(CHANNEL)) == 20  # the rest wait for the window
        assert fake_bot.rate_limited == 0
        counts = await bot.runtime.store.outbox.counts()
        assert counts.get("pending") == 2
    finally:
        await bot.stop()

"""Embargo and datelines end to end: the real Application against the strict fake Bot API.

An embargoed story is stored and seen by admins (/stats), but no channel, reader, /search,
/latest or digest has it until its time; then it goes out within a poll interval, once. An
edit that moves its time moves the release. Channel posts show "Kyiv • UNN" under the headline.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings, other_program, run_cli

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

ADMIN, READER, DIGESTER = 42, 1001, 1002
CHANNEL = -1001234
POLL = 1.0  # POLL_INTERVAL of these tests: a release is due within it
SLACK = 1.5  # the sender's pass and the fake's round trip
TIMEOUT = 5.0
# entities Telegram finds in plain text by itself ("/i" in "</i>" reads as a command)
DETECTED = {"bot_command", "url", "mention", "hashtag", "cashtag", "email", "phone_number"}


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), poll_interval=POLL
    )


@pytest.fixture
async def bot(running_bot: RunningBot, fake_bot: FakeBotServer) -> AsyncIterator[RunningBot]:
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    fake_bot.add_channel(CHANNEL, "Newsroom")
    fake_bot.add_private_chats([ADMIN, READER, DIGESTER])
    await running_bot.runtime.store.channels.add(CHANNEL)
    yield running_bot
    assert [(r.method, r.description) for r in fake_bot.rejections] == []


async def send(fake: FakeBotServer, user: int, text: str) -> str:
    """`user` sends `text`; the bot's first reply as plain text."""
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    reply = fake.messages(user)[before]
    return reply.text or reply.caption or ""


def story(n: str, published_at: datetime, **fields: Any) -> ArticleIn:
    return ArticleIn(
        url=f"https://news.example.org/embargo/{n}",
        title=f"{n} drone report",
        lead=f"What the {n} report says about drones.",
        published_at=published_at,
        tags=["war"],
        **fields,
    )


def posts(fake: FakeBotServer, words: str) -> list[SentMessage]:
    return [m for m in fake.messages(CHANNEL) if words in (m.text or m.caption or "")]


def whole_second(ahead: float) -> datetime:
    """A time `ahead` seconds from now, on a whole second (the store keeps seconds)."""
    moment = utcnow() + timedelta(seconds=ahead)
    return moment.replace(microsecond=0) + timedelta(seconds=1)


async def settle(store: Store) -> None:
    """Let the poller and the sender do a few rounds."""
    await asyncio.sleep(POLL * 2 + 0.5)
    assert (await store.outbox.counts()).get("pending", 0) == 0


async def test_embargoed_story_reaches_nobody_until_its_minute(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    await send(fake_bot, READER, "/start")
    await send(fake_bot, READER, "/subscribe war")
    until = whole_second(6)
    await store.articles.upsert(story("Embargoed", until, dateline="Kyiv", source="UNN"))
    await store.articles.upsert(story("Open", utcnow(), dateline="Lviv"))
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Open drone report"), TIMEOUT)
    await settle(store)
    # the open story went out; the embargoed one is nowhere a reader looks
    assert not posts(fake_bot, "Embargoed")
    assert not [m for m in fake_bot.messages(READER) if "Embargoed" in (m.text or "")]
    found = await send(fake_bot, READER, "/search drone")
    assert "Open drone report" in found and "Embargoed" not in found
    latest = await send(fake_bot, READER, "/latest")
    assert "Open drone report" in latest and "Embargoed" not in latest
    # admins see it, with its time
    stats = await send(fake_bot, ADMIN, "/stats")
    assert "Under embargo: 1 story" in stats
    assert "Embargoed drone report: embargoed until" in stats
    # on its minute: the channel and the reader, within a poll interval, once
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Embargoed drone report"), 6 + TIMEOUT)
    late = time.time() - until.timestamp()
    assert 0 <= late <= POLL + SLACK, late
    [post] = posts(fake_bot, "Embargoed drone report")
    assert (post.text or "").splitlines()[:2] == ["Embargoed drone report", "Kyiv • UNN"]
    assert {"type": "italic", "offset": 23, "length": 10} in post.entities
    await fake_bot.wait_for(
        lambda _: [m for m in fake_bot.messages(READER) if "Embargoed" in (m.text or "")],
        TIMEOUT,
    )
    found = await send(fake_bot, READER, "/search drone")
    assert "Embargoed drone report" in found
    await settle(store)
    assert len(posts(fake_bot, "Embargoed drone report")) == 1
    assert "Under embargo" not in await send(fake_bot, ADMIN, "/stats")


async def test_an_edit_moves_the_release(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = bot.runtime.store
    first = whole_second(3)
    item = story("Moved", first)
    await store.articles.upsert(item)
    await asyncio.sleep(1)
    item.published_at = whole_second(600)  # later: its first minute passes quietly
    assert (await store.articles.upsert(item))[0] == "updated"
    await asyncio.sleep((first - utcnow()).total_seconds() + POLL + SLACK)
    assert not posts(fake_bot, "Moved drone report")
    # an editor releases it now: the time moved into the past
    item.published_at = utcnow() - timedelta(minutes=1)
    released = time.time()
    assert (await store.articles.upsert(item))[0] == "updated"
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Moved drone report"), TIMEOUT)
    assert time.time() - released <= POLL + SLACK
    await settle(store)
    assert len(posts(fake_bot, "Moved drone report")) == 1


async def test_digests_skip_an_embargoed_story_until_it_is_out(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    for command in ("/start", "/instant off", "/subscribe war"):
        await send(fake_bot, DIGESTER, command)
    until = whole_second(4)
    await store.articles.upsert(story("Digest", until))
    await store.articles.upsert(story("Current", utcnow() - timedelta(minutes=1)))
    await asyncio.sleep(1.1)  # stored a second ago (digest periods count whole seconds)
    first = await send(fake_bot, DIGESTER, "/digest now")
    assert "Current drone report" in first and "Digest drone report" not in first
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Digest drone report"), 4 + TIMEOUT)
    await asyncio.sleep(1.1)
    second = await send(fake_bot, DIGESTER, "/digest now")
    assert "Digest drone report" in second and "Current drone report" not in second


async def test_hostile_dateline_is_shown_as_text(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = bot.runtime.store
    hostile = '<a href="tg://x">Kyiv</a> &amp; <b>'
    await store.articles.upsert(story("Hostile", utcnow(), dateline=hostile, source="</i>UNN"))
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Hostile drone report"), TIMEOUT)
    [post] = posts(fake_bot, "Hostile drone report")
    title, place = (post.text or "").splitlines()[:2]
    assert place == f"{hostile} • </i>UNN"
    start, end = len(title) + 1, len(title) + 1 + len(place)
    inside = [
        e
        for e in post.entities
        if e["offset"] < end and e["offset"] + e["length"] > start and e["type"] not in DETECTED
    ]
    assert inside == [{"type": "italic", "offset": start, "length": len(place)}]


async def test_post_of_an_embargoed_story_only_lifts_a_hold(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    until = whole_second(4)
    _, story_id = await store.articles.upsert(story("Held", until))
    await store.articles.set_held(story_id, True)
    answer = await send(fake_bot, ADMIN, f"/post {story_id}")
    assert answer.startswith(f"Story {story_id} «Held drone report» is embargoed until")
    await asyncio.sleep(POLL + 0.5)
    assert not posts(fake_bot, "Held drone report")
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Held drone report"), 4 + TIMEOUT)
    assert time.time() - until.timestamp() <= POLL + SLACK


async def test_breaking_on_an_embargoed_story_waits_for_its_time(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/breaking marks the story urgent but does not break the embargo (it was pushed at
    once, pinned, to every channel and reader)."""
    store = bot.runtime.store
    until = whole_second(4)
    _, story_id = await store.articles.upsert(story("Urgent", until))
    answer = await send(fake_bot, ADMIN, f"/breaking {story_id}")
    assert answer.startswith(f"Story {story_id} «Urgent drone report» is marked breaking news;")
    assert "embargoed until" in answer
    await asyncio.sleep(POLL + 0.5)
    assert not posts(fake_bot, "Urgent drone report")
    await fake_bot.wait_for(lambda _: posts(fake_bot, "Urgent drone report"), 4 + TIMEOUT)
    assert time.time() - until.timestamp() >= -0.2  # not before its time
    [post] = posts(fake_bot, "Urgent drone report")
    assert post.content.startswith("⚡")  # out as breaking news


@pytest.mark.usefixtures("cli_env")
def test_preview_marks_embargoed_stories(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    later = (utcnow() + timedelta(hours=5)).replace(microsecond=0)
    lines = [
        {"url": "https://unn.example/1", "title": "Out now", "dateline": "Lviv", "source": "UNN"},
        {"url": "https://unn.example/2", "title": "Not yet", "published_at": later.isoformat()},
    ]
    stories = tmp_path / "stories.jsonl"
    stories.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    code, out, _ = run_cli(capsys, "ingest", str(stories))
    assert code == 0 and "2 new" in out
    code, out, _ = run_cli(capsys, "preview")
    assert code == 0
    first, second = out.split("── story ")[1:3]
    assert first.startswith(f"2 · embargoed until {later:%Y-%m-%d %H:%M} UTC ──\nNot yet")
    assert second.splitlines()[1:3] == ["Out now", "Lviv • UNN"]


@pytest.mark.usefixtures("cli_env")
def test_preview_marks_held_stories(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`newsbot preview` showed a story an editor held (/hold) as one that goes out."""
    later = (utcnow() + timedelta(hours=5)).replace(microsecond=0)
    lines = [
        {"url": "https://unn.example/1", "title": "Out now"},
        {"url": "https://unn.example/2", "title": "Held now"},
        {"url": "https://unn.example/3", "title": "Held later", "published_at": later.isoformat()},
    ]
    stories = tmp_path / "stories.jsonl"
    stories.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    assert run_cli(capsys, "ingest", str(stories))[0] == 0
    held = ("UPDATE articles SET held = 1 WHERE url <> ?", ("https://unn.example/1",))
    asyncio.run(other_program(os.environ["DATABASE_URL"], held))
    code, out, _ = run_cli(capsys, "preview")
    assert code == 0
    heads = {part.splitlines()[1]: part.splitlines()[0] for part in out.split("── story ")[1:]}
    assert heads["Held later"] == f"3 · held · embargoed until {later:%Y-%m-%d %H:%M} UTC ──"
    assert heads["Held now"].startswith("2 · held · ")
    assert heads["Out now"].startswith("1 · ") and "held" not in heads["Out now"]

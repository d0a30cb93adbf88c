"""What waits for a reader follows what they ask for now.

A reader gets a message a second, so stories queued for them wait: a fan-out's last readers
wait minutes, and a reader with several stories queued gets them one by one. A reader who
meanwhile sends /stop, unsubscribes, turns instant stories off or drops the alert that
brought them got every waiting story all the same (after "no more messages"), and a reader
who switched /language got the waiting ones in the old one.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

READER = 4101
STORIES = 6
TIMEOUT = 10.0


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    """Telegram's pace for a private chat, as in production (PRIVATE_RATE=1)."""
    return make_settings(fake_bot.base_url, fake_bot.token, db_path, private_rate=1.0)


def story(n: int) -> ArticleIn:
    return ArticleIn(
        url=f"https://news.example.org/waiting/{n}",
        title=f"Crime story {n} in the port city",
        lead=f"Lead of crime story {n}.",
        published_at=utcnow(),
        tags=["crime"],
    )


def stories_after(fake: FakeBotServer, reply: SentMessage) -> list[SentMessage]:
    """The stories the reader got after `reply`."""
    later = fake.messages(READER)[fake.messages(READER).index(reply) + 1 :]
    return [m for m in later if "Crime story" in (m.text or m.caption or "")]


async def queue_stories(
    bot: RunningBot, fake: FakeBotServer, *setup: str, language: str = "uk"
) -> Store:
    """The reader subscribes to crime; six crime stories are queued for them, the first out."""
    fake.set_limits(private_per_sec=1.0, private_burst=3)
    store = bot.runtime.store
    for command in ("/start", "/subscribe crime", *setup):
        before = len(fake.messages(READER))
        fake.inject_message(READER, command, language_code=language)
        await fake.wait_for(lambda _, n=before: len(fake.messages(READER)) > n, TIMEOUT)
    for n in range(1, STORIES + 1):
        await store.articles.upsert(story(n))
    await fake.wait_for(
        lambda _: any("Crime story" in (m.text or "") for m in fake.messages(READER)), TIMEOUT
    )
    return store


async def command(fake: FakeBotServer, text: str, language: str = "uk") -> SentMessage:
    """The reader sends `text`; its reply (the first message not a story)."""
    before = len(fake.messages(READER))
    fake.inject_message(READER, text, language_code=language)

    def answered(_: object) -> bool:
        return any("Crime story" not in (m.text or "") for m in fake.messages(READER)[before:])

    await fake.wait_for(answered, TIMEOUT)
    return next(m for m in fake.messages(READER)[before:] if "Crime story" not in (m.text or ""))


async def nothing_waits(store: Store) -> None:
    """Until the reader has nothing pending (the sender has passed every row)."""
    for _ in range(int(TIMEOUT / 0.05)):
        rows = await store.outbox.all_for_chat(READER)
        if not [r for r in rows if r.state == "pending"]:
            return
        await asyncio.sleep(0.05)
    raise AssertionError("rows still pending")


@pytest.mark.parametrize(
    "stop", ["/stop", "/unsubscribe all", "/unsubscribe crime", "/instant off"]
)
async def test_no_waiting_story_comes_after_the_reader_said_no_more(
    running_bot: RunningBot, fake_bot: FakeBotServer, stop: str
) -> None:
    store = await queue_stories(running_bot, fake_bot)
    reply = await command(fake_bot, stop)
    await nothing_waits(store)
    await asyncio.sleep(1.5)  # a story still on its way would be here by now
    assert [m.text for m in stories_after(fake_bot, reply)] == []
    got = [m for m in fake_bot.messages(READER) if "Crime story" in (m.text or "")]
    assert 1 <= len(got) < STORIES  # some went before the command, not all of them


async def test_an_alert_dropped_takes_its_waiting_stories_with_it(
    running_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Stories queued by an alert alone (instant stories off) go with the alert."""
    store = await queue_stories(running_bot, fake_bot, "/instant off", "/follow port city")
    reply = await command(fake_bot, "/unfollow port city")
    await nothing_waits(store)
    await asyncio.sleep(1.5)
    assert [m.text for m in stories_after(fake_bot, reply)] == []


async def test_stories_waiting_when_the_reader_switches_language_come_in_the_new_one(
    running_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = await queue_stories(running_bot, fake_bot)
    first = next(m for m in fake_bot.messages(READER) if "Crime story" in (m.text or ""))
    assert "Читати далі" in (first.text or "")
    reply = await command(fake_bot, "/language en")
    await nothing_waits(store)
    later = stories_after(fake_bot, reply)
    assert later, "no story was left to send after the switch"
    assert all("Read more" in (m.text or "") for m in later), [m.text for m in later]
    got = [m for m in fake_bot.messages(READER) if "Crime story" in (m.text or "")]
    assert len(got) == STORIES  # nothing lost on the way


EDITOR = 4001


@pytest.fixture
def hold_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    """A fan-out of a few seconds: 20 messages a second in all."""
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(EDITOR), global_rate=20
    )


async def test_hold_counts_only_what_it_stopped_and_nothing_goes_after_its_reply(
    fake_bot: FakeBotServer, hold_settings: Any
) -> None:
    """/hold in a fan-out said "35 waiting messages cancelled" while 14 of them went out
    after the reply: sends the sender had read already went, the hold seen a second later."""
    readers = list(range(5001, 5061))
    fake_bot.add_private_chats(readers)
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    bot = RunningBot(hold_settings)
    await bot.start()
    try:
        store = bot.runtime.store
        for chat in readers:
            await store.readers.register(chat, "en")
            await store.readers.subscribe(chat, ["crime"])
        _, article_id = await store.articles.upsert(story(1))

        def delivered() -> list[SentMessage]:
            return [m for chat in readers for m in fake_bot.messages(chat)]

        await fake_bot.wait_for(lambda _: len(delivered()) >= 5, TIMEOUT)
        before = len(fake_bot.messages(EDITOR))
        fake_bot.inject_message(EDITOR, f"/hold {article_id}", language_code="en")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(EDITOR)) > before, TIMEOUT)
        got_by_reply = len(delivered())
        reply = fake_bot.messages(EDITOR)[before].text or ""
        await asyncio.sleep(1.5)  # anything still on its way would be here by now
        got = len(delivered())
    finally:
        await bot.stop()
    assert got == got_by_reply, "stories went out after /hold answered"
    assert got < len(readers)  # the hold came in the middle of the fan-out
    stopped = int(reply.split("it won't be pushed; ")[1].split()[0])
    assert stopped == len(readers) - got, reply

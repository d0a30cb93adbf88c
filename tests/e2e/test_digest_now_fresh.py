"""/digest now (and /search) see every stored story, also one another program INSERTed a
moment ago that the poller has not reached (and so not tagged or indexed) yet, and one stored
in the very same second.

Before: such a story had no topics until the next poll, so it was missing from the digest;
and a story stored in the second the digest was built fell outside the period (arrival times
are whole seconds, the period ends before its end)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings, other_program

from bot.config import Settings
from bot.delivery.poller import CURSOR_KEY
from bot.models import to_iso, utcnow

ALICE = 3101
TIMEOUT = 5.0


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Settings:
    """The poller looks once at start, then not for an hour (conftest's `bot` runs the bot)."""
    return make_settings(fake_bot.base_url, fake_bot.token, db_path, poll_interval=3600)


async def insert_directly(db_path: str, title: str, tags: str) -> int:
    """As another program would: a plain INSERT on a connection of its own."""
    [article_id] = await other_program(
        db_path,
        (
            "INSERT INTO articles (url, title, lead, published_at, tags) VALUES (?, ?, ?, ?, ?)"
            " RETURNING id",
            (
                f"https://other.example.org/{abs(hash(title))}",
                title,
                "Written straight into the store.",
                to_iso(utcnow() - timedelta(minutes=1)),
                tags,
            ),
        ),
    )
    assert article_id is not None
    return article_id


async def send(fake: FakeBotServer, user: int, text: str) -> SentMessage:
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


async def test_digest_now_has_the_story_inserted_a_moment_ago(
    bot: RunningBot, fake_bot: FakeBotServer, db_path: str
) -> None:
    store = bot.runtime.store
    if store.db.dialect.name == "postgresql":  # else NOTIFY wakes the poller at once
        await store.db.execute("ALTER TABLE article_changes DISABLE TRIGGER article_changes_notify")
    for command in ("/start", "/instant off", "/subscribe war", "/digest hourly"):
        await send(fake_bot, ALICE, command)
    cursor_before = await store.db.get_kv(CURSOR_KEY)
    article_id = await insert_directly(db_path, "Drones over the border overnight", "war")
    edited_id = await insert_directly(db_path, "Markets calm", "economy")
    # an edit the poller has not seen either
    await other_program(db_path, ("UPDATE articles SET tags = 'war' WHERE id = ?", (edited_id,)))

    digest = await send(fake_bot, ALICE, "/digest now")  # no sleep: the same second
    text = digest.text or ""
    assert text.startswith("Your digest · since"), text
    assert "Drones over the border overnight" in text and "Markets calm" in text

    # tagged, but nothing routed and the poller's cursor untouched: it still does its work
    assert (await store.articles.get_many([article_id]))[article_id].topics == ["war"]
    assert await store.db.get_kv(CURSOR_KEY) == cursor_before
    routed = await store.db.fetchone(
        "SELECT count(*) FROM outbox WHERE article_id IN (?, ?) AND kind != 'digest'",
        (article_id, edited_id),
    )
    assert routed is not None and routed[0] == 0
    assert await store.articles.changes_after(int(cursor_before or 0)) != []
    assert (await send(fake_bot, ALICE, "/digest now")).text == (
        "Nothing new on your topics since your last digest."
    )


async def test_search_finds_the_story_inserted_a_moment_ago(
    bot: RunningBot, fake_bot: FakeBotServer, db_path: str
) -> None:
    """/search read the lemma index the poller fills: a story stored a moment before was
    missing until the next poll (seen in CI under load as "1–1 of 2" stories)."""
    store = bot.runtime.store
    if store.db.dialect.name == "postgresql":  # else NOTIFY wakes the poller at once
        await store.db.execute("ALTER TABLE article_changes DISABLE TRIGGER article_changes_notify")
    await send(fake_bot, ALICE, "/start")
    await insert_directly(db_path, "Dam repairs finished at the river port", "society")
    reply = await send(fake_bot, ALICE, "/search dam repairs")
    assert "Dam repairs finished at the river port" in (reply.text or ""), reply.text

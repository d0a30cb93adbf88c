"""Digests and quiet hours end to end: the real Application long-polling the fake Bot API,
with a short scheduler tick (DIGEST_TICK) so that "within a minute" takes about a second."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

from bot.config import Settings
from bot.models import ArticleIn, to_iso, utcnow
from bot.store.store import Store

TIMEOUT = 5.0
ALICE, BOHDAN = 3001, 3002
ADMIN = 3999
KYIV, NEW_YORK = "Europe/Kyiv", "America/New_York"


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Settings:
    """The scheduler looks five times a second (conftest's `bot` runs the bot with them);
    ADMIN may /post."""
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, digest_tick=0.2, admin_ids=str(ADMIN)
    )


async def send(fake: FakeBotServer, user: int, text: str, *, lang: str = "en") -> SentMessage:
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code=lang)
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


def texts(fake: FakeBotServer, user: int) -> list[str]:
    return [m.text or "" for m in fake.messages(user)]


def digests_of(fake: FakeBotServer, user: int, start: str = "Your") -> list[SentMessage]:
    return [m for m in fake.messages(user) if (m.text or "").startswith(f"{start} ")]


async def wait_digests(
    fake: FakeBotServer, user: int, count: int = 1, *, start: str = "Your", timeout: float = 6
) -> list[SentMessage]:
    """Wait (at most a minute: the contract) for `count` digest messages to `user`."""
    await fake.wait_for(lambda _: len(digests_of(fake, user, start)) >= count, timeout)
    return digests_of(fake, user, start)


async def add_story(
    store: Store, title: str, topics: list[str], *, minutes_ago: float = 5, views: int | None = None
) -> int:
    _, article_id = await store.articles.upsert(
        ArticleIn(
            url=f"https://news.example.org/e2e/{abs(hash(title))}",
            title=title,
            lead="Lead text.",
            published_at=utcnow() - timedelta(minutes=minutes_ago),
            views=views,
            tags=topics,
        )
    )
    await store.articles.set_topics(article_id, topics)
    return article_id


async def current_minute(zone: str) -> str:
    """The reader's local HH:MM now, waiting out the last seconds of a minute so that the
    command reaches the bot within the same minute."""
    now = datetime.now(ZoneInfo(zone))
    if now.second >= 56:
        await asyncio.sleep(60.5 - now.second)
        now = datetime.now(ZoneInfo(zone))
    return now.strftime("%H:%M")


async def reader(fake: FakeBotServer, user: int, *commands: str, lang: str = "en") -> None:
    for command in ("/start", "/instant off", *commands):
        await send(fake, user, command, lang=lang)


async def arrived() -> None:
    """Periods are counted to the second (a story stored in the very second a digest is built
    goes in the next one): let the stories just stored be a second old."""
    await asyncio.sleep(1.05)


async def quiet_settle(seconds: float = 0.8) -> None:
    """Let several scheduler ticks and sender passes go by."""
    await asyncio.sleep(seconds)


# --- /digest daily at the current minute ---------------------------------------------------


async def test_daily_digest_at_the_current_minute_grouped_and_ranked(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    await reader(fake_bot, ALICE, "/subscribe war economy")
    await add_story(store, "Front line holds", ["war"], minutes_ago=50, views=120)
    await add_story(store, "Most read of the day", ["war"], minutes_ago=300, views=50_000)
    await add_story(store, "Fresh from the front", ["war"], minutes_ago=2)
    await add_story(store, "Prices and wages", ["economy", "war"], minutes_ago=30)
    await add_story(store, "Cup final tonight", ["sport"], minutes_ago=1)
    await add_story(store, "Hryvnia holds steady", ["economy"], minutes_ago=40)
    await arrived()
    hhmm = await current_minute(KYIV)
    reply = await send(fake_bot, ALICE, f"/digest daily {hhmm}")
    assert f"every day at {hhmm} (Europe/Kyiv)" in (reply.text or "")
    (digest,) = await wait_digests(fake_bot, ALICE)
    text = digest.text or ""
    assert text.startswith("Your daily digest")
    war, economy = text.index("War"), text.index("Economy")
    assert war < economy  # the fixed topic order
    ranked = ("Most read of the day", "Front line holds", "Fresh from the front", "Prices and")
    order = [text.index(title) for title in ranked]
    assert war < order[0] < order[1] < order[2] < order[3] < economy  # by views, then newest
    assert text.count("Prices and wages") == 1  # in its first topic only
    assert economy < text.index("Hryvnia holds steady")
    assert "Cup final" not in text
    assert digest.link_preview_options == {"is_disabled": True}
    await quiet_settle()
    assert len(digests_of(fake_bot, ALICE)) == 1  # once, not every tick


async def test_digests_turned_on_again_long_after_start_afresh(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """A reader whose last digest was ten days ago, digests off since, turns them on: the
    first digest is a first one (the last day), not every story of the week before it."""
    store = bot.runtime.store
    await reader(fake_bot, ALICE, "/subscribe war")
    long_ago = to_iso(utcnow() - timedelta(days=10))
    await store.db.execute(
        "UPDATE readers SET last_digest_at = ? WHERE chat_id = ?", (long_ago, ALICE)
    )
    old = await add_story(store, "Last week's front line", ["war"], minutes_ago=5 * 24 * 60)
    stored = to_iso(utcnow() - timedelta(days=4))
    await store.db.execute("UPDATE articles SET created_at = ? WHERE id = ?", (stored, old))
    await add_story(store, "Today's front line", ["war"], minutes_ago=30)
    await arrived()
    hhmm = await current_minute(KYIV)
    await send(fake_bot, ALICE, f"/digest daily {hhmm}")
    (digest,) = await wait_digests(fake_bot, ALICE)
    assert "Today's front line" in (digest.text or "")
    assert "Last week's" not in (digest.text or "")


async def test_digest_now_and_an_empty_one(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = bot.runtime.store
    await reader(fake_bot, ALICE, "/subscribe war")
    await add_story(store, "Something happened", ["war"])
    await arrived()
    fake_bot.inject_message(ALICE, "/digest now")
    (digest,) = await wait_digests(fake_bot, ALICE, timeout=TIMEOUT)
    assert (digest.text or "").startswith("Your digest · since")
    assert "Something happened" in (digest.text or "")
    reply = await send(fake_bot, ALICE, "/digest now")
    assert reply.text == "Nothing new on your topics since your last digest."


async def test_readers_in_kyiv_and_new_york_get_their_own_topics_at_their_hour(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    await add_story(store, "Kyiv metro extends hours", ["society"], minutes_ago=10)
    await add_story(store, "Markets rally", ["economy"], minutes_ago=20)
    await add_story(store, "Theatre season opens", ["culture"], minutes_ago=30)
    await arrived()
    await reader(fake_bot, ALICE, "/timezone Europe/Kyiv", "/subscribe society")
    await reader(fake_bot, BOHDAN, "/timezone America/New_York", "/subscribe economy culture")
    kyiv, new_york = await current_minute(KYIV), await current_minute(NEW_YORK)
    assert kyiv != new_york
    # each sets the other's local time first: nothing comes
    await send(fake_bot, ALICE, f"/digest daily {new_york}")
    await send(fake_bot, BOHDAN, f"/digest daily {kyiv}")
    await quiet_settle()
    assert digests_of(fake_bot, ALICE) == [] and digests_of(fake_bot, BOHDAN) == []
    # their own local minute: each gets theirs
    await send(fake_bot, ALICE, f"/digest daily {kyiv}")
    await send(fake_bot, BOHDAN, f"/digest daily {new_york}")
    (alice,) = await wait_digests(fake_bot, ALICE)
    (bohdan,) = await wait_digests(fake_bot, BOHDAN)
    assert "Kyiv metro" in (alice.text or "")
    assert "Markets" not in (alice.text or "") and "Theatre" not in (alice.text or "")
    assert "Markets rally" in (bohdan.text or "") and "Theatre season" in (bohdan.text or "")
    assert "Kyiv metro" not in (bohdan.text or "")
    for user, zone in ((ALICE, KYIV), (BOHDAN, NEW_YORK)):
        state = await store.digests.reader(user)
        assert state is not None and state.next_digest_at is not None
        local = state.next_digest_at.astimezone(ZoneInfo(zone))
        assert local.strftime("%H:%M") == (kyiv if user == ALICE else new_york)
        assert local.date() > datetime.now(ZoneInfo(zone)).date()  # tomorrow's


async def test_ukrainian_reader_gets_a_ukrainian_digest(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    await reader(fake_bot, ALICE, "/subscribe war", lang="uk")
    await add_story(bot.runtime.store, "Новина дня", ["war"])
    await arrived()
    fake_bot.inject_message(ALICE, "/digest now", language_code="uk")
    (digest,) = await wait_digests(fake_bot, ALICE, start="Ваш", timeout=TIMEOUT)
    assert "Війна" in (digest.text or "") and "Новина дня" in (digest.text or "")


# --- restarts -----------------------------------------------------------------------------


async def test_a_restart_neither_drops_nor_repeats_a_digest(
    bot: RunningBot, fake_bot: FakeBotServer, db_path: str
) -> None:
    await reader(fake_bot, ALICE, "/subscribe war")
    await add_story(bot.runtime.store, "Before the restart", ["war"])
    await arrived()
    hhmm = await current_minute(KYIV)
    await send(fake_bot, ALICE, f"/digest daily {hhmm}")
    await wait_digests(fake_bot, ALICE)
    await bot.restart()
    await quiet_settle()
    assert len(digests_of(fake_bot, ALICE)) == 1  # not repeated

    # a digest at a time 40 minutes ago, while the bot was down: sent once when it is back
    await bot.stop()
    async with Store(db_path) as store:
        due = utcnow().replace(second=0, microsecond=0) - timedelta(minutes=40)
        at = due.astimezone(ZoneInfo(KYIV)).strftime("%H:%M")
        await store.digests.configure(ALICE, "daily", at, due)
        await add_story(store, "While we were down", ["war"])
        await arrived()
    await bot.start()
    digests = await wait_digests(fake_bot, ALICE, 2)
    assert "While we were down" in (digests[1].text or "")
    assert "Before the restart" not in (digests[1].text or "")

    # built and queued, then the bot stops before sending: sent once after the restart
    await bot.runtime.store.set_paused(True)
    await add_story(bot.runtime.store, "Queued, not sent", ["war"])
    await arrived()
    await bot.runtime.store.digests.schedule(ALICE, utcnow())
    await bot.runtime.digests.run_once()  # type: ignore[union-attr]
    assert len(digests_of(fake_bot, ALICE)) == 2
    await bot.restart()
    await bot.runtime.store.set_paused(False)
    bot.runtime.sender.wake()  # type: ignore[union-attr]
    digests = await wait_digests(fake_bot, ALICE, 3)
    assert "Queued, not sent" in (digests[2].text or "")
    await quiet_settle()
    assert len(digests_of(fake_bot, ALICE)) == 3


async def test_a_digest_more_than_an_hour_late_is_skipped(
    bot: RunningBot, fake_bot: FakeBotServer, db_path: str
) -> None:
    await reader(fake_bot, ALICE, "/subscribe war", "/digest daily 09:00")
    await bot.stop()
    async with Store(db_path) as store:
        await store.digests.schedule(ALICE, utcnow() - timedelta(minutes=90))
        await add_story(store, "Too late", ["war"])
    await bot.start()
    await quiet_settle()
    assert digests_of(fake_bot, ALICE) == []
    state = await bot.runtime.store.digests.reader(ALICE)
    assert state is not None and state.next_digest_at is not None
    assert state.next_digest_at > utcnow()


# --- quiet hours ---------------------------------------------------------------------------


def window_around_now(zone: str, *, before: int = 60, after: int = 60) -> str:
    now = datetime.now(ZoneInfo(zone))
    start = (now - timedelta(minutes=before)).strftime("%H:%M")
    end = (now + timedelta(minutes=after)).strftime("%H:%M")
    return f"{start}-{end}"


async def test_quiet_hours_send_instant_stories_silently(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    for user in (ALICE, BOHDAN):
        await send(fake_bot, user, "/start")
        await send(fake_bot, user, "/subscribe war")
    window = window_around_now(KYIV)
    reply = await send(fake_bot, ALICE, f"/quiet {window}")
    assert "without sound" in (reply.text or "")
    await add_story(bot.runtime.store, "Night news", ["war"], minutes_ago=0)
    await fake_bot.wait_for(
        lambda _: all("Night news" in texts(fake_bot, u)[-1] for u in (ALICE, BOHDAN)), TIMEOUT
    )
    assert fake_bot.messages(ALICE)[-1].disable_notification is True
    assert fake_bot.messages(BOHDAN)[-1].disable_notification is False
    settings = await send(fake_bot, ALICE, "/settings")
    assert f"Quiet hours: {window.replace('-', '–')}" in (settings.text or "")
    await send(fake_bot, ALICE, "/quiet off")
    await add_story(bot.runtime.store, "Morning news", ["war"], minutes_ago=0)
    await fake_bot.wait_for(lambda _: "Morning news" in texts(fake_bot, ALICE)[-1], TIMEOUT)
    assert fake_bot.messages(ALICE)[-1].disable_notification is False


async def test_quiet_hold_sends_one_message_at_the_end_of_the_window(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    for user in (ALICE, BOHDAN):
        await send(fake_bot, user, "/start")
        await send(fake_bot, user, "/subscribe war")
    reply = await send(fake_bot, ALICE, f"/quiet {window_around_now(KYIV)} hold")
    assert "arrive as one message" in (reply.text or "")
    state = await store.digests.reader(ALICE)
    assert state is not None and state.hold_from is not None and state.hold_until is not None
    assert state.hold_from <= utcnow() < state.hold_until
    # The window really ends in an hour; make it end in a couple of seconds.
    await store.digests.set_hold(ALICE, (state.hold_from, utcnow() + timedelta(seconds=2)))
    before = len(fake_bot.messages(ALICE))
    await add_story(store, "Held story one", ["war"], minutes_ago=0)
    await add_story(store, "Held story two", ["war"], minutes_ago=0)
    await fake_bot.wait_for(lambda _: "Held story" in " ".join(texts(fake_bot, BOHDAN)), TIMEOUT)
    await fake_bot.wait_for(lambda _: len(texts(fake_bot, BOHDAN)) >= 4, TIMEOUT)
    (held,) = await wait_digests(fake_bot, ALICE, start="While", timeout=TIMEOUT)
    assert fake_bot.messages(ALICE)[before:] == [held]  # held, not sent one by one
    assert "Held story one" in (held.text or "") and "Held story two" in (held.text or "")
    assert held.disable_notification is False
    await quiet_settle()
    assert len(fake_bot.messages(ALICE)) == before + 1  # one message, once
    state = await store.digests.reader(ALICE)
    assert state is not None and state.hold_until is not None and state.hold_until > utcnow()


async def test_quiet_off_and_the_same_hours_held_again_send_nothing_twice(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """The tester's run: stories stored before Alice came, a held window that began an hour
    ago, two stories held, /quiet off (they come at once), the same window held again and
    ended again: the second time brings only what it held, and /post of a story she had in
    the digest does not send it to her again."""
    store = bot.runtime.store
    await send(fake_bot, BOHDAN, "/start")
    await send(fake_bot, BOHDAN, "/subscribe war")
    await add_story(store, "Stored before she came", ["war"], minutes_ago=0)
    await fake_bot.wait_for(lambda _: "Stored before" in " ".join(texts(fake_bot, BOHDAN)), TIMEOUT)
    await send(fake_bot, ALICE, "/start")
    await send(fake_bot, ALICE, "/subscribe war")
    window = window_around_now(KYIV)
    await send(fake_bot, ALICE, f"/quiet {window} hold")
    first = await add_story(store, "Held story one", ["war"], minutes_ago=0)
    await add_story(store, "Held story two", ["war"], minutes_ago=0)
    await fake_bot.wait_for(lambda _: "Held story two" in texts(fake_bot, BOHDAN)[-1], TIMEOUT)
    await send(fake_bot, ALICE, "/quiet off")
    (held,) = await wait_digests(fake_bot, ALICE, start="While", timeout=TIMEOUT)
    assert "Held story one" in (held.text or "") and "Held story two" in (held.text or "")
    assert "Stored before she came" not in (held.text or "")
    await send(fake_bot, ALICE, f"/quiet {window} hold")
    await send(fake_bot, ALICE, "/quiet off")
    await quiet_settle()
    assert len(digests_of(fake_bot, ALICE, "While")) == 1
    before = len(fake_bot.messages(ALICE))
    reply = await send(fake_bot, ADMIN, f"/post {first}")
    assert "(0 to channels, 0 to readers)" in (reply.text or "")
    await quiet_settle()
    assert len(fake_bot.messages(ALICE)) == before


async def test_quiet_off_sends_what_the_window_held_at_once_not_at_the_next_tick(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """README: "/quiet off ends them; a held window's stories are sent at once". They came at
    the scheduler's next look, DIGEST_TICK (15 s) later."""
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, digest_tick=60)
    bot = await RunningBot(settings).start()
    try:
        store = bot.runtime.store
        await send(fake_bot, ALICE, "/start")
        await send(fake_bot, ALICE, "/subscribe war")
        await send(fake_bot, ALICE, f"/quiet {window_around_now(KYIV)} hold")
        await add_story(store, "Held until quiet ends", ["war"], minutes_ago=0)
        await asyncio.sleep(1.0)  # routed and held back (nothing comes meanwhile)
        assert "Held until quiet ends" not in " ".join(texts(fake_bot, ALICE))
        await send(fake_bot, ALICE, "/quiet off")
        (held,) = await wait_digests(fake_bot, ALICE, start="While", timeout=TIMEOUT)
    finally:
        await bot.stop()
    assert "Held until quiet ends" in (held.text or "")


# --- bad arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/digest", "How often?"),
        ("/digest daily", "At what time?"),
        ("/digest daily 25:00", "is not a time of day"),
        ("/digest daily 7:5", "is not a time of day"),
        ("/digest sometimes", "How often?"),
        ("/digest 99:99", "is not a time of day"),
        ("/digest daily " + "9" * 5000, "is not a time of day"),
        ("/quiet", "When?"),
        ("/quiet 23:00", "is not a time window"),
        ("/quiet 23:00-25:00 hold", "is not a time window"),
        ("/quiet loud", "is not a time window"),
        ("/quiet 22:00-06:00 no hold", "22:00-06:00 no hold is not a time window"),
        ("/quiet " + "<b>" * 1500, "is not a time window"),
    ],
)
async def test_bad_arguments_get_a_clear_reply(
    bot: RunningBot, fake_bot: FakeBotServer, command: str, expected: str
) -> None:
    await send(fake_bot, ALICE, "/start")
    reply = await send(fake_bot, ALICE, command)
    assert expected in (reply.text or "")
    assert len(reply.text or "") < 600
    state = await bot.runtime.store.digests.reader(ALICE)
    assert state is not None and state.digest_mode == "off" and state.quiet_start is None


async def test_settings_help_and_menu_show_digests(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    await reader(
        fake_bot, ALICE, "/subscribe war", "/digest daily 08:30", "/quiet 23:00-07:00 hold"
    )
    settings = await send(fake_bot, ALICE, "/settings")
    assert "Digest: daily at 08:30" in (settings.text or "")
    assert "Quiet hours: 23:00–07:00, stories held until the end" in (settings.text or "")
    help_text = (await send(fake_bot, ALICE, "/help")).text or ""
    assert "/digest" in help_text and "/quiet" in help_text
    menu: Any = fake_bot.menu(ALICE, ALICE, "uk")  # the private chats' menu
    assert {"digest", "quiet"} <= {c["command"] for c in menu}
    off = await send(fake_bot, ALICE, "/digest off")
    assert off.text == "Digests are off."
    hourly = await send(fake_bot, ALICE, "/digest hourly")
    assert "every hour" in (hourly.text or "")

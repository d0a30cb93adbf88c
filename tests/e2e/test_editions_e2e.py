"""Per-channel editions end to end: a Ukrainian and an English channel (and a keyword
channel) from one store, set up by an admin's commands, through the strict fake Bot API."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

ADMIN = 42
UK, EN, ROCKETS = -1001000000011, -1001000000012, -1001000000013
TIMEOUT = 10.0

BRIEF = """{#- The English edition's own look: headline and link only. -#}
<b>{{ title }}</b>
{% if url %}

<a href="{{ url }}">{{ t.read_more }} →</a>
{% endif %}
"""


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "newsroom-templates"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(BRIEF, encoding="utf-8")
    (folder / "broken.html.j2").write_text("<b>{{ title }}", encoding="utf-8")
    return folder


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str, templates: Path) -> Any:
    return make_settings(
        fake_bot.base_url,
        fake_bot.token,
        db_path,
        admin_ids=str(ADMIN),
        templates_dir=str(templates),
        group_rate_per_minute=600,
    )


async def said(fake: FakeBotServer, text: str) -> str:
    """The admin sends `text`; returns the bot's reply."""
    before = len(fake.messages(ADMIN))
    fake.inject_message(ADMIN, text, language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(ADMIN)) > before, TIMEOUT)
    return fake.messages(ADMIN)[before].text or ""


async def add(store: Store, n: int, title: str, lead: str, language: str | None) -> int:
    _, article_id = await store.articles.upsert(
        ArticleIn(
            url=f"https://news.example.org/editions/{n}",
            title=title,
            lead=lead,
            published_at=utcnow(),
            language=language,
        )
    )
    return article_id


async def settled(store: Store) -> None:
    """Until nothing is pending in the outbox (so a wrong extra post would be seen)."""
    for _ in range(int(TIMEOUT / 0.05)):
        if not (await store.outbox.counts()).get("pending"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox never settled")


def firsts(fake: FakeBotServer, chat_id: int) -> list[str]:
    return [m.content.split("\n")[0] for m in fake.messages(chat_id)]


async def test_a_ukrainian_and_an_english_edition_from_one_store(
    running_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.set_limits(private_per_sec=100, private_burst=100, group_per_min=600)
    fake_bot.add_channel(UK, "Новини")
    fake_bot.add_channel(EN, "News in English")
    fake_bot.add_channel(ROCKETS, "Alerts")
    store = running_bot.runtime.store

    # --- set up by an admin; bad values are refused and change nothing ---------------------
    text = await said(fake_bot, f"/addchannel {UK} language=uk story-languages=uk")
    assert text.startswith("Added Новини") and "words uk, stories uk" in text
    text = await said(
        fake_bot, f'/addchannel {EN} --language en --story-languages en exclude="football,Cup"'
    )
    assert "words en, stories en, include none, exclude football, cup" in text
    text = await said(fake_bot, f"/addchannel {ROCKETS} include=ракетами")
    assert "include ракета" in text  # stored as the lemma, shown as stored

    refusals = {
        f"/channel {EN} language=pl": "language takes uk|en",
        f"/channel {EN} story-languages=english": "english is not a language code",
        f"/channel {EN} colour=red": "I don't know the option colour",
        f"/channel {EN} silent=maybe": "silent takes on or off, not maybe",
        f"/channel {EN} template=missing.html.j2": "no such file in TEMPLATES_DIR",
        f"/channel {EN} template=broken.html.j2": "That template won't do: template broken",
        f'/channel {EN} include="air strike': "A quote is not closed",
        f"/channel {EN} exclude=football,the": "the is in nearly every story",
        "/channel -1001000000999 language=en": "There is no channel -1001000000999",
        f"/channel {EN}": "Send /channel CHAT_ID",
        f"/addchannel {UK} language=de": "language takes uk|en",
    }
    for command, reason in refusals.items():
        assert reason in await said(fake_bot, command), command
    english = await store.channels.get(EN)
    assert english is not None and english.language == "en" and english.template is None

    text = await said(fake_bot, f"/channel {EN} template=brief.html.j2")
    assert text.startswith(f"Changed {EN}:") and "template brief.html.j2" in text
    listing = await said(fake_bot, "/channels")
    assert "Channels (3)" in listing
    assert "words en · stories en · include: none · exclude: football, cup" in listing
    assert "template brief.html.j2" in listing

    audit = await store.audit.latest(40)
    channel_entries = [entry for entry in audit if entry.action == "/channel"]
    assert len(channel_entries) == 11  # ten refused, one done
    assert sum(entry.ok for entry in channel_entries) == 1
    assert any(e.ok and e.detail == f"{EN} template=brief.html.j2" for e in channel_entries)
    # "topics all", as the replies show it, is a value the option takes
    assert "topics War," in await said(fake_bot, f"/channel {ROCKETS} topics=war")
    assert "topics all" in await said(fake_bot, f"/channel {ROCKETS} topics=all")
    rockets = await store.channels.get(ROCKETS)
    assert rockets is not None and rockets.topics == ()

    # --- stories: each goes to its edition, in its words and look ---------------------------
    await add(store, 1, "Parliament passes the budget", "Deputies voted late.", "en")
    await add(store, 2, "Рада ухвалила бюджет", "Депутати голосували пізно.", "uk")
    await add(store, 3, "Zelensky meets Macron", "Talks in Paris.", None)
    await add(store, 4, "Cup final tonight", "Kick-off at nine.", "en")  # excluded: "Cup"
    await add(store, 5, "Росія вдарила ракетою по Києву", "Є поранені.", "uk")
    await add(store, 6, "Ракетка для тенісу подорожчала", "Спорт дорожчає.", "uk")
    await add(store, 7, "Footballers strike", "No matches this week.", "en")  # "footballer"
    await fake_bot.wait_for(
        lambda _: (
            len(fake_bot.messages(UK)) >= 4
            and len(fake_bot.messages(EN)) >= 3
            and len(fake_bot.messages(ROCKETS)) >= 1
        ),
        TIMEOUT,
    )
    await settled(store)

    assert firsts(fake_bot, EN) == [
        "Parliament passes the budget",
        "Zelensky meets Macron",
        "Footballers strike",  # a footballer is not football
    ]
    for message in fake_bot.messages(EN):
        assert message.content.endswith("Read more →")  # the English words, its template
        assert "Читати далі" not in message.content and "Talks" not in message.content
    assert firsts(fake_bot, UK) == [
        "Рада ухвалила бюджет",
        "Zelensky meets Macron",
        "Росія вдарила ракетою по Києву",
        "Ракетка для тенісу подорожчала",
    ]
    for message in fake_bot.messages(UK):
        assert "Читати далі" in message.content and "Read more" not in message.content
    # the keyword edition: any form of "ракета", never "ракетка"; no language filter
    assert firsts(fake_bot, ROCKETS) == ["Росія вдарила ракетою по Києву"]

    # --- an edit keeps each edition's words and look ----------------------------------------
    await store.articles.upsert(
        ArticleIn(
            url="https://news.example.org/editions/3",
            title="Zelensky meets Macron in Paris",
            lead="Talks in Paris.",
            published_at=utcnow(),
        )
    )
    await fake_bot.wait_for(
        lambda _: all(
            any(
                m.content.startswith("Zelensky meets Macron in Paris") for m in fake_bot.messages(c)
            )
            for c in (UK, EN)
        ),
        TIMEOUT,
    )
    edited = {c: next(m for m in fake_bot.messages(c) if m.edited) for c in (UK, EN)}
    assert edited[EN].content.endswith("Read more →")
    assert "Читати далі" in edited[UK].content
    rejected = [(r.method, r.description) for r in fake_bot.rejections if r.method != "getChat"]
    assert rejected == []


async def test_posts_queued_before_an_edition_changed_follow_it_and_a_removed_channel_is_left_alone(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """A channel with a backlog (a group's slow pace) whose edition an admin narrows: the
    posts still queued went out all the same (24 of them, in the new words); and a channel
    removed with /delchannel was still sent edits of its old posts."""
    fake_bot.add_channel(EN, "English")
    fake_bot.add_channel(UK, "Ukrainian")
    fake_bot.set_limits(group_per_min=60)
    settings = make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), group_rate_per_minute=60
    )
    running = await RunningBot(settings).start()
    try:
        store = running.runtime.store
        await store.channels.add(EN)
        await store.channels.add(UK)
        ids = [
            await add(store, 100 + n, f"Flood story {n}", "Rivers rise.", "en") for n in range(1, 9)
        ]
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(EN)) >= 2, TIMEOUT)
        assert "Changed" in await said(fake_bot, f'/channel {EN} include="air strike"')
        posted = len(fake_bot.messages(EN))
        await add(store, 200, "Air strike on the port", "Missiles hit the port.", "en")
        await fake_bot.wait_for(
            lambda _: any("Air strike" in m.content for m in fake_bot.messages(EN)), 3 * TIMEOUT
        )
        assert "Removed 1 target" in await said(fake_bot, f"/delchannel {UK}")
        await fake_bot.wait_for(lambda _: len(fake_bot.messages(UK)) >= 1, TIMEOUT)
        edits_before = len(fake_bot.requests_for("editMessageText", UK))
        item = (await store.articles.get_many(ids[:1]))[ids[0]]
        await store.articles.upsert(
            ArticleIn(
                url=item.url,
                title="Flood story 1, corrected",
                lead="Rivers rise.",
                published_at=item.published_at,
                language="en",
            )
        )
        await asyncio.sleep(2.0)
        await settled(store)
    finally:
        await running.stop()
    floods = [m for m in firsts(fake_bot, EN) if m.startswith("Flood story")]
    assert len(floods) <= posted + 1  # what was on its way when the edition changed
    assert len(fake_bot.requests_for("editMessageText", UK)) == edits_before


async def test_a_keyword_both_included_and_excluded_is_refused(
    running_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/addchannel and /channel refuse an edition with a keyword in include and in exclude,
    naming it, and change nothing; one list's word moved to the other in one go is fine."""
    fake_bot.add_channel(EN, "News in English")
    store = running_bot.runtime.store
    reason = "would be both in include and in exclude: put each keyword in one of them only."

    text = await said(fake_bot, f'/addchannel {EN} include="missiles,drone" exclude=Missile')
    assert text == f"missile {reason}"
    assert await store.channels.get(EN) is None

    text = await said(fake_bot, f"/addchannel {EN} include=missile,drone")
    assert "include missile, drone, exclude none" in text
    text = await said(fake_bot, f'/channel {EN} exclude="drones,air strike,missile"')
    assert text == f"missile, drone {reason}"
    text = await said(fake_bot, f"/addchannel {EN} exclude=drone")
    assert text == f"drone {reason}"
    channel = await store.channels.get(EN)
    assert channel is not None and channel.include == ("missile", "drone") and not channel.exclude

    text = await said(fake_bot, f"/channel {EN} include=missile exclude=drone")
    assert "include missile, exclude drone" in text

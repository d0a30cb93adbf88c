"""Admin commands end to end: the real Application long-polling the fake Bot API.

User 42 is the admin (ADMIN_IDS=42); user 7 is a reader who tries every admin command and
must change nothing. Feeds for /addsource are served from 127.0.0.1 by an aiohttp server.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

from bot.ingest.tagging import retag
from bot.models import ArticleIn, utcnow
from bot.ops.health import Thresholds, find_problems, health_report
from bot.store.store import Store

ADMIN, READER = 42, 7
TIMEOUT = 5.0


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    return make_settings(fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN))


@pytest.fixture
async def bot(running_bot: RunningBot, fake_bot: FakeBotServer) -> AsyncIterator[RunningBot]:
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    yield running_bot
    # /addchannel asks about chats and forum topics that may not exist (getChat, a chat
    # action in the topic); everything else must have passed
    asks = {"getChat", "sendChatAction"}
    unexpected = [(r.method, r.description) for r in fake_bot.rejections if r.method not in asks]
    assert unexpected == []


def store_of(bot: RunningBot) -> Store:
    return bot.runtime.store


async def send(fake: FakeBotServer, user: int, text: str, *, count: int = 1) -> SentMessage:
    """`user` sends `text`; returns the first of the `count` replies it gets."""
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(user)) >= before + count, TIMEOUT)
    return fake.messages(user)[before]


async def said(fake: FakeBotServer, user: int, text: str) -> str:
    reply = await send(fake, user, text)
    assert reply.text is not None
    return reply.text


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Desk</title><link>http://127.0.0.1/</link>
<description>test</description>
{items}
</channel></rss>"""

ITEM = """<item><title>{title}</title><link>http://127.0.0.1/story/{n}</link>
<description>Lead of story {n}.</description><pubDate>{date}</pubDate></item>"""


@pytest.fixture
async def feed_server() -> AsyncIterator[str]:
    """http://127.0.0.1:PORT with /feed.xml (3 stories) and /missing.xml (404)."""
    date = format_datetime(utcnow())
    items = "\n".join(ITEM.format(title=f"Local story {n}", n=n, date=date) for n in (1, 2, 3))
    body = RSS.format(items=items).encode()

    async def feed(_: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed.xml", feed)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def add_story(store: Store, title: str, *, topics: list[str], hours_ago: float = 0.0) -> int:
    _, article_id = await store.articles.upsert(
        ArticleIn(
            url=f"https://news.example.org/{abs(hash(title))}",
            title=title,
            lead=f"{title}: the lead.",
            published_at=utcnow() - timedelta(hours=hours_ago),
            tags=topics,
        )
    )
    await store.articles.set_topics(article_id, topics)
    return article_id


async def snapshot(store: Store) -> dict[str, Any]:
    async def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in await store.db.fetchall(sql)]

    return {
        "sources": await rows("SELECT id, url, topics FROM sources ORDER BY id"),
        "channels": await rows("SELECT * FROM channels ORDER BY chat_id, thread_id"),
        "topics": await rows("SELECT * FROM topics ORDER BY slug"),
        "keywords": await rows("SELECT * FROM topic_keywords ORDER BY topic, keyword"),
        "held": await rows("SELECT id, held FROM articles ORDER BY id"),
        "deliveries": await rows("SELECT id, state FROM outbox ORDER BY id"),
        "audit": await rows("SELECT * FROM audit"),
        "broadcasts": await rows("SELECT * FROM broadcasts"),
        "paused": await store.is_paused(),
    }


# --- access -------------------------------------------------------------------------------

NON_ADMIN_ATTEMPTS = [
    "/stats",
    "/sources",
    "/addsource https://example.org/rss war",
    "/delsource 1",
    "/import",
    "/export",
    "/channels",
    "/addchannel -1001234567890",
    "/delchannel -1001234567890",
    "/addtopic energy Energy | Енергетика",
    "/keywords war tank",
    "/audit",
    "/post 1",
    "/hold 1",
    "/broadcast <b>Hello</b>",
    "/pause",
    "/resume",
]


async def test_non_admins_get_a_polite_refusal_and_nothing_changes(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = store_of(bot)
    await store.sources.add("https://example.org/rss")
    await store.channels.add(-1001234567890)
    await add_story(store, "A story", topics=["war"], hours_ago=72)
    before = await snapshot(store)
    for text in NON_ADMIN_ATTEMPTS:
        assert await said(fake_bot, READER, text) == (
            "Sorry, this command is for the newsroom's editors only."
        ), text
    assert await snapshot(store) == before
    # the menu of admin commands is not theirs either
    assert fake_bot.commands({"type": "chat", "chat_id": READER}) is None


async def test_admin_menu_is_set_for_admins_only(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    scope = {"type": "chat", "chat_id": ADMIN}
    for code in ("", "en", "uk"):
        menu = fake_bot.commands(scope, code)
        assert menu is not None
        names = {c["command"] for c in menu}
        assert {"stats", "broadcast", "pause", "resume", "addchannel"} <= names
        assert {"start", "topics"} <= names  # admins are readers too
    uk = {c["command"]: c["description"] for c in fake_bot.commands(scope, "uk") or []}
    assert uk["pause"] == "Призупинити всі надсилання"
    readers = {c["command"] for c in fake_bot.menu(READER, READER, "en") or []}
    assert "start" in readers and "broadcast" not in readers and "stats" not in readers
    assert fake_bot.menu(ADMIN, ADMIN, "uk") == fake_bot.commands(scope, "uk")


# --- sources --------------------------------------------------------------------------------


async def test_addsource_fetches_at_once_and_reports(
    bot: RunningBot, fake_bot: FakeBotServer, feed_server: str
) -> None:
    store = store_of(bot)
    text = await said(fake_bot, ADMIN, f"/addsource {feed_server}/feed.xml war")
    assert "Added source 1" in text and "First fetch: 3 new stories" in text
    sources = await store.sources.all()
    assert [s.topics for s in sources] == [["war"]]
    assert sources[0].last_success_at is not None
    assert await store.articles.count() == 3

    text = await said(fake_bot, ADMIN, f"/addsource {feed_server}/missing.xml")
    assert "Added source 2" in text and "the first fetch failed" in text and "404" in text

    assert "is a source already (id 1)" in await said(
        fake_bot, ADMIN, f"/addsource {feed_server}/feed.xml"
    )
    listing = await said(fake_bot, ADMIN, "/sources")
    assert "Sources (2)" in listing and "feed.xml" in listing and "failing ×1" in listing

    # bad arguments get a clear reply, and nothing is added
    assert "Send /addsource URL [topics]" in await said(fake_bot, ADMIN, "/addsource")
    assert "is not an http(s) URL" in await said(fake_bot, ADMIN, "/addsource ftp://x.org/feed")
    text = await said(fake_bot, ADMIN, f"/addsource {feed_server}/other.xml nonsense")
    assert "I don't know the topic nonsense" in text
    assert len(await store.sources.all()) == 2

    assert "Send /delsource ID" in await said(fake_bot, ADMIN, "/delsource x")
    assert "There is no source with id 99" in await said(fake_bot, ADMIN, "/delsource 99")
    assert "Removed source 2" in await said(fake_bot, ADMIN, "/delsource 2")
    assert [s.id for s in await store.sources.all()] == [1]


async def test_sources_names_topics_in_the_admins_language(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/sources in Ukrainian showed the topics' slugs ("теми: politics"): it names them as
    /stats and the readers' topic menu do, by their title in the admin's language."""
    store = store_of(bot)
    await store.sources.add("https://example.org/rss", topics=["politics", "war"])
    await store.sources.add("https://example.org/all")
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_message(ADMIN, "/sources", language_code="uk")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    lines = (fake_bot.messages(ADMIN)[before].text or "").splitlines()
    assert lines[1].startswith("1 https://example.org/rss · теми: Політика, Війна · кожні 300 с")
    assert lines[2].startswith("2 https://example.org/all · теми: усі · кожні 300 с")
    lines = (await said(fake_bot, ADMIN, "/sources")).splitlines()
    assert lines[1].startswith("1 https://example.org/rss · topics: Politics, War · every 300 s")
    assert lines[2].startswith("2 https://example.org/all · topics: all · every 300 s")


OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Feeds</title></head><body>
  <outline text="War"><outline text="A" xmlUrl="https://a.example.org/rss"/></outline>
  <outline text="B" xmlUrl="https://b.example.org/atom" category="economy"/>
  <outline text="C" xmlUrl="mailto:someone@example.org"/>
</body></opml>"""


async def test_import_and_export_opml(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_document(ADMIN, OPML, "feeds.opml", caption="/import")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    text = fake_bot.messages(ADMIN)[before].text or ""
    assert text == "Import: 2 new sources, 0 already there, 1 skipped (not http(s))."
    sources = {s.url: s.topics for s in await store.sources.all()}
    assert sources == {
        "https://a.example.org/rss": ["war"],
        "https://b.example.org/atom": ["economy"],
    }

    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_document(ADMIN, b"<opml><body>", "broken.opml", caption="/import")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    assert (fake_bot.messages(ADMIN)[before].text or "").startswith(
        "That file is not usable OPML: not valid XML"
    )
    assert "Send an OPML file as a document" in await said(fake_bot, ADMIN, "/import")

    exported = await send(fake_bot, ADMIN, "/export")
    assert exported.kind == "document" and exported.document is not None
    assert exported.document["file_name"] == "newsbot-sources.opml"
    assert exported.caption == "2 sources as OPML."
    # the outlines' names: in /sources, and in the export (not lost on the way)
    lines = (await said(fake_bot, ADMIN, "/sources")).splitlines()
    assert lines[1].startswith("1 A · https://a.example.org/rss · topics: War")
    assert lines[2].startswith("2 B · https://b.example.org/atom · topics: Economy")
    data = fake_bot.sent_files[exported.document["file_id"]]
    assert b'text="A"' in data and b'text="B"' in data


# --- channels -------------------------------------------------------------------------------


async def test_addchannel_checks_the_bot_can_post(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    fake_bot.add_channel(-1001000000001, "Not Mine", bot_is_admin=False)
    fake_bot.add_channel(-1001000000002, "Newsroom")
    fake_bot.add_group(-1001000000003, "Forum", is_forum=True, bot_is_admin=True)
    fake_bot.add_forum_topic(-1001000000003, 7, "War")

    text = await said(fake_bot, ADMIN, "/addchannel -1001000000001")
    assert "I'm not an administrator of Not Mine (-1001000000001)" in text
    assert "I can't see the chat -1001000000999" in await said(
        fake_bot, ADMIN, "/addchannel -1001000000999"
    )
    assert "is not a chat id" in await said(fake_bot, ADMIN, "/addchannel channel")
    # a forum topic that does not exist: refused, not added to fail at every post
    assert "Forum (-1001000000003:9) has no forum topic 9" in await said(
        fake_bot, ADMIN, "/addchannel -1001000000003:9"
    )
    assert await store.channels.get(-1001000000003, 9) is None
    assert "Send /addchannel" in await said(fake_bot, ADMIN, "/addchannel")
    assert "I don't know the option loud" in await said(
        fake_bot, ADMIN, "/addchannel -1001000000002 loud=on"
    )
    assert "has no forum topics" in await said(fake_bot, ADMIN, "/addchannel -1001000000002:5")
    fake_bot.migrate(-4250, -1004250)  # a group that became a supergroup
    assert "The group -4250 became the supergroup -1004250: add that id instead." in (
        await said(fake_bot, ADMIN, "/addchannel -4250")
    )
    # an option with no value after it, or unknown, in the --key form (a crash before)
    assert "--include needs a value." in await said(
        fake_bot, ADMIN, "/addchannel -1001000000002 --include"
    )
    assert "I don't know the option --colour" in await said(
        fake_bot, ADMIN, "/addchannel -1001000000002 --colour red"
    )
    assert await store.channels.all() == []

    text = await said(fake_bot, ADMIN, "/addchannel -1001000000002")
    assert text == (
        "Added Newsroom (-1001000000002): topics all, link preview on, silent off;"
        " words uk, stories all, include none, exclude none, template shipped."
    )
    text = await said(
        fake_bot, ADMIN, "/addchannel -1001000000003:7 war, politics preview=off silent=on"
    )
    assert text == (
        "Added Forum (-1001000000003:7): topics War, Politics, link preview off, silent on;"
        " words uk, stories all, include none, exclude none, template shipped."
    )
    forum = await store.channels.get(-1001000000003, 7)
    assert forum is not None and forum.topics == ("war", "politics")
    assert not forum.link_preview and forum.silent
    # adding it again changes what is given and keeps the rest (topics were reset to all)
    text = await said(fake_bot, ADMIN, "/addchannel -1001000000003:7 language=en")
    assert text == (
        "Updated Forum (-1001000000003:7): topics War, Politics, link preview off, silent on;"
        " words en, stories all, include none, exclude none, template shipped."
    )
    text = await said(fake_bot, ADMIN, "/addchannel -1001000000003:7 war")
    assert "topics War, link preview off, silent on; words en," in text

    listing = await said(fake_bot, ADMIN, "/channels")
    assert "Channels (2)" in listing and "-1001000000003:7 Forum" in listing

    # stories of the forum's topics land in its thread
    await add_story(store, "Front line news", topics=["war"])
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(-1001000000003)) == 1, TIMEOUT)
    posted = fake_bot.messages(-1001000000003)[0]
    assert posted.thread_id == 7 and posted.disable_notification

    assert "There is no channel -5" in await said(fake_bot, ADMIN, "/delchannel -5")
    assert "Removed 1 target of -1001000000002" in await said(
        fake_bot, ADMIN, "/delchannel -1001000000002"
    )
    assert [c.target for c in await store.channels.all()] == ["-1001000000003:7"]
    # a forum topic is named as given, CHAT_ID:THREAD_ID
    assert "There is no channel -1001000000003:8." in await said(
        fake_bot, ADMIN, "/delchannel -1001000000003:8"
    )
    assert "Removed 1 target of -1001000000003:7" in await said(
        fake_bot, ADMIN, "/delchannel -1001000000003:7"
    )
    assert await store.channels.all() == []


async def test_channels_names_a_channel_added_from_the_cli(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """`newsbot channel add` has no bot to ask the chat's title: /channels showed none. The
    listing asks Telegram (getChat) for a chat with no title, records it for every target of
    the chat, and says so when Telegram answers that the bot cannot see the chat."""
    store = store_of(bot)
    fake_bot.add_channel(-1001000000005, "Evening Desk")
    fake_bot.add_channel(-1001000000006, "Gone Channel", bot_is_admin=False, bot_is_member=False)
    await store.channels.add(-1001000000005, 0, [])  # as the CLI does: no title
    await store.channels.add(-1001000000005, 9, ["war"])
    await store.channels.add(-1001000000006, 0, [])
    await store.channels.add(-1001000000007, 0, [])  # a chat Telegram does not know

    listing = await said(fake_bot, ADMIN, "/channels")
    assert "-1001000000005 Evening Desk · topics: all" in listing
    assert "-1001000000005:9 Evening Desk · topics: War" in listing
    unseen = "(I can't see this chat: add me to it, or remove it with /delchannel)"
    assert f"-1001000000006 {unseen}" in listing
    assert f"-1001000000007 {unseen}" in listing
    assert "Gone Channel" not in listing
    titles = await store.channels.titles()
    assert titles[(-1001000000005, 0)] == titles[(-1001000000005, 9)] == "Evening Desk"
    assert titles[(-1001000000006, 0)] is None and titles[(-1001000000007, 0)] is None
    assert len(fake_bot.requests_for("getChat", -1001000000005)) == 1

    # the recorded title needs no second lookup; a chat still unseen is asked again
    listing = await said(fake_bot, ADMIN, "/channels")
    assert "-1001000000005 Evening Desk" in listing and f"-1001000000007 {unseen}" in listing
    assert len(fake_bot.requests_for("getChat", -1001000000005)) == 1
    assert len(fake_bot.requests_for("getChat", -1001000000007)) == 2

    # Telegram not answering is no verdict on the chat: the title is looked up next time
    fake_bot.add_channel(-1001000000008, "Night Desk")
    await store.channels.add(-1001000000008, 0, [])
    fake_bot.fail_next(3, 502, methods=["getChat"])
    listing = await said(fake_bot, ADMIN, "/channels")
    assert "-1001000000008 (title not known yet)" in listing
    listing = await said(fake_bot, ADMIN, "/channels")
    assert "-1001000000008 Night Desk" in listing


# --- topics ---------------------------------------------------------------------------------


async def test_addtopic_and_keywords(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    assert "Added topic energy: Energy / Енергетика" in await said(
        fake_bot, ADMIN, "/addtopic energy Energy | Енергетика"
    )
    assert "exists already" in await said(fake_bot, ADMIN, "/addtopic energy Energy | Е")
    assert "can't be a slug" in await said(fake_bot, ADMIN, "/addtopic En<ergy A | B")
    assert "Send /addtopic" in await said(fake_bot, ADMIN, "/addtopic solar Solar")
    # names that already mean something where topics are named, and titles that show nothing
    for command, name in [
        ("/addtopic all All | Усі", "all"),
        ("/addtopic everything None | Жодна", "None"),
        ("/addtopic alle Alle | Всі", "Всі"),
    ]:
        assert f"{name} already means something" in await said(fake_bot, ADMIN, command)
    assert "Send /addtopic" in await said(fake_bot, ADMIN, "/addtopic zw \u200b | \u200b")
    assert [
        t.slug for t in await store.topics.all() if t.slug in {"all", "everything", "alle", "zw"}
    ] == []
    # words in any form are stored as their lemmas, and shown so
    text = await said(fake_bot, ADMIN, "/keywords energy power grids, Blackouts, енергетики")
    assert text == "Keywords of energy (3): power grid, blackout, енергетика."
    text = await said(fake_bot, ADMIN, "/keywords energy -blackouts, solar")
    assert text == "Keywords of energy (3): power grid, енергетика, solar."
    assert "I don't know the topic nope" in await said(fake_bot, ADMIN, "/keywords nope x")
    # words in nearly every story are refused, as /follow refuses them; a phrase with one
    # telling word is a rule
    text = await said(fake_bot, ADMIN, "/keywords energy the, a, на, of the")
    assert text == (
        "Not added, in nearly every story (a rule of them would tag nearly every story):"
        " the, a, на, of the."
    )
    text = await said(fake_bot, ADMIN, "/keywords energy the, the grid")
    assert text.splitlines() == [
        "Not added, in nearly every story (a rule of them would tag nearly every story): the.",
        "Keywords of energy (4): power grid, solar, енергетика, the grid.",
    ]
    text = await said(fake_bot, ADMIN, "/keywords energy -the grid")
    topic = next(t for t in await store.topics.all() if t.slug == "energy")
    assert topic.keywords == ("power grid", "solar", "енергетика")
    # the new topic tags stories through its keywords
    article_id = await add_story(store, "Blackout hits the power grids in Kyiv", topics=[])
    assert "energy" in (await retag(store, [article_id]))[article_id]
    article_id = await add_story(store, "Енергетики відновили живлення", topics=[])
    assert "energy" in (await retag(store, [article_id]))[article_id]


async def test_keywords_typed_together_are_read_in_their_language(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """The form "мира" alone is the Ukrainian "миро" (chrism); typed beside a Russian word it is the
    Russian "мир" (peace), and the rule meets Russian stories of peace, not chrism."""
    store = store_of(bot)
    await said(fake_bot, ADMIN, "/addtopic peace Peace | Мир")
    text = await said(fake_bot, ADMIN, "/keywords peace переговоры, мира")
    assert text == "Keywords of peace (2): переговоры, мир."
    peace = await add_story(store, "Стороны обсудили условия мира", topics=[])
    chrism = await add_story(store, "Церква освятила миро", topics=[])
    tagged = await retag(store, [peace, chrism])
    assert "peace" in tagged[peace] and "peace" not in tagged[chrism]
    # removing a shared form removes the rule of either reading
    text = await said(fake_bot, ADMIN, "/keywords peace -мира")
    assert text == "Keywords of peace (1): переговоры."


async def test_keywords_refuse_single_letters_and_markup_and_take_topic_titles(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "C#" was the rule "c", which tagged "Rally in Washington, D.C." as the topic;
    "<b>bold</b>" the rule "b bold b"; and a topic named by its title ("Мир", the way
    /channel and /import take it) was refused with a list that showed that very title."""
    store = store_of(bot)
    await said(fake_bot, ADMIN, "/addtopic peace Peace | Мир")
    text = await said(fake_bot, ADMIN, "/keywords peace C#, C++, переговори")
    assert "Not added, a single letter to the index" in text and "c#, c++" in text
    assert text.endswith("Keywords of peace (1): переговори.")
    text = await said(fake_bot, ADMIN, "/keywords Мир <b>перемир'я</b>")
    assert text == "Keywords of peace (2): переговори, перемир'я."
    text = await said(fake_bot, ADMIN, "/keywords peace -перемир'я, -війна")
    assert text.startswith("Not rules of peace, nothing to remove: війна.")
    assert text.endswith("Keywords of peace (1): переговори.")
    dc = await add_story(store, "Rally in Washington, D.C. ends peacefully", topics=[])
    assert "peace" not in (await retag(store, [dc]))[dc]


async def test_keywords_adds_to_the_wide_default_rules_and_keeps_them_all(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """The biggest topic has some 560 default rules (migrations 0015-0021): one more, one
    fewer keeps every other one, and the reply says what changed instead of listing them."""
    store = store_of(bot)
    biggest = max(await store.topics.all(), key=lambda topic: len(topic.keywords))
    before = biggest.keywords
    assert len(before) > 500
    gone = before[0]
    text = await said(fake_bot, ADMIN, f"/keywords {biggest.slug} хуртовини, -{gone}")
    after = next(t for t in await store.topics.all() if t.slug == biggest.slug).keywords
    assert set(after) == {*before, "хуртовина"} - {gone}
    count = len(before)
    assert text == f"Keywords of {biggest.slug}: {count}. Added: хуртовина. Removed: {gone}."


# --- stories --------------------------------------------------------------------------------


async def test_post_pushes_an_old_story_and_hold_keeps_it_back(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = store_of(bot)
    fake_bot.add_channel(-1001000000002, "Newsroom")
    await store.channels.add(-1001000000002)
    old = await add_story(store, "Old but important", topics=["war"], hours_ago=72)
    assert "Send /post ARTICLE_ID" in await said(fake_bot, ADMIN, "/post abc")
    assert "There is no story 999" in await said(fake_bot, ADMIN, "/post 999")
    assert "There is no story 999" in await said(fake_bot, ADMIN, "/hold 999")

    text = await said(fake_bot, ADMIN, f"/hold {old}")
    assert f"Story {old} «Old but important» is held" in text
    article = await store.articles.get(old)
    assert article is not None and article.held

    text = await said(fake_bot, ADMIN, f"/post {old}")
    assert f"Story {old} «Old but important» pushed: 1 message queued" in text
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(-1001000000002)) == 1, TIMEOUT)
    assert "Old but important" in fake_bot.messages(-1001000000002)[0].content
    article = await store.articles.get(old)
    assert article is not None and not article.held
    # pushing again does not post twice
    assert "0 messages queued" in await said(fake_bot, ADMIN, f"/post {old}")


async def test_hold_of_a_held_story_says_it_is_held_already(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """A second /hold of a story answered "is held" as if it had just been held (/pause in
    the same case says "paused already"); in either language."""
    store = store_of(bot)
    story = await add_story(store, "Held twice", topics=["war"], hours_ago=72)
    assert f"Story {story} «Held twice» is held:" in await said(fake_bot, ADMIN, f"/hold {story}")
    again = await said(fake_bot, ADMIN, f"/hold {story}")
    assert again == f"Story {story} «Held twice» is held already: /post {story} pushes it."
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_message(ADMIN, f"/hold {story}", language_code="uk")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    assert fake_bot.messages(ADMIN)[before].text == (
        f"Новина {story} «Held twice» вже затримана: /post {story} надішле її."
    )
    article = await store.articles.get(story)
    assert article is not None and article.held
    # /post lifts the hold; a /hold after it holds the story again
    await said(fake_bot, ADMIN, f"/post {story}")
    assert f"Story {story} «Held twice» is held:" in await said(fake_bot, ADMIN, f"/hold {story}")


async def test_an_editors_latest_and_search_show_each_storys_id(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/post, /hold and /breaking take a story's id, which an editor could find in Telegram
    nowhere: their /latest and /search lists show it; a reader's do not."""
    store = store_of(bot)
    first = await add_story(store, "Dam repairs begin", topics=["society"], hours_ago=2)
    second = await add_story(store, "Dam repairs finished", topics=["society"], hours_ago=1)
    for command in ("/latest", "/search dam repairs"):
        reply = await said(fake_bot, ADMIN, command)
        lines = [line for line in reply.splitlines() if "Dam repairs" in line]
        assert lines[0].endswith(f" · {second}") and lines[1].endswith(f" · {first}"), reply
        codes = [m for m in fake_bot.messages(ADMIN)[-1].entities if m["type"] == "code"]
        assert len(codes) == 2, command
        await said(fake_bot, READER, "/start")
        reply = await said(fake_bot, READER, command)
        assert "Dam repairs finished" in reply and f" · {second}" not in reply


async def test_an_admin_taken_out_of_admin_ids_loses_the_admin_menu(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """A restart with another ADMIN_IDS left the former admin's chat with /broadcast, /post
    and the rest in its menu (commands that then only say "for the editors only")."""
    scope = {"type": "chat", "chat_id": ADMIN}
    for admins, has_menu in ((str(ADMIN), True), ("43", False)):
        settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, admin_ids=admins)
        running = await RunningBot(settings).start()
        await running.stop()
        for code in ("", "en", "uk"):
            assert (fake_bot.commands(scope, code) is not None) is has_menu, (admins, code)
    assert fake_bot.commands({"type": "chat", "chat_id": 43}, "uk") is not None


async def test_hold_stops_a_fan_out_under_way(
    fake_bot: FakeBotServer, db_path: str, tmp_path: Path
) -> None:
    settings = make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), global_rate=5
    )
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    readers = list(range(10_001, 10_041))
    fake_bot.add_private_chats(readers)
    running = await RunningBot(settings).start()
    try:
        store = running.runtime.store
        for chat_id in readers:
            await store.readers.register(chat_id, "en")
            await store.readers.subscribe(chat_id, ["war"])
        story = await add_story(store, "Breaking: a long fan-out", topics=["war"])

        def delivered() -> int:
            return sum(1 for c in readers for m in fake_bot.messages(c) if "fan-out" in m.content)

        await fake_bot.wait_for(lambda _: delivered() >= 3, TIMEOUT)
        text = await said(fake_bot, ADMIN, f"/hold {story}")
        assert "is held" in text
        stopped = int(re.search(r"(\d+) waiting messages? cancelled", text).group(1))  # type: ignore[union-attr]
        assert stopped > 0
        after_hold = delivered()
        # The fan-out's rows were read and rendered before their rate-limit slot came (at
        # 5 a second, many seconds later): they went out after the hold, every one of them.
        await asyncio.sleep(3.0)
        assert delivered() <= after_hold + 6  # at most what was on its way (a second's worth)
        assert delivered() < len(readers)
        counts = await store.db.fetchall(
            "SELECT state, count(*) FROM outbox WHERE article_id = ? GROUP BY state", (story,)
        )
        by_state = {row[0]: row[1] for row in counts}
        assert by_state.get("pending", 0) == 0
        assert by_state.get("sent", 0) == delivered()  # what is marked sent went out
        # /post after the hold: what the hold stopped goes again, counted where it goes
        # (it read "N messages queued (0 to channels, 0 to readers)")
        text = await said(fake_bot, ADMIN, f"/post {story}")
        left = len(readers) - delivered()
        assert f"pushed: {left} messages queued (0 to channels, {left} to readers)" in text
    finally:
        await running.stop()


async def test_pause_survives_a_restart(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    fake_bot.add_channel(-1001000000002, "Newsroom")
    await store.channels.add(-1001000000002)
    assert "Pushing paused" in await said(fake_bot, ADMIN, "/pause")
    assert "paused already" in await said(fake_bot, ADMIN, "/pause")

    await bot.restart()
    store = store_of(bot)
    assert await store.is_paused()
    await add_story(store, "Written while paused", topics=["war"])
    await asyncio.sleep(1.0)
    assert fake_bot.messages(-1001000000002) == []
    counts = await store.outbox.counts()
    assert counts.get("pending") == 1

    assert "Pushing resumed; 1 waiting message goes out now." in await said(
        fake_bot, ADMIN, "/resume"
    )
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(-1001000000002)) == 1, TIMEOUT)
    assert "isn't paused" in await said(fake_bot, ADMIN, "/resume")


async def test_delchannel_drops_the_posts_still_waiting_for_it(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "Stop posting there" means now: a story queued while pushing was paused does not go
    to a channel removed meanwhile, and still goes to the one kept."""
    store = store_of(bot)
    for chat_id in (-1001000000002, -1001000000004):
        fake_bot.add_channel(chat_id, "Desk")
        await store.channels.add(chat_id)
    await said(fake_bot, ADMIN, "/pause")
    await add_story(store, "Queued while paused", topics=["war"])
    for _ in range(50):
        if (await store.outbox.counts()).get("pending") == 2:
            break
        await asyncio.sleep(0.1)
    assert "Removed" in await said(fake_bot, ADMIN, "/delchannel -1001000000002")
    assert (await store.outbox.counts()).get("pending") == 1
    await said(fake_bot, ADMIN, "/resume")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(-1001000000004)) == 1, TIMEOUT)
    await asyncio.sleep(0.5)
    assert fake_bot.messages(-1001000000002) == []


# --- stats and audit ------------------------------------------------------------------------


async def test_stats_sends_numbers_and_a_chart(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    fake_bot.add_private_chats([501, 502, 503])
    for chat_id in (501, 502, 503):
        await store.readers.register(chat_id, "en")
    await store.readers.subscribe(501, ["war", "sport"])
    await store.readers.deactivate(503, "blocked")
    await store.sources.add("https://example.org/rss")
    await add_story(store, "Counted today", topics=["war"], hours_ago=0)
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_message(ADMIN, "/stats", language_code="en")
    await fake_bot.wait_for(
        lambda _: any(m.kind == "photo" for m in fake_bot.messages(ADMIN)[before:]), TIMEOUT
    )
    text = fake_bot.messages(ADMIN)[before].text or ""
    assert "Readers: 2 active, 1 inactive" in text
    assert "War 1" in text and "Sport 1" in text
    assert "Stories stored: 1 today, 1 this week" in text
    assert "1. https://example.org/rss: last success never" in text
    photo = next(m for m in fake_bot.messages(ADMIN)[before:] if m.kind == "photo")
    assert photo.caption == "Messages sent per hour over the last 48 hours."


async def stats_text(fake: FakeBotServer, lang: str) -> str:
    """The admin's /stats in `lang`: its text (the chart follows it)."""
    before = len(fake.messages(ADMIN))
    fake.inject_message(ADMIN, "/stats", language_code=lang)
    await fake.wait_for(
        lambda _: any(m.kind == "photo" for m in fake.messages(ADMIN)[before:]), TIMEOUT
    )
    return fake.messages(ADMIN)[before].text or ""


async def test_stats_marks_a_held_story_under_embargo(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/stats listed a story under embargo that an editor had held as "embargoed until …"
    only, like one that goes out then: it is marked held, in the admin's language."""
    store = store_of(bot)
    held = await add_story(store, "Talks resume", topics=["war"], hours_ago=-5)
    free = await add_story(store, "Budget vote", topics=["politics"], hours_ago=-6)
    assert "is held" in await said(fake_bot, ADMIN, f"/hold {held}")
    lines = (await stats_text(fake_bot, "en")).splitlines()
    assert "Under embargo: 2 stories" in lines
    [held_line] = [line for line in lines if line.startswith(f"{held}. ")]
    assert held_line.startswith(f"{held}. Talks resume: embargoed until ")
    assert held_line.endswith(f"; held: it won't go out then (/post {held} lifts the hold)")
    [free_line] = [line for line in lines if line.startswith(f"{free}. ")]
    assert free_line.startswith(f"{free}. Budget vote: embargoed until ")
    assert "held" not in free_line
    lines = (await stats_text(fake_bot, "uk")).splitlines()
    [held_line] = [line for line in lines if line.startswith(f"{held}. ")]
    assert held_line.startswith(f"{held}. Talks resume: ембарго до ")
    assert held_line.endswith(f"; затримано: тоді не вийде (/post {held} знімає затримку)")
    [free_line] = [line for line in lines if line.startswith(f"{free}. ")]
    assert "затрима" not in free_line


async def test_audit_lists_admin_actions(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    await said(fake_bot, ADMIN, "/pause")
    await said(fake_bot, ADMIN, "/delsource 77")
    await said(fake_bot, ADMIN, "/resume")
    await said(fake_bot, READER, "/pause")  # refused: not recorded
    text = await said(fake_bot, ADMIN, "/audit")
    lines = text.splitlines()
    assert lines[0] == "Last 3 admin actions"
    assert lines[1].startswith("✅") and lines[1].endswith("· 42 · /resume")
    assert lines[2].startswith("❌") and "/delsource 77" in lines[2]
    assert "/pause" in lines[3]
    audit = store_of(bot).audit
    for _ in range(50):  # /audit itself is recorded right after its reply went out
        if await audit.count() == 4:
            break
        await asyncio.sleep(0.05)
    entries = await audit.latest()
    assert [e.action for e in entries] == ["/audit", "/resume", "/delsource", "/pause"]
    assert all(e.admin_id == ADMIN for e in entries)


# --- broadcast ------------------------------------------------------------------------------


def buttons(message: SentMessage) -> dict[str, str]:
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return {b["callback_data"]: b["text"] for row in rows for b in row}


async def test_broadcast_bad_html_and_cancel(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    text = await said(fake_bot, ADMIN, "/broadcast <b>unclosed")
    assert text.startswith(
        "Telegram would reject this text: Can't parse entities: "
        'Can\'t find end tag corresponding to start tag "b"'
    )
    assert "Send /broadcast TEXT" in await said(fake_bot, ADMIN, "/broadcast")
    fake_bot.add_private_chats([501])
    await store.readers.register(501, "en")
    preview = await send(fake_bot, ADMIN, "/broadcast <i>Maintenance</i> tonight", count=2)
    assert preview.text == "Maintenance tonight"
    question = fake_bot.messages(ADMIN)[-1]
    assert question.text == "Preview of a broadcast to 1 active reader (above). Send it?"
    data = buttons(question)
    cancel = next(d for d in data if d.startswith("adm:bc:no:"))

    before = len(fake_bot.callback_answers)
    fake_bot.inject_callback(READER, question.message_id, cancel, chat_id=ADMIN)
    await fake_bot.wait_for(lambda _: len(fake_bot.callback_answers) > before, TIMEOUT)
    assert fake_bot.callback_answers[-1]["text"] == "Only the newsroom's editors can do that."

    fake_bot.inject_callback(ADMIN, question.message_id, cancel)
    await fake_bot.wait_for(
        lambda _: (
            fake_bot.message(ADMIN, question.message_id).text  # type: ignore[union-attr]
            == "Broadcast cancelled; nothing was sent."
        ),
        TIMEOUT,
    )
    assert (await store.outbox.counts()).get("pending", 0) == 0
    assert fake_bot.messages(501) == []


async def marked_done(store: Any, broadcast_id: int) -> bool:
    """The broadcast is marked done: right after its final count is shown (never before it:
    a failed edit is tried again), so give the store a moment."""
    for _ in range(100):
        b = await store.broadcasts.get(broadcast_id)
        if b is not None and b.state == "done":
            return True
        await asyncio.sleep(0.05)
    return False


async def test_broadcast_progress_resumes_after_a_restart(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    """The progress loop starts with the bot's background work: a broadcast confirmed before
    a restart still gets its final count, and is marked done, after it. (Not the `bot`
    fixture: the resumed loop shows the progress again, which Telegram may answer with
    "message is not modified".)"""
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN))
    bot = await RunningBot(settings).start()
    try:
        await _pause_broadcast_restart_resume(bot, fake_bot)
    finally:
        await bot.stop()


async def _pause_broadcast_restart_resume(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    store = store_of(bot)
    fake_bot.add_private_chats([501, 502])
    for chat_id in (501, 502):
        await store.readers.register(chat_id, "en")
    assert "Pushing paused" in await said(fake_bot, ADMIN, "/pause")
    await send(fake_bot, ADMIN, "/broadcast Back <b>soon</b>", count=2)
    question = fake_bot.messages(ADMIN)[-1]
    go = next(d for d in buttons(question) if d.startswith("adm:bc:go:"))
    fake_bot.inject_callback(ADMIN, question.message_id, go)

    def progress() -> str:
        message = fake_bot.message(ADMIN, question.message_id)
        return (message.text or "") if message else ""

    await fake_bot.wait_for(lambda _: progress() == "📣 Broadcast 1: sent 0 of 2…", TIMEOUT)
    await bot.restart()
    await said(fake_bot, ADMIN, "/resume")
    await fake_bot.wait_for(lambda _: "finished" in progress(), TIMEOUT)
    assert progress() == "📣 Broadcast 1 finished: 2 delivered, 0 blocked, 0 failed (of 2)."
    assert await marked_done(store_of(bot), 1)


async def test_broadcast_to_300_readers_with_10_blocked(
    fake_bot: FakeBotServer, db_path: str
) -> None:
    settings = make_settings(
        fake_bot.base_url,
        fake_bot.token,
        db_path,
        admin_ids=str(ADMIN),
        global_rate=1000,
        send_concurrency=16,
    )
    fake_bot.set_limits(global_per_sec=1000, private_per_sec=100, private_burst=100)
    readers = list(range(20_001, 20_301))
    fake_bot.add_private_chats(readers)
    blocked = readers[::30]
    assert len(blocked) == 10
    for chat_id in blocked:
        fake_bot.block(chat_id)
    running = await RunningBot(settings).start()
    try:
        store = running.runtime.store
        for chat_id in readers:
            await store.readers.register(chat_id, "en")
        await send(fake_bot, ADMIN, "/broadcast <b>Notice:</b> we have a new app!", count=2)
        question = fake_bot.messages(ADMIN)[-1]
        assert "to 300 active readers" in (question.text or "")
        go = next(d for d in buttons(question) if d.startswith("adm:bc:go:"))
        fake_bot.inject_callback(ADMIN, question.message_id, go)

        def progress() -> str:
            message = fake_bot.message(ADMIN, question.message_id)
            return (message.text or "") if message else ""

        await fake_bot.wait_for(lambda _: "finished" in progress(), 20.0)
        assert progress() == (
            "📣 Broadcast 1 finished: 290 delivered, 10 blocked, 0 failed (of 300)."
        )
        final = fake_bot.message(ADMIN, question.message_id)
        assert final is not None and final.edited >= 2  # progress, then the final count
        assert final.reply_markup is None
        # each edit of the progress changed it: none Telegram refuses as "not modified"
        assert [r.description for r in fake_bot.rejections if r.method == "editMessageText"] == []
        got = [c for c in readers if fake_bot.messages(c)]
        assert len(got) == 290 and not set(got) & set(blocked)
        assert fake_bot.messages(readers[1])[0].text == "Notice: we have a new app!"
        assert (await store.readers.counts()) == {"active": 290, "inactive": 10}
        assert await marked_done(store, 1)
        # a second tap on the button sends nothing again
        before = len(fake_bot.callback_answers)
        fake_bot.inject_callback(ADMIN, question.message_id, go)
        await fake_bot.wait_for(lambda _: len(fake_bot.callback_answers) > before, TIMEOUT)
        assert (
            fake_bot.callback_answers[-1]["text"] == "This broadcast was sent or cancelled already."
        )
        assert sum(len(fake_bot.messages(c)) for c in readers) == 290
    finally:
        await running.stop()


async def test_a_held_channel_post_is_no_channel_failure(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/pause, a story, /hold, /resume: its channel post was withdrawn by an editor, not
    refused by Telegram; nobody is told the channel fails, and status stays ok."""
    store = store_of(bot)
    fake_bot.add_channel(-1001000000007, "Newsroom")
    await store.channels.add(-1001000000007, 0, ["war"])
    assert "Pushing paused" in await said(fake_bot, ADMIN, "/pause")
    story = await add_story(store, "A story an editor holds", topics=["war"])
    for _ in range(50):
        if await store.outbox.all_for_chat(-1001000000007):
            break
        await asyncio.sleep(0.1)
    [row] = await store.outbox.all_for_chat(-1001000000007)
    assert row.state == "pending"
    assert "is held" in await said(fake_bot, ADMIN, f"/hold {story}")
    await said(fake_bot, ADMIN, "/resume")
    [row] = await store.outbox.all_for_chat(-1001000000007)
    assert row.state == "failed"  # withdrawn: never sent
    assert await find_problems(store, now=utcnow(), thresholds=Thresholds()) == []
    report = await health_report(store, now=utcnow(), thresholds=Thresholds())
    assert report.ok, report.lines
    assert fake_bot.messages(-1001000000007) == []

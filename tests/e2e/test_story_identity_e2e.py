"""A feed source's item whose link changes (a corrected slug, http:// become https://) keeps its
GUID: both channels' posts are edited to the new link, never posted a second time."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

CHANNELS = (-1001000000001, -1001000000002)

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Dyn Desk</title><link>https://dyn3.example/</link>
{items}
</channel></rss>"""

ITEM = (
    "<item><title>{title}</title>{guid}<link>{link}</link><description>{lead}</description></item>"
)

STORIES = [  # (title, lead, guid, link before, link after)
    (
        "Bridge reopens after repairs",
        "Traffic moves again across the river.",
        "h2",
        "https://dyn3.example/story-2",
        "https://dyn3.example/story-2-slug-fixed",
    ),
    (
        "Orchestra announces winter season",
        "Twelve concerts are planned.",
        "h3",
        "http://dyn3.example/story-3",
        "https://dyn3.example/story-3",
    ),
    (
        "Chess club wins regional cup",
        "The final went to a tie-break.",
        None,  # no GUID: the URL's http and https forms are one story
        "http://dyn3.example/story-4",
        "https://dyn3.example/story-4",
    ),
]


def feed(after: bool) -> bytes:
    items = "\n".join(
        ITEM.format(
            title=title,
            lead=lead,
            guid="" if guid is None else f"<guid isPermaLink='false'>{guid}</guid>",
            link=new if after else old,
        )
        for title, lead, guid, old, new in STORIES
    )
    return FEED.format(items=items).encode()


class FeedServer:
    def __init__(self) -> None:
        self.body = feed(after=False)
        self.url = ""

    async def handle(self, _: web.Request) -> web.Response:
        return web.Response(body=self.body, content_type="application/rss+xml")


@pytest.fixture
async def feed_server() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    app = web.Application()
    app.router.add_get("/feed.xml", server.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    server.url = f"http://127.0.0.1:{port}/feed.xml"
    try:
        yield server
    finally:
        await runner.cleanup()


async def fetch(bot: RunningBot, source_id: int) -> str:
    ingestor = bot.runtime.ingestor
    source = await bot.runtime.store.sources.get(source_id)
    assert ingestor is not None and source is not None
    report = await ingestor.fetch_source(source)
    assert report.error is None, report.line()
    return report.line()


async def test_a_changed_link_of_the_same_item_edits_both_channels_posts(
    fake_bot: FakeBotServer, db_path: str, feed_server: FeedServer
) -> None:
    for chat_id in CHANNELS:
        fake_bot.add_channel(chat_id, "Newsroom")
    fake_bot.set_limits(group_per_min=600)
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, group_rate_per_minute=600)
    bot = RunningBot(settings)
    await bot.start()
    try:
        store = bot.runtime.store
        for chat_id in CHANNELS:
            await store.channels.add(chat_id)
        source_id = await store.sources.add(feed_server.url, interval=10)
        assert source_id is not None
        await fetch(bot, source_id)
        for chat_id in CHANNELS:
            await fake_bot.wait_for_messages(len(STORIES), chat_id, timeout=10)

        feed_server.body = feed(after=True)
        assert "0 new, 3 updated" in await fetch(bot, source_id)

        def settled(_: object) -> bool:
            posts = [m for chat_id in CHANNELS for m in fake_bot.messages(chat_id)]
            return len(posts) > 2 * len(STORIES) or all(m.edited for m in posts)

        await fake_bot.wait_for(settled, timeout=10)
        assert "0 new, 0 updated, 3 skipped" in await fetch(bot, source_id)
        assert await store.articles.count() == len(STORIES)
    finally:
        await bot.stop()
    for chat_id in CHANNELS:
        posts = fake_bot.messages(chat_id)
        assert len(posts) == len(STORIES)  # one post per story, never a second
        for post, (title, _, _, old, new) in zip(posts, STORIES, strict=True):
            assert post.edited == 1 and title in (post.html or "")
            assert f'href="{new}"' in (post.html or "")
            assert f'href="{old}"' not in (post.html or "")
            assert "Нагадаємо" not in (post.html or "")  # no "Recall:" of itself
    assert fake_bot.stats()["sent"] == 2 * len(STORIES)

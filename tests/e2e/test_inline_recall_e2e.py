"""Inline sharing and "Recall" through the real Application and the strict fake Bot API.

A reader types "@bot words" in another chat: the matching stories come back as ready posts,
newest first, a page at a time; held and embargoed stories never. The results people send
are counted in /stats. A follow-up story's channel post ends with its "Recall" link, unless
RECALL_DAYS=0.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.models import ArticleIn, utcnow
from bot.store.store import Store

ADMIN, READER = 42, 7
CHANNEL = -1001234567890
TIMEOUT = 5.0


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str, request: pytest.FixtureRequest) -> Any:
    days = getattr(request, "param", 7)
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), recall_days=days
    )


async def indexed(store: Store, ids: list[int]) -> None:
    """Wait until the poller has lemmatized these stories (they are searchable)."""
    for _ in range(int(TIMEOUT / 0.05)):
        if len(await store.articles.search_texts(ids)) == len(ids):
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("stories not indexed")


async def answer(fake: FakeBotServer, query: str, offset: str = "") -> dict[str, Any]:
    """READER's inline query in a group; Telegram's record of the bot's answer."""
    before = len(fake.inline_answers)
    fake.inject_inline_query(READER, query, offset, chat_type="supergroup")
    await fake.wait_for(lambda _: len(fake.inline_answers) > before, TIMEOUT)
    return fake.inline_answers[-1]


async def flood_reports(store: Store, now: datetime) -> list[int]:
    """25 stories a query for "flood" finds, a minute apart, the newest (a photo's) last."""
    ids = []
    for n in range(25):
        item = ArticleIn(
            url=f"https://news.example.org/flood/{n}",
            title=f"Flood in Kyiv region, report {n}",
            lead=f"Rescuers work through the night ({n}).",
            published_at=now - timedelta(minutes=100 - n),
            image_url="https://img.example.org/flood.jpg" if n == 24 else None,
        )
        ids.append((await store.articles.upsert(item))[1])
    return ids


async def test_inline_query_offers_ready_posts_paged_never_held_or_embargoed(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    now = utcnow()
    ids = await flood_reports(store, now)
    _, held = await store.articles.upsert(
        ArticleIn(url="https://news.example.org/held", title="Flood held back", published_at=now)
    )
    await store.articles.set_held(held, True)
    _, embargoed = await store.articles.upsert(
        ArticleIn(
            url="https://news.example.org/embargo",
            title="Flood report under embargo",
            published_at=now + timedelta(hours=2),
        )
    )
    _, other = await store.articles.upsert(
        ArticleIn(url="https://news.example.org/budget", title="Budget vote", published_at=now)
    )
    await indexed(store, [*ids, held, embargoed, other])

    first = await answer(fake_bot, "floods")  # a word form: the search is by lemma
    got = [int(r["id"]) for r in first["results"]]
    assert got == list(reversed(ids))[:20]  # newest first, a page of 20
    assert (first["cache_time"], first["is_personal"]) == (30, False)
    assert first["next_offset"].startswith(f"20:{other}:")  # and the first page's bound
    photo = first["results"][0]
    assert photo["type"] == "photo" and photo["photo_url"] == "https://img.example.org/flood.jpg"
    assert photo["caption"].startswith("Flood in Kyiv region, report 24")
    text = first["results"][1]
    assert text["type"] == "article" and "Читати далі" in text["text"]  # the channel's post
    assert any(e["type"] == "bold" for e in text["entities"])

    second = await answer(fake_bot, "floods", first["next_offset"])
    assert [int(r["id"]) for r in second["results"]] == list(reversed(ids))[20:]
    assert second["next_offset"] == ""
    offered = got + [int(r["id"]) for r in second["results"]]
    assert held not in offered and embargoed not in offered and other not in offered

    latest = await answer(fake_bot, "")  # an empty query: the latest stories
    assert [int(r["id"]) for r in latest["results"]][:2] == [other, ids[-1]]
    assert embargoed not in [int(r["id"]) for r in latest["results"]]
    nothing = await answer(fake_bot, "zebra")
    assert nothing["results"] == [] and nothing["next_offset"] == ""

    # two people send a result (inline feedback on): /stats counts them
    fake_bot.inject_chosen_inline_result(READER, str(ids[3]), "floods")
    fake_bot.inject_chosen_inline_result(READER + 1, str(ids[24]), "floods")
    for _ in range(int(TIMEOUT / 0.05)):
        if await store.stats.inline_choices_since(now - timedelta(days=1)) == 2:
            break
        await asyncio.sleep(0.05)
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_message(ADMIN, "/stats", language_code="en")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    assert "Shared inline: 2 today, 2 this week" in (fake_bot.messages(ADMIN)[before].text or "")
    await fake_bot.wait_for(
        lambda _: any(m.kind == "photo" for m in fake_bot.messages(ADMIN)[before:]), TIMEOUT
    )


async def test_inline_pages_follow_the_first_page_as_new_stories_arrive(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Stories stored after an inline query's first page (newer ones, one published between
    its results, one whose embargo ends) stay out of its next pages: no story twice, none
    skipped; a forged offset shows no story whose time has not come."""
    store = bot.runtime.store
    now = utcnow()
    ids = await flood_reports(store, now)
    embargoed, still = [
        (
            await store.articles.upsert(
                ArticleIn(
                    url=f"https://news.example.org/embargo/{n}",
                    title=f"Flood report under embargo {n}",
                    published_at=now + timedelta(hours=2),
                )
            )
        )[1]
        for n in range(2)
    ]
    await indexed(store, [*ids, embargoed, still])
    first = await answer(fake_bot, "floods")
    assert [int(r["id"]) for r in first["results"]] == list(reversed(ids))[:20]

    later = []
    for n, minutes in enumerate([0, 0, 0, 97.5]):  # three newer, one between reports 2 and 3
        item = ArticleIn(
            url=f"https://news.example.org/flood/late/{n}",
            title=f"Flood in Kyiv region, late report {n}",
            published_at=now - timedelta(minutes=minutes),
        )
        later.append((await store.articles.upsert(item))[1])
    await indexed(store, later)
    second = await answer(fake_bot, "floods", first["next_offset"])
    assert [int(r["id"]) for r in second["results"]] == list(reversed(ids))[20:]
    assert second["next_offset"] == ""
    # the reader scrolls on five minutes later, when an embargo has ended: the offset's time
    # (seconds since the epoch, last) is made five minutes earlier and the embargo's end is
    # moved to a minute ago
    page, last, at = first["next_offset"].split(":")
    await store.articles.mark_embargoed([(embargoed, utcnow() - timedelta(minutes=1))])
    second = await answer(fake_bot, "floods", f"{page}:{last}:{int(at) - 300}")
    assert [int(r["id"]) for r in second["results"]] == list(reversed(ids))[20:]
    fresh = await answer(fake_bot, "floods")
    assert [int(r["id"]) for r in fresh["results"]][:3] == later[2::-1]

    forged = await answer(fake_bot, "floods", f"0:{still + 100}:253402214400")  # 9999-12-31
    assert forged["results"] and still not in [int(r["id"]) for r in forged["results"]]


EARLIER = ArticleIn(
    url="https://news.example.org/umerov-eu",
    title="Defense minister Umerov meets EU ministers on air defense for Ukraine",
    lead="Umerov discussed air defense, a security belt and Ukraine's defense industry.",
    tags=["politics"],
)
FOLLOW_UP = ArticleIn(
    url="https://news.example.org/umerov-promise",
    title="Umerov: EU ministers promise air defense systems to Ukraine",
    lead="After the meeting Umerov said the ministers back Ukraine's air defense.",
    tags=["politics"],
)


async def post_follow_up(bot: RunningBot, fake_bot: FakeBotServer) -> str:
    """The earlier story (a day old, not posted) and the follow-up arrive; the follow-up's
    channel post."""
    fake_bot.add_channel(CHANNEL, "Newsroom")
    store = bot.runtime.store
    await store.channels.add(CHANNEL)
    now = utcnow()
    EARLIER.published_at, FOLLOW_UP.published_at = now - timedelta(hours=30), now
    await store.articles.upsert(EARLIER)
    await store.articles.upsert(FOLLOW_UP)
    await fake_bot.wait_for_messages(1, CHANNEL, TIMEOUT)
    await asyncio.sleep(0.3)  # nothing else is posted: the earlier story is too old
    posts = fake_bot.messages(CHANNEL)
    assert len(posts) == 1
    return posts[0].text or ""


async def test_a_follow_up_ends_with_its_recall_link(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    text = await post_follow_up(bot, fake_bot)
    assert text.startswith(FOLLOW_UP.title)
    assert text.endswith(f"Нагадаємо: {EARLIER.title}")
    sent = fake_bot.requests_for("sendMessage", CHANNEL)
    assert f'<a href="{EARLIER.url}">' in sent[-1].params["text"]


@pytest.mark.parametrize("bot_settings", [0], indirect=True)
async def test_recall_days_zero_turns_it_off(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    text = await post_follow_up(bot, fake_bot)
    assert text.startswith(FOLLOW_UP.title) and "Нагадаємо" not in text

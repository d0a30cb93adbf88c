"""bot.delivery.wanted: a reader's waiting instant rows follow what they ask for now."""

from __future__ import annotations

from conftest import ArticleFactory

from bot.delivery.poller import Poller
from bot.delivery.wanted import drop_unwanted
from bot.store.store import Store
from bot.text.search import fts_query

CHAT = 9101


async def waiting(store: Store) -> list[int]:
    return sorted(article_id for _, article_id in await store.outbox.waiting_instant(CHAT))


async def test_a_row_stays_while_a_topic_or_an_alert_still_asks_for_it(
    store: Store, make_article: ArticleFactory
) -> None:
    await store.readers.register(CHAT, "en")
    await store.readers.subscribe(CHAT, ["crime", "sport"])
    query = fts_query("port city")
    assert query is not None
    await store.readers.follow(CHAT, "port city", query)
    _, port = await store.articles.upsert(
        make_article(title="Theft in the port city", tags=["crime"])
    )
    _, theft = await store.articles.upsert(make_article(title="Bank theft", tags=["crime"]))
    _, match = await store.articles.upsert(make_article(title="Cup final", tags=["sport"]))
    await Poller(store, max_age_hours=24).poll_once()
    assert await waiting(store) == sorted([port, theft, match])

    assert await drop_unwanted(store, CHAT) == 0  # everything still asked for
    await store.readers.unsubscribe(CHAT, ["crime"])
    assert await drop_unwanted(store, CHAT) == 1  # the alert still asks for the port story
    assert await waiting(store) == sorted([port, match])
    await store.readers.set_instant(CHAT, False)  # alerts only
    assert await drop_unwanted(store, CHAT) == 1
    assert await waiting(store) == [port]
    await store.readers.unfollow(CHAT, query)
    assert await drop_unwanted(store, CHAT) == 1
    assert await waiting(store) == []

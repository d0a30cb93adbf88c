"""Fetching sources on their schedule: conditional GET, errors kept, backoff, isolation."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from bot.ingest.service import Ingestor
from bot.models import utcnow
from bot.store.store import Store

FEED = (Path(__file__).parents[1] / "fixtures" / "feeds" / "rss20_cdata.xml").read_bytes()


def transport(log: list[httpx.Request]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        log.append(request)
        if request.url.path == "/good.xml":
            if request.headers.get("If-None-Match") == '"v1"':
                return httpx.Response(304)
            return httpx.Response(200, content=FEED, headers={"ETag": '"v1"'})
        if request.url.path == "/broken.xml":
            return httpx.Response(200, content=b"<rss><channel><item><title>x</ti")
        return httpx.Response(503)

    return httpx.MockTransport(handler)


async def test_sources_fetch_independently_with_conditional_get(store: Store) -> None:
    requests: list[httpx.Request] = []
    good = await store.sources.add("http://feeds.test/good.xml", topics=["world"], interval=60)
    down = await store.sources.add("http://feeds.test/down.xml", interval=60)
    broken = await store.sources.add("http://feeds.test/broken.xml", interval=60)
    assert good and down and broken
    async with httpx.AsyncClient(transport=transport(requests)) as client:
        ingestor = Ingestor(store, client)
        reports = {r.source: r for r in await ingestor.fetch_due()}
        assert reports["http://feeds.test/good.xml"].result.new > 0
        assert reports["http://feeds.test/down.xml"].error == "HTTP 503 Service Unavailable"
        assert reports["http://feeds.test/broken.xml"].error is not None
        assert "\n" not in (reports["http://feeds.test/broken.xml"].error or "")
        # nothing is due again before its interval
        assert await ingestor.fetch_due() == []
        source = await store.sources.get(good)
        assert source is not None and source.etag == '"v1"' and source.last_error is None
        # the next fetch is conditional and a 304 changes nothing
        report = await ingestor.fetch_source(source)
        assert report.not_modified and requests[-1].headers["If-None-Match"] == '"v1"'
    failing = await store.sources.get(down)
    assert failing is not None and failing.error_count == 1
    assert failing.last_error == "HTTP 503 Service Unavailable"
    assert failing.next_fetch_at is not None
    assert failing.next_fetch_at - utcnow() > timedelta(seconds=100)  # backed off beyond 60 s
    stored = await store.articles.latest(50)
    assert stored and all("world" in a.topics for a in stored)  # the source's topics


async def test_a_utf8_feed_served_as_windows_1251_is_stored_as_written(store: Store) -> None:
    """A correct UTF-8 feed served with `Content-Type: ...; charset=windows-1251` was stored
    (and posted) as "Р’С–Р№РЅР°: СЂР°РєРµС‚РЅРёР№..."."""
    cp1251 = (Path(__file__).parents[1] / "fixtures" / "feeds" / "rss_cp1251.xml").read_bytes()
    utf8 = cp1251.decode("cp1251").encode().replace(b"windows-1251", b"utf-8")

    def handler(request: httpx.Request) -> httpx.Response:
        headers = {"Content-Type": "application/rss+xml; charset=windows-1251"}
        return httpx.Response(200, content=utf8, headers=headers)

    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        report = await Ingestor(store, client).ingest_target("https://lviv.example.ua/rss")
    assert report.error is None and report.result.new == 1
    [story] = await store.articles.latest(5)
    assert story.title == "Війна: ракетний удар по Львову — є загиблі"


async def test_why_items_were_left_out_is_logged_once_per_reason(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """The running bot used to log "1 bad items" alone: an editor could not tell which item
    or why. Each reason is logged, once while the feed keeps it, and a new one again."""
    bad = "<item><title>No link here</title></item>"
    good = "<item><title>Fine</title><link>https://news.test/1</link></item>"
    body = {"items": bad + good}

    def handler(request: httpx.Request) -> httpx.Response:
        feed = f'<rss version="2.0"><channel><title>T</title>{body["items"]}</channel></rss>'
        return httpx.Response(200, content=feed.encode())

    source_id = await store.sources.add("http://feeds.test/mixed.xml", interval=60)
    assert source_id
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        ingestor = Ingestor(store, client)

        async def fetch() -> list[str]:
            caplog.clear()
            source = await store.sources.get(source_id)
            assert source is not None
            with caplog.at_level(logging.WARNING, logger="bot.ingest.service"):
                await ingestor.fetch_source(source)
            return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]

        assert await fetch() == [
            "source http://feeds.test/mixed.xml: left out item 1 ('No link here'): no link"
        ]
        assert await fetch() == []  # the same item again: said already
        body["items"] += "<item><title>Ad</title><link>http://ads.news.test/c?1</link></item>"
        assert await fetch() == [
            "source http://feeds.test/mixed.xml: left out item 3 ('Ad'): an advertisement"
            " (its link goes to ads.news.test)"
        ]
        body["items"] += (
            "<item><title>Odd date</title><link>https://news.test/2</link>"
            "<pubDate>when the cows come home</pubDate></item>"
        )
        assert await fetch() == [
            "source http://feeds.test/mixed.xml: item 4: date 'when the cows come home' not"
            " understood; taken as now"
        ]


async def test_a_source_added_for_its_own_first_fetch_is_not_fetched_beside_it(
    store: Store,
) -> None:
    """/addsource fetches the new source at once; the scheduler's round, due for a source
    never fetched, fetched it a second time meanwhile (a slow feed: two GETs, and the reply
    counted half the stories as "already stored")."""
    requests: list[httpx.Request] = []
    async with httpx.AsyncClient(transport=transport(requests)) as client:
        ingestor = Ingestor(store, client)
        source_id = await store.sources.add(
            "http://feeds.test/good.xml", interval=60, claim=ingestor.claim()
        )
        assert source_id is not None
        assert await ingestor.fetch_due() == []  # claimed: the round leaves it alone
        source = await store.sources.get(source_id)
        assert source is not None
        report = await ingestor.fetch_source(source)
        assert report.result.new > 0 and report.result.skipped == 0
        assert len(requests) == 1
        fetched = await store.sources.get(source_id)
        assert fetched is not None and fetched.next_fetch_at is not None  # and then scheduled

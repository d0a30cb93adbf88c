"""Fetching over HTTP with httpx.MockTransport (no network)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from bot.ingest.fetch import USER_AGENT, FetchError, fetch, next_fetch_delay

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
URL = "https://feeds.example.com/rss"

Handler = Callable[[httpx.Request], httpx.Response]


def client_for(handler: Callable[..., object]) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


async def test_ok_sends_user_agent_and_returns_validators() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        headers = {
            "ETag": '"v1"',
            "Last-Modified": "Tue, 24 Nov 2026 10:00:00 GMT",
            "Content-Type": "application/rss+xml; charset=utf-8",
        }
        return httpx.Response(200, content=FEED, headers=headers)

    async with client_for(handler) as client:
        result = await fetch(client, URL)
    assert result.status == "ok"
    assert result.data == FEED
    assert result.etag == '"v1"'
    assert result.last_modified == "Tue, 24 Nov 2026 10:00:00 GMT"
    assert result.content_type == "application/rss+xml; charset=utf-8"
    assert result.url == URL
    assert (
        seen[0].headers["User-Agent"] == USER_AGENT == "newsbot/0.1 (+https://github.com/newsbot)"
    )
    assert "If-None-Match" not in seen[0].headers
    assert "If-Modified-Since" not in seen[0].headers


async def test_conditional_get_304() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            assert request.headers["If-Modified-Since"] == "Tue, 24 Nov 2026 10:00:00 GMT"
            return httpx.Response(304)
        return httpx.Response(200, content=FEED, headers={"ETag": '"v1"'})

    async with client_for(handler) as client:
        result = await fetch(
            client, URL, etag='"v1"', last_modified="Tue, 24 Nov 2026 10:00:00 GMT"
        )
    assert result.status == "not_modified"
    assert result.data == b""
    assert result.etag == '"v1"'  # kept when the 304 does not repeat it
    assert result.last_modified == "Tue, 24 Nov 2026 10:00:00 GMT"


async def test_redirects_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "https://feeds.example.com/new"})
        return httpx.Response(200, content=FEED)

    async with client_for(handler) as client:
        result = await fetch(client, "https://feeds.example.com/old")
    assert result.url == "https://feeds.example.com/new"
    assert result.data == FEED


@pytest.mark.parametrize(
    ("status", "message"),
    [(503, "HTTP 503 Service Unavailable"), (404, "HTTP 404 Not Found"), (410, "HTTP 410 Gone")],
)
async def test_http_errors(status: int, message: str) -> None:
    async with client_for(lambda request: httpx.Response(status)) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, URL)
    assert str(caught.value) == message


async def test_size_cap_with_content_length() -> None:
    async with client_for(lambda request: httpx.Response(200, content=b"x" * 2000)) as client:
        with pytest.raises(FetchError, match="response too large: 2000 bytes"):
            await fetch(client, URL, max_bytes=1000)


@pytest.mark.parametrize("declared", ["9" * 5000, "²"])
async def test_an_absurd_content_length_is_a_clear_error_or_ignored(declared: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raw = declared.encode("latin-1")  # a header as bytes: "²" is no ASCII
        return httpx.Response(200, content=FEED, headers=[(b"Content-Length", raw)])

    async with client_for(handler) as client:
        if declared.isascii():
            with pytest.raises(FetchError, match="response too large"):
                await fetch(client, URL, max_bytes=1000)
        else:  # not a number: the streaming cap still applies, the body is read
            result = await fetch(client, URL, max_bytes=1000)
            assert result.data == FEED


async def test_size_cap_while_streaming() -> None:
    sent: list[int] = []

    async def body() -> AsyncIterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b"y" * 100

    async with client_for(lambda request: httpx.Response(200, content=body())) as client:
        with pytest.raises(FetchError, match="response too large: over 1000 bytes"):
            await fetch(client, URL, max_bytes=1000)
    assert len(sent) < 20  # aborted early, not read to the end


async def test_body_at_the_limit_is_fine() -> None:
    async with client_for(lambda request: httpx.Response(200, content=b"z" * 1000)) as client:
        result = await fetch(client, URL, max_bytes=1000)
    assert len(result.data) == 1000


async def test_transport_timeout() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("read timed out", request=request)

    async with client_for(handler) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, URL)
    assert str(caught.value) == "timed out after 20s"


async def test_overall_deadline() -> None:
    async def handler(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(5)
        return httpx.Response(200, content=FEED)

    async with client_for(handler) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, URL, timeout=0.05)
    assert str(caught.value) == "timed out after 0.05s"


async def test_connection_error_is_one_line() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno -2] Name or service\nnot known", request=request)

    async with client_for(handler) as client:
        with pytest.raises(FetchError) as caught:
            await fetch(client, URL)
    assert str(caught.value) == "connection failed: [Errno -2] Name or service not known"


async def test_invalid_url() -> None:
    async with client_for(lambda request: httpx.Response(200)) as client:
        with pytest.raises(FetchError, match="invalid URL"):
            await fetch(client, "ftp://feeds.example.com/x")


def test_next_fetch_delay() -> None:
    assert next_fetch_delay(300, 0) == 300
    assert next_fetch_delay(300, 1) == 600
    assert next_fetch_delay(300, 3) == 2400
    assert next_fetch_delay(300, 10) == 6 * 3600
    assert next_fetch_delay(300, 10_000) == 6 * 3600
    assert next_fetch_delay(12 * 3600, 2) == 12 * 3600  # never shorter than the interval

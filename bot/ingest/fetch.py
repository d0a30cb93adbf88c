"""Fetching feeds over HTTP: conditional GET, a size cap, one-line errors, backoff."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

import httpx

from bot.ingest.canonical import is_http_url
from bot.ingest.text import fold

__all__ = [
    "ACCEPT",
    "MAX_BACKOFF",
    "USER_AGENT",
    "FetchError",
    "FetchResult",
    "fetch",
    "next_fetch_delay",
]

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5"
)
MAX_BACKOFF = 6 * 60 * 60  # seconds


@dataclass(slots=True)
class FetchResult:
    status: Literal["ok", "not_modified"]
    data: bytes  # empty when not modified
    etag: str | None
    last_modified: str | None
    content_type: str | None
    url: str  # after redirects


class FetchError(Exception):
    """A fetch that failed; the message is one human-readable line."""

    def __init__(self, message: str) -> None:
        super().__init__(fold(message)[:300] or "fetch failed")


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _describe(exc: httpx.HTTPError) -> str:
    text = fold(str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


async def fetch(
    client: httpx.AsyncClient,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = 20.0,
    max_bytes: int = 10 * 1024 * 1024,
) -> FetchResult:
    """GET `url`, conditionally when `etag` or `last_modified` is known.

    Follows redirects; the whole exchange is limited to `timeout` seconds and the body to
    `max_bytes` (after decompression). Raises FetchError for timeouts, connection errors,
    HTTP 4xx/5xx and oversized bodies.
    """
    if not is_http_url(url):
        raise FetchError(f"invalid URL {url!r}: only http(s) URLs can be fetched")
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        async with asyncio.timeout(timeout):
            request = client.build_request(
                "GET", url, headers=headers, timeout=httpx.Timeout(timeout)
            )
            response = await client.send(request, stream=True, follow_redirects=True)
            try:
                return await _read(response, etag, last_modified, max_bytes)
            finally:
                await response.aclose()
    except TimeoutError:
        raise FetchError(f"timed out after {_seconds(timeout)}") from None
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {_seconds(timeout)}") from None
    except httpx.TooManyRedirects:
        raise FetchError("too many redirects") from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise FetchError(f"invalid URL {url!r}: {fold(str(exc))}") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"connection failed: {fold(str(exc)) or 'no details'}") from None
    except httpx.HTTPError as exc:
        raise FetchError(_describe(exc)) from None


async def _read(
    response: httpx.Response, etag: str | None, last_modified: str | None, max_bytes: int
) -> FetchResult:
    final_url = str(response.url)
    new_etag = response.headers.get("ETag")
    new_modified = response.headers.get("Last-Modified")
    content_type = response.headers.get("Content-Type")
    if response.status_code == 304:
        return FetchResult(
            status="not_modified",
            data=b"",
            etag=new_etag or etag,
            last_modified=new_modified or last_modified,
            content_type=content_type,
            url=final_url,
        )
    if response.status_code >= 300:
        reason = response.reason_phrase or ""
        raise FetchError(f"HTTP {response.status_code} {reason}".strip())
    declared = response.headers.get("Content-Length", "")
    # ASCII digits only ("²".isdigit() is true too) and no more than 18 of them (int() of
    # thousands of digits raises): a larger number is too large anyway.
    if (
        declared.isascii()
        and declared.isdigit()
        and (len(declared) > 18 or int(declared) > max_bytes)
    ):
        raise FetchError(f"response too large: {declared} bytes (limit {max_bytes})")
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"response too large: over {max_bytes} bytes")
        chunks.append(chunk)
    return FetchResult(
        status="ok",
        data=b"".join(chunks),
        etag=new_etag,
        last_modified=new_modified,
        content_type=content_type,
        url=final_url,
    )


def next_fetch_delay(interval: int, error_count: int) -> float:
    """Seconds until the next fetch of a source: its interval, doubled per consecutive error
    up to 6 hours (never shorter than the interval itself)."""
    if error_count <= 0:
        return float(interval)
    backoff = interval * 2 ** min(error_count, 32)
    return float(max(interval, min(backoff, MAX_BACKOFF)))

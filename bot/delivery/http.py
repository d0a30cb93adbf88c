"""An aiohttp transport for python-telegram-bot.

python-telegram-bot's default transport is httpx. On this project's hardware httpx spends
1.7-5 ms of CPU per request once many requests are in flight (its connection pool does work
per request that grows with the pool); aiohttp spends about 0.2 ms. At Telegram's standard 30
messages a second either is fine; for paid broadcasts (1,000 a second) httpx alone would need
more than the two cores the bot has. `BaseRequest` is python-telegram-bot's documented
extension point for this.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_FORM = {"Content-Type": "application/x-www-form-urlencoded"}
_BOT_PATH = re.compile(r"/bot[^/\s]+")


# Called as this task's next request is written to the socket (see `on_wire`).
_ON_WIRE: ContextVar[Callable[[], None] | None] = ContextVar("newsbot_on_wire", default=None)


@contextlib.contextmanager
def on_wire(callback: Callable[[], None]) -> Iterator[None]:
    """Within the block, the next request this task makes calls `callback` at the moment its
    bytes are handed to the socket (the rate limiter counts a send there, not earlier), or
    else when the block ends: a request that failed on its way may still have gone out.

    (aiohttp on Python 3.11 writes a request's headers and body from a task of its own, one
    pass of the event loop after the request was made: a busy loop delays that write.)
    """
    called = False

    def once() -> None:
        nonlocal called
        if not called:
            called = True
            callback()

    token = _ON_WIRE.set(once)
    try:
        yield
    finally:
        _ON_WIRE.reset(token)
        once()


async def _chunk_sent(
    _session: aiohttp.ClientSession, context: SimpleNamespace, _params: object
) -> None:
    callback = context.trace_request_ctx
    if callback is not None:
        callback()


class Unanswered(TimedOut):
    """The request was written to the socket, but no answer came in time: Telegram may have
    carried it out (a message sent) or not; nobody can tell."""


def _redact(text: str) -> str:
    """Errors may quote the URL, which holds the token: cut it out."""
    return _BOT_PATH.sub("/bot[token]", text)


def _method(url: str) -> str:
    """The Bot API method of a request's URL (its last path segment)."""
    return url.rstrip("/").rsplit("/", 1)[-1]


class AiohttpRequest(BaseRequest):
    """python-telegram-bot requests over one aiohttp session (keep-alive connection pool)."""

    def __init__(
        self,
        *,
        connection_limit: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._limit = connection_limit
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            trace = aiohttp.TraceConfig()
            trace.on_request_chunk_sent.append(_chunk_sent)
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._limit, enable_cleanup_closed=True),
                headers={"User-Agent": self.USER_AGENT},
                trace_configs=[trace],
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, value: Any, default: float | None) -> float | None:
        return default if isinstance(value, type(BaseRequest.DEFAULT_NONE)) else value

    @staticmethod
    def _body(fields: Any, files: Any) -> tuple[Any, Any]:
        """The request body and its headers: a form, or multipart when there are files."""
        if fields and not files:
            # Encoded here: aiohttp's own form handling builds a multipart writer (and a UUID)
            # for every request, which costs more than the rest of the request.
            return urlencode(fields).encode(), _FORM
        if not files:
            return None, None
        form = aiohttp.FormData()
        for name, value in (fields or {}).items():
            form.add_field(name, value)
        for name, part in files.items():
            filename, content, *mime = part
            form.add_field(name, content, filename=filename, content_type=mime[0] if mime else None)
        return form, None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            await self.initialize()
        assert self._session is not None
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        read = self._timeout(read_timeout, self._read_timeout)
        connect = self._timeout(connect_timeout, self._connect_timeout)
        write_default = self._media_write_timeout if files else self._write_timeout
        write = self._timeout(write_timeout, write_default)
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=connect,
            sock_read=read if read is None else read + (write or 0),
        )
        body, headers = self._body(fields, files)
        wired = _ON_WIRE.get()
        if wired is not None:
            _ON_WIRE.set(None)  # for this request only
        written = False

        def sent() -> None:
            nonlocal written
            written = True
            if wired is not None:
                wired()

        try:
            async with self._session.request(
                method, url, data=body, headers=headers, timeout=timeout, trace_request_ctx=sent
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            if written:  # it reached Telegram, which may have done it: not a plain time-out
                raise Unanswered(f"no answer from Telegram in time to {_method(url)}") from err
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(_redact(f"aiohttp.{type(err).__name__}: {err}")) from err

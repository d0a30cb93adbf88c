"""A strict, local fake of the Telegram Bot API for tests and benchmarks.

In-process::

    server = FakeBotServer(token="123456:TEST-TOKEN")
    await server.start()          # random free port on 127.0.0.1
    bot = telegram.Bot(server.token, base_url=server.bot_base_url)
    ...
    await server.stop()

Standalone: ``PYTHONPATH=tests python -m fakebot --port 8081 --token 123:ABC``.
"""

from fakebot.html import ParsedText, ParseError, parse_html
from fakebot.server import (
    ApiError,
    Chat,
    FakeBotServer,
    Limits,
    RequestRecord,
    SentMessage,
)

__all__ = [
    "ApiError",
    "Chat",
    "FakeBotServer",
    "Limits",
    "ParseError",
    "ParsedText",
    "RequestRecord",
    "SentMessage",
    "parse_html",
]

"""A strict, local fake of the Telegram Bot API for tests and benchmarks.

In-process::

    server = FakeBotServer(token="123456:TEST-TOKEN")
    await server.start()          # random free port on 127.0.0.1
    bot = telegram.Bot(server.token, base_url=server.bot_base_url)
    ...
    await server.stop()

Standalone: ``PYTHONPATH=tests python -m fakebot --port 8081 --token 123:ABC``.

Layout:

- ``server.py``: ``FakeBotServer``'s core: state, lifecycle, the HTTP entry point and request
  log, the Python inspection API and the ``/_fake/...`` control API, the chat registry, fault
  injection, the flood limits (``Limits``, ``_Window``, ``set_limits``, ``_rate_check``), the
  shared text checks (``_parse``, ``_text``, ``_caption``) and ``_register_methods``, the one
  table binding each Bot API method name to its implementation.
- ``methods/``: the Bot API methods, one mixin class per method group (``chats``, ``markup``,
  ``messages``, ``media``, ``files``, ``edits``, ``callbacks``, ``commands``, ``updates``).
  ``FakeBotServer`` inherits them all; their methods annotate ``self: Server``, the protocol
  in ``methods/base.py`` naming what of the server they use, so mypy checks them. A new
  method goes into its group's mixin and gets one line in ``_register_methods``.
- ``model.py``: the values: ``Params``, ``Chat``, ``SentMessage``, ``RequestRecord``,
  ``ApiError`` and the error helpers.
- ``html.py``: TDLib's HTML parser (entities, UTF-16 offsets); ``fixtures.py``: the
  ``fake_bot`` pytest fixture; ``__main__.py``: the standalone server.
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

"""The self-type of the method mixins: what a method group may use of the server.

The mixins of :mod:`fakebot.methods` annotate ``self: Server``; ``FakeBotServer`` (which
inherits them) satisfies this protocol, and a type checker verifies it wherever a mixin's
method is called on the server. A method that needs more of the server adds it here.
"""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol

from fakebot.html import ParsedText
from fakebot.model import JSON, Chat, Params, SentMessage

if TYPE_CHECKING:
    from fakebot.methods.webhook import Push, WebhookState


class Server(Protocol):
    """The state and helpers of :class:`fakebot.server.FakeBotServer` the mixins use."""

    token: str
    bot_user: JSON
    counters: Counter[str]
    callback_answers: list[JSON]
    my_commands: dict[tuple[str, str], list[JSON]]
    bad_urls: set[str]
    _chats: dict[int, Chat]
    _usernames: dict[str, int]
    _seq: int
    _all: list[SentMessage]
    _files: dict[str, JSON]
    _file_data: dict[str, bytes]
    sent_files: dict[str, bytes]
    _file_counter: int
    _media_group_counter: int
    _updates: deque[JSON]
    _next_update_id: int
    _poll_generation: int
    _callbacks: dict[str, JSON]
    _callback_counter: int
    inline_answers: list[JSON]
    inline_query_lifetime: float
    _inline_queries: dict[str, JSON]
    _inline_counter: int
    _closing: bool
    _webhook: WebhookState | None
    _forwards: dict[tuple[str, int], str]
    _pusher: asyncio.Task[None] | None
    webhook_retry: float
    pushes: list[Push]

    def _caption(self, raw: str | None, p: Params) -> ParsedText: ...

    def _parse(self, text: str, p: Params, entities_param: str) -> ParsedText: ...

    def _change_event(self) -> asyncio.Event: ...

    def _check_remote(self, raw: Any, what: str) -> str: ...

    def _document(self, p: Params, field_name: str = "document") -> tuple[JSON, str]: ...

    def _editable(self, p: Params) -> tuple[Chat, SentMessage] | None: ...

    def _edited(self, chat: Chat, msg: SentMessage) -> JSON: ...

    def _markup(self, p: Params) -> JSON | None: ...

    def _member(self, chat: Chat, user_id: int) -> JSON: ...

    def _message_api(self, msg: SentMessage, chat: Chat) -> JSON: ...

    def _message_api_by_id(self, chat: Chat, mid: int, nested: bool = False) -> JSON | None: ...

    def _new_file_id(self, kind: str) -> tuple[str, str]: ...

    def _photo_sizes(self, p: Params, field_name: str = "photo") -> tuple[list[JSON], str]: ...

    def _send_captioned(
        self, p: Params, kind: str, method: str, media: Callable[[], dict[str, Any]]
    ) -> JSON: ...

    def _rate_check(self, chat: Chat, p: Params, *, commit: bool = True) -> None: ...

    def _reply_to(self, chat: Chat, p: Params) -> int | None: ...

    def _resolve_chat(self, p: Params, *, sending: bool = True) -> Chat: ...

    def _store(self, chat: Chat, kind: str, p: Params, method: str, **kw: Any) -> SentMessage: ...

    def _text(self, p: Params) -> tuple[str, ParsedText]: ...

    def _thread(self, chat: Chat, p: Params) -> int | None: ...

    def _wake(self) -> None: ...

    def _check_no_webhook(self) -> None: ...

    def _drop_webhook(self, drop_pending: bool) -> None: ...

    def _next_pushable(self, hook: WebhookState) -> JSON | None: ...

    async def _push(self, session: Any, hook: WebhookState, update: JSON) -> bool: ...

    async def _push_loop(self) -> None: ...

    def add_group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        supergroup: bool = False,
        is_forum: bool = False,
        bot_is_admin: bool = False,
        admins: Iterable[int] = (),
    ) -> Chat: ...

    def add_private_chat(
        self,
        chat_id: int,
        first_name: str = "User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> Chat: ...

    @property
    def bot_id(self) -> int: ...

    def inject_update(self, update: JSON) -> JSON: ...

"""The fake Bot API server: an aiohttp application plus a Python inspection/control API.

Everything runs on one event loop; the inspection API (``messages()``, ``inject_message()``,
``block()`` ...) must be called from that loop's thread (in tests: the test itself).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from aiohttp import web

from fakebot.html import PARSE_MODES, ParsedText, ParseError, detect_entities, parse, strip_text

__all__ = ["ApiError", "Chat", "FakeBotServer", "Limits", "RequestRecord", "SentMessage"]

JSON = dict[str, Any]

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)
_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# methods whose successful calls count toward the flood limits
_LIMITED = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "editmessagetext",
        "editmessagecaption",
    }
)


class ApiError(Exception):
    """An error answer of the Bot API."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        out: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def bad_request(reason: str, parameters: JSON | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {reason}", parameters)


def too_many(retry_after: int) -> ApiError:
    retry_after = max(1, int(retry_after))
    return ApiError(
        429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
    )


# --------------------------------------------------------------------------- data classes


@dataclass
class SentMessage:
    """Current state of a message the bot sent (edits applied)."""

    chat_id: int
    message_id: int
    kind: str  # "text" | "photo" | "document"
    date: int
    seq: int  # global send order
    thread_id: int | None = None
    text: str | None = None  # parsed plain text (text messages)
    html: str | None = None  # text as sent, before parsing
    entities: list[JSON] = field(default_factory=list)
    caption: str | None = None  # parsed plain caption (media messages)
    caption_html: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    parse_mode: str | None = None
    photo: list[JSON] | None = None  # PhotoSize dicts
    photo_source: str | None = None  # URL, file_id, or "upload:<filename>"
    document: JSON | None = None
    media_group_id: str | None = None
    reply_markup: JSON | None = None
    disable_notification: bool = False
    protect_content: bool = False
    link_preview_options: JSON | None = None
    reply_to_message_id: int | None = None
    edited: int = 0
    edit_date: int | None = None
    deleted: bool = False
    method: str = ""

    @property
    def content(self) -> str:
        """Text or caption, whichever the message has."""
        return self.text if self.text is not None else (self.caption or "")

    def to_dict(self) -> JSON:
        return asdict(self)


@dataclass
class RequestRecord:
    method: str
    params: JSON
    status: int
    time: float  # time.time() when the request arrived
    description: str | None = None
    duration: float = 0.0
    files: list[str] = field(default_factory=list)
    client_gone: bool = False  # the client had closed the connection before the answer

    def to_dict(self) -> JSON:
        return asdict(self)


@dataclass
class Chat:
    id: int
    type: str  # private | group | supergroup | channel
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_forum: bool = False
    bot_is_admin: bool = False
    bot_is_member: bool = True
    blocked: bool = False
    deactivated: bool = False
    migrated_to: int | None = None
    topics: dict[int, str] = field(default_factory=dict)
    admins: set[int] = field(default_factory=set)
    next_message_id: int = 1
    messages: dict[int, SentMessage] = field(default_factory=dict)
    incoming: dict[int, JSON] = field(default_factory=dict)

    def take_message_id(self) -> int:
        mid = self.next_message_id
        self.next_message_id += 1
        return mid

    def api(self) -> JSON:
        out: JSON = {"id": self.id, "type": self.type}
        if self.type == "private":
            out["first_name"] = self.first_name or "User"
            if self.last_name:
                out["last_name"] = self.last_name
        else:
            out["title"] = self.title or str(self.id)
        if self.username:
            out["username"] = self.username
        if self.is_forum:
            out["is_forum"] = True
        return out


@dataclass
class Limits:
    enabled: bool = True
    global_per_sec: float = 30
    paid_per_sec: float = 1000
    private_per_sec: float = 1.0
    private_burst: int = 3
    group_per_min: float = 20


@dataclass
class _Fault:
    kind: str  # "fail" | "hang"
    remaining: int
    status: int = 500
    retry_after: int | None = None
    description: str | None = None
    seconds: float = 0.0
    before: bool = True
    methods: frozenset[str] | None = None

    def applies(self, method: str) -> bool:
        if self.methods is None:
            return method != "getupdates"
        return method in self.methods


class Params:
    """Request parameters from query string, JSON body, form or multipart, typed on demand."""

    __slots__ = ("files", "values")

    def __init__(self, values: JSON, files: dict[str, tuple[str, str, bytes]]) -> None:
        self.values = values
        self.files = files

    def has(self, name: str) -> bool:
        return self.values.get(name) is not None

    def get_str(self, name: str) -> str | None:
        v = self.values.get(name)
        if v is None or isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return str(v)
        return json.dumps(v)

    def get_int(self, name: str) -> int | None:
        v = self.values.get(name)
        if v is None or v == "":
            return None
        if isinstance(v, bool):
            raise bad_request(f"invalid {name} specified")
        if isinstance(v, int):
            return v
        try:
            return int(str(v).strip())
        except ValueError:
            raise bad_request(f"invalid {name} specified") from None

    def get_bool(self, name: str) -> bool:
        v = self.values.get(name)
        if v is None:
            return False
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return v != 0
        return str(v).strip().lower() in ("true", "1")

    def get_json(self, name: str) -> Any:
        v = self.values.get(name)
        if isinstance(v, str):
            if not v:
                return None
            try:
                return json.loads(v)
            except ValueError:
                raise bad_request(f"can't parse {name} JSON object") from None
        return v


class _Window:
    """Sliding-window counter of event timestamps: a strict window, as Telegram's global limit
    is modelled here. With ``span=1`` and ``limit=30``, a message is refused (429) when 30 were
    accepted in the second before its arrival, in any second, not in clock-aligned ones: sends
    that leave evenly paced but arrive bunched are caught."""

    __slots__ = ("events", "span")

    def __init__(self, span: float) -> None:
        self.span = span
        self.events: deque[float] = deque()

    def retry_after(self, now: float, limit: float) -> float:
        """0 when one more event fits under ``limit``, else seconds until it does."""
        ev = self.events
        cutoff = now - self.span
        while ev and ev[0] <= cutoff:
            ev.popleft()
        lim = max(int(limit), 1)
        if len(ev) < lim:
            return 0.0
        return ev[len(ev) - lim] + self.span - now

    def add(self, now: float) -> None:
        self.events.append(now)


# --------------------------------------------------------------------------- the server


class FakeBotServer:
    """A strict fake Telegram Bot API server. See the package docstring."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_username: str = "newsbot_test_bot",
        bot_first_name: str = "NewsBot",
        limits: bool = True,
        detect_auto_entities: bool = True,
        log_size: int = 100_000,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.detect_auto_entities = detect_auto_entities
        try:
            bot_id = int(token.split(":", 1)[0])
        except ValueError:
            bot_id = 123456
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.limits = Limits(enabled=limits)
        self.requests: deque[RequestRecord] = deque(maxlen=log_size)
        self.rejections: deque[RequestRecord] = deque(maxlen=log_size)
        self.counters: Counter[str] = Counter()
        self.callback_answers: list[JSON] = []
        self.my_commands: dict[tuple[str, str], list[JSON]] = {}
        self.bad_urls: set[str] = set()  # photo/document URLs Telegram "fails to fetch"
        self._chats: dict[int, Chat] = {}
        self._usernames: dict[str, int] = {}
        self._seq = 0
        self._all: list[SentMessage] = []
        self._files: dict[str, JSON] = {}
        self._file_data: dict[str, bytes] = {}  # file_path -> bytes users uploaded (getFile)
        self._file_counter = 0
        self._media_group_counter = 0
        self._faults: list[_Fault] = []
        self._updates: deque[JSON] = deque()
        self._next_update_id = 100_000
        self._poll_generation = 0
        self._callbacks: dict[str, JSON] = {}
        self._callback_counter = 0
        self._global = _Window(1.0)
        self._private: dict[int, tuple[float, float]] = {}  # chat -> (tokens, last time)
        self._groups: dict[int, _Window] = {}
        self._event: asyncio.Event | None = None
        self._closing = False
        self._closed: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self._handlers: dict[str, Callable[[Params], Any]] = {}
        self._async_handlers: dict[str, Callable[[Params], Awaitable[Any]]] = {}
        self._register_methods()
        self.app = self._make_app()

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``: what TELEGRAM_API_URL should be set to."""
        return f"http://{self.host}:{self.port}"

    @property
    def bot_base_url(self) -> str:
        """``http://127.0.0.1:PORT/bot``: ``telegram.Bot(token, base_url=...)``."""
        return f"{self.base_url}/bot"

    @property
    def bot_id(self) -> int:
        return int(self.bot_user["id"])

    async def start(self) -> None:
        self._closing = False
        self._closed = asyncio.Event()
        self._event = asyncio.Event()
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port, backlog=1024, reuse_address=True)
        await site.start()
        self._runner = runner
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        self._closing = True
        if self._closed is not None:
            self._closed.set()
        self._wake()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def _make_app(self) -> web.Application:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        ctl = self._control
        app.router.add_get("/_fake/messages", ctl.messages)
        app.router.add_get("/_fake/stats", ctl.stats)
        app.router.add_get("/_fake/requests", ctl.requests)
        app.router.add_get("/_fake/rejections", ctl.rejections)
        app.router.add_get("/_fake/commands", ctl.commands)
        app.router.add_post("/_fake/update", ctl.update)
        app.router.add_post("/_fake/chats", ctl.chats)
        app.router.add_post("/_fake/limits", ctl.limits)
        app.router.add_post("/_fake/reset", ctl.reset)
        app.router.add_post("/_fake/fail", ctl.fail)
        app.router.add_post("/_fake/hang", ctl.hang)
        app.router.add_post("/_fake/block", ctl.block)
        app.router.add_post("/_fake/deactivate", ctl.deactivate)
        app.router.add_post("/_fake/migrate", ctl.migrate)
        return app

    @property
    def _control(self) -> _Control:
        return _Control(self)

    # ------------------------------------------------------------------ chat registry

    def add_private_chat(
        self,
        chat_id: int,
        first_name: str = "User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> Chat:
        if chat_id <= 0:
            raise ValueError("private chat ids are positive")
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = Chat(chat_id, "private")
            self._chats[chat_id] = chat
        chat.first_name = first_name
        chat.last_name = last_name
        chat.language_code = language_code
        self._set_username(chat, username)
        return chat

    def add_private_chats(self, chat_ids: Iterable[int]) -> None:
        for cid in chat_ids:
            if cid not in self._chats:
                self._chats[cid] = Chat(cid, "private", first_name=f"User{cid}")

    def add_channel(
        self,
        chat_id: int,
        title: str = "Channel",
        bot_is_admin: bool = True,
        is_forum: bool = False,
        *,
        type: str | None = None,
        username: str | None = None,
        bot_is_member: bool = True,
        admins: Iterable[int] = (),
    ) -> Chat:
        """Register a group, supergroup or channel (negative id).

        ``type`` defaults to "supergroup" for forums, "channel" for ``-100...`` ids, else
        "group".
        """
        if chat_id >= 0:
            raise ValueError("group and channel ids are negative")
        if type is None:
            if is_forum:
                type = "supergroup"
            elif str(chat_id).startswith("-100") and chat_id <= -1_000_000_000_000:
                type = "channel"
            else:
                type = "group"
        chat = Chat(
            chat_id,
            type,
            title=title,
            is_forum=is_forum,
            bot_is_admin=bot_is_admin,
            bot_is_member=bot_is_member or bot_is_admin,
            admins=set(admins),
        )
        old = self._chats.get(chat_id)
        if old is not None:  # keep history
            chat.messages, chat.incoming = old.messages, old.incoming
            chat.next_message_id, chat.topics = old.next_message_id, old.topics
        self._chats[chat_id] = chat
        self._set_username(chat, username)
        return chat

    def add_group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        supergroup: bool = False,
        is_forum: bool = False,
        bot_is_admin: bool = False,
        admins: Iterable[int] = (),
    ) -> Chat:
        kind = "supergroup" if supergroup or is_forum else "group"
        return self.add_channel(chat_id, title, bot_is_admin, is_forum, type=kind, admins=admins)

    def add_forum_topic(self, chat_id: int, thread_id: int, name: str = "Topic") -> None:
        chat = self._chats[chat_id]
        if chat.type in ("private", "channel"):
            raise ValueError(f"a {chat.type} chat can't have forum topics")
        chat.is_forum = True
        if chat.type == "group":
            chat.type = "supergroup"
        chat.topics[thread_id] = name

    def chat(self, chat_id: int) -> Chat | None:
        return self._chats.get(chat_id)

    @property
    def chats(self) -> dict[int, Chat]:
        return self._chats

    def block(self, chat_id: int) -> None:
        """The user blocked the bot: sends answer 403 "bot was blocked by the user"."""
        self._ensure_private(chat_id).blocked = True

    def unblock(self, chat_id: int) -> None:
        self._ensure_private(chat_id).blocked = False

    def deactivate(self, chat_id: int) -> None:
        """The user deleted their account: 403 "user is deactivated"."""
        self._ensure_private(chat_id).deactivated = True

    def remove_bot(self, chat_id: int) -> None:
        """The bot was removed from the group/channel (or demoted in a channel)."""
        chat = self._chats[chat_id]
        chat.bot_is_member = False
        chat.bot_is_admin = False

    def migrate(self, chat_id: int, new_id: int) -> Chat:
        """The group became supergroup ``new_id``; the old id answers 400 with migrate_to."""
        old = self._chats.get(chat_id)
        if old is None:
            old = self.add_channel(chat_id, "Group", type="group")
        old.migrated_to = new_id
        new = Chat(
            new_id,
            "supergroup",
            title=old.title,
            bot_is_admin=old.bot_is_admin,
            bot_is_member=old.bot_is_member,
            admins=set(old.admins),
        )
        self._chats[new_id] = new
        return new

    def _ensure_private(self, chat_id: int) -> Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            chat = self.add_private_chat(chat_id)
        return chat

    def _set_username(self, chat: Chat, username: str | None) -> None:
        if chat.username:
            self._usernames.pop(chat.username.lower(), None)
        chat.username = username.lstrip("@") if username else None
        if chat.username:
            self._usernames[chat.username.lower()] = chat.id

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        n: int = 1,
        status: int = 500,
        *,
        retry_after: int | None = None,
        description: str | None = None,
        methods: Iterable[str] | None = None,
    ) -> None:
        """The next ``n`` requests (any method but getUpdates, or only ``methods``) fail."""
        if status == 429 and retry_after is None:
            retry_after = 1
        self._faults.append(
            _Fault(
                "fail",
                n,
                status=status,
                retry_after=retry_after,
                description=description,
                methods=frozenset(m.lower() for m in methods) if methods else None,
            )
        )

    def hang_next(
        self,
        n: int = 1,
        seconds: float = 5.0,
        *,
        methods: Iterable[str] | None = None,
        before: bool = True,
    ) -> None:
        """Delay the next ``n`` responses by ``seconds``.

        ``before=True``: delay, then process (a slow server; the request is still processed
        if the client gave up). ``before=False``: process at once, delay only the answer
        (the message is sent, the client may never learn it).
        """
        self._faults.append(
            _Fault(
                "hang",
                n,
                seconds=seconds,
                before=before,
                methods=frozenset(m.lower() for m in methods) if methods else None,
            )
        )

    def clear_faults(self) -> None:
        self._faults.clear()

    def set_limits(
        self,
        global_per_sec: float | None = None,
        private_per_sec: float | None = None,
        group_per_min: float | None = None,
        enabled: bool | None = None,
        *,
        private_burst: int | None = None,
        paid_per_sec: float | None = None,
    ) -> Limits:
        lim = self.limits
        if global_per_sec is not None:
            lim.global_per_sec = global_per_sec
        if private_per_sec is not None:
            lim.private_per_sec = private_per_sec
        if group_per_min is not None:
            lim.group_per_min = group_per_min
        if enabled is not None:
            lim.enabled = enabled
        if private_burst is not None:
            lim.private_burst = private_burst
        if paid_per_sec is not None:
            lim.paid_per_sec = paid_per_sec
        return lim

    def _take_fault(self, method: str) -> _Fault | None:
        for i, f in enumerate(self._faults):
            if f.applies(method):
                f.remaining -= 1
                if f.remaining <= 0:
                    del self._faults[i]
                return f
        return None

    # ------------------------------------------------------------------ inspection

    def messages(
        self, chat_id: int | None = None, *, include_deleted: bool = False
    ) -> list[SentMessage]:
        """Messages the bot sent (current state, edits applied), in send order."""
        if chat_id is not None:
            chat = self._chats.get(chat_id)
            if chat is None:
                return []
            msgs = sorted(chat.messages.values(), key=lambda m: m.seq)
        else:
            msgs = self._all
        return [m for m in msgs if include_deleted or not m.deleted]

    def message(self, chat_id: int, message_id: int) -> SentMessage | None:
        chat = self._chats.get(chat_id)
        return chat.messages.get(message_id) if chat else None

    @property
    def rate_limited(self) -> int:
        """How many 429 answers were given (rate limits and injected ones)."""
        return self.counters["429"]

    def requests_for(self, method: str) -> list[RequestRecord]:
        low = method.lower()
        return [r for r in self.requests if r.method.lower() == low]

    def stats(self) -> JSON:
        c = self.counters
        return {
            "requests": c["requests"],
            "sent": c["sent"],
            "edited": c["edited"],
            "deleted": c["deleted"],
            "429": c["429"],
            "rejections": c["rejections"],
            "messages": len(self._all),
            "by_method": {k[7:]: v for k, v in c.items() if k.startswith("method:")},
            "by_status": {k[7:]: v for k, v in c.items() if k.startswith("status:")},
            "pending_updates": len(self._updates),
        }

    def commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON] | None:
        """Commands stored by setMyCommands for that scope and language (None if unset)."""
        return self.my_commands.get((_scope_key(scope), language_code or ""))

    @property
    def pending_updates(self) -> list[JSON]:
        return list(self._updates)

    async def wait_for(
        self,
        predicate: Callable[[list[SentMessage]], object],
        timeout: float = 5.0,
    ) -> list[SentMessage]:
        """Wait until ``predicate(self.messages())`` is truthy; returns the messages."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            msgs = self.messages()
            if predicate(msgs):
                return msgs
            remaining = deadline - loop.time()
            if remaining <= 0:
                tail = [(m.chat_id, m.message_id, m.content[:60]) for m in msgs[-5:]]
                raise TimeoutError(
                    f"condition not met within {timeout}s; {len(msgs)} messages, last: {tail}"
                )
            event = self._change_event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), min(remaining, 0.5))

    async def wait_for_messages(
        self, count: int, chat_id: int | None = None, timeout: float = 5.0
    ) -> list[SentMessage]:
        await self.wait_for(lambda _: len(self.messages(chat_id)) >= count, timeout)
        return self.messages(chat_id)

    def reset(self, *, chats: bool = False) -> None:
        """Forget messages, logs, counters, faults, updates and rate windows.

        Chats are kept (their message history is cleared) unless ``chats=True``.
        """
        self._all.clear()
        self.requests.clear()
        self.rejections.clear()
        self.counters.clear()
        self.callback_answers.clear()
        self._faults.clear()
        self._updates.clear()
        self._callbacks.clear()
        self._global = _Window(1.0)
        self._private.clear()
        self._groups.clear()
        if chats:
            self._chats.clear()
            self._usernames.clear()
        else:
            for chat in self._chats.values():
                chat.messages.clear()
                chat.incoming.clear()

    def _change_event(self) -> asyncio.Event:
        if self._event is None:
            self._event = asyncio.Event()
        return self._event

    def _wake(self) -> None:
        if self._event is not None:
            self._event.set()
            self._event = asyncio.Event()

    # ------------------------------------------------------------------ updates

    def inject_update(self, update: JSON) -> JSON:
        """Queue a raw Update for getUpdates (``update_id`` is assigned if missing)."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        for key in ("message", "callback_query", "edited_message", "my_chat_member"):
            body = update.get(key)
            if isinstance(body, dict):
                sender = body.get("from")
                if isinstance(sender, dict) and sender.get("id", 0) > 0:
                    cid = int(sender["id"])
                    chat = self._chats.get(cid)
                    if chat is None:
                        self.add_private_chat(
                            cid,
                            sender.get("first_name", "User"),
                            last_name=sender.get("last_name"),
                            username=sender.get("username"),
                            language_code=sender.get("language_code"),
                        )
                    elif key == "message" and body.get("chat", {}).get("id") == cid:
                        chat.blocked = False  # writing to the bot unblocks it
        self._updates.append(update)
        self._wake()
        return update

    def inject_message(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "U",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        chat_id: int | None = None,
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
    ) -> JSON:
        """A user writes ``text`` to the bot (private chat unless ``chat_id``)."""
        user = _user(user_id, first_name, last_name, username, language_code)
        if chat_id is None or chat_id == user_id:
            chat = self._chats.get(user_id)
            if chat is None:
                chat = self.add_private_chat(
                    user_id,
                    first_name,
                    last_name=last_name,
                    username=username,
                    language_code=language_code,
                )
        else:
            found = self._chats.get(chat_id)
            chat = found if found is not None else self.add_group(chat_id)
        mid = chat.take_message_id()
        msg: JSON = {
            "message_id": mid,
            "from": user,
            "chat": chat.api(),
            "date": int(time.time()),
            "text": text,
        }
        if message_thread_id is not None:
            msg["message_thread_id"] = message_thread_id
            if chat.is_forum:
                msg["is_topic_message"] = True
        if reply_to_message_id is not None:
            replied = self._message_api_by_id(chat, reply_to_message_id)
            if replied is not None:
                msg["reply_to_message"] = replied
        entities = detect_entities(text)
        if entities:
            msg["entities"] = entities
        chat.incoming[mid] = msg
        return self.inject_update({"message": msg})

    def inject_document(
        self,
        user_id: int,
        data: bytes,
        file_name: str,
        *,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        language_code: str | None = "en",
        first_name: str = "U",
    ) -> JSON:
        """A user sends a file as a document (in their private chat), optionally with a
        caption; the bot can fetch it with getFile and a download from /file/bot<token>/."""
        chat = self._chats.get(user_id)
        if chat is None:
            chat = self.add_private_chat(user_id, first_name, language_code=language_code)
        file_id, unique = self._new_file_id("document")
        path = f"documents/file_{self._file_counter}"
        self._files[file_id] = {
            "kind": "document",
            "document": {"file_id": file_id, "file_unique_id": unique},
            "path": path,
            "size": len(data),
        }
        self._file_data[path] = data
        mid = chat.take_message_id()
        msg: JSON = {
            "message_id": mid,
            "from": _user(user_id, first_name, None, None, language_code),
            "chat": chat.api(),
            "date": int(time.time()),
            "document": {
                "file_id": file_id,
                "file_unique_id": unique,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(data),
            },
        }
        if caption is not None:
            msg["caption"] = caption
            entities = detect_entities(caption)
            if entities:
                msg["caption_entities"] = entities
        chat.incoming[mid] = msg
        return self.inject_update({"message": msg})

    def inject_callback(
        self,
        user_id: int,
        message_id: int,
        data: str,
        chat_id: int | None = None,
        *,
        first_name: str = "U",
        language_code: str | None = "en",
    ) -> JSON:
        """A user taps an inline button with ``data`` under the bot's message."""
        cid = user_id if chat_id is None else chat_id
        chat = self._chats.get(cid)
        msg = chat.messages.get(message_id) if chat else None
        if chat is None or msg is None or msg.deleted:
            raise ValueError(f"no bot message {message_id} in chat {cid}")
        self._callback_counter += 1
        qid = str(4_000_000_000 + self._callback_counter)
        self._callbacks[qid] = {"user_id": user_id, "chat_id": cid, "message_id": message_id}
        query: JSON = {
            "id": qid,
            "from": _user(user_id, first_name, None, None, language_code),
            "message": self._message_api(msg, chat),
            "chat_instance": str(abs(hash((cid, self.bot_id))) % 10**18),
            "data": data,
        }
        return self.inject_update({"callback_query": query})

    # ------------------------------------------------------------------ HTTP entry point

    async def _handle(self, request: web.Request) -> web.Response:
        started = time.time()
        method_name = request.match_info["method"]
        low = method_name.lower()
        self.counters["requests"] += 1
        params: Params | None = None
        fault: _Fault | None = None
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            sync = self._handlers.get(low)
            async_ = self._async_handlers.get(low)
            if sync is None and async_ is None:
                raise ApiError(404, "Not Found")
            params = await self._read_params(request)
            fault = self._take_fault(low)
            if fault is not None and fault.kind == "hang" and fault.before:
                await self._sleep(fault.seconds)
            if fault is not None and fault.kind == "fail":
                raise _fault_error(fault)
            result = sync(params) if sync is not None else await async_(params)  # type: ignore[misc]
            status, body = 200, {"ok": True, "result": result}
            description = None
        except ApiError as e:
            status, body, description = e.status, e.body(), e.description
        if fault is not None and fault.kind == "hang" and not fault.before:
            await self._sleep(fault.seconds)
        transport = request.transport
        gone = transport is None or transport.is_closing()
        self._record(method_name, params, status, started, description, client_gone=gone)
        return web.Response(
            body=json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(),
            status=status,
            content_type="application/json",
        )

    def _record(
        self,
        method: str,
        params: Params | None,
        status: int,
        started: float,
        desc: str | None,
        *,
        client_gone: bool = False,
    ) -> None:
        rec = RequestRecord(
            method=method,
            params=params.values if params is not None else {},
            status=status,
            time=started,
            description=desc,
            duration=time.time() - started,
            files=[f"{k}:{v[0]}" for k, v in params.files.items()] if params else [],
            client_gone=client_gone,
        )
        self.requests.append(rec)
        c = self.counters
        c["method:" + method] += 1
        c["status:" + str(status)] += 1
        if status != 200 and not (client_gone and status == 409):
            # a 409 to a long poll its client already abandoned is nobody's rejection
            c["rejections"] += 1
            self.rejections.append(rec)
            if status == 429:
                c["429"] += 1

    async def _sleep(self, seconds: float) -> None:
        if self._closed is None:
            await asyncio.sleep(seconds)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closed.wait(), seconds)

    async def _read_params(self, request: web.Request) -> Params:
        values: JSON = dict(request.query)
        files: dict[str, tuple[str, str, bytes]] = {}
        if request.can_read_body:
            ctype = request.content_type
            if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, val in form.items():
                    if isinstance(val, web.FileField):
                        files[key] = (val.filename, val.content_type, val.file.read())
                    else:
                        values[key] = val
            else:
                raw = await request.read()
                if raw.strip():
                    try:
                        data = json.loads(raw)
                    except ValueError:
                        raise bad_request("can't parse JSON request body") from None
                    if not isinstance(data, dict):
                        raise bad_request("JSON object expected as request body")
                    values.update(data)
        return Params(values, files)

    # ------------------------------------------------------------------ helpers for methods

    def _register_methods(self) -> None:
        h = self._handlers
        h["getme"] = lambda p: self._get_me()
        h["deletewebhook"] = lambda p: True
        h["setwebhook"] = lambda p: True
        h["getwebhookinfo"] = lambda p: {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        for name in (
            "close",
            "logout",
            "setchatmenubutton",
            "setmydescription",
            "setmyshortdescription",
            "setmyname",
            "setmydefaultadministratorrights",
        ):
            h[name] = lambda p: True
        h["setmycommands"] = self._set_my_commands
        h["getmycommands"] = self._get_my_commands
        h["deletemycommands"] = self._delete_my_commands
        h["sendmessage"] = self._send_message
        h["sendphoto"] = self._send_photo
        h["senddocument"] = self._send_document
        h["sendmediagroup"] = self._send_media_group
        h["sendchataction"] = self._send_chat_action
        h["editmessagetext"] = self._edit_message_text
        h["editmessagecaption"] = self._edit_message_caption
        h["editmessagereplymarkup"] = self._edit_message_reply_markup
        h["deletemessage"] = self._delete_message
        h["answercallbackquery"] = self._answer_callback_query
        h["getchat"] = self._get_chat
        h["getfile"] = self._get_file
        h["getchatmember"] = self._get_chat_member
        h["getchatadministrators"] = self._get_chat_administrators
        self._async_handlers["getupdates"] = self._get_updates

    def _get_me(self) -> JSON:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _resolve_chat(self, p: Params, *, sending: bool = True) -> Chat:
        raw = p.values.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat_id: int | None
        if isinstance(raw, str) and raw.strip().startswith("@"):
            chat_id = self._usernames.get(raw.strip()[1:].lower())
        else:
            try:
                chat_id = p.get_int("chat_id")
            except ApiError:
                chat_id = None
        chat = self._chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if sending:
            if chat.type == "private":
                if chat.deactivated:
                    raise ApiError(403, "Forbidden: user is deactivated")
                if chat.blocked:
                    raise ApiError(403, "Forbidden: bot was blocked by the user")
            elif chat.type == "channel":
                if not chat.bot_is_admin:
                    raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
            elif not chat.bot_is_member:
                raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
        return chat

    def _thread(self, chat: Chat, p: Params) -> int | None:
        tid = p.get_int("message_thread_id")
        if tid is None:
            return None
        if chat.is_forum:
            if tid not in chat.topics:
                raise bad_request("message thread not found")
        elif tid not in chat.messages and tid not in chat.incoming:
            raise bad_request("message thread not found")
        return tid

    def _reply_to(self, chat: Chat, p: Params) -> int | None:
        params = p.get_json("reply_parameters")
        mid: int | None
        allow = p.get_bool("allow_sending_without_reply")
        if isinstance(params, dict) and params.get("message_id") is not None:
            mid = int(params["message_id"])
            allow = allow or bool(params.get("allow_sending_without_reply"))
            other = params.get("chat_id")
            if other is not None and str(other) != str(chat.id):
                return None  # replies in another chat are not checked
        else:
            mid = p.get_int("reply_to_message_id")
        if mid is None:
            return None
        if mid in chat.messages or mid in chat.incoming:
            return mid
        if allow:
            return None
        raise bad_request("message to be replied not found")

    def _parse(self, text: str, p: Params, entities_param: str) -> ParsedText:
        mode = (p.get_str("parse_mode") or "").strip().lower()
        if mode and mode != "none":  # the Bot API's spelling of "no parse mode"
            if mode not in PARSE_MODES:
                raise bad_request("unsupported parse_mode")
            try:
                parsed = parse(text, mode)
            except ParseError as e:
                raise bad_request(e.description) from None
        else:
            given = p.get_json(entities_param)
            ents = [dict(e) for e in given] if isinstance(given, list) else []
            parsed = ParsedText(text, ents)
        parsed = strip_text(parsed)
        if self.detect_auto_entities and parsed.text:
            found = detect_entities(parsed.text, parsed.entities)
            if found:
                parsed.entities = sorted(
                    parsed.entities + found, key=lambda e: (e["offset"], -e["length"])
                )
        return parsed

    def _text(self, p: Params) -> tuple[str, ParsedText]:
        raw = p.get_str("text")
        if raw is None or raw == "":
            raise bad_request("message text is empty")
        parsed = self._parse(raw, p, "entities")
        if not parsed.text:
            raise bad_request("message text is empty")
        if len(parsed.text) > MAX_TEXT:
            raise bad_request("message is too long")
        return raw, parsed

    def _caption(self, raw: str | None, p: Params) -> ParsedText:
        if not raw:
            return ParsedText("", [])
        parsed = self._parse(raw, p, "caption_entities")
        if len(parsed.text) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return parsed

    def _markup(self, p: Params) -> JSON | None:
        """Validate reply_markup; returns what Telegram echoes (inline keyboards only)."""
        if not p.has("reply_markup"):
            return None
        try:
            raw = p.get_json("reply_markup")
        except ApiError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in raw:
            rows = raw["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup '
                    "should be an Array of Arrays"
                )
            total = 0
            for row in rows:
                for button in row:
                    total += 1
                    _check_inline_button(button)
            if total > 100:
                raise bad_request("reply markup is too long")
            return {"inline_keyboard": rows}
        if "keyboard" in raw:
            rows = raw["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    text = button if isinstance(button, str) else (button or {}).get("text")
                    if not isinstance(text, str) or not text:
                        raise bad_request("can't parse keyboard button: Text must be non-empty")
            return None
        if raw.get("remove_keyboard") or raw.get("force_reply"):
            return None
        raise bad_request('can\'t find field "inline_keyboard"')

    def _rate_check(self, chat: Chat, p: Params, *, commit: bool = True) -> None:
        lim = self.limits
        if not lim.enabled:
            return
        now = time.monotonic()
        paid = p.get_bool("allow_paid_broadcast")
        waits: list[float] = []
        w = self._global.retry_after(now, lim.paid_per_sec if paid else lim.global_per_sec)
        if w > 0:
            waits.append(w)
        bucket: tuple[float, float] | None = None
        group: _Window | None = None
        if chat.type == "private":
            tokens, last = self._private.get(chat.id, (float(lim.private_burst), now))
            tokens = min(float(lim.private_burst), tokens + (now - last) * lim.private_per_sec)
            if tokens < 1.0:
                waits.append((1.0 - tokens) / max(lim.private_per_sec, 1e-9))
            bucket = (tokens, now)
        else:
            group = self._groups.get(chat.id)
            if group is None:
                group = self._groups[chat.id] = _Window(60.0)
            w = group.retry_after(now, lim.group_per_min)
            if w > 0:
                waits.append(w)
        if waits:
            if bucket is not None:
                self._private[chat.id] = bucket
            raise too_many(math.ceil(max(waits)))
        if not commit:
            return
        self._global.add(now)
        if bucket is not None:
            self._private[chat.id] = (bucket[0] - 1.0, now)
        if group is not None:
            group.add(now)

    def _store(self, chat: Chat, kind: str, p: Params, method: str, **kw: Any) -> SentMessage:
        self._seq += 1
        msg = SentMessage(
            chat_id=chat.id,
            message_id=chat.take_message_id(),
            kind=kind,
            date=int(time.time()),
            seq=self._seq,
            disable_notification=p.get_bool("disable_notification"),
            protect_content=p.get_bool("protect_content"),
            method=method,
            **kw,
        )
        chat.messages[msg.message_id] = msg
        self._all.append(msg)
        self.counters["sent"] += 1
        self._wake()
        return msg

    def _message_api(self, msg: SentMessage, chat: Chat) -> JSON:
        out: JSON = {"message_id": msg.message_id}
        if chat.type == "channel":
            out["sender_chat"] = chat.api()
        else:
            out["from"] = self.bot_user
        out["chat"] = chat.api()
        out["date"] = msg.date
        if msg.thread_id is not None:
            out["message_thread_id"] = msg.thread_id
            if chat.is_forum:
                out["is_topic_message"] = True
        if msg.reply_to_message_id is not None:
            replied = self._message_api_by_id(chat, msg.reply_to_message_id, nested=True)
            if replied is not None:
                out["reply_to_message"] = replied
        if msg.edit_date is not None:
            out["edit_date"] = msg.edit_date
        if msg.protect_content:
            out["has_protected_content"] = True
        if msg.media_group_id is not None:
            out["media_group_id"] = msg.media_group_id
        if msg.kind == "text":
            out["text"] = msg.text
            if msg.entities:
                out["entities"] = msg.entities
            if msg.link_preview_options:
                out["link_preview_options"] = msg.link_preview_options
        else:
            if msg.photo is not None:
                out["photo"] = msg.photo
            if msg.document is not None:
                out["document"] = msg.document
            if msg.caption:
                out["caption"] = msg.caption
                if msg.caption_entities:
                    out["caption_entities"] = msg.caption_entities
        if msg.reply_markup is not None:
            out["reply_markup"] = msg.reply_markup
        return out

    def _message_api_by_id(self, chat: Chat, mid: int, nested: bool = False) -> JSON | None:
        sent = chat.messages.get(mid)
        if sent is not None:
            if nested:
                sent_copy = SentMessage(**{**asdict(sent), "reply_to_message_id": None})
                return self._message_api(sent_copy, chat)
            return self._message_api(sent, chat)
        incoming = chat.incoming.get(mid)
        if incoming is not None:
            return {k: v for k, v in incoming.items() if k != "reply_to_message"}
        return None

    # ------------------------------------------------------------------ files

    def _new_file_id(self, kind: str) -> tuple[str, str]:
        self._file_counter += 1
        digest = hashlib.sha1(f"{kind}{self._file_counter}".encode()).hexdigest()
        prefix = {"photo": "AgACAgIAAxkDAA", "document": "BQACAgIAAxkDAA"}.get(kind, "CAAC")
        return f"{prefix}{self._file_counter:08d}{digest[:24]}", f"AQAD{digest[24:36]}"

    def _photo_sizes(self, p: Params, field_name: str = "photo") -> tuple[list[JSON], str]:
        raw = p.values.get(field_name)
        upload = p.files.get(field_name)
        if upload is None and isinstance(raw, str) and raw.startswith("attach://"):
            upload = p.files.get(raw[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {raw} not found in the request")
        if upload is not None:
            size = len(upload[2])
            if size == 0:
                raise bad_request("file must be non-empty")
            if size > 10 * 1024 * 1024:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            source = f"upload:{upload[0]}"
        else:
            source = self._check_remote(raw, "photo")
            known = self._files.get(source)
            if known is not None:
                if known["kind"] != "photo":
                    raise bad_request("wrong file identifier/HTTP URL specified")
                return list(known["sizes"]), source
            size = 120_000
        sizes: list[JSON] = []
        for w, h, share in ((90, 60, 0.02), (320, 213, 0.15), (800, 533, 0.5), (1280, 853, 1.0)):
            file_id, unique = self._new_file_id("photo")
            sizes.append(
                {
                    "file_id": file_id,
                    "file_unique_id": unique,
                    "file_size": max(1, int(size * share)),
                    "width": w,
                    "height": h,
                }
            )
        for s in sizes:
            self._files[s["file_id"]] = {"kind": "photo", "sizes": sizes}
        return sizes, source

    def _check_remote(self, raw: Any, what: str) -> str:
        if raw is None or raw == "":
            raise bad_request(f"there is no {what} in the request")
        if not isinstance(raw, str):
            raise bad_request(f"wrong {what} specified")
        if raw.startswith(("http://", "https://")):
            if raw in self.bad_urls:
                raise bad_request("failed to get HTTP URL content")
            return raw
        if raw in self._files:
            return raw
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _document(self, p: Params, field_name: str = "document") -> tuple[JSON, str]:
        raw = p.values.get(field_name)
        upload = p.files.get(field_name)
        if upload is None and isinstance(raw, str) and raw.startswith("attach://"):
            upload = p.files.get(raw[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {raw} not found in the request")
        if upload is not None:
            if not upload[2]:
                raise bad_request("file must be non-empty")
            name, mime, size, source = upload[0], upload[1], len(upload[2]), f"upload:{upload[0]}"
        else:
            source = self._check_remote(raw, "document")
            known = self._files.get(source)
            if known is not None:
                if known["kind"] != "document":
                    raise bad_request("wrong file identifier/HTTP URL specified")
                return dict(known["document"]), source
            name = source.rsplit("/", 1)[-1] or "file"
            mime, size = "application/octet-stream", 10_000
        file_id, unique = self._new_file_id("document")
        doc = {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_name": name,
            "mime_type": mime or "application/octet-stream",
            "file_size": size,
        }
        self._files[file_id] = {"kind": "document", "document": doc}
        return doc, source

    # ------------------------------------------------------------------ methods

    def _send_message(self, p: Params) -> JSON:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        raw, parsed = self._text(p)
        markup = self._markup(p)
        reply_to = self._reply_to(chat, p)
        preview = p.get_json("link_preview_options")
        if preview is None and p.get_bool("disable_web_page_preview"):
            preview = {"is_disabled": True}
        self._rate_check(chat, p)
        msg = self._store(
            chat,
            "text",
            p,
            "sendMessage",
            thread_id=thread,
            text=parsed.text,
            html=raw,
            entities=parsed.entities,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            link_preview_options=preview if isinstance(preview, dict) else None,
            reply_to_message_id=reply_to,
        )
        return self._message_api(msg, chat)

    def _send_photo(self, p: Params) -> JSON:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        raw_caption = p.get_str("caption")
        caption = self._caption(raw_caption, p)
        markup = self._markup(p)
        reply_to = self._reply_to(chat, p)
        sizes, source = self._photo_sizes(p)
        self._rate_check(chat, p)
        msg = self._store(
            chat,
            "photo",
            p,
            "sendPhoto",
            thread_id=thread,
            caption=caption.text,
            caption_html=raw_caption,
            caption_entities=caption.entities,
            parse_mode=p.get_str("parse_mode"),
            photo=sizes,
            photo_source=source,
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )
        return self._message_api(msg, chat)

    def _send_document(self, p: Params) -> JSON:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        raw_caption = p.get_str("caption")
        caption = self._caption(raw_caption, p)
        markup = self._markup(p)
        reply_to = self._reply_to(chat, p)
        doc, _source = self._document(p)
        self._rate_check(chat, p)
        msg = self._store(
            chat,
            "document",
            p,
            "sendDocument",
            thread_id=thread,
            caption=caption.text,
            caption_html=raw_caption,
            caption_entities=caption.entities,
            parse_mode=p.get_str("parse_mode"),
            document=doc,
            reply_markup=markup,
            reply_to_message_id=reply_to,
        )
        return self._message_api(msg, chat)

    def _send_media_group(self, p: Params) -> list[JSON]:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        media = p.get_json("media")
        if not isinstance(media, list):
            raise bad_request("can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise bad_request("media group must include 2-10 items")
        reply_to = self._reply_to(chat, p)
        prepared: list[JSON] = []
        kinds = set()
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in (
                "photo",
                "document",
                "video",
                "audio",
            ):
                raise bad_request("can't parse InputMedia: unsupported media type")
            kinds.add("document" if item["type"] == "document" else "other")
            sub = Params(
                {
                    "parse_mode": item.get("parse_mode"),
                    "caption_entities": item.get("caption_entities"),
                    "media": item.get("media"),
                },
                p.files,
            )
            raw_caption = item.get("caption")
            caption = self._caption(raw_caption, sub)
            if item["type"] == "document":
                doc, source = self._document(sub, "media")
                prepared.append(
                    {"kind": "document", "document": doc, "caption": caption, "raw": raw_caption}
                )
            else:
                sizes, source = self._photo_sizes(sub, "media")
                prepared.append(
                    {
                        "kind": "photo",
                        "photo": sizes,
                        "source": source,
                        "caption": caption,
                        "raw": raw_caption,
                        "parse_mode": item.get("parse_mode"),
                    }
                )
        if len(kinds) > 1:
            raise bad_request("documents can't be mixed with other media types")
        self._rate_check(chat, p)
        self._media_group_counter += 1
        group_id = str(13_000_000_000_000_000 + self._media_group_counter)
        out = []
        for item in prepared:
            msg = self._store(
                chat,
                item["kind"],
                p,
                "sendMediaGroup",
                thread_id=thread,
                caption=item["caption"].text,
                caption_html=item["raw"],
                caption_entities=item["caption"].entities,
                parse_mode=item.get("parse_mode"),
                photo=item.get("photo"),
                photo_source=item.get("source"),
                document=item.get("document"),
                media_group_id=group_id,
                reply_to_message_id=reply_to,
            )
            out.append(self._message_api(msg, chat))
        return out

    def _send_chat_action(self, p: Params) -> bool:
        chat = self._resolve_chat(p)
        self._thread(chat, p)
        if not p.get_str("action"):
            raise bad_request("wrong parameter action in request")
        return True

    def _editable(self, p: Params) -> tuple[Chat, SentMessage] | None:
        if p.has("inline_message_id"):
            return None
        chat = self._resolve_chat(p)
        mid = p.get_int("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(mid)
        if msg is None or msg.deleted:
            if mid in chat.incoming:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return chat, msg

    def _edited(self, chat: Chat, msg: SentMessage) -> JSON:
        msg.edited += 1
        msg.edit_date = int(time.time())
        self.counters["edited"] += 1
        self._wake()
        return self._message_api(msg, chat)

    def _edit_message_text(self, p: Params) -> JSON | bool:
        found = self._editable(p)
        if found is None:
            self._text(p)
            self._markup(p)
            return True
        chat, msg = found
        if msg.kind != "text":
            raise bad_request("there is no text in the message to edit")
        raw, parsed = self._text(p)
        markup = self._markup(p)
        if (
            parsed.text == msg.text
            and parsed.entities == msg.entities
            and markup == msg.reply_markup
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        self._rate_check(chat, p)
        msg.text, msg.html, msg.entities, msg.reply_markup = (
            parsed.text,
            raw,
            parsed.entities,
            markup,
        )
        msg.parse_mode = p.get_str("parse_mode")
        preview = p.get_json("link_preview_options")
        if isinstance(preview, dict):
            msg.link_preview_options = preview
        return self._edited(chat, msg)

    def _edit_message_caption(self, p: Params) -> JSON | bool:
        found = self._editable(p)
        if found is None:
            self._caption(p.get_str("caption"), p)
            self._markup(p)
            return True
        chat, msg = found
        if msg.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        raw = p.get_str("caption")
        caption = self._caption(raw, p)
        markup = self._markup(p)
        if (
            caption.text == (msg.caption or "")
            and caption.entities == msg.caption_entities
            and markup == msg.reply_markup
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        self._rate_check(chat, p)
        msg.caption, msg.caption_html, msg.caption_entities = caption.text, raw, caption.entities
        msg.reply_markup = markup
        msg.parse_mode = p.get_str("parse_mode")
        return self._edited(chat, msg)

    def _edit_message_reply_markup(self, p: Params) -> JSON | bool:
        found = self._editable(p)
        markup = self._markup(p)
        if found is None:
            return True
        chat, msg = found
        if markup == msg.reply_markup:
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        msg.reply_markup = markup
        return self._edited(chat, msg)

    def _delete_message(self, p: Params) -> bool:
        chat = self._resolve_chat(p, sending=False)
        mid = p.get_int("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(mid)
        if msg is not None and not msg.deleted:
            msg.deleted = True
            del chat.messages[mid]
            self._all.remove(msg)  # O(n), deletions are rare
            self.counters["deleted"] += 1
            self._wake()
            return True
        if chat.incoming.pop(mid, None) is not None:
            return True
        raise bad_request("message to delete not found")

    def _answer_callback_query(self, p: Params) -> bool:
        qid = p.get_str("callback_query_id")
        if not qid or qid not in self._callbacks:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = p.get_str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query = self._callbacks.pop(qid)
        self.callback_answers.append(
            {
                **query,
                "callback_query_id": qid,
                "text": text,
                "show_alert": p.get_bool("show_alert"),
                "url": p.get_str("url"),
                "cache_time": p.get_int("cache_time"),
            }
        )
        self._wake()
        return True

    def _get_chat(self, p: Params) -> JSON:
        chat = self._resolve_chat(p, sending=False)
        if chat.type == "channel" and not chat.bot_is_member:
            raise bad_request("chat not found")
        out = chat.api()
        out.update(
            {
                "accent_color_id": abs(chat.id) % 7,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return out

    def _get_file(self, p: Params) -> JSON:
        file_id = p.get_str("file_id") or ""
        known = self._files.get(file_id)
        if known is None or "path" not in known:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        return {
            "file_id": file_id,
            "file_unique_id": known["document"]["file_unique_id"],
            "file_size": known["size"],
            "file_path": known["path"],
        }

    async def _download(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401, text="Unauthorized")
        data = self._file_data.get(request.match_info["path"])
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")

    def _member(self, chat: Chat, user_id: int) -> JSON:
        if user_id == self.bot_id:
            user = self.bot_user
            if chat.type == "private":
                return {"user": user, "status": "member"}
            if chat.bot_is_admin:
                return _admin(user, chat)
            if chat.bot_is_member:
                return {"user": user, "status": "member"}
            return {"user": user, "status": "left"}
        user = _user(user_id, f"User{user_id}", None, None, None)
        if chat.type == "private":
            if user_id != chat.id:
                raise bad_request("user not found")
            user["first_name"] = chat.first_name or "User"
            return {"user": user, "status": "member"}
        if user_id in chat.admins:
            return _admin(user, chat)
        return {"user": user, "status": "member"}

    def _get_chat_member(self, p: Params) -> JSON:
        chat = self._resolve_chat(p, sending=False)
        uid = p.get_int("user_id")
        if uid is None:
            raise bad_request("user_id is empty")
        return self._member(chat, uid)

    def _get_chat_administrators(self, p: Params) -> list[JSON]:
        chat = self._resolve_chat(p, sending=False)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        out = [self._member(chat, uid) for uid in sorted(chat.admins)]
        if chat.bot_is_admin:
            out.append(self._member(chat, self.bot_id))
        return out

    def _set_my_commands(self, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        clean: list[JSON] = []
        for c in commands:
            if not isinstance(c, dict):
                raise bad_request("can't parse BotCommand")
            name = str(c.get("command", "")).lstrip("/")
            desc = str(c.get("description", ""))
            if not (1 <= len(name) <= 32) or not all(
                ch.isascii() and (ch.islower() or ch.isdigit() or ch == "_") for ch in name
            ):
                raise bad_request("BOT_COMMAND_INVALID")
            if not (1 <= len(desc.strip()) <= 256):
                raise bad_request("command description must be non-empty")
            clean.append({"command": name, "description": desc})
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        if clean:
            self.my_commands[key] = clean
        else:
            self.my_commands.pop(key, None)
        return True

    def _get_my_commands(self, p: Params) -> list[JSON]:
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        return list(self.my_commands.get(key, []))

    def _delete_my_commands(self, p: Params) -> bool:
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        self.my_commands.pop(key, None)
        return True

    async def _get_updates(self, p: Params) -> list[JSON]:
        offset = p.get_int("offset") or 0
        limit = p.get_int("limit") or 100
        limit = min(max(limit, 1), 100)
        timeout = max(p.get_int("timeout") or 0, 0)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # an older long poll is terminated with 409
        q = self._updates
        if offset > 0:
            while q and q[0]["update_id"] < offset:
                q.popleft()
        elif offset < 0:
            while len(q) > -offset:
                q.popleft()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, _CONFLICT)
            if q or self._closing:
                return [u for _, u in zip(range(limit), q, strict=False)]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._change_event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)


# --------------------------------------------------------------------------- helpers


def _user(
    user_id: int,
    first_name: str,
    last_name: str | None,
    username: str | None,
    language_code: str | None,
) -> JSON:
    user: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
    if last_name:
        user["last_name"] = last_name
    if username:
        user["username"] = username
    if language_code:
        user["language_code"] = language_code
    return user


def _admin(user: JSON, chat: Chat) -> JSON:
    out: JSON = {
        "user": user,
        "status": "administrator",
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": True,
        "can_edit_stories": True,
        "can_delete_stories": True,
    }
    if chat.type == "channel":
        out["can_post_messages"] = True
        out["can_edit_messages"] = True
    else:
        out["can_pin_messages"] = True
    if chat.is_forum:
        out["can_manage_topics"] = True
    return out


def _scope_key(scope: Any) -> str:
    if not scope:
        return '{"type":"default"}'
    if isinstance(scope, str):
        scope = json.loads(scope)
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton expected")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [k for k in _INLINE_ACTIONS if k in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if (
            not isinstance(url, str)
            or not url.startswith(("http://", "https://", "tg://"))
            or (" " in url)
        ):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")


def _fault_error(fault: _Fault) -> ApiError:
    status = fault.status
    if status == 429:
        return too_many(fault.retry_after or 1)
    default = {
        500: "Internal Server Error",
        502: "Bad Gateway",
        503: "Service Unavailable",
        504: "Gateway Timeout",
        400: "Bad Request: injected failure",
        403: "Forbidden: injected failure",
    }.get(status, "Injected failure")
    params = {"retry_after": fault.retry_after} if fault.retry_after else None
    return ApiError(status, fault.description or default, params)


# --------------------------------------------------------------------------- control API


class _Control:
    """``/_fake/...`` endpoints for out-of-process use (benchmarks)."""

    def __init__(self, server: FakeBotServer) -> None:
        self.s = server

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return web.json_response(data, status=status)

    @staticmethod
    async def _body(request: web.Request) -> Any:
        raw = await request.read()
        return json.loads(raw) if raw.strip() else {}

    async def messages(self, request: web.Request) -> web.Response:
        cid = request.query.get("chat_id")
        msgs = self.s.messages(int(cid) if cid else None)
        since = int(request.query.get("since_seq", "0"))
        return self._json([m.to_dict() for m in msgs if m.seq > since])

    async def stats(self, request: web.Request) -> web.Response:
        return self._json(self.s.stats())

    async def requests(self, request: web.Request) -> web.Response:
        limit = int(request.query.get("limit", "1000"))
        method = request.query.get("method")
        recs = [r for r in self.s.requests if method is None or r.method == method]
        return self._json([r.to_dict() for r in recs[-limit:]])

    async def rejections(self, request: web.Request) -> web.Response:
        return self._json([r.to_dict() for r in self.s.rejections])

    async def commands(self, request: web.Request) -> web.Response:
        return self._json(
            [
                {"scope": json.loads(k[0]), "language_code": k[1], "commands": v}
                for k, v in self.s.my_commands.items()
            ]
        )

    async def update(self, request: web.Request) -> web.Response:
        """Body: a raw Update, or {"user_id", "text"[, "chat_id", ...]} for a message, or
        {"user_id", "message_id", "data"[, "chat_id"]} for a callback query."""
        body = await self._body(request)
        try:
            if "text" in body and "user_id" in body:
                kw = {
                    k: body[k]
                    for k in ("first_name", "language_code", "chat_id", "username", "last_name")
                    if k in body
                }
                upd = self.s.inject_message(int(body["user_id"]), body["text"], **kw)
            elif "data" in body and "user_id" in body:
                upd = self.s.inject_callback(
                    int(body["user_id"]),
                    int(body["message_id"]),
                    body["data"],
                    body.get("chat_id"),
                )
            else:
                upd = self.s.inject_update(body)
        except (KeyError, ValueError, TypeError) as e:
            return self._json({"ok": False, "error": str(e)}, 400)
        return self._json({"ok": True, "update": upd})

    async def chats(self, request: web.Request) -> web.Response:
        """Body: {"private": [ids or {"id", "first_name", ...}], "private_range": [a, b],
        "channels": [{"id", "title", "bot_is_admin", "is_forum", "type", "topics": [..]}]}"""
        body = await self._body(request)
        s = self.s
        n = 0
        for item in body.get("private", []):
            if isinstance(item, dict):
                s.add_private_chat(
                    int(item["id"]),
                    item.get("first_name", "User"),
                    last_name=item.get("last_name"),
                    username=item.get("username"),
                    language_code=item.get("language_code", "en"),
                )
            else:
                s.add_private_chats([int(item)])
            n += 1
        if "private_range" in body:
            a, b = body["private_range"]
            s.add_private_chats(range(int(a), int(b) + 1))
            n += int(b) - int(a) + 1
        for item in body.get("channels", []):
            s.add_channel(
                int(item["id"]),
                item.get("title", "Channel"),
                bool(item.get("bot_is_admin", True)),
                bool(item.get("is_forum", False)),
                type=item.get("type"),
                username=item.get("username"),
            )
            for tid in item.get("topics", []):
                s.add_forum_topic(int(item["id"]), int(tid))
            n += 1
        return self._json({"ok": True, "added": n, "chats": len(s.chats)})

    async def limits(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        lim = self.s.set_limits(
            body.get("global_per_sec"),
            body.get("private_per_sec"),
            body.get("group_per_min"),
            body.get("enabled"),
            private_burst=body.get("private_burst"),
            paid_per_sec=body.get("paid_per_sec"),
        )
        return self._json(asdict(lim))

    async def reset(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.reset(chats=bool(body.get("chats", False)))
        return self._json({"ok": True})

    async def fail(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.fail_next(
            int(body.get("n", 1)),
            int(body.get("status", 500)),
            retry_after=body.get("retry_after"),
            description=body.get("description"),
            methods=body.get("methods"),
        )
        return self._json({"ok": True})

    async def hang(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.hang_next(
            int(body.get("n", 1)),
            float(body.get("seconds", 5.0)),
            methods=body.get("methods"),
            before=bool(body.get("before", True)),
        )
        return self._json({"ok": True})

    async def block(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.block(int(body["chat_id"]))
        return self._json({"ok": True})

    async def deactivate(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.deactivate(int(body["chat_id"]))
        return self._json({"ok": True})

    async def migrate(self, request: web.Request) -> web.Response:
        body = await self._body(request)
        self.s.migrate(int(body["chat_id"]), int(body["new_id"]))
        return self._json({"ok": True})

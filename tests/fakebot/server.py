"""The fake Bot API server: an aiohttp application plus a Python inspection/control API.

Everything runs on one event loop; the inspection API (``messages()``, ``inject_message()``,
``block()`` ...) must be called from that loop's thread (in tests: the test itself).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import Counter, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from aiohttp import web

from fakebot.html import PARSE_MODES, ParsedText, ParseError, detect_entities, parse, strip_text
from fakebot.methods import (
    CallbacksMixin,
    ChatsMixin,
    CommandsMixin,
    EditsMixin,
    FilesMixin,
    InlineMixin,
    MarkupMixin,
    MediaMixin,
    MessagesMixin,
    PinsMixin,
    UpdatesMixin,
    WebhookMixin,
)
from fakebot.methods.inline import QUERY_LIFETIME
from fakebot.methods.webhook import Push, WebhookState
from fakebot.model import (
    JSON,
    MAX_CAPTION,
    MAX_TEXT,
    ApiError,
    Chat,
    Params,
    RequestRecord,
    SentMessage,
    bad_request,
    too_many,
)

__all__ = ["ApiError", "Chat", "FakeBotServer", "Limits", "RequestRecord", "SentMessage"]


# methods whose successful calls count toward the flood limits
_LIMITED = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "editmessagetext",
        "editmessagecaption",
        "editmessagemedia",
    }
)


# --------------------------------------------------------------------------- data classes


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


class FakeBotServer(
    ChatsMixin,
    MarkupMixin,
    MessagesMixin,
    PinsMixin,
    MediaMixin,
    FilesMixin,
    EditsMixin,
    CallbacksMixin,
    InlineMixin,
    CommandsMixin,
    UpdatesMixin,
    WebhookMixin,
):
    """A strict fake Telegram Bot API server. See the package docstring.

    This class is the core (state, HTTP, control, chats, limits, faults); the Bot API
    methods come from the mixins of :mod:`fakebot.methods`, one per method group, and are
    bound to their names in :meth:`_register_methods`."""

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
        self.sent_files: dict[str, bytes] = {}  # file_id -> bytes of a document the bot sent
        self._file_counter = 0
        self._media_group_counter = 0
        self._faults: list[_Fault] = []
        self._updates: deque[JSON] = deque()
        self._next_update_id = 100_000
        self._poll_generation = 0
        self._webhook: WebhookState | None = None
        self._forwards: dict[tuple[str, int], str] = {}
        self._pusher: asyncio.Task[None] | None = None
        self.webhook_retry = 0.2  # seconds before a failed push is retried (Telegram: longer)
        self.pushes: list[Push] = []
        self._callbacks: dict[str, JSON] = {}
        self._callback_counter = 0
        self.inline_answers: list[JSON] = []  # answerInlineQuery calls Telegram accepted
        self.inline_query_lifetime = QUERY_LIFETIME
        self._inline_queries: dict[str, JSON] = {}  # unanswered inline queries
        self._inline_counter = 0
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
        await self._stop_pusher()
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
        bot_can_pin: bool = True,
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
            bot_can_pin=bot_can_pin,
        )
        old = self._chats.get(chat_id)
        if old is not None:  # keep history
            chat.messages, chat.incoming = old.messages, old.incoming
            chat.pinned = old.pinned
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

    def requests_for(self, method: str, chat_id: int | None = None) -> list[RequestRecord]:
        """The logged requests of `method`, only those to `chat_id` when given."""
        low = method.lower()
        return [
            r
            for r in self.requests
            if r.method.lower() == low
            and (chat_id is None or str(r.params.get("chat_id")) == str(chat_id))
        ]

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
        self.inline_answers.clear()
        self._inline_queries.clear()
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
        h["deletewebhook"] = self._delete_webhook
        h["setwebhook"] = self._set_webhook
        h["getwebhookinfo"] = self._get_webhook_info
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
        h["editmessagemedia"] = self._edit_message_media
        h["editmessagereplymarkup"] = self._edit_message_reply_markup
        h["deletemessage"] = self._delete_message
        h["pinchatmessage"] = self._pin_chat_message
        h["unpinchatmessage"] = self._unpin_chat_message
        h["answercallbackquery"] = self._answer_callback_query
        h["answerinlinequery"] = self._answer_inline_query
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
            "supports_inline_queries": True,  # inline mode on at @BotFather
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

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


# --------------------------------------------------------------------------- helpers


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
        {"user_id", "message_id", "data"[, "chat_id"]} for a callback query, or
        {"user_id", "inline_query"[, "offset", "chat_type"]} for "@bot words" in a chat."""
        body = await self._body(request)
        try:
            if isinstance(body.get("inline_query"), str) and "user_id" in body:
                query_id = self.s.inject_inline_query(
                    int(body["user_id"]),
                    body["inline_query"],
                    str(body.get("offset", "")),
                    chat_type=str(body.get("chat_type", "supergroup")),
                )
                return self._json({"ok": True, "inline_query_id": query_id})
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

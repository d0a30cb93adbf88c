"""Webhooks: setWebhook, deleteWebhook, getWebhookInfo, and pushing updates as Telegram does.

setWebhook is checked as Telegram checks it: an https URL, on port 443, 80, 88 or 8443,
``secret_token`` of 1-256 characters of ``A-Z a-z 0-9 _ -``, ``allowed_updates`` a JSON array,
``max_connections`` 1-100, and a host Telegram can reach. Tests cannot do TLS, so "reach" means
a forward (what a TLS-terminating reverse proxy does): ``server.forward("https://bot.example:8443",
"http://127.0.0.1:PORT")`` (or ``python -m fakebot --forward https://bot.example:8443=http://127.0.0.1:PORT``)
sends what Telegram would POST to ``https://bot.example:8443/PATH`` to
``http://127.0.0.1:PORT/PATH``; a webhook on a host without a forward is refused ("Failed to
resolve host").

While a webhook is set, getUpdates answers 409 and the queued updates are POSTed to it one at
a time, in order, with the ``X-Telegram-Bot-Api-Secret-Token`` header; an answer other than
2xx (or no answer) keeps the update queued, is recorded as ``last_error_date`` /
``last_error_message`` in getWebhookInfo and is retried after ``webhook_retry`` seconds.
Every attempt is listed in ``server.pushes``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
from dataclasses import dataclass, field

import aiohttp
from yarl import URL

from fakebot.methods.base import Server
from fakebot.model import JSON, ApiError, Params, bad_request

PORTS = (443, 80, 88, 8443)
SECRET = re.compile(r"[A-Za-z0-9_-]*")
ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
    "the webhook first"
)
TERMINATED = "Conflict: terminated by setWebhook request"
# Update types that Telegram sends only when asked for by name.
OPT_IN = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass
class WebhookState:
    """A webhook as set, and what getWebhookInfo reports about its deliveries."""

    url: str
    secret: str | None = None
    allowed_updates: list[str] | None = None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass
class Push:
    """One POST of an update to the webhook: the status it got (0: no answer) or error."""

    update_id: int
    url: str
    status: int
    error: str | None = None
    secret: str | None = field(default=None, repr=False)


def _origin(url: URL) -> tuple[str, int]:
    return (url.host or "", url.port or 443)


class WebhookMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def forward(self: Server, public: str, local: str) -> None:
        """Deliver what goes to ``public``'s host and port (``https://host:port``) to ``local``
        (``http://127.0.0.1:PORT``), the path kept: the fake's TLS-terminating proxy."""
        self._forwards[_origin(URL(public))] = str(URL(local).origin())

    @property
    def webhook(self: Server) -> WebhookState | None:
        """The webhook set, or None (getUpdates mode)."""
        return self._webhook

    def _set_webhook(self: Server, p: Params) -> bool:
        raw = (p.get_str("url") or "").strip()
        if not raw:  # setWebhook with an empty URL removes it, as deleteWebhook does
            self._drop_webhook(p.get_bool("drop_pending_updates"))
            return True
        url = URL(raw)
        if url.scheme != "https" or not url.host:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if (url.port or 443) not in PORTS:
            raise bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        if _origin(url) not in self._forwards:
            raise bad_request("bad webhook: Failed to resolve host: Name or service not known")
        secret = p.get_str("secret_token") or None
        if secret is not None:
            if len(secret) > 256:
                raise bad_request("secret token is too long")
            if not SECRET.fullmatch(secret):
                raise bad_request("secret token contains unallowed characters")
        allowed: list[str] | None = None
        if p.has("allowed_updates"):
            value = p.get_json("allowed_updates")
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise bad_request("can't parse allowed_updates JSON object")
            allowed = list(value)
        max_connections = p.get_int("max_connections") or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        if p.get_bool("drop_pending_updates"):
            self._updates.clear()
        self._webhook = WebhookState(
            url=raw, secret=secret, allowed_updates=allowed, max_connections=max_connections
        )
        self._poll_generation += 1  # a long poll waiting now ends with a 409
        self._wake()
        if self._pusher is None or self._pusher.done():
            self._pusher = asyncio.get_running_loop().create_task(self._push_loop())
        return True

    def _delete_webhook(self: Server, p: Params) -> bool:
        self._drop_webhook(p.get_bool("drop_pending_updates"))
        return True

    def _drop_webhook(self: Server, drop_pending: bool) -> None:
        self._webhook = None
        if drop_pending:
            self._updates.clear()
        self._wake()  # the pusher sees it is gone

    def _get_webhook_info(self: Server, p: Params) -> JSON:
        hook = self._webhook
        info: JSON = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if hook is not None:
            info["max_connections"] = hook.max_connections
            if hook.allowed_updates is not None:
                info["allowed_updates"] = hook.allowed_updates
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        return info

    def _check_no_webhook(self: Server) -> None:
        """getUpdates is refused while a webhook is set."""
        if self._webhook is not None:
            raise ApiError(409, ACTIVE)

    async def _stop_pusher(self: Server) -> None:
        task, self._pusher = self._pusher, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _push_loop(self: Server) -> None:
        """POST queued updates to the webhook, one at a time, until it is deleted."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
            while not self._closing:
                hook = self._webhook
                if hook is None:
                    return
                update = self._next_pushable(hook)
                if update is None:
                    event = self._change_event()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(event.wait(), 0.5)
                    continue
                if await self._push(session, hook, update):
                    if self._updates and self._updates[0] is update:
                        self._updates.popleft()
                    self._wake()
                else:
                    await asyncio.sleep(self.webhook_retry)

    def _next_pushable(self: Server, hook: WebhookState) -> JSON | None:
        """The first queued update of a type the webhook asked for (others are dropped)."""
        while self._updates:
            update = self._updates[0]
            kind = next((k for k in update if k != "update_id"), "")
            wanted = hook.allowed_updates
            if (wanted and kind in wanted) or (not wanted and kind not in OPT_IN):
                return update
            self._updates.popleft()
        return None

    async def _push(
        self: Server, session: aiohttp.ClientSession, hook: WebhookState, update: JSON
    ) -> bool:
        """One POST; True when the webhook answered 2xx."""
        url = URL(hook.url)
        target = self._forwards.get(_origin(url))
        headers = {"Content-Type": "application/json"}
        if hook.secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret
        status, error = 0, None
        if target is None:
            error = "Failed to resolve host: Name or service not known"
        else:
            local = URL(target).with_path(url.path or "/").with_query(url.query)
            body = json.dumps(update, ensure_ascii=False).encode()
            try:
                async with session.post(local, data=body, headers=headers) as response:
                    status = response.status
                    if not 200 <= status < 300:
                        error = f"Wrong response from the webhook: {status} {response.reason}"
            except (aiohttp.ClientError, TimeoutError, OSError) as exc:
                error = (
                    "Connection refused"
                    if isinstance(exc, aiohttp.ClientConnectorError)
                    else (f"Connection failed: {type(exc).__name__}")
                )
        self.pushes.append(Push(int(update["update_id"]), hook.url, status, error, hook.secret))
        if error is not None:
            hook.last_error_date = int(time.time())
            hook.last_error_message = error
            return False
        return True

"""The fake Bot API's webhooks: setWebhook checked as Telegram checks it, getUpdates refused
while one is set, updates pushed in order with the secret and retried on errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
import pytest_asyncio
from aiohttp import web
from fakebot.methods.webhook import ACTIVE, TERMINATED
from fakebot.server import FakeBotServer

PUBLIC = "https://bot.example.com:8443"


async def call(fake: FakeBotServer, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    """A Bot API call as JSON, its status and body."""
    url = f"{fake.base_url}/bot{fake.token}/{method}"
    async with aiohttp.ClientSession() as s, s.post(url, json=params) as r:
        return r.status, await r.json()


class Receiver:
    """A webhook endpoint that answers with the statuses it is given, then 200."""

    def __init__(self) -> None:
        self.got: list[tuple[str | None, dict[str, Any]]] = []
        self.statuses: list[int] = []
        self.runner: web.AppRunner | None = None
        self.port = 0

    async def handle(self, request: web.Request) -> web.Response:
        self.got.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response(status=self.statuses.pop(0) if self.statuses else 200)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/hook/path", self.handle)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


@pytest_asyncio.fixture
async def receiver(fake_bot: FakeBotServer) -> AsyncIterator[Receiver]:
    r = Receiver()
    await r.start()
    fake_bot.forward(PUBLIC, f"http://127.0.0.1:{r.port}")
    try:
        yield r
    finally:
        assert r.runner is not None
        await r.runner.cleanup()


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"url": "http://bot.example.com/hook"}, "An HTTPS URL must be provided"),
        ({"url": "https://bot.example.com:8080/hook"}, "only on ports 80, 88, 443 or 8443"),
        ({"url": "https://nowhere.example.com/hook"}, "Failed to resolve host"),
        ({"url": PUBLIC + "/h", "secret_token": "a b"}, "secret token contains unallowed"),
        ({"url": PUBLIC + "/h", "secret_token": "x" * 257}, "secret token is too long"),
        ({"url": PUBLIC + "/h", "allowed_updates": "message"}, "can't parse allowed_updates"),
        ({"url": PUBLIC + "/h", "max_connections": 101}, "max_connections"),
    ],
)
async def test_set_webhook_is_checked_like_telegram(
    fake_bot: FakeBotServer, receiver: Receiver, params: dict[str, Any], description: str
) -> None:
    status, body = await call(fake_bot, "setWebhook", **params)
    assert status == 400 and description in body["description"]
    assert fake_bot.webhook is None


async def test_get_updates_conflicts_with_a_webhook(
    fake_bot: FakeBotServer, receiver: Receiver
) -> None:
    polling = asyncio.create_task(call(fake_bot, "getUpdates", timeout=5))
    await asyncio.sleep(0.2)
    status, _ = await call(fake_bot, "setWebhook", url=PUBLIC + "/hook/path", secret_token="s")
    assert status == 200
    assert await asyncio.wait_for(polling, 3) == (
        409,
        {"ok": False, "error_code": 409, "description": TERMINATED},
    )
    status, body = await call(fake_bot, "getUpdates")
    assert status == 409 and body["description"] == ACTIVE
    assert ACTIVE.startswith("Conflict: can't use getUpdates method while webhook is active")
    status, _ = await call(fake_bot, "deleteWebhook")
    assert status == 200
    assert await call(fake_bot, "getUpdates") == (200, {"ok": True, "result": []})


async def test_updates_are_pushed_in_order_with_the_secret_and_retried(
    fake_bot: FakeBotServer, receiver: Receiver
) -> None:
    receiver.statuses = [500, 403]  # the first update is refused twice
    fake_bot.webhook_retry = 0.05
    first = fake_bot.inject_message(1, "/start")
    second = fake_bot.inject_message(1, "/help")
    status, _ = await call(
        fake_bot,
        "setWebhook",
        url=PUBLIC + "/hook/path",
        secret_token="s3cret_-",
        allowed_updates=["message"],
    )
    assert status == 200
    for _ in range(100):
        if len(receiver.got) == 4:
            break
        await asyncio.sleep(0.05)
    ids = [u["update_id"] for _, u in receiver.got]
    assert ids == [first["update_id"]] * 3 + [second["update_id"]]
    assert {secret for secret, _ in receiver.got} == {"s3cret_-"}
    assert [p.status for p in fake_bot.pushes] == [500, 403, 200, 200]
    _, info = await call(fake_bot, "getWebhookInfo")
    result = info["result"]
    assert result["url"] == PUBLIC + "/hook/path" and result["pending_update_count"] == 0
    assert result["last_error_message"] == "Wrong response from the webhook: 403 Forbidden"
    assert result["allowed_updates"] == ["message"]


async def test_types_not_allowed_are_not_pushed_and_pending_can_be_dropped(
    fake_bot: FakeBotServer, receiver: Receiver
) -> None:
    fake_bot.webhook_retry = 0.05
    receiver.statuses = [503] * 1000  # the bot is down: updates wait
    status, _ = await call(
        fake_bot, "setWebhook", url=PUBLIC + "/hook/path", allowed_updates=["callback_query"]
    )
    assert status == 200
    fake_bot.inject_message(1, "hello")  # a message: not asked for, dropped
    fake_bot.inject_update({"callback_query": {"id": "1", "from": {"id": 1}, "data": "x"}})
    await asyncio.sleep(0.3)
    assert {u.get("callback_query", {}).get("id") for _, u in receiver.got} == {"1"}
    _, info = await call(fake_bot, "getWebhookInfo")
    assert info["result"]["pending_update_count"] == 1
    assert info["result"]["last_error_message"].startswith("Wrong response from the webhook: 503")
    status, _ = await call(fake_bot, "deleteWebhook", drop_pending_updates=True)
    assert status == 200 and fake_bot.webhook is None
    _, info = await call(fake_bot, "getWebhookInfo")
    assert info["result"] == {"url": "", "has_custom_certificate": False, "pending_update_count": 0}

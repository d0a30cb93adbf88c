"""newsbot's one HTTP server: Telegram's webhook, `/healthz` and `/metrics`.

In webhook mode it listens on WEBHOOK_LISTEN:WEBHOOK_PORT (behind the TLS-terminating proxy
that WEBHOOK_URL points at) and takes Telegram's POSTs on WEBHOOK_URL's path; otherwise, with
METRICS_PORT set, it serves only `/healthz` and `/metrics` on METRICS_HOST:METRICS_PORT.

- POST <webhook path>: the `X-Telegram-Bot-Api-Secret-Token` header must equal WEBHOOK_SECRET
  (compared in constant time), else 403 and nothing happens; a body that is not a JSON object
  (or one nested too deeply to parse) is a 400, and so is one whose `update_id` is not an
  integer from 1 to 2^63-1 (Telegram's are positive; a forged 0, negative or huge one must
  not reach the fleet's record of updates seen, `seen_updates`); otherwise the update goes
  to `updates`
  (which puts it on the Application's queue) and Telegram gets a 200, or a 503 while the bot
  is not taking updates (Telegram retries).
- GET /healthz: 200 and "ok ..." when `health` finds nothing wrong, else 503 and the problems,
  one a line.
- GET /metrics: the Prometheus registry of bot.ops.metrics.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from bot.models import INT64_MAX
from bot.ops.metrics import REGISTRY

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024  # Telegram's updates are far smaller; anything bigger is refused


def is_update_id(value: object) -> bool:
    """Whether `value` is an update_id Telegram may send: a positive integer (one that the
    store's 64-bit columns hold)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= INT64_MAX


@dataclass(slots=True)
class Health:
    """What /healthz says: `ok`, and the lines that explain it."""

    ok: bool
    lines: list[str] = field(default_factory=list)


UpdateSink = Callable[[dict[str, Any]], Awaitable[bool]]  # False: not taking updates now
HealthCheck = Callable[[], Awaitable[Health]]


@dataclass(frozen=True, slots=True)
class Webhook:
    """Where Telegram's POSTs arrive, the secret they must carry, and where they go."""

    path: str
    secret: str
    updates: UpdateSink


class OpsServer:
    """The aiohttp server; `start()` listens, `stop()` closes it (both idempotent)."""

    def __init__(
        self,
        host: str,
        port: int,
        *,
        health: HealthCheck,
        webhook: Webhook | None = None,
        registry: CollectorRegistry = REGISTRY,
    ) -> None:
        self.host = host
        self.port = port
        self.health = health
        self.webhook = webhook
        self.registry = registry
        self._runner: web.AppRunner | None = None

    def make_app(self) -> web.Application:
        """The routes (also used by tests through aiohttp's test client)."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        if self.webhook is not None:
            app.router.add_post(self.webhook.path, self._update)
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        return app

    async def start(self) -> None:
        """Listen on host:port (port 0 picks a free one; `port` then holds it)."""
        if self._runner is not None:
            return
        runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port, reuse_address=True)
            await site.start()
        except BaseException:
            await runner.cleanup()
            raise
        self._runner = runner
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            self.port = int(server.sockets[0].getsockname()[1])
        what = "webhook, /healthz, /metrics" if self.webhook else "/healthz, /metrics"
        log.info("serving %s on %s:%d", what, self.host, self.port)

    async def stop(self) -> None:
        """Stop listening; requests being answered get a moment to finish."""
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    async def _update(self, request: web.Request) -> web.Response:
        webhook = self.webhook
        assert webhook is not None
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), webhook.secret.encode()):
            log.warning("refused a webhook request from %s: wrong secret", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except ValueError:
            return web.Response(status=400, text="not JSON")
        except RecursionError:  # [[[...]]] deeper than the parser goes: no real update
            log.warning("refused a webhook request from %s: JSON nested too deeply", request.remote)
            return web.Response(status=400, text="JSON nested too deeply")
        if not isinstance(data, dict):
            return web.Response(status=400, text="not a JSON object")
        if not is_update_id(data.get("update_id")):
            log.warning(
                "refused a webhook request from %s: update_id %.40r is not one Telegram sends",
                request.remote,
                data.get("update_id"),
            )
            return web.Response(status=400, text="update_id is not a positive integer")
        if not await webhook.updates(data):
            return web.Response(status=503, text="not taking updates now")
        return web.Response(status=200)

    async def _healthz(self, request: web.Request) -> web.Response:
        try:
            health = await self.health()
        except Exception as exc:  # the store unreachable, say: that is unhealthy too
            log.warning("health check failed: %s", exc)
            health = Health(ok=False, lines=[f"health check failed: {type(exc).__name__}"])
        body = "\n".join(health.lines) + "\n"
        return web.Response(status=200 if health.ok else 503, text=body)

    async def _metrics(self, request: web.Request) -> web.Response:
        body = generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

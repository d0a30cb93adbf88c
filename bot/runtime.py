"""Long-lived resources and background work, shared by `run` and `run --dry-run`."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import time
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

import httpx

from bot.config import SettingError, Settings
from bot.delivery.broadcast import KIND as BROADCAST_KIND
from bot.delivery.broadcast import broadcast_source
from bot.delivery.broadcast_progress import BroadcastProgress
from bot.delivery.digest_scheduler import DigestScheduler
from bot.delivery.http import on_wire
from bot.delivery.limiter import NoLimiter, RateLimiter
from bot.delivery.poller import Poller
from bot.delivery.replies import FLEET_BURST
from bot.delivery.sender import Sender
from bot.delivery.transport import Transport
from bot.ingest.service import Ingestor, make_http_client
from bot.logs import FailureLog
from bot.models import utcnow
from bot.ops import metrics
from bot.ops.health import find_problems, thresholds
from bot.ops.server import Health, OpsServer, Webhook
from bot.ops.watchdog import Watchdog
from bot.render import Renderer, make_environment
from bot.store.store import Store

log = logging.getLogger(__name__)

# A holder killed without a clean stop on another host leaves a lease that expires within
# LEASE_TTL of its last renewal; a standby asking every STANDBY_RETRY takes over within
# LEASE_TTL + STANDBY_RETRY (10 s) of the kill. A holder stalled past LEASE_TTL (two renewals
# missed) may have lost the lease and stops (see `_renew_lease`).
LEASE_TTL = timedelta(seconds=9)
RENEW_EVERY = 3.0
STANDBY_RETRY = 1.0
# A background loop that fails (the store out of reach for a moment) starts again after a
# pause that grows from the first to the last; /healthz names it while it keeps failing.
RESTART_PAUSES = (1.0, 2.0, 5.0, 10.0, 30.0)
SEEN_UPDATES_FOR = timedelta(hours=1)  # webhook updates remembered to be handled once
FAILING_FOR = 60.0  # seconds after its last failure a loop still counts as failing
STOP_GRACE = 5.0  # seconds for the requests in flight at a stop to be answered and recorded


def make_limiter(settings: Settings, *, dry_run: bool = False) -> RateLimiter:
    """The limits on sending, shared by the sender and by replies to commands (see
    bot.delivery.replies); made before the Runtime, as the Bot that replies needs it first."""
    if dry_run:
        return NoLimiter()
    rate = settings.paid_broadcast_rate if settings.allow_paid_broadcast else settings.global_rate
    if settings.webhook_url is not None:
        # Several instances may answer the webhook: the ones not holding the lease reply from
        # a budget of FLEET_REPLY_RATE shared through the store (bot.delivery.replies), and
        # its burst of one.
        rate -= settings.fleet_reply_rate + FLEET_BURST
    return RateLimiter(
        global_per_second=rate,
        private_per_second=settings.private_rate,
        group_per_minute=settings.group_rate_per_minute,
    )


def listen_problem(exc: OSError, names: tuple[str, str], host: str, port: int) -> str:
    """Why the HTTP server cannot listen, naming the setting to change (`names`: the host's
    and the port's)."""
    host_key, port_key = names
    if isinstance(exc, socket.gaierror):
        return f"{host_key} {host}: no such host ({exc.strerror})"
    if exc.errno == errno.EADDRINUSE:
        return f"{port_key} {port} is in use on {host} (another program listens there)"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host_key} {host} is not an address of this host"
    if exc.errno == errno.EACCES:
        return f"{port_key} {port}: not allowed to listen there (below 1024 needs privileges)"
    return f"cannot listen on {host_key}:{port_key} {host}:{port}: {exc.strerror or exc}"


class Runtime:
    """The store, the HTTP client and the fetcher, poller and sender built on them.

    `await Runtime.create(...)` opens the resources (migrating the store) and returns the
    whole of it; `serve()` starts the HTTP server (webhook, /healthz, /metrics);
    `start_fetcher()` launches the fetcher, which every instance runs; the loops of the lease
    holder (`start_leader()`) start once `take_lease()` returns, or in the background with
    `lead_when_leased()`; `stop()` stops the server, cancels the loops, then closes the
    resources.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        dry_run: bool,
        store: Store,
        renderer: Renderer,
        http: httpx.AsyncClient,
        transport: Transport,
        limiter: RateLimiter,
    ) -> None:
        """Builds the workers on resources that are open already; see `create`."""
        s = settings
        self.settings = settings
        self.dry_run = dry_run
        self.store = store
        self.renderer = renderer
        self.http = http
        self.transport = transport
        self.limiter = limiter
        self.ingestor = Ingestor(
            store,
            http,
            timeout=s.fetch_timeout,
            max_bytes=s.fetch_max_bytes,
            concurrency=s.fetch_concurrency,
            keyword_tagging=s.keyword_tagging,
            name=f"{s.instance_name}:{os.getpid()}",
            breaking_categories=s.breaking_categories,
        )
        self.sender = self._make_sender()
        self.poller = Poller(
            store,
            max_age_hours=s.max_article_age_hours,
            on_enqueued=self.sender.wake,
            keyword_tagging=s.keyword_tagging,
            recall_days=s.recall_days,
            pin_breaking=s.pin_breaking,
        )
        self.ingestor.on_stored = self.poller.wake  # a story fetched here is routed at once
        store.lease.rename(s.instance_name)  # the lease names the instance, not just the host
        self.watchdog = Watchdog(
            store,
            self.notify_admin,
            s.admin_ids,
            thresholds=thresholds(s),
            interval=s.watchdog_interval,
        )
        self.digests = self._make_digests()
        self.broadcast_progress = BroadcastProgress(store, transport.edit_html)
        self._tasks: list[asyncio.Task[None]] = []
        self._crashed: list[str] = []
        self._failed_at: dict[str, float] = {}  # loop name -> monotonic time of its last failure
        # monotonic time until which the lease is surely ours (renewed, minus a margin);
        # 0: not the holder. The sender sends only before it (`holds_lease`).
        self._lease_until = 0.0
        self._clock: Callable[[], float] = time.monotonic  # the lease's clock
        self.leader = False
        self.server: OpsServer | None = None

    def _make_sender(self) -> Sender:
        s = self.settings
        sender = Sender(
            self.store,
            self.transport,
            self.renderer,
            self.limiter,
            concurrency=s.send_concurrency,
            max_attempts=s.max_send_attempts,
            outage_budget=timedelta(hours=min(s.send_retry_hours, s.max_article_age_hours)),
            language=s.channel_language,
            pin_breaking=s.pin_breaking,
        )
        sender.register_kind(BROADCAST_KIND, broadcast_source(self.store))
        return sender

    def _make_digests(self) -> DigestScheduler:
        s = self.settings
        return DigestScheduler(
            self.store,
            self.renderer,
            self.sender,
            timezone=s.timezone,
            max_per_topic=s.digest_max_per_topic,
            more_url=s.digest_more_url,
            max_age_hours=s.max_article_age_hours,
            # a couple of seconds of sending: digests never queue up in front of instant stories
            backlog=max(10, int(2 * s.global_rate)),
        )

    @classmethod
    async def create(
        cls,
        settings: Settings,
        transport: Transport,
        *,
        dry_run: bool = False,
        limiter: RateLimiter | None = None,
    ) -> Runtime:
        """Open the store (migrating it) and the HTTP client, and build the workers on them.

        A TEMPLATES_DIR that is not a folder fails before the store is touched; anything
        failing after it opened closes what was opened.
        """
        make_environment(settings.templates_dir)
        store = Store(settings.database_url)
        await store.open(migrate=True)
        http: httpx.AsyncClient | None = None
        try:
            renderer = Renderer(settings.templates_dir, topics=await store.topics.all())
            http = make_http_client(settings.fetch_timeout)
            return cls(
                settings,
                dry_run=dry_run,
                store=store,
                renderer=renderer,
                http=http,
                transport=transport,
                limiter=limiter if limiter is not None else make_limiter(settings, dry_run=dry_run),
            )
        except BaseException:
            if http is not None:
                await http.aclose()
            await store.close()
            raise

    async def take_lease(self) -> None:
        """Become the store's one sender; while another newsbot holds the store, stand by.

        The lease is renewed every few seconds; a crashed holder's lease frees at once on the
        same host (its process is gone) and within LEASE_TTL elsewhere.
        """
        waiting = False
        while True:
            started = self._clock()
            holder = await self.store.lease.acquire(utcnow(), LEASE_TTL)
            if holder is None:
                break
            if not waiting:
                log.warning(
                    "another newsbot (%s) is sending from this store; standing by until it stops",
                    holder.describe(),
                )
                waiting = True
            await asyncio.sleep(STANDBY_RETRY)
        if waiting:
            log.warning("the other newsbot is gone; taking over")
        self._leased(started)
        self.sender.register_gate(self.holds_lease)
        self._spawn("lease", self._renew_lease)

    def _leased(self, asked: float) -> None:
        """The store's lease was ours when asked at `asked` (monotonic): it is surely ours
        until LEASE_TTL after that, less a margin for clocks and the request's way."""
        self._lease_until = asked + LEASE_TTL.total_seconds() * 2 / 3

    def holds_lease(self) -> bool:
        """Whether this instance surely still holds the store's lease: a holder stalled past
        it (suspended, or its store out of reach) sends nothing more, as another instance may
        have taken over meanwhile."""
        return self._clock() < self._lease_until

    async def _renew_lease(self) -> None:
        while True:
            await asyncio.sleep(RENEW_EVERY)
            asked = self._clock()
            holder = await self.store.lease.acquire(utcnow(), LEASE_TTL)
            if holder is not None:  # we were stalled past the TTL and someone took over
                self._lease_until = 0.0
                log.critical("lost the store to %s; stopping", holder.describe())
                os.kill(os.getpid(), signal.SIGTERM)
                return
            self._leased(asked)

    def lead_when_leased(self) -> None:
        """Wait for the lease in the background and start the holder's loops once it is ours
        (webhook mode: the instance answers updates meanwhile)."""
        self._spawn("lease-wait", self._lead_when_leased)

    async def _lead_when_leased(self) -> None:
        await self.take_lease()
        self.start_leader()

    def start_fetcher(self) -> None:
        """Launch the source fetcher: every instance runs it (claims keep it fleet-safe)."""
        self._spawn("fetcher", self.ingestor.run)

    def start_leader(self) -> None:
        """Launch the lease holder's loops: poller, sender, digest scheduler, housekeeping,
        broadcast progress and (with ADMIN_IDS) the watchdog."""
        self.leader = True
        self._spawn("poller", lambda: self.poller.run(self.settings.poll_interval))
        self._spawn("sender", self.sender.run)
        self._spawn("digests", lambda: self.digests.run(self.settings.digest_tick))
        self._spawn("housekeeping", self._housekeeping)
        self._spawn("broadcast-progress", self.broadcast_progress.run)
        if self.settings.admin_ids:
            self._spawn("watchdog", self.watchdog.run)
        log.info("instance %s holds the store's lease: sending", self.settings.instance_name)

    @property
    def loops(self) -> list[str]:
        """The names of the background loops running now ("fetcher", "sender" ...)."""
        return [task.get_name() for task in self._tasks if not task.done()]

    async def serve(self, webhook: Webhook | None = None) -> None:
        """Start the HTTP server: with `webhook`, on WEBHOOK_LISTEN:WEBHOOK_PORT with the
        webhook, /healthz and /metrics; without, on METRICS_HOST:METRICS_PORT (when set) with
        /healthz and /metrics."""
        s = self.settings
        if self.server is not None:
            return
        if webhook is not None:
            names = ("WEBHOOK_LISTEN", "WEBHOOK_PORT")
            server = OpsServer(
                s.webhook_listen, s.webhook_port, health=self.health, webhook=webhook
            )
        elif s.metrics_port is not None:
            names = ("METRICS_HOST", "METRICS_PORT")
            server = OpsServer(s.metrics_host, s.metrics_port, health=self.health)
        else:
            return
        try:
            await server.start()
        except OSError as exc:
            raise SettingError(listen_problem(exc, names, server.host, server.port)) from None
        self.server = server

    async def health(self) -> Health:
        """What /healthz says: the watchdog's checks (bot.ops.health) and this instance's
        loops; a background loop that died is a problem."""
        problems = [f"background task {name} stopped" for name in self._crashed]
        now = time.monotonic()
        problems.extend(
            f"background task {name} failing (started again after each failure)"
            for name, at in sorted(self._failed_at.items())
            if now - at < FAILING_FOR
        )
        found = await find_problems(self.store, now=utcnow(), thresholds=thresholds(self.settings))
        problems.extend(problem.line for problem in found)
        if problems:
            return Health(ok=False, lines=[f"PROBLEM: {line}" for line in problems])
        role = "leader" if self.leader else "standby"
        return Health(ok=True, lines=[f"ok {self.settings.instance_name} {role}"])

    async def _housekeeping(self) -> None:
        """Outbox gauges and the limiter's idle chats every few seconds; old sent and failed
        rows pruned every hour, and with them what quiet digests delivered as long ago."""
        retention = timedelta(days=self.settings.outbox_retention_days)
        last_prune = 0.0
        loop = asyncio.get_running_loop()
        failures = FailureLog(log, "housekeeping")
        while True:
            try:
                counts = await self.store.outbox.counts()
                metrics.BACKLOG.set(counts.get("pending", 0))
                oldest = await self.store.outbox.oldest_pending()
                metrics.OLDEST.set((utcnow() - oldest).total_seconds() if oldest else 0)
                self.limiter.forget_idle()  # else a window per chat ever sent to, for good
                if loop.time() - last_prune >= 3600:
                    last_prune = loop.time()
                    pruned = await self.store.outbox.prune(utcnow() - retention)
                    if pruned:
                        log.info("pruned %d old outbox rows", pruned)
                    await self.store.digests.prune_held(utcnow() - retention)
                    await self.store.seen_updates.forget(utcnow() - SEEN_UPDATES_FOR)
                failures.worked()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures.failed(exc)
            await asyncio.sleep(5)

    async def notify_admin(self, admin_id: int, text: str) -> None:
        """A message from the bot itself to one admin (the watchdog's alerts), within the
        limits the sender keeps."""
        slot = await self.limiter.acquire(admin_id, 0)
        with on_wire(slot.depart):
            await self.transport.send_html(admin_id, 0, text, silent=False, disable_preview=True)

    def _spawn(self, name: str, loop: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run a background loop as a task of that name, supervised (`_supervise`)."""
        task = asyncio.create_task(self._supervise(name, loop), name=name)
        task.add_done_callback(self._report_crash)
        self._tasks.append(task)

    async def _supervise(self, name: str, loop: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Run `loop()` until it ends or is cancelled; when it fails (the store out of reach
        for a moment, say), start it again after a pause (RESTART_PAUSES), the traceback
        logged on the first failure of a run of them, a line on the next ones."""
        failures = 0
        while True:
            try:
                await loop()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                now = time.monotonic()
                if now - self._failed_at.get(name, -FAILING_FOR) >= FAILING_FOR:
                    failures = 0  # a fresh run of failures after a quiet spell
                self._failed_at[name] = now
                pause = RESTART_PAUSES[min(failures, len(RESTART_PAUSES) - 1)]
                log.error(
                    "background task %s failed; starting it again in %.0fs",
                    name,
                    pause,
                    exc_info=failures == 0,
                )
                failures += 1
                await asyncio.sleep(pause)

    def _report_crash(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            self._crashed.append(task.get_name())
            log.error("background task %s stopped", task.get_name(), exc_info=task.exception())

    async def stop(self) -> None:
        """Stop the HTTP server, stop the sender (its requests in flight finish and are
        recorded, for up to STOP_GRACE seconds), cancel the loops, give the lease back, then
        close the HTTP client and the store (those two whatever happened before: an open
        connection keeps the process alive). The Bot's own HTTP client must still be open when
        this runs."""
        try:
            server, self.server = self.server, None
            if server is not None:
                await server.stop()
            await self.sender.stop(STOP_GRACE)
            for task in self._tasks:
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
            await self.limiter.close()
            if self.store.db.is_open:
                await self.store.lease.release()
        finally:
            await self.http.aclose()
            await self.store.close()

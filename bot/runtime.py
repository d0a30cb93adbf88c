"""Long-lived resources and background work, shared by `run` and `run --dry-run`."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

import httpx

from bot.config import Settings
from bot.delivery.broadcast import KIND as BROADCAST_KIND
from bot.delivery.broadcast import broadcast_source
from bot.delivery.digest_scheduler import DigestScheduler
from bot.delivery.limiter import NoLimiter, RateLimiter
from bot.delivery.poller import Poller
from bot.delivery.sender import Sender
from bot.delivery.transport import Transport
from bot.ingest.service import Ingestor, make_http_client
from bot.models import utcnow
from bot.ops import metrics
from bot.ops.health import thresholds
from bot.ops.watchdog import Watchdog
from bot.render import Renderer
from bot.store.store import Store

log = logging.getLogger(__name__)

LEASE_TTL = timedelta(seconds=15)


class Runtime:
    """The store, the HTTP client and the fetcher, poller and sender built on them.

    `start()` opens resources (migrating the store) and `stop()` closes them; `start_background()`
    launches the loops, which `stop()` cancels first.
    """

    def __init__(self, settings: Settings, *, dry_run: bool = False) -> None:
        self.settings = settings
        self.dry_run = dry_run
        self.store = Store(settings.database_path)
        self.renderer = Renderer(settings.templates_dir)
        self.http: httpx.AsyncClient | None = None
        self.ingestor: Ingestor | None = None
        self.poller: Poller | None = None
        self.sender: Sender | None = None
        self.watchdog: Watchdog | None = None
        self.transport: Transport | None = None
        self.digests: DigestScheduler | None = None
        # Shared by the sender and by replies to commands (see bot.delivery.replies).
        self.limiter: RateLimiter = (
            NoLimiter()
            if dry_run
            else RateLimiter(
                global_per_second=(
                    settings.paid_broadcast_rate
                    if settings.allow_paid_broadcast
                    else settings.global_rate
                ),
                private_per_second=settings.private_rate,
                group_per_minute=settings.group_rate_per_minute,
            )
        )
        self._tasks: list[asyncio.Task[None]] = []
        self._metrics_served = False

    async def start(self, transport: Transport) -> None:
        """Open the store and the HTTP client; build the workers."""
        s = self.settings
        await self.store.open(migrate=True)
        self.renderer = Renderer(s.templates_dir, topics=await self.store.topics.all())
        self.http = make_http_client(s.fetch_timeout)
        self.ingestor = Ingestor(
            self.store,
            self.http,
            timeout=s.fetch_timeout,
            max_bytes=s.fetch_max_bytes,
            concurrency=s.fetch_concurrency,
            keyword_tagging=s.keyword_tagging,
        )
        self.sender = Sender(
            self.store,
            transport,
            self.renderer,
            self.limiter,
            concurrency=s.send_concurrency,
            max_attempts=s.max_send_attempts,
            language=s.channel_language,
        )
        self.sender.register_kind(BROADCAST_KIND, broadcast_source(self.store))
        self.poller = Poller(
            self.store,
            max_age_hours=s.max_article_age_hours,
            on_enqueued=self.sender.wake,
            keyword_tagging=s.keyword_tagging,
        )
        self.transport = transport
        self.watchdog = Watchdog(
            self.store,
            self.notify_admin,
            s.admin_ids,
            thresholds=thresholds(s),
            interval=s.watchdog_interval,
        )
        self.digests = DigestScheduler(
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

    async def take_lease(self) -> None:
        """Become the store's one sender; while another newsbot holds the store, stand by.

        The lease is renewed every few seconds; a crashed holder's lease frees at once on the
        same host (its process is gone) and within LEASE_TTL elsewhere.
        """
        waiting = False
        while True:
            holder = await self.store.lease.acquire(utcnow(), LEASE_TTL)
            if holder is None:
                break
            if not waiting:
                log.warning(
                    "another newsbot (%s) is sending from this store; standing by until it stops",
                    holder.describe(),
                )
                waiting = True
            await asyncio.sleep(LEASE_TTL.total_seconds() / 5)
        if waiting:
            log.warning("the other newsbot is gone; taking over")
        self._spawn("lease", self._renew_lease())

    async def _renew_lease(self) -> None:
        while True:
            await asyncio.sleep(LEASE_TTL.total_seconds() / 3)
            holder = await self.store.lease.acquire(utcnow(), LEASE_TTL)
            if holder is not None:  # we were stalled past the TTL and someone took over
                log.critical("lost the store to %s; stopping", holder.describe())
                os.kill(os.getpid(), signal.SIGTERM)
                return

    def start_background(self) -> None:
        """Launch the fetcher, the poller, the sender and the digest scheduler as tasks."""
        assert self.ingestor and self.poller and self.sender and self.digests
        self._spawn("fetcher", self.ingestor.run())
        self._spawn("poller", self.poller.run(self.settings.poll_interval))
        self._spawn("sender", self.sender.run())
        self._spawn("digests", self.digests.run(self.settings.digest_tick))
        self._spawn("housekeeping", self._housekeeping())
        if self.settings.metrics_port is not None and not self._metrics_served:
            metrics.serve(self.settings.metrics_port, self.settings.metrics_host)
            self._metrics_served = True
        if self.watchdog is not None and self.settings.admin_ids:
            self._spawn("watchdog", self.watchdog.run())

    async def _housekeeping(self) -> None:
        """Outbox gauges and the limiter's idle chats every few seconds; old sent and failed
        rows pruned every hour."""
        retention = timedelta(days=self.settings.outbox_retention_days)
        last_prune = 0.0
        loop = asyncio.get_running_loop()
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
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("housekeeping failed")
            await asyncio.sleep(5)

    async def notify_admin(self, admin_id: int, text: str) -> None:
        """A message from the bot itself to one admin (the watchdog's alerts), within the
        limits the sender keeps."""
        assert self.transport is not None
        await self.limiter.acquire(admin_id, 0)
        await self.transport.send_html(admin_id, 0, text, silent=False, disable_preview=True)

    def _spawn(self, name: str, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro, name=name)
        task.add_done_callback(self._report_crash)
        self._tasks.append(task)

    @staticmethod
    def _report_crash(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("background task %s stopped", task.get_name(), exc_info=task.exception())

    async def stop(self) -> None:
        """Cancel the loops, give the lease back, then close the HTTP client and the store
        (those two whatever happened before: an open connection keeps the process alive)."""
        try:
            for task in self._tasks:
                task.cancel()
            if self._tasks:
                await asyncio.gather(*self._tasks, return_exceptions=True)
            self._tasks.clear()
            await self.limiter.close()
            if self.store.db.is_open:
                await self.store.lease.release()
        finally:
            if self.http is not None:
                await self.http.aclose()
                self.http = None
            await self.store.close()

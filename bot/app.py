"""Composition root: the Application, its handlers and background work.

Order of things, as python-telegram-bot runs them:
1. `build_application()` creates the Application with TELEGRAM_API_URL as its base URL (its
   bot a `NewsBot`, whose getUpdates skips, logs and records updates the library cannot
   read: bot.telegram.updates) and registers the handlers through bot.telegram.registry
   (admin commands, /digest and /quiet, reader commands, the error handler last: it logs
   and reports errors to admins, at most one report a minute). Initializing it asks
   Telegram who the bot is (getMe); while the Bot API cannot be reached, that is tried
   again, 1 s apart and half as long again each time up to 30 s, a warning line each time,
   until it answers or the bot is stopped (`BOOT_RETRIES`, `initialize`).
2. `post_init` opens the long-lived resources (store, HTTP client) and builds the workers on
   them through `Runtime.create` (the rate limiter, which the Bot's replies share, comes
   before it, from `make_limiter`), sets the command menus (English and Ukrainian; admins
   get theirs in their own chats; a failure is logged, not fatal), starts the HTTP server
   (bot.ops.server: the webhook with WEBHOOK_URL, /healthz and /metrics) and the source
   fetcher, which every instance runs. Then the store's sender lease decides the role: only
   its holder runs the store poller, outbox sender, digest scheduler, housekeeping,
   broadcast progress and watchdog.
   - Long polling (no WEBHOOK_URL): post_init waits for the lease (a second newsbot on the
     same store stands by here, fetching, until the first stops or its lease expires), so
     only the holder polls; python-telegram-bot's start_polling deletes any webhook first.
   - Webhook (WEBHOOK_URL): post_init does not wait; the lease is awaited in the background
     and the holder's loops start when it is won. `start_webhook` then starts the
     Application and calls setWebhook (URL, WEBHOOK_SECRET, registry.ALLOWED_UPDATES): every
     instance of a fleet answers the updates Telegram posts to it.
3. Updates reach the handlers (long polling or the webhook) while the loops run; Telegram is
   asked only for the update types in registry.ALLOWED_UPDATES. Updates of different chats
   are handled at the same time, one chat's in order (bot.telegram.processor): a reply
   waiting for its chat's pace keeps no other reader waiting.
4. On Ctrl-C / SIGTERM, `post_stop` stops the HTTP server and the sender (the requests
   already with Telegram finish and are recorded, for up to 5 seconds: a clean stop sends
   nothing twice), cancels the loops, gives the lease back and closes the resources.
   python-telegram-bot runs it after `Application.stop()` (which handles the updates already
   queued) and before `Application.shutdown()`, so the Bot's HTTP client is still open for
   those last requests; `stop_application` does the same in webhook mode.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import tempfile
from pathlib import Path
from typing import Any, cast

from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.config import Settings
from bot.delivery.http import AiohttpRequest
from bot.delivery.replies import FleetReplies, ReplyRateLimiter
from bot.delivery.transport import PrintTransport, TelegramTransport
from bot.models import utcnow
from bot.ops.server import Webhook
from bot.render import Renderer, make_environment
from bot.runtime import Runtime, make_limiter
from bot.store.copy import CopyError, copy_for_dry_run
from bot.telegram import registry
from bot.telegram.context import RUNTIME_KEY, NewsContext
from bot.telegram.processor import PerChatUpdateProcessor
from bot.telegram.updates import NewsBot, UpdateMonitor

log = logging.getLogger(__name__)

NewsApp = Application[Any, NewsContext, dict[Any, Any], dict[Any, Any], dict[str, Any], Any]


def build_application(settings: Settings) -> NewsApp:
    """The Application for `newsbot run`; needs BOT_TOKEN."""
    token = settings.token
    if not token:
        raise ValueError("BOT_TOKEN is not set (use --dry-run to run without Telegram)")
    make_environment(settings.templates_dir)  # a bad TEMPLATES_DIR fails before polling starts
    limiter = make_limiter(settings)
    monitor = UpdateMonitor()
    replies = ReplyRateLimiter(limiter)
    bot = _make_bot(settings, token, replies, monitor)

    async def post_init(app: NewsApp) -> None:
        runtime = await Runtime.create(
            settings,
            TelegramTransport(
                app.bot,
                paid_broadcast=settings.allow_paid_broadcast,
                send_timeout=settings.send_timeout,
            ),
            limiter=limiter,
        )
        app.bot_data[RUNTIME_KEY] = runtime
        monitor.attach(runtime.store.updates)
        if settings.webhook_url is not None:  # standbys answer too: their replies share a budget
            replies.fleet = FleetReplies(
                runtime.store.budgets, settings.fleet_reply_rate, lambda: not runtime.leader
            )
        try:
            await registry.set_commands(app.bot)
        except TelegramError as exc:
            log.warning("could not set the command menus: %s", exc)
        former = await runtime.store.menu_admins()
        await registry.set_admin_commands(app.bot, sorted(settings.admin_ids), former)
        await runtime.store.set_menu_admins(settings.admin_ids)
        webhook = _webhook(app, bot, settings) if settings.webhook_url else None
        await runtime.serve(webhook)
        runtime.start_fetcher()
        if webhook is not None:
            runtime.lead_when_leased()  # answers updates meanwhile
        else:
            await runtime.take_lease()  # only the holder polls: a second newsbot waits here
            runtime.start_leader()
        log.info("newsbot started as @%s (instance %s)", app.bot.username, settings.instance_name)

    async def stop_runtime(app: NewsApp) -> None:
        runtime = app.bot_data.get(RUNTIME_KEY)
        if isinstance(runtime, Runtime):  # None when post_init failed before it (create
            await runtime.stop()  # closes what it opened)

    # post_stop runs once the Application was running. A stop during start-up (standing by
    # for the lease, say) never runs it, and the open store's thread would keep the process
    # alive: post_shutdown stops the runtime too (a no-op after post_stop).

    context_types = ContextTypes(context=NewsContext)
    app: NewsApp = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(context_types)
        .concurrent_updates(PerChatUpdateProcessor())  # other chats go on while one waits
        .post_init(post_init)
        .post_stop(stop_runtime)
        .post_shutdown(stop_runtime)
        .build()
    )
    registry.register(app)  # admin, digest, reader commands; the error handler last
    return app


def _make_bot(
    settings: Settings, token: str, replies: ReplyRateLimiter, monitor: UpdateMonitor
) -> NewsBot:
    """The Bot on the aiohttp transport: replies share the sender's limiter."""
    api = settings.telegram_api_url
    return NewsBot(
        token,
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
        request=AiohttpRequest(connection_limit=max(64, settings.send_concurrency * 2)),
        get_updates_request=AiohttpRequest(connection_limit=1),
        rate_limiter=replies,
        monitor=monitor,
    )


def _webhook(app: NewsApp, bot: NewsBot, settings: Settings) -> Webhook:
    """The webhook's route: updates Telegram posts go on the Application's queue."""

    async def take(data: dict[str, Any]) -> bool:
        if not app.running:  # stopping (or not started): Telegram retries, here or elsewhere
            return False
        update = await bot.read_pushed(data)
        if update is None:
            return True
        seen = cast(Runtime, app.bot_data[RUNTIME_KEY]).store.seen_updates
        if not await seen.first_sight(update.update_id, utcnow()):
            log.info("update %s came again (another push of it): handled once", update.update_id)
            return True
        if not app.running:  # stopped meanwhile: for Telegram to push it again, here or there
            await seen.forget_one(update.update_id)
            return False
        app.update_queue.put_nowait(update)  # no await: a stop cannot slip in between
        return True

    assert settings.secret is not None  # Settings refuses WEBHOOK_URL without it
    return Webhook(path=settings.webhook_path, secret=settings.secret, updates=take)


BOOT_RETRIES = -1  # run_polling's bootstrap_retries: getMe is tried until Telegram answers
BOOT_DELAY_MAX = 30.0  # seconds between attempts at most, as python-telegram-bot's retry loop


async def initialize(app: NewsApp) -> None:
    """Initialize the Application, trying again while the Bot API cannot be reached (the
    webhook's counterpart of run_polling's bootstrap retries: 1 s, then half as long again
    each time, up to `BOOT_DELAY_MAX`); NewsBot.initialize logs each failure."""
    delay = 1.0
    while True:
        try:
            await app.initialize()
            return
        except NetworkError:
            await asyncio.sleep(delay)
            delay = min(BOOT_DELAY_MAX, delay * 1.5)


async def start_webhook(app: NewsApp, settings: Settings) -> None:
    """Initialize the Application, run post_init, start it and set the webhook."""
    await initialize(app)
    await _start_webhook(app, settings)


async def _start_webhook(app: NewsApp, settings: Settings) -> None:
    """Run post_init, start the initialized Application and set the webhook."""
    if app.post_init is not None:
        await app.post_init(app)
    await app.start()
    assert settings.webhook_url is not None
    await app.bot.set_webhook(
        settings.webhook_url,
        secret_token=settings.secret,
        allowed_updates=list(registry.ALLOWED_UPDATES),
    )
    log.info("webhook set: Telegram posts updates to %s", settings.webhook_url)


async def stop_application(app: NewsApp) -> None:
    """What run_polling does at its end: stop, post_stop, shutdown, post_shutdown."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
    await app.shutdown()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)


async def _serve_webhook(app: NewsApp, settings: Settings) -> None:
    """Webhook mode until Ctrl-C / SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    initializing = asyncio.ensure_future(initialize(app))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({initializing, stopping}, return_when=asyncio.FIRST_COMPLETED)
    stopping.cancel()
    if not initializing.done():  # stopped before Telegram could be reached: nothing runs yet
        initializing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await initializing
        log.info("stopped before the Bot API could be reached")
        return
    initializing.result()
    try:
        try:
            await _start_webhook(app, settings)
        except BadRequest as exc:  # a URL Telegram will not call: the operator's to fix
            log.error("Telegram refused the webhook %s: %s", settings.webhook_url, exc.message)
            raise SystemExit(1) from None
        await stop.wait()
    finally:
        await stop_application(app)


def run(settings: Settings) -> None:
    """Long polling, or the webhook with WEBHOOK_URL, until Ctrl-C / SIGTERM."""
    app = build_application(settings)
    if settings.webhook_url is not None:
        asyncio.run(_serve_webhook(app, settings))
        return
    app.run_polling(
        allowed_updates=list(registry.ALLOWED_UPDATES),
        drop_pending_updates=False,
        bootstrap_retries=BOOT_RETRIES,
    )


async def run_dry(settings: Settings, *, demo_file: str | None = None) -> None:
    """Everything but Telegram: stories are printed instead of sent, on a copy of the store
    (`copy_for_dry_run`, in a temporary folder) that is thrown away at the end: a dry run
    never marks the store's queued posts as sent, nor moves its digests or its poller."""
    with tempfile.TemporaryDirectory(prefix="newsbot-dry-run-") as folder:
        path = str(Path(folder) / "dry-run.db")
        try:
            await copy_for_dry_run(settings.database_url, path)
        except CopyError as exc:
            raise RuntimeError(f"--dry-run: {exc}") from None
        print(
            f"dry run: on a copy of the store {settings.database_label}, which is left as it is",
            flush=True,
        )
        await _run_dry(settings.model_copy(update={"database_url": f"sqlite:///{path}"}), demo_file)


async def _run_dry(settings: Settings, demo_file: str | None) -> None:
    runtime = await Runtime.create(
        settings, PrintTransport(Renderer(settings.templates_dir)), dry_run=True
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        if demo_file is not None:
            report = await runtime.ingestor.ingest_target(demo_file)
            print(report.line(), flush=True)
        if not await runtime.store.channels.all():
            if demo_file is not None:
                print("dry run: posting to a preview channel (chat 0)", flush=True)
                await runtime.store.channels.add(0)
            else:
                print("dry run: no channels yet (newsbot channel add CHAT_ID)", flush=True)
        await runtime.serve()  # /healthz and /metrics with METRICS_PORT
        runtime.start_fetcher()
        leased = asyncio.ensure_future(runtime.take_lease())
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait([leased, stopped], return_when=asyncio.FIRST_COMPLETED)
        if leased.done():
            runtime.start_leader()
            print("dry run: printing posts instead of sending them; Ctrl-C to stop", flush=True)
            await stopped
        leased.cancel()
    finally:
        await runtime.stop()

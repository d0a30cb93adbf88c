"""Composition root: the Application, its handlers and background work.

Order of things, as python-telegram-bot runs them:
1. `build_application()` creates the Application with TELEGRAM_API_URL as its base URL (its
   bot a `NewsBot`, whose getUpdates skips, logs and records updates the library cannot
   read: bot.telegram.updates) and registers the handlers through bot.telegram.registry
   (admin commands, /digest and /quiet, reader commands, the error handler last: it logs
   and reports errors to admins, at most one report a minute).
2. `post_init` opens the long-lived resources (store, HTTP client) and builds the workers on
   them through `Runtime.create` (the rate limiter, which the Bot's replies share, comes
   before it, from `make_limiter`), sets the command menus (English and Ukrainian; admins
   get theirs in their own chats; a failure is logged, not fatal), takes the store's sender
   lease (a second newsbot on the same store stands by here until the first stops), then
   starts the background loops: source fetcher, store poller, outbox sender, digest
   scheduler, watchdog; broadcasts still being sent get their progress message updated
   again.
3. Long polling delivers updates to handlers while the loops run; Telegram is asked only for
   the update types in registry.ALLOWED_UPDATES.
4. On Ctrl-C / SIGTERM, `post_stop` stops the sender (the requests already with Telegram
   finish and are recorded, for up to 5 seconds: a clean stop sends nothing twice), cancels
   the loops, gives the lease back and closes the resources. python-telegram-bot runs it
   after `Application.stop()` and before `Application.shutdown()`, so the Bot's HTTP client
   is still open for those last requests.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, ContextTypes

from bot.config import Settings
from bot.delivery.http import AiohttpRequest
from bot.delivery.limiter import RateLimiter
from bot.delivery.replies import ReplyRateLimiter
from bot.delivery.transport import PrintTransport, TelegramTransport
from bot.render import Renderer, make_environment
from bot.runtime import Runtime, make_limiter
from bot.telegram import registry
from bot.telegram.context import RUNTIME_KEY, NewsContext
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

    async def post_init(app: NewsApp) -> None:
        runtime = await Runtime.create(
            settings,
            TelegramTransport(app.bot, paid_broadcast=settings.allow_paid_broadcast),
            limiter=limiter,
        )
        app.bot_data[RUNTIME_KEY] = runtime
        monitor.attach(runtime.store.updates)
        try:
            await registry.set_commands(app.bot)
        except TelegramError as exc:
            log.warning("could not set the command menus: %s", exc)
        await registry.set_admin_commands(app.bot, sorted(settings.admin_ids))
        await runtime.take_lease()  # a second newsbot on the same store waits here
        runtime.start_background()
        log.info("newsbot started as @%s", app.bot.username)

    async def stop_runtime(app: NewsApp) -> None:
        runtime = app.bot_data.get(RUNTIME_KEY)
        if isinstance(runtime, Runtime):  # None when post_init failed before it (create
            await runtime.stop()  # closes what it opened)

    # post_stop runs once the Application was running. A stop during start-up (standing by
    # for the lease, say) never runs it, and the open store's thread would keep the process
    # alive: post_shutdown stops the runtime too (a no-op after post_stop).

    context_types = ContextTypes(context=NewsContext)
    bot = _make_bot(settings, token, limiter, monitor)
    app: NewsApp = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(context_types)
        .post_init(post_init)
        .post_stop(stop_runtime)
        .post_shutdown(stop_runtime)
        .build()
    )
    registry.register(app)  # admin, digest, reader commands; the error handler last
    return app


def _make_bot(
    settings: Settings, token: str, limiter: RateLimiter, monitor: UpdateMonitor
) -> NewsBot:
    """The Bot on the aiohttp transport: replies share the sender's limiter."""
    api = settings.telegram_api_url
    return NewsBot(
        token,
        base_url=f"{api}/bot",
        base_file_url=f"{api}/file/bot",
        request=AiohttpRequest(connection_limit=max(64, settings.send_concurrency * 2)),
        get_updates_request=AiohttpRequest(connection_limit=1),
        rate_limiter=ReplyRateLimiter(limiter),
        monitor=monitor,
    )


def run(settings: Settings) -> None:
    """Long polling until Ctrl-C / SIGTERM."""
    app = build_application(settings)
    app.run_polling(allowed_updates=list(registry.ALLOWED_UPDATES), drop_pending_updates=False)


async def run_dry(settings: Settings, *, demo_file: str | None = None) -> None:
    """Everything but Telegram: stories are printed instead of sent."""
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
        leased = asyncio.ensure_future(runtime.take_lease())
        stopped = asyncio.ensure_future(stop.wait())
        await asyncio.wait([leased, stopped], return_when=asyncio.FIRST_COMPLETED)
        if leased.done():
            runtime.start_background()
            print("dry run: printing posts instead of sending them; Ctrl-C to stop", flush=True)
            await stopped
        leased.cancel()
    finally:
        await runtime.stop()

"""Run the real Application against the fake Bot API inside a test, and stop/restart it; run
the `newsbot` command line in-process."""

from __future__ import annotations

import asyncio
import socket
import sys
from typing import Any

import pytest
from pgtest import as_url
from telegram.error import TelegramError

from bot.app import NewsApp, build_application, start_webhook
from bot.cli import main as cli_main
from bot.config import Settings
from bot.runtime import Runtime
from bot.store.db import Params, open_database
from bot.telegram.context import RUNTIME_KEY
from bot.telegram.registry import ALLOWED_UPDATES


async def other_program(target: str, *statements: tuple[str, Params]) -> list[int | None]:
    """SQL as another program would run it: on a connection of its own (SQLite file or
    PostgreSQL URL), each statement committed; the id of each `... RETURNING id`, else None."""
    ids: list[int | None] = []
    async with open_database(target) as db:
        for sql, params in statements:
            if "RETURNING" in sql.upper():
                ids.append(await db.insert(sql, params))
            else:
                await db.execute(sql, params)
                ids.append(None)
    return ids


def free_port() -> int:
    """A TCP port nothing listens on now, on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def bot_process(env: dict[str, str], *, log: bool = False) -> asyncio.subprocess.Process:
    """`newsbot run` as a process of its own, with `env`; its log on stderr as a pipe when
    `log`, else dropped."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE if log else asyncio.subprocess.DEVNULL,
    )


def make_settings(base_url: str, token: str, db_path: str, **overrides: Any) -> Settings:
    """Settings for a test bot: fast polling, the fake server, a temp store, no .env. Tests
    type faster than people: replies in a private chat keep a pace of PRIVATE_RATE past a
    burst of three, so it is raised here (tests of a chat's pace set it back to 1, and keep
    the fake server's own per-chat limit)."""
    values: dict[str, Any] = {
        "bot_token": token,
        "telegram_api_url": base_url,
        "database_url": as_url(db_path),
        "poll_interval": 0.1,
        "admin_ids": "",
        "private_rate": 100,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`newsbot ARGV` in-process: exit code, stdout, stderr (use with the `cli_env` fixture)."""
    code = cli_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class RunningBot:
    """Does what `Application.run_polling` does (or `bot.app.run`'s webhook mode, with
    WEBHOOK_URL), minus signal handling, so tests can stop and restart the bot (same store) as
    often as they like."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.app: NewsApp | None = None

    @property
    def runtime(self) -> Runtime:
        assert self.app is not None
        runtime = self.app.bot_data[RUNTIME_KEY]
        assert isinstance(runtime, Runtime)
        return runtime

    async def start(self) -> RunningBot:
        app = build_application(self.settings)
        self.app = app
        if self.settings.webhook_url is not None:
            await start_webhook(app, self.settings)
            return self
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None

        def polling_failed(exc: TelegramError) -> None:  # as run_polling: the error handler
            app.create_task(app.process_error(error=exc, update=None))

        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=1,
            allowed_updates=list(ALLOWED_UPDATES),
            error_callback=polling_failed,
        )
        await app.start()
        return self

    async def stop(self) -> None:
        app = self.app
        if app is None:
            return
        assert app.updater is not None
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        self.app = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

"""A Bot API that cannot be reached when newsbot starts (the network not up yet after a
reboot, Telegram down) is waited for, a warning line per attempt, not a crash of tracebacks;
a stop while waiting ends the process cleanly; a webhook URL Telegram refuses is one line, and
so is a token it rejects, without quoting it.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from fakebot.fixtures import TEST_TOKEN
from fakebot.server import FakeBotServer
from harness import bot_process, free_port

TIMEOUT = 30.0
READER = 7


async def start_bot(port: int, db: Path, **extra: str) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "BOT_TOKEN": TEST_TOKEN,
        "TELEGRAM_API_URL": f"http://127.0.0.1:{port}",
        "DATABASE_URL": f"sqlite:///{db}",
        "POLL_INTERVAL": "0.5",
        "LOG_LEVEL": "INFO",
        **extra,
    }
    return await bot_process(env, log=True)


async def warnings_seen(proc: asyncio.subprocess.Process, count: int) -> list[str]:
    """The log lines up to the `count`th "cannot reach the Bot API" warning."""
    assert proc.stderr is not None
    lines: list[str] = []
    while sum("cannot reach the Bot API" in line for line in lines) < count:
        line = await asyncio.wait_for(proc.stderr.readline(), TIMEOUT)
        assert line, "the process ended: " + "".join(lines)
        lines.append(line.decode())
    return lines


async def stop(proc: asyncio.subprocess.Process) -> str:
    """SIGTERM; the rest of the log, once the process ended (its exit code checked)."""
    proc.send_signal(signal.SIGTERM)
    try:
        _, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
    assert proc.returncode == 0, err.decode()
    return err.decode()


def no_traceback(log: str) -> None:
    assert "Traceback" not in log, log
    assert "Unclosed" not in log, log
    assert " ERROR " not in log, log


async def test_a_bot_api_down_at_start_is_waited_for_then_served(tmp_path: Path) -> None:
    port = free_port()
    proc = await start_bot(port, tmp_path / "news.db")
    fake = FakeBotServer(token=TEST_TOKEN, port=port)
    try:
        before = await warnings_seen(proc, 2)  # two attempts failed: it is still trying
        assert "aiohttp.ClientConnectorError" in before[-1] and TEST_TOKEN not in "".join(before)
        await fake.start()
        fake.add_private_chats([READER])
        await fake.wait_for(lambda _: fake.stats()["by_method"].get("getUpdates", 0) > 0, TIMEOUT)
        fake.inject_message(READER, "/start", language_code="en")
        await fake.wait_for(lambda _: bool(fake.messages(READER)), TIMEOUT)
        assert "Welcome" in (fake.messages(READER)[0].text or "")
        log = "".join(before) + await stop(proc)
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await fake.stop()
    no_traceback(log)


async def test_a_stop_while_the_bot_api_is_down_ends_the_process_cleanly(tmp_path: Path) -> None:
    for extra in (
        {},
        {
            "WEBHOOK_URL": "https://bot.example.org/hook",
            "WEBHOOK_SECRET": "s3cret",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(free_port()),
        },
    ):
        proc = await start_bot(free_port(), tmp_path / "news.db", **extra)
        before = await warnings_seen(proc, 2)
        no_traceback("".join(before) + await stop(proc))


async def test_a_webhook_url_telegram_refuses_is_one_clear_line(tmp_path: Path) -> None:
    port = free_port()
    fake = FakeBotServer(token=TEST_TOKEN, port=port)  # no route to bot.example.org
    await fake.start()
    try:
        proc = await start_bot(
            port,
            tmp_path / "news.db",
            WEBHOOK_URL="https://bot.example.org/hook",
            WEBHOOK_SECRET="s3cret",
            WEBHOOK_LISTEN="127.0.0.1",
            WEBHOOK_PORT=str(free_port()),
        )
        _, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
    finally:
        await fake.stop()
    log = err.decode()
    assert proc.returncode == 1
    assert "Traceback" not in log and "Unclosed" not in log, log
    errors = [line for line in log.splitlines() if " ERROR " in line]
    assert (
        len(errors) == 1
        and "Telegram refused the webhook https://bot.example.org/hook" in errors[0]
    )


async def test_a_token_telegram_rejects_ends_the_start_in_one_line_that_does_not_quote_it(
    tmp_path: Path,
) -> None:
    port = free_port()
    fake = FakeBotServer(token=TEST_TOKEN, port=port)
    await fake.start()
    wrong = "999999:WRONG-TOKEN-abc"
    outputs = []
    try:
        for extra in ({}, {"WEBHOOK_URL": "https://bot.example.org/hook", "WEBHOOK_SECRET": "s"}):
            proc = await start_bot(port, tmp_path / "news.db", BOT_TOKEN=wrong, **extra)
            _, err = await asyncio.wait_for(proc.communicate(), TIMEOUT)
            outputs.append((proc.returncode, err.decode()))
    finally:
        await fake.stop()
    for code, log in outputs:
        assert code == 2, log
        assert (
            "newsbot: Telegram rejected BOT_TOKEN: check the token @BotFather gave the bot" in log
        )
        assert wrong not in log and "999999" not in log, log
        assert "Traceback" not in log and "Unclosed" not in log, log

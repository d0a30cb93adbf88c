"""Two `newsbot run` on one store, as on two hosts (each its own folder and INSTANCE_NAME,
nothing shared but DATABASE_URL): the one holding the lease sends; kill -9 it in the middle of
a fan-out and the other takes over within 15 s, no reader missing the story, duplicates only
for what was in flight."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from fakebot.server import FakeBotServer

from bot.models import ArticleIn, utcnow
from bot.store.lease import LEASE_KEY
from bot.store.store import Store

READERS = range(1, 301)
TAKEOVER_LIMIT = 15.0


async def holder_pid(store: Store) -> int | None:
    raw = await store.db.get_kv(LEASE_KEY)
    return int(json.loads(raw)["pid"]) if raw else None


async def test_kill_9_of_the_sender_another_instance_takes_over(
    fake_bot: FakeBotServer, database_url: str, db_path: str, tmp_path: Path
) -> None:
    fake_bot.add_private_chats(READERS)
    fake_bot.set_limits(global_per_sec=1000, private_per_sec=100, private_burst=100)
    async with Store(db_path) as store:
        for chat_id in READERS:
            await store.readers.register(chat_id, "en")
            await store.readers.subscribe(chat_id, ["world"])

    def env(name: str) -> dict[str, str]:
        return {
            **os.environ,
            "BOT_TOKEN": fake_bot.token,
            "TELEGRAM_API_URL": fake_bot.base_url,
            "DATABASE_URL": database_url,
            "INSTANCE_NAME": name,  # another "host": its lease must expire, no pid shortcut
            "POLL_INTERVAL": "0.2",
            "GLOBAL_RATE": "40",
            "LOG_LEVEL": "WARNING",
        }

    procs: dict[int, asyncio.subprocess.Process] = {}
    for name in ("host-a", "host-b"):
        folder = tmp_path / name
        folder.mkdir()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=env(name),
            cwd=folder,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
        procs[proc.pid] = proc
    try:
        async with Store(db_path) as store:
            deadline = time.monotonic() + 30
            while await holder_pid(store) not in procs:
                assert time.monotonic() < deadline, "no instance took the lease"
                await asyncio.sleep(0.1)
            await store.articles.upsert(
                ArticleIn(
                    url="https://news.example.org/failover",
                    title="A story for everyone",
                    lead="Three hundred readers wait for it.",
                    published_at=utcnow(),
                    tags=["world"],
                )
            )
            await fake_bot.wait_for(lambda msgs: len(msgs) >= 100, timeout=30)
            sender = await holder_pid(store)
            assert sender in procs
            procs[sender].send_signal(signal.SIGKILL)
            await procs[sender].wait()
            await fake_bot.wait_for(
                lambda _: {m.chat_id for m in fake_bot.messages()} >= set(READERS), timeout=60
            )
            survivor = await holder_pid(store)
            await asyncio.sleep(1.0)
            counts = await store.outbox.counts()
    finally:
        for proc in procs.values():
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
                await asyncio.wait_for(proc.wait(), timeout=15)
    assert survivor in procs and survivor != sender
    per_chat = Counter(m.chat_id for m in fake_bot.messages())
    assert set(per_chat) == set(READERS)  # nobody missed the story
    assert sum(per_chat.values()) - len(READERS) <= 8  # duplicates: at most what was in flight
    arrivals = sorted(m.date for m in fake_bot.messages())
    gap = max(b - a for a, b in itertools.pairwise(arrivals))
    assert gap < TAKEOVER_LIMIT, f"the fan-out stood still for {gap:.1f} s"
    assert counts == {"sent": len(READERS)}

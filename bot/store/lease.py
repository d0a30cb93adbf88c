"""One sender per store: a lease row that a running newsbot renews and a second one waits on."""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.models import from_iso, to_iso
from bot.store.db import Database

LEASE_KEY = "sender.lease"


@dataclass(frozen=True, slots=True)
class LeaseHolder:
    owner: str
    host: str
    pid: int
    expires: datetime

    def describe(self) -> str:
        return f"pid {self.pid} on {self.host}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class LeaseStore:
    """The lease lives in the kv table; taking it is one IMMEDIATE transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.owner = f"{self.host}:{self.pid}:{id(self):x}"

    def rename(self, host: str) -> None:
        """Hold the lease as `host` (INSTANCE_NAME): instances on one machine that stand for
        different hosts do not see each other's processes."""
        self.host = host
        self.owner = f"{host}:{self.pid}:{id(self):x}"

    async def holder(self) -> LeaseHolder | None:
        raw = await self.db.get_kv(LEASE_KEY)
        return _parse(raw)

    async def acquire(self, now: datetime, ttl: timedelta) -> LeaseHolder | None:
        """Take or renew the lease; returns the other holder when it is not ours to take.

        A lease is free when it has expired, or when its holder ran on this host and its
        process is gone (a crash or kill -9: the restart need not wait for the expiry).
        """
        async with self.db.transaction() as conn:
            row = await conn.fetchone("SELECT value FROM kv WHERE key = ?", (LEASE_KEY,))
            current = _parse(row[0] if row else None)
            if (
                current is not None
                and current.owner != self.owner
                and current.expires > now
                and not (current.host == self.host and not _pid_alive(current.pid))
            ):
                return current
            value = json.dumps(
                {
                    "owner": self.owner,
                    "host": self.host,
                    "pid": self.pid,
                    "expires": to_iso(now + ttl),
                }
            )
            await conn.execute(
                "INSERT INTO kv (key, value) VALUES (?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (LEASE_KEY, value),
            )
            return None

    async def release(self) -> None:
        """Give the lease up at a clean stop, so a standby takes over at once."""
        async with self.db.transaction() as conn:
            row = await conn.fetchone("SELECT value FROM kv WHERE key = ?", (LEASE_KEY,))
            current = _parse(row[0] if row else None)
            if current is not None and current.owner == self.owner:
                await conn.execute("DELETE FROM kv WHERE key = ?", (LEASE_KEY,))


def _parse(raw: str | None) -> LeaseHolder | None:
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return LeaseHolder(
            owner=str(data["owner"]),
            host=str(data["host"]),
            pid=int(data["pid"]),
            expires=from_iso(str(data["expires"])),
        )
    except (ValueError, KeyError, TypeError):
        return None

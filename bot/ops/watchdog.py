"""No silent stops: a loop that tells admins when something stopped, and when it recovers.

Every `interval` seconds it runs the health checks of bot.ops.health (a source failing for an
hour, the sender stuck with work due, no story from any source for STALE_AFTER_MINUTES,
Telegram updates that keep failing to be read or fetched).
A problem is reported once when it appears and once when it is gone; what has been reported
is kept in the store, so a restart neither repeats an alert nor forgets a recovery.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime

from bot.locales import t
from bot.logs import FailureLog
from bot.models import utcnow
from bot.ops.health import Problem, Thresholds, find_problems
from bot.store.store import Store

log = logging.getLogger(__name__)

STATE_KEY = "watchdog.active"

Notify = Callable[[int, str], Awaitable[None]]


@dataclass(slots=True)
class Decision:
    raised: list[Problem] = field(default_factory=list)
    recovered: list[Problem] = field(default_factory=list)
    active: dict[str, Problem] = field(default_factory=dict)


def decide(active: dict[str, Problem], current: list[Problem]) -> Decision:
    """Pure: which problems are new (tell admins), which are gone (tell them it recovered),
    and what is active now. A problem still there is not repeated."""
    now = {p.key: p for p in current}
    return Decision(
        raised=[p for key, p in now.items() if key not in active],
        recovered=[p for key, p in active.items() if key not in now],
        active=now,
    )


def message(problem: Problem, lang: str, *, recovered: bool) -> str:
    """The admin's message for a problem (HTML, values escaped)."""
    key = f"watch.{'ok' if recovered else 'alert'}.{problem.kind}"
    return t(lang, key, **problem.values)


def _dump(active: dict[str, Problem]) -> str:
    return json.dumps(
        {k: {"kind": p.kind, "line": p.line, "values": p.values} for k, p in active.items()}
    )


def _load(text: str | None) -> dict[str, Problem]:
    try:
        data = json.loads(text or "{}")
        return {
            str(k): Problem(str(k), str(v["kind"]), str(v["line"]), dict(v["values"]))
            for k, v in data.items()
        }
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}


class Watchdog:
    def __init__(
        self,
        store: Store,
        notify: Notify,
        admin_ids: Collection[int],
        *,
        thresholds: Thresholds,
        interval: float = 60.0,
    ) -> None:
        self.store = store
        self.notify = notify
        self.admin_ids = sorted(admin_ids)
        self.thresholds = thresholds
        self.interval = interval

    async def check_once(self, now: datetime | None = None) -> Decision:
        """Check, tell admins what changed, remember what is active."""
        current = await find_problems(self.store, now=now or utcnow(), thresholds=self.thresholds)
        active = _load(await self.store.db.get_kv(STATE_KEY))
        decision = decide(active, current)
        for problem in decision.raised:
            log.warning("watchdog: %s", problem.line)
            await self._tell(problem, recovered=False)
        for problem in decision.recovered:
            if await self._channel_removed(problem):
                log.info("watchdog: gone with its channel: %s", problem.line)
                continue  # "takes posts again" of a channel an admin removed is untrue
            log.info("watchdog: recovered: %s", problem.line)
            await self._tell(problem, recovered=True)
        if decision.raised or decision.recovered or set(active) != set(decision.active):
            await self.store.db.set_kv(STATE_KEY, _dump(decision.active))
        return decision

    async def _channel_removed(self, problem: Problem) -> bool:
        """Whether a failing channel's problem is gone because the channel was removed."""
        if problem.kind != "channel_failing":
            return False
        chat, _, thread = str(problem.values.get("target", "")).partition(":")
        try:
            target = int(chat), int(thread or 0)
        except ValueError:
            return False
        return await self.store.channels.get(*target) is None

    async def _tell(self, problem: Problem, *, recovered: bool) -> None:
        for admin_id in self.admin_ids:
            lang = await self.store.readers.language_of(admin_id) or "en"
            try:
                await self.notify(admin_id, message(problem, lang, recovered=recovered))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # an admin who never started the bot, a network error
                log.warning("watchdog could not tell admin %s: %s", admin_id, exc)

    async def run(self) -> None:
        """Check every `interval` seconds until cancelled; a failed check is logged."""
        failures = FailureLog(log, "watchdog check")
        while True:
            await asyncio.sleep(self.interval)
            try:
                await self.check_once()
                failures.worked()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures.failed(exc)

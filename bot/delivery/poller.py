"""Finds new and edited stories in the store and routes them into the outbox."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.breaking import escalate
from bot.delivery.router import channel_deliveries, instant_priority
from bot.ingest.tagging import retag, upgrade_lemmas
from bot.ingest.topics import KeywordTagging
from bot.models import Article, to_iso, utcnow
from bot.store.articles import Change
from bot.store.db import Listener
from bot.store.outbox import NewDelivery
from bot.store.store import Store

log = logging.getLogger(__name__)

CURSOR_KEY = "poller.seq"
CHANGES_CHANNEL = "newsbot_changes"  # NOTIFY of migrations/0008_fleet.postgresql.sql


@dataclass(frozen=True, slots=True)
class PollResult:
    new: int = 0
    edited: int = 0
    enqueued: int = 0
    too_old: int = 0


def is_fresh(article: Article, now: datetime, max_age_hours: float) -> bool:
    """Young enough to push (stories dated in the future count as fresh)."""
    return article.published_at >= now - timedelta(hours=max_age_hours)


class Poller:
    """Reads the store's change log from its cursor: every INSERT, every edit, by anyone."""

    def __init__(
        self,
        store: Store,
        *,
        max_age_hours: float,
        on_enqueued: Callable[[], None] | None = None,
        batch: int = 500,
        keyword_tagging: KeywordTagging = "untagged",
        pin_breaking: bool = True,
    ) -> None:
        self.store = store
        self.pin_breaking = pin_breaking
        self.keyword_tagging = keyword_tagging
        self.max_age_hours = max_age_hours
        self.on_enqueued = on_enqueued
        self.batch = batch
        self._woken = asyncio.Event()

    def wake(self) -> None:
        """Poll now: a story was stored in this process, or the store said so (NOTIFY)."""
        self._woken.set()

    async def poll_once(self, now: datetime | None = None) -> PollResult:
        """Process every change since the cursor; safe to repeat after a crash."""
        now = now or utcnow()
        await upgrade_lemmas(self.store)  # rows another program inserted before 0006 or ours
        cursor = int(await self.store.db.get_kv(CURSOR_KEY) or 0)
        totals = PollResult()
        while True:
            changes = await self.store.articles.waiting_changes(self.batch)
            if not changes:
                break
            result = await self._process(changes, now)
            totals = PollResult(
                totals.new + result.new,
                totals.edited + result.edited,
                totals.enqueued + result.enqueued,
                totals.too_old + result.too_old,
            )
            cursor = max(cursor, changes[-1].seq)
            await self.store.db.set_kv(CURSOR_KEY, str(cursor))
            await self.store.articles.consume_changes([change.seq for change in changes])
        if (totals.enqueued or totals.edited) and self.on_enqueued:
            self.on_enqueued()
        return totals

    async def _process(self, changes: list[Change], now: datetime) -> PollResult:
        ids = list(dict.fromkeys(change.article_id for change in changes))
        await retag(self.store, ids, keyword_tagging=self.keyword_tagging)
        articles = await self.store.articles.get_many(ids)
        channels = await self.store.channels.all()
        new_ids = {c.article_id for c in changes if c.kind == "new"}
        edited_ids = {c.article_id for c in changes if c.kind == "edit"}
        rows: list[NewDelivery] = []
        too_old = 0
        fresh_new = sorted(
            (articles[i] for i in new_ids if i in articles),
            key=lambda a: (a.published_at, a.id),
        )
        pushable: list[Article] = []
        for article in fresh_new:
            if article.held:
                continue
            if not is_fresh(article, now, self.max_age_hours):
                too_old += 1
                continue
            pushable.append(article)
        enqueued = 0
        for article_id in sorted(edited_ids):
            edited = articles.get(article_id)
            if edited is None:
                continue
            await self.store.outbox.request_edit(article_id, edited.rev)
            if edited.urgent and article_id not in new_ids:
                escalation = await escalate(self.store, edited, pin=self.pin_breaking)
                enqueued += escalation.moved + escalation.pins
                if not escalation.routed and is_fresh(edited, now, self.max_age_hours):
                    pushable.append(edited)  # marked urgent before it was ever routed
        followed = await self._follow_matches([a.id for a in pushable])
        for article in pushable:
            rows.extend(channel_deliveries(article, channels))
        enqueued += await self.store.outbox.enqueue(rows)  # channels first: they go out first
        for article in pushable:
            enqueued += await self.store.readers.enqueue_instant(
                article_id=article.id,
                published_at=to_iso(article.published_at),
                rev=article.rev,
                topics=article.topics,
                follow_queries=followed.get(article.id, []),
                priority=instant_priority(article),
                urgent=article.urgent,
            )
        if enqueued or edited_ids:
            log.info(
                "poller: %d new, %d edited stories; %d messages queued",
                len(new_ids),
                len(edited_ids),
                enqueued,
            )
        return PollResult(len(new_ids), len(edited_ids), enqueued, too_old)

    async def _follow_matches(self, ids: list[int]) -> dict[int, list[str]]:
        """Which followed keyword queries each story matches: one FTS query (over lemmas)
        per distinct query over the whole batch, never one per reader."""
        matches: dict[int, list[str]] = {}
        if not ids:
            return matches
        for query in await self.store.readers.follow_queries():
            for article_id in await self.store.articles.matching(query, ids):
                matches.setdefault(article_id, []).append(query)
        return matches

    async def run(self, interval: float) -> None:
        """Poll forever (until cancelled), every `interval` seconds and at once when woken: by
        `wake()`, or on PostgreSQL by the change log's NOTIFY, whoever wrote the story. An
        error is logged and the next poll goes on."""
        listener: Listener | None = None
        try:
            while True:
                if listener is None or not listener.alive:
                    listener = await self._listen(listener)
                self._woken.clear()
                try:
                    await self.poll_once()
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("poll failed; trying again in %.1fs", interval)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._woken.wait(), interval)
        finally:
            if listener is not None:
                await asyncio.shield(listener.close())

    async def _listen(self, old: Listener | None) -> Listener | None:
        """Listen to the change log's notifications (again, after a lost connection)."""
        if old is not None:
            await old.close()
        try:
            return await self.store.db.listen(CHANGES_CHANNEL, self.wake)
        except Exception as exc:  # the store is down: poll on the timer, try again next time
            log.warning("cannot listen for new stories (%s); polling every interval", exc)
            return None

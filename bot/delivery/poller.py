"""Finds new and edited stories in the store and routes them into the outbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.breaking import escalate
from bot.delivery.recall import choose_recalls
from bot.delivery.router import channel_deliveries, instant_priority
from bot.delivery.wake import wake_or_timeout
from bot.ingest.tagging import retag, upgrade_lemmas
from bot.ingest.topics import KeywordTagging
from bot.logs import FailureLog
from bot.models import Article, Channel, to_iso, utcnow
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
    embargoed: int = 0  # new stories kept back until their time
    released: int = 0  # kept-back stories whose time came

    def __add__(self, other: PollResult) -> PollResult:
        return PollResult(
            self.new + other.new,
            self.edited + other.edited,
            self.enqueued + other.enqueued,
            self.too_old + other.too_old,
            self.embargoed + other.embargoed,
            self.released + other.released,
        )


def _unreadable_times(settled: list[tuple[int, str, str]]) -> None:
    """Log the stories whose published_at `settle_times` found no time at all."""
    for article_id, written, stored in settled:
        log.warning(
            "poller: story %d has published_at %r, not an ISO 8601 time; it counts as"
            " published when it was stored, %s",
            article_id,
            written[:100],
            stored,
        )


def is_fresh(article: Article, now: datetime, max_age_hours: float) -> bool:
    """Young enough to push."""
    return article.published_at >= now - timedelta(hours=max_age_hours)


def is_fresh_release(article: Article, now: datetime, max_age_hours: float) -> bool:
    """A story out of embargo is young enough to push when its time is, or when it reached
    the store within the age: an editor who moves the time of a story kept back into the far
    past releases it now (README), while one whose time came days ago, with the bot down,
    stays unpushed as any old story."""
    if is_fresh(article, now, max_age_hours):
        return True
    arrived = article.arrived_at
    return arrived is not None and arrived >= now - timedelta(hours=max_age_hours)


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
        recall_days: int = 0,
        pin_breaking: bool = True,
    ) -> None:
        self.store = store
        self.recall_days = recall_days
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
        """Process every change since the cursor, then release the embargoed stories whose
        time has come; safe to repeat after a crash."""
        clock = now is None  # the real clock: it moves on while this poll runs
        now = now or utcnow()
        await upgrade_lemmas(self.store)  # rows another program inserted before 0006 or ours
        cursor = int(await self.store.db.get_kv(CURSOR_KEY) or 0)
        totals = PollResult()
        while True:
            changes = await self.store.articles.waiting_changes(self.batch)
            if not changes:
                break
            # A story stored after this poll began (it carries the time it was stored when
            # its feed gives none) is no story under embargo: its changes are judged by the
            # clock as they were read, not as the poll began.
            if clock:
                now = max(now, utcnow())
            totals += await self._process(changes, now)
            cursor = max(cursor, changes[-1].seq)
            await self.store.db.set_kv(CURSOR_KEY, str(cursor))
            await self.store.articles.consume_changes([change.seq for change in changes])
        totals += await self._release(now)
        if (totals.enqueued or totals.edited) and self.on_enqueued:
            self.on_enqueued()
        return totals

    async def _process(self, changes: list[Change], now: datetime) -> PollResult:
        ids = list(dict.fromkeys(change.article_id for change in changes))
        await retag(self.store, ids, keyword_tagging=self.keyword_tagging)
        articles = await self.store.articles.get_many(ids)
        # the time as row_to_article read it, in the store's form: SQL compares it as text
        _unreadable_times(await self.store.articles.settle_times(ids))
        # before routing: the sender renders the post with its "Recall" link
        await choose_recalls(self.store, list(articles.values()), self.recall_days)
        channels = await self.store.channels.all()
        new_ids = {c.article_id for c in changes if c.kind == "new"}
        edited_ids = {c.article_id for c in changes if c.kind == "edit"}
        fresh_new = sorted(
            (articles[i] for i in new_ids if i in articles),
            key=lambda a: (a.published_at, a.id),
        )
        embargoed = [a for a in fresh_new if a.embargoed(now)]
        if embargoed:  # posted when their time comes (`_release`), held or not
            await self.store.articles.mark_embargoed([(a.id, a.published_at) for a in embargoed])
            log.info("poller: %d new stories under embargo", len(embargoed))
        enqueued, too_old = await self._push(
            [a for a in fresh_new if not a.embargoed(now)], channels, now
        )
        late: list[Article] = []  # marked urgent before they were ever routed
        for article_id in sorted(edited_ids):
            edited = articles.get(article_id)
            if edited is None:
                continue
            await self.store.outbox.request_edit(article_id, edited.rev)
            if edited.urgent and article_id not in new_ids and not edited.embargoed(now):
                escalation = await escalate(self.store, edited, pin=self.pin_breaking)
                enqueued += escalation.moved + escalation.pins
                if not escalation.routed:
                    late.append(edited)
        if late:
            queued, old = await self._push(late, channels, now)
            enqueued, too_old = enqueued + queued, too_old + old
        if enqueued or edited_ids:
            log.info(
                "poller: %d new, %d edited stories; %d messages queued",
                len(new_ids),
                len(edited_ids),
                enqueued,
            )
        return PollResult(len(new_ids), len(edited_ids), enqueued, too_old, len(embargoed))

    async def _release(self, now: datetime) -> PollResult:
        """Post the stories kept back whose time has come by `now`, once: the outbox's unique
        rows make a second routing after a crash (before the mark is cleared) a no-op."""
        released = 0
        enqueued = too_old = 0
        # an embargo another program moved by an UPDATE: no change-log row tells of it
        _unreadable_times(await self.store.articles.settle_embargoed())
        while ids := await self.store.articles.due_releases(now, self.batch):
            articles = await self.store.articles.get_many(ids)  # tagged when they came
            due = sorted(articles.values(), key=lambda a: (a.published_at, a.id))
            channels = await self.store.channels.all()
            queued, old = await self._push(due, channels, now, released=True)
            await self.store.articles.clear_embargo(ids)
            released, enqueued, too_old = released + len(due), enqueued + queued, too_old + old
        if released:
            log.info("poller: %d stories out of embargo; %d messages queued", released, enqueued)
        return PollResult(enqueued=enqueued, too_old=too_old, released=released)

    async def _push(
        self,
        articles: list[Article],
        channels: list[Channel],
        now: datetime,
        *,
        released: bool = False,
    ) -> tuple[int, int]:
        """Queue these stories for channels, instant readers and follows (not held or too
        old ones; `released`: out of embargo now, `is_fresh_release`); returns (messages
        queued, stories too old)."""
        fresh = is_fresh_release if released else is_fresh
        pushable: list[Article] = []
        too_old = 0
        for article in articles:
            if article.held:
                continue
            if not fresh(article, now, self.max_age_hours):
                too_old += 1
                continue
            pushable.append(article)
        followed = await self._follow_matches([a.id for a in pushable], now)
        rows: list[NewDelivery] = []
        enqueued = 0
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
        return enqueued, too_old

    async def _follow_matches(self, ids: list[int], now: datetime) -> dict[int, list[str]]:
        """Which followed keyword queries each story matches: one FTS query (over lemmas)
        per distinct query over the whole batch, never one per reader."""
        matches: dict[int, list[str]] = {}
        if not ids:
            return matches
        for query in await self.store.readers.follow_queries():
            for article_id in await self.store.articles.matching(query, ids, now=now):
                matches.setdefault(article_id, []).append(query)
        return matches

    async def run(self, interval: float) -> None:
        """Poll forever (until cancelled), every `interval` seconds and at once when woken: by
        `wake()`, or on PostgreSQL by the change log's NOTIFY, whoever wrote the story. An
        error is logged and the next poll goes on."""
        listener: Listener | None = None
        failures = FailureLog(log, f"poll (tried every {interval:g}s)")
        try:
            while True:
                if listener is None or not listener.alive:
                    listener = await self._listen(listener)
                self._woken.clear()
                try:
                    await self.poll_once()
                    failures.worked()
                except asyncio.CancelledError:
                    raise
                except Exception as exc:
                    failures.failed(exc)
                await wake_or_timeout(self._woken, interval)
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

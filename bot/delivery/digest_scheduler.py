"""The digest scheduler: builds readers' digests when they are due and queues them.

Every `tick` seconds it looks for readers whose digest is due (their own time zone, see
bot.delivery.schedule) and for quiet-hours windows that have ended, builds each digest
(stories, grouping, rendering and splitting in bot.render.digest), and stores it with its
outbox rows in one transaction (bot.store.digests). The sender then sends the parts as rows
of kind 'digest', behind channel posts and instant stories; the scheduler keeps only a
couple of seconds' worth of digest messages queued at a time, so a digest hour with
thousands of readers never stands in front of instant stories for long.

A digest reads stories by their topics, which the poller gives stories as it reaches them. So
that a story stored a moment ago (by newsbot or by another program) is not missing from a
digest, each run and each /digest now first tags the stories without topics that the poller
has not reached yet (`tag_unpolled`): the same tagging, nothing queued, the poller's cursor
left alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from bot.delivery.poller import CURSOR_KEY
from bot.delivery.schedule import (
    CatchUp,
    catch_up,
    digest_period,
    first_due,
    first_period,
    is_quiet,
    next_digest,
    parse_hhmm,
    published_since,
    quiet_window,
    zone_of,
)
from bot.delivery.sender import Outgoing, Sender
from bot.delivery.wake import wake_or_timeout
from bot.ingest.tagging import retag
from bot.logs import FailureLog
from bot.models import Article, Delivery, Topic, utcnow
from bot.render import Renderer
from bot.render.digest import DigestRenderer, Section, group_stories, story_count
from bot.store.digests import DIGEST_KIND, DigestReader, HeldRelease, NewDigest
from bot.store.store import Store

log = logging.getLogger(__name__)

UNPOLLED_LIMIT = 1000  # untagged stories the poller has not reached that a digest tags


class DigestScheduler:
    """Builds and queues digests; gives the sender the text of each part."""

    def __init__(
        self,
        store: Store,
        renderer: Renderer,
        sender: Sender,
        *,
        timezone: str,
        max_per_topic: int = 5,
        more_url: str | None = None,
        max_age_hours: float = 24.0,
        backlog: int = 60,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.renderer = renderer
        self.sender = sender
        self.timezone = timezone
        self.max_per_topic = max_per_topic
        self.more_url = more_url
        self.digest_renderer = DigestRenderer(renderer, more_url)
        self.max_age = timedelta(hours=max_age_hours)
        self.backlog = max(1, backlog)
        self.clock = clock
        self._wake = asyncio.Event()  # `wake`: look now, not at the next tick
        sender.register_kind(DIGEST_KIND, self.content)
        sender.register_quiet(self.is_quiet)

    # --- the loop -----------------------------------------------------------------------

    async def run(self, tick: float = 15.0) -> None:
        """Check every `tick` seconds (until cancelled); an error is logged, the loop goes on."""
        failures = FailureLog(log, f"digest run (tried every {tick:g}s)")
        while True:
            try:
                await self.run_once()
                failures.worked()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures.failed(exc)
            self._wake.clear()
            await wake_or_timeout(self._wake, tick)

    def wake(self) -> None:
        """Look now instead of at the next tick (a reader ended a held quiet window: what
        it held goes at once)."""
        self._wake.set()

    async def run_once(self) -> int:
        """Build every digest due now; returns how many were queued."""
        made = 0
        now = self.clock()
        topics = await self.store.topics.all()
        await self.tag_unpolled(topics)
        for reader in await self.store.digests.holds_due(now):
            made += await self._release_hold(reader, now, topics)
        seen: set[int] = set()
        while True:
            room = self.backlog - await self.store.digests.pending_parts()
            if room <= 0:
                # Keep a couple of seconds' worth of digests queued, no more: the sender works
                # through them in order behind instant stories, and we add more as they go.
                if made:
                    self.sender.wake()
                await asyncio.sleep(0.5)
                continue
            now = self.clock()
            due = [
                reader
                for reader in await self.store.digests.due(now, limit=min(room, 200) + len(seen))
                if reader.chat_id not in seen
            ][:room]
            if not due:
                break
            for reader in due:
                seen.add(reader.chat_id)
                made += await self._scheduled(reader, now, topics)
            self.sender.wake()
        if made:
            self.sender.wake()
        return made

    async def digest_now(self, chat_id: int) -> int:
        """/digest now: a digest of everything since the last one, queued at once; returns
        how many stories it holds (0: nothing new, nothing sent)."""
        reader = await self.store.digests.reader(chat_id)
        if reader is None:
            return 0
        # The store keeps arrival times in whole seconds and a period ends before its end:
        # end at the next whole second, once it has come, so what arrived in this second is
        # in this digest, and what arrives after it in the next one.
        now = self.clock()
        end = now.replace(microsecond=0)
        if end < now:
            end += timedelta(seconds=1)
            await asyncio.sleep((end - now).total_seconds())
        topics = await self.store.topics.all()
        await self.tag_unpolled(topics)
        start, end = digest_period(reader.last_digest_at, end)
        count = await self._build(reader, kind="now", start=start, end=end, due=end, topics=topics)
        if count:
            self.sender.wake()
        return count

    async def tag_unpolled(self, topics: Sequence[Topic]) -> int:
        """Give their topics to the stories stored since the poller last looked that have none
        yet; the poller still routes them. Returns how many were tagged."""
        cursor = int(await self.store.db.get_kv(CURSOR_KEY) or 0)
        ids = await self.store.digests.untagged_changes(cursor, UNPOLLED_LIMIT)
        if ids:
            await retag(self.store, ids, topics)
        return len(ids)

    # --- scheduled digests ----------------------------------------------------------------

    def zone(self, reader: DigestReader) -> ZoneInfo:
        return zone_of(reader.timezone, self.timezone)

    def first_due(self, reader: DigestReader, mode: str, at: str | None) -> datetime | None:
        """When a digest set up now is first due (the current minute counts)."""
        return first_due(mode, _time(at), self.zone(reader), self.clock(), reader.last_digest_at)

    async def _scheduled(self, reader: DigestReader, now: datetime, topics: list[Topic]) -> int:
        mode, at, zone = reader.digest_mode, _time(reader.digest_time), self.zone(reader)
        following = partial(_following, mode, at, zone)
        due = reader.next_digest_at
        if due is None:
            due = first_due(mode, at, zone, now, reader.last_digest_at)
            if due is None or due > now:
                await self.store.digests.schedule(reader.chat_id, due)
                return 0
        decision: CatchUp = catch_up(due, now, following)
        if decision.send is None:
            log.info("digest for %s due at %s skipped: more than an hour late", reader.chat_id, due)
            await self.store.digests.schedule(reader.chat_id, decision.next_due)
            return 0
        start, end = digest_period(reader.last_digest_at, now, first_period(mode))
        count = await self._build(
            reader,
            kind=mode,
            start=start,
            end=end,
            due=decision.send,
            topics=topics,
            reschedule=True,
            next_due=decision.next_due,
        )
        return 1 if count else 0

    async def _release_hold(self, reader: DigestReader, now: datetime, topics: list[Topic]) -> int:
        """A held quiet-hours window has ended: one message with what it held; then the next
        window (when the reader still holds)."""
        zone = self.zone(reader)
        start, end = _time(reader.quiet_start), _time(reader.quiet_end)
        upcoming: tuple[datetime, datetime] | None = None
        if reader.quiet_hold and start is not None and end is not None:
            upcoming = quiet_window(now, start, end, zone)
            if reader.hold_until is not None and upcoming[0] < reader.hold_until:
                # never hold again what the released window covered
                upcoming = (reader.hold_until, upcoming[1])
        if reader.hold_until is None or reader.hold_from is None:
            await self.store.digests.set_hold(reader.chat_id, upcoming)
            return 0
        count = await self._build(
            reader,
            kind="quiet",
            start=reader.hold_from,
            end=reader.hold_until,
            due=reader.hold_until,
            topics=topics,
            release_hold=True,
            next_hold=upcoming,
        )
        return 1 if count else 0

    # --- building -------------------------------------------------------------------------

    async def _build(
        self,
        reader: DigestReader,
        *,
        kind: str,
        start: datetime,
        end: datetime,
        due: datetime,
        topics: list[Topic],
        reschedule: bool = False,
        next_due: datetime | None = None,
        release_hold: bool = False,
        next_hold: tuple[datetime, datetime] | None = None,
    ) -> int:
        """Find the stories, render the parts and store everything; returns the story count
        (0: an empty digest, not sent; the schedule moves on all the same)."""
        subscribed = await self.store.readers.topics_of(reader.chat_id)
        stories = await self._stories(reader, kind, subscribed, start, end)
        sections = group_stories(stories, subscribed, self.max_per_topic)
        if kind == "quiet" and not reader.instant:
            sections = []  # instant stories off meanwhile: their digests have these
        count = story_count(sections)
        parts = self._render(reader, kind, sections, topics, start=start, end=end, due=due)
        await self.store.digests.create(
            NewDigest(
                chat_id=reader.chat_id,
                kind=kind,
                period_start=start,
                period_end=end,
                due_at=due,
                stories=count,
                parts=parts,
            ),
            reschedule=reschedule,
            next_digest_at=next_due,
            release_hold=release_hold,
            next_hold=next_hold,
            held=_held_release(stories, sections, start) if kind == "quiet" else None,
        )
        if parts:
            log.info(
                "%s digest for %s: %d stories in %d messages",
                kind,
                reader.chat_id,
                count,
                len(parts),
            )
        return count

    def _render(
        self,
        reader: DigestReader,
        kind: str,
        sections: list[Section],
        topics: list[Topic],
        *,
        start: datetime,
        end: datetime,
        due: datetime,
    ) -> list[str]:
        """The digest's messages in the reader's language and time zone."""
        return self.digest_renderer.render(
            reader.language,
            self.zone(reader),
            kind,
            sections,
            topics,
            start=start,
            end=end,
            due=due,
        )

    async def _stories(
        self, reader: DigestReader, kind: str, subscribed: list[str], start: datetime, end: datetime
    ) -> list[Article]:
        """The digest's stories. A quiet-hours digest has what the hold kept back from this
        reader (recorded as the router left them out) and no quiet digest delivered yet:
        nothing from before they registered or the window began, nothing twice. Another
        digest has what came out in its period; a reader's first one only what was also
        published in it (`published_since`)."""
        if kind == "quiet":
            return await self.store.digests.held(reader.chat_id, subscribed, start - self.max_age)
        since = published_since(reader.last_digest_at, start, self.max_age)
        return await self.store.digests.stories(subscribed, start, end, since)

    # --- sending --------------------------------------------------------------------------

    async def content(self, row: Delivery) -> Outgoing | None:
        """The sender's source for 'digest' rows: the part's HTML (None: gone, drop the row).
        A digest that falls in the reader's quiet hours comes without sound; the one that ends
        them (what they held) with sound."""
        part = await self.store.digests.part(row.article_id)
        if part is None or part.chat_id != row.chat_id:
            return None
        silent = part.kind != "quiet" and await self.is_quiet(row.chat_id)
        return Outgoing(text=part.html, silent=silent, disable_preview=True)

    async def is_quiet(self, chat_id: int) -> bool:
        """Whether the reader is in their quiet hours now (their messages go silently)."""
        quiet = await self.store.digests.quiet_of(chat_id)
        if quiet is None:
            return False
        zone = zone_of(quiet.timezone, self.timezone)
        return is_quiet(self.clock(), _time(quiet.start), _time(quiet.end), zone)


def _held_release(stories: list[Article], sections: list[Section], start: datetime) -> HeldRelease:
    """A quiet digest delivers the stories it lists; it lets go of the rest it read (counted
    in "…and N more") and of whatever was held before its window began and never went out."""
    listed = [article.id for section in sections for article in section.articles]
    return HeldRelease(delivered=listed, read=[a.id for a in stories], held_before=start)


def _time(text: str | None) -> time | None:
    return parse_hhmm(text) if text else None


def _following(mode: str, at: time | None, zone: ZoneInfo, after: datetime) -> datetime:
    """The occurrence after `after` of a reader's schedule (for catch-up arithmetic)."""
    upcoming = next_digest(mode, at, zone, after)
    if upcoming is None:  # pragma: no cover (only readers with a schedule get here)
        raise ValueError(f"no schedule for digest mode {mode!r}")
    return upcoming

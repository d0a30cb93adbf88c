"""Digests: who is due, what goes in, and the digest + its parts + outbox rows written at once.

Scheduling state lives on the reader (`next_digest_at`, `hold_from`, `hold_until`, see
migrations/0004_digests.sql); a built digest is the `digests` row, one `digest_parts` row per
message, and one outbox row of kind 'digest' per part (its article_id is the part's id).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.models import Article, from_iso_or_none, to_iso, utcnow
from bot.store.articles import article_columns, row_to_article
from bot.store.db import Database, Row, Tx
from bot.store.outbox import PRIORITY

DIGEST_KIND = "digest"  # the outbox kind of every digest part


@dataclass(frozen=True, slots=True)
class DigestReader:
    """What the scheduler needs to know about a reader."""

    chat_id: int
    language: str
    timezone: str | None
    instant: bool
    digest_mode: str
    digest_time: str | None
    last_digest_at: datetime | None
    next_digest_at: datetime | None
    quiet_start: str | None
    quiet_end: str | None
    quiet_hold: bool
    hold_from: datetime | None
    hold_until: datetime | None


def _row_to_reader(row: Row) -> DigestReader:
    return DigestReader(
        chat_id=row["chat_id"],
        language=row["language"],
        timezone=row["timezone"],
        instant=bool(row["instant"]),
        digest_mode=row["digest_mode"],
        digest_time=row["digest_time"],
        last_digest_at=from_iso_or_none(row["last_digest_at"]),
        next_digest_at=from_iso_or_none(row["next_digest_at"]),
        quiet_start=row["quiet_start"],
        quiet_end=row["quiet_end"],
        quiet_hold=bool(row["quiet_hold"]),
        hold_from=from_iso_or_none(row["hold_from"]),
        hold_until=from_iso_or_none(row["hold_until"]),
    )


_READER_COLUMNS = (
    "chat_id, language, timezone, instant, digest_mode, digest_time, last_digest_at,"
    " next_digest_at, quiet_start, quiet_end, quiet_hold, hold_from, hold_until"
)


@dataclass(frozen=True, slots=True)
class QuietHours:
    start: str
    end: str
    timezone: str | None


@dataclass(frozen=True, slots=True)
class NewDigest:
    """A built digest, ready to be stored and queued."""

    chat_id: int
    kind: str  # 'daily' | 'hourly' | 'now' | 'quiet'
    period_start: datetime
    period_end: datetime
    due_at: datetime
    stories: int
    parts: Sequence[str]  # HTML of each message, in order


@dataclass(frozen=True, slots=True)
class HeldRelease:
    """What a quiet digest does with the stories held for its reader: `delivered` (listed in
    it) are marked with its id; `read` (found for it, listed or counted in "…and N more") and
    what was held before the window began (`held_before`) and never went out are let go."""

    delivered: Sequence[int]
    read: Sequence[int]
    held_before: datetime


@dataclass(frozen=True, slots=True)
class DigestPart:
    id: int
    digest_id: int
    chat_id: int
    kind: str
    position: int
    html: str


class DigestStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- readers -------------------------------------------------------------------------

    async def reader(self, chat_id: int) -> DigestReader | None:
        row = await self.db.fetchone(
            f"SELECT {_READER_COLUMNS} FROM readers WHERE chat_id = ?",  # noqa: S608 (constant)
            (chat_id,),
        )
        return _row_to_reader(row) if row else None

    async def due(self, now: datetime, limit: int = 500) -> list[DigestReader]:
        """Active readers with a digest mode whose digest is due by `now`, or who have no
        next time yet (new settings, a new time zone): the most overdue first."""
        rows = await self.db.fetchall(
            f"SELECT {_READER_COLUMNS} FROM readers"  # noqa: S608 (constant)
            " WHERE digest_mode != 'off' AND active = 1"
            " AND (next_digest_at IS NULL OR next_digest_at <= ?)"
            " ORDER BY next_digest_at IS NOT NULL, next_digest_at, chat_id LIMIT ?",
            (to_iso(now), limit),
        )
        return [_row_to_reader(row) for row in rows]

    async def holds_due(self, now: datetime, limit: int = 500) -> list[DigestReader]:
        """Readers whose held window has ended, and readers holding with no window yet."""
        rows = await self.db.fetchall(
            f"SELECT {_READER_COLUMNS} FROM readers"  # noqa: S608 (constant)
            " WHERE (hold_until IS NOT NULL AND hold_until <= ?)"
            " OR (quiet_hold = 1 AND hold_until IS NULL AND quiet_start IS NOT NULL)"
            " ORDER BY hold_until, chat_id LIMIT ?",
            (to_iso(now), limit),
        )
        return [_row_to_reader(row) for row in rows]

    async def configure(
        self,
        chat_id: int,
        mode: str,
        at: str | None,
        next_at: datetime | None,
        *,
        forget_before: datetime | None = None,
    ) -> bool:
        """Set the reader's digest mode, time and first due time in one go.

        `forget_before`: digests turned on again after being off forget a last digest older
        than this, so the next one is a first one (its own period), not everything since
        then (up to a week); a recent one is kept, so switching never sends a second digest
        of the same day.
        """
        forget = to_iso(forget_before) if forget_before is not None else None
        count = await self.db.execute(
            "UPDATE readers SET digest_mode = ?, digest_time = ?, next_digest_at = ?,"
            " updated_at = ?, last_digest_at = CASE WHEN digest_mode = 'off'"
            " AND last_digest_at < ? THEN NULL ELSE last_digest_at END WHERE chat_id = ?",
            (mode, at, to_iso(next_at) if next_at else None, to_iso(utcnow()), forget, chat_id),
        )
        return count > 0

    async def schedule(self, chat_id: int, next_at: datetime | None) -> None:
        """Move the reader's next digest (a skip, or a first schedule) without sending one."""
        await self.db.execute(
            "UPDATE readers SET next_digest_at = ? WHERE chat_id = ?",
            (to_iso(next_at) if next_at else None, chat_id),
        )

    async def set_quiet(
        self,
        chat_id: int,
        start: str | None,
        end: str | None,
        hold: bool,
        window: tuple[datetime, datetime] | None,
    ) -> None:
        """Quiet hours and the hold window to apply (None: hold nothing from now on)."""
        hold_from, hold_until = (to_iso(w) for w in window) if window else (None, None)
        await self.db.execute(
            "UPDATE readers SET quiet_start = ?, quiet_end = ?, quiet_hold = ?, hold_from = ?,"
            " hold_until = ?, updated_at = ? WHERE chat_id = ?",
            (start, end, int(hold), hold_from, hold_until, to_iso(utcnow()), chat_id),
        )

    async def set_hold(self, chat_id: int, window: tuple[datetime, datetime] | None) -> None:
        hold_from, hold_until = (to_iso(w) for w in window) if window else (None, None)
        await self.db.execute(
            "UPDATE readers SET hold_from = ?, hold_until = ? WHERE chat_id = ?",
            (hold_from, hold_until, chat_id),
        )

    async def quiet_of(self, chat_id: int) -> QuietHours | None:
        """The reader's quiet hours (None: none set, or not a reader)."""
        row = await self.db.fetchone(
            "SELECT quiet_start, quiet_end, timezone FROM readers WHERE chat_id = ?"
            " AND quiet_start IS NOT NULL AND quiet_end IS NOT NULL",
            (chat_id,),
        )
        return QuietHours(row[0], row[1], row[2]) if row else None

    # --- what goes in -------------------------------------------------------------------

    async def untagged_changes(self, after_seq: int, limit: int) -> list[int]:
        """Stories in the change log after `after_seq` (the poller's cursor: not routed yet)
        that have no topics yet: written by another program a moment ago, say."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT c.article_id FROM article_changes c WHERE c.seq > ?"
            " AND NOT EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = c.article_id)"
            " ORDER BY c.article_id LIMIT ?",
            (after_seq, limit),
        )
        return [int(row[0]) for row in rows]

    async def stories(
        self,
        topics: Sequence[str],
        arrived_from: datetime,
        arrived_until: datetime,
        published_since: datetime,
        *,
        limit: int = 1000,
    ) -> list[Article]:
        """Stories of any of these topics that came out in [arrived_from, arrived_until) and
        were published since `published_since` (an old story imported late is not news), not
        held by an editor. A story comes out when it arrives in the store, or at its time when
        that is later (an embargo): so a story that reaches the store late is never missed,
        and an embargoed one waits for the period of its release.
        """
        if not topics:
            return []
        rows = await self.db.fetchall(
            f"SELECT {article_columns(self.db.dialect)} FROM articles a"  # noqa: S608 (constant)
            " WHERE a.published_at >= ? AND a.held = 0"
            " AND ((a.published_at <= a.created_at AND a.created_at >= ? AND a.created_at < ?)"
            "   OR (a.published_at > a.created_at AND a.published_at >= ? AND a.published_at < ?))"
            " AND a.id IN (SELECT article_id FROM article_topics"
            f"   WHERE topic IN ({self.db.dialect.text_list}))"
            " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
            (
                to_iso(published_since),
                to_iso(arrived_from),
                to_iso(arrived_until),
                to_iso(arrived_from),
                to_iso(arrived_until),
                json.dumps(list(topics)),
                limit,
            ),
        )
        return [row_to_article(row) for row in rows]

    async def held(
        self,
        chat_id: int,
        topics: Sequence[str],
        published_since: datetime,
        *,
        limit: int = 1000,
    ) -> list[Article]:
        """What quiet hours held back from this reader (`held_stories`: the router left them
        out of these stories' instant fan-out) and no quiet digest delivered yet: of these
        topics, published since `published_since`, not held by an editor, not sent to the
        chat as an instant message meanwhile (/post after the hold ended)."""
        if not topics:
            return []
        rows = await self.db.fetchall(
            f"SELECT {article_columns(self.db.dialect)} FROM held_stories h"  # noqa: S608
            " JOIN articles a ON a.id = h.article_id"
            " WHERE h.chat_id = ? AND h.digest_id IS NULL"
            " AND a.published_at >= ? AND a.held = 0"
            " AND a.id IN (SELECT article_id FROM article_topics"
            f"   WHERE topic IN ({self.db.dialect.text_list}))"
            " AND NOT EXISTS (SELECT 1 FROM outbox d WHERE d.chat_id = h.chat_id"
            "   AND d.thread_id = 0 AND d.article_id = a.id AND d.kind = 'instant')"
            " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
            (chat_id, to_iso(published_since), json.dumps(list(topics)), limit),
        )
        return [row_to_article(row) for row in rows]

    async def prune_held(self, before: datetime) -> int:
        """Forget which stories quiet digests delivered before `before` (as the outbox forgets
        its old rows: a /post of a story that old may reach its reader again)."""
        return await self.db.execute(
            "DELETE FROM held_stories WHERE digest_id IS NOT NULL AND held_at < ?",
            (to_iso(before),),
        )

    # --- building and sending -------------------------------------------------------------

    async def create(
        self,
        digest: NewDigest,
        *,
        next_digest_at: datetime | None = None,
        reschedule: bool = False,
        next_hold: tuple[datetime, datetime] | None = None,
        release_hold: bool = False,
        held: HeldRelease | None = None,
    ) -> int | None:
        """Store a digest with its parts, queue a 'digest' row per part and move the reader's
        schedule on, all in one transaction. Returns the digest's id; None when it existed
        already (the same chat, kind and due time: never built twice) or had no parts.

        `reschedule` sets next_digest_at; `release_hold` replaces the hold window by
        `next_hold`, and `held` says which held stories this quiet digest delivers (they
        never come to the reader again) and which it lets go. Scheduled digests also set
        last_digest_at to the period's end, so the next one starts where this one stopped.
        """
        async with self.db.transaction() as conn:
            digest_id = await _insert_digest(conn, digest) if digest.parts else None
            if digest_id is not None:
                await _queue_parts(conn, digest_id, digest)
            await _move_schedule(
                conn,
                digest,
                next_digest_at=next_digest_at,
                reschedule=reschedule,
                next_hold=next_hold,
                release_hold=release_hold,
            )
            if held is not None:
                await _release_held(conn, self.db.dialect.int_list, digest_id, digest, held)
            return digest_id

    async def part(self, part_id: int) -> DigestPart | None:
        row = await self.db.fetchone(
            "SELECT p.id, p.digest_id, d.chat_id, d.kind, p.position, p.html"
            " FROM digest_parts p JOIN digests d ON d.id = p.digest_id WHERE p.id = ?",
            (part_id,),
        )
        if row is None:
            return None
        return DigestPart(row[0], row[1], row[2], row[3], row[4], row[5])

    async def pending_parts(self) -> int:
        """Digest messages queued and not sent yet (the scheduler keeps this small)."""
        row = await self.db.fetchone(
            "SELECT count(*) FROM outbox WHERE state = 'pending' AND priority = ? AND kind = ?",
            (PRIORITY[DIGEST_KIND], DIGEST_KIND),
        )
        return int(row[0]) if row else 0

    async def of_chat(self, chat_id: int) -> list[dict[str, object]]:
        """A chat's digests, oldest first (for status and tests)."""
        rows = await self.db.fetchall(
            "SELECT id, kind, period_start, period_end, due_at, stories, parts"
            " FROM digests WHERE chat_id = ? ORDER BY id",
            (chat_id,),
        )
        return [dict(row) for row in rows]


async def _insert_digest(conn: Tx, digest: NewDigest) -> int | None:
    """The digest's row; None when the same chat, kind and due time has one already."""
    return await conn.insert(
        "INSERT INTO digests (chat_id, kind, period_start, period_end,"
        " due_at, stories, parts) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"
        " RETURNING id",
        (
            digest.chat_id,
            digest.kind,
            to_iso(digest.period_start),
            to_iso(digest.period_end),
            to_iso(digest.due_at),
            digest.stories,
            len(digest.parts),
        ),
    )


async def _queue_parts(conn: Tx, digest_id: int, digest: NewDigest) -> None:
    """A `digest_parts` row per message, each with its outbox row of kind 'digest'."""
    queued = to_iso(digest.due_at)
    for position, html in enumerate(digest.parts, start=1):
        part_id = await conn.insert(
            "INSERT INTO digest_parts (digest_id, position, html) VALUES (?, ?, ?) RETURNING id",
            (digest_id, position, html),
        )
        await conn.execute(
            "INSERT INTO outbox"
            " (chat_id, thread_id, article_id, kind, priority, published_at)"
            " VALUES (?, 0, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (digest.chat_id, part_id, DIGEST_KIND, PRIORITY[DIGEST_KIND], queued),
        )


async def _move_schedule(
    conn: Tx,
    digest: NewDigest,
    *,
    next_digest_at: datetime | None,
    reschedule: bool,
    next_hold: tuple[datetime, datetime] | None,
    release_hold: bool,
) -> None:
    """The reader's last_digest_at, next_digest_at and hold window after `digest`."""
    if digest.kind != "quiet":
        await conn.execute(
            "UPDATE readers SET last_digest_at = ? WHERE chat_id = ?"
            " AND (last_digest_at IS NULL OR last_digest_at < ?)",
            (to_iso(digest.period_end), digest.chat_id, to_iso(digest.period_end)),
        )
    if reschedule:
        await conn.execute(
            "UPDATE readers SET next_digest_at = ? WHERE chat_id = ?",
            (to_iso(next_digest_at) if next_digest_at else None, digest.chat_id),
        )
    if release_hold:
        hold_from, hold_until = (
            (to_iso(next_hold[0]), to_iso(next_hold[1])) if next_hold else (None, None)
        )
        await conn.execute(
            "UPDATE readers SET hold_from = ?, hold_until = ? WHERE chat_id = ?",
            (hold_from, hold_until, digest.chat_id),
        )


async def _release_held(
    conn: Tx, int_list: str, digest_id: int | None, digest: NewDigest, held: HeldRelease
) -> None:
    """Mark the stories a quiet digest delivered; forget the rest of what it went through."""
    if digest_id is not None and held.delivered:
        await conn.execute(
            "UPDATE held_stories SET digest_id = ? WHERE chat_id = ?"  # noqa: S608 (constant)
            f" AND digest_id IS NULL AND article_id IN ({int_list})",
            (digest_id, digest.chat_id, json.dumps(list(held.delivered))),
        )
    await conn.execute(
        "DELETE FROM held_stories WHERE chat_id = ? AND digest_id IS NULL"  # noqa: S608
        f" AND (article_id IN ({int_list}) OR held_at < ?)",
        (digest.chat_id, json.dumps(list(held.read)), to_iso(held.held_before)),
    )

"""The outbox: one row per (chat, thread, story, kind); the sender drains it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.models import Delivery, from_iso_or_none, to_iso
from bot.store.db import Database, Row

# Lower goes first (replies to commands, at -10, wait in the limiter only): urgent stories
# (their channel posts, instant messages and pins), then channel posts, instant readers,
# digests, broadcasts. A row keeps its kind; an urgent story's rows get URGENT's priority.
PRIORITY = {"urgent": -5, "pin": -5, "channel": 0, "instant": 10, "digest": 20, "broadcast": 30}
URGENT = PRIORITY["urgent"]
PIN_KIND = "pin"  # pin a breaking story's sent channel post (its article_id: the story)

# Why a row was withdrawn before it went out (its last_error, state 'failed'): an editor's or
# the store's doing, not Telegram refusing it, so not a failing channel (bot.store.health).
HELD = "held by an editor"
STORY_DELETED = "story deleted from the store"
CHANNEL_REMOVED = "the channel was removed"
EDITION_REFUSES = "the channel's edition no longer takes this story"
WITHDRAWALS = (HELD, STORY_DELETED, CHANNEL_REMOVED, EDITION_REFUSES)


@dataclass(frozen=True, slots=True)
class SentMark:
    """Telegram accepted a row's message."""

    delivery_id: int
    message_id: int | None
    as_photo: bool
    rev: int
    at: datetime
    photo: str | None = None  # the photo's URL, for a photo message


@dataclass(frozen=True, slots=True)
class NewDelivery:
    chat_id: int
    article_id: int
    kind: str
    published_at: str
    want_rev: int
    thread_id: int = 0
    priority: int | None = None  # None: the kind's (PRIORITY)


@dataclass(frozen=True, slots=True)
class Pin:
    """The breaking story pinned in a channel (or forum topic)."""

    chat_id: int
    thread_id: int
    message_id: int
    article_id: int


def _row_to_delivery(row: Row) -> Delivery:
    keys = row.keys()  # a Row's `in` looks at values, not names
    return Delivery(
        id=row["id"],
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        article_id=row["article_id"],
        kind=row["kind"],
        priority=row["priority"],
        state=row["state"],
        attempts=row["attempts"],
        message_id=row["message_id"],
        as_photo=bool(row["as_photo"]),
        sent_photo=row["sent_photo"],
        sent_rev=row["sent_rev"],
        want_rev=row["want_rev"],
        language=row["reader_language"] if "reader_language" in keys else None,
        has_quiet=bool(row["reader_quiet"]) if "reader_quiet" in keys else False,
        breaking_alerts=bool(row["reader_breaking"]) if "reader_breaking" in keys else True,
        queued_at=from_iso_or_none(row["created_at"]),
    )


# Rows to send come with what the sender needs to know of their reader (no query per row).
# The queue is read in the order of its index, so picking the next rows stays quick with a
# million waiting (left to itself SQLite picks the retry index and sorts them all).
_SELECT_WITH_READER = (
    "SELECT d.*, r.language AS reader_language,"
    " (r.quiet_start IS NOT NULL AND r.quiet_end IS NOT NULL) AS reader_quiet,"
    " coalesce(r.breaking_alerts, 1) AS reader_breaking"
    " FROM outbox d LEFT JOIN readers r ON r.chat_id = d.chat_id"
)


class OutboxStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._select_queue = _SELECT_WITH_READER.replace(
            "FROM outbox d", f"FROM outbox d {db.dialect.outbox_queue_hint}"
        )

    async def enqueue(self, rows: Iterable[NewDelivery]) -> int:
        """Insert rows, ignoring ones that exist already; returns how many were new."""
        params = [
            (
                r.chat_id,
                r.thread_id,
                r.article_id,
                r.kind,
                PRIORITY.get(r.kind, 50) if r.priority is None else r.priority,
                r.published_at,
                r.want_rev,
            )
            for r in rows
        ]
        if not params:
            return 0
        return await self.db.executemany(
            "INSERT INTO outbox"
            " (chat_id, thread_id, article_id, kind, priority, published_at, want_rev)"
            " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            params,
        )

    async def request_edit(self, article_id: int, rev: int) -> int:
        """Mark sent messages of a story for editing to `rev`; returns how many."""
        return await self.db.execute(
            "UPDATE outbox SET want_rev = ?, next_attempt_at = '' WHERE article_id = ?"
            " AND kind = 'channel' AND state IN ('pending', 'sent') AND want_rev < ?",
            (rev, article_id, rev),
        )

    async def due(
        self,
        now: datetime,
        *,
        exclude_chats: Sequence[int] = (),
        limit: int = 200,
        max_priority: int | None = None,
    ) -> list[Delivery]:
        """Pending sends whose time has come, most urgent and oldest story first
        (`max_priority`: only rows of that priority or a more urgent one).

        A chat with a send waiting for its retry gets nothing else meanwhile, so a story that
        hit a 5xx or a 429 is not overtaken by later ones (publication order is kept).
        """
        rows = await self.db.fetchall(
            f"{self._select_queue} WHERE d.state = 'pending'"  # noqa: S608
            " AND d.next_attempt_at <= ? AND d.priority <= ?"
            f" AND d.chat_id NOT IN ({self.db.dialect.int_list})"
            " AND d.chat_id NOT IN (SELECT chat_id FROM outbox"
            "   WHERE state = 'pending' AND next_attempt_at > ?)"
            " ORDER BY d.priority, d.published_at, d.id LIMIT ?",
            (
                to_iso(now),
                max(PRIORITY.values()) + 1000 if max_priority is None else max_priority,
                json.dumps(list(exclude_chats)),
                to_iso(now),
                limit,
            ),
        )
        return [_row_to_delivery(r) for r in rows]

    async def urgent_chats(self, now: datetime, chats: Sequence[int]) -> set[int]:
        """Which of `chats` have an urgent send due (a breaking story to put ahead of what
        their worker is sending)."""
        if not chats:
            return set()
        rows = await self.db.fetchall(
            "SELECT DISTINCT chat_id FROM outbox WHERE state = 'pending' AND priority <= ?"  # noqa: S608
            f" AND next_attempt_at <= ? AND chat_id IN ({self.db.dialect.int_list})",
            (URGENT, to_iso(now), json.dumps(list(chats))),
        )
        return {int(row[0]) for row in rows}

    async def due_edits(
        self, now: datetime, *, exclude_chats: Sequence[int] = (), limit: int = 100
    ) -> list[Delivery]:
        """Sent messages whose story changed since."""
        rows = await self.db.fetchall(
            f"{_SELECT_WITH_READER} WHERE d.want_rev > d.sent_rev AND d.state = 'sent'"
            f" AND d.next_attempt_at <= ? AND d.chat_id NOT IN ({self.db.dialect.int_list})"
            " ORDER BY d.id LIMIT ?",
            (to_iso(now), json.dumps(list(exclude_chats)), limit),
        )
        return [_row_to_delivery(r) for r in rows]

    async def mark_sent(
        self, delivery_id: int, *, message_id: int | None, as_photo: bool, rev: int, now: datetime
    ) -> None:
        await self.mark_sent_many([SentMark(delivery_id, message_id, as_photo, rev, now)])

    async def mark_sent_many(self, marks: Sequence[SentMark]) -> None:
        """Record several sends in one transaction (the sender's group commit)."""
        await self.db.executemany(
            "UPDATE outbox SET state = 'sent', message_id = ?, as_photo = ?, sent_photo = ?,"
            " sent_rev = ?, want_rev = CASE WHEN want_rev > ? THEN want_rev ELSE ? END,"
            " attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?",
            [
                (
                    m.message_id,
                    int(m.as_photo),
                    m.photo,
                    m.rev,
                    m.rev,
                    m.rev,
                    to_iso(m.at),
                    m.delivery_id,
                )
                for m in marks
            ],
        )

    async def mark_unconfirmed(self, delivery_id: int, note: str, at: datetime) -> None:
        """A send Telegram got but never answered: taken as sent (it may well be), with no
        message id to edit or pin and `note` saying why."""
        await self.db.execute(
            "UPDATE outbox SET state = 'sent', message_id = NULL, sent_rev = want_rev,"
            " attempts = attempts + 1, sent_at = ?, last_error = ? WHERE id = ?",
            (to_iso(at), note, delivery_id),
        )

    async def mark_edited(self, delivery_id: int, rev: int, *, photo: str | None = None) -> None:
        """The message shows `rev` now (and `photo`, when its photo was replaced)."""
        await self.db.execute(
            "UPDATE outbox SET sent_rev = ?, sent_photo = coalesce(?, sent_photo),"
            " last_error = NULL WHERE id = ?",
            (rev, photo, delivery_id),
        )

    async def retry_later(
        self, delivery_id: int, *, error: str, at: datetime, count_attempt: bool = True
    ) -> None:
        await self.db.execute(
            "UPDATE outbox SET next_attempt_at = ?, last_error = ?,"
            " attempts = attempts + ? WHERE id = ?",
            (to_iso(at), error, int(count_attempt), delivery_id),
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET state = 'failed', last_error = ?, attempts = attempts + 1"
            " WHERE id = ?",
            (error, delivery_id),
        )

    async def waiting_instant(self, chat_id: int) -> list[tuple[int, int]]:
        """(row id, story id) of the stories waiting to go to a reader one by one."""
        rows = await self.db.fetchall(
            "SELECT id, article_id FROM outbox WHERE chat_id = ? AND thread_id = 0"
            " AND kind = 'instant' AND state = 'pending' ORDER BY id",
            (chat_id,),
        )
        return [(int(row[0]), int(row[1])) for row in rows]

    async def drop_pending(self, ids: Sequence[int]) -> int:
        """Delete these rows unless they went out meanwhile; returns how many went."""
        if not ids:
            return 0
        return await self.db.execute(
            f"DELETE FROM outbox WHERE id IN ({self.db.dialect.int_list})"  # noqa: S608
            " AND state = 'pending'",
            (json.dumps(list(ids)),),
        )

    async def still_due(self, ids: Sequence[int]) -> dict[int, str | None]:
        """Which of these rows are still waiting, each with its reader's language as it is
        now (None for a chat that is no reader): a chat's worker asks before each of its
        rows after the first, so a reader's /stop, unsubscribing or /language reaches the
        rows it holds."""
        if not ids:
            return {}
        rows = await self.db.fetchall(
            "SELECT d.id, r.language FROM outbox d"  # noqa: S608 (a constant fragment)
            " LEFT JOIN readers r ON r.chat_id = d.chat_id"
            f" WHERE d.id IN ({self.db.dialect.int_list}) AND d.state = 'pending'",
            (json.dumps(list(ids)),),
        )
        return {int(row[0]): row[1] for row in rows}

    async def fail_chat(self, chat_id: int, error: str) -> int:
        """Give up every pending row of a chat (blocked, deleted, not found)."""
        return await self.db.execute(
            "UPDATE outbox SET state = 'failed', last_error = ?"
            " WHERE chat_id = ? AND state = 'pending'",
            (error, chat_id),
        )

    async def give_up_edit(self, delivery_id: int, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET want_rev = sent_rev, last_error = ? WHERE id = ?",
            (error, delivery_id),
        )

    async def prune(self, before: datetime, *, batch: int = 10_000) -> int:
        """Forget sent and failed rows older than `before`, a batch per transaction so the
        sender is never locked out for long; returns how many went."""
        total = 0
        while True:
            count = await self.db.execute(
                "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox"
                " WHERE state IN ('sent', 'failed') AND created_at < ? LIMIT ?)",
                (to_iso(before), batch),
            )
            total += count
            if count < batch:
                return total

    async def oldest_pending(self) -> datetime | None:
        """When the oldest row still waiting was queued."""
        row = await self.db.fetchone("SELECT min(created_at) FROM outbox WHERE state = 'pending'")
        return from_iso_or_none(row[0]) if row else None

    async def counts(self) -> dict[str, int]:
        """Rows by state, every kind."""
        rows = await self.db.fetchall("SELECT state, count(*) FROM outbox GROUP BY state")
        return {row[0]: int(row[1]) for row in rows}

    async def message_counts(self) -> dict[str, int]:
        """Rows by state, messages only: a pin (PIN_KIND) pins a post sent already."""
        rows = await self.db.fetchall(
            "SELECT state, count(*) FROM outbox WHERE kind <> ? GROUP BY state", (PIN_KIND,)
        )
        return {row[0]: int(row[1]) for row in rows}

    async def all_for_chat(self, chat_id: int) -> list[Delivery]:
        rows = await self.db.fetchall(
            "SELECT * FROM outbox WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_row_to_delivery(r) for r in rows]

    async def hold_story(self, article_id: int, reason: str = HELD) -> list[int]:
        """/hold: give up the story's sends still waiting (a fan-out under way stops here);
        returns their ids (`count_sent` tells later which went out all the same)."""
        rows = await self.db.fetchall(
            "UPDATE outbox SET state = 'failed', last_error = ? WHERE article_id = ?"
            " AND kind IN ('channel', 'instant', 'pin') AND state = 'pending' RETURNING id",
            (reason, article_id),
        )
        return [int(row[0]) for row in rows]

    async def count_sent(self, ids: Sequence[int]) -> int:
        """How many of these rows went out (a send under way when its row was given up is
        recorded as sent all the same)."""
        if not ids:
            return 0
        row = await self.db.fetchone(
            f"SELECT count(*) FROM outbox WHERE id IN ({self.db.dialect.int_list})"  # noqa: S608
            " AND state = 'sent'",
            (json.dumps(list(ids)),),
        )
        return int(row[0]) if row else 0

    # --- breaking news ------------------------------------------------------------------

    async def make_urgent(self, article_id: int) -> int:
        """A story became urgent: its sends still waiting go ahead of the queue (a wait for a
        retry, after a 429 say, still holds); returns how many."""
        return await self.db.execute(
            "UPDATE outbox SET priority = ?"
            " WHERE article_id = ? AND kind IN ('channel', 'instant')"
            " AND state = 'pending' AND priority > ?",
            (URGENT, article_id, URGENT),
        )

    async def is_routed(self, article_id: int) -> bool:
        """Whether the story was ever queued for a channel or a reader."""
        row = await self.db.fetchone(
            "SELECT 1 FROM outbox WHERE article_id = ? AND kind IN ('channel', 'instant') LIMIT 1",
            (article_id,),
        )
        return row is not None

    async def pin_sent_posts(self, article_id: int, published_at: str) -> int:
        """Queue a pin for every channel post of the story already sent (and not pinned
        before: one pin row per post, ever); returns how many."""
        return await self.db.execute(
            "INSERT INTO outbox"
            " (chat_id, thread_id, article_id, kind, priority, published_at, want_rev)"
            " SELECT chat_id, thread_id, article_id, ?, ?, ?, 0 FROM outbox"
            " WHERE article_id = ? AND kind = 'channel' AND state = 'sent'"
            " AND message_id IS NOT NULL ORDER BY id ON CONFLICT DO NOTHING",
            (PIN_KIND, URGENT, published_at, article_id),
        )

    async def channel_post(self, chat_id: int, thread_id: int, article_id: int) -> int | None:
        """The message id of the story's post in this channel (None: not sent)."""
        row = await self.db.fetchone(
            "SELECT message_id FROM outbox WHERE chat_id = ? AND thread_id = ?"
            " AND article_id = ? AND kind = 'channel' AND state = 'sent'",
            (chat_id, thread_id, article_id),
        )
        return int(row[0]) if row and row[0] is not None else None

    async def current_pin(self, chat_id: int, thread_id: int) -> Pin | None:
        """The breaking story pinned in this channel now, as far as the bot knows."""
        row = await self.db.fetchone(
            "SELECT chat_id, thread_id, message_id, article_id FROM breaking_pins"
            " WHERE chat_id = ? AND thread_id = ?",
            (chat_id, thread_id),
        )
        return Pin(row[0], row[1], row[2], row[3]) if row else None

    async def remember_pin(self, pin: Pin, at: datetime) -> None:
        """The channel's breaking pin is now this message."""
        await self.db.execute(
            "INSERT INTO breaking_pins (chat_id, thread_id, message_id, article_id, pinned_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (chat_id, thread_id) DO UPDATE SET"
            " message_id = excluded.message_id, article_id = excluded.article_id,"
            " pinned_at = excluded.pinned_at",
            (pin.chat_id, pin.thread_id, pin.message_id, pin.article_id, to_iso(at)),
        )

    async def unhold_story(self, article_id: int, reason: str = HELD) -> tuple[int, int]:
        """/post after /hold: the sends given up because of the hold are pending again;
        returns how many to channels and how many to readers."""
        rows = await self.db.fetchall(
            "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = '',"
            " last_error = NULL WHERE article_id = ? AND kind IN ('channel', 'instant')"
            " AND state = 'failed' AND last_error = ? RETURNING kind",
            (article_id, reason),
        )
        kinds = [str(row[0]) for row in rows]
        return kinds.count("channel"), kinds.count("instant")

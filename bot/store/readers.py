"""Readers, their topic subscriptions and keyword follows."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from bot.models import from_iso_or_none, stored_time, to_iso, utcnow
from bot.store.db import POSTGRESQL, Database, Row, Tx


@dataclass(frozen=True, slots=True)
class Follow:
    id: int
    words: str
    query: str


@dataclass(frozen=True, slots=True)
class Search:
    """A search kept for its pages' buttons: the query, the words as typed, and when it was
    made (its pages show what was out then)."""

    query: str
    terms: str
    made_at: datetime


@dataclass(slots=True)
class Reader:
    chat_id: int
    language: str = "uk"
    timezone: str | None = None
    active: bool = True
    instant: bool = True
    digest_mode: str = "off"
    digest_time: str | None = None
    last_digest_at: datetime | None = None
    quiet_start: str | None = None
    quiet_end: str | None = None
    quiet_hold: bool = False
    breaking_alerts: bool = True  # urgent stories with sound, even in quiet hours
    topics: list[str] = field(default_factory=list)
    follows: list[Follow] = field(default_factory=list)


def _row_to_reader(row: Row) -> Reader:
    return Reader(
        chat_id=row["chat_id"],
        language=row["language"],
        timezone=row["timezone"],
        active=bool(row["active"]),
        instant=bool(row["instant"]),
        digest_mode=row["digest_mode"],
        digest_time=row["digest_time"],
        last_digest_at=from_iso_or_none(row["last_digest_at"]),
        quiet_start=row["quiet_start"],
        quiet_end=row["quiet_end"],
        quiet_hold=bool(row["quiet_hold"]),
        breaking_alerts=bool(row["breaking_alerts"]),
    )


class ReaderStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def register(self, chat_id: int, language: str) -> tuple[Reader, bool]:
        """Create the reader, or reactivate one who had stopped or blocked the bot.

        Returns the reader and whether they are new.
        """
        created = await self.db.insert(
            "INSERT INTO readers (chat_id, language) VALUES (?, ?)"
            " ON CONFLICT DO NOTHING RETURNING chat_id",
            (chat_id, language),
        )
        if created is None:
            await self.db.execute(
                "UPDATE readers SET active = 1, inactive_reason = NULL, updated_at = ?"
                " WHERE chat_id = ?",
                (to_iso(utcnow()), chat_id),
            )
        reader = await self.get(chat_id)
        assert reader is not None
        return reader, created is not None

    async def get(self, chat_id: int) -> Reader | None:
        row = await self.db.fetchone("SELECT * FROM readers WHERE chat_id = ?", (chat_id,))
        if row is None:
            return None
        reader = _row_to_reader(row)
        reader.topics = await self.topics_of(chat_id)
        reader.follows = await self.follows_of(chat_id)
        return reader

    async def language_of(self, chat_id: int) -> str | None:
        row = await self.db.fetchone("SELECT language FROM readers WHERE chat_id = ?", (chat_id,))
        return str(row[0]) if row else None

    async def _set(self, chat_id: int, column: str, value: object) -> bool:
        # `column` is always one of the literal names below, never user input.
        sql = f"UPDATE readers SET {column} = ?, updated_at = ? WHERE chat_id = ?"  # noqa: S608
        return await self.db.execute(sql, (value, to_iso(utcnow()), chat_id)) > 0

    async def set_language(self, chat_id: int, language: str) -> bool:
        return await self._set(chat_id, "language", language)

    async def set_timezone(self, chat_id: int, timezone: str) -> bool:
        return await self._set(chat_id, "timezone", timezone)

    async def set_instant(self, chat_id: int, on: bool) -> bool:
        return await self._set(chat_id, "instant", int(on))

    async def set_breaking_alerts(self, chat_id: int, on: bool) -> bool:
        """Urgent stories with sound, even in quiet hours (on), or like any other story."""
        return await self._set(chat_id, "breaking_alerts", int(on))

    async def set_digest(self, chat_id: int, mode: str, at: str | None) -> bool:
        changed = await self.db.execute(
            "UPDATE readers SET digest_mode = ?, digest_time = ?, updated_at = ? WHERE chat_id = ?",
            (mode, at, to_iso(utcnow()), chat_id),
        )
        return changed > 0

    async def set_quiet(self, chat_id: int, start: str | None, end: str | None, hold: bool) -> None:
        await self.db.execute(
            "UPDATE readers SET quiet_start = ?, quiet_end = ?, quiet_hold = ?, updated_at = ?"
            " WHERE chat_id = ?",
            (start, end, int(hold), to_iso(utcnow()), chat_id),
        )

    async def topics_of(self, chat_id: int) -> list[str]:
        rows = await self.db.fetchall(
            "SELECT s.topic FROM subscriptions s JOIN topics t ON t.slug = s.topic"
            " WHERE s.chat_id = ? ORDER BY t.position, t.slug",
            (chat_id,),
        )
        return [row[0] for row in rows]

    async def subscribe(self, chat_id: int, topics: Sequence[str]) -> list[str]:
        """Add topics; returns the ones that were not subscribed before."""
        before = set(await self.topics_of(chat_id))
        await self.db.executemany(
            "INSERT INTO subscriptions (chat_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING",
            [(chat_id, t) for t in topics],
        )
        return [t for t in dict.fromkeys(topics) if t not in before]

    async def unsubscribe(self, chat_id: int, topics: Sequence[str]) -> list[str]:
        """Remove topics; returns the ones that were subscribed."""
        before = set(await self.topics_of(chat_id))
        await self.db.executemany(
            "DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?",
            [(chat_id, t) for t in topics],
        )
        return [t for t in dict.fromkeys(topics) if t in before]

    async def set_topics(self, chat_id: int, topics: Sequence[str]) -> None:
        """Replace the reader's topics (the picker's "all" and "none")."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))
            await conn.executemany(
                "INSERT INTO subscriptions (chat_id, topic) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(chat_id, t) for t in topics],
            )

    async def toggle(self, chat_id: int, topic: str) -> bool:
        """Flip one subscription; returns True when now subscribed."""
        async with self.db.transaction() as conn:
            if await conn.execute(
                "DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?", (chat_id, topic)
            ):
                return False
            await conn.execute(
                "INSERT INTO subscriptions (chat_id, topic) VALUES (?, ?)", (chat_id, topic)
            )
            return True

    async def follows_of(self, chat_id: int) -> list[Follow]:
        rows = await self.db.fetchall(
            "SELECT id, words, query FROM follows WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [Follow(row["id"], row["words"], row["query"]) for row in rows]

    async def follow(self, chat_id: int, words: str, query: str) -> bool:
        """Add a keyword alert; False when the reader follows the same words already."""
        rowid = await self.db.insert(
            "INSERT INTO follows (chat_id, words, query) VALUES (?, ?, ?)"
            " ON CONFLICT DO NOTHING RETURNING id",
            (chat_id, words, query),
        )
        return rowid is not None

    async def unfollow(self, chat_id: int, query: str | None = None) -> int:
        """Remove one keyword alert (by its query) or all of them."""
        if query is None:
            return await self.db.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,))
        return await self.db.execute(
            "DELETE FROM follows WHERE chat_id = ? AND query = ?", (chat_id, query)
        )

    async def all_follows(self) -> list[Follow]:
        """Every reader's keyword alerts (to rebuild their queries)."""
        rows = await self.db.fetchall("SELECT id, words, query FROM follows ORDER BY id")
        return [Follow(row["id"], row["words"], row["query"]) for row in rows]

    async def rewrite_follow_queries(self, queries: Sequence[tuple[int, str | None]]) -> None:
        """Give follows new queries (by id); None, or a query the same reader already has
        under another follow, removes the follow."""
        async with self.db.transaction() as conn:
            for follow_id, query in queries:
                changed = 0
                if query is not None:
                    changed = await conn.execute(
                        "UPDATE follows SET query = ? WHERE id = ? AND NOT EXISTS (SELECT 1"
                        " FROM follows o WHERE o.chat_id = follows.chat_id AND o.query = ?"
                        " AND o.id <> follows.id)",
                        (query, follow_id, query),
                    )
                if not changed:
                    await conn.execute("DELETE FROM follows WHERE id = ?", (follow_id,))

    async def remember_search(
        self,
        chat_id: int,
        query: str,
        terms: str,
        *,
        keep: int,
        made_at: datetime | None = None,
    ) -> int:
        """Keep a search made at `made_at` (default: now) for its "more" button (the chat's
        latest `keep`); returns its id."""
        async with self.db.transaction() as conn:
            search_id = await conn.insert(
                "INSERT INTO searches (chat_id, query, terms, created_at) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                (chat_id, query, terms, to_iso(made_at or utcnow())),
            )
            await conn.execute(
                "DELETE FROM searches WHERE chat_id = ? AND id NOT IN (SELECT id FROM searches"
                " WHERE chat_id = ? ORDER BY id DESC LIMIT ?)",
                (chat_id, chat_id, keep),
            )
        assert search_id is not None
        return search_id

    async def recall_search(self, chat_id: int, search_id: int) -> Search | None:
        """A search this chat made, if still kept."""
        row = await self.db.fetchone(
            "SELECT query, terms, created_at FROM searches WHERE id = ? AND chat_id = ?",
            (search_id, chat_id),
        )
        if row is None:
            return None
        return Search(str(row[0]), str(row[1]), stored_time(row[2]) or utcnow())

    async def deactivate(self, chat_id: int, reason: str) -> bool:
        """The reader blocked the bot or is gone: send nothing more until /start."""
        return (
            await self.db.execute(
                "UPDATE readers SET active = 0, inactive_reason = ?, updated_at = ?"
                " WHERE chat_id = ?",
                (reason, to_iso(utcnow()), chat_id),
            )
            > 0
        )

    async def delete(self, chat_id: int) -> bool:
        """/stop: delete the reader and all their data; drop what was waiting for them."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM outbox WHERE chat_id = ? AND state = 'pending'", (chat_id,)
            )
            await conn.execute("DELETE FROM searches WHERE chat_id = ?", (chat_id,))
            return await conn.execute("DELETE FROM readers WHERE chat_id = ?", (chat_id,)) > 0

    async def enqueue_instant(
        self,
        *,
        article_id: int,
        published_at: str,
        rev: int,
        topics: Sequence[str],
        follow_queries: Sequence[str],
        priority: int,
        urgent: bool = False,
    ) -> int:
        """Queue a story for every reader who gets it now: active instant readers of its
        topics and active readers following a query it matched, each once. One statement,
        so a story for 100,000 readers is routed inside SQLite in well under a second.
        Topic readers holding quiet hours are left out (bot.delivery.digest_scheduler sends them the
        held stories at the window's end), unless the story is `urgent` and they did not opt
        out of breaking alerts; each is recorded as held for them (`held_stories`). Keyword
        alerts are not held. Nobody gets again a story a quiet digest delivered to them."""
        now = to_iso(utcnow())
        lists = self.db.dialect.text_list
        params: list[object] = [
            article_id,
            priority,
            published_at,
            rev,
            json.dumps(list(topics)),
            now,
            now,
            int(urgent),
            json.dumps(list(follow_queries)),
            article_id,
        ]
        skip_queued = " ON CONFLICT DO NOTHING"
        async with self.db.transaction() as conn:
            await _hold_back(conn, lists, article_id, topics, follow_queries, now, urgent)
            if self.db.dialect.name == POSTGRESQL:
                # ON CONFLICT's speculative insertion is a third of the statement's time there;
                # every writer of instant rows (this one) holds the write lock, so rows already
                # queued (a repeated poll after a crash) are left out by an anti-join instead.
                # The UNION and the sort stay in memory for 100,000 readers.
                await conn.execute("SET LOCAL work_mem = '64MB'")
                await conn.execute("SET LOCAL synchronous_commit = off")
                skip_queued = ""
                params.append(article_id)
            return await conn.execute(
                "INSERT INTO outbox"  # noqa: S608 (constant fragments)
                " (chat_id, thread_id, article_id, kind, priority, published_at, want_rev)"
                " SELECT chat_id, 0, ?, 'instant', ?, ?, ? FROM ("
                "   SELECT s.chat_id FROM subscriptions s JOIN readers r ON r.chat_id = s.chat_id"
                f"    WHERE s.topic IN ({lists})"
                "      AND r.active = 1 AND r.instant = 1"
                # quiet hours with "hold": held back now, sent as one digest at the window's end
                f"      AND NOT ({_HELD_NOW})"
                "   UNION"
                "   SELECT f.chat_id FROM follows f JOIN readers r ON r.chat_id = f.chat_id"
                f"    WHERE f.query IN ({lists}) AND r.active = 1"
                " ) AS due"
                # a story a quiet digest delivered is never sent again (/post, alerts)
                " WHERE NOT EXISTS (SELECT 1 FROM held_stories h WHERE h.chat_id = due.chat_id"
                "  AND h.article_id = ? AND h.digest_id IS NOT NULL)"
                + (
                    " AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.chat_id = due.chat_id"
                    "  AND o.thread_id = 0 AND o.article_id = ? AND o.kind = 'instant')"
                    if not skip_queued
                    else ""
                )
                + " ORDER BY chat_id"
                + skip_queued,
                params,
            )

    async def follow_queries(self) -> list[str]:
        """Every distinct keyword query some active reader follows."""
        rows = await self.db.fetchall(
            "SELECT DISTINCT f.query FROM follows f JOIN readers r ON r.chat_id = f.chat_id"
            " WHERE r.active = 1 ORDER BY f.query"
        )
        return [row[0] for row in rows]

    async def counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT active, count(*) FROM readers GROUP BY active")
        by = {int(row[0]): int(row[1]) for row in rows}
        return {"active": by.get(1, 0), "inactive": by.get(0, 0)}

    async def per_topic(self) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT s.topic, count(*) FROM subscriptions s JOIN readers r"
            " ON r.chat_id = s.chat_id WHERE r.active = 1 GROUP BY s.topic"
        )
        return {row[0]: int(row[1]) for row in rows}


# A reader `r` whom a held quiet-hours window keeps a story from now (parameters: now, now,
# whether the story is urgent): an urgent story still reaches a reader who takes breaking
# alerts. `enqueue_instant` leaves these readers out, `_hold_back` records what they missed.
_HELD_NOW = (
    "r.hold_from IS NOT NULL AND r.hold_from <= ? AND r.hold_until > ?"
    " AND NOT (r.breaking_alerts = 1 AND 1 = ?)"
)


async def _hold_back(
    conn: Tx,
    lists: str,
    article_id: int,
    topics: Sequence[str],
    follow_queries: Sequence[str],
    now: str,
    urgent: bool,
) -> None:
    """Record the story as held for each instant topic reader in a held quiet-hours window
    now whom `enqueue_instant` leaves out (no keyword alert of theirs matched it): their
    window's digest is these rows."""
    await conn.execute(
        "INSERT INTO held_stories (chat_id, article_id, held_at)"  # noqa: S608 (constant)
        " SELECT DISTINCT s.chat_id, CAST(? AS BIGINT), CAST(? AS TEXT) FROM subscriptions s"
        " JOIN readers r ON r.chat_id = s.chat_id"
        f" WHERE s.topic IN ({lists}) AND r.active = 1 AND r.instant = 1"
        f" AND {_HELD_NOW}"
        " AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.chat_id = s.chat_id"
        f"  AND f.query IN ({lists}))"
        " ON CONFLICT DO NOTHING",
        (
            article_id,
            now,
            json.dumps(list(topics)),
            now,
            now,
            int(urgent),
            json.dumps(list(follow_queries)),
        ),
    )

"""Channels (and forum topics) that get stories posted automatically."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Channel, EditionChange
from bot.store.db import Database, Row


def _items(text: str | None) -> tuple[str, ...]:
    """A comma-separated column as a tuple ("" -> ())."""
    return tuple(item for item in (text or "").split(",") if item)


def _row_to_channel(row: Row) -> Channel:
    return Channel(
        chat_id=row["chat_id"],
        thread_id=row["thread_id"],
        topics=_items(row["topics"]),
        link_preview=bool(row["link_preview"]),
        silent=bool(row["silent"]),
        language=row["language"] or None,
        story_languages=_items(row["story_languages"]),
        include=_items(row["include_keywords"]),
        exclude=_items(row["exclude_keywords"]),
        template=row["template"] or None,
    )


# The columns an EditionChange may set (names never come from outside).
_EDITION_COLUMNS = frozenset(
    {
        "topics",
        "language",
        "story_languages",
        "include_keywords",
        "exclude_keywords",
        "template",
        "link_preview",
        "silent",
    }
)


# (table, the rest of its unique key beside chat_id, which rows) a chat id change moves:
# children first, the reader last (the foreign keys are checked at commit).
_MOVED_WITH_THE_CHAT: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("subscriptions", ("topic",), ""),
    ("follows", ("query",), ""),
    ("digests", ("kind", "due_at"), ""),
    ("held_stories", ("article_id",), ""),
    ("readers", (), ""),
    ("outbox", ("thread_id", "article_id", "kind"), " AND state = 'pending'"),
)


class ChannelStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def add(
        self, chat_id: int, thread_id: int = 0, topics: Sequence[str] | None = ()
    ) -> bool:
        """Add a target (`topics` None or empty: every topic) or change its topics (None:
        keep them); True when it was new."""
        existed = await self.db.fetchone(
            "SELECT 1 FROM channels WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
        )
        if existed is not None and topics is None:
            return False
        await self.db.execute(
            "INSERT INTO channels (chat_id, thread_id, topics) VALUES (?, ?, ?)"
            " ON CONFLICT(chat_id, thread_id) DO UPDATE SET topics = excluded.topics",
            (chat_id, thread_id, ",".join(topics or ())),
        )
        return existed is None

    async def remove(self, chat_id: int, thread_id: int | None = None) -> int:
        """Remove a chat's targets (one forum topic when thread_id is given), and the posts
        and pins still waiting for them: "stop posting there" means now."""
        where, params = "chat_id = ?", [chat_id]
        if thread_id is not None:
            where, params = "chat_id = ? AND thread_id = ?", [chat_id, thread_id]
        async with self.db.transaction() as conn:
            await conn.execute(
                f"DELETE FROM outbox WHERE {where}"  # noqa: S608 (one of two literals)
                " AND kind IN ('channel', 'pin') AND state = 'pending'",
                params,
            )
            return await conn.execute(f"DELETE FROM channels WHERE {where}", params)  # noqa: S608

    async def get(self, chat_id: int, thread_id: int = 0) -> Channel | None:
        row = await self.db.fetchone(
            "SELECT * FROM channels WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
        )
        return _row_to_channel(row) if row else None

    async def all(self) -> list[Channel]:
        rows = await self.db.fetchall("SELECT * FROM channels ORDER BY chat_id, thread_id")
        return [_row_to_channel(r) for r in rows]

    async def titles(self) -> dict[tuple[int, int], str | None]:
        """Each target's chat title as last seen, by (chat_id, thread_id)."""
        rows = await self.db.fetchall(
            "SELECT chat_id, thread_id, title FROM channels ORDER BY chat_id, thread_id"
        )
        return {(r["chat_id"], r["thread_id"]): r["title"] for r in rows}

    async def set_title(self, chat_id: int, title: str) -> None:
        """The chat's title as just seen, on each of its targets (its forum topics too)."""
        await self.db.execute("UPDATE channels SET title = ? WHERE chat_id = ?", (title, chat_id))

    async def migrate_chat(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move its targets, its reader subscription (topics,
        follows, digests) and its pending outbox rows to the new id."""
        async with self.db.transaction() as conn:
            # Children first, the reader last; foreign keys are checked at commit.
            await conn.execute(self.db.dialect.defer_foreign_keys)
            await conn.execute(
                "DELETE FROM channels WHERE chat_id = ? AND thread_id IN"
                " (SELECT thread_id FROM channels WHERE chat_id = ?)",
                (new_id, old_id),
            )
            await conn.execute(
                "UPDATE channels SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
            )
            # A row whose twin exists under the new id already stays behind (and goes with
            # the old reader, or is never sent: the old chat is gone).
            for table, key, only in _MOVED_WITH_THE_CHAT:
                same = " AND ".join(f"o.{column} = {table}.{column}" for column in key)
                await conn.execute(
                    f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?{only}"  # noqa: S608
                    f" AND NOT EXISTS (SELECT 1 FROM {table} o WHERE o.chat_id = ?"
                    f"{' AND ' + same if same else ''})",
                    (new_id, old_id, new_id),
                )

    async def set_options(
        self,
        chat_id: int,
        thread_id: int = 0,
        *,
        link_preview: bool | None = None,
        silent: bool | None = None,
        title: str | None = None,
    ) -> bool:
        """Per-target options (None leaves one as it is); False when there is no such target."""
        return (
            await self.db.execute(
                "UPDATE channels SET link_preview = coalesce(?, link_preview),"
                " silent = coalesce(?, silent), title = coalesce(?, title)"
                " WHERE chat_id = ? AND thread_id = ?",
                (
                    None if link_preview is None else int(link_preview),
                    None if silent is None else int(silent),
                    title,
                    chat_id,
                    thread_id,
                ),
            )
            > 0
        )

    async def set_edition(self, chat_id: int, thread_id: int, change: EditionChange) -> bool:
        """Change a target's topics, options and edition; False when there is no such target."""
        values = change.columns()
        assert set(values) <= _EDITION_COLUMNS
        if not values:
            return await self.get(chat_id, thread_id) is not None
        assignments = ", ".join(f"{column} = ?" for column in values)
        return (
            await self.db.execute(
                f"UPDATE channels SET {assignments} WHERE chat_id = ? AND thread_id = ?",  # noqa: S608
                (*values.values(), chat_id, thread_id),
            )
            > 0
        )

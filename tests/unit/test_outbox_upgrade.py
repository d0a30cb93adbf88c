"""Migration 0007 on a store of schema 6: the table `deliveries` becomes `outbox` with every
row, its indexes keep their definitions under `outbox_*` names, and the outbox works on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.models import utcnow
from bot.store.db import load_migrations
from bot.store.outbox import NewDelivery
from bot.store.store import Store


def old_store(path: Path) -> list[tuple[object, ...]]:
    """A store at schema 6 with pending, sent and failed rows in `deliveries`; returns them."""
    conn = sqlite3.connect(path)
    for migration in load_migrations()[:6]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    conn.executescript(
        """
        INSERT INTO articles (id, url, title) VALUES
            (1, 'https://e.org/1', 'One'), (2, 'https://e.org/2', 'Two');
        INSERT INTO deliveries (chat_id, article_id, kind, state, published_at) VALUES
            (7, 1, 'instant', 'pending', '2026-01-01T00:00:00+00:00'),
            (7, 2, 'instant', 'pending', '2026-01-02T00:00:00+00:00');
        INSERT INTO deliveries (chat_id, thread_id, article_id, kind, state, message_id,
                                sent_rev, sent_at)
            VALUES (-100, 3, 1, 'channel', 'sent', 55, 1, '2026-01-01T01:00:00+00:00');
        INSERT INTO deliveries (chat_id, article_id, kind, state, last_error)
            VALUES (8, 2, 'instant', 'failed', 'Forbidden: bot was blocked by the user');
        """
    )
    rows = conn.execute("SELECT * FROM deliveries ORDER BY id").fetchall()
    conn.close()
    return rows


def schema(path: Path) -> dict[str, str]:
    conn = sqlite3.connect(path)
    found = {
        name: sql or ""
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'")
    }
    conn.close()
    return found


async def test_upgrade_from_schema_6_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    before = old_store(path)
    old_indexes = {n: sql for n, sql in schema(path).items() if n.startswith("deliveries_")}
    assert len(old_indexes) == 5

    async with Store(str(path)) as store:
        assert await store.db.schema_version() == len(load_migrations())
        after = [tuple(r) for r in await store.db.fetchall("SELECT * FROM outbox ORDER BY id")]
        # every row and value, in the columns of schema 6; later columns come after, empty
        width = len(before[0])
        assert [r[:width] for r in after] == [tuple(r) for r in before]
        assert {r[width:] for r in after} == {(None,)}  # 0032's sent_photo
        tables = await store.db.fetchall("SELECT name FROM sqlite_master WHERE type = 'table'")
        assert "deliveries" not in {r[0] for r in tables}
        # The outbox works on the old rows: due in order, counted, unique per chat x story.
        due = await store.outbox.due(utcnow())
        assert [(d.chat_id, d.article_id) for d in due] == [(7, 1), (7, 2)]
        assert await store.outbox.counts() == {"pending": 2, "sent": 1, "failed": 1}
        again = NewDelivery(chat_id=7, article_id=1, kind="instant", published_at="", want_rev=0)
        assert await store.outbox.enqueue([again]) == 0

    indexes = schema(path)
    assert not [n for n in indexes if "deliveries" in n]
    for old_name, old_sql in old_indexes.items():
        new_name = old_name.replace("deliveries_", "outbox_")
        expected = old_sql.replace(old_name, new_name).replace("ON deliveries(", "ON outbox(")
        if new_name == "outbox_edits":  # narrowed to sent rows by 0011
            expected = (
                "CREATE INDEX outbox_edits ON outbox(want_rev, sent_rev)"
                " WHERE state = 'sent' AND want_rev > sent_rev"
            )
        assert indexes[new_name] == expected
    assert "sqlite_autoindex_outbox_1" in indexes  # the UNIQUE (chat, thread, story, kind)


async def test_a_new_store_has_the_same_outbox_as_an_upgraded_one(tmp_path: Path) -> None:
    old_store(tmp_path / "old.db")
    async with Store(str(tmp_path / "old.db")):
        pass
    async with Store(str(tmp_path / "new.db")):
        pass
    old = {n: s for n, s in schema(tmp_path / "old.db").items() if "outbox" in n}
    new = {n: s for n, s in schema(tmp_path / "new.db").items() if "outbox" in n}
    assert old == new and len(new) == 6

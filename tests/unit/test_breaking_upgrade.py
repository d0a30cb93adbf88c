"""Migration 0013 on a SQLite store of schema 12 with stories and readers in it: every story is
not urgent, every reader keeps breaking alerts on, and marking a stored story urgent is an edit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.store.db import load_migrations
from bot.store.store import Store


def old_store(path: Path) -> None:
    conn = sqlite3.connect(path)
    for migration in load_migrations()[:12]:
        assert migration.version <= 12
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    conn.executescript(
        """
        INSERT INTO articles (id, url, title) VALUES (1, 'https://e.org/1', 'One');
        INSERT INTO readers (chat_id, language) VALUES (7, 'uk');
        DELETE FROM article_changes;
        """
    )
    conn.close()


async def test_upgrade_to_0013_keeps_stories_and_readers(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_store(path)
    async with Store(str(path)) as store:
        article = await store.articles.get(1)
        assert article is not None and not article.urgent and article.rev == 1
        reader = await store.readers.get(7)
        assert reader is not None and reader.breaking_alerts
        assert await store.articles.set_urgent(1, True)
        assert not await store.articles.set_urgent(1, True)  # already: nothing changes
        marked = await store.articles.get(1)
        assert marked is not None and marked.urgent and marked.rev == 2
        changes = await store.articles.waiting_changes()
        assert [(c.article_id, c.kind) for c in changes] == [(1, "edit")]

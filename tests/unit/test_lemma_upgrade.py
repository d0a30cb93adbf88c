"""Migration 0006 on a store of the old schema: stories, admins' rules and readers' follows
become lemmas; the search index is complete after `newsbot migrate` or the first poll."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from upgrade import found_urls

from bot.cli import main
from bot.delivery.poller import Poller
from bot.store.db import load_migrations
from bot.store.store import Store


def old_store(path: Path) -> None:
    """A store at schema 5 (before lemmas) with stories, an admin's rule and follows as the
    old code wrote them (prefix queries)."""
    conn = sqlite3.connect(path)
    for migration in load_migrations()[:5]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    conn.executescript(
        """
        INSERT INTO articles (url, title, lead) VALUES
            ('https://e.org/1', 'Вибухи у Києві', 'Нічний обстріл столиці.'),
            ('https://e.org/2', 'Прем''єра вистави у театрі', 'Квитки розпродано.'),
            ('https://e.org/3', 'Посла викликали до МЗС', 'Після заяви.');
        INSERT INTO topic_keywords (topic, keyword) VALUES ('culture', 'вистави');
        INSERT INTO readers (chat_id, language) VALUES (1, 'uk'), (2, 'uk');
        INSERT INTO follows (chat_id, words, query) VALUES
            (1, 'посол', '"посол"'),
            (1, 'посла', '"посла"'),
            (2, 'обстрілів', '"обстріл"*');
        """
    )
    conn.close()


async def check_upgraded(store: Store) -> None:
    assert await store.db.schema_version() == len(load_migrations())
    assert await found_urls(store, "Київ") == ["https://e.org/1"]
    assert await found_urls(store, "обстрілів") == ["https://e.org/1"]
    assert await found_urls(store, "посол") == ["https://e.org/3"]
    assert await found_urls(store, "прем'єр") == []  # a premiere is not a premier
    keywords = await store.topics.all_keywords()
    assert ("culture", "вистава") in keywords and ("culture", "вистави") not in keywords
    assert ("war", "ракет") not in keywords  # the old prefix rules are gone
    assert ("war", "ракета") in keywords and ("politics", "прем'єр-міністр") in keywords
    follows = {
        chat: [(f.words, f.query) for f in await store.readers.follows_of(chat)] for chat in (1, 2)
    }
    # "посол" and "посла" are one follow now (the same lemma); the prefix query is rebuilt
    assert follows == {1: [("посол", '"посол"')], 2: [("обстрілів", '"обстріл"')]}


def test_newsbot_migrate_upgrades_an_old_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "old.db"
    old_store(path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    assert main(["migrate"]) == 0
    assert "0006_lemmas.sql" in capsys.readouterr().out

    async def check() -> None:
        async with Store(str(path)) as store:
            await check_upgraded(store)

    import asyncio

    asyncio.run(check())


async def test_first_poll_completes_the_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_store(path)
    async with Store(str(path)) as store:  # migrates, as `newsbot run` does
        assert await store.articles.search_count('"київ"') == 0  # not indexed yet
        await Poller(store, max_age_hours=24).poll_once()
        await check_upgraded(store)
        # a row another program inserts later is indexed by the next poll
        await store.db.execute(
            "INSERT INTO articles (url, title) VALUES ('https://e.org/4', 'Обстріли Харкова')"
        )
        await Poller(store, max_age_hours=24).poll_once()
        assert await found_urls(store, "Харкові") == ["https://e.org/4"]

"""`newsbot migrate-store FROM TO`: a newsroom's whole store, SQLite -> PostgreSQL -> SQLite,
row for row, with search and new ids working on the copy; a used or wrong target is refused."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
from harness import run_cli
from pgtest import PostgresServer

from bot.ingest.tagging import retag
from bot.models import ArticleIn, to_iso, utcnow
from bot.store.copy import TABLES, copy_store, table_names
from bot.store.digests import NewDigest
from bot.store.lease import LEASE_KEY, LeaseStore
from bot.store.outbox import PRIORITY, NewDelivery, Pin
from bot.store.store import Store
from bot.text.search import fts_query

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)

STORIES = [
    ("Обстріл Харкова: ракети влучили в житловий будинок", "Рятувальники ДСНС працюють на місці."),
    ("Верховна Рада ухвалила бюджет", "Депутати проголосували за зміни до бюджету."),
    ("Київ приймає саміт", "Посол Франції прибув до Києва на переговори."),
    ("Збірна України виграла матч", "Футболісти перемогли з рахунком 2:0."),
    ("Drone factory opens in Lviv", "A new plant will build thousands of drones a year."),
    ("Нова виставка у музеї", "Художники з Одеси показують картини."),
]
QUERIES = ["харків", "ракета", "бюджет", '"верховна рада"', "посол", "drone", "музей", "київ"]


@pytest.fixture
def cli_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory without .env; DATABASE_URL plays no part in migrate-store."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    return tmp_path


@pytest.fixture
def pg_blank(backend: str, request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """The new, empty PostgreSQL databases `new_pg` made, dropped after the test."""
    server: PostgresServer = request.getfixturevalue("postgres_server")
    made: list[str] = []
    yield made
    for url in made:
        server.drop(url)


def new_pg(request: pytest.FixtureRequest, made: list[str]) -> str:
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database(migrated=False)
    made.append(url)
    return url


async def build_newsroom(url: str) -> None:
    """A store with everything a newsroom keeps: an edited and an added topic with their own
    keyword rules, a source, tagged stories with lemmas (one edited, one untagged, one
    without lemmas yet), a pruned change log, channels, readers with topics, follows,
    digests and quiet hours (a story held back), outbox rows sent, failed and pending, audit,
    a broadcast, searches, a breaking pin, kv state and an expired sender lease."""
    async with Store(url) as store:
        db = store.db
        await db.execute("UPDATE topics SET title_en = ? WHERE slug = ?", ("War news", "war"))
        await store.topics.set_keywords("war", ["ракета", "обстріл", "шахед"])
        await store.topics.add("drones", "Drones", "Дрони")
        await store.topics.set_keywords("drones", ["drone", "дрон", "factory"])
        source_id = await store.sources.add(
            "https://example.org/rss.xml", topics=["war"], interval=120
        )
        ids = []
        for n, (title, lead) in enumerate(STORIES):
            item = ArticleIn(
                url=f"https://news.example.org/{n}",
                title=title,
                lead=lead,
                published_at=NOW - timedelta(minutes=10 * n),
                source="Desk",
                tags=["culture"] if n == 5 else [],
            )
            _, article_id = await store.articles.upsert(item, source_id=source_id if n else None)
            ids.append(article_id)
        await retag(store, ids[:-1])  # the last one waits for its lemmas (search_text NULL)
        edited = ArticleIn(
            url="https://news.example.org/0",
            title=STORIES[0][0] + " (оновлено)",
            lead=STORIES[0][1],
            published_at=NOW,
            source="Desk",
        )
        await store.articles.upsert(edited, source_id=None)  # rev 2, an 'edit' change
        await store.articles.prune_changes(3)  # consumed by the poller
        await store.articles.consume_changes([7])  # the newest too: seq 7 stays used
        await db.set_kv("poller.seq", "3")
        await db.set_kv("paused", "0")
        await LeaseStore(db).acquire(utcnow() - timedelta(minutes=5), timedelta(seconds=9))

        await store.channels.add(-1001, 0, ["war"])
        await store.channels.add(-1002, 42, [])
        await store.channels.set_options(-1002, 42, link_preview=False, silent=True)
        for chat_id, language in ((501, "uk"), (502, "en"), (503, "uk")):
            await store.readers.register(chat_id, language)
        await store.readers.subscribe(501, ["war", "drones"])
        await store.readers.subscribe(502, ["politics"])
        await store.readers.follow(501, "посол", fts_query("посол") or "")
        await store.readers.follow(502, "drone factory", fts_query("drone factory") or "")
        await store.readers.set_digest(502, "daily", "08:00")
        await store.readers.set_timezone(502, "Europe/Berlin")
        await store.readers.set_quiet(501, "23:00", "07:00", True)
        hold = (utcnow() - timedelta(hours=1), utcnow() + timedelta(hours=1))
        await store.digests.set_hold(501, hold)  # in a held window: a story held back
        await store.readers.enqueue_instant(
            article_id=ids[1],
            published_at=to_iso(NOW),
            rev=1,
            topics=["war"],
            follow_queries=[],
            priority=PRIORITY["instant"],
        )
        await store.readers.deactivate(503, "blocked")
        await store.readers.remember_search(501, "харків", "харків", keep=5)
        await store.stats.record_inline_choice(1, utcnow())
        await store.readers.set_breaking_alerts(502, False)
        await store.outbox.remember_pin(Pin(-1001, 0, 55, 1), NOW)
        await store.digests.create(
            NewDigest(
                chat_id=502,
                kind="daily",
                period_start=NOW - timedelta(days=1),
                period_end=NOW,
                due_at=NOW,
                stories=3,
                parts=["<b>Digest</b> part 1", "<b>Digest</b> part 2"],
            )
        )
        published = to_iso(NOW)
        await store.outbox.enqueue(
            [NewDelivery(-1001, i, "channel", published, 1) for i in ids[:3]]
            + [NewDelivery(501, ids[4], "instant", published, 1)]
        )
        due = await store.outbox.due(NOW + timedelta(hours=1), limit=10)
        await store.outbox.mark_sent(
            due[0].id, message_id=77, as_photo=False, rev=1, now=NOW + timedelta(seconds=5)
        )
        await store.outbox.mark_failed(due[1].id, "Forbidden: bot was blocked by the user")
        await store.audit.record(9001, "/addtopic", "drones Drones | Дрони")
        await store.audit.record(9001, "/keywords", "nope", ok=False)
        broadcast = await store.broadcasts.create(9001, "<b>Hello</b> readers")
        await store.broadcasts.start(broadcast, chat_id=9001, message_id=5)


async def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every newsbot table's rows, in key order (columns by name, generated ones left out)."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with Store(url) as store:
        db = store.db
        for table in TABLES:
            names = await db.fetchall(
                "SELECT name FROM pragma_table_info(?) ORDER BY name"
                if db.dialect.name == "sqlite"
                else "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                " AND table_schema = current_schema() AND is_generated = 'NEVER'"
                " ORDER BY column_name",
                (table.name,),
            )
            cols = ", ".join(str(n[0]) for n in names)
            found = await db.fetchall(
                f"SELECT {cols} FROM {table.name} ORDER BY {', '.join(table.key)}"  # noqa: S608
            )
            rows[table.name] = [tuple(row) for row in found]
    return rows


def without_lease(rows: dict[str, list[tuple[Any, ...]]]) -> dict[str, list[tuple[Any, ...]]]:
    return {**rows, "kv": [row for row in rows["kv"] if LEASE_KEY not in row]}


async def search_results(url: str) -> dict[str, list[int]]:
    async with Store(url) as store:
        return {
            q: [a.id for a in await store.articles.search(fts_query(q) or "", limit=20)]
            for q in QUERIES
        }


async def new_rows_on(url: str, before: dict[str, list[tuple[Any, ...]]]) -> None:
    """A story, a reader's follow, an outbox row and an audit row can be added: their ids
    come after the copied ones (and the change log after the source's pruned seqs)."""
    async with Store(url) as store:
        status, article_id = await store.articles.upsert(
            ArticleIn(url="https://news.example.org/new", title="Нова історія", lead="Ракета.")
        )
        assert status == "new"
        assert article_id == len(before["articles"]) + 1
        change = await store.db.fetchone("SELECT max(seq) FROM article_changes")
        assert change is not None and int(change[0]) > 7  # 6 stories + 1 edit in the source
        await store.readers.register(600, "en")
        assert await store.readers.follow(600, "budget", fts_query("budget") or "")
        await store.audit.record(9002, "/stats")
        await store.outbox.enqueue([NewDelivery(600, article_id, "instant", to_iso(NOW), 1)])
        for table, column in (("follows", "id"), ("audit", "id"), ("outbox", "id")):
            newest = await store.db.fetchone(
                f"SELECT max({column}) FROM {table}"  # noqa: S608 (constant)
            )
            assert newest is not None and int(newest[0]) == len(before[table]) + 1, table


def check_output(out: str) -> None:
    lines = out.splitlines()
    for table in TABLES:
        assert any(line.split()[:1] == [table.name] for line in lines), table.name
    assert "every table's count matches" in lines[-1]


@pytest.mark.postgresql_only
def test_sqlite_to_postgresql_and_back(
    backend: str,
    cli_dir: Path,
    pg_blank: list[str],
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = f"sqlite:///{cli_dir / 'newsroom.db'}"
    asyncio.run(build_newsroom(source))
    before = asyncio.run(table_rows(source))
    expected = without_lease(before)
    assert len(before["kv"]) == len(expected["kv"]) + 1  # the lease was there
    assert all(before[t.name] for t in TABLES), [t.name for t in TABLES if not before[t.name]]
    searches = asyncio.run(search_results(source))
    assert searches["музей"] == []  # its story has no lemmas yet: the target's poller adds them
    assert all(ids for q, ids in searches.items() if q != "музей"), searches

    pg = new_pg(request, pg_blank)
    code, out, err = run_cli(capsys, "migrate-store", source, pg)
    assert code == 0, err
    check_output(out)
    assert ["outbox", str(len(before["outbox"])), "rows"] in [
        line.split() for line in out.split("\n")
    ]
    assert "not copied: FROM's sender lease" in out
    assert asyncio.run(table_rows(pg)) == expected
    assert asyncio.run(search_results(pg)) == searches
    assert asyncio.run(table_rows(source)) == before  # FROM only read

    back = f"sqlite:///{cli_dir / 'back.db'}"
    code, out, err = run_cli(capsys, "migrate-store", pg, back)
    assert code == 0, err
    check_output(out)
    assert asyncio.run(table_rows(back)) == expected
    assert asyncio.run(search_results(back)) == searches

    asyncio.run(new_rows_on(pg, expected))
    asyncio.run(new_rows_on(back, expected))


@pytest.mark.postgresql_only
def test_rows_whose_story_or_reader_another_program_deleted_are_left_out_and_named(
    backend: str,
    cli_dir: Path,
    pg_blank: list[str],
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The sqlite3 shell deletes with foreign keys off: a story's topics and a reader's
    subscriptions stay behind, and PostgreSQL's foreign keys refused them with a traceback
    (the copy rolled back). They are left out, said so, and the rest is copied."""
    path = cli_dir / "newsroom.db"
    source = f"sqlite:///{path}"
    asyncio.run(build_newsroom(source))
    with sqlite3.connect(path) as shell:  # foreign keys off, as the sqlite3 shell has them
        story = shell.execute("SELECT article_id FROM article_topics LIMIT 1").fetchone()[0]
        reader = shell.execute("SELECT chat_id FROM subscriptions LIMIT 1").fetchone()[0]
        shell.execute("DELETE FROM articles WHERE id = ?", (story,))
        shell.execute("DELETE FROM readers WHERE chat_id = ?", (reader,))
        orphans = {
            "article_topics": shell.execute(
                "SELECT count(*) FROM article_topics WHERE article_id = ?", (story,)
            ).fetchone()[0],
            "subscriptions": shell.execute(
                "SELECT count(*) FROM subscriptions WHERE chat_id = ?", (reader,)
            ).fetchone()[0],
        }
    pg = new_pg(request, pg_blank)
    code, out, err = run_cli(capsys, "migrate-store", source, pg)
    assert code == 0, err + out
    for table, count in orphans.items():
        assert f"not copied: {count} rows of {table} whose story, reader or digest" in out
    assert "every table's count matches" in out.splitlines()[-1]
    rows = asyncio.run(table_rows(pg))
    assert all(row[0] != story for row in rows["article_topics"])


@pytest.mark.postgresql_only
def test_a_row_postgresql_refuses_stops_the_copy_in_one_line(
    backend: str,
    cli_dir: Path,
    pg_blank: list[str],
    request: pytest.FixtureRequest,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SQLite keeps a NUL character in a title another program wrote; PostgreSQL's text
    refuses it. The copy stops with one line naming why, TO left empty, no traceback."""
    path = cli_dir / "newsroom.db"
    source = f"sqlite:///{path}"
    asyncio.run(build_newsroom(source))
    with sqlite3.connect(path) as shell:
        shell.execute("UPDATE articles SET title = 'Bad' || char(0) || 'title' WHERE id = 1")
    pg = new_pg(request, pg_blank)
    code, out, err = run_cli(capsys, "migrate-store", source, pg)
    assert code != 0
    [line] = [line for line in err.splitlines() if "the copy stopped at a row" in line]
    assert "nothing was copied" in line, err
    # no traceback through the copy (the suite's log handlers may add lines of their own)
    assert "bot/store/copy.py" not in err + out and "bot/cli.py" not in err + out, err
    assert asyncio.run(table_rows(pg))["articles"] == []  # TO left as it was


def test_sqlite_to_sqlite_in_small_batches(cli_dir: Path) -> None:
    """Keyset paging over single and composite keys: batches of 3 give every row once."""
    source = f"sqlite:///{cli_dir / 'newsroom.db'}"
    target = f"sqlite:///{cli_dir / 'copy.db'}"
    asyncio.run(build_newsroom(source))
    before = asyncio.run(table_rows(source))

    async def copy() -> None:
        async with Store(source) as a, Store(target) as b:
            report = await copy_store(a.db, b.db, batch=3)
            assert report.ok and report.lease_left and not report.search_rebuilt
            assert {t.name: t.copied for t in report.tables} == {
                name: len(rows) for name, rows in without_lease(before).items()
            }

    asyncio.run(copy())
    assert asyncio.run(table_rows(target)) == without_lease(before)
    assert asyncio.run(search_results(target)) == asyncio.run(search_results(source))
    asyncio.run(new_rows_on(target, before))


async def add_reader(url: str) -> None:
    async with Store(url) as store:
        await store.readers.register(777, "uk")


def test_a_used_target_is_refused_and_nothing_changes(
    database_url: str, cli_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{cli_dir / 'newsroom.db'}"
    asyncio.run(build_newsroom(source))
    asyncio.run(add_reader(database_url))
    target_before = asyncio.run(table_rows(database_url))
    source_before = asyncio.run(table_rows(source))
    code, out, err = run_cli(capsys, "migrate-store", source, database_url)
    assert code == 2 and out == ""
    assert "the target store is not empty (readers 1)" in err and "nothing was changed" in err
    assert asyncio.run(table_rows(database_url)) == target_before
    assert asyncio.run(table_rows(source)) == source_before


def test_a_running_newsbot_on_from_is_refused(
    cli_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = f"sqlite:///{cli_dir / 'newsroom.db'}"

    async def hold() -> None:
        async with Store(source) as store:
            lease = LeaseStore(store.db)
            lease.rename("other-host")
            await lease.acquire(utcnow(), timedelta(seconds=60))

    asyncio.run(hold())
    code, _, err = run_cli(capsys, "migrate-store", source, f"sqlite:///{cli_dir / 'b.db'}")
    assert code == 2 and "FROM: a newsbot is running on" in err and "on other-host" in err
    assert not (cli_dir / "b.db").exists()


def test_bad_urls_are_usage_errors(cli_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        run_cli(capsys, "migrate-store", "mysql://db/news", "sqlite:///b.db")
    assert exc.value.code == 2
    assert "argument FROM: FROM must look like sqlite:///" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        run_cli(capsys, "migrate-store", "sqlite:///a.db", "newsbot.db")
    assert exc.value.code == 2
    assert "argument TO: TO must look like" in capsys.readouterr().err

    code, _, err = run_cli(capsys, "migrate-store", "sqlite:///missing.db", "sqlite:///b.db")
    assert code == 2 and err.strip() == "newsbot: FROM: no SQLite store at missing.db"
    assert not (cli_dir / "missing.db").exists() and not (cli_dir / "b.db").exists()

    (cli_dir / "a.db").touch()
    code, _, err = run_cli(capsys, "migrate-store", "sqlite:///a.db", f"sqlite:///{cli_dir}/a.db")
    assert code == 2 and "FROM and TO are the same store" in err


@pytest.mark.postgresql_only
def test_an_unreachable_postgresql_target_is_a_usage_error(
    backend: str,
    cli_dir: Path,
    capsys: pytest.CaptureFixture[str],
    postgres_server: PostgresServer,
) -> None:
    asyncio.run(add_reader(f"sqlite:///{cli_dir / 'a.db'}"))
    parts = urlsplit(postgres_server.url)
    netloc = f"{parts.username or 'postgres'}:s3cret@{parts.hostname}:{parts.port or 5432}"
    url = urlunsplit((parts.scheme, netloc, "/newsbot_no_such_database", "", ""))
    code, out, err = run_cli(capsys, "migrate-store", "sqlite:///a.db", url)
    assert code == 2 and out == ""
    assert "TO: cannot open" in err and "newsbot_no_such_database" in err
    assert "s3cret" not in err


async def test_every_table_of_the_schema_is_copied(store: Store) -> None:
    """A new migration's table must be added to TABLES (in foreign-key order)."""
    assert await table_names(store.db, store.db.dialect.name) == {t.name for t in TABLES}

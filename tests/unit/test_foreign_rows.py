"""Rows another program wrote into `articles` with values newsbot would never write: every
reader of the table survives them, and the other stories keep flowing (README, "Writing
stories from another program")."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from harness import other_program
from test_digest_store import add_reader, make_scheduler

from bot.delivery.poller import Poller
from bot.models import STORED_TEXT_LIMIT, from_iso, stored_count, stored_time, to_iso, utcnow
from bot.store.store import Store
from bot.text.search import fts_query

BAD_TIMES = [
    "01/12/2026 10:00",
    "2026-13-45T99:00:00+00:00",
    "",
    "yesterday",
    "0001-01-01T00:00:00+01:00",
]


@pytest.mark.parametrize("text", [*BAD_TIMES, None, 42])
def test_stored_time_is_none_for_what_is_no_time(text: object) -> None:
    assert stored_time(text) is None


def test_stored_time_reads_iso_times() -> None:
    assert stored_time("2026-12-01 10:00") == from_iso("2026-12-01T10:00:00+00:00")
    assert stored_time("2026-12-01T12:00:00+02:00") == from_iso("2026-12-01T10:00:00+00:00")


async def insert_bad_and_good(store: Store, published_at: str) -> tuple[int, int]:
    bad, good = await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, lead, tags, published_at)"
            " VALUES ('https://bad.example/1', 'Bad date row', 'x', 'war', ?) RETURNING id",
            (published_at,),
        ),
        (
            "INSERT INTO articles (url, title, lead, tags)"
            " VALUES ('https://bad.example/2', 'Good row after bad', 'x', 'war') RETURNING id",
            (),
        ),
    )
    assert bad is not None and good is not None
    return bad, good


@pytest.mark.parametrize("published_at", BAD_TIMES)
async def test_a_row_with_an_unreadable_time_counts_as_published_when_stored(
    store: Store, published_at: str, caplog: pytest.LogCaptureFixture
) -> None:
    await store.channels.add(-1002)
    bad, good = await insert_bad_and_good(store, published_at)
    # before the poller reaches it, every reader of the table reads it
    read = await store.articles.get_many([bad, good])
    assert read[bad].published_at == read[bad].arrived_at
    with caplog.at_level(logging.WARNING, logger="bot.delivery.poller"):
        result = await Poller(store, max_age_hours=24).poll_once()
    assert (result.new, result.enqueued) == (2, 2)  # both stories, to the channel
    assert {d.article_id for d in await store.outbox.all_for_chat(-1002)} == {bad, good}
    [line] = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert f"story {bad} " in line and repr(published_at) in line
    # the store holds the time it was stored, in its own form: text compares as time
    row = await store.db.fetchone(
        "SELECT published_at, created_at FROM articles WHERE id = ?", (bad,)
    )
    assert row is not None and row[0] == row[1]
    now = utcnow() + timedelta(seconds=1)
    assert {a.id for a in await store.articles.latest(10, now=now)} == {bad, good}
    query = fts_query("Bad date")
    assert query is not None
    assert [a.id for a in await store.articles.search(query, now=now)] == [bad]
    assert [a.id for a in await store.articles.shareable(query, now=now, limit=5)] == [bad]
    assert (await store.articles.under_embargo(now))[0] == 0
    since = now - timedelta(hours=1)
    stories = await store.digests.stories(["war"], since, now, since)
    assert {a.id for a in stories} == {bad, good}


async def test_a_readable_time_in_another_form_is_stored_in_the_store_form(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """A time written "2026-12-01 10:00" compares as text before "2026-12-01T09:00:00+00:00":
    the poller writes such a time as the store writes its own, silently."""
    moment = utcnow().replace(microsecond=0) - timedelta(minutes=5)
    [story] = await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, published_at) VALUES (?, ?, ?) RETURNING id",
            ("https://form.example/1", "Local form", f"{moment:%Y-%m-%d %H:%M:%S}"),
        ),
    )
    with caplog.at_level(logging.WARNING, logger="bot.delivery.poller"):
        await Poller(store, max_age_hours=24).poll_once()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    row = await store.db.fetchone("SELECT published_at FROM articles WHERE id = ?", (story,))
    assert row is not None and row[0] == to_iso(moment)


async def test_importing_a_story_again_over_an_unreadable_time(
    store: Store, make_article: Any
) -> None:
    """The same URL from a feed or a JSON line before the poller reached the row: the given
    time replaces the unreadable one."""
    bad, _ = await insert_bad_and_good(store, "01/12/2026 10:00")
    moment = utcnow().replace(microsecond=0) - timedelta(minutes=1)
    item = make_article(url="https://bad.example/1", title="Bad date row", published_at=moment)
    assert await store.articles.upsert(item) == ("updated", bad)
    row = await store.db.fetchone("SELECT published_at FROM articles WHERE id = ?", (bad,))
    assert row is not None and row[0] == to_iso(moment)


@pytest.mark.parametrize(
    ("value", "count"),
    [
        (12345, 12345),
        (12345.0, 12345),
        ("12345", 12345),
        ("12,345", 12345),
        ("1,234,567", 1234567),
        ("12\u202f345", 12345),  # Ukrainian: a narrow no-break space between the groups
        ("many", None),
        ("12.345", None),  # a decimal point in English: no count
        ("1,5", None),
        ("1,234 567", None),
        ("-5", None),
        (-5, None),
        (1.5, None),
        ("", None),
        (None, None),
    ],
)
def test_stored_count(value: object, count: int | None) -> None:
    assert stored_count(value) == count


@pytest.mark.sqlite_only("PostgreSQL's BIGINT column refuses text: no such row there")
async def test_a_view_count_that_is_no_number_is_unknown_and_digests_go_out(
    store: Store,
) -> None:
    now = utcnow()
    await add_reader(store, 7, ["war"], mode="hourly", at=None, next_at=now)
    await store.readers.set_instant(7, False)
    stamp = to_iso(now - timedelta(minutes=1))
    ids = await other_program(
        store.db.url,
        *(
            (
                "INSERT INTO articles (url, title, lead, tags, published_at, views)"
                " VALUES (?, ?, 'x', 'war', ?, ?) RETURNING id",
                (f"https://vw.example/{n}", title, stamp, views),
            )
            for n, (title, views) in enumerate(
                [("Views formatted", "12,345"), ("Views many", "many"), ("Views seven", 7)]
            )
        ),
    )
    read = await store.articles.get_many([i for i in ids if i is not None])
    assert sorted((a.title, a.views) for a in read.values()) == [
        ("Views formatted", 12345),
        ("Views many", None),
        ("Views seven", 7),
    ]
    scheduler, _ = await make_scheduler(store, now)
    assert await scheduler.run_once() == 1
    (part,) = await store.db.fetchall("SELECT html FROM digest_parts")
    html = str(part[0])
    # most viewed first, the unknown count last
    assert html.index("Views formatted") < html.index("Views seven") < html.index("Views many")


def readme_columns() -> dict[str, str]:
    """README's table of the columns another program writes: column -> its "required"."""
    text = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = text.split("### Writing stories from another program", 1)[1].split("\n### ", 1)[0]
    columns: dict[str, str] = {}
    for line in section.splitlines():
        if line.startswith("| `"):
            names, required = (cell.strip() for cell in line.strip("|").split("|")[:2])
            columns.update(dict.fromkeys(re.findall(r"`(\w+)`", names), required))
    return columns


async def test_readme_says_which_optional_columns_refuse_null(store: Store) -> None:
    """An optional column may still refuse an explicit NULL (leave it out, or write ''):
    README marks those "no, not NULL", and the schema of each store agrees."""
    if store.db.dialect.name == "sqlite":
        rows = await store.db.fetchall("PRAGMA table_info(articles)")
        not_null = {str(r[1]): bool(r[3]) for r in rows}
    else:
        rows = await store.db.fetchall(
            "SELECT column_name, is_nullable FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = 'articles'"
        )
        not_null = {str(r[0]): r[1] == "NO" for r in rows}
    columns = readme_columns()
    assert {"url", "title", "lead", "body", "tags", "views", "urgent"} <= columns.keys()
    for column, required in columns.items():
        assert required in ("yes", "no", "no, not NULL"), (column, required)
        assert not_null[column] == (required != "no"), (column, required)
    refusing = [c for c, required in columns.items() if required == "no, not NULL"]
    assert {"lead", "body", "tags"} <= set(refusing)
    # what README says of them holds: left out they are empty, NULL is refused
    await other_program(
        store.db.url, ("INSERT INTO articles (url, title) VALUES ('https://n.example/0', 'T')", ())
    )
    row = await store.db.fetchone(
        "SELECT lead, body, tags FROM articles WHERE url = 'https://n.example/0'"
    )
    assert row is not None and tuple(row) == ("", "", "")
    for n, column in enumerate(refusing, 1):
        with pytest.raises(Exception, match=f"(?i)null.*{column}|{column}.*null"):
            await other_program(
                store.db.url,
                (
                    f"INSERT INTO articles (url, title, {column}) VALUES (?, 'T', NULL)",  # noqa: S608
                    (f"https://n.example/{n}",),
                ),
            )


@pytest.mark.parametrize(
    "later",
    [
        lambda t: (t - timedelta(hours=5)).strftime("%Y-%m-%dT%H:%M:%S-05:00"),  # New York
        lambda t: (t + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S+02:00"),  # Kyiv, a space
    ],
)
async def test_an_embargo_moved_later_in_another_zones_form_is_not_released_early(
    store: Store, later: Any
) -> None:
    """An UPDATE moved an embargo three hours later, written as New York's local time: the
    story went out at once (text compared "…T02:17-05:00" before "…T04:47+00:00")."""
    await store.channels.add(-1002)
    soon = utcnow().replace(microsecond=0) + timedelta(minutes=30)
    [story] = await other_program(
        store.db.url,
        (
            "INSERT INTO articles (url, title, tags, published_at) VALUES (?, ?, 'war', ?)"
            " RETURNING id",
            ("https://zone.example/1", "Embargo moved later", to_iso(soon)),
        ),
    )
    poller = Poller(store, max_age_hours=24)
    assert (await poller.poll_once()).embargoed == 1
    moved = soon + timedelta(hours=3)
    await other_program(
        store.db.url,
        ("UPDATE articles SET published_at = ? WHERE id = ?", (later(moved), story)),
    )
    assert (await poller.poll_once()).released == 0
    assert await store.outbox.all_for_chat(-1002) == []
    assert (await poller.poll_once(now=moved - timedelta(minutes=1))).released == 0
    assert (await poller.poll_once(now=moved + timedelta(seconds=1))).released == 1


async def test_a_lead_of_megabytes_or_bytes_is_read_as_bounded_text(store: Store) -> None:
    """A lead another program wrote as a BLOB stopped every poll (TypeError in tagging), and
    one of 1.7 MB held the event loop for over a minute while it was lemmatized."""
    huge = "Довгий лід ракета " * 100_000
    statements: list[tuple[str, Any]] = [
        (
            "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, 'war') RETURNING id",
            ("https://big.example/1", "Huge lead", huge),
        ),
        (
            "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, 'war') RETURNING id",
            ("https://big.example/2", "Good row after it", "x"),
        ),
    ]
    if store.db.dialect.name == "sqlite":  # PostgreSQL's text columns take no bytes
        statements.append(
            (
                "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, 'war')"
                " RETURNING id",
                ("https://big.example/3", "Blob lead", "Лід ракета".encode()),
            )
        )
    ids = [i for i in await other_program(store.db.url, *statements) if i is not None]
    await store.channels.add(-1002)
    result = await Poller(store, max_age_hours=24).poll_once()
    assert (result.new, result.enqueued) == (len(ids), len(ids))
    read = await store.articles.get_many(ids)
    assert len(read[ids[0]].lead) == STORED_TEXT_LIMIT
    [tagged] = await store.articles.tagging_inputs([ids[0]])
    assert len(tagged.lead) == STORED_TEXT_LIMIT
    if len(ids) == 3:
        assert read[ids[2]].lead == "Лід ракета"

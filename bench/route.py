"""Routing at scale: one story to N subscribed readers (outbox rows written), and a store
with a million outbox rows. Prints figures; run
`python bench/route.py [--readers N] [--million] [--database-url postgresql://...]`."""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from pathlib import Path

from benchdb import BenchDatabase, backend

from bot.delivery.poller import Poller
from bot.ingest.tagging import upgrade_lemmas
from bot.models import ArticleIn, utcnow
from bot.store.store import Store


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def seed_readers(store: Store, count: int) -> None:
    """`count` active instant readers subscribed to 'world' (plus a second topic for some)."""
    async with store.db.transaction() as conn:
        await conn.executemany(
            "INSERT INTO readers (chat_id, language) VALUES (?, 'uk')",
            ((chat,) for chat in range(1, count + 1)),
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, topic) VALUES (?, ?)",
            ((chat, "world") for chat in range(1, count + 1)),
        )
        await conn.executemany(
            "INSERT INTO subscriptions (chat_id, topic) VALUES (?, ?)",
            ((chat, "politics") for chat in range(1, count + 1, 3)),
        )


async def route_once(store: Store, n: int) -> tuple[float, int]:
    await store.articles.upsert(
        ArticleIn(
            url=f"https://bench.example.org/{n}",
            title=f"Bench story {n}",
            lead="World and politics.",
            published_at=utcnow(),
            tags=["world", "politics"],
        )
    )
    poller = Poller(store, max_age_hours=24)
    # the one-time rewrite of keyword rules to lemmas that `newsbot migrate` does after
    # migration 0006 (a fresh store has it pending): not part of routing a story
    await upgrade_lemmas(store)
    start = time.perf_counter()
    result = await poller.poll_once()
    return time.perf_counter() - start, result.enqueued


def main(readers: int, million: bool, database_url: str | None) -> int:
    """The store of a run: a SQLite file in a temp folder, or a fresh PostgreSQL database."""
    print(f"[{backend(database_url)}]", flush=True)
    with tempfile.TemporaryDirectory() as tmp, BenchDatabase(database_url, Path(tmp)) as url:
        return asyncio.run(bench(url, readers, million))


async def bench(url: str, readers: int, million: bool) -> int:
    async with Store(url) as store:
        await seed_readers(store, readers)
        postgres = store.db.dialect.name == "postgresql"
        if postgres:
            # The planner's statistics of the tables just filled, as autovacuum gathers them
            # within a minute of a change this size (without them the join is a nested loop).
            await store.db.execute("ANALYZE")
        base_rss = peak_rss_mb()
        seconds, rows = await route_once(store, 1)
        print(
            f"route: 1 story -> {rows:,} readers in {seconds:.3f} s "
            f"({rows / seconds:,.0f} rows/s); peak RSS {peak_rss_mb():.0f} MB "
            f"(before routing {base_rss:.0f} MB)"
        )
        ok = seconds < 1.0 and peak_rss_mb() < 250 and rows == readers
        if million:
            stories = 1
            while (await store.outbox.counts()).get("pending", 0) < 1_000_000:
                stories += 1
                await route_once(store, stories)
            counts = await store.outbox.counts()
            stale = ""
            if postgres:  # the outbox grew 1,000,000 rows in seconds; autovacuum is behind
                start = time.perf_counter()
                await store.outbox.due(utcnow(), limit=1000)
                stale = (
                    f" ({(time.perf_counter() - start) * 1000:.1f} ms before ANALYZE: the "
                    "planner's statistics still say the outbox is small)"
                )
                await store.db.execute("ANALYZE")
            seconds, rows = await route_once(store, stories + 1)
            start = time.perf_counter()
            due = await store.outbox.due(utcnow(), limit=1000)
            due_s = time.perf_counter() - start
            print(
                f"outbox with {sum(counts.values()):,} rows: routing another story "
                f"{seconds:.3f} s; picking 1,000 due rows {due_s * 1000:.1f} ms{stale}; "
                f"peak RSS {peak_rss_mb():.0f} MB"
            )
            ok = ok and len(due) == 1000 and rows == readers
    print("route: " + ("OK" if ok else "TARGET MISSED (< 1 s, < 250 MB)"))
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="also fill 1,000,000 rows")
    parser.add_argument(
        "--database-url",
        help="postgresql://user@host:port/db: a fresh database of the bench's own on that "
        "server (created, migrated, dropped); default a SQLite file in a temp folder",
    )
    args = parser.parse_args()
    sys.exit(main(args.readers, args.million, args.database_url))

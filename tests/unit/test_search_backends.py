"""/search and /follow find the same stories on SQLite (FTS5) and PostgreSQL (tsvector with a
GIN index) over the same folded lemmas: every word of every headline, and phrases of two, asked
of both stores; the headlines of the shipped sample feed, the test feeds, bench/'s own
Ukrainian, Russian and English headlines (look-alike traps included) and, where they are,
the real feeds of ../shared/feeds."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import httpx
import pytest
from pgtest import PostgresServer

from bot.ingest.formats import ParsedFeed, parse_document
from bot.ingest.service import Ingestor
from bot.models import ArticleIn, utcnow
from bot.store.store import Store
from bot.text.lemmas import words
from bot.text.search import fts_query

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "feeds"
FEEDS = [
    ROOT / "samples" / "newsroom.xml",
    *sorted((ROOT / "tests/fixtures/feeds").iterdir()),
    *(sorted(SHARED.glob("*.xml"))[:8] if SHARED.is_dir() else []),
]


def own_headlines() -> ParsedFeed:
    """bench/tagging_own.tsv's headlines as one feed."""
    lines = (ROOT / "bench" / "tagging_own.tsv").read_text("utf-8").splitlines()
    rows = csv.DictReader((line for line in lines if not line.startswith("#")), delimiter="\t")
    items = [
        ArticleIn(url=f"https://own.example.org/{n}", title=row["headline"], published_at=utcnow())
        for n, row in enumerate(rows)
    ]
    return ParsedFeed(title="Own", items=items)


async def load(store: Store) -> list[str]:
    """Every story of the feeds into the store; returns the headlines."""
    titles: list[str] = []
    async with httpx.AsyncClient() as client:
        ingestor = Ingestor(store, client)
        own = own_headlines()
        await ingestor.store_feed(own)
        titles.extend(item.title for item in own.items)
        for path in FEEDS:
            try:
                feed = parse_document(path.read_bytes(), name=path.name)
            except Exception:  # a fixture that is broken on purpose
                continue
            await ingestor.store_feed(feed)
            titles.extend(item.title for item in feed.items)
    return titles


async def found(store: Store, query: str) -> list[str]:
    return sorted(a.url for a in await store.articles.search(query, limit=100_000))


@pytest.mark.postgresql_only
async def test_both_stores_find_the_same_stories(
    postgres_server: PostgresServer, tmp_path: Path, backend: str
) -> None:
    url = postgres_server.create_database(migrated=True)
    try:
        async with Store(str(tmp_path / "lite.db")) as lite, Store(url) as pg:
            titles = await load(lite)
            assert await load(pg) == titles and len(titles) > 80
            queries: set[str] = set()
            for title in titles:
                ws = words(title)
                queries.update(q for w in ws if (q := fts_query(w)))
                pairs = itertools.pairwise(ws)
                queries.update(q for a, b in pairs if (q := fts_query(f'"{a} {b}"')))
            assert len(queries) > 100
            hits = 0
            for query in sorted(queries):
                on_sqlite = await found(lite, query)
                assert await found(pg, query) == on_sqlite, query
                hits += bool(on_sqlite)
                assert await pg.articles.search_count(query) == len(on_sqlite)
                assert await lite.articles.search_count(query) == len(on_sqlite)
            assert hits == len(queries)  # every headline's words find at least its story
    finally:
        postgres_server.drop(url)

""" "Recall" on real feeds: how often a post would link an earlier story, and which.

Loads every feed of ../shared/feeds (or the folder given) into a fresh SQLite store in time
order, tags and lemmatizes them as the poller does, then asks, for each story, the index for
its candidates (same topic, RECALL_DAYS before it) and reports how often a recall fires for a
grid of thresholds (shared content lemmas, overlap, shared headline lemmas), with example
pairs for the shipped ones.

    PYTHONPATH=. .venv/bin/python bench/recall.py [FEEDS_DIR] [--days 7] [--examples 10]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
from pathlib import Path

from bot.delivery.poller import Poller
from bot.delivery.recall import recall_candidates
from bot.ingest.formats import parse_document
from bot.models import ArticleIn
from bot.store.store import Store
from bot.text.recall import MIN_HEADLINE, MIN_OVERLAP, MIN_SHARED, relate

ROOT = Path(__file__).resolve().parents[1]
GRID_SHARED = (2, 3, 4, 5, 6)
GRID_OVERLAP = (0.0, 0.2, 0.3, 0.35, 0.4, 0.5)
GRID_HEADLINE = (1, 2, 3)


def load_items(folder: Path) -> list[tuple[str, ArticleIn]]:
    """Every dated story of the folder's feeds, oldest first, with its feed's name."""
    items: list[tuple[str, ArticleIn]] = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in {".xml", ".rss", ".atom", ".json"}:
            continue
        try:
            feed = parse_document(path.read_bytes(), name=path.name)
        except Exception:  # broken on purpose: not this bench's business
            continue
        items.extend((path.stem, item) for item in feed.items if item.published_at is not None)
    items.sort(key=lambda pair: pair[1].published_at)  # type: ignore[arg-type, return-value]
    return items


async def bench(folder: Path, days: int, examples: int) -> None:
    """Load, tag, and report."""
    items = load_items(folder)
    with tempfile.TemporaryDirectory() as tmp:
        async with Store(f"{tmp}/recall.db") as store:
            for _, item in items:
                await store.articles.upsert(item)
            await Poller(store, max_age_hours=1, recall_days=0).poll_once()
            ids = [a.id for a in await store.articles.latest(len(items) + 10)]
            articles = await store.articles.get_many(ids)
            texts = await store.articles.search_texts(ids)
            # id -> [(candidate, shared, overlap, shared in the headline)] in rank order
            best: dict[int, list[tuple[int, int, float, int]]] = {}
            for article in articles.values():
                text = texts.get(article.id, "")
                found = await recall_candidates(store, article, text, days)
                best[article.id] = [
                    (c.id, len(m.shared), m.overlap, m.headline)
                    for c in found
                    for m in [relate(text, c.search_text)]
                ]
    total = len(articles)
    topical = sum(1 for a in articles.values() if a.topics)
    print(f"{len(items)} dated items, {total} stories, {topical} with a topic; RECALL_DAYS={days}")
    for head in GRID_HEADLINE:
        print(f"\nfires (% of stories) with >= {head} shared headline lemmas,")
        print("by min shared content lemmas (rows) x min overlap (columns)")
        print("shared " + " ".join(f"{o:>6.2f}" for o in GRID_OVERLAP))
        for shared in GRID_SHARED:
            row = []
            for overlap in GRID_OVERLAP:
                fired = sum(
                    1
                    for cands in best.values()
                    if any(s >= shared and o >= overlap and h >= head for _, s, o, h in cands)
                )
                row.append(f"{100 * fired / max(total, 1):>5.1f}%")
            print(f"{shared:>6} " + " ".join(row))
    pairs = []
    for article_id, cands in best.items():
        for cand, shared, overlap, head in cands:  # rank order: the first that passes wins
            if shared >= MIN_SHARED and overlap >= MIN_OVERLAP and head >= MIN_HEADLINE:
                pairs.append((article_id, cand, shared, overlap))
                break
    print(
        f"\nshipped thresholds (shared >= {MIN_SHARED}, overlap >= {MIN_OVERLAP}, "
        f"headline >= {MIN_HEADLINE}): "
        f"{len(pairs)} of {total} stories ({100 * len(pairs) / max(total, 1):.1f}%), "
        f"{len(pairs)} of {topical} with a topic ({100 * len(pairs) / max(topical, 1):.1f}%)"
    )
    random.Random(12).shuffle(pairs)
    for article_id, cand, shared, overlap in pairs[:examples]:
        story, earlier = articles[article_id], articles[cand]
        gap = story.published_at - earlier.published_at
        print(
            f"\n[{shared} shared, overlap {overlap:.2f}, {gap.total_seconds() / 3600:.0f} h before]"
        )
        print(f"  story:  {story.title[:110]}")
        print(f"  recall: {earlier.title[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(ROOT.parent / "shared" / "feeds"))
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--examples", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(bench(Path(args.folder), args.days, args.examples))


if __name__ == "__main__":
    main()

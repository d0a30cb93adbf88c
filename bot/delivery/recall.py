""" "Recall": the poller writes, for each new or edited story, which earlier story its post
links to (the choice itself is bot/text/recall.py; the candidates come from the index)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.models import Article
from bot.store.articles import RecallCandidate
from bot.store.store import Store
from bot.text.recall import pick, query_lemmas


async def recall_candidates(
    store: Store, article: Article, text: str, days: int
) -> list[RecallCandidate]:
    """The earlier stories of the last `days` that share a topic with `article` (its lemmas
    `text`), best ranked by the index first."""
    return await store.articles.recall_candidates(
        article.id,
        query_lemmas(text),
        article.topics,
        since=article.published_at - timedelta(days=days),
        before=article.published_at,
    )


async def choose_recalls(store: Store, articles: Sequence[Article], days: int) -> int:
    """Set each story's recalled story (none when `days` is 0); returns how many got a
    new one."""
    if not articles:
        return 0
    if days <= 0:
        await store.articles.set_recalls([(a.id, None) for a in articles if a.recall])
        return 0
    texts = await store.articles.search_texts([a.id for a in articles])
    chosen: list[tuple[int, int | None]] = []
    for article in articles:
        text = texts.get(article.id, "")
        candidates = await recall_candidates(store, article, text, days)
        recall_id = pick(text, [(c.id, c.search_text) for c in candidates])
        if recall_id != (article.recall.id if article.recall else None):
            chosen.append((article.id, recall_id))
    await store.articles.set_recalls(chosen)
    return sum(1 for _, recall_id in chosen if recall_id is not None)

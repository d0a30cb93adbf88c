"""Give stored stories their topics (shared by ingestion and the poller)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.ingest.topics import assign_topics
from bot.models import Topic
from bot.store.store import Store


async def retag(
    store: Store, article_ids: Sequence[int], topics: Sequence[Topic] | None = None
) -> dict[int, list[str]]:
    """Compute and store the topics of these stories; returns them by id."""
    if topics is None:
        topics = await store.topics.all()
    result: dict[int, list[str]] = {}
    for item in await store.articles.tagging_inputs(article_ids):
        slugs = assign_topics(
            title=item.title,
            lead=item.lead,
            tags=item.tags,
            source_topics=item.source_topics,
            topics=topics,
        )
        await store.articles.set_topics(item.article_id, slugs)
        result[item.article_id] = slugs
    return result

"""The sender's content for outbox rows of kind "broadcast" (see bot.store.broadcasts)."""

from __future__ import annotations

from bot.delivery.sender import ContentSource, Outgoing
from bot.models import Delivery
from bot.store.broadcasts import KIND
from bot.store.store import Store

__all__ = ["KIND", "broadcast_source"]

_CACHE_SIZE = 100


def broadcast_source(store: Store) -> ContentSource:
    """A confirmed broadcast's text for each of its rows; looked up once per broadcast."""
    cache: dict[int, str | None] = {}

    async def source(row: Delivery) -> Outgoing | None:
        if row.article_id not in cache:
            if len(cache) >= _CACHE_SIZE:
                cache.clear()
            cache[row.article_id] = await store.broadcasts.text_of(row.article_id)
        text = cache[row.article_id]
        return Outgoing(text=text, disable_preview=False) if text else None

    return source

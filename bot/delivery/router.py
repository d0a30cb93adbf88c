"""Who gets a story: pure functions from a story and the targets to outbox rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.models import Article, Channel, to_iso
from bot.store.outbox import NewDelivery


def channel_deliveries(article: Article, channels: Sequence[Channel]) -> list[NewDelivery]:
    """One row per channel (or forum topic) whose topic filter takes this story."""
    published = to_iso(article.published_at)
    return [
        NewDelivery(
            chat_id=channel.chat_id,
            thread_id=channel.thread_id,
            article_id=article.id,
            kind="channel",
            published_at=published,
            want_rev=article.rev,
        )
        for channel in channels
        if channel.wants(article.topics)
    ]


def reader_deliveries(article: Article, chat_ids: Iterable[int]) -> list[NewDelivery]:
    """One instant row per reader, however many of their topics or follows matched."""
    published = to_iso(article.published_at)
    return [
        NewDelivery(
            chat_id=chat_id,
            article_id=article.id,
            kind="instant",
            published_at=published,
            want_rev=article.rev,
        )
        for chat_id in sorted(set(chat_ids))
    ]

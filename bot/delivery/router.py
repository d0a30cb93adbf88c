"""Who gets a story: pure functions from a story and the targets to outbox rows."""

from __future__ import annotations

from collections.abc import Sequence

from bot.models import Article, Channel, to_iso
from bot.store.outbox import PRIORITY, URGENT, NewDelivery


def channel_deliveries(article: Article, channels: Sequence[Channel]) -> list[NewDelivery]:
    """One row per channel (or forum topic) whose topic filter takes this story; an urgent
    story's go ahead of everything queued."""
    published = to_iso(article.published_at)
    priority = URGENT if article.urgent else PRIORITY["channel"]
    return [
        NewDelivery(
            chat_id=channel.chat_id,
            thread_id=channel.thread_id,
            article_id=article.id,
            kind="channel",
            published_at=published,
            want_rev=article.rev,
            priority=priority,
        )
        for channel in channels
        if channel.wants(article.topics)
    ]


def instant_priority(article: Article) -> int:
    """The priority of a story's rows to instant readers."""
    return URGENT if article.urgent else PRIORITY["instant"]

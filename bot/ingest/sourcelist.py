"""OPML import and export of the store's sources: shared by /import, /export and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.ingest.opml import OpmlDocument, OpmlFeed, build_opml, topics_for
from bot.models import utcnow
from bot.store.store import Store


@dataclass(slots=True)
class ImportResult:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


async def import_sources(store: Store, doc: OpmlDocument, *, interval: int) -> ImportResult:
    """Add every feed of the document that is not a source yet, with the outline's title or
    text as its name; folders and categories that name a topic (its slug or title in either
    language: `topics_for`) become its topics."""
    topics = await store.topics.all()
    result = ImportResult(skipped=list(doc.skipped))
    for feed in doc.feeds:
        source_id = await store.sources.add(
            feed.url, topics=topics_for(feed, topics), interval=interval, name=feed.title
        )
        if source_id is not None:
            result.added.append(feed.url)
        else:  # a source already: it keeps its topics, and takes the name if it has none
            if feed.title:
                await store.sources.name_unnamed(feed.url, feed.title)
            result.existing.append(feed.url)
    return result


async def export_sources(store: Store) -> tuple[bytes, int]:
    """The sources as an OPML document, and how many there are."""
    sources = await store.sources.all()
    feeds = [OpmlFeed(s.url, s.label, tuple(s.topics)) for s in sources]
    return build_opml(feeds, now=utcnow()), len(feeds)

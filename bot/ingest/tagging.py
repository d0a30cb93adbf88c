"""Give stored stories their topics and search lemmas (shared by ingestion and the poller)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.ingest.topics import KeywordTagging, assign_topics, rule_lemmas, upgraded_rule
from bot.models import EditionChange, Topic
from bot.store.store import Store
from bot.text.lemmas import lemma_text
from bot.text.search import fts_query

LEMMA_BATCH = 500


async def retag(
    store: Store,
    article_ids: Sequence[int],
    topics: Sequence[Topic] | None = None,
    *,
    keyword_tagging: KeywordTagging = "untagged",
) -> dict[int, list[str]]:
    """Compute and store the topics and the search lemmas of these stories; returns the
    topics by id."""
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
            keyword_tagging=keyword_tagging,
        )
        await store.articles.set_topics(
            item.article_id, slugs, search_text=lemma_text(item.title, item.lead)
        )
        result[item.article_id] = slugs
    return result


async def fill_search_lemmas(store: Store, *, batch: int = LEMMA_BATCH) -> int:
    """Give every story not yet in the search index (rows from before migration 0006, rows
    another program inserted) its lemmas; returns how many. Safe to repeat."""
    done = 0
    while True:
        rows = await store.articles.unlemmatized(batch)
        if not rows:
            return done
        await store.articles.set_search_texts(
            [(row.article_id, lemma_text(row.title, row.lead)) for row in rows]
        )
        done += len(rows)


LEMMAS_PENDING = "lemmas.pending"
RULES_PENDING = "lemmas.rules"  # migration 0022: the lemmatizer changed, stored lemmas follow
FOLLOWS_PENDING = "follows.rebuild"  # migration 0027: queries are built anew from the same words


async def upgrade_lemmas(store: Store) -> None:
    """Finish migrations 0006 and 0022 in Python, once each: keyword rules, channels'
    keywords (0022) and readers' follows become lemmas; rebuild the follows where a
    migration asks (0027); then index every story without lemmas. Safe to repeat; cheap when
    there is nothing to do (the poller calls it on every pass)."""
    if await store.db.get_kv(LEMMAS_PENDING):
        await _rewrite_rules(store, rule_lemmas)
        await _rebuild_follows(store)
        await store.db.delete_kv(LEMMAS_PENDING)
    if await store.db.get_kv(RULES_PENDING):
        await _upgrade_stored_lemmas(store)
        await store.db.delete_kv(RULES_PENDING)
        await store.db.delete_kv(FOLLOWS_PENDING)  # rebuilt with the rest
    if await store.db.get_kv(FOLLOWS_PENDING):
        await _rebuild_follows(store)
        await store.db.delete_kv(FOLLOWS_PENDING)
    await fill_search_lemmas(store)


async def _upgrade_stored_lemmas(store: Store) -> None:
    """Migration 0022's part in Python: keyword rules and channels' include/exclude keywords
    that no word form reaches under today's lemmas become their words' lemmas
    (`upgraded_rule`); readers' follows are rebuilt from the words they typed."""
    await _rewrite_rules(store, upgraded_rule)
    for channel in await store.channels.all():
        include = tuple(dict.fromkeys(upgraded_rule(rule) for rule in channel.include))
        exclude = tuple(dict.fromkeys(upgraded_rule(rule) for rule in channel.exclude))
        if (include, exclude) != (channel.include, channel.exclude):
            change = EditionChange(include=include, exclude=exclude)
            await store.channels.set_edition(channel.chat_id, channel.thread_id, change)
    await _rebuild_follows(store)


async def _rewrite_rules(store: Store, rewrite: Callable[[str], str]) -> None:
    """Every keyword rule that `rewrite` changes becomes what it gives (each computed once)."""
    rules = await store.topics.all_keywords()
    rewritten = [(topic, keyword, rewrite(keyword)) for topic, keyword in rules]
    await store.topics.rewrite_keywords([rule for rule in rewritten if rule[2] != rule[1]])


async def _rebuild_follows(store: Store) -> None:
    """Every reader's follows get their queries again from the words they typed (a follow
    whose new query repeats another of the same reader goes)."""
    await store.readers.rewrite_follow_queries(
        [(f.id, fts_query(f.words)) for f in await store.readers.all_follows()]
    )

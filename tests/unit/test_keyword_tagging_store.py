"""KEYWORD_TAGGING through ingestion and the poller: a story's own topics (JSON Lines
`topics`, the `tags` column another program writes) stand alone by default."""

from __future__ import annotations

import json

import httpx
import pytest

from bot.delivery.poller import Poller
from bot.ingest.formats import parse_jsonl
from bot.ingest.service import Ingestor
from bot.ingest.topics import KeywordTagging
from bot.store.store import Store

STORIES = [
    # its own topic, and a headline the keyword rules would call war
    {"url": "https://e.org/a", "title": "Уламки ракети впали біля стадіону", "topics": ["sport"]},
    # no topic of its own
    {"url": "https://e.org/b", "title": "Нічний обстріл Харкова"},
]


async def topics_by_url(store: Store) -> dict[str, list[str]]:
    return {a.url: a.topics for a in await store.articles.latest(10)}


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("untagged", {"https://e.org/a": ["sport"], "https://e.org/b": ["war"]}),
        ("always", {"https://e.org/a": ["sport", "war"], "https://e.org/b": ["war"]}),
        ("off", {"https://e.org/a": ["sport"], "https://e.org/b": []}),
    ],
)
async def test_ingestion_follows_keyword_tagging(
    store: Store, mode: KeywordTagging, expected: dict[str, list[str]]
) -> None:
    feed = parse_jsonl("\n".join(json.dumps(story) for story in STORIES))
    async with httpx.AsyncClient() as client:
        await Ingestor(store, client, keyword_tagging=mode).store_feed(feed)
    assert await topics_by_url(store) == expected


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        ("untagged", {"https://e.org/c": ["culture"], "https://e.org/d": ["war"]}),
        ("always", {"https://e.org/c": ["culture", "war"], "https://e.org/d": ["war"]}),
        ("off", {"https://e.org/c": ["culture"], "https://e.org/d": []}),
    ],
)
async def test_rows_other_programs_insert_follow_keyword_tagging(
    store: Store, mode: KeywordTagging, expected: dict[str, list[str]]
) -> None:
    await store.db.execute(
        "INSERT INTO articles (url, title, tags) VALUES"
        " ('https://e.org/c', 'Ракета влучила в театр', 'Культура'),"
        " ('https://e.org/d', 'Ракета влучила в депо', '')"
    )
    await Poller(store, max_age_hours=24, keyword_tagging=mode).poll_once()
    assert await topics_by_url(store) == expected

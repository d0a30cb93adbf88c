"""Several newsbots on one store: each due source is claimed by one of them at a time."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.models import utcnow
from bot.store.store import Store

HOLD = timedelta(minutes=2)


async def test_each_due_source_goes_to_one_claimer(store: Store, db_path: str) -> None:
    for n in range(40):
        await store.sources.add(f"https://feeds.example.org/{n}.xml")
    now = utcnow()
    async with Store(db_path) as other:  # a second newsbot: its own connection(s)
        claims = await asyncio.gather(
            *(
                (store if i % 2 else other).sources.claim_due(
                    now, owner=f"bot-{i % 2}", hold=HOLD, limit=7
                )
                for i in range(12)
            )
        )
    ids = [s.id for claim in claims for s in claim]
    assert len(ids) == len(set(ids)) == 40  # every source once, none twice
    assert await store.sources.claim_due(now, owner="bot-0", hold=HOLD) == []


async def test_a_recorded_fetch_frees_the_claim_and_an_expired_claim_runs_out(
    store: Store,
) -> None:
    first = await store.sources.add("https://feeds.example.org/a.xml")
    second = await store.sources.add("https://feeds.example.org/b.xml")
    assert first is not None and second is not None
    now = utcnow()
    assert [s.id for s in await store.sources.claim_due(now, owner="a", hold=HOLD)] == [
        first,
        second,
    ]
    await store.sources.record_success(
        first, now=now, next_at=now, etag=None, last_modified=None, title=None
    )
    # the recorded source is due again (next_at = now) and free; the other is still held
    assert [s.id for s in await store.sources.claim_due(now, owner="b", hold=HOLD)] == [first]
    # its holder died: once the claim runs out, another newsbot takes it
    later = now + HOLD + timedelta(seconds=1)
    assert [s.id for s in await store.sources.claim_due(later, owner="b", hold=HOLD)] == [
        first,
        second,
    ]


async def test_a_source_not_due_is_not_claimed(store: Store) -> None:
    source = await store.sources.add("https://feeds.example.org/a.xml")
    assert source is not None
    now = utcnow()
    await store.sources.record_failure(
        source, now=now, next_at=now + timedelta(minutes=5), error="boom"
    )
    assert await store.sources.claim_due(now, owner="a", hold=HOLD) == []
    assert len(await store.sources.claim_due(now + timedelta(minutes=5), owner="a", hold=HOLD)) == 1

"""A broadcast confirmed on one instance (several answer the webhook) gets its progress shown
and is marked done by the lease holder's loop, which finds it in the store."""

from __future__ import annotations

import asyncio
import contextlib

from bot.delivery.broadcast_progress import BroadcastProgress
from bot.models import utcnow
from bot.store.store import Store

ADMIN = 42


async def test_the_holder_shows_a_broadcast_another_instance_confirmed(
    store: Store, db_path: str
) -> None:
    for chat_id in (501, 502):
        await store.readers.register(chat_id, "en")
    edits: list[tuple[int, int, str]] = []

    async def edit(chat_id: int, message_id: int, html: str) -> None:
        edits.append((chat_id, message_id, html))

    progress = BroadcastProgress(store, edit, interval=0.05)
    loop = asyncio.create_task(progress.run())  # running before the broadcast exists
    try:
        await asyncio.sleep(0.1)
        async with Store(db_path) as other:  # the instance that took the admin's tap
            broadcast_id = await other.broadcasts.create(ADMIN, "Back <b>soon</b>")
            assert await other.broadcasts.start(broadcast_id, chat_id=ADMIN, message_id=9) == 2
        for _ in range(100):
            if edits:
                break
            await asyncio.sleep(0.02)
        assert edits and edits[-1][:2] == (ADMIN, 9) and "0 of 2" in edits[-1][2]
        for row in [r for c in (501, 502) for r in await store.outbox.all_for_chat(c)]:
            await store.outbox.mark_sent(row.id, message_id=1, as_photo=False, rev=0, now=utcnow())
        for _ in range(100):
            b = await store.broadcasts.get(broadcast_id)
            if b is not None and b.state == "done":
                break
            await asyncio.sleep(0.02)
        assert b is not None and b.state == "done"
        assert "finished: 2 delivered" in edits[-1][2]
    finally:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop

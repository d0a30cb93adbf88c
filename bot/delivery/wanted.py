"""What a reader still wants of the stories waiting for them.

A story queued for a reader (an instant story, a keyword alert) waits in the outbox for its
turn: a fan-out takes minutes, and a reader gets one message a second. A reader who then
unsubscribes, turns instant stories off or drops an alert must not get the waiting stories
they no longer asked for (/stop deletes everything waiting: bot.store.readers.delete).
"""

from __future__ import annotations

from bot.store.store import Store


async def drop_unwanted(store: Store, chat_id: int) -> int:
    """Delete the reader's waiting instant rows that neither their topics (with instant
    stories on) nor one of their alerts asks for any more; returns how many went."""
    waiting = await store.outbox.waiting_instant(chat_id)
    if not waiting:
        return 0
    reader = await store.readers.get(chat_id)
    if reader is None or not reader.active:
        return await store.outbox.drop_pending([row_id for row_id, _ in waiting])
    ids = list(dict.fromkeys(article_id for _, article_id in waiting))
    topics = set(reader.topics) if reader.instant else set()
    articles = await store.articles.get_many(ids)
    wanted = {i for i, article in articles.items() if topics & set(article.topics)}
    for follow in reader.follows:
        rest = [i for i in ids if i not in wanted]
        if not rest:
            break
        if follow.query:
            wanted |= await store.articles.matching(follow.query, rest)
    return await store.outbox.drop_pending(
        [row_id for row_id, article_id in waiting if article_id not in wanted]
    )

"""Breaking news: what marking a story urgent after it was routed does (the sender sends
and pins; which feed categories mark a story urgent is bot.ingest.breaking).

A story is urgent when its JSON line says `"urgent": true`, a feed category names it
(BREAKING_CATEGORIES), another program sets the store's `urgent` column, or an admin sends
/breaking. Its outbox rows get the urgent priority (bot.store.outbox.URGENT): they go ahead of
everything queued. A story marked urgent later (/breaking, the column set by an UPDATE: the
store's trigger makes that an edit the poller sees) is followed up by `escalate`.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Article, to_iso
from bot.store.store import Store


@dataclass(frozen=True, slots=True)
class Escalation:
    """What marking a story urgent did to its messages."""

    moved: int = 0  # sends still waiting that now go first
    pins: int = 0  # channel posts already sent, queued to be pinned
    routed: bool = False  # it was queued before (False: the caller routes it now, as new)


async def escalate(store: Store, article: Article, *, pin: bool) -> Escalation:
    """Follow up a story that became urgent after it was queued or sent: what still waits of
    it goes first; its channel posts already sent are pinned (with `pin`; once per post).
    A held story stays held: nothing moves. `routed` says whether the story was ever queued
    (the poller and /breaking route a story that was not, as new)."""
    if article.held:
        return Escalation(routed=True)
    moved = await store.outbox.make_urgent(article.id)
    pins = await store.outbox.pin_sent_posts(article.id, to_iso(article.published_at)) if pin else 0
    routed = moved > 0 or pins > 0 or await store.outbox.is_routed(article.id)
    return Escalation(moved, pins, routed)

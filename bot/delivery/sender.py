"""Drains the outbox into Telegram within its limits, retrying what can be retried."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from jinja2 import TemplateError
from telegram.error import BadRequest, TelegramError

from bot.delivery.http import on_wire
from bot.delivery.limiter import RateLimiter
from bot.delivery.outcomes import Outcomes, SenderStats, photo_refused
from bot.delivery.router import takes
from bot.delivery.transport import Transport
from bot.delivery.wake import wake_or_timeout
from bot.logs import FailureLog
from bot.models import Article, Channel, Delivery, to_iso, utcnow
from bot.ops import metrics
from bot.render import Renderer, RenderError, StoryMessage
from bot.store.outbox import (
    CHANNEL_REMOVED,
    EDITION_REFUSES,
    HELD,
    PIN_KIND,
    STORY_DELETED,
    URGENT,
    NewDelivery,
    Pin,
    SentMark,
)
from bot.store.store import Store

log = logging.getLogger(__name__)

_CACHE_SECONDS = 1.0
MAX_BUSY_CHATS = 4000  # chats with a worker at once; the rest wait in the outbox
DISPATCH_BATCH = 2000  # rows read from the outbox at a time


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A ready HTML message for a row that is not a story (a digest, a broadcast ...)."""

    text: str
    silent: bool = False
    disable_preview: bool = True


ContentSource = Callable[[Delivery], Awaitable[Outgoing | None]]
QuietCheck = Callable[[int], Awaitable[bool]]


def withdrawal(row: Delivery, article: Article | None) -> str | None:
    """Why a story's row must not go out now: its story deleted, or a new message of a story
    an editor held (a /post's rows go all the same); None when it goes."""
    if article is None:
        return STORY_DELETED
    if row.state == "pending" and article.held and row.kind != "manual":
        return HELD
    return None


def edition_refuses(channel: Channel | None, article: Article) -> str | None:
    """Why a channel post queued earlier must not go out now (the channel removed, or its
    edition no longer taking the story); None when it goes."""
    if channel is None:
        return CHANNEL_REMOVED
    if not takes(channel, article):
        return EDITION_REFUSES
    return None


class Sender:
    """Per-chat workers send that chat's rows in order; the limiter spaces them out."""

    def __init__(
        self,
        store: Store,
        transport: Transport,
        renderer: Renderer,
        limiter: RateLimiter,
        *,
        concurrency: int = 8,
        max_attempts: int = 8,
        outage_budget: timedelta = timedelta(hours=6),
        language: str = "uk",
        pin_breaking: bool = True,
    ) -> None:
        self.store = store
        self.pin_breaking = pin_breaking  # PIN_BREAKING: pin urgent stories in channels
        self.transport = transport
        self.renderer = renderer
        self.limiter = limiter
        self.language = language
        self.stats = SenderStats()
        self._outcomes = Outcomes(
            store, limiter, self.stats, max_attempts=max_attempts, outage_budget=outage_budget
        )
        self._outage = self._outcomes.outage  # Telegram down: the whole sender waits
        self._http_slots = asyncio.Semaphore(concurrency)
        self._busy: dict[int, asyncio.Task[None]] = {}
        self._wake = asyncio.Event()
        self._kinds: dict[str, ContentSource] = {}
        self._quiet: QuietCheck | None = None
        self._articles: dict[int, tuple[float, Article | None]] = {}
        self._marks: list[tuple[SentMark, asyncio.Future[None]]] = []
        self._committer: asyncio.Task[None] | None = None
        self._loading: dict[int, asyncio.Future[Article | None]] = {}
        self._rendered: dict[tuple[int, int, str, bool, str | None], StoryMessage] = {}
        self._paused_value = False
        self._paused_at = -_CACHE_SECONDS
        self._may_send: Callable[[], bool] = lambda: True
        self._worker_failures = FailureLog(log, "sender: a chat's worker")
        # busy chats with an urgent send due: their workers stop after the send under way,
        # so the next dispatch takes the urgent one first
        self._preempt: set[int] = set()
        self._stopping = False
        self._sending: set[asyncio.Task[Any] | None] = set()  # workers with a request out

    @property
    def max_attempts(self) -> int:
        """Tries before a pending row is given up."""
        return self._outcomes.max_attempts

    def wake(self) -> None:
        """New rows are waiting: look now instead of at the next tick."""
        self._wake.set()

    async def run(self, *, tick: float = 1.0) -> None:
        """Dispatch forever (until cancelled); a dispatch that fails (the store out of reach
        for a moment) is tried again at the next tick, the workers under way left alone."""
        failures = FailureLog(log, f"sender: dispatching (tried every {tick:g}s)")
        try:
            while True:
                try:
                    await self.dispatch_once()
                    failures.worked()
                except Exception as exc:
                    failures.failed(exc)
                self._wake.clear()
                await wake_or_timeout(self._wake, tick)
        finally:
            for task in list(self._busy.values()):
                task.cancel()
            if self._busy:
                await asyncio.gather(*self._busy.values(), return_exceptions=True)

    async def stop(self, grace: float = 5.0) -> None:
        """Stop sending without sending anything twice after a restart.

        No new send starts; workers still waiting for their turn are cancelled (nothing of
        theirs has gone out); requests already handed to Telegram get up to `grace` seconds
        to finish and be recorded (sent, or to be retried). Only what is still out after that
        is cancelled: those few may go out again after the restart, as after a crash.
        """
        self._stopping = True
        for task in self._busy.values():
            if task not in self._sending:
                task.cancel()
        workers = list(self._busy.values())
        if workers:
            _, late = await asyncio.wait(workers, timeout=grace)
            if late:
                log.warning("stopping: %d sends still unanswered after %.0fs", len(late), grace)
            for task in late:
                task.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
        if self._committer is not None:
            await asyncio.gather(self._committer, return_exceptions=True)

    async def dispatch_once(self) -> int:
        """Start a worker for every idle chat with due rows; returns how many started."""
        if self._stopping or not self._may_send() or self._outage.waiting(time.monotonic()):
            return 0
        if await self._paused(fresh=True):
            return 0
        now = utcnow()
        room = min(DISPATCH_BATCH, MAX_BUSY_CHATS - len(self._busy))
        if room > 0:
            rows = await self.store.outbox.due(now, exclude_chats=list(self._busy), limit=room)
            rows += await self.store.outbox.due_edits(now, exclude_chats=list(self._busy))
        else:  # every worker busy with a fan-out: an urgent story's rows still start now
            rows = await self.store.outbox.due(
                now, exclude_chats=list(self._busy), limit=DISPATCH_BATCH, max_priority=URGENT
            )
        if self._busy:
            self._preempt |= await self.store.outbox.urgent_chats(now, list(self._busy))
        by_chat: dict[int, list[Delivery]] = {}
        for row in rows:
            by_chat.setdefault(row.chat_id, []).append(row)
        for chat_id, chat_rows in by_chat.items():
            task = asyncio.create_task(self._chat_worker(chat_id, chat_rows))
            self._busy[chat_id] = task
            task.add_done_callback(self._worker_done(chat_id))
        return len(by_chat)

    def _worker_done(self, chat_id: int) -> Callable[[asyncio.Task[None]], None]:
        def done(_task: asyncio.Task[None]) -> None:
            self._busy.pop(chat_id, None)
            if chat_id in self._preempt:
                self._preempt.discard(chat_id)
                self._wake.set()  # its urgent send now
            if len(self._busy) < MAX_BUSY_CHATS // 2:  # refill in big batches, not one by one
                self._wake.set()

        return done

    async def _chat_worker(self, chat_id: int, rows: list[Delivery]) -> None:
        """Send one chat's rows in order; whatever came for it meanwhile, the next dispatch
        picks up (the worker's exit wakes the dispatcher)."""
        try:
            for n, row in enumerate(rows):
                if chat_id in self._preempt and row.priority > URGENT:
                    return  # an urgent story came for this chat: it goes first (dispatch)
                # A reader gets a message a second: the rows after the first wait, and the
                # reader may stop, unsubscribe or change /language meanwhile (asked before the
                # row is prepared and again once its turn has come).
                recheck = bool(n) and chat_id > 0 and row.state == "pending"
                if recheck:
                    fresh = await self._still_waiting(row)
                    if fresh is None:
                        continue  # dropped (bot.delivery.wanted) or settled meanwhile
                    row = fresh
                if self._stopping or not await self._deliver(row, recheck=recheck):
                    return  # the chat is paused or dead: leave the rest for later
            self._worker_failures.worked()
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._worker_failures.failed(exc)  # the rows stay pending: tried again later

    def register_kind(self, kind: str, source: ContentSource) -> None:
        """Let rows of `kind` (digests, broadcasts ...) be sent: `source(row)` gives the
        message to send, or None to drop the row. Story kinds need no registration."""
        self._kinds[kind] = source

    def register_gate(self, may_send: Callable[[], bool]) -> None:
        """`may_send()`: whether this instance may send now (it surely holds the store's
        lease); asked before every request, and rows wait while it says no."""
        self._may_send = may_send

    def register_quiet(self, check: QuietCheck) -> None:
        """`check(chat_id)`: whether a reader is in their quiet hours now; their instant
        stories then go without sound (bot.delivery.digest_scheduler)."""
        self._quiet = check

    async def _deliver(self, row: Delivery, *, recheck: bool = False) -> bool:
        """Send or edit one row; False when the chat should not get more right now.
        `recheck`: once its turn has come, make sure the row is still waiting in the store
        (a reader's row that waited behind others: the reader may have stopped meanwhile).

        Everything that reads the store or renders is done before the rate-limit slot is
        taken, so a granted slot turns into a request at once; the slot counts from the
        moment the request is written to the socket (`on_wire`), so a send held up on its
        way holds up the ones after it instead of leaving bunched up with them.
        """
        action = await self._prepare(row)
        if action is None:
            return True
        if await self._paused():
            return False
        slot = await self.limiter.acquire(row.chat_id, row.priority)
        # The slot may come many seconds after the row was prepared (a fan-out's last rows
        # wait for theirs): a pause or a hold since then still stops it (both are read at
        # most once a second, from the caches the whole fan-out shares).
        if (
            self._stopping
            or self._outage.waiting(time.monotonic())
            or await self._paused()
            or not self._may_send()
        ):
            slot.release()
            return False
        reason = await self._withdrawn_since(row)
        if reason is not None:
            slot.release()
            await self.store.outbox.mark_failed(row.id, reason)
            return True
        if recheck:
            fresh = await self._still_waiting(row)
            again: Callable[[], Awaitable[None]] | None = action
            if fresh is not None and fresh.language != row.language:  # a /language since
                again = await self._prepare(fresh)
            if fresh is None or again is None:  # dropped while it waited, or settled anew
                slot.release()
                return True
            action = again
        try:
            async with self._http_slots:
                # From here the request may reach Telegram: a stop lets it finish (`stop`).
                self._sending.add(asyncio.current_task())
                with on_wire(slot.depart):  # the slot counts as the request is written
                    await action()
            self._outage.worked()
            return True
        except TelegramError as exc:
            return await self._outcomes.failed(row, exc)
        finally:
            slot.release()  # (no-op once departed)
            self._sending.discard(asyncio.current_task())

    async def _still_waiting(self, row: Delivery) -> Delivery | None:
        """A reader's row that waited behind others, as the store has it now: None when it
        waits no more (the reader stopped, unsubscribed ...: bot.delivery.wanted), else with
        the reader's language as it is now (a /language meanwhile)."""
        due = await self.store.outbox.still_due([row.id])
        if row.id not in due:
            return None
        language = due[row.id]
        return row if language in (None, row.language) else replace(row, language=language)

    async def _withdrawn_since(self, row: Delivery) -> str | None:
        """`withdrawal` of a story's new message (not a /post, an edit, a pin, a digest ...)
        since it was prepared, from the story as the fan-out's cache has it now."""
        if row.state != "pending" or row.kind in ("manual", PIN_KIND) or row.kind in self._kinds:
            return None
        return withdrawal(row, await self._article(row.article_id))

    async def _prepare(self, row: Delivery) -> Callable[[], Awaitable[None]] | None:
        """What sending this row takes, ready to go; None when the row is settled here."""
        source = self._kinds.get(row.kind)
        if source is not None:
            outgoing = await source(row)
            if outgoing is None:
                await self.store.outbox.mark_failed(row.id, "nothing to send any more")
                return None
            return lambda: self._send_outgoing(row, outgoing)
        # An edit must show the story as it is now; a send may use the story as read a moment
        # ago (if it changed meanwhile, the poller asks for an edit after).
        if row.state == "sent":
            article = await self.store.articles.get(row.article_id)
        else:
            article = await self._article(row.article_id)
        reason = withdrawal(row, article)
        if reason is not None:
            await self.store.outbox.mark_failed(row.id, reason)
            return None
        assert article is not None  # (a deleted story's rows are withdrawn)
        if row.state == "sent":
            return await self._prepare_edit(row, article)
        if row.kind == PIN_KIND:
            return await self._prepare_pin(row, article)
        channel = None
        if row.kind == "channel":
            channel = await self.store.channels.get(row.chat_id, row.thread_id)
            # queued before the channel was removed or its edition changed: as it is now
            reason = edition_refuses(channel, article)
            if reason is not None:
                await self.store.outbox.mark_failed(row.id, reason)
                return None
        language, template, link_preview = self._edition(row, channel)
        message = self._render(article, language, link_preview, template)
        silent = await self._silent(row, channel, article)

        def as_text() -> StoryMessage:
            return self._story(
                article, language, link_preview=link_preview, as_photo=False, template=template
            )

        return lambda: self._send_story(row, article, message, silent, as_text)

    async def _send_story(
        self,
        row: Delivery,
        article: Article,
        message: StoryMessage,
        silent: bool,
        as_text: Callable[[], StoryMessage],
    ) -> None:
        try:
            message_id, as_photo = await self.transport.send_story(
                row.chat_id, row.thread_id, message, silent=silent
            )
        except BadRequest as exc:
            if message.photo is None or not photo_refused(exc.message):
                raise
            # The story is worth more than its picture: one Telegram can't fetch or take
            # (gone, too big, not an image) leaves the story to go out as a text message.
            log.warning(
                "story %s: Telegram refused its photo for %s (%s); sending it as text",
                article.id,
                row.chat_id,
                exc.message,
            )
            message = as_text()
            slot = await self.limiter.acquire(row.chat_id, row.priority)  # a send of its own
            try:
                with on_wire(slot.depart):
                    message_id, as_photo = await self.transport.send_story(
                        row.chat_id, row.thread_id, message, silent=silent
                    )
            finally:
                slot.release()
        now = utcnow()
        photo = message.photo if as_photo else None
        await self._record(SentMark(row.id, message_id, as_photo, article.rev, now, photo))
        self.stats.sent += 1
        metrics.SENT.labels(row.kind).inc()
        if row.kind == "channel" and article.urgent and self.pin_breaking and message_id:
            await self._queue_pin(row, article)
        if article.arrived_at is not None:
            latency = (now - article.arrived_at).total_seconds()
            metrics.LATENCY.labels(row.kind).observe(max(0.0, latency))

    async def _record(self, mark: SentMark) -> None:
        """Record a send, committed together with the others that finish meanwhile.

        The caller still holds its request slot until the commit, so messages Telegram has
        but the store does not know of yet never outnumber the sender's concurrency: the
        bound on duplicates after a crash stays what it was with a commit per message.
        """
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._marks.append((mark, future))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.create_task(self._commit_marks())
        await future

    async def _commit_marks(self) -> None:
        while self._marks:
            await asyncio.sleep(0)  # sends finishing in this loop pass join the batch
            batch, self._marks = self._marks, []
            try:
                await self.store.outbox.mark_sent_many([mark for mark, _ in batch])
            except Exception as exc:
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
            else:
                for _, future in batch:
                    if not future.done():
                        future.set_result(None)

    # Caches for fan-outs: one story to thousands of chats is read and rendered once, not once
    # per chat. They live a second or so: an edit, a hold or a pause is seen almost at once.

    def forget_story(self, article_id: int) -> None:
        """Read the story afresh at its next send (an editor's /hold here stops the fan-out
        at once, not after the cache's second)."""
        self._articles.pop(article_id, None)

    async def _article(self, article_id: int) -> Article | None:
        now = time.monotonic()
        cached = self._articles.get(article_id)
        if cached is not None and now - cached[0] < _CACHE_SECONDS:
            return cached[1]
        loading = self._loading.get(article_id)
        if loading is None:  # one read for the thousand workers of a fan-out, not a thousand
            loading = asyncio.ensure_future(self.store.articles.get(article_id))
            self._loading[article_id] = loading
            loading.add_done_callback(lambda _: self._loading.pop(article_id, None))
        article = await asyncio.shield(loading)
        if len(self._articles) > 1000:
            self._articles.clear()
        self._articles[article_id] = (time.monotonic(), article)
        return article

    def _edition(self, row: Delivery, channel: Channel | None) -> tuple[str, str | None, bool]:
        """(language of the fixed words, template, link preview) of a row: a channel's
        edition (its language, else CHANNEL_LANGUAGE; its preview setting), a reader's
        language, else CHANNEL_LANGUAGE, with previews. Sends and edits both ask here, so an
        edit renders the post as it was sent."""
        if channel is not None:
            return channel.language or self.language, channel.template, channel.link_preview
        if row.kind == "channel":
            return self.language, None, True
        return row.language or self.language, None, True

    def _story(
        self,
        article: Article,
        language: str,
        *,
        link_preview: bool = True,
        as_photo: bool | None = None,
        template: str | None = None,
    ) -> StoryMessage:
        """Render a story; an edition's template that fails now (edited or removed since it
        was checked) gives way to the shipped one, so the story still goes out."""
        if template is not None:
            try:
                return self.renderer.story(
                    article,
                    language=language,
                    link_preview=link_preview,
                    as_photo=as_photo,
                    template=template,
                )
            except (RenderError, TemplateError) as exc:
                log.warning("template %s failed (%s); using the shipped one", template, exc)
        return self.renderer.story(
            article, language=language, link_preview=link_preview, as_photo=as_photo
        )

    def _render(
        self, article: Article, language: str, link_preview: bool, template: str | None = None
    ) -> StoryMessage:
        key = (article.id, article.rev, language, link_preview, template)
        message = self._rendered.get(key)
        if message is None:
            message = self._story(article, language, link_preview=link_preview, template=template)
            if len(self._rendered) > 1000:
                self._rendered.clear()
            self._rendered[key] = message
        return message

    async def _paused(self, *, fresh: bool = False) -> bool:
        now = time.monotonic()
        if fresh or now - self._paused_at >= _CACHE_SECONDS:
            self._paused_value = await self.store.is_paused()
            self._paused_at = now
        return self._paused_value

    async def _silent(self, row: Delivery, channel: Channel | None, article: Article) -> bool:
        """Channels by their setting; instant stories in the reader's quiet hours. An urgent
        story rings: in every channel, and for readers who keep breaking alerts on."""
        if channel is not None:
            return channel.silent and not article.urgent
        if row.kind != "instant" or not row.has_quiet or self._quiet is None:
            return False
        if article.urgent and row.breaking_alerts:
            return False
        return await self._quiet(row.chat_id)

    # --- breaking news: pins in channels ------------------------------------------------

    async def _queue_pin(self, row: Delivery, article: Article) -> None:
        """An urgent story's channel post went out: pin it next (an outbox row, so a pin
        that fails is retried and one is never done twice)."""
        await self.store.outbox.enqueue(
            [
                NewDelivery(
                    chat_id=row.chat_id,
                    thread_id=row.thread_id,
                    article_id=article.id,
                    kind=PIN_KIND,
                    published_at=to_iso(article.published_at),
                    want_rev=0,
                    priority=URGENT,
                )
            ]
        )
        self.wake()

    async def _prepare_pin(
        self, row: Delivery, article: Article
    ) -> Callable[[], Awaitable[None]] | None:
        """Pin the story's post in the channel, then unpin the breaking story pinned before."""
        message_id = await self.store.outbox.channel_post(row.chat_id, row.thread_id, article.id)
        if message_id is None:
            await self.store.outbox.mark_failed(row.id, "no channel post to pin")
            return None
        before = await self.store.outbox.current_pin(row.chat_id, row.thread_id)
        pin = Pin(row.chat_id, row.thread_id, message_id, article.id)

        async def pin_it() -> None:
            await self.transport.pin_message(row.chat_id, message_id)
            now = utcnow()
            await self.store.outbox.remember_pin(pin, now)
            await self._record(SentMark(row.id, message_id, False, 0, now))
            metrics.SENT.labels(row.kind).inc()
            if before is not None and before.message_id != message_id:
                try:
                    await self.transport.unpin_message(row.chat_id, before.message_id)
                except TelegramError as exc:  # unpinned by hand, or the post was deleted
                    log.info(
                        "could not unpin message %s in %s: %s", before.message_id, row.chat_id, exc
                    )

        return pin_it

    async def _send_outgoing(self, row: Delivery, outgoing: Outgoing) -> None:
        message_id = await self.transport.send_html(
            row.chat_id,
            row.thread_id,
            outgoing.text,
            silent=outgoing.silent,
            disable_preview=outgoing.disable_preview,
        )
        await self._record(SentMark(row.id, message_id, False, 0, utcnow()))
        self.stats.sent += 1
        metrics.SENT.labels(row.kind).inc()

    async def _prepare_edit(
        self, row: Delivery, article: Article
    ) -> Callable[[], Awaitable[None]] | None:
        if row.message_id is None:
            await self.store.outbox.give_up_edit(row.id, "no message id to edit")
            return None
        message_id = row.message_id
        channel = None
        if row.kind == "channel":
            channel = await self.store.channels.get(row.chat_id, row.thread_id)
            if channel is None:  # removed since: stop posting there means its edits too
                await self.store.outbox.give_up_edit(row.id, "the channel was removed")
                return None
        language, template, link_preview = self._edition(row, channel)
        message = self._story(
            article, language, link_preview=link_preview, as_photo=row.as_photo, template=template
        )
        # A photo message whose story has another image now gets that photo. Where the photo
        # sent is not known (sent before migration 0032), or the image is gone (a photo can't
        # become a text message), only the caption changes.
        new_photo = (
            row.as_photo
            and message.photo is not None
            and row.sent_photo is not None
            and message.photo != row.sent_photo
        )

        async def edit() -> None:
            photo = message.photo if new_photo else None
            try:
                await self.transport.edit_story(
                    row.chat_id, message_id, message, as_photo=row.as_photo, new_photo=new_photo
                )
            except BadRequest as exc:
                if not new_photo or "not modified" in exc.message.lower():
                    raise
                # Telegram could not take the new photo (its URL failed): the caption still
                # gets the story's new words, under the photo it has.
                log.warning(
                    "story %s: Telegram refused the new photo for %s (%s); editing the caption",
                    article.id,
                    row.chat_id,
                    exc.message,
                )
                await self.transport.edit_story(row.chat_id, message_id, message, as_photo=True)
                photo = None
            await self.store.outbox.mark_edited(row.id, article.rev, photo=photo)
            self.stats.edited += 1

        return edit

"""Ingestion: fetch or read a document, parse it, store its stories, tag them."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import httpx

from bot.ingest.breaking import DEFAULT_CATEGORIES, breaking_matcher, is_breaking
from bot.ingest.canonical import is_http_url
from bot.ingest.fetch import FetchError, fetch, next_fetch_delay
from bot.ingest.formats import FeedError, ParsedFeed, parse_document
from bot.ingest.tagging import retag
from bot.ingest.text import short_line
from bot.ingest.topics import KeywordTagging
from bot.logs import FailureLog
from bot.models import IngestResult, Source, utcnow
from bot.ops import metrics
from bot.store.store import Store

log = logging.getLogger(__name__)

USER_AGENT = "newsbot/0.1 (+https://github.com/newsbot)"


BAD_ITEMS_SHOWN = 20  # item errors `newsbot ingest` prints per source
ITEM_ERROR_CHARS = 200


@dataclass(slots=True)
class IngestReport:
    """What one source gave: counts, or the one-line error that stopped it."""

    source: str
    result: IngestResult = field(default_factory=IngestResult)
    error: str | None = None
    item_errors: list[str] = field(default_factory=list)
    item_notes: list[str] = field(default_factory=list)  # stored, with a doubt (a date)
    not_modified: bool = False

    def line(self) -> str:
        if self.error:
            return f"{self.source}: error: {self.error}"
        if self.not_modified:
            return f"{self.source}: not modified"
        r = self.result
        extra = f", {len(self.item_errors)} bad items" if self.item_errors else ""
        if self.item_notes:
            extra += f", {len(self.item_notes)} with a note"
        return f"{self.source}: {r.new} new, {r.updated} updated, {r.skipped} skipped{extra}"

    def bad_items(self, most: int = BAD_ITEMS_SHOWN) -> list[str]:
        """Why items were left out ("line 3: not an http(s) URL: ..."), then what was doubtful
        in items stored ("item 4: date 'Segunda' not understood; taken as now"), one line
        each, the first `most` of them and a count of the rest."""
        lines = [*self.item_errors, *self.item_notes]
        shown = [f"  {short_line(line, ITEM_ERROR_CHARS)}" for line in lines[:most]]
        rest = len(lines) - most
        return [*shown, f"  ... and {rest} more"] if rest > 0 else shown


def make_http_client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT},
        limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
    )


class Ingestor:
    def __init__(
        self,
        store: Store,
        client: httpx.AsyncClient,
        *,
        timeout: float = 20.0,
        max_bytes: int = 10 * 1024 * 1024,
        concurrency: int = 4,
        keyword_tagging: KeywordTagging = "untagged",
        name: str | None = None,
        breaking_categories: Sequence[str] = DEFAULT_CATEGORIES,
    ) -> None:
        self.store = store
        # feed categories that mark a story urgent (BREAKING_CATEGORIES)
        self.breaking = breaking_matcher(breaking_categories)
        # who claims sources (bot.store.sources.claim_due) when several newsbots share a store
        self.name = name or f"{socket.gethostname()}:{os.getpid()}"
        # called when stories were stored or changed (Runtime: the poller's wake)
        self.on_stored: Callable[[], None] | None = None
        self.keyword_tagging = keyword_tagging
        self.client = client
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._slots = asyncio.Semaphore(concurrency)
        # why items of a source were left out, as last logged: a feed that keeps a bad item
        # for days has it logged once, not at every fetch
        self._told: dict[int, frozenset[str]] = {}

    async def store_feed(self, feed: ParsedFeed, *, source_id: int | None = None) -> IngestResult:
        """Upsert every story of a parsed document and tag the new and changed ones."""
        new = updated = skipped = 0
        touched: list[int] = []
        now = utcnow()
        for item in feed.items:
            if not item.source and feed.title:
                item.source = feed.title
            if not item.urgent and is_breaking(item.tags, self.breaking):
                item.urgent = True
            status, article_id = await self.store.articles.upsert(
                item, source_id=source_id, now=now
            )
            if status == "new":
                new += 1
            elif status == "updated":
                updated += 1
            else:
                skipped += 1
            if status != "skipped":
                touched.append(article_id)
        if touched:
            await retag(self.store, touched, keyword_tagging=self.keyword_tagging)
            if self.on_stored is not None:
                self.on_stored()  # the poller, at once (it would find them on its next round)
        return IngestResult(new, updated, skipped)

    async def ingest_target(self, target: str) -> IngestReport:
        """One-off import of a URL or a file (`newsbot ingest`)."""
        report = IngestReport(source=target or '""')
        try:
            if not target:
                raise FeedError("an empty path: give a file or an http(s) URL")
            if is_http_url(target):
                fetched = await fetch(
                    self.client, target, timeout=self.timeout, max_bytes=self.max_bytes
                )
                feed = parse_document(
                    fetched.data, name=fetched.url, content_type=fetched.content_type
                )
            else:
                path = Path(target)
                data = await asyncio.to_thread(_read_file, path)
                feed = parse_document(data, name=path.name)
        except (FetchError, FeedError, OSError) as exc:
            report.error = _one_line(exc)
            return report
        report.item_errors, report.item_notes = feed.errors, feed.notes
        report.result = await self.store_feed(feed)
        return report

    async def fetch_source(self, source: Source, now: datetime | None = None) -> IngestReport:
        """Fetch one configured source with conditional GET, record success or failure."""
        now = now or utcnow()
        report = IngestReport(source=source.url)
        async with self._slots:
            try:
                fetched = await fetch(
                    self.client,
                    source.url,
                    etag=source.etag,
                    last_modified=source.last_modified,
                    timeout=self.timeout,
                    max_bytes=self.max_bytes,
                )
                if fetched.status == "not_modified":
                    report.not_modified = True
                    feed = ParsedFeed(title=None, items=[], errors=[])
                else:
                    feed = parse_document(
                        fetched.data, name=fetched.url, content_type=fetched.content_type
                    )
            except (FetchError, FeedError) as exc:
                report.error = _one_line(exc)
                delay = next_fetch_delay(source.interval, source.error_count + 1)
                await self.store.sources.record_failure(
                    source.id, now=now, next_at=now + timedelta(seconds=delay), error=report.error
                )
                log.warning("source %s failed: %s", source.url, report.error)
                metrics.FETCHES.labels(source.url, "error").inc()
                return report
            report.item_errors, report.item_notes = feed.errors, feed.notes
            report.result = await self.store_feed(feed, source_id=source.id)
            await self.store.sources.record_success(
                source.id,
                now=now,
                next_at=now + timedelta(seconds=next_fetch_delay(source.interval, 0)),
                etag=fetched.etag,
                last_modified=fetched.last_modified,
                title=feed.title,
            )
            if report.result.new or report.result.updated:
                log.info("%s", report.line())
            self._log_bad_items(source, report)
            metrics.FETCHES.labels(
                source.url, "not_modified" if report.not_modified else "ok"
            ).inc()
            return report

    def _log_bad_items(self, source: Source, report: IngestReport) -> None:
        """Say why items of a source were left out, each reason once while it lasts."""
        if report.not_modified:
            return
        lines = [
            *(f"left out {short_line(e, ITEM_ERROR_CHARS)}" for e in report.item_errors),
            *(short_line(note, ITEM_ERROR_CHARS) for note in report.item_notes),
        ][:BAD_ITEMS_SHOWN]
        told = self._told.get(source.id, frozenset())
        for line in lines:
            if line not in told:
                log.warning("source %s: %s", source.url, line)
        self._told[source.id] = frozenset(lines)

    @property
    def _hold(self) -> timedelta:
        """How long a claim on a source lasts: it outlives a fetch that hangs (timeouts) and
        then frees itself."""
        return timedelta(seconds=self.timeout * 3 + 60)

    def claim(self) -> tuple[str, datetime]:
        """A claim on a source for one fetch by this newsbot: (owner, until)."""
        return self.name, utcnow() + self._hold

    async def fetch_due(self) -> list[IngestReport]:
        """Fetch every source whose time has come and no other newsbot is fetching, a few at
        a time."""
        due = await self.store.sources.claim_due(utcnow(), owner=self.name, hold=self._hold)
        if not due:
            return []
        return list(await asyncio.gather(*(self.fetch_source(s) for s in due)))

    async def run(self, tick: float = 5.0) -> None:
        """Fetch due sources forever (until cancelled); one source's failure never stops others."""
        failures = FailureLog(log, "fetch round")
        while True:
            try:
                await self.fetch_due()
                failures.worked()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                failures.failed(exc)
            await asyncio.sleep(tick)


def _read_file(path: Path) -> bytes:
    """A feed file's bytes; FeedError saying what `path` is when it is not a file."""
    if path.is_dir():
        raise FeedError(f"{path} is a folder, not a file")
    if not path.exists():
        raise FeedError(f"no such file: {path}")
    if not path.is_file():
        raise FeedError(f"{path} is not a regular file")
    return path.read_bytes()


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]

"""Plain data passed between layers; no I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

INT64_MAX = 2**63 - 1  # SQLite's integers
INT64_MIN = -(2**63)

_ID = re.compile(r"-?[0-9]{1,19}")
# A count written with thousands grouped: "12,345", "1 234 567" (a space, a no-break space or
# a narrow no-break space, as Ukrainian writes them), one separator throughout.
_GROUPED = re.compile("[0-9]{1,3}([, \u00a0\u202f])[0-9]{3}(?:\\1[0-9]{3})*")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """UTC ISO 8601 with seconds, the form every time column of the store uses."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def from_iso(text: str) -> datetime:
    """Parse a stored or user-given ISO 8601 time; no zone means UTC."""
    value = text.strip().replace("Z", "+00:00").replace(" ", "T", 1)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def from_iso_or_none(text: str | None) -> datetime | None:
    """`from_iso` of a nullable time column: NULL (or empty) stays None."""
    return from_iso(text) if text else None


def stored_time(value: object) -> datetime | None:
    """A time column of a row another program may have written (`articles.published_at`,
    `created_at`): the time, or None when it is not an ISO 8601 time ("01/12/2026 10:00",
    "2026-13-45T99:00:00+00:00", "yesterday", "", NULL). Never raises: one such row must not
    stop every reader of the table; the caller picks the fallback."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return from_iso(value)
    except (ValueError, OverflowError):
        return None


def parse_id(text: str, *, signed: bool = False) -> int | None:
    """ "123" -> 123; None unless `text` is ASCII digits (a leading "-" when `signed`) whose
    value fits in SQLite's 64-bit integers. Every number from outside goes through here:
    Python's int() takes any Unicode digit and refuses strings of more than 4,300 digits."""
    value = text.strip()
    if not _ID.fullmatch(value) or (value.startswith("-") and not signed):
        return None
    number = int(value)
    return number if INT64_MIN <= number <= INT64_MAX else None


# What of a story's text the bot reads from the store: more than any message shows (4,096)
# and than a feed's lead is kept (2,000), but bounded, so that a lead of megabytes another
# program wrote does not hold the event loop for minutes while its words are lemmatized.
STORED_TEXT_LIMIT = 10_000


def stored_text(value: object, limit: int = STORED_TEXT_LIMIT) -> str:
    """A text column of a row another program may have written: its text ("" for NULL), a
    BLOB read as UTF-8 (what cannot be read replaced), any other value as its digits; at most
    `limit` characters. Never raises: one such row must not stop every reader of the table."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray | memoryview):
        text = bytes(value).decode("utf-8", errors="replace")
    else:
        text = value if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[:limit]


def stored_count(value: object) -> int | None:
    """A count column of a row another program may have written (`articles.views`): a
    number of 0 or more, or None when unknown. SQLite keeps as text what it cannot read as a
    number: "many" is unknown; "12,345" is 12345, since a count has no fraction (digits
    grouped by threes after one to three, one separator throughout: a comma, a space, a
    no-break or a narrow no-break space); "12.345", "1,5" are unknown. A whole REAL (12345.0)
    is its integer. Never raises: one such row must not stop every digest."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        if _GROUPED.fullmatch(text):
            text = re.sub(r"[^0-9]", "", text)
        value = parse_id(text)
    if isinstance(value, int) and 0 <= value <= INT64_MAX:
        return value
    return None


def target_text(chat_id: int, thread_id: int) -> str:
    """A channel target as admins type it: "-100123" or, a forum topic, "-100123:42"."""
    return f"{chat_id}:{thread_id}" if thread_id else str(chat_id)


@dataclass(slots=True)
class ArticleIn:
    """A story as parsed from a feed or a JSON line, before it is stored."""

    url: str
    title: str
    lead: str = ""
    body: str = ""
    published_at: datetime | None = None
    image_url: str | None = None
    views: int | None = None
    source: str | None = None
    language: str | None = None
    dateline: str | None = None  # where it was filed ("Kyiv")
    # Topic slugs or free category names as the feed gave them; tagging maps them to slugs.
    tags: list[str] = field(default_factory=list)
    urgent: bool = False  # breaking news (JSON Lines `urgent`, or a BREAKING_CATEGORIES category)
    # The feed's own name for the item (RSS guid, Atom id, JSON Feed id): within one source,
    # the same GUID is the same story, whatever its link says now. None: told apart by URL.
    guid: str | None = None


@dataclass(frozen=True, slots=True)
class Recall:
    """The earlier story a post links to at its end ("Recall")."""

    id: int
    title: str
    url: str


@dataclass(slots=True)
class Article:
    """A stored story."""

    id: int
    url: str
    title: str
    lead: str
    published_at: datetime
    body: str = ""
    image_url: str | None = None
    views: int | None = None
    source: str | None = None
    language: str | None = None
    topics: list[str] = field(default_factory=list)
    rev: int = 1
    held: bool = False
    arrived_at: datetime | None = None  # when it was stored (created_at)
    recall: Recall | None = None  # the related earlier story its post links to
    dateline: str | None = None  # where it was filed ("Kyiv")

    def embargoed(self, now: datetime) -> bool:
        """Whether the story is kept from readers at `now` (its time has not come)."""
        return self.published_at > now

    urgent: bool = False  # breaking news: goes first, labelled, pinned in channels


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    title_en: str
    title_uk: str
    keywords: tuple[str, ...] = ()

    def title(self, language: str) -> str:
        return self.title_uk if language == "uk" else self.title_en


@dataclass(slots=True)
class Source:
    id: int
    url: str
    title: str | None
    topics: list[str]
    interval: int
    etag: str | None = None
    last_modified: str | None = None
    last_fetch_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    error_count: int = 0
    next_fetch_at: datetime | None = None
    name: str | None = None  # the newsroom's name for it (OPML import); `title` is the feed's

    @property
    def label(self) -> str | None:
        """What to call the source: the newsroom's name, else the feed's own title."""
        return self.name or self.title


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel or forum topic posted to, and its edition: the language of its fixed words
    (None: CHANNEL_LANGUAGE), the story languages it takes (empty: all), its include and
    exclude keyword rules (lemmas; see bot/delivery/router.py) and its template (None: the
    shipped one)."""

    chat_id: int
    thread_id: int = 0
    topics: tuple[str, ...] = ()
    link_preview: bool = True
    silent: bool = False
    language: str | None = None
    story_languages: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    template: str | None = None

    @property
    def target(self) -> str:
        return f"{self.chat_id}:{self.thread_id}" if self.thread_id else str(self.chat_id)

    def wants(self, topics: list[str]) -> bool:
        """Whether a story with these topics goes to this channel."""
        return not self.topics or any(t in self.topics for t in topics)


@dataclass(frozen=True, slots=True)
class EditionChange:
    """What `channel set` / `/channel` change in a target; None leaves a field as it is. An
    empty `language` or `template` goes back to the default (CHANNEL_LANGUAGE, the shipped
    template); empty tuples take every story."""

    topics: tuple[str, ...] | None = None
    language: str | None = None
    story_languages: tuple[str, ...] | None = None
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    template: str | None = None
    link_preview: bool | None = None
    silent: bool | None = None

    def columns(self) -> dict[str, str | int | None]:
        """The `channels` columns this change sets, with their stored values."""
        values: dict[str, str | int | None] = {}
        for name, column in (
            ("topics", "topics"),
            ("story_languages", "story_languages"),
            ("include", "include_keywords"),
            ("exclude", "exclude_keywords"),
        ):
            items = getattr(self, name)
            if items is not None:
                values[column] = ",".join(items)
        for name in ("language", "template"):
            text = getattr(self, name)
            if text is not None:
                values[name] = text or None
        for name in ("link_preview", "silent"):
            switch = getattr(self, name)
            if switch is not None:
                values[name] = int(switch)
        return values


@dataclass(slots=True)
class Delivery:
    """One outbox row: a story (or edit) due to one chat."""

    id: int
    chat_id: int
    thread_id: int
    article_id: int
    kind: str
    priority: int
    state: str
    attempts: int
    message_id: int | None
    as_photo: bool
    sent_rev: int
    want_rev: int
    language: str | None = None  # the reader's, for rows to private chats
    has_quiet: bool = False  # the reader has quiet hours set
    breaking_alerts: bool = True  # the reader wants urgent stories with sound in quiet hours
    sent_photo: str | None = None  # a photo message's photo (URL) as sent or last edited
    queued_at: datetime | None = None  # when the row was written to the outbox


@dataclass(frozen=True, slots=True)
class IngestResult:
    new: int = 0
    updated: int = 0
    skipped: int = 0

    def __add__(self, other: IngestResult) -> IngestResult:
        return IngestResult(
            self.new + other.new, self.updated + other.updated, self.skipped + other.skipped
        )

"""Inline keyboards for readers and the callback data behind their buttons (pure functions).

Callback data (at most 64 bytes, Telegram's limit):
- `tg:SLUG`: toggle one topic;  `tg*`: every topic;  `tg-`: no topic;
- `sr:ID:OFFSET:LAST`: show the page of a remembered search starting at OFFSET, of the stories
  stored by story LAST (what its first page saw); `sr:ID:OFFSET`, from before LAST was carried:
  of the stories stored by the time the search was made;
- `brk:1` / `brk:0`: breaking alerts (urgent stories with sound, in quiet hours too) on / off.
Anything else, or out of range, parses to None: callback data comes from the client and
may be stale or forged.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.locales import t
from bot.models import Topic

MAX_CALLBACK_BYTES = 64
PICKER_COLUMNS = 2
BUTTON_TEXT_LIMIT = 40
MAX_SEARCH_ID = 999_999_999
MAX_OFFSET = 99_999

TOGGLE_PREFIX = "tg:"
ALL_DATA = "tg*"
NONE_DATA = "tg-"
SEARCH_PREFIX = "sr:"
BREAKING_ON = "brk:1"
BREAKING_OFF = "brk:0"

_SEARCH = re.compile(r"sr:([0-9]{1,9}):([0-9]{1,5})(?::([0-9]{1,18}))?")
_SLUG = re.compile(r"[^\s\x00-\x1f\x7f]+")


@dataclass(frozen=True, slots=True)
class Toggle:
    slug: str


@dataclass(frozen=True, slots=True)
class AllTopics:
    pass


@dataclass(frozen=True, slots=True)
class NoTopics:
    pass


@dataclass(frozen=True, slots=True)
class SearchPage:
    """A page of a remembered search, of the stories up to `last_id` (None: an old button)."""

    search_id: int
    offset: int
    last_id: int | None = None


@dataclass(frozen=True, slots=True)
class BreakingAlerts:
    """Turn the reader's breaking alerts on or off (not a toggle: a second tap changes nothing)."""

    on: bool


Callback = Toggle | AllTopics | NoTopics | SearchPage | BreakingAlerts


def _fits(data: str) -> bool:
    return 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES


def toggle_data(slug: str) -> str | None:
    """The callback data of a topic's button; None when the slug cannot be carried."""
    data = TOGGLE_PREFIX + slug
    return data if _SLUG.fullmatch(slug) and _fits(data) else None


def search_data(search_id: int, offset: int, last_id: int | None = None) -> str:
    """The callback data of a search page's button."""
    bound = "" if last_id is None else f":{last_id}"
    return f"{SEARCH_PREFIX}{search_id}:{offset}{bound}"


def _label(text: str) -> str:
    """A button label: one line, not empty, not too long."""
    line = " ".join(text.split())
    return line if len(line) <= BUTTON_TEXT_LIMIT else line[: BUTTON_TEXT_LIMIT - 1] + "…"


def topic_button(topic: Topic, subscribed: bool, lang: str) -> InlineKeyboardButton | None:
    data = toggle_data(topic.slug)
    if data is None:
        return None
    title = _label(topic.title(lang)) or topic.slug
    return InlineKeyboardButton(f"✅ {title}" if subscribed else title, callback_data=data)


def topic_picker(
    topics: Sequence[Topic], subscribed: Collection[str], lang: str
) -> InlineKeyboardMarkup:
    """Every topic, ✅ on the subscribed ones, two per row; then "all" and "none"."""
    buttons = [
        button
        for topic in topics
        if (button := topic_button(topic, topic.slug in subscribed, lang)) is not None
    ]
    rows = [buttons[i : i + PICKER_COLUMNS] for i in range(0, len(buttons), PICKER_COLUMNS)]
    rows.append(
        [
            InlineKeyboardButton(t(lang, "btn.all"), callback_data=ALL_DATA),
            InlineKeyboardButton(t(lang, "btn.none"), callback_data=NONE_DATA),
        ]
    )
    return InlineKeyboardMarkup(rows)


def search_pager(
    search_id: int,
    offset: int,
    total: int,
    page_size: int,
    lang: str,
    *,
    last_id: int | None = None,
) -> InlineKeyboardMarkup | None:
    """ "« Back" / "More »" under a page of search results, which keep to the stories up to
    `last_id`; None when it is the only page."""
    row: list[InlineKeyboardButton] = []
    if offset > 0:
        back = search_data(search_id, max(offset - page_size, 0), last_id)
        row.append(InlineKeyboardButton(t(lang, "btn.back"), callback_data=back))
    following = offset + page_size
    if following < total and following <= MAX_OFFSET:
        more = search_data(search_id, following, last_id)
        row.append(InlineKeyboardButton(t(lang, "btn.more"), callback_data=more))
    return InlineKeyboardMarkup([row]) if row else None


def breaking_button(on: bool, lang: str) -> InlineKeyboardMarkup:
    """The button under /settings that turns breaking alerts off (when on) or on."""
    if on:
        text, data = t(lang, "btn.breaking_off"), BREAKING_OFF
    else:
        text, data = t(lang, "btn.breaking_on"), BREAKING_ON
    return InlineKeyboardMarkup([[InlineKeyboardButton(text, callback_data=data)]])


def parse_callback(data: object) -> Callback | None:
    """What a button asks for; None for anything we did not make (never raises)."""
    if not isinstance(data, str) or not _fits(data):
        return None
    if data in (BREAKING_ON, BREAKING_OFF):
        return BreakingAlerts(data == BREAKING_ON)
    if data == ALL_DATA:
        return AllTopics()
    if data == NONE_DATA:
        return NoTopics()
    if data.startswith(TOGGLE_PREFIX):
        slug = data[len(TOGGLE_PREFIX) :]
        return Toggle(slug) if _SLUG.fullmatch(slug) else None
    match = _SEARCH.fullmatch(data)
    if match is not None:
        search_id, offset = int(match.group(1)), int(match.group(2))
        last_id = int(match.group(3)) if match.group(3) else None
        if search_id <= MAX_SEARCH_ID and offset <= MAX_OFFSET:
            return SearchPage(search_id, offset, last_id)
    return None

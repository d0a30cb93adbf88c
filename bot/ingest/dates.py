"""Feed dates that feedparser cannot read: month and day names of other languages
("Seg, 24 Set 2018 19:42:40 -0300"), other orders and separators. Read with dateparser;
relative phrases ("yesterday") are no item's date and are not read."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

# absolute times and Unix timestamps only; a date without a zone is UTC
_SETTINGS: dict[str, Any] = {
    "PARSERS": ["timestamp", "absolute-time"],
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "RETURN_AS_TIMEZONE_AWARE": True,
    "PREFER_DATES_FROM": "past",
    "STRICT_PARSING": True,  # a day, a month and a year, or nothing
}
_MAX_CHARS = 100  # a longer "date" is no date


def read_date(text: object) -> datetime | None:
    """The moment `text` names, in UTC; None when it names none."""
    if not isinstance(text, str) or not text.strip() or len(text) > _MAX_CHARS:
        return None
    import dateparser  # its language data loads in a second; only odd dates need it

    try:
        moment = dateparser.parse(text.strip(), settings=_SETTINGS)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if not isinstance(moment, datetime):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)

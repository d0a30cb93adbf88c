"""The bot's message catalogue: everything it says, one Fluent file per language.

The texts live in `bot/locales/<lang>.ftl` (Project Fluent; the header of each file says how to
edit it). A text's key is its Fluent id with dashes for dots: `t(lang, "adm.post.done")` reads
`adm-post-done`. Counts choose their words by the language's CLDR plural rules inside the
message (`{ $queued -> [one] message *[other] messages }`).

`t(lang, key, **values)` looks a text up and fills in its `{ $placeholders }`. Most texts are
Telegram HTML: their values are escaped unless they are `markupsafe.Markup` (HTML built by us,
already safe). Keys under `PLAIN_PREFIXES` are plain text for fields Telegram does not parse
(command descriptions, button labels, callback answers, the fixed words of channel posts);
their values go in as they are. Values are shown exactly as `str.format` shows them: Fluent
formats no number and adds no Unicode isolation marks.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import Any

from babel import Locale
from fluent.runtime import FluentBundle
from fluent.runtime.resolver import CurrentEnvironment, Pattern, ResolverEnvironment
from fluent.runtime.types import FluentInt, FluentType
from fluent.syntax import FluentParser
from fluent.syntax import ast as ftl
from markupsafe import Markup

from bot.resources import resource_dir

LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "en"
PLAIN_PREFIXES = ("cmd.", "btn.", "cb.", "lang.", "fmt.", "story.")

# A count as the code passes it: an int, or a string such as "1,200"
# (bot.delivery.broadcast_progress.number), of ASCII digits; anything longer than a 64-bit
# integer is text (int() refuses strings of more than 4,300 digits).
_COUNT = re.compile(r"[0-9]{1,3}(?:,[0-9]{3}){1,6}|[0-9]{1,19}")


class CatalogueError(ValueError):
    """A catalogue file that Fluent cannot read, or a text that cannot be formatted."""


# Fluent gets a marker for each value and the values replace the markers afterwards, so a value
# is shown exactly as given (Fluent formats numbers by locale and refuses parts over 2,500
# characters). The markers are private-use characters no catalogue text contains.
_MARK = "\ue000{}\ue001"
_MARKED = re.compile("\ue000(\\d+)\ue001")


class _Text(FluentType):
    """A value: shown as its marker, selects by its text (`{ $mode -> [daily] … }`)."""

    def __init__(self, index: int, text: str) -> None:
        self.index = index
        self.text = text

    def format(self, locale: Locale) -> str:
        return _MARK.format(self.index)

    def __eq__(self, other: object) -> bool:
        return self.text == (other.text if isinstance(other, _Text) else other)

    def __hash__(self) -> int:
        return hash(self.text)


class _Count(FluentInt):
    """A count: selects plural variants by its number, shown as its marker."""

    index: int

    def format(self, locale: Locale) -> str:
        return _MARK.format(self.index)


def _fluent_value(index: int, value: object, shown: str) -> FluentType:
    number: int | None = None
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _COUNT.fullmatch(value):
        number = int(value.replace(",", ""))
    if number is None:
        return _Text(index, shown)
    count = _Count(number)
    count.index = index
    return count


class _Bundle(FluentBundle):
    """A FluentBundle that takes values already converted (it would re-wrap our numbers)."""

    def format_values(self, pattern: Pattern, args: dict[str, FluentType]) -> str:
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=args), errors=errors
        )
        result = pattern(env)
        for error in errors:
            missing = re.fullmatch(r"Unknown external: (\w+)", str(error))
            if missing:  # as str.format: a value the text needs but was not given
                raise KeyError(missing.group(1))
            raise CatalogueError(str(error))
        assert isinstance(result, str)
        return result


def message_id(key: str) -> str:
    """The Fluent id of the text `key` ("adm.post.done" -> "adm-post-done")."""
    return key.replace(".", "-")


def message_key(identifier: str) -> str:
    """The key of the Fluent id `identifier` ("adm-post-done" -> "adm.post.done")."""
    return identifier.replace("-", ".")


def catalogue_source(lang: str) -> str:
    """The text of the shipped catalogue file of `lang`."""
    return resource_dir("locales").joinpath(f"{lang}.ftl").read_text(encoding="utf-8")


@cache
def parse_catalogue(lang: str) -> ftl.Resource:
    """The catalogue of `lang`, parsed; a syntax error raises rather than drop a text."""
    resource = FluentParser(with_spans=True).parse(catalogue_source(lang))
    for entry in resource.body:
        if isinstance(entry, ftl.Junk):
            lines = catalogue_source(lang)[: entry.span.start if entry.span else 0].count("\n")
            notes = "; ".join(str(annotation.message) for annotation in entry.annotations)
            raise CatalogueError(f"locales/{lang}.ftl, line {lines + 1}: {notes}")
    return resource


@cache
def _bundle(lang: str) -> _Bundle:
    bundle = _Bundle([lang], use_isolating=False)
    bundle.add_resource(parse_catalogue(lang))
    return bundle


def keys(lang: str) -> frozenset[str]:
    """Every key the catalogue of `lang` has."""
    return frozenset(
        message_key(entry.id.name)
        for entry in parse_catalogue(lang).body
        if isinstance(entry, ftl.Message)
    )


def language_from_code(code: str | None) -> str:
    """The reader's language from Telegram's `language_code`: "uk" for Ukrainian ("uk",
    "uk-UA"), "en" for everything else, missing codes included."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


def is_plain(key: str) -> bool:
    """Whether the text under `key` is plain text rather than Telegram HTML."""
    return key.startswith(PLAIN_PREFIXES)


def _escape(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    return html.escape(str(value), quote=False)


def t(lang: str, key: str, /, **kwargs: object) -> str:
    """The text `key` in `lang` (English when `lang` is unknown), placeholders filled in.

    HTML texts get their values escaped (Markup values are trusted); a missing key raises
    KeyError, so a typo fails in tests rather than showing the reader a key.
    """
    bundle = _bundle(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)
    identifier = message_id(key)
    if not bundle.has_message(identifier):
        raise KeyError(key)
    pattern = bundle.get_message(identifier).value
    if pattern is None:
        raise KeyError(key)
    plain = is_plain(key)
    shown = [format(value) if plain else _escape(value) for value in kwargs.values()]
    args: dict[str, Any] = {
        name: _fluent_value(index, value, shown[index])
        for index, (name, value) in enumerate(kwargs.items())
    }
    text = bundle.format_values(pattern, args)
    return _MARKED.sub(lambda match: shown[int(match.group(1))], text)


def markup(lang: str, key: str, /, **kwargs: object) -> Markup:
    """`t` for templates: the HTML text as Markup, so autoescape leaves its tags alone."""
    if is_plain(key):
        return Markup(html.escape(t(lang, key, **kwargs), quote=False))
    # Safe: the catalogue's own HTML, with every value escaped by `t`.
    return Markup(t(lang, key, **kwargs))

"""A channel's edition options as the CLI and the admin commands take them. Pure.

`KEY=VALUE` pairs (`/channel`, `/addchannel`, `newsbot channel set`) or `--key VALUE`
(`newsbot channel add`, `/addchannel`) become one `EditionChange`:

- `language=uk|en`: the language of the fixed words ("Читати далі" / "Read more");
  empty: CHANNEL_LANGUAGE;
- `story-languages=uk,ru`: the story languages taken (a story without one goes everywhere);
  empty: every language;
- `include=…`, `exclude=…`: keyword rules, comma-separated, each one word or several in a
  row, in any form (stored as lemmas, matched as topic rules); empty: none;
- `template=NAME`: a template under TEMPLATES_DIR (checked by the caller); empty: ours;
- `topics=a,b` (`all` or nothing: every topic), `preview=on|off`, `silent=on|off`.

A bad key or value raises EditionError, whose `code` names the text that explains it
(`adm.edition.<code>` in the catalogue) and `values` fill it. `check_rules` refuses an
edition that would both take and drop a keyword (the same lemma in include and exclude).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence

from bot.delivery.router import known_language, language_code
from bot.ingest.topics import rule_lemmas, rules_language
from bot.locales import LANGUAGES
from bot.models import EditionChange
from bot.telegram.common import ALL_WORDS, parse_switch
from bot.text.lemmas import only_function_words

__all__ = [
    "EDITION_KEYS",
    "EditionError",
    "check_rules",
    "describe_rules",
    "parse_edition",
    "split_arguments",
    "split_options",
]

# The keys, as the usage texts name them; "_" may stand for "-".
EDITION_KEYS: tuple[str, ...] = (
    "topics",
    "language",
    "story-languages",
    "include",
    "exclude",
    "template",
    "preview",
    "silent",
)
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})


class EditionError(ValueError):
    """A bad option: `code` is the catalogue text `adm.edition.<code>`, `values` fill it."""

    def __init__(self, code: str, **args: str) -> None:
        super().__init__(code, args)
        self.code = code
        self.values = args


def key_of(name: str) -> str | None:
    """ "Story_Languages" -> "story-languages"; None for an unknown key."""
    key = name.strip().casefold().replace("_", "-")
    return key if key in EDITION_KEYS else None


def split_arguments(text: str) -> list[str]:
    """An admin command's words; double quotes (Telegram's “ ” « » too) keep spaces inside
    one (`include="air strike,ракета"`); apostrophes are letters ("прем'єр")."""
    lexer = shlex.shlex(text.translate(_QUOTES), posix=True)
    lexer.whitespace_split = True
    lexer.quotes = '"'
    lexer.escape = ""
    lexer.commenters = ""
    try:
        return list(lexer)
    except ValueError:
        raise EditionError("unbalanced_quotes") from None


# Phones turn a typed "--" into an em dash (or an en dash): "—language uk" is "--language uk".
_AUTOCORRECTED_DASHES = re.compile(r"^[\u2014\u2013](?=[^\W\d_])")


def split_options(words: Sequence[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """`key=value`, `--key value` and `--key=value` options, and the other words (topics)."""
    pairs: list[tuple[str, str]] = []
    rest: list[str] = []
    position = 0
    while position < len(words):
        word = _AUTOCORRECTED_DASHES.sub("--", words[position], count=1)
        position += 1
        if word.startswith("--"):
            name, sep, value = word[2:].partition("=")
            if not sep:
                if position >= len(words) or key_of(name) is None:
                    raise EditionError(
                        "unknown_key" if key_of(name) is None else "no_value", option=word
                    )
                value = words[position]
                position += 1
            pairs.append((name, value))
        elif "=" in word:
            name, _, value = word.partition("=")
            pairs.append((name, value))
        else:
            rest.append(word)
    return pairs, rest


def parse_edition(pairs: Sequence[tuple[str, str]]) -> EditionChange:
    """The change `key=value` pairs ask for (a later pair of a key wins); topics stay the
    words given (the caller resolves them against the store's topics)."""
    values: dict[str, object] = {}
    for name, value in pairs:
        key = key_of(name)
        if key is None:
            raise EditionError("unknown_key", option=name)
        values[key.replace("-", "_")] = _value(key, value.strip())
    mapping = {"preview": "link_preview"}
    return EditionChange(**{mapping.get(k, k): v for k, v in values.items()})  # type: ignore[arg-type]


def _value(key: str, value: str) -> object:
    """One option's value, checked."""
    if key == "language":
        code = value.casefold()
        if code and code not in LANGUAGES:
            raise EditionError("bad_language", value=value, choices="|".join(LANGUAGES))
        return code
    if key == "story-languages":
        codes: list[str] = []
        for item in _items(value):
            code = language_code(item) or ""
            if not _LANGUAGE_CODE.fullmatch(code) or not known_language(code):
                raise EditionError("bad_story_language", value=item)
            codes.append(code)
        return tuple(dict.fromkeys(codes))
    if key in ("include", "exclude"):
        rules: list[str] = []
        items = _items(value)
        language = rules_language(items)  # one list, one language (see `rules_language`)
        for item in items:
            rule = rule_lemmas(item, language)
            if not rule:
                raise EditionError("bad_keyword", option=key, value=item)
            if only_function_words(item):  # "exclude=the" would drop nearly every story
                raise EditionError("too_common", option=key, value=item)
            rules.append(rule)
        return tuple(dict.fromkeys(rules))
    if key in ("preview", "silent"):
        switch = parse_switch(value)
        if switch is None:
            raise EditionError("bad_switch", option=key, value=value)
        return switch
    if key == "topics":
        items = _items(value)
        if len(items) == 1 and items[0].casefold() in ALL_WORDS:
            return ()  # "topics=all", as every reply shows it: every topic (as "topics=")
        return tuple(items)
    return value  # template: the caller checks it renders


def _items(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def describe_rules(rules: Sequence[str]) -> str:
    """Keyword rules as the listings show them ("ракета, air strike"); "" for none."""
    return ", ".join(rules)


def check_rules(
    change: EditionChange, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> None:
    """Refuse (EditionError "include_exclude", naming them) the keyword rules that would be
    both in include and in exclude once `change` is made to a target whose rules are now
    `include` and `exclude` (a change that leaves one list keeps the target's): exclude
    wins, so such a word would take nothing and only hide a mistake."""
    taken = tuple(include) if change.include is None else change.include
    dropped = frozenset(exclude if change.exclude is None else change.exclude)
    both = [rule for rule in taken if rule in dropped]
    if both:
        raise EditionError("include_exclude", words=describe_rules(both))

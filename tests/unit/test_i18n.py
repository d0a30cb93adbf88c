"""The message catalogue: every language complete, placeholders matching, plurals right,
HTML valid, values shown exactly as given."""

from __future__ import annotations

from importlib.resources import files

import pytest
from babel import Locale
from fluent.syntax import ast as ftl
from fluent.syntax.visitor import Visitor
from markupsafe import Markup

from bot import locales as i18n
from bot.locales import (
    LANGUAGES,
    CatalogueError,
    is_plain,
    keys,
    language_from_code,
    markup,
    message_id,
    parse_catalogue,
    t,
)
from bot.render import Renderer, catalogue, check_html

KEYS = sorted(keys("en"))


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.selects: list[ftl.SelectExpression] = []

    def visit_VariableReference(self, node: ftl.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_SelectExpression(self, node: ftl.SelectExpression) -> None:
        self.selects.append(node)
        self.generic_visit(node)


def message(lang: str, key: str) -> ftl.Message:
    for entry in parse_catalogue(lang).body:
        if isinstance(entry, ftl.Message) and entry.id.name == message_id(key):
            return entry
    raise KeyError(key)


def walk(lang: str, key: str) -> _Variables:
    visitor = _Variables()
    visitor.visit(message(lang, key))
    return visitor


def placeholders(lang: str, key: str) -> set[str]:
    return walk(lang, key).names


def test_one_catalogue_file_per_language_shipped_inside_the_package() -> None:
    folder = files("bot").joinpath("locales")  # inside the package: the wheel carries it
    shipped = {f.name.removesuffix(".ftl") for f in folder.iterdir() if f.name.endswith(".ftl")}
    assert shipped == set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_key_exists_in_every_language(lang: str) -> None:
    assert keys(lang) == keys("en")
    assert all("-" not in key for key in keys(lang))  # dots and dashes map one to one


@pytest.mark.parametrize("key", KEYS)
def test_same_placeholders_in_every_language(key: str) -> None:
    for lang in LANGUAGES:
        assert placeholders(lang, key) == placeholders("en", key), (lang, key)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_plural_variants_are_the_languages_categories(lang: str) -> None:
    """A variant such as `[few]` in English, or a typo, would silently never be chosen."""
    categories = set(Locale.parse(lang).plural_form.tags) | {"other"}
    for key in KEYS:
        for select in walk(lang, key).selects:
            assert isinstance(select.selector, ftl.VariableReference), key
            assert sum(variant.default for variant in select.variants) == 1, key
            for variant in select.variants:
                if isinstance(variant.key, ftl.Identifier):
                    assert variant.key.name in categories, (lang, key, variant.key.name)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("count", ["<b>x & y</b>", 1, 2, 5])
def test_every_text_is_valid_for_telegram(lang: str, key: str, count: object) -> None:
    values = {name: count for name in placeholders(lang, key)}
    text = t(lang, key, **values)
    assert "\u2068" not in text and "\u2069" not in text  # no Unicode isolation marks
    if is_plain(key):
        assert "<" not in t(lang, key, **dict.fromkeys(values, "v"))
        assert "&" not in t(lang, key, **dict.fromkeys(values, "v"))
        assert 0 < len(text) <= 256
    else:
        check_html(text)
        if values and count == "<b>x & y</b>":
            assert "&lt;b&gt;x &amp; y&lt;/b&gt;" in text


# Numbers of the issue: 1, 2, 5, 11, 21, 22, 25, 111, with the words each language wants.
PLURALS = {
    1: ("1 message", "1 повідомлення", "1 story", "1 новина"),
    2: ("2 messages", "2 повідомлення", "2 stories", "2 новини"),
    5: ("5 messages", "5 повідомлень", "5 stories", "5 новин"),
    11: ("11 messages", "11 повідомлень", "11 stories", "11 новин"),
    21: ("21 messages", "21 повідомлення", "21 stories", "21 новина"),
    22: ("22 messages", "22 повідомлення", "22 stories", "22 новини"),
    25: ("25 messages", "25 повідомлень", "25 stories", "25 новин"),
    111: ("111 messages", "111 повідомлень", "111 stories", "111 новин"),
}


@pytest.mark.parametrize("n", sorted(PLURALS))
def test_plurals_in_both_languages(n: int) -> None:
    en_messages, uk_messages, en_stories, uk_stories = PLURALS[n]
    post = {"id": 7, "title": "T", "queued": n, "channels": 0, "readers": 0}
    assert f"pushed: {en_messages} queued (" in t("en", "adm.post.done", **post)
    assert f"у черзі {uk_messages} (" in t("uk", "adm.post.done", **post)
    stalled = {"minutes": 5, "pending": n}
    verb = "is" if n == 1 else "are"
    assert f"while {en_messages} {verb} due." in t("en", "watch.alert.sender_stalled", **stalled)
    assert f"в черзі {uk_messages}. " in t("uk", "watch.alert.sender_stalled", **stalled)
    source = {"id": 1, "name": "N", "success": "s", "items": n}
    assert f"; {en_stories} in 24 h" in t("en", "adm.stats.source", **source)
    assert f"; {uk_stories} за 24 год" in t("uk", "adm.stats.source", **source)


def test_ukrainian_agreement_beyond_nouns() -> None:
    readers = t("uk", "adm.stats.readers", active=21, inactive=3)
    assert readers == "Читачі: 21 активний, 3 неактивні"
    readers = t("uk", "adm.stats.readers", active=12, inactive=0)
    assert readers == "Читачі: 12 активних, 0 неактивних"
    preview = t("uk", "adm.broadcast.preview", count=1)
    assert "для 1 активного читача (вище)" in preview
    assert "для 11 активних читачів" in t("uk", "adm.broadcast.preview", count=11)
    assert "стежите за 1 словом," in t("uk", "follow.limit", limit=1, words="x")
    assert "стежите за 20 словами," in t("uk", "follow.limit", limit=20, words="x")


def test_counts_passed_as_grouped_strings_choose_by_their_number_and_show_as_given() -> None:
    """Counts passed as "1,200" (broadcast_progress.number) still pick the plural form."""
    assert "to 1,201 active readers" in t("en", "adm.broadcast.preview", count="1,201")
    assert "для 1,201 активного читача" in t("uk", "adm.broadcast.preview", count="1,201")
    assert "1,204 повідомлення з черги йдуть" in t("uk", "adm.resume.done", pending="1,204")
    assert "1 waiting message goes out now" in t("en", "adm.resume.done", pending="1")
    assert t("en", "adm.broadcast.progress", id=3, sent="1,200", total="5,000") == (
        "📣 Broadcast 3: sent 1,200 of 5,000…"
    )


def test_values_are_shown_whole_and_missing_values_raise() -> None:
    long = "x" * 5000  # Fluent alone refuses parts over 2,500 characters
    assert t("en", "adm.failed", error=long) == f"That did not work: {long}"
    assert t("uk", "search.title", terms="a", first=1, last=10, total=1200) == (
        "<b>Пошук: a</b> (1–10 з 1200)"  # no locale formatting of numbers ("1 200")
    )
    with pytest.raises(KeyError):
        t("en", "adm.failed")
    assert t("en", "adm.failed", error="e", unused=1) == "That did not work: e"


def test_a_broken_catalogue_file_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "catalogue_source", lambda lang: "a = ok\nb = { $x\nc = ok\n")
    try:
        with pytest.raises(CatalogueError, match="line 2"):
            parse_catalogue("xx")
    finally:
        parse_catalogue.cache_clear()


def test_channel_posts_fixed_words_come_from_the_catalogue() -> None:
    assert catalogue("uk") == {
        "breaking": "⚡ Терміново",
        "read_more": "Читати далі",
        "recall": "Нагадаємо",
        "untitled": "Без заголовка",
    }
    assert catalogue("en") == {
        "breaking": "⚡ Breaking",
        "read_more": "Read more",
        "recall": "Recall",
        "untitled": "Untitled",
    }
    assert catalogue("de") == catalogue("en")
    story = Renderer().render("story.html.j2", title="T", lead="", url="https://x", hashtags=[])
    assert "Читати далі" in story  # the channel default language stays Ukrainian


def test_values_are_escaped_but_markup_is_trusted() -> None:
    assert t("en", "subscribe.done", topics="<i>War</i>") == "Subscribed: &lt;i&gt;War&lt;/i&gt;."
    assert t("en", "subscribe.done", topics=Markup("<i>War</i>")) == "Subscribed: <i>War</i>."
    assert t("uk", "cb.unsubscribed", topic="A & B") == "Відписано: A & B"


def test_markup_for_templates() -> None:
    assert isinstance(markup("en", "latest.title"), Markup)
    assert markup("en", "btn.more") == "More »"
    assert str(markup("en", "cb.subscribed", topic="<x>")) == "✅ &lt;x&gt;"


def test_unknown_language_falls_back_to_english_and_unknown_key_raises() -> None:
    assert t("de", "latest.title") == t("en", "latest.title")
    with pytest.raises(KeyError):
        t("en", "no.such.key")


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("uk", "uk"),
        ("uk-UA", "uk"),
        ("UK", "uk"),
        ("en", "en"),
        ("en-GB", "en"),
        ("de", "en"),
        ("ru", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_language_from_code(code: str | None, lang: str) -> None:
    assert language_from_code(code) == lang


HOSTILE = "<b>&amp; \u202e 🇺🇦 {x} </i>"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    ("template", "values"),
    [
        ("greeting.html.j2", {"state": "new", "subscribed": [HOSTILE], "unknown": [HOSTILE]}),
        ("greeting.html.j2", {"state": "back", "subscribed": [], "unknown": []}),
        ("greeting.html.j2", {"state": "again", "subscribed": [], "unknown": []}),
        (
            "help.html.j2",
            {"commands": ["start", "help", "stop"], "admin_commands": [], "bot_username": HOSTILE},
        ),
        (
            "help.html.j2",
            {"commands": ["start"], "admin_commands": ["addsource"], "bot_username": None},
        ),
        (
            "settings.html.j2",
            {
                "topics": [HOSTILE],
                "instant": False,
                "digest_mode": "daily",
                "digest_time": HOSTILE,
                "quiet_start": "23:00",
                "quiet_end": "07:00",
                "language_name": HOSTILE,
                "timezone": HOSTILE,
                "timezone_default": True,
                "follows": [HOSTILE, HOSTILE],
            },
        ),
        (
            "latest.html.j2",
            {
                "heading": markup("en", "latest.title"),
                "first": 1,
                "items": [
                    {
                        "title": HOSTILE,
                        "url": 'https://x.example/?a=1&b="2"',
                        "when": "1",
                        "id": 148,
                    },
                    {"title": HOSTILE, "url": None, "when": HOSTILE, "id": None},
                ],
            },
        ),
        (
            "search.html.j2",
            {
                "heading": markup("uk", "search.title", terms=HOSTILE, first=1, last=1, total=1),
                "first": 6,
                "items": [{"title": "T", "url": "https://x.example/", "when": "w", "id": None}],
            },
        ),
    ],
)
def test_reader_templates_render_valid_html_with_hostile_values(
    lang: str, template: str, values: dict[str, object]
) -> None:
    renderer = Renderer()
    html = renderer.render(
        f"reader/{template}", lang=lang, tr=lambda key, **kw: markup(lang, key, **kw), **values
    ).strip()
    check_html(html)
    assert "<br" not in html and "<p>" not in html
    if values.get("subscribed"):
        assert "&lt;b&gt;&amp;amp;" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_catalogue_text_holds_the_value_markers(lang: str) -> None:
    """bot.locales swaps U+E000 n U+E001 markers for the values; a text must not contain them."""
    source = i18n.catalogue_source(lang)
    assert "\ue000" not in source and "\ue001" not in source


@pytest.mark.parametrize("value", ["1" * 5000, "1,000" + ",000" * 2000])
def test_a_long_run_of_digits_is_shown_as_text(value: str) -> None:
    """A value of thousands of digits (a feed's title, say) is text, not a count that int()
    refuses to parse."""
    assert value in t("en", "reply.cut", count=value)

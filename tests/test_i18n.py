"""The message catalogue: both languages complete, placeholders matching, HTML valid."""

from __future__ import annotations

import string

import pytest
from markupsafe import Markup

from bot.i18n import CATALOGUE, LANGUAGES, is_plain, language_from_code, markup, t
from bot.render import Renderer, check_html


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_key_exists_in_both_languages() -> None:
    assert set(LANGUAGES) == set(CATALOGUE)
    assert set(CATALOGUE["en"]) == set(CATALOGUE["uk"])


@pytest.mark.parametrize("key", sorted(CATALOGUE["en"]))
def test_same_placeholders_in_both_languages(key: str) -> None:
    assert placeholders(CATALOGUE["en"][key]) == placeholders(CATALOGUE["uk"][key]), key


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", sorted(CATALOGUE["en"]))
def test_every_text_is_valid_for_telegram(lang: str, key: str) -> None:
    values = {name: "<b>x & y</b>" for name in placeholders(CATALOGUE[lang][key])}
    text = t(lang, key, **values)
    if is_plain(key):
        assert "<" not in CATALOGUE[lang][key] and "&" not in CATALOGUE[lang][key]
        assert 0 < len(text) <= 256
    else:
        check_html(text)
        if values:
            assert "&lt;b&gt;x &amp; y&lt;/b&gt;" in text


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
        ("help.html.j2", {"commands": ["start", "help", "stop"]}),
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
                    {"title": HOSTILE, "url": 'https://x.example/?a=1&b="2"', "when": "1"},
                    {"title": HOSTILE, "url": None, "when": HOSTILE},
                ],
            },
        ),
        (
            "search.html.j2",
            {
                "heading": markup("uk", "search.title", terms=HOSTILE, first=1, last=1, total=1),
                "first": 6,
                "items": [{"title": "T", "url": "https://x.example/", "when": "w"}],
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

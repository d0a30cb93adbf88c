"""HTML to plain text helpers."""

from __future__ import annotations

import pytest

from bot.ingest.text import cut_at_word, first_image, first_paragraph, fold, html_to_text


def test_tags_and_entities() -> None:
    html = "<p>Hello&nbsp;<b>world</b> &amp; co &mdash; &#8220;ok&#x201D;</p>"
    assert html_to_text(html) == "Hello world & co — “ok”"


def test_script_and_style_contents_are_dropped() -> None:
    html = "<style>p{color:red}</style><p>A</p><script>var x = '<p>no</p>';</script><p>B</p>"
    assert html_to_text(html) == "A B"


def test_whitespace_is_folded() -> None:
    assert html_to_text("  a\n\n\t b \u00a0 c\u200b ") == "a b c"
    assert fold(" x \n y ") == "x y"


def test_paragraphs_mode_keeps_blocks_apart() -> None:
    html = "<p>One</p><div>Two<br>still two<br><br>Three</div>plain\n\nFour"
    assert html_to_text(html, paragraphs=True) == "One\n\nTwo still two\n\nThree\n\nplain\n\nFour"
    assert html_to_text(html) == "One Two still two Three plain Four"


def test_double_escaped_markup_and_entities() -> None:
    assert html_to_text("&lt;b&gt;Bold&lt;/b&gt; news") == "Bold news"
    assert html_to_text("AT&amp;amp;T") == "AT&T"


def test_plain_text_with_angle_brackets_survives() -> None:
    assert html_to_text("5 < 6 and 7 > 3") == "5 < 6 and 7 > 3"


def test_first_paragraph() -> None:
    html = "<div><img src='x.jpg'><p>  First   para </p><p>Second</p></div>"
    assert first_paragraph(html) == "First para"
    assert first_paragraph("Line one<br><br>Line two") == "Line one"
    assert first_paragraph("") == ""


def test_first_image_resolves_and_skips_pixels() -> None:
    html = '<img src="/t.gif" width="1" height="1"><p><img data-src="/a.jpg" src="data:x"></p>'
    assert first_image(html, "https://x.example/news/1") == "https://x.example/a.jpg"
    assert first_image('<img src="//cdn.example/b.png">', None) == "https://cdn.example/b.png"
    assert first_image('<img src="rel.png">', None) is None
    assert first_image("no images", "https://x.example/") is None


@pytest.mark.parametrize(
    "garbage",
    ["", "<", "<<>>", "<a href=\"", "<![CDATA[x", "</p></p>", "\x00\x01", "<!--", "&#99999999;",
     "<div" * 1000, "<p>" + "x" * 10000, "<img src='http://[bad'>", None, 5],
)  # fmt: skip
def test_garbage_never_raises(garbage: object) -> None:
    text = html_to_text(garbage)  # type: ignore[arg-type]
    assert isinstance(text, str)
    assert "<div" not in text
    assert isinstance(first_paragraph(garbage), str)  # type: ignore[arg-type]
    first_image(garbage, "https://x.example/")  # type: ignore[arg-type]


def test_cut_at_word() -> None:
    assert cut_at_word("short", 10) == "short"
    assert cut_at_word("hello world foo bar", 12) == "hello world…"
    assert len(cut_at_word("word " * 1000, 2000)) <= 2000
    assert cut_at_word("x" * 50, 10) == "x" * 9 + "…"


def test_cut_at_word_falls_between_grapheme_clusters() -> None:
    """A stored lead is cut hard between clusters: a flag was split into its regional
    indicators, a stressed letter lost its mark."""
    assert cut_at_word("🇺🇦" * 10, 4) == "🇺🇦…"
    assert cut_at_word("а́" * 10, 4) == "а́…"
    assert cut_at_word("Украї́на" * 20, 7) == "Украї́…"
    assert cut_at_word("\u0915\u094d\u0937\u093f" * 5, 6) == "\u0915\u094d\u0937\u093f…"


def test_escaped_angle_brackets_in_text_survive_but_double_escaped_tags_do_not() -> None:
    assert html_to_text("menus &mdash; &lt;beta&gt; soon") == "menus — <beta> soon"
    assert html_to_text("Matrix&lt;double&gt; m;") == "Matrix<double> m;"
    assert html_to_text("&lt;b&gt;Kyiv&lt;/b&gt; news") == "Kyiv news"


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ('Dynamo Kyiv signs a <striker> &amp; "more"', 'Dynamo Kyiv signs a <striker> & "more"'),
        ("Generic List<string> in C#", "Generic List<string> in C#"),
        ("x <y> z <beta/>", "x <y> z <beta/>"),
        ("<script>alert(1)</script> &amp; <b>bold</b> <center>c</center>", "& bold c"),
        ("<p>Para</p><o:p></o:p>text", "Para text"),
        ("Local &lt;Feed&gt;", "Local <Feed>"),
    ],
)
def test_what_only_looks_like_a_tag_stays_text(markup: str, text: str) -> None:
    """A headline's "<striker>" is a word in brackets, not markup: only HTML's elements
    (and namespaced ones such as Office's "o:p") are taken away."""
    assert html_to_text(markup) == text


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("Guide: the <script> tag and <style> element explained", None),
        ("a <title> b <iframe src=x> c", None),
        ("Prices <5% & >2%", None),
        ("a<b & c>d", None),
        ('x <i =y> z <a "q"> w', None),
        ("<p>A</p><script>var s = '<p>no</p>';</script><p>B <script> C</p>", "A B <script> C"),
        ("<b>bold</b> &amp; <a href='https://x.example' target=_blank>link</a>", "bold & link"),
    ],
)
def test_unclosed_script_and_impossible_tags_are_text(markup: str, text: str | None) -> None:
    """A <script> or <style> never closed is text and swallows nothing after it; a "tag"
    whose attributes no HTML writer makes ("<b & c>") is text too."""
    assert html_to_text(markup) == (markup if text is None else text)

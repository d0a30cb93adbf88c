"""The fake Bot API's parser (tests/fakebot/html.py): TDLib's parseTextEntities, mapped to
the Bot API's text and MessageEntity dicts."""

from __future__ import annotations

import pytest
from fakebot.html import ParseError, detect_entities, parse, parse_html, strip_text, utf16_len

PREFIX = "Can't parse entities: "


def ents(html: str) -> list[tuple[str, int, int]]:
    return [(e["type"], e["offset"], e["length"]) for e in parse_html(html).entities]


def error(html: str) -> str:
    with pytest.raises(ParseError) as info:
        parse_html(html)
    message = str(info.value)
    return message.removeprefix(PREFIX)


# --- valid markup -------------------------------------------------------------------------


def test_plain_text_passes_through() -> None:
    parsed = parse_html("just text, 100% fine")
    assert parsed.text == "just text, 100% fine"
    assert parsed.entities == []


def test_nested_tags_give_nested_entities() -> None:
    parsed = parse_html("<b>bold <i>both</i></b> <u>u</u> <s>s</s>")
    assert parsed.text == "bold both u s"
    assert ents("<b>bold <i>both</i></b> <u>u</u> <s>s</s>") == [
        ("bold", 0, 9),
        ("italic", 5, 4),
        ("underline", 10, 1),
        ("strikethrough", 12, 1),
    ]


@pytest.mark.parametrize(
    ("tag", "kind"),
    [
        ("b", "bold"),
        ("strong", "bold"),
        ("i", "italic"),
        ("em", "italic"),
        ("u", "underline"),
        ("ins", "underline"),
        ("s", "strikethrough"),
        ("strike", "strikethrough"),
        ("del", "strikethrough"),
        ("tg-spoiler", "spoiler"),
        ("code", "code"),
        ("pre", "pre"),
        ("blockquote", "blockquote"),
    ],
)
def test_every_allowed_tag(tag: str, kind: str) -> None:
    assert ents(f"x<{tag}>y</{tag}>") == [(kind, 1, 1)]


def test_tags_are_case_insensitive() -> None:
    assert ents("<B>x</B>") == [("bold", 0, 1)]


def test_span_spoiler_and_blockquote_expandable() -> None:
    assert ents('<span class="tg-spoiler">x</span>') == [("spoiler", 0, 1)]
    assert ents("<blockquote expandable>q</blockquote>") == [("expandable_blockquote", 0, 1)]


def test_link_and_custom_emoji() -> None:
    parsed = parse_html('<a href="https://example.com/a?x=1&amp;y=2">link</a>')
    assert parsed.entities == [
        {"type": "text_link", "offset": 0, "length": 4, "url": "https://example.com/a?x=1&y=2"}
    ]
    emoji = parse_html('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>').entities
    assert emoji == [
        {"type": "custom_emoji", "offset": 0, "length": 2, "custom_emoji_id": "5368324170671202286"}
    ]


def test_pre_with_language() -> None:
    parsed = parse_html('<pre><code class="language-python">x = 1</code></pre>')
    assert parsed.text == "x = 1"
    assert parsed.entities == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]


def test_attribute_quoting() -> None:
    for html in ("<a href='https://e.com'>x</a>", '<a href = "https://e.com" >x</a>'):
        assert parse_html(html).entities[0]["url"] == "https://e.com/"
    # an unquoted value is a name token: letters, digits, '.', '-'
    assert parse_html("<a href=e.com>x</a>").entities[0]["url"] == "http://e.com/"
    assert "Unexpected end of name token" in error("<a href=https://e.com>x</a>")
    # accepted, but "x" is no link: the text stays, without an entity
    assert parse_html("<a href=x>y</a>") == parse_html("y")


def test_offsets_are_utf16_code_units() -> None:
    html = "😀 <b>жирний</b> 🇺🇦 <i>x</i>"
    parsed = parse_html(html)
    assert parsed.text == "😀 жирний 🇺🇦 x"
    # the emoji is 2 UTF-16 units, the flag 4
    assert [(e["offset"], e["length"]) for e in parsed.entities] == [(3, 6), (15, 1)]
    assert utf16_len(parsed.text) == 16
    assert len(parsed.text) == 13  # code points


def test_entity_around_astral_char() -> None:
    assert ents("<b>😀😀</b>") == [("bold", 0, 4)]


def test_empty_tags_give_no_entity() -> None:
    assert parse_html("a<b></b>b").entities == []


def test_named_and_numeric_entities() -> None:
    parsed = parse_html("&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;&#X43; &#128512; &#x1F600;")
    assert parsed.text == '<tag> & "q" ABC 😀 😀'
    # no entities came from escaped markup
    assert parsed.entities == []


def test_semicolon_is_optional_like_tdlib() -> None:
    assert parse_html("a &amp b").text == "a & b"


# --- errors -------------------------------------------------------------------------------


def test_unsupported_tag_with_byte_offset() -> None:
    assert error("Hello world <br>") == 'Unsupported start tag "br" at byte offset 12'
    # byte offsets count UTF-8 bytes: "Привіт " is 13 bytes
    assert error("Привіт <p>x</p>") == 'Unsupported start tag "p" at byte offset 13'
    assert error("<div>x</div>") == 'Unsupported start tag "div" at byte offset 0'


def test_lone_less_than() -> None:
    assert error("a < b") == 'Unsupported start tag "" at byte offset 2'
    assert error("1 <2 3") == 'Unsupported start tag "2" at byte offset 2'
    assert error("tail <") == "Unclosed start tag at byte offset 5"
    assert error("<b") == "Unclosed start tag at byte offset 0"


def test_unclosed_tag() -> None:
    assert error("<b>bold") == 'Can\'t find end tag corresponding to start tag "b"'
    assert error("<b><i>x</i>") == 'Can\'t find end tag corresponding to start tag "b"'


def test_unexpected_end_tag() -> None:
    assert error("text</b>") == "Unexpected end tag at byte offset 4"


def test_misnested_tags() -> None:
    assert error("<b><i>x</b></i>") == (
        'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'
    )


def test_unclosed_end_tag() -> None:
    assert error("<b>x</b") == "Unclosed end tag at byte offset 4"


def test_stray_ampersand_and_greater_than_are_literal_text() -> None:
    assert parse_html("Tom & Jerry > AT&T").text == "Tom & Jerry > AT&T"


def test_only_four_named_entities() -> None:
    for literal in ("a&nbsp;b", "&mdash;", "&apos;", "&QUOT;"):
        assert parse_html(literal).text == literal


def test_numeric_entities_out_of_range_are_literal() -> None:
    for literal in ("&#;", "&#0;", "&#x110000;", "&#99999999;"):
        assert parse_html(literal).text == literal


def test_lone_surrogate_is_an_error() -> None:
    assert error("&#xD800;").startswith("Text contains invalid Unicode characters")


def test_span_needs_spoiler_class() -> None:
    assert error("<span>x</span>") == 'Tag "span" must have class "tg-spoiler" at byte offset 0'
    assert "tg-spoiler" in error('<span class="red">x</span>')


def test_attribute_without_value_is_ignored() -> None:
    assert ents("<b bold>x</b>") == [("bold", 0, 1)]


def test_unterminated_attribute_value() -> None:
    assert error('<a href="https://e.com>x</a>') == "Unclosed start tag at byte offset 0"


def test_bad_custom_emoji_id() -> None:
    for bad in ("<tg-emoji>x</tg-emoji>", '<tg-emoji emoji-id="0">x</tg-emoji>'):
        assert error(bad) == "Invalid custom emoji identifier specified"


def test_quoted_entities_in_text_are_not_tags() -> None:
    parsed = parse_html("&lt;br&gt; is not a tag")
    assert parsed.text == "<br> is not a tag"


# --- other parse modes ----------------------------------------------------------------------


def test_markdown_v2() -> None:
    parsed = parse("*bold* _it_ [link](https://e.com) `code`", "MarkdownV2")
    assert parsed.text == "bold it link code"
    assert [(e["type"], e["offset"], e["length"]) for e in parsed.entities] == [
        ("bold", 0, 4),
        ("italic", 5, 2),
        ("text_link", 8, 4),
        ("code", 13, 4),
    ]
    with pytest.raises(ParseError, match="reserved and must be escaped"):
        parse("1.5", "MarkdownV2")


def test_unknown_parse_mode() -> None:
    with pytest.raises(KeyError):
        parse("x", "BBCode")


# --- helpers ------------------------------------------------------------------------------


def test_strip_text_moves_entities() -> None:
    parsed = strip_text(parse_html("  \n<b>x</b> y \n"))
    assert parsed.text == "x y"
    assert parsed.entities == [{"type": "bold", "offset": 0, "length": 1}]


def test_detect_entities() -> None:
    found = detect_entities("/start now #news and @someone at https://example.com/x.")
    assert [(e["type"], e["offset"], e["length"]) for e in found] == [
        ("bot_command", 0, 6),
        ("hashtag", 11, 5),
        ("mention", 21, 8),
        ("url", 33, 21),
    ]

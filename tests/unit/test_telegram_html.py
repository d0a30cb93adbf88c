"""The project's HTML check (bot/render/html.py) against TDLib itself.

`check_html` asks TDLib when `tdjson` is installed and otherwise runs a pure-Python port of
TDLib's parser. Every case here goes through both, and through the fake Bot API's parser
(TDLib as the Bot API runs it): same verdict, same message, same text, same length.
"""

from __future__ import annotations

import random

import pytest
from fakebot.html import ParseError
from fakebot.html import parse_html as fake_parse

from bot.render import RenderError, check_html, html_errors, visible_length
from bot.render import html as telegram_html
from bot.render.html import Parsed, parse_pure, parse_tdlib

CASES = [
    # the tags and their attributes
    "<span>x</span>",
    '<span class="tg-spoiler">x</span>',
    "<span class=tg-spoiler>x</span>",
    '<span class="TG-SPOILER">x</span>',
    '<span class="red">x</span>',
    '<span class="tg-spoiler" class="x">y</span>',
    "<tg-spoiler>x</tg-spoiler>",
    "<tg-emoji>e</tg-emoji>",
    '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
    "<tg-emoji emoji-id=123>x</tg-emoji>",
    '<tg-emoji emoji-id="0">x</tg-emoji>',
    '<tg-emoji emoji-id="-5">x</tg-emoji>',
    '<tg-emoji emoji-id="007">x</tg-emoji>',
    '<tg-emoji emoji-id=" 5">x</tg-emoji>',
    '<tg-emoji emoji-id="9223372036854775807">x</tg-emoji>',
    '<tg-emoji emoji-id="9223372036854775808">x</tg-emoji>',
    '<tg-emoji emoji-id="' + "1" * 5000 + '">x</tg-emoji>',  # int() refuses 4,301+ digits
    "<tg-emoji></tg-emoji>",  # empty: no entity, so no check
    "<a href=x>y</a>",
    '<a href="x">y</a>',
    "<a href='x'>y</a>",
    "<a href=e.com>y</a>",
    "<a href=https://e.com>y</a>",
    '<a href="https://e.com/?a=1&b=2">go</a>',
    '<a href="https://example.com/a?x=1&amp;y=2">link</a>',
    '<a href = "https://e.com" >x</a>',
    '<a href="https://e.com>x</a>',
    '<a href="a<b">x</a>',
    '<a href="&#xD800;">x</a>',
    '<a href="https://e.com/"/>',
    '<a><a href="https://e.com">x</a></a>',
    "<a>https://e.com</a>",
    '<a href="tg://user?id=123">u</a>',
    "<A HREF='e.com'>x</a>",
    "<b bold>x</b>",
    "<b x=1 y=\"2\" z='3'>x</b>",
    "<b x='a\"b'>x</b>",
    '<b x=">">x</b>',
    "<b x= >y</b>",
    "<b =x>y</b>",
    "<b x=y/>z</b>",
    "<b x='y>z</b>",
    '<b x="',
    "<b/>x",
    "<b\vx>y</b>",
    "<b\fx>y</b>",
    "<b\x01>y</b>",
    "<b\x00>x</b>",
    "<b>x\x00</b>",
    "<br>",
    "<br/>",
    "<p>x</p>",
    "<div>x</div>",
    "<script>alert(1)</script>",
    "<blockquote>q</blockquote>",
    "<blockquote expandable>q</blockquote>",
    '<blockquote expandable="">q</blockquote>',
    "<pre>x</pre>",
    '<pre><code class="language-python">x = 1</code></pre>',
    '<code class="language-python"><pre>x</pre></code>',
    '<code class="python">x</code>',
    "<b>bold <i>both</i></b> <u>u</u> <s>s</s> <ins>i</ins> <strike>s</strike> <del>d</del>",
    "<strong>s</strong> <em>e</em>",
    "<B>x</B>",
    "<b>x</B >",
    "<b>x</ b>",
    "<b>x</>",
    "</>",
    "<b>x</b",
    "text</b>",
    "<b>x",
    "<b><i>x</i>",
    "<b><i>x</b></i>",
    "a<b></b>b",
    # entities and stray characters
    "&lt;tag&gt; &amp; &quot;q&quot; &#65;&#x42;&#X43; &#128512; &#x1F600;",
    "&nbsp;",
    "a&nbsp;b",
    "&mdash; &apos; &QUOT; &AMP; &unknown;",
    "&amp b",
    "&ampx",
    "&amp;x",
    "Tom & Jerry",
    "AT&T",
    "a&#",
    "&#;",
    "&#0;",
    "&#00065;",
    "&#x0041;",
    "&#x00000041;",
    "&#000000065;",
    "&#1234567890;",
    "&#99999999;",
    "&#x10FFFE;",
    "&#x10FFFF;",
    "&#x110000;",
    "&#xD800;",
    "&#57311;",
    "&#xD83D;&#xDE00;",
    "&lt;br&gt; is not a tag",
    "a < b",
    "1 <2 3",
    "tail <",
    "<",
    "<b",
    ">",
    "a > b",
    "a -> b",
    "<<b>>x</b>",
    "\"quotes\" and 'apostrophes'",
    # lengths: code points, trimmed ends
    "",
    " ",
    "  <b> x </b>\n\n",
    "<b> </b>",
    "\t\r\n x \n",
    "😀🇺🇦",
    "👨\u200d👩\u200d👧 family",
    "e\u0301",
    "\U0001f600" * 3,
    "😀 <b>жирний</b> 🇺🇦 <i>x</i>",
    "Привіт <p>x</p>",
    "Hello world <br>",
    "x" * 4096,
    "<b>" + "я" * 4097 + "</b>",
    "x" * 65536,
    "x" * 65537,
    "a\ud800b",
]


def both(html: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], int]]:
    """(html_errors, visible_length) with TDLib, then with the pure port."""
    results = []
    for have in (True, False):
        monkeypatch.setattr(telegram_html, "HAVE_TDLIB", have)
        results.append((html_errors(html), visible_length(html)))
    return results


@pytest.mark.parametrize("html", CASES)
def test_the_port_agrees_with_tdlib(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parse_pure(html) == parse_tdlib(html)
    with_tdlib, pure = both(html, monkeypatch)
    assert with_tdlib == pure


@pytest.mark.parametrize("html", [c for c in CASES if "\ud800" not in c])
def test_the_fake_bot_api_agrees(html: str) -> None:
    verdict = parse_tdlib(html)
    try:
        parsed = fake_parse(html)
    except ParseError as error:
        assert str(error) == verdict.error
    else:
        assert verdict == Parsed(parsed.text, None)


def test_random_markup_agrees() -> None:
    pieces = [c for c in CASES if len(c) < 60] + list("<>&/=\"' \nxя😀") + ["</b>", "</a>"]
    rng = random.Random(9)
    for _ in range(3000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert parse_pure(html) == parse_tdlib(html), html


def test_check_html_uses_tdlib_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert telegram_html.HAVE_TDLIB  # the dev extra installs tdjson
    asked: list[str] = []
    monkeypatch.setattr(telegram_html, "parse_tdlib", lambda h: asked.append(h) or Parsed(h, None))
    check_html("<b>x</b>")
    assert asked == ["<b>x</b>"]
    monkeypatch.setattr(telegram_html, "HAVE_TDLIB", False)
    with pytest.raises(RenderError, match='Tag "span" must have class "tg-spoiler"'):
        check_html("<span>x</span>")  # the port
    assert asked == ["<b>x</b>"]

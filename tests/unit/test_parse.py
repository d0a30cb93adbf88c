"""Feed and JSON Lines parsing, on small self-written fixtures."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.ingest.formats import (
    BODY_MAX,
    LEAD_MAX,
    FeedError,
    ParsedFeed,
    parse_document,
    parse_feed,
    parse_jsonl,
)
from bot.models import Article, utcnow
from bot.render import Renderer, check_html

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
FEED_URL = "https://news.example.com/feeds/rss.xml"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture
def rss() -> ParsedFeed:
    return parse_feed(load("rss20_cdata.xml"), url=FEED_URL)


def test_rss_feed_title_and_counts(rss: ParsedFeed) -> None:
    assert rss.title == "Kyiv Daily & Co"
    assert len(rss.items) == 3
    assert rss.errors == ["item 3 ('No link at all'): no link"]


def test_rss_cdata_html_title_relative_link_and_tracking(rss: ParsedFeed) -> None:
    item = rss.items[0]
    assert item.title == "Breaking: Drone attack on Kyiv — 5 injured"
    assert item.url == "https://news.example.com/news/2026/drone-attack.html?id=42"
    assert item.lead == "Air defence worked overnight. Second paragraph."
    assert item.body == "Air defence worked overnight.\n\nFull story here."
    assert item.image_url == "https://cdn.example.com/photo1.jpg"  # enclosure "image/jpg"
    assert item.published_at == datetime(2026, 11, 24, 16, 15, tzinfo=UTC)
    assert item.tags == ["War", "Kyiv"]
    assert item.language == "uk"
    assert item.source == "Kyiv Daily & Co"


def test_rss_double_escaped_title_media_content_and_future_date(rss: ParsedFeed) -> None:
    item = rss.items[1]
    assert item.title == "Markets & prices: hryvnia steady"
    assert item.url == "https://news.example.com/economy/hryvnia.html"
    assert item.lead == "The hryvnia held steady against the dollar."
    assert item.image_url == "https://cdn.example.com/large.jpg"  # the largest rendition
    assert item.published_at is not None
    assert abs(item.published_at - utcnow()) < timedelta(minutes=1)  # 2099 clamped to now


def test_rss_missing_title_falls_back_to_lead_and_guid_permalink(rss: ParsedFeed) -> None:
    item = rss.items[2]
    assert item.url == "https://news.example.com/society/untitled-1"
    assert item.title == "A story without a headline."
    assert item.published_at is None


def test_relative_links_without_base_use_channel_link() -> None:
    parsed = parse_feed(load("rss20_cdata.xml"))
    assert parsed.items[0].url == "https://news.example.com/news/2026/drone-attack.html?id=42"


def test_windows_1251_feed() -> None:
    parsed = parse_feed(load("rss_cp1251.xml"))
    assert parsed.title == "Новини Львова"
    [item] = parsed.items
    assert item.title == "Війна: ракетний удар по Львову — є загиблі"
    assert item.lead.startswith("Уночі ворог випустив ракети")
    assert item.tags == ["Війна"]
    assert item.published_at == datetime(2026, 11, 23, 4, 0, tzinfo=UTC)


def test_windows_1251_feed_with_wrong_http_charset() -> None:
    parsed = parse_feed(load("rss_cp1251.xml"), content_type="application/rss+xml; charset=utf-8")
    assert parsed.items[0].title.startswith("Війна: ракетний удар")


SHARED_FEEDS = Path(__file__).resolve().parents[3] / "shared" / "feeds"
LIGA = SHARED_FEEDS / "data-import__stub_liga_rss.xml"  # a real Ukrainian outlet's feed, UTF-8


def test_a_utf8_feed_served_with_a_wrong_http_charset_is_read_as_utf8() -> None:
    """A UTF-8 feed (its declaration says so, or it has none) served with `charset=
    windows-1251` was posted as "Р’С–Р№РЅР°: СЂР°РєРµС‚РЅРёР№...": feedparser believes the
    header first. Valid UTF-8 is UTF-8, whatever the header says."""
    utf8 = load("rss_cp1251.xml").decode("cp1251").encode("utf-8")
    declared = utf8.replace(b'encoding="windows-1251"', b'encoding="utf-8"')
    bare = utf8.split(b"?>", 1)[1]
    for data in (declared, bare, b"\xef\xbb\xbf" + declared):
        for content_type in (
            "application/rss+xml; charset=windows-1251",
            "text/xml; charset=cp1251",
        ):
            parsed = parse_document(data, name=FEED_URL, content_type=content_type)
            assert parsed.title == "Новини Львова"
            assert parsed.items[0].title == "Війна: ракетний удар по Львову — є загиблі"


def test_a_feed_not_valid_in_the_encoding_it_declares_is_refused_not_posted_as_mojibake() -> None:
    """A windows-1251 feed declaring encoding="utf-8" was read as windows-1252 (feedparser's
    last resort) and posted as "Óêðàèíà â äåíü...". Now it is refused in one line; an HTTP
    charset in which the bytes are valid is believed instead."""
    if not LIGA.is_file():
        pytest.skip("the shared feeds are not here")
    original = parse_document(LIGA.read_bytes(), name="liga.xml")
    cp1251 = LIGA.read_bytes().decode("utf-8").encode("cp1251", errors="xmlcharrefreplace")
    assert b'encoding="utf-8"' in cp1251[:100]
    with pytest.raises(FeedError) as refused:
        parse_document(cp1251, name="enc3.xml")
    with pytest.raises(UnicodeDecodeError) as bad:
        cp1251.decode("utf-8")
    at = bad.value.start  # in "ЛІГА": "ЛІ" happen to be valid UTF-8 ("˲"), "ГА" are not
    assert at == cp1251.index("ГА".encode("cp1251"))
    assert str(refused.value) == (
        f"not valid UTF-8 at byte {at}, though it says it is (utf-8): the feed is in another"
        " encoding; ask its publisher to declare the right one"
    )
    served = parse_document(
        cp1251, name=FEED_URL, content_type="application/rss+xml; charset=windows-1251"
    )
    assert [i.title for i in served.items] == [i.title for i in original.items]
    assert served.items[0].title.startswith("Украина в день местных выборов")
    declared = cp1251.replace(b'encoding="utf-8"', b'encoding="windows-1251"', 1)
    assert parse_document(declared, name="liga.xml").items == original.items
    # a feed that names no encoding is read as before: UTF-8, else windows-1252
    latin1 = "Últimas Notícias".encode("latin-1")
    undeclared = parse_document(
        b"<rss><channel><title>"
        + latin1
        + b"</title><item><title>"
        + latin1
        + b"</title><link>https://uol.example/1</link></item></channel></rss>",
        name="uol.xml",
    )
    assert undeclared.title == undeclared.items[0].title == "Últimas Notícias"
    # the declared one-byte encoding has no such byte, nor is it UTF-8
    with pytest.raises(FeedError, match=r"^not valid windows-1251 .* nor UTF-8$"):
        parse_document(declared.replace("Украина".encode("cp1251"), b"\x98", 1), name="l.xml")


def test_atom_xhtml_content_and_xml_base() -> None:
    parsed = parse_feed(load("atom_xhtml.xml"))
    assert parsed.title == "Example Atom"
    first, second = parsed.items
    assert first.url == "https://blog.example.org/posts/tom-and-jerry"
    assert first.title == "Tom & Jerry return"
    assert first.lead == "The cartoon returns to cinemas."
    assert first.body == "The cartoon returns to cinemas.\n\nSecond paragraph."
    assert first.image_url == "https://blog.example.org/media/tj.png"
    assert first.published_at == datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
    assert first.tags == ["culture"]
    assert first.language == "en"
    # No summary: the lead is the first paragraph of the content; the image comes from it.
    assert second.url == "https://blog.example.org/posts/only-content"
    assert second.lead == "First paragraph of content."
    assert second.image_url == "https://blog.example.org/pics/a.jpg"


def test_rss_1_0_rdf() -> None:
    parsed = parse_feed(load("rss10_rdf.xml"))
    [item] = parsed.items
    assert item.url == "https://rdf.example.net/a?page=2"
    assert item.title == "Bundestag debattiert Haushalt"
    assert item.published_at == datetime(2026, 11, 23, 11, 0, tzinfo=UTC)
    assert item.tags == ["Politik"]
    assert item.language == "de"


def test_json_feed() -> None:
    parsed = parse_feed(load("jsonfeed.json"))
    assert parsed.title == "JSON Feed News"
    assert parsed.errors == ["item 3 ('No URL anywhere'): no link"]
    first, second = parsed.items
    assert first.url == "https://json.example.com/2026/11/first"
    assert first.title == "First & foremost"
    assert first.lead == "A short summary."
    assert first.body == "Body one."
    assert first.image_url == "https://json.example.com/img/cover.jpg"
    assert first.published_at == datetime(2026, 11, 24, 5, 0, tzinfo=UTC)
    assert first.tags == ["world", "Europe"]
    assert first.language == "en"
    assert second.url == "https://json.example.com/2026/11/second"
    assert second.lead == "Plain first paragraph."
    assert second.body == "Plain first paragraph.\n\nPlain second paragraph."


def test_truncated_feed_is_a_one_line_feed_error() -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(load("truncated.xml"))
    message = str(caught.value)
    assert "\n" not in message
    assert "truncated document" in message
    assert "line 5" in message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a feed: empty document"),
        (b"  \n\t", "not a feed: empty document"),
        (b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not a feed: got an HTML page"),
        (b"just some text", "not a feed"),
        (b'{"hello": 1}', "not a feed: JSON without a JSON Feed 'items' list"),
        (b'{"items": [', "JSON error at line 1"),
        (
            b"<rss><channel><title>x</title><item><title>a</tit",
            "truncated document; XML error at line 1",
        ),
    ],
)
def test_not_a_feed(data: bytes, message: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_valid_empty_feed_is_not_an_error() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>'
    parsed = parse_feed(data)
    assert parsed.items == []
    assert parsed.title == "Empty"


def test_all_items_unusable_is_an_error() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<item><title>x</title><link>/rel</link></item></channel></rss>"
    )
    with pytest.raises(FeedError, match="no usable items: item 1"):
        parse_feed(data)
    parsed = parse_feed(data, url="https://site.example/feed")
    assert parsed.items[0].url == "https://site.example/rel"


def test_huge_lead_and_body_are_capped_at_word_boundary() -> None:
    words = " ".join(["word"] * 40_000)
    data = (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        f"<item><title>Long</title><link>https://x.example/1</link><description>{words}"
        f"</description><content:encoded>{words}</content:encoded></item></channel></rss>"
    ).encode()
    [item] = parse_feed(data).items
    assert len(item.lead) <= LEAD_MAX
    assert item.lead.endswith("word…")
    assert len(item.body) <= BODY_MAX
    assert item.body.endswith("word…")


def test_long_summary_without_content_becomes_the_body() -> None:
    text = " ".join(["Sentence number one."] * 300)
    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>Long</title><link>https://x.example/1</link><description>{text}"
        "</description></item></channel></rss>"
    ).encode()
    [item] = parse_feed(data).items
    assert len(item.lead) <= LEAD_MAX
    assert item.body == text


def test_undeclared_prefix_feed_is_repaired() -> None:
    data = (
        b'<!-- junk -->\n<?xml?xml version="1.0" ??>\n<rss rss:version=2.0><rss:channel>'
        b"<rss:title>Prefixed</rss:title><rss:item><rss:title>Hello</rss:title>"
        b"<rss:link>https://p.example/1</rss:link></rss:item></rss:channel></rss>"
    )
    parsed = parse_feed(data)
    assert [(i.title, i.url) for i in parsed.items] == [("Hello", "https://p.example/1")]


def test_google_redirect_links_are_unwrapped() -> None:
    data = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>G</title>'
        b'<entry><title type="html">&lt;b&gt;Slack&lt;/b&gt; news</title>'
        b'<link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://a.example/s%3Fx%3D1&amp;ct=ga"/>'
        b"<id>tag:1</id><updated>2026-01-01T00:00:00Z</updated></entry></feed>"
    )
    [item] = parse_feed(data).items
    assert item.title == "Slack news"
    assert item.url == "https://a.example/s?x=1"


def test_parse_jsonl() -> None:
    parsed = parse_jsonl(load("articles.jsonl").decode("utf-8"))
    assert parsed.errors == [
        "line 2: missing title",
        "line 3: invalid JSON: Expecting value at column 1",
        "line 4: not an http(s) URL: 'ftp://site.example.ua/file'",
        "line 5: bad published_at 'yesterday'",
    ]
    first, second = parsed.items
    assert first.url == "https://site.example.ua/news/1"
    assert first.title == "Обстріл Харкова: <b>поранені</b>"  # plain text, as written
    assert first.lead == "Ворог атакував місто «шахедами»."
    assert first.published_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
    assert first.tags == ["war"]
    assert first.image_url == "https://site.example.ua/img/1.jpg"
    assert first.views == 1520
    assert first.source == "Site UA"
    assert first.language == "uk"
    assert second.body == "Перший абзац.\n\nДругий абзац."
    assert second.lead == "Перший абзац."
    assert second.published_at == datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('["a"]', "line 1: expected a JSON object"),
        ('{"title": "x"}', "line 1: missing url"),
        ('{"url": "https://a.example/", "title": " \\t\\u2028"}', "line 1: empty title"),
        ('{"url": "https://a.example/", "title": "x", "views": "many"}', "views must be"),
        ('{"url": "https://a.example/", "title": "x", "views": 9223372036854775808}', "views"),
        ('{"url": "https://a.example/", "title": "x", "views": "9223372036854775808"}', "views"),
        ('{"url": "https://a.example/", "title": "x", "views": "\u0661\u0662"}', "views"),
        ('{"url": "https://a.example/", "title": "x", "topics": [1]}', "topics must be"),
        ('{"url": "https://a.example/", "title": "x", "image_url": "ftp://i"}', "image_url"),
        ('{"url": "https://a.example/", "title": "x", "lead": 5}', "lead must be a string"),
    ],
)
def test_parse_jsonl_bad_lines(line: str, error: str) -> None:
    parsed = parse_jsonl(line)
    assert parsed.items == []
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("line 1: ")
    assert error in parsed.errors[0]


@pytest.mark.parametrize(
    ("title", "lead", "stored"),
    [
        (
            "Guide: the <script> tag and <style> element explained",
            "Prices <5% & >2%; use <b>bold</b> here",
            (
                "Guide: the <script> tag and <style> element explained",
                "Prices <5% & >2%; use bold here",
            ),
        ),
        ("AT&amp;T  <b>x</b>\t", "a<b & c>d", ("AT&amp;T <b>x</b>", "a<b & c>d")),
        ("t", "x <script> y <style> z", ("t", "x <script> y <style> z")),
        ("t", "a <script>var s = 1;</script> b </script> c", ("t", "a b c")),
        ("t", "<p>One &laquo;two&raquo;</p><style>p{}</style><p>3</p>", ("t", "One «two» 3")),
    ],
)
def test_parse_jsonl_title_is_plain_text_and_the_lead_loses_no_text(
    title: str, lead: str, stored: tuple[str, str]
) -> None:
    """A title is plain text, as written (only whitespace folded); the lead may be HTML, and
    what only looks like markup in it stays: an unclosed <script> or <style> swallows
    nothing, "<b & c>" is no tag."""
    line = json.dumps({"url": "https://html.example/2", "title": title, "lead": lead})
    [item] = parse_jsonl(line).items
    assert (item.title, item.lead) == stored
    story = Article(id=1, url=item.url, title=item.title, lead=item.lead, published_at=utcnow())
    message = Renderer().story(story)  # autoescaped: the words go to Telegram as text
    check_html(message.text)
    assert "<script" not in message.text and "<style" not in message.text
    assert html.escape(item.title, quote=False) in message.text


@pytest.mark.parametrize(
    ("source", "dateline", "stored"),
    [
        ("AT&T <Newsroom>", "Kyiv", ("AT&T <Newsroom>", "Kyiv")),
        ("R&amp;D  Weekly\t", "Kyiv &amp; Lviv", ("R&amp;D Weekly", "Kyiv &amp; Lviv")),
        ("Radio <b>Svoboda</b>", "Brussels<EU", ("Radio <b>Svoboda</b>", "Brussels<EU")),
        ("Le Monde &mdash; Paris", "x<y", ("Le Monde &mdash; Paris", "x<y")),
        ("<script>", "<style>", ("<script>", "<style>")),
    ],
)
def test_parse_jsonl_source_and_dateline_are_plain_text(
    source: str, dateline: str, stored: tuple[str, str]
) -> None:
    """`source` and `dateline` are plain text as written, as the title is (only whitespace
    folded): they were cleaned as HTML, so "R&amp;D" became "R&D", "Radio <b>Svoboda</b>"
    lost its tags and "x<y" became "x". The post escapes them (autoescape)."""
    line = json.dumps(
        {"url": "https://html.example/4", "title": "t", "source": source, "dateline": dateline}
    )
    [item] = parse_jsonl(line).items
    assert (item.source, item.dateline) == stored
    story = Article(
        id=1,
        url=item.url,
        title=item.title,
        lead="",
        published_at=utcnow(),
        source=item.source,
        dateline=item.dateline,
    )
    message = Renderer().story(story)
    check_html(message.text)
    place = html.escape(f"{item.dateline} • {item.source}", quote=False)
    assert f"<i>{place}</i>" in message.text


def test_parse_jsonl_unicode_line_separators_inside_strings() -> None:
    """json.dumps(ensure_ascii=False) and JSON.stringify write U+2028, U+2029 and U+0085 raw;
    lines end at "\\n" (or "\\r\\n") only, and the numbers of bad lines stay right."""
    lines = [
        json.dumps(
            {"url": f"https://a.example/{n}", "title": f"One{sep}two", "lead": f"a{sep}b"},
            ensure_ascii=False,
        )
        for n, sep in enumerate(["\u2028", "\u2029", "\x85"], start=1)
    ]
    text = "\r\n".join([lines[0], lines[1], "{bad", lines[2]]) + "\n"
    parsed = parse_jsonl(text)
    assert [item.url for item in parsed.items] == [f"https://a.example/{n}" for n in (1, 2, 3)]
    assert [(item.title, item.lead) for item in parsed.items] == [("One two", "a b")] * 3
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("line 3: invalid JSON")


def test_parse_document_dispatch() -> None:
    jsonl = load("articles.jsonl")
    assert len(parse_document(jsonl, name="articles.jsonl").items) == 2
    assert len(parse_document(b"\xef\xbb\xbf" + jsonl, name="x.ndjson").items) == 2
    assert len(parse_document(jsonl, name="upload", content_type="application/x-ndjson").items) == 2
    assert len(parse_document(jsonl, name="stdin").items) == 2  # sniffed
    feed = parse_document(load("rss20_cdata.xml"), name="https://news.example.com/rss")
    assert feed.title == "Kyiv Daily & Co"
    assert len(parse_document(load("jsonfeed.json"), name="feed.json").items) == 2


def test_plain_text_atom_keeps_words_in_angle_brackets() -> None:
    """Atom's type="text" (its default) is plain text: "<div>" in it is words, and was
    dropped as a tag ("Stop using for buttons"). type="html" is still markup."""
    feed = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Dev</title>
<entry><title type="text">Stop using &lt;div&gt; for buttons</title>
<link href="https://dev.example.org/1"/><id>urn:1</id><updated>2026-11-01T00:00:00Z</updated>
<summary type="text">Why &lt;button&gt; is better &amp; simpler</summary></entry>
<entry><title>The &lt;dialog&gt; element, by default</title>
<link href="https://dev.example.org/2"/><id>urn:2</id><updated>2026-11-01T00:00:00Z</updated>
<content type="text">Use &lt;p&gt; for text.

And &lt;main&gt; once.</content></entry>
<entry><title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title>
<link href="https://dev.example.org/3"/><id>urn:3</id><updated>2026-11-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Real &lt;i&gt;markup&lt;/i&gt;&lt;/p&gt;</content></entry>
</feed>"""
    first, second, third = parse_feed(feed).items
    assert first.title == "Stop using <div> for buttons"
    assert first.lead == "Why <button> is better & simpler"
    assert second.title == "The <dialog> element, by default"
    assert second.lead == "Use <p> for text."
    assert second.body == "Use <p> for text.\n\nAnd <main> once."
    assert (third.title, third.lead) == ("A bold title", "Real markup")


def test_json_feed_title_summary_and_content_text_are_plain_text() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Dev",
        "items": [
            {
                "id": "1",
                "url": "https://dev.example.org/j1",
                "title": "Why <template> matters",
                "summary": "Use <slot> & friends",
                "content_text": "First <one>.\n\nSecond <two>.",
            },
            {
                "id": "2",
                "url": "https://dev.example.org/j2",
                "title": "AT&amp;T, escaped once too often",
                "content_html": "<p>HTML <b>content</b> is markup</p>",
            },
        ],
    }
    first, second = parse_feed(json.dumps(document).encode()).items
    assert (first.title, first.lead) == ("Why <template> matters", "Use <slot> & friends")
    assert first.body == "First <one>.\n\nSecond <two>."
    assert (second.title, second.lead) == ("AT&T, escaped once too often", "HTML content is markup")


def test_dates_in_other_languages_are_read_not_taken_as_now() -> None:
    """feedparser reads RFC 822 dates in English only: a Portuguese feed's "Seg, 24 Set
    2018" became the time it was read, and a story of 2018 went out as news."""
    feed = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://pt.example.org/a</link>
<pubDate>Seg, 24 Set 2018 19:42:40 -0300</pubDate></item>
<item><title>B</title><link>https://ua.example.org/b</link>
<pubDate>Пн, 24 вер 2018 10:00:00 +0300</pubDate></item>
<item><title>C</title><link>https://en.example.org/c</link>
<pubDate>Mon, 24 Sep 2018 10:00:00 GMT</pubDate></item>
<item><title>D</title><link>https://en.example.org/d</link><pubDate>soon, maybe</pubDate></item>
<item><title>E</title><link>https://en.example.org/e</link></item>
</channel></rss>""".encode()
    parsed = parse_feed(feed)
    a, b, c, d, e = (item.published_at for item in parsed.items)
    assert a == datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)
    assert b == datetime(2018, 9, 24, 7, 0, tzinfo=UTC)
    assert c == datetime(2018, 9, 24, 10, 0, tzinfo=UTC)
    assert d is None and e is None  # stored as the time they were read ...
    # ... and the one whose date was given but not understood is said so
    assert parsed.notes == ["item 4: date 'soon, maybe' not understood; taken as now"]


def test_json_feed_dates_in_other_forms_are_read() -> None:
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {
                "id": "1",
                "url": "https://j.example.org/1",
                "title": "Lower-case zone",
                "date_published": "2018-09-24T10:00:00z",
            },
            {
                "id": "2",
                "url": "https://j.example.org/2",
                "title": "RFC 822",
                "date_published": "Mon, 24 Sep 2018 12:00:00 +0200",
            },
            {
                "id": "3",
                "url": "https://j.example.org/3",
                "title": "Words",
                "date_published": "the other day",
            },
        ],
    }
    parsed = parse_feed(json.dumps(document).encode())
    assert [i.published_at for i in parsed.items] == [
        datetime(2018, 9, 24, 10, 0, tzinfo=UTC),
        datetime(2018, 9, 24, 10, 0, tzinfo=UTC),
        None,
    ]
    assert parsed.notes == ["item 3: date 'the other day' not understood; taken as now"]

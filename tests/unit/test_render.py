"""Story rendering: escaping, Telegram's length limits, photo or text, templates."""

from __future__ import annotations

import html
import logging
import random
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest

from bot.models import Article, Topic
from bot.render import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    Renderer,
    RenderError,
    StoryMessage,
    TraversableLoader,
    check_html,
    html_errors,
    trim_words,
    visible_length,
)
from bot.resources import resource_dir

TOPICS = [
    Topic("politics", "Politics", "Політика"),
    Topic("war", "War", "Війна"),
]
ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-spoiler",
}
ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")
TAG = re.compile(r'<(/?)([a-z-]+)((?:\s+[a-z-]+="[^"<>]*")*)>')


def strict_parse(text: str) -> tuple[str, list[str]]:
    """Telegram-like strict parse: the visible text and the link targets; AssertionError if bad."""
    out: list[str] = []
    hrefs: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            tag = TAG.match(text, i)
            assert tag, f"bad tag at {i}: {text[i : i + 30]!r}"
            closing, name, attrs = tag.groups()
            assert name in ALLOWED, name
            if closing:
                assert stack and stack[-1] == name, f"mis-nested </{name}>"
                stack.pop()
            else:
                if name == "a":
                    href = re.fullmatch(r'\s+href="([^"]*)"', attrs)
                    assert href, attrs
                    for amp in re.finditer("&", href.group(1)):
                        assert ENTITY.match(href.group(1), amp.start()), href.group(1)
                    hrefs.append(html.unescape(href.group(1)))
                else:
                    assert not attrs
                stack.append(name)
            i = tag.end()
        elif char == "&":
            entity = ENTITY.match(text, i)
            assert entity, f"bad entity at {i}: {text[i : i + 12]!r}"
            out.append(html.unescape(entity.group()))
            i = entity.end()
        else:
            assert char != ">", "unescaped '>'"
            assert not 0xD800 <= ord(char) <= 0xDFFF, "surrogate"
            out.append(char)
            i += 1
    assert not stack, f"unclosed {stack}"
    return "".join(out).strip(), hrefs


def article(**fields: object) -> Article:
    base = Article(
        id=1,
        url="https://news.example/ua/story-1",
        title="Umerov meets French Defense Minister",
        lead="The parties discussed defense cooperation and the needs of the army.",
        published_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        topics=["politics", "war"],
    )
    return replace(base, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(topics=TOPICS)


def check(message: StoryMessage) -> str:
    """Assert the message would pass Telegram; return its visible text."""
    visible, _ = strict_parse(message.text)
    limit = CAPTION_LIMIT if message.photo else TEXT_LIMIT
    assert len(visible) <= limit
    assert visible_length(message.text) == len(visible)
    assert message.photo is not None or visible
    assert "<br" not in message.text and "<p" not in message.text
    message.text.encode("utf-8")
    return visible


# --- the look ---------------------------------------------------------------------------


def test_story_layout(renderer: Renderer) -> None:
    message = renderer.story(article())
    assert message.photo is None and message.disable_preview is False
    assert message.text == (
        "<b>Umerov meets French Defense Minister</b>\n\n"
        "The parties discussed defense cooperation and the needs of the army.\n\n"
        '<a href="https://news.example/ua/story-1">Читати далі</a>\n'
        "#politics #war"
    )
    assert "Read more</a>" in renderer.story(article(), language="en").text


def test_escapes_script_ampersand_and_quotes(renderer: Renderer) -> None:
    story = article(
        title='<script>alert("x")</script> & Co',
        lead="Tom & Jerry <b>bold</b> 'quote' &amp; &nbsp;",
        url='https://news.example/a?x=1&y="2"&z=<3>',
    )
    message = renderer.story(story)
    visible = check(message)
    assert "<script>" not in message.text
    assert "&lt;script&gt;" in message.text
    assert visible.startswith('<script>alert("x")</script> & Co')
    assert "Tom & Jerry <b>bold</b> 'quote' &amp; &nbsp;" in visible
    _, hrefs = strict_parse(message.text)
    assert hrefs == ['https://news.example/a?x=1&y="2"&z=<3>']


def test_lone_less_than_and_nbsp(renderer: Renderer) -> None:
    message = renderer.story(article(title="a < b", lead="x <  y\xa0z >"))
    visible = check(message)
    assert "a < b" in visible and "x < y\xa0z >" in visible


def test_emoji_and_utf16_heavy_text(renderer: Renderer) -> None:
    family = "👨\u200d👩\u200d👧"
    story = article(title=f"🇺🇦 Слава {family} 𝕏", lead=("😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 " * 2000))
    message = renderer.story(story)
    visible = check(message)
    assert visible.startswith(f"🇺🇦 Слава {family} 𝕏")
    assert len(visible) <= TEXT_LIMIT < len(visible.encode("utf-16-le")) // 2
    assert "…" in visible


def test_rtl_zero_width_and_controls(renderer: Renderer) -> None:
    story = article(
        title="שלום\u200f عالم\u202e\x00\x07 zero\u200bwidth\nsecond line",
        lead="line one\r\nline two\x0b\x1b\u2028line three\n\n\n\nparagraph",
    )
    message = renderer.story(story)
    visible = check(message)
    assert visible.startswith("שלום\u200f عالم zero\u200bwidth second line\n")
    assert "line one\nline two\nline three\n\nparagraph" in visible
    assert "\u202e" not in message.text and "\x00" not in message.text


def test_empty_title_and_lead(renderer: Renderer) -> None:
    message = renderer.story(article(title=" \u200b\n ", lead="  \n "))
    visible = check(message)
    assert visible.startswith("Без заголовка\n\nЧитати далі")
    message = renderer.story(article(title="", lead="", url="not a url", topics=[]))
    assert check(message) == "Без заголовка"


def test_lead_same_as_title_is_not_repeated(renderer: Renderer) -> None:
    visible = check(renderer.story(article(title="Same words", lead=" same  WORDS ")))
    assert visible.count("ame") == 1


def test_bad_urls_give_no_link(renderer: Renderer) -> None:
    for url in ("javascript:alert(1)", "", "ftp://x/y", "https://" + "a" * 5000):
        _, hrefs = strict_parse(renderer.story(article(url=url)).text)
        assert hrefs == []
    _, hrefs = strict_parse(renderer.story(article(url=" https://x.example/a b ")).text)
    assert hrefs == ["https://x.example/a%20b"]


LONG_URL = "https://news.example/ua/2026/12/01/story?" + "&".join(
    f"p{n}=%D0%B2%D1%96%D0%B9%D0%BD%D0%B0-{n:04d}" for n in range(100)
)  # 3,330 characters: a tracking-laden CMS link, longer than the 2,048 of an image's URL


def test_a_long_story_url_keeps_its_link(renderer: Renderer) -> None:
    """A story whose URL is ~3,000 characters went out without its link (every URL over
    2,048 was dropped). Telegram counts only the visible text (a link's URL is in none of
    its 4,096 or 1,024), and takes such a link: the post keeps it, as text and as caption."""
    assert 3000 < len(LONG_URL) < 4096
    lead = words(3000, seed=5)[:5000]
    for image in (None, "https://img.example/1.jpg"):
        for forced in (None, bool(image)):
            story = article(url=LONG_URL, lead=lead, image_url=image)
            message = renderer.story(story, as_photo=forced)
            visible = check(message)
            _, hrefs = strict_parse(message.text)
            assert hrefs == [LONG_URL]
            assert html_errors(message.text) == []
            limit = CAPTION_LIMIT if message.photo else TEXT_LIMIT
            assert limit - 20 <= len(visible) <= limit  # the lead is trimmed as before


def test_a_url_too_long_for_a_link_is_logged_and_the_story_still_goes(
    renderer: Renderer, caplog: pytest.LogCaptureFixture
) -> None:
    """A URL too long to send as a link (10,000 characters: past the room Telegram gives a
    message's entities) leaves the story without its link, and one warning says why."""
    url = "https://news.example/ua/story?q=" + "x" * 9970
    with caplog.at_level(logging.WARNING, logger="bot.render.story"):
        message = renderer.story(article(id=77, url=url))
    visible = check(message)
    assert visible.startswith("Umerov meets French Defense Minister")
    assert strict_parse(message.text)[1] == []
    [record] = [r for r in caplog.records if r.name == "bot.render.story"]
    assert "story 77" in record.getMessage() and f"{len(url)} characters" in record.getMessage()
    assert len(record.getMessage()) < 300  # the URL itself is not logged whole


def test_hashtags(renderer: Renderer) -> None:
    story = article(
        topics=["politics", "middle-east", "2024", "", "c++", "війна", "politics", "a b"]
    )
    visible = check(renderer.story(story))
    assert visible.endswith("\n#politics #middle_east #c #війна #a_b")
    many = article(topics=[f"topic{i}" for i in range(50)])
    assert check(renderer.story(many)).count("#") == 10
    for tag in re.findall(r"#\S+", check(renderer.story(story))):
        assert re.fullmatch(r"#\w+", tag)


def test_topic_titles_reach_templates(tmp_path: Path) -> None:
    (tmp_path / "story.html.j2").write_text(
        "{{ title }} {% for t in topics %}[{{ t.title }}]{% endfor %}", "utf-8"
    )
    renderer = Renderer(tmp_path, topics=TOPICS)
    assert renderer.story(article()).text.endswith("[Політика][Війна]")
    assert renderer.story(article(), language="en").text.endswith("[Politics][War]")


# --- limits -----------------------------------------------------------------------------


def words(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(
        "".join(rng.choice("абвгдeклмнопрс&<>") for _ in range(rng.randint(1, 12)))
        for _ in range(count)
    )


def test_long_lead_text_message(renderer: Renderer) -> None:
    lead = words(2000)[:10_000]
    message = renderer.story(article(lead=lead))
    visible = check(message)
    assert message.photo is None
    assert TEXT_LIMIT - 20 <= len(visible) <= TEXT_LIMIT
    body = visible.split("\n\n")[1]
    assert body.endswith("…")
    kept = body.removesuffix("…")
    assert lead.startswith(kept)
    assert lead[len(kept)] == " "  # cut at a word boundary


def test_caption_with_trimmed_lead(renderer: Renderer) -> None:
    lead = words(400)
    message = renderer.story(article(lead=lead, image_url="https://img.example/1.jpg"))
    visible = check(message)
    assert message.photo == "https://img.example/1.jpg"
    assert message.disable_preview is True
    assert CAPTION_LIMIT - 20 <= len(visible) <= CAPTION_LIMIT
    body = visible.split("\n\n")[1]
    assert body.endswith("…") and lead.startswith(body.removesuffix("…"))


def test_short_story_with_image_is_a_photo(renderer: Renderer) -> None:
    message = renderer.story(article(image_url="https://img.example/1.jpg"))
    assert message.photo == "https://img.example/1.jpg"
    assert "…" not in check(message)


def test_caption_that_would_lose_the_lead_becomes_text(renderer: Renderer) -> None:
    story = article(
        title=words(200, seed=2),
        lead=words(300, seed=3),
        topics=[f"t{i}" + "x" * 70 for i in range(10)],
        image_url="https://img.example/1.jpg",
    )
    message = renderer.story(story, link_preview=False)
    visible = check(message)
    assert message.photo is None
    assert message.disable_preview is False  # the preview shows the story's image
    assert len(visible) > CAPTION_LIMIT


def test_link_preview_flag_without_image(renderer: Renderer) -> None:
    assert renderer.story(article(), link_preview=False).disable_preview is True
    assert renderer.story(article(), link_preview=True).disable_preview is False


def test_bad_image_url_means_text(renderer: Renderer) -> None:
    message = renderer.story(article(image_url="data:image/png;base64,AAAA"))
    assert message.photo is None


def test_absurd_title_is_trimmed(renderer: Renderer) -> None:
    title = words(1000, seed=4)
    visible = check(renderer.story(article(title=title)))
    first = visible.split("\n")[0]
    assert len(first) <= 300 and first.endswith("…")


def test_forced_caption_always_fits(renderer: Renderer) -> None:
    story = article(
        title="x" * 5000,
        lead=words(3000),
        topics=[f"t{i}" + "x" * 70 for i in range(10)],
        image_url="https://img.example/1.jpg",
    )
    message = renderer.story(story, as_photo=True)
    assert message.photo == "https://img.example/1.jpg"
    assert len(check(message)) <= CAPTION_LIMIT
    text = renderer.story(replace(story, image_url=None), as_photo=False)
    assert text.photo is None and len(check(text)) <= TEXT_LIMIT


# --- measuring and trimming -------------------------------------------------------------


def test_visible_length() -> None:
    assert visible_length('<b>a &amp; b</b>\n<a href="x&amp;y">go</a>') == len("a & b\ngo")
    assert visible_length("  <b> x </b>\n\n") == 1
    assert visible_length("&lt;&gt;&quot;&#34;&#x1F600;") == 5
    assert visible_length("😀🇺🇦") == 3  # code points, not UTF-16 units
    assert visible_length("") == 0


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("exactly10!", 10, "exactly10!"),
        ("", 0, ""),
        ("abc", 0, ""),
        ("abc", 1, "…"),
        ("one two three", 8, "one two…"),
        ("one two three", 9, "one two…"),
        ("one two, three", 10, "one two…"),
        ("one two. three", 10, "one two…"),
        ("abcdefghijkl", 5, "abcd…"),
        ("a bcdefghijklmnop", 10, "a bcdefgh…"),  # boundary too early: hard cut
        ("слово слово слово", 12, "слово слово…"),
        ("non\xa0breaking words", 12, "non\xa0breakin…"),
        ("line one\nline two", 12, "line one…"),
    ],
)
def test_trim_words(text: str, limit: int, expected: str) -> None:
    result = trim_words(text, limit)
    assert result == expected
    assert len(result) <= max(limit, 0)


def test_trim_words_keeps_graphemes_whole() -> None:
    family = "👨\u200d👩\u200d👧"
    assert trim_words(family * 3, 5) in ("…", family + "…")
    assert not trim_words("e\u0301" * 10, 4).removesuffix("…").endswith("e")


# One user-perceived character each, of several code points: written out as code points so
# that the test does not lean on the library the code uses.
CLUSTERS = {
    "stressed Ukrainian а": "\u0430\u0301",
    "e and a combining acute": "e\u0301",
    "ZWJ family": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "flag of Ukraine": "\U0001f1fa\U0001f1e6",
    "skin tone": "\U0001f44d\U0001f3fd",
    "keycap": "1\ufe0f\u20e3",
    "Hangul jamo": "\u1100\u1161\u11a8",
    "Devanagari conjunct": "\u0915\u094d\u0937\u093f",
    "subdivision flag": "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
}


@pytest.mark.parametrize("cluster", CLUSTERS.values(), ids=CLUSTERS.keys())
def test_trim_words_cuts_between_grapheme_clusters(cluster: str) -> None:
    """A hard cut (no word boundary late enough) falls between clusters: a flag was cut
    between its two regional indicators ("🇺🇦🇺" + "…": a lone letter U), jamo and conjuncts
    inside; whatever the limit, the text kept is whole clusters of the original."""
    for prefix in ("", "a", "Слово ", "x "):
        text = prefix + cluster * 40
        for limit in range(1, 3 * len(cluster) + len(prefix) + 2):
            result = trim_words(text, limit)
            assert len(result) <= limit
            kept = result.removesuffix("…")
            assert text.startswith(kept)
            whole = len(kept) <= len(prefix) or (len(kept) - len(prefix)) % len(cluster) == 0
            assert whole, (limit, result)


def test_trim_words_ukrainian_stress_marks_and_flags() -> None:
    stressed = "Украї́на" * 20  # one long word: cut hard, the stress mark stays with its і
    assert trim_words(stressed, 10) == "Украї́на" + "У…"
    assert trim_words(stressed, 6) == "Укра…"
    assert trim_words(stressed, 7) == "Украї́…"
    assert trim_words("🇺🇦" * 10, 4) == "🇺🇦…"
    assert trim_words("🇺🇦" * 10, 6) == "🇺🇦🇺🇦…"


def test_lead_cut_hard_keeps_stress_marks_and_flags(renderer: Renderer) -> None:
    """The lead of a post (text and caption) is cut between clusters too."""
    for lead in ("а́" * 3000, "🇺🇦" * 3000):
        for image in (None, "https://img.example/1.jpg"):
            message = renderer.story(article(lead=lead, image_url=image), as_photo=bool(image))
            body = check(message).split("\n\n")[1]
            kept = body.removesuffix("…")
            assert body.endswith("…") and kept and lead.startswith(kept)
            assert len(kept) % 2 == 0, len(kept)  # whole "а́" or "🇺🇦", two code points each


# --- templates --------------------------------------------------------------------------


def test_strict_undefined(tmp_path: Path) -> None:
    (tmp_path / "hello.html.j2").write_text("Hello {{ missing }}", "utf-8")
    renderer = Renderer(tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        renderer.render("hello.html.j2", name="x")
    with pytest.raises(jinja2.UndefinedError):
        renderer.render("hello.html.j2")


def test_render_general_template(tmp_path: Path) -> None:
    (tmp_path / "greet.html.j2").write_text("{{ t.read_more }}: {{ name }} ({{ lang }})", "utf-8")
    renderer = Renderer(tmp_path)
    assert renderer.render("greet.html.j2", name="<Ann>") == "Читати далі: &lt;Ann&gt; (uk)"
    assert renderer.render("greet.html.j2", name="A", lang="en") == "Read more: A (en)"


def test_templates_dir_overrides_story(tmp_path: Path) -> None:
    (tmp_path / "story.html.j2").write_text(
        "🔴 <b>{{ title }}</b>\n{{ lead }}\n{{ hashtags | join(' ') }}", "utf-8"
    )
    renderer = Renderer(tmp_path, topics=TOPICS)
    message = renderer.story(article())
    assert message.text.startswith("🔴 <b>Umerov")
    assert "Читати далі" not in message.text
    # The shipped caption template includes story.html.j2, so the override applies to both.
    photo = renderer.story(article(image_url="https://img.example/1.jpg"))
    assert photo.photo and photo.text.startswith("🔴 <b>")
    (tmp_path / "story_caption.html.j2").write_text("{{ title }} 📷", "utf-8")
    photo = Renderer(tmp_path).story(article(image_url="https://img.example/1.jpg"))
    assert photo.text == "Umerov meets French Defense Minister 📷"
    # The shipped templates are untouched for other renderers.
    assert Renderer().story(article()).text.startswith("<b>Umerov")


def test_custom_template_producing_bad_html_is_refused(tmp_path: Path) -> None:
    (tmp_path / "story.html.j2").write_text("{{ title }}<br>", "utf-8")
    with pytest.raises(RenderError, match="br"):
        Renderer(tmp_path).story(article())
    (tmp_path / "story.html.j2").write_text("{{ 'x' * 5000 }}", "utf-8")
    with pytest.raises(RenderError, match="more than 4096"):
        Renderer(tmp_path).story(article())


def test_missing_templates_dir(tmp_path: Path) -> None:
    with pytest.raises(RenderError):
        Renderer(tmp_path / "nope")


def test_template_names_cannot_escape(tmp_path: Path) -> None:
    renderer = Renderer(tmp_path)
    for name in ("../pyproject.toml", "../bot/render.py", "/etc/passwd", "a/../../x"):
        with pytest.raises(jinja2.TemplateNotFound):
            renderer.render(name)
    loader = TraversableLoader(resource_dir("templates"))
    assert {"story.html.j2", "story_caption.html.j2"} <= set(loader.list_templates())


def test_preview(renderer: Renderer) -> None:
    message = renderer.story(article(title="A & B", image_url="https://img.example/1.jpg"))
    shown = renderer.preview(message)
    assert shown.startswith("[photo: https://img.example/1.jpg]\nA & B\n")
    assert "Читати далі (https://news.example/ua/story-1)" in shown
    assert "<" not in shown


def test_html_errors_checker() -> None:
    """Telegram's verdicts (tests/unit/test_telegram_html.py checks many more against TDLib)."""
    assert html_errors('<b>x</b> &amp; <a href="a&amp;b">y</a>') == []
    assert html_errors("a < b") == [
        'Can\'t parse entities: Unsupported start tag "" at byte offset 2'
    ]
    assert html_errors("<b>x")
    assert html_errors("<b><i>x</b></i>")
    assert html_errors("<p>x</p>")
    assert html_errors("<span>x</span>")
    assert html_errors("<tg-emoji>e</tg-emoji>")
    # Telegram keeps these as literal text
    assert html_errors("a -> b") == []
    assert html_errors("&nbsp; &#0; AT&T") == []
    assert html_errors("<a href=x>y</a>") == []


def test_check_html_judges_as_telegram() -> None:
    """Issue 9: these passed the old check and then failed at Telegram (or the reverse)."""
    with pytest.raises(RenderError, match='Tag "span" must have class "tg-spoiler"'):
        check_html("<span>x</span>")
    with pytest.raises(RenderError, match="Invalid custom emoji identifier"):
        check_html("<tg-emoji>e</tg-emoji>")
    with pytest.raises(RenderError, match="Unexpected end of name token"):
        check_html("<a href=https://e.com>x</a>")
    check_html("<a href=e.com>x</a>")  # a bare name token is a valid attribute value
    check_html('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>')
    check_html("Tom & Jerry -> a&nbsp;b")
    with pytest.raises(RenderError, match="empty text"):
        check_html("<b> </b>")
    check_html("<b> </b>", allow_empty=True)
    check_html("😀" * 4096)  # code points
    with pytest.raises(RenderError, match="4097 characters, more than 4096"):
        check_html("<b>" + "я" * 4097 + "</b>")


# --- fuzz -------------------------------------------------------------------------------

PIECES = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "&amp;",
    "&nbsp;",
    "<b>",
    "</a>",
    "<script>",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "\xa0",
    "\u200b",
    "\u200d",
    "\u200f",
    "\u202e",
    "\x00",
    "\x1b",
    "😀",
    "👨\u200d👩\u200d👧",
    "🇺🇦",
    "é",
    "e\u0301",
    "…",
    "слово",
    "word",
    "שלום",
    "مرحبا",
    "#tag",
]


def random_text(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    for _ in range(size):
        roll = rng.random()
        if roll < 0.5:
            parts.append(rng.choice(PIECES))
        elif roll < 0.8:
            parts.append("".join(rng.choice("abcdefghij ") for _ in range(rng.randint(1, 9))))
        else:
            code = rng.randint(1, 0x2FFFF)
            if not 0xD800 <= code <= 0xDFFF:
                parts.append(chr(code))
    return "".join(parts)


def test_fuzz_output_is_always_valid(renderer: Renderer) -> None:
    rng = random.Random(20250301)
    for case in range(500):
        size = rng.choice([0, 1, 5, 40, 300, 2000, 6000])
        story = article(
            title=random_text(rng, rng.choice([0, 3, 30, 400])),
            lead=random_text(rng, size),
            url=rng.choice(["https://x.example/a?b=1&c=2", 'https://x.example/"<>', "bad"]),
            topics=[random_text(rng, 3) for _ in range(rng.randint(0, 12))],
            image_url=rng.choice([None, "https://img.example/p.jpg"]),
        )
        language = rng.choice(["uk", "en", "de"])
        as_photo = rng.choice([None, None, True, False])
        message = renderer.story(story, language=language, as_photo=as_photo)
        try:
            check(message)
        except AssertionError as exc:  # pragma: no cover - diagnostic
            raise AssertionError(f"case {case}: {message!r}") from exc
        if as_photo is False:
            assert message.photo is None
        for tag in re.findall(r"(?<![\w&])#\S+", strict_parse(message.text)[0].split("\n")[-1]):
            if message.text.endswith(tag):
                assert re.fullmatch(r"#\w+", tag)

"""Plain text out of the HTML that feeds carry. Pure functions; they never raise."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urljoin

from bot.ingest.canonical import is_http_url
from bot.ingest.images import junk_image_tag, junk_image_url, not_an_address
from bot.text.graphemes import whole_graphemes

__all__ = [
    "cut_at_word",
    "first_image",
    "first_paragraph",
    "fold",
    "html_to_text",
    "short_line",
]

# Contents dropped entirely.
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "svg"})
# Elements that end a paragraph.
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl",
        "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
    }
)  # fmt: skip

# Every element name of HTML (and the old ones feeds still carry): what looks like a tag but
# is none of these ("Dynamo signs a <striker>", "x <y> z") is text, kept as it was written.
_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound
    big blink blockquote body br button canvas caption center cite code col colgroup data
    datalist dd del details dfn dialog dir div dl dt em embed fieldset figcaption figure font
    footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img
    input ins kbd keygen label legend li link main map mark marquee math menu menuitem meta
    meter nav nobr noembed noframes noscript object ol optgroup option output p param picture
    plaintext portal pre progress q rb rp rt rtc ruby s samp script search section select
    slot small source span strike strong style sub summary sup svg table tbody td template
    textarea tfoot th thead time title tr track tt u ul var video wbr xmp""".split()  # noqa: SIM905
)

# Elements whose contents `_SKIP` drops only when they are closed: never closed, the "tag" is
# text ("the <script> tag") and swallows nothing after it. A `<body>` ends an open `<head>`.
_SKIP_START = re.compile(
    r"<(script|style|noscript|template|title|iframe|svg)(?=[\s/>])[^<>]*>", re.IGNORECASE
)
# A start tag as HTML writers make it: attribute names of letters, digits and -_.:@, values
# quoted or bare. "<b & c>" in "a<b & c>d" is no tag of anyone's but text.
_ATTRIBUTE = r"[a-zA-Z_:@][-a-zA-Z0-9_:.@]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?"
_START_TAG = re.compile(rf"<[a-zA-Z][^\s/>]*(?:\s*{_ATTRIBUTE})*\s*/?\s*>", re.DOTALL)

_LT = "\ufdd0"  # a "<" that is text, not markup: kept from every later pass, "<" at the end
_PARA = "\x1e"  # paragraph break marker
_LINE = "\x1f"  # <br> marker: a space, or a paragraph break when doubled
# Control and invisible characters, dropped. U+2028, U+2029 and U+0085 end lines: `fold` makes
# them spaces, as any other whitespace ("one\u2028two" is two words).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u00ad\ufeff]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINES = re.compile(_LINE + r"\s*" + _LINE)
_UNTERMINATED_TAG = re.compile(r"<[a-zA-Z!/?][^<>]*\Z")
# Fragments of common tags that html.parser let through as text (broken markup).
_TAG_FRAGMENT = re.compile(
    r"</?(?:a|b|i|u|s|p|br|hr|em|strong|span|div|img|font|script|style|iframe|table|tr|td|"
    r"th|ul|ol|li|h[1-6]|sup|sub|small|big|blockquote|figure|figcaption|picture|source)"
    r"(?=[\s/>\"'<]|\Z)[^<>]*(?:>|(?=<)|\Z)",
    re.IGNORECASE,
)
# Markup that was escaped twice: only real HTML tag names count, so "<beta>" stays as text.
_HTML_TAGS = (
    "a|abbr|b|big|blockquote|br|cite|code|del|div|em|figcaption|figure|font|h[1-6]|hr|i|"
    "iframe|img|ins|li|ol|p|picture|pre|q|s|script|small|source|span|strike|strong|style|"
    "sub|sup|table|tbody|td|th|thead|tr|u|ul|video"
)
_LEFTOVER_TAG = re.compile(rf"</?(?:{_HTML_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_LEFTOVER_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


def fold(text: str) -> str:
    """Whitespace (any kind, including no-break spaces) folded to single spaces, trimmed."""
    return " ".join(_CONTROL.sub("", text).split())


def short_line(text: str, limit: int) -> str:
    """Whitespace folded to single spaces, and at most `limit` characters, "…" last if cut
    (a reason or a URL quoted in one line of a report)."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _TextParser(HTMLParser):
    def __init__(self, *, blank_lines: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip_depth = 0
        self.blank_lines = blank_lines

    def _not_a_tag(self, tag: str, text: str | None) -> bool:
        """Keep what only looks like a tag (not one of `_ELEMENTS`, or with attributes no
        HTML writer makes) as the text it was; True if so."""
        if text is None or (
            (tag in _ELEMENTS or ":" in tag)  # "o:p" and the like: markup
            and (text.startswith("</") or _START_TAG.fullmatch(text))
        ):
            return False
        if not self.skip_depth:
            self.out.append(_CONTROL.sub("", text).replace("<", _LT))
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._not_a_tag(tag, self.get_starttag_text()):
            return
        if tag == "body":
            self.skip_depth = 0
        elif tag in _SKIP:
            self.skip_depth += 1
        elif tag == "br":
            self.out.append(_LINE)
        elif tag in _BLOCK:
            self.out.append(_PARA)
        elif tag == "img" and not self.skip_depth:
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._not_a_tag(tag, self.get_starttag_text()):
            return
        if tag == "br":
            self.out.append(_LINE)
        elif tag in _BLOCK:
            self.out.append(_PARA)

    def handle_endtag(self, tag: str) -> None:
        if self._not_a_tag(tag, f"</{tag}>"):
            return
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag in _BLOCK:
            self.out.append(_PARA)
        elif tag in {"td", "th"}:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = _CONTROL.sub("", data)
        if self.blank_lines:
            data = _BLANK_LINE.sub(_PARA, data)
        self.out.append(data)


def _unclosed_as_text(markup: str) -> str:
    """`_SKIP_START` tags that no end tag follows, made text (they would drop all after them)."""
    lower = markup.lower()

    def keep(match: re.Match[str]) -> str:
        closed = lower.rfind("</" + match.group(1).lower()) > match.start()
        return match.group() if closed else match.group().replace("<", _LT)

    return _SKIP_START.sub(keep, markup)


def _paragraphs_once(markup: str, *, blank_lines: bool) -> list[str]:
    parser = _TextParser(blank_lines=blank_lines)
    try:
        parser.feed(_unclosed_as_text(_UNTERMINATED_TAG.sub("", markup)))
        parser.close()
    except Exception:  # html.parser is lenient; this is a last resort for odd input
        return [fold(re.sub(r"<[^>]*>", " ", html.unescape(markup)))]
    joined = _LINES.sub(_PARA, "".join(parser.out)).replace(_LINE, " ")
    joined = _TAG_FRAGMENT.sub(" ", joined)
    return [p for p in (fold(chunk) for chunk in joined.split(_PARA)) if p]


def _paragraphs(markup: str, *, blank_lines: bool = True) -> list[str]:
    """Paragraphs of plain text; a second pass undoes double-escaped markup or entities."""
    if not isinstance(markup, str) or not markup:
        return []
    paragraphs = _paragraphs_once(markup, blank_lines=blank_lines)
    for _ in range(2):
        text = "\n".join(paragraphs)
        if not (_LEFTOVER_TAG.search(text) or _LEFTOVER_ENTITY.search(text)):
            break
        again: list[str] = []
        for paragraph in paragraphs:
            again.extend(_paragraphs_once(paragraph, blank_lines=False))
        paragraphs = again
    return [paragraph.replace(_LT, "<") for paragraph in paragraphs]


def html_to_text(html: str, *, paragraphs: bool = False) -> str:
    """Plain text of an HTML fragment: tags (and script/style contents) removed, entities
    decoded, whitespace folded to single spaces.

    With `paragraphs=True`, paragraphs (block elements, double <br>, blank lines) are
    kept apart by a blank line ("\\n\\n") instead of a space.
    """
    parts = _paragraphs(html, blank_lines=paragraphs)
    return ("\n\n" if paragraphs else " ").join(parts)


def plain_text(text: str, *, paragraphs: bool = False) -> str:
    """Text a feed says is plain (Atom `type="text"`, a JSON Feed's title, summary and
    content_text): nothing in it is markup, so "stop using <div> for buttons" keeps its
    "<div>"; entities escaped once too often ("AT&amp;T") are decoded; whitespace folded,
    and with `paragraphs=True` paragraphs (blank lines) kept apart by a blank line."""
    if not isinstance(text, str) or not text:
        return ""
    if _LEFTOVER_ENTITY.search(text):
        text = html.unescape(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = [p for p in (fold(chunk) for chunk in _BLANK_LINE.split(text)) if p]
    return ("\n\n" if paragraphs else " ").join(parts)


def first_paragraph(html: str) -> str:
    """The first non-empty paragraph of an HTML fragment, as plain text ("" if none)."""
    parts = _paragraphs(html)
    return parts[0] if parts else ""


class _ImageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        values = {name.lower(): (value or "").strip() for name, value in attrs}
        if junk_image_tag(values):
            return  # a pixel, an icon, a hidden image or a share button
        for name in ("src", "data-src", "data-lazy-src", "data-original"):
            src = values.get(name, "")
            if src and not not_an_address(src):
                self.sources.append(src)
                return
        srcset = values.get("srcset", "")
        if srcset:
            self.sources.append(srcset.split(",")[0].strip().split(" ")[0])

    handle_startendtag = handle_starttag


def first_image(html: str, base: str | None) -> str | None:
    """The first <img> source of an HTML fragment, resolved against `base`; http(s) only."""
    if not isinstance(html, str) or "<" not in html:
        return None
    parser = _ImageParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:
        pass
    for src in parser.sources:
        candidate = src.strip()
        if candidate.startswith("//"):
            candidate = "https:" + candidate
        elif base:
            try:
                candidate = urljoin(base, candidate)
            except ValueError:
                continue
        if is_http_url(candidate) and not junk_image_url(candidate):
            return candidate
    return None


def cut_at_word(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` when it fits in `limit` characters, else cut at a word boundary with `ellipsis`."""
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    room = max(limit - len(ellipsis), 0)
    cut = whole_graphemes(text, room)  # a letter keeps its accent, a flag stays whole
    if not text[len(cut)].isspace():
        space = max(cut.rfind(" "), cut.rfind("\n"))
        if space >= room // 2:
            cut = cut[:space]
    return cut.rstrip(" \n,;:-–—") + ellipsis

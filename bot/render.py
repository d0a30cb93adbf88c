"""Jinja2 environment and story messages cut to fit Telegram's limits (HTML parse mode).

Everything that comes from a story is escaped by autoescape; lengths are measured on the
rendered HTML the way Telegram counts them (after entity parsing, in code points), and the
lead is trimmed as plain text before escaping, so no tag or entity is ever cut in half.
"""

from __future__ import annotations

import html as _html
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
)
from jinja2.loaders import split_template_path

from bot import i18n, telegram_html
from bot.models import Article, Topic
from bot.resources import resource_dir

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
TITLE_LIMIT = 300
MIN_CAPTION_LEAD = 200
MAX_HASHTAGS = 10
HASHTAG_LIMIT = 64
URL_LIMIT = 2048
ELLIPSIS = "…"

STORY_TEMPLATE = "story.html.j2"
CAPTION_TEMPLATE = "story_caption.html.j2"

# The fixed words of a story are the `story.*` texts of the bot's catalogue (bot/i18n.py).
STORY_WORDS = "story."


class RenderError(ValueError):
    """A message could not be rendered into something Telegram accepts."""


@dataclass(frozen=True, slots=True)
class StoryMessage:
    """A story ready for the Bot API with parse_mode=HTML."""

    text: str  # HTML; the caption when `photo` is set
    photo: str | None  # image URL when sent as a photo
    disable_preview: bool


@dataclass(frozen=True, slots=True)
class TopicTag:
    """A story's topic as the templates see it."""

    slug: str
    title: str
    hashtag: str  # "#politics", always a valid Telegram hashtag


# --- plain-text helpers ---------------------------------------------------------------

_NO_BREAK_SPACES = frozenset("\xa0\u2007\u202f")
_TRIM_TAIL = " \t\n\xa0,;:.-–—(«„“‘'\"/\\"
_ZWJ = "\u200d"

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_SPACES = re.compile(r"[\t\x0b\x0c]")
# C0/C1 controls (but \n), bidi embeddings/overrides that tdlib deletes, lone surrogates,
# non-characters.
_DROP = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\ud800-\udfff\ufffe\uffff]")
_HSPACE_RUN = re.compile(r"[ ]{2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_NOT_WORD = re.compile(r"\W+")


def _is_break(char: str) -> bool:
    return char.isspace() and char not in _NO_BREAK_SPACES


def _is_extender(char: str) -> bool:
    """Whether `char` belongs to the grapheme before it (marks, ZWJ, selectors, skin tones)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or char == _ZWJ
        or 0xFE00 <= code <= 0xFE0F
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
        or 0xE0100 <= code <= 0xE01EF
    )


def _hard_cut(text: str, size: int) -> str:
    """`text[:size]`, moved back so that no grapheme loses its marks or ZWJ partner."""
    cut = size
    while 0 < cut < len(text) and (_is_extender(text[cut]) or text[cut - 1] == _ZWJ):
        cut -= 1
    return text[:cut]


def trim_words(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` code points at a word boundary, ending in "…".

    Text that fits is returned unchanged. Without a word boundary in the first part (or
    when the last one comes before half of it: a long URL, say) the cut is hard.
    """
    if len(text) <= limit:
        return text
    if limit <= 0:
        return ""
    room = limit - 1
    if room == 0:
        return ELLIPSIS
    head = text[:room]
    if _is_break(text[room]):
        cut = head
    else:
        breaks = [i for i in range(len(head) - 1, -1, -1) if _is_break(head[i])][:1]
        cut = head[: breaks[0]] if breaks else ""
    cut = cut.rstrip(_TRIM_TAIL)
    if len(cut) < room // 2:
        cut = _hard_cut(text, room).rstrip(" \t\n")
    return cut + ELLIPSIS


def clean_text(text: str) -> str:
    """Drop what Telegram would delete or choke on; keep paragraphs, collapse spaces."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _SPACES.sub(" ", text)
    text = _DROP.sub("", text)
    lines = [_HSPACE_RUN.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """Like `clean_text`, on one line: every run of whitespace becomes a single space."""
    return " ".join(clean_text(text).split())


def _has_visible(text: str) -> bool:
    return any(not (c.isspace() or unicodedata.category(c) in ("Cf", "Cc", "Zs")) for c in text)


def hashtag(slug: str) -> str:
    """`#slug` as a valid Telegram hashtag (letters, digits, `_`), or "" when impossible."""
    body = _NOT_WORD.sub("_", clean_line(slug)).strip("_")[:HASHTAG_LIMIT].rstrip("_")
    if not any(c.isalpha() for c in body):
        return ""
    return "#" + body


def safe_url(url: str | None) -> str | None:
    """An http(s) URL fit for an href or a photo, whitespace percent-encoded; else None."""
    if not url:
        return None
    url = _DROP.sub("", url.strip())
    url = re.sub(r"\s", lambda m: quote(m.group()), url)
    if not url or len(url) > URL_LIMIT:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# --- HTML measurement and checking ----------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\s+href=\"([^\"]*)\"\s*>(.*?)</a>", re.DOTALL)
_TRIMMED = " \t\n\r"  # what Telegram trims from both ends of a message before counting


def visible_length(html: str) -> int:
    """Length of `html` as Telegram counts it: the parsed text, ends trimmed, in code points.

    Telegram's own parser decides (see `bot.telegram_html`); HTML it refuses is measured
    approximately (tags dropped, entities decoded), as `check_html` rejects it anyway.
    """
    text, error = telegram_html.parse(html)
    if error is not None:
        text = _html.unescape(_TAG.sub("", html))
    return len(text.strip(_TRIMMED))


def html_errors(html: str) -> list[str]:
    """Why Telegram's HTML parser would refuse `html` (empty when it accepts it).

    Telegram stops at the first problem, so there is at most one, in TDLib's words.
    """
    error = telegram_html.parse(html).error
    return [] if error is None else [error]


def check_html(html: str, *, limit: int = TEXT_LIMIT, allow_empty: bool = False) -> None:
    """Raise `RenderError` unless Telegram would accept `html` as a text (or caption).

    The verdict is TDLib's (`bot.telegram_html`): markup it refuses, a text that is empty
    after trimming (unless `allow_empty`, for captions), or longer than `limit` code points.
    """
    text, error = telegram_html.parse(html)
    if error is not None:
        raise RenderError(error)
    length = len(text.strip(_TRIMMED))
    if length > limit:
        raise RenderError(f"{length} characters, more than {limit}")
    if length == 0 and not allow_empty:
        raise RenderError("empty text")


def plain(html: str) -> str:
    """`html` for a terminal: links as "text (url)", other tags dropped, entities decoded."""

    def link(match: re.Match[str]) -> str:
        return f"{match.group(2)} ({match.group(1)})"

    return _html.unescape(_TAG.sub("", _LINK.sub(link, html)))


# --- templates ------------------------------------------------------------------------


class TraversableLoader(BaseLoader):
    """Loads templates from an importlib.resources folder (the shipped `templates/`)."""

    def __init__(self, root: Traversable) -> None:
        self.root = root

    def _find(self, template: str) -> Traversable:
        # split_template_path raises TemplateNotFound for "..", so names stay inside root.
        node = self.root
        for piece in split_template_path(template):
            if "\\" in piece or ":" in piece:
                raise TemplateNotFound(template)
            node = node.joinpath(piece)
        if not node.is_file():
            raise TemplateNotFound(template)
        return node

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        node = self._find(template)
        return node.read_text("utf-8"), str(node), lambda: True

    def list_templates(self) -> list[str]:
        def walk(node: Traversable, prefix: str) -> Iterator[str]:
            for child in node.iterdir():
                if child.is_dir():
                    yield from walk(child, f"{prefix}{child.name}/")
                elif child.is_file():
                    yield prefix + child.name

        return sorted(walk(self.root, ""))


def make_environment(templates_dir: Path | None = None) -> Environment:
    """The Jinja2 environment: `templates_dir` (a newsroom's overrides) first, then ours."""
    loaders: list[BaseLoader] = []
    if templates_dir is not None:
        if not Path(templates_dir).is_dir():
            raise RenderError(f"TEMPLATES_DIR {templates_dir} is not a folder")
        loaders.append(FileSystemLoader(str(templates_dir), encoding="utf-8"))
    loaders.append(TraversableLoader(resource_dir("templates")))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["trim_words"] = trim_words
    env.filters["hashtag"] = hashtag
    return env


def catalogue(language: str) -> dict[str, str]:
    """Fixed words for `language` (anything but a catalogue language gets English), by name
    without the `story.` prefix: templates write `{{ t.read_more }}`."""
    lang = language if language in i18n.LANGUAGES else "en"
    return dict(_story_words(lang))


@cache
def _story_words(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (key.removeprefix(STORY_WORDS), i18n.t(lang, key))
        for key in sorted(i18n.keys(lang))
        if key.startswith(STORY_WORDS)
    )


@dataclass(frozen=True, slots=True)
class _Parts:
    """The plain-text pieces of a story, before escaping."""

    title: str
    lead: str
    url: str | None
    tags: tuple[TopicTag, ...]


class Renderer:
    """Renders stories and other messages with the shipped or the newsroom's templates."""

    def __init__(self, templates_dir: Path | None = None, *, topics: Sequence[Topic] = ()) -> None:
        self.env = make_environment(templates_dir)
        self.topics = {topic.slug: topic for topic in topics}

    def render(self, template_name: str, **context: object) -> str:
        """Render any template; `lang` defaults to "uk" and `t` to its fixed words."""
        lang = context.get("lang", "uk")
        context.setdefault("lang", lang)
        context.setdefault("t", catalogue(lang if isinstance(lang, str) else "uk"))
        return self.env.get_template(template_name).render(**context)

    def story(
        self,
        article: Article,
        *,
        language: str = "uk",
        link_preview: bool = True,
        as_photo: bool | None = None,
    ) -> StoryMessage:
        """A story as a photo with a caption when it fits 1,024 characters, else as text.

        `as_photo` forces the form (True: a caption, e.g. to edit a photo message in place;
        its `photo` is then the article's image, possibly None). A text message of a story
        with an image keeps the link preview, which shows the image, whatever `link_preview`.
        """
        lang = language if language in i18n.LANGUAGES else "en"
        parts = self._parts(article, lang)
        image = safe_url(article.image_url)
        base = {"article": article, "lang": lang, "t": catalogue(lang)}
        if as_photo or (as_photo is None and image is not None):
            caption = self._fit(
                CAPTION_TEMPLATE,
                parts,
                base,
                CAPTION_LIMIT,
                min_lead=None if as_photo else MIN_CAPTION_LEAD,
            )
            if caption is not None:
                return StoryMessage(text=caption, photo=image, disable_preview=True)
        text = self._fit(STORY_TEMPLATE, parts, base, TEXT_LIMIT, min_lead=None)
        assert text is not None
        preview = link_preview or image is not None
        return StoryMessage(text=text, photo=None, disable_preview=not preview)

    def preview(self, message: StoryMessage) -> str:
        """A plain-terminal rendering of a message for `newsbot preview` and dry runs."""
        head = f"[photo: {message.photo}]\n" if message.photo else ""
        return head + plain(message.text)

    # --- internals ----------------------------------------------------------------

    def _parts(self, article: Article, lang: str) -> _Parts:
        title = trim_words(clean_line(article.title or ""), TITLE_LIMIT)
        if not _has_visible(title):
            title = catalogue(lang)["untitled"]
        lead = clean_text(article.lead or "")
        if lead.casefold() == title.casefold() or not _has_visible(lead):
            lead = ""
        tags: list[TopicTag] = []
        for slug in article.topics:
            tag = hashtag(slug)
            if tag and all(tag != seen.hashtag for seen in tags):
                topic = self.topics.get(slug)
                tags.append(TopicTag(slug, topic.title(lang) if topic else slug, tag))
        return _Parts(title, lead, safe_url(article.url), tuple(tags[:MAX_HASHTAGS]))

    def _try(self, template: str, parts: _Parts, base: dict[str, object]) -> tuple[str, int]:
        html = self.render(
            template,
            **base,
            caption=template == CAPTION_TEMPLATE,
            title=parts.title,
            lead=parts.lead,
            url=parts.url,
            topics=list(parts.tags),
            hashtags=[tag.hashtag for tag in parts.tags],
        ).strip()
        return html, visible_length(html)

    def _fit_lead(
        self, template: str, parts: _Parts, base: dict[str, object], limit: int
    ) -> tuple[_Parts, str, int]:
        """Trim the lead until the message fits (or the lead is gone)."""
        html, length = self._try(template, parts, base)
        lead = parts.lead
        budget = len(lead)
        for _ in range(8):
            if length <= limit or not lead:
                break
            budget = min(budget - max(length - limit, 1), len(lead) - 1)
            lead = trim_words(parts.lead, budget) if budget > 1 else ""
            if not _has_visible(lead.removesuffix(ELLIPSIS)):
                lead = ""
            html, length = self._try(template, replace(parts, lead=lead), base)
        return replace(parts, lead=lead), html, length

    def _fit(
        self,
        template: str,
        parts: _Parts,
        base: dict[str, object],
        limit: int,
        *,
        min_lead: int | None,
    ) -> str | None:
        """The message within `limit`; None when that needs a lead under `min_lead`.

        Without `min_lead` it always fits: the lead goes, then the hashtags, then the
        title is cut; only a template whose own text is too long raises RenderError.
        """
        fitted, html, length = self._fit_lead(template, parts, base, limit)
        if min_lead is not None and length <= limit and fitted.lead != parts.lead:
            kept = len(fitted.lead.removesuffix(ELLIPSIS))
            if kept < min_lead:
                return None
        if length > limit:
            if min_lead is not None:
                return None
            fitted = replace(fitted, lead="", tags=())
            html, length = self._try(template, fitted, base)
            budget = len(fitted.title)
            for _ in range(8):
                if length <= limit or budget <= 1:
                    break
                budget = min(budget - max(length - limit, 1), len(fitted.title) - 1)
                title = trim_words(fitted.title, max(budget, 1))
                html, length = self._try(template, replace(fitted, title=title), base)
        check_html(html, limit=limit, allow_empty=template == CAPTION_TEMPLATE)
        return html

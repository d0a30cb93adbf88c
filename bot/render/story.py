"""Story messages cut to fit Telegram's limits (HTML parse mode): the Renderer.

Everything that comes from a story is escaped by autoescape; lengths are measured on the
rendered HTML the way Telegram counts them (after entity parsing, in code points), and the
lead is trimmed as plain text before escaping, so no tag or entity is ever cut in half.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

from bot import locales as i18n
from bot.models import Article, Topic, utcnow
from bot.render.html import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    RenderError,
    check_html,
    plain,
    visible_length,
)
from bot.render.templates import make_environment
from bot.render.trim import (
    ELLIPSIS,
    LINK_LIMIT,
    _has_visible,
    clean_line,
    clean_text,
    hashtag,
    safe_url,
    trim_words,
)

log = logging.getLogger(__name__)

TITLE_LIMIT = 300
RECALL_TITLE_LIMIT = 200
PLACE_LIMIT = 60  # a dateline or a source's name, each: one short line under the headline
MIN_CAPTION_LEAD = 200
MAX_HASHTAGS = 10
STORY_TEMPLATE = "story.html.j2"
CAPTION_TEMPLATE = "story_caption.html.j2"

# The fixed words of a story are the `story.*` texts of the bot's catalogue (bot/locales.py).
STORY_WORDS = "story."


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
    recall: RecallLink | None = None
    dateline: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class RecallLink:
    """The related earlier story at a post's end, as the templates see it."""

    title: str
    url: str


class Renderer:
    """Renders stories and other messages with the shipped or the newsroom's templates."""

    def __init__(self, templates_dir: Path | None = None, *, topics: Sequence[Topic] = ()) -> None:
        self.templates_dir = templates_dir
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
        template: str | None = None,
    ) -> StoryMessage:
        """A story as a photo with a caption when it fits 1,024 characters, else as text.

        `as_photo` forces the form (True: a caption, e.g. to edit a photo message in place;
        its `photo` is then the article's image, possibly None). A text message of a story
        with an image keeps the link preview, which shows the image, whatever `link_preview`.
        `template`: an edition's own template (a name under TEMPLATES_DIR), used for both
        forms (its `caption` is true in a caption); None: the shipped ones.
        """
        lang = language if language in i18n.LANGUAGES else "en"
        parts = self._parts(article, lang)
        image = safe_url(article.image_url)
        base = {"article": article, "lang": lang, "t": catalogue(lang)}
        if as_photo or (as_photo is None and image is not None):
            caption = self._fit(
                template or CAPTION_TEMPLATE,
                parts,
                base,
                CAPTION_LIMIT,
                min_lead=None if as_photo else MIN_CAPTION_LEAD,
                caption=True,
            )
            if caption is not None:
                return StoryMessage(text=caption, photo=image, disable_preview=True)
        text = self._fit(template or STORY_TEMPLATE, parts, base, TEXT_LIMIT, min_lead=None)
        assert text is not None
        preview = link_preview or image is not None
        return StoryMessage(text=text, photo=None, disable_preview=not preview)

    def check_template(self, name: str) -> None:
        """Raise RenderError saying what is wrong unless `name` is a template that renders a
        sample story, as text and as a caption, in every language, into HTML Telegram takes."""
        try:
            self.env.get_template(name)
        except TemplateNotFound:
            where = (
                "TEMPLATES_DIR"
                if self.templates_dir
                else "the templates (TEMPLATES_DIR is not set)"
            )
            raise RenderError(f"template {name}: no such file in {where}") from None
        except TemplateSyntaxError as exc:
            raise RenderError(f"template {name}: line {exc.lineno}: {exc.message}") from None
        for lang in i18n.LANGUAGES:
            for photo in (False, True):
                sample = _sample_story("https://example.org/photo.jpg" if photo else None)
                try:
                    self.story(sample, language=lang, template=name, as_photo=photo)
                except RenderError as exc:
                    raise RenderError(f"template {name}: {exc}") from None
                except TemplateError as exc:
                    raise RenderError(f"template {name}: {exc.message or exc}") from None

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
        recall = None
        if article.recall is not None:
            recall_url = safe_url(article.recall.url)
            recall_title = trim_words(clean_line(article.recall.title), RECALL_TITLE_LIMIT)
            if recall_url and _has_visible(recall_title):
                recall = RecallLink(recall_title, recall_url)
        return _Parts(
            title,
            lead,
            _story_link(article),
            tuple(tags[:MAX_HASHTAGS]),
            recall,
            dateline=_place(article.dateline),
            source=_place(article.source),
        )

    def _try(
        self, template: str, parts: _Parts, base: dict[str, object], caption: bool
    ) -> tuple[str, int]:
        html = self.render(
            template,
            **base,
            caption=caption,
            title=parts.title,
            lead=parts.lead,
            url=parts.url,
            topics=list(parts.tags),
            hashtags=[tag.hashtag for tag in parts.tags],
            recall=parts.recall,
            dateline=parts.dateline,
            source=parts.source,
        ).strip()
        return html, visible_length(html)

    def _fit_lead(
        self, template: str, parts: _Parts, base: dict[str, object], limit: int, caption: bool
    ) -> tuple[_Parts, str, int]:
        """Trim the lead until the message fits (or the lead is gone)."""
        html, length = self._try(template, parts, base, caption)
        lead = parts.lead
        budget = len(lead)
        for _ in range(8):
            if length <= limit or not lead:
                break
            budget = min(budget - max(length - limit, 1), len(lead) - 1)
            lead = trim_words(parts.lead, budget) if budget > 1 else ""
            if not _has_visible(lead.removesuffix(ELLIPSIS)):
                lead = ""
            html, length = self._try(template, replace(parts, lead=lead), base, caption)
        return replace(parts, lead=lead), html, length

    def _fit(
        self,
        template: str,
        parts: _Parts,
        base: dict[str, object],
        limit: int,
        *,
        min_lead: int | None,
        caption: bool = False,
    ) -> str | None:
        """The message within `limit`; None when that needs a lead under `min_lead`.

        Without `min_lead` it always fits: the lead goes, then the hashtags, then the
        title is cut; only a template whose own text is too long raises RenderError.
        """
        fitted, html, length = self._fit_lead(template, parts, base, limit, caption)
        if min_lead is not None and length <= limit and fitted.lead != parts.lead:
            kept = len(fitted.lead.removesuffix(ELLIPSIS))
            if kept < min_lead:
                return None
        if length > limit:
            if min_lead is not None:
                return None
            fitted = replace(fitted, lead="", tags=(), recall=None)
            html, length = self._try(template, fitted, base, caption)
            budget = len(fitted.title)
            for _ in range(8):
                if length <= limit or budget <= 1:
                    break
                budget = min(budget - max(length - limit, 1), len(fitted.title) - 1)
                title = trim_words(fitted.title, max(budget, 1))
                html, length = self._try(template, replace(fitted, title=title), base, caption)
        check_html(html, limit=limit, allow_empty=caption)
        return html


def _story_link(article: Article) -> str | None:
    """The story's URL for its link, up to LINK_LIMIT characters. A URL that can't be one
    (too long, not http(s)) leaves the post without a link, and a warning says so."""
    url = safe_url(article.url, LINK_LIMIT)
    if url is None and article.url and article.url.strip():
        log.warning(
            "story %s goes without its link: its URL (%d characters, %r) is not an http(s) "
            "URL of at most %d characters",
            article.id,
            len(article.url),
            article.url[:60] + ("…" if len(article.url) > 60 else ""),
            LINK_LIMIT,
        )
    return url


def _place(text: str | None) -> str:
    """A dateline or source name as one short plain line ("" when there is nothing to show)."""
    line = trim_words(clean_line(text or ""), PLACE_LIMIT)
    return line if _has_visible(line) else ""


def _sample_story(image_url: str | None) -> Article:
    """A story to try a template on."""
    return Article(
        id=0,
        url="https://example.org/news/1",
        title="Sample headline",
        lead="A sample lead of a story, a sentence or two long.",
        published_at=utcnow(),
        image_url=image_url,
        source="Sample",
        language="en",
        topics=["politics"],
    )

"""What messages look like: stories, digests and keyboards, in Telegram's HTML.

`html` judges HTML as Telegram does, `trim` prepares plain-text parts, `templates` holds
the Jinja2 environment, `story` the Renderer, `digest` groups and splits digests, and
`keyboards` builds inline keyboards and reads their callback data.
"""

from __future__ import annotations

from bot.render.html import (
    CAPTION_LIMIT,
    TEXT_LIMIT,
    RenderError,
    check_html,
    html_errors,
    plain,
    visible_length,
)
from bot.render.story import Renderer, StoryMessage, TopicTag, catalogue
from bot.render.templates import TraversableLoader, make_environment
from bot.render.trim import clean_line, clean_text, hashtag, safe_url, trim_words

__all__ = [
    "CAPTION_LIMIT",
    "TEXT_LIMIT",
    "RenderError",
    "Renderer",
    "StoryMessage",
    "TopicTag",
    "TraversableLoader",
    "catalogue",
    "check_html",
    "clean_line",
    "clean_text",
    "hashtag",
    "html_errors",
    "make_environment",
    "plain",
    "safe_url",
    "trim_words",
    "visible_length",
]

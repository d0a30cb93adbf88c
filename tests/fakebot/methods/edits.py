"""Edits: editMessageText, editMessageCaption, editMessageMedia (a photo for a photo),
editMessageReplyMarkup ("message is not modified" included).
"""

from __future__ import annotations

import time

from fakebot.methods.base import Server
from fakebot.model import (
    JSON,
    NOT_MODIFIED,
    Chat,
    Params,
    SentMessage,
    bad_request,
    input_media_params,
)


class EditsMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _editable(self: Server, p: Params) -> tuple[Chat, SentMessage] | None:
        if p.has("inline_message_id"):
            return None
        chat = self._resolve_chat(p)
        mid = p.get_int("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(mid)
        if msg is None or msg.deleted:
            if mid in chat.incoming:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return chat, msg

    def _edited(self: Server, chat: Chat, msg: SentMessage) -> JSON:
        msg.edited += 1
        msg.edit_date = int(time.time())
        self.counters["edited"] += 1
        self._wake()
        return self._message_api(msg, chat)

    def _edit_message_text(self: Server, p: Params) -> JSON | bool:
        found = self._editable(p)
        if found is None:
            self._text(p)
            self._markup(p)
            return True
        chat, msg = found
        if msg.kind != "text":
            raise bad_request("there is no text in the message to edit")
        raw, parsed = self._text(p)
        markup = self._markup(p)
        if (
            parsed.text == msg.text
            and parsed.entities == msg.entities
            and markup == msg.reply_markup
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        self._rate_check(chat, p)
        msg.text, msg.html, msg.entities, msg.reply_markup = (
            parsed.text,
            raw,
            parsed.entities,
            markup,
        )
        msg.parse_mode = p.get_str("parse_mode")
        preview = p.get_json("link_preview_options")
        if isinstance(preview, dict):
            msg.link_preview_options = preview
        return self._edited(chat, msg)

    def _edit_message_caption(self: Server, p: Params) -> JSON | bool:
        found = self._editable(p)
        if found is None:
            self._caption(p.get_str("caption"), p)
            self._markup(p)
            return True
        chat, msg = found
        if msg.kind == "text":
            raise bad_request("there is no caption in the message to edit")
        raw = p.get_str("caption")
        caption = self._caption(raw, p)
        markup = self._markup(p)
        if (
            caption.text == (msg.caption or "")
            and caption.entities == msg.caption_entities
            and markup == msg.reply_markup
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        self._rate_check(chat, p)
        msg.caption, msg.caption_html, msg.caption_entities = caption.text, raw, caption.entities
        msg.reply_markup = markup
        msg.parse_mode = p.get_str("parse_mode")
        return self._edited(chat, msg)

    def _edit_message_media(self: Server, p: Params) -> JSON | bool:
        """A media message's file and caption replaced: here photos only, as the bot edits
        them (a text message can't become one; the caption is the new media's own)."""
        media = p.get_json("media")
        if not isinstance(media, dict):
            raise bad_request("can't parse InputMedia: media is not an object")
        if media.get("type") != "photo":
            raise bad_request("can't parse InputMedia: unsupported media type")
        sub = input_media_params(media, p.files)
        raw = media.get("caption")
        if raw is not None and not isinstance(raw, str):
            raise bad_request("can't parse InputMedia: caption is not a string")
        caption = self._caption(raw, sub)
        markup = self._markup(p)
        found = self._editable(p)
        if found is None:
            self._photo_sizes(sub, "media")
            return True
        chat, msg = found
        if msg.kind == "text":
            raise bad_request("there is no media in the message to edit")
        sizes, source = self._photo_sizes(sub, "media")
        if (
            source == msg.photo_source
            and caption.text == (msg.caption or "")
            and caption.entities == msg.caption_entities
            and markup == msg.reply_markup
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        self._rate_check(chat, p)
        msg.kind, msg.photo, msg.photo_source = "photo", sizes, source
        msg.caption, msg.caption_html, msg.caption_entities = caption.text, raw, caption.entities
        msg.reply_markup = markup
        msg.parse_mode = media.get("parse_mode")
        return self._edited(chat, msg)

    def _edit_message_reply_markup(self: Server, p: Params) -> JSON | bool:
        found = self._editable(p)
        markup = self._markup(p)
        if found is None:
            return True
        chat, msg = found
        if markup == msg.reply_markup:
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        msg.reply_markup = markup
        return self._edited(chat, msg)

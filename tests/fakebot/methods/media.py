"""Media messages: sendPhoto, sendDocument, sendMediaGroup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fakebot.methods.base import Server
from fakebot.model import JSON, Params, bad_request, input_media_params


class MediaMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _send_photo(self: Server, p: Params) -> JSON:
        def photo() -> dict[str, Any]:
            sizes, source = self._photo_sizes(p)
            return {"photo": sizes, "photo_source": source}

        return self._send_captioned(p, "photo", "sendPhoto", photo)

    def _send_document(self: Server, p: Params) -> JSON:
        def document() -> dict[str, Any]:
            return {"document": self._document(p)[0]}

        return self._send_captioned(p, "document", "sendDocument", document)

    def _send_captioned(
        self: Server, p: Params, kind: str, method: str, media: Callable[[], dict[str, Any]]
    ) -> JSON:
        """A message of one file with a caption; `media` checks the file and gives its fields,
        after the chat, caption, markup and reply are checked and before the rate limits."""
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        raw_caption = p.get_str("caption")
        caption = self._caption(raw_caption, p)
        markup = self._markup(p)
        reply_to = self._reply_to(chat, p)
        fields = media()
        self._rate_check(chat, p)
        msg = self._store(
            chat,
            kind,
            p,
            method,
            thread_id=thread,
            caption=caption.text,
            caption_html=raw_caption,
            caption_entities=caption.entities,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            reply_to_message_id=reply_to,
            **fields,
        )
        return self._message_api(msg, chat)

    def _send_media_group(self: Server, p: Params) -> list[JSON]:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        media = p.get_json("media")
        if not isinstance(media, list):
            raise bad_request("can't parse media JSON object")
        if not 2 <= len(media) <= 10:
            raise bad_request("media group must include 2-10 items")
        reply_to = self._reply_to(chat, p)
        prepared: list[JSON] = []
        kinds = set()
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in (
                "photo",
                "document",
                "video",
                "audio",
            ):
                raise bad_request("can't parse InputMedia: unsupported media type")
            kinds.add("document" if item["type"] == "document" else "other")
            sub = input_media_params(item, p.files)
            raw_caption = item.get("caption")
            caption = self._caption(raw_caption, sub)
            if item["type"] == "document":
                doc, source = self._document(sub, "media")
                prepared.append(
                    {"kind": "document", "document": doc, "caption": caption, "raw": raw_caption}
                )
            else:
                sizes, source = self._photo_sizes(sub, "media")
                prepared.append(
                    {
                        "kind": "photo",
                        "photo": sizes,
                        "source": source,
                        "caption": caption,
                        "raw": raw_caption,
                        "parse_mode": item.get("parse_mode"),
                    }
                )
        if len(kinds) > 1:
            raise bad_request("documents can't be mixed with other media types")
        self._rate_check(chat, p)
        self._media_group_counter += 1
        group_id = str(13_000_000_000_000_000 + self._media_group_counter)
        out = []
        for item in prepared:
            msg = self._store(
                chat,
                item["kind"],
                p,
                "sendMediaGroup",
                thread_id=thread,
                caption=item["caption"].text,
                caption_html=item["raw"],
                caption_entities=item["caption"].entities,
                parse_mode=item.get("parse_mode"),
                photo=item.get("photo"),
                photo_source=item.get("source"),
                document=item.get("document"),
                media_group_id=group_id,
                reply_to_message_id=reply_to,
            )
            out.append(self._message_api(msg, chat))
        return out

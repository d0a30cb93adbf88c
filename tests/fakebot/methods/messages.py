"""Text messages: sendMessage, sendChatAction, deleteMessage, and how a stored message is stored
and shown as a Message.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

from fakebot.methods.base import Server
from fakebot.model import JSON, Chat, Params, SentMessage, bad_request


class MessagesMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _store(
        self: Server, chat: Chat, kind: str, p: Params, method: str, **kw: Any
    ) -> SentMessage:
        self._seq += 1
        msg = SentMessage(
            chat_id=chat.id,
            message_id=chat.take_message_id(),
            kind=kind,
            date=int(time.time()),
            seq=self._seq,
            disable_notification=p.get_bool("disable_notification"),
            protect_content=p.get_bool("protect_content"),
            method=method,
            **kw,
        )
        chat.messages[msg.message_id] = msg
        self._all.append(msg)
        self.counters["sent"] += 1
        self._wake()
        return msg

    def _message_api(self: Server, msg: SentMessage, chat: Chat) -> JSON:
        out: JSON = {"message_id": msg.message_id}
        if chat.type == "channel":
            out["sender_chat"] = chat.api()
        else:
            out["from"] = self.bot_user
        out["chat"] = chat.api()
        out["date"] = msg.date
        if msg.thread_id is not None:
            out["message_thread_id"] = msg.thread_id
            if chat.is_forum:
                out["is_topic_message"] = True
        if msg.reply_to_message_id is not None:
            replied = self._message_api_by_id(chat, msg.reply_to_message_id, nested=True)
            if replied is not None:
                out["reply_to_message"] = replied
        if msg.edit_date is not None:
            out["edit_date"] = msg.edit_date
        if msg.protect_content:
            out["has_protected_content"] = True
        if msg.media_group_id is not None:
            out["media_group_id"] = msg.media_group_id
        if msg.kind == "text":
            out["text"] = msg.text
            if msg.entities:
                out["entities"] = msg.entities
            if msg.link_preview_options:
                out["link_preview_options"] = msg.link_preview_options
        else:
            if msg.photo is not None:
                out["photo"] = msg.photo
            if msg.document is not None:
                out["document"] = msg.document
            if msg.caption:
                out["caption"] = msg.caption
                if msg.caption_entities:
                    out["caption_entities"] = msg.caption_entities
        if msg.reply_markup is not None:
            out["reply_markup"] = msg.reply_markup
        return out

    def _message_api_by_id(self: Server, chat: Chat, mid: int, nested: bool = False) -> JSON | None:
        sent = chat.messages.get(mid)
        if sent is not None:
            if nested:
                sent_copy = SentMessage(**{**asdict(sent), "reply_to_message_id": None})
                return self._message_api(sent_copy, chat)
            return self._message_api(sent, chat)
        incoming = chat.incoming.get(mid)
        if incoming is not None:
            return {k: v for k, v in incoming.items() if k != "reply_to_message"}
        return None

    def _send_message(self: Server, p: Params) -> JSON:
        chat = self._resolve_chat(p)
        thread = self._thread(chat, p)
        raw, parsed = self._text(p)
        markup = self._markup(p)
        reply_to = self._reply_to(chat, p)
        preview = p.get_json("link_preview_options")
        if preview is None and p.get_bool("disable_web_page_preview"):
            preview = {"is_disabled": True}
        self._rate_check(chat, p)
        msg = self._store(
            chat,
            "text",
            p,
            "sendMessage",
            thread_id=thread,
            text=parsed.text,
            html=raw,
            entities=parsed.entities,
            parse_mode=p.get_str("parse_mode"),
            reply_markup=markup,
            link_preview_options=preview if isinstance(preview, dict) else None,
            reply_to_message_id=reply_to,
        )
        return self._message_api(msg, chat)

    def _send_chat_action(self: Server, p: Params) -> bool:
        chat = self._resolve_chat(p)
        self._thread(chat, p)
        if not p.get_str("action"):
            raise bad_request("wrong parameter action in request")
        return True

    def _delete_message(self: Server, p: Params) -> bool:
        chat = self._resolve_chat(p, sending=False)
        mid = p.get_int("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        msg = chat.messages.get(mid)
        if msg is not None and not msg.deleted:
            msg.deleted = True
            del chat.messages[mid]
            self._all.remove(msg)  # O(n), deletions are rare
            self.counters["deleted"] += 1
            self._wake()
            return True
        if chat.incoming.pop(mid, None) is not None:
            return True
        raise bad_request("message to delete not found")

"""Updates: what users send (``inject_update``, ``inject_message``, ``inject_document``) and
getUpdates long polling (409 on a second poller, and while a webhook is set: methods/webhook.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from fakebot.html import detect_entities
from fakebot.methods.base import Server
from fakebot.methods.webhook import TERMINATED
from fakebot.model import JSON, ApiError, Params, user_json


class UpdatesMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def inject_update(self: Server, update: JSON) -> JSON:
        """Queue a raw Update for getUpdates (``update_id`` is assigned if missing)."""
        update = dict(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        self._next_update_id = max(self._next_update_id, int(update["update_id"])) + 1
        for key in ("message", "callback_query", "edited_message", "my_chat_member"):
            body = update.get(key)
            if isinstance(body, dict):
                sender = body.get("from")
                if isinstance(sender, dict) and sender.get("id", 0) > 0:
                    cid = int(sender["id"])
                    chat = self._chats.get(cid)
                    if chat is None:
                        self.add_private_chat(
                            cid,
                            sender.get("first_name", "User"),
                            last_name=sender.get("last_name"),
                            username=sender.get("username"),
                            language_code=sender.get("language_code"),
                        )
                    elif key == "message" and body.get("chat", {}).get("id") == cid:
                        chat.blocked = False  # writing to the bot unblocks it
        self._updates.append(update)
        self._wake()
        return update

    def inject_message(
        self: Server,
        user_id: int,
        text: str,
        *,
        first_name: str = "U",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        chat_id: int | None = None,
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        forward_origin: JSON | None = None,
    ) -> JSON:
        """A user writes ``text`` to the bot (private chat unless ``chat_id``); with
        ``forward_origin`` (a MessageOrigin, see :func:`channel_origin`) the user forwards a
        message: Telegram keeps its text and entities (a ``/command`` stays a bot_command
        entity) and adds the origin."""
        user = user_json(user_id, first_name, last_name, username, language_code)
        if chat_id is None or chat_id == user_id:
            chat = self._chats.get(user_id)
            if chat is None:
                chat = self.add_private_chat(
                    user_id,
                    first_name,
                    last_name=last_name,
                    username=username,
                    language_code=language_code,
                )
        else:
            found = self._chats.get(chat_id)
            chat = found if found is not None else self.add_group(chat_id)
        mid = chat.take_message_id()
        msg: JSON = {
            "message_id": mid,
            "from": user,
            "chat": chat.api(),
            "date": int(time.time()),
            "text": text,
        }
        if message_thread_id is not None:
            msg["message_thread_id"] = message_thread_id
            if chat.is_forum:
                msg["is_topic_message"] = True
        if forward_origin is not None:
            msg["forward_origin"] = check_origin(forward_origin)
        if reply_to_message_id is not None:
            replied = self._message_api_by_id(chat, reply_to_message_id)
            if replied is not None:
                msg["reply_to_message"] = replied
        entities = detect_entities(text)
        if entities:
            msg["entities"] = entities
        chat.incoming[mid] = msg
        return self.inject_update({"message": msg})

    def inject_document(
        self: Server,
        user_id: int,
        data: bytes,
        file_name: str,
        *,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        language_code: str | None = "en",
        first_name: str = "U",
    ) -> JSON:
        """A user sends a file as a document (in their private chat), optionally with a
        caption; the bot can fetch it with getFile and a download from /file/bot<token>/."""
        chat = self._chats.get(user_id)
        if chat is None:
            chat = self.add_private_chat(user_id, first_name, language_code=language_code)
        file_id, unique = self._new_file_id("document")
        path = f"documents/file_{self._file_counter}"
        self._files[file_id] = {
            "kind": "document",
            "document": {"file_id": file_id, "file_unique_id": unique},
            "path": path,
            "size": len(data),
        }
        self._file_data[path] = data
        mid = chat.take_message_id()
        msg: JSON = {
            "message_id": mid,
            "from": user_json(user_id, first_name, None, None, language_code),
            "chat": chat.api(),
            "date": int(time.time()),
            "document": {
                "file_id": file_id,
                "file_unique_id": unique,
                "file_name": file_name,
                "mime_type": mime_type,
                "file_size": len(data),
            },
        }
        if caption is not None:
            msg["caption"] = caption
            entities = detect_entities(caption)
            if entities:
                msg["caption_entities"] = entities
        chat.incoming[mid] = msg
        return self.inject_update({"message": msg})

    async def _get_updates(self: Server, p: Params) -> list[JSON]:
        self._check_no_webhook()
        offset = p.get_int("offset") or 0
        limit = p.get_int("limit") or 100
        limit = min(max(limit, 1), 100)
        timeout = max(p.get_int("timeout") or 0, 0)
        self._poll_generation += 1
        generation = self._poll_generation
        self._wake()  # an older long poll is terminated with 409
        q = self._updates
        if offset > 0:
            while q and q[0]["update_id"] < offset:
                q.popleft()
        elif offset < 0:
            while len(q) > -offset:
                q.popleft()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, TERMINATED if self._webhook is not None else _CONFLICT)
            if q or self._closing:
                return [u for _, u in zip(range(limit), q, strict=False)]
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            event = self._change_event()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)


# MessageOrigin: its type and the fields each type requires (Bot API, "MessageOrigin").
_ORIGIN_FIELDS: dict[str, tuple[str, ...]] = {
    "user": ("sender_user",),
    "hidden_user": ("sender_user_name",),
    "chat": ("sender_chat",),
    "channel": ("chat", "message_id"),
}


def check_origin(origin: JSON) -> JSON:
    """A MessageOrigin as Telegram sends it, or ValueError: a known ``type``, ``date`` and the
    type's own fields (``author_signature`` is optional for "chat" and "channel")."""
    kind = origin.get("type")
    if kind not in _ORIGIN_FIELDS:
        raise ValueError(f"unknown MessageOrigin type {kind!r}")
    missing = [key for key in ("date", *_ORIGIN_FIELDS[kind]) if key not in origin]
    if missing:
        raise ValueError(f"MessageOrigin {kind!r} lacks {', '.join(missing)}")
    if kind == "channel" and origin["chat"].get("type") != "channel":
        raise ValueError("MessageOriginChannel's chat must be a channel")
    return dict(origin)


def channel_origin(
    chat_id: int, message_id: int, *, title: str = "Channel", date: int | None = None
) -> JSON:
    """The origin of a message forwarded from a channel post (MessageOriginChannel)."""
    return {
        "type": "channel",
        "date": int(time.time()) if date is None else date,
        "chat": {"id": chat_id, "type": "channel", "title": title},
        "message_id": message_id,
    }


_CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
    "is running"
)

"""Callback queries: a user taps an inline button (``inject_callback``), the bot answers it
(answerCallbackQuery).
"""

from __future__ import annotations

from fakebot.methods.base import Server
from fakebot.model import JSON, Params, bad_request, user_json


class CallbacksMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def inject_callback(
        self: Server,
        user_id: int,
        message_id: int,
        data: str,
        chat_id: int | None = None,
        *,
        first_name: str = "U",
        language_code: str | None = "en",
        expired: bool = False,
    ) -> JSON:
        """A user taps an inline button with ``data`` under the bot's message. ``expired``: the
        press reaches the bot after Telegram stopped taking answers to it (about 15 s: the bot
        was down or busy), so answerCallbackQuery is refused as "query is too old"."""
        cid = user_id if chat_id is None else chat_id
        chat = self._chats.get(cid)
        msg = chat.messages.get(message_id) if chat else None
        if chat is None or msg is None or msg.deleted:
            raise ValueError(f"no bot message {message_id} in chat {cid}")
        self._callback_counter += 1
        qid = str(4_000_000_000 + self._callback_counter)
        if not expired:
            self._callbacks[qid] = {"user_id": user_id, "chat_id": cid, "message_id": message_id}
        query: JSON = {
            "id": qid,
            "from": user_json(user_id, first_name, None, None, language_code),
            "message": self._message_api(msg, chat),
            "chat_instance": str(abs(hash((cid, self.bot_id))) % 10**18),
            "data": data,
        }
        return self.inject_update({"callback_query": query})

    def _answer_callback_query(self: Server, p: Params) -> bool:
        qid = p.get_str("callback_query_id")
        if not qid or qid not in self._callbacks:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        text = p.get_str("text")
        if text is not None and len(text) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query = self._callbacks.pop(qid)
        self.callback_answers.append(
            {
                **query,
                "callback_query_id": qid,
                "text": text,
                "show_alert": p.get_bool("show_alert"),
                "url": p.get_str("url"),
                "cache_time": p.get_int("cache_time"),
            }
        )
        self._wake()
        return True

"""Pinned messages: pinChatMessage and unpinChatMessage, with Telegram's rights checks.

The bot may pin in a private chat; in a group or supergroup it must be an administrator with
`can_pin_messages`, in a channel one with `can_edit_messages` (`Chat.bot_can_pin` stands for
the right in either); otherwise `400 not enough rights to manage pinned messages in the chat`.
A chat's pins are kept in `Chat.pinned`, the most recent last. (Telegram also posts a
"pinned a message" service message in groups and channels; the fake only counts them, in
`counters["pin_service"]`, so tests that count a chat's messages see the bot's own.)
"""

from __future__ import annotations

from fakebot.methods.base import Server
from fakebot.model import Chat, Params, bad_request

NO_RIGHTS = "not enough rights to manage pinned messages in the chat"


class PinsMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _pin_chat(self: Server, p: Params) -> Chat:
        chat = self._resolve_chat(p)
        if chat.type != "private" and not (chat.bot_is_admin and chat.bot_can_pin):
            raise bad_request(NO_RIGHTS)
        return chat

    def _pin_chat_message(self: Server, p: Params) -> bool:
        chat = self._pin_chat(p)
        mid = p.get_int("message_id")
        if mid is None:
            raise bad_request("message identifier is not specified")
        if mid not in chat.messages and mid not in chat.incoming:
            raise bad_request("message to pin not found")
        if mid in chat.pinned:
            chat.pinned.remove(mid)
        chat.pinned.append(mid)
        self.counters["pinned"] += 1
        if chat.type != "private":
            self.counters["pin_service"] += 1
        self._wake()
        return True

    def _unpin_chat_message(self: Server, p: Params) -> bool:
        chat = self._pin_chat(p)
        mid = p.get_int("message_id")
        if mid is None:  # the most recent pinned message
            if chat.pinned:
                chat.pinned.pop()
            return True
        if mid not in chat.messages and mid not in chat.incoming:
            raise bad_request("message to unpin not found")
        if mid in chat.pinned:
            chat.pinned.remove(mid)
            self.counters["unpinned"] += 1
            self._wake()
        return True

"""Chats: resolving ``chat_id`` (403/400 as Telegram answers), threads and replies, getChat,
getChatMember, getChatAdministrators.
"""

from __future__ import annotations

from fakebot.methods.base import Server
from fakebot.model import JSON, ApiError, Chat, Params, bad_request, user_json


class ChatsMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _resolve_chat(self: Server, p: Params, *, sending: bool = True) -> Chat:
        raw = p.values.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        chat_id: int | None
        if isinstance(raw, str) and raw.strip().startswith("@"):
            chat_id = self._usernames.get(raw.strip()[1:].lower())
        else:
            try:
                chat_id = p.get_int("chat_id")
            except ApiError:
                chat_id = None
        chat = self._chats.get(chat_id) if chat_id is not None else None
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if sending:
            if chat.type == "private":
                if chat.deactivated:
                    raise ApiError(403, "Forbidden: user is deactivated")
                if chat.blocked:
                    raise ApiError(403, "Forbidden: bot was blocked by the user")
            elif chat.type == "channel":
                if not chat.bot_is_admin:
                    raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
            elif not chat.bot_is_member:
                raise ApiError(403, f"Forbidden: bot is not a member of the {chat.type} chat")
        return chat

    def _thread(self: Server, chat: Chat, p: Params) -> int | None:
        tid = p.get_int("message_thread_id")
        if tid is None:
            return None
        if chat.is_forum:
            if tid not in chat.topics:
                raise bad_request("message thread not found")
        elif tid not in chat.messages and tid not in chat.incoming:
            raise bad_request("message thread not found")
        return tid

    def _reply_to(self: Server, chat: Chat, p: Params) -> int | None:
        params = p.get_json("reply_parameters")
        mid: int | None
        allow = p.get_bool("allow_sending_without_reply")
        if isinstance(params, dict) and params.get("message_id") is not None:
            mid = int(params["message_id"])
            allow = allow or bool(params.get("allow_sending_without_reply"))
            other = params.get("chat_id")
            if other is not None and str(other) != str(chat.id):
                return None  # replies in another chat are not checked
        else:
            mid = p.get_int("reply_to_message_id")
        if mid is None:
            return None
        if mid in chat.messages or mid in chat.incoming:
            return mid
        if allow:
            return None
        raise bad_request("message to be replied not found")

    def _get_chat(self: Server, p: Params) -> JSON:
        chat = self._resolve_chat(p, sending=False)
        if chat.type == "channel" and not chat.bot_is_member:
            raise bad_request("chat not found")
        out = chat.api()
        out.update(
            {
                "accent_color_id": abs(chat.id) % 7,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return out

    def _member(self: Server, chat: Chat, user_id: int) -> JSON:
        if user_id == self.bot_id:
            user = self.bot_user
            if chat.type == "private":
                return {"user": user, "status": "member"}
            if chat.bot_is_admin:
                return _admin(user, chat, can_pin=chat.bot_can_pin)
            if chat.bot_is_member:
                return {"user": user, "status": "member"}
            return {"user": user, "status": "left"}
        user = user_json(user_id, f"User{user_id}", None, None, None)
        if chat.type == "private":
            if user_id != chat.id:
                raise bad_request("user not found")
            user["first_name"] = chat.first_name or "User"
            return {"user": user, "status": "member"}
        if user_id in chat.admins:
            return _admin(user, chat)
        return {"user": user, "status": "member"}

    def _get_chat_member(self: Server, p: Params) -> JSON:
        chat = self._resolve_chat(p, sending=False)
        uid = p.get_int("user_id")
        if uid is None:
            raise bad_request("user_id is empty")
        return self._member(chat, uid)

    def _get_chat_administrators(self: Server, p: Params) -> list[JSON]:
        chat = self._resolve_chat(p, sending=False)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        out = [self._member(chat, uid) for uid in sorted(chat.admins)]
        if chat.bot_is_admin:
            out.append(self._member(chat, self.bot_id))
        return out


def _admin(user: JSON, chat: Chat, *, can_pin: bool = True) -> JSON:
    out: JSON = {
        "user": user,
        "status": "administrator",
        "can_be_edited": False,
        "is_anonymous": False,
        "can_manage_chat": True,
        "can_delete_messages": True,
        "can_manage_video_chats": True,
        "can_restrict_members": True,
        "can_promote_members": False,
        "can_change_info": True,
        "can_invite_users": True,
        "can_post_stories": True,
        "can_edit_stories": True,
        "can_delete_stories": True,
    }
    if chat.type == "channel":
        out["can_post_messages"] = True
        out["can_edit_messages"] = can_pin  # a channel's right to pin
    else:
        out["can_pin_messages"] = can_pin
    if chat.is_forum:
        out["can_manage_topics"] = True
    return out

"""Command menus: setMyCommands, getMyCommands, deleteMyCommands per scope and language,
``commands()`` to inspect one scope and ``menu()`` for the menu a user sees in a chat (the Bot
API's "Determining list of commands": the first list set, scope by scope, the user's language
before none).
"""

from __future__ import annotations

import json
from typing import Any

from fakebot.methods.base import Server
from fakebot.model import JSON, Params, bad_request


class CommandsMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def commands(
        self: Server, scope: JSON | None = None, language_code: str = ""
    ) -> list[JSON] | None:
        """Commands stored by setMyCommands for that scope and language (None if unset)."""
        return self.my_commands.get((_scope_key(scope), _language(language_code)))

    def menu(
        self: Server, chat_id: int, user_id: int | None = None, language_code: str = ""
    ) -> list[JSON] | None:
        """The commands `user_id` (in their app's `language_code`) sees in the menu of chat
        `chat_id` (their private chat with the bot when it is theirs); None: no menu."""
        user = chat_id if user_id is None else user_id
        chat = self._chats.get(chat_id)
        private = chat_id == user or (chat is not None and chat.type == "private")
        admin = chat is not None and user in chat.admins
        scopes: list[JSON]
        if private:
            scopes = [{"type": "chat", "chat_id": chat_id}, {"type": "all_private_chats"}]
        else:
            scopes = [{"type": "chat_member", "chat_id": chat_id, "user_id": user}]
            if admin:
                scopes.append({"type": "chat_administrators", "chat_id": chat_id})
            scopes.append({"type": "chat", "chat_id": chat_id})
            if admin:
                scopes.append({"type": "all_chat_administrators"})
            scopes.append({"type": "all_group_chats"})
        scopes.append({"type": "default"})
        code = (language_code or "")[:2].lower()
        for scope in scopes:
            for language in (code, "") if code else ("",):
                found = self.my_commands.get((_scope_key(scope), language))
                if found is not None:
                    return list(found)
        return None

    def _set_my_commands(self: Server, p: Params) -> bool:
        commands = p.get_json("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("BOT_COMMANDS_TOO_MUCH")
        clean: list[JSON] = []
        for c in commands:
            if not isinstance(c, dict):
                raise bad_request("can't parse BotCommand")
            name = str(c.get("command", "")).lstrip("/")
            desc = str(c.get("description", ""))
            if not (1 <= len(name) <= 32) or not all(
                ch.isascii() and (ch.islower() or ch.isdigit() or ch == "_") for ch in name
            ):
                raise bad_request("BOT_COMMAND_INVALID")
            if not (1 <= len(desc.strip()) <= 256):
                raise bad_request("command description must be non-empty")
            clean.append({"command": name, "description": desc})
        key = (_scope_key(p.get_json("scope")), _language(p.get_str("language_code")))
        if clean:
            self.my_commands[key] = clean
        else:
            self.my_commands.pop(key, None)
        return True

    def _get_my_commands(self: Server, p: Params) -> list[JSON]:
        key = (_scope_key(p.get_json("scope")), _language(p.get_str("language_code")))
        return list(self.my_commands.get(key, []))

    def _delete_my_commands(self: Server, p: Params) -> bool:
        key = (_scope_key(p.get_json("scope")), _language(p.get_str("language_code")))
        self.my_commands.pop(key, None)
        return True


# BotCommandScope: each type and the fields it takes (all required).
_SCOPES: dict[str, tuple[str, ...]] = {
    "default": (),
    "all_private_chats": (),
    "all_group_chats": (),
    "all_chat_administrators": (),
    "chat": ("chat_id",),
    "chat_administrators": ("chat_id",),
    "chat_member": ("chat_id", "user_id"),
}


def _scope_key(scope: Any) -> str:
    """A BotCommandScope as a key (absent: the default scope); one Telegram would not take is
    a 400."""
    if not scope:
        scope = {"type": "default"}
    if isinstance(scope, str):
        try:
            scope = json.loads(scope)
        except ValueError:
            raise bad_request("can't parse BotCommandScope JSON object") from None
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    fields = _SCOPES[scope["type"]]
    if any(scope.get(key) in (None, "") for key in fields):
        raise bad_request("can't parse BotCommandScope JSON object")
    clean = {"type": scope["type"], **{key: scope[key] for key in fields}}
    return json.dumps(clean, sort_keys=True, separators=(",", ":"))


def _language(code: str | None) -> str:
    """language_code: a two-letter ISO 639-1 code or empty (every language)."""
    code = code or ""
    if code and not (len(code) == 2 and code.isascii() and code.isalpha() and code.islower()):
        raise bad_request("invalid language code specified")
    return code

"""Command menus: setMyCommands, getMyCommands, deleteMyCommands per scope and language, and
``commands()`` to inspect them.
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
        return self.my_commands.get((_scope_key(scope), language_code or ""))

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
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        if clean:
            self.my_commands[key] = clean
        else:
            self.my_commands.pop(key, None)
        return True

    def _get_my_commands(self: Server, p: Params) -> list[JSON]:
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        return list(self.my_commands.get(key, []))

    def _delete_my_commands(self: Server, p: Params) -> bool:
        key = (_scope_key(p.get_json("scope")), p.get_str("language_code") or "")
        self.my_commands.pop(key, None)
        return True


def _scope_key(scope: Any) -> str:
    if not scope:
        return '{"type":"default"}'
    if isinstance(scope, str):
        scope = json.loads(scope)
    return json.dumps(scope, sort_keys=True, separators=(",", ":"))

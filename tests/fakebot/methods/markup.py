"""``reply_markup`` validation: inline keyboards checked button by button, reply keyboards accepted
and not echoed.
"""

from __future__ import annotations

from typing import Any

from fakebot.methods.base import Server
from fakebot.model import JSON, MAX_CALLBACK_DATA, ApiError, Params, bad_request


class MarkupMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _markup(self: Server, p: Params) -> JSON | None:
        """Validate reply_markup; returns what Telegram echoes (inline keyboards only)."""
        if not p.has("reply_markup"):
            return None
        try:
            raw = p.get_json("reply_markup")
        except ApiError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in raw:
            rows = raw["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup '
                    "should be an Array of Arrays"
                )
            total = 0
            for row in rows:
                for button in row:
                    total += 1
                    _check_inline_button(button)
            if total > 100:
                raise bad_request("reply markup is too long")
            return {"inline_keyboard": rows}
        if "keyboard" in raw:
            rows = raw["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    text = button if isinstance(button, str) else (button or {}).get("text")
                    if not isinstance(text, str) or not text:
                        raise bad_request("can't parse keyboard button: Text must be non-empty")
            return None
        if raw.get("remove_keyboard") or raw.get("force_reply"):
            return None
        raise bad_request('can\'t find field "inline_keyboard"')


_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


def _check_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton expected")
    text = button.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad_request("can't parse inline keyboard button: Text must be non-empty")
    actions = [k for k in _INLINE_ACTIONS if k in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad_request("BUTTON_DATA_INVALID")
    if "url" in button:
        url = button["url"]
        if (
            not isinstance(url, str)
            or not url.startswith(("http://", "https://", "tg://"))
            or (" " in url)
        ):
            raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")

"""Typed access to newsbot's services from python-telegram-bot callbacks."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.runtime import Runtime

RUNTIME_KEY = "newsbot.runtime"


class NewsContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[str, Any]]):
    """CallbackContext with `context.runtime` instead of bot_data lookups."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def runtime(self) -> Runtime:
        runtime = self.bot_data.get(RUNTIME_KEY)
        if not isinstance(runtime, Runtime):
            raise RuntimeError("newsbot runtime is not started")
        return runtime

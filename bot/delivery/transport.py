"""How a rendered story reaches a chat: the Bot API, or stdout for dry runs."""

from __future__ import annotations

import sys
import warnings
from typing import Any, Protocol, TextIO

from telegram import InputMediaPhoto, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ExtBot
from telegram.warnings import PTBUserWarning

from bot.delivery.replies import OUTBOX
from bot.render import Renderer, StoryMessage, plain

# `do_api_request("sendMessage")` is deliberate (see TelegramTransport): not a mistake to warn of.
warnings.filterwarnings("ignore", message=r"Please use 'Bot\.", category=PTBUserWarning)


class Transport(Protocol):
    async def send_story(
        self, chat_id: int, thread_id: int, message: StoryMessage, *, silent: bool
    ) -> tuple[int | None, bool]:
        """Send; returns (message_id, sent_as_photo)."""
        ...

    async def edit_story(
        self,
        chat_id: int,
        message_id: int,
        message: StoryMessage,
        *,
        as_photo: bool,
        new_photo: bool = False,
    ) -> None:
        """Edit a story's message in place; `new_photo`: replace a photo message's photo with
        `message.photo` too (its caption with it)."""
        ...

    async def send_html(
        self, chat_id: int, thread_id: int, text: str, *, silent: bool, disable_preview: bool
    ) -> int | None:
        """Send a ready HTML text message; returns its message_id."""
        ...

    async def edit_html(self, chat_id: int, message_id: int, text: str) -> None:
        """Replace the text of a message the bot sent (a broadcast's progress)."""
        ...

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        """Pin a message the bot sent (a breaking story in a channel)."""
        ...

    async def unpin_message(self, chat_id: int, message_id: int) -> None:
        """Unpin one pinned message (the breaking story pinned before)."""
        ...


class TelegramTransport:
    """Stories through python-telegram-bot's Bot (HTML parse mode).

    Sends go through `Bot.do_api_request` and read only the message id from Telegram's
    answer: building a full `Message` object for each of thousands of fan-out messages cost
    more than the request itself. Errors are mapped by python-telegram-bot as usual
    (RetryAfter, Forbidden, BadRequest, ChatMigrated ...).
    """

    def __init__(
        self, bot: ExtBot[Any], *, paid_broadcast: bool = False, send_timeout: float = 60.0
    ) -> None:
        self.bot = bot
        # Telegram's paid broadcasts: up to 1,000 messages a second, for a fee per message.
        self.paid = paid_broadcast
        # SEND_TIMEOUT: how long a send waits for Telegram's answer. Telegram under load may
        # take many seconds; a send that times out after it was written is not sent again
        # (bot.delivery.outcomes), so the wait is generous.
        self.send_timeout = send_timeout

    async def _send(self, method: str, params: dict[str, Any]) -> int | None:
        if self.paid:
            params["allow_paid_broadcast"] = True
        result = await self.bot.do_api_request(
            method, api_kwargs=params, rate_limit_args=OUTBOX, read_timeout=self.send_timeout
        )
        return int(result["message_id"]) if isinstance(result, dict) else None

    @staticmethod
    def _common(chat_id: int, thread_id: int, silent: bool) -> dict[str, Any]:
        params: dict[str, Any] = {"chat_id": chat_id, "parse_mode": ParseMode.HTML.value}
        if thread_id:
            params["message_thread_id"] = thread_id
        if silent:
            params["disable_notification"] = True
        return params

    async def send_story(
        self, chat_id: int, thread_id: int, message: StoryMessage, *, silent: bool
    ) -> tuple[int | None, bool]:
        params = self._common(chat_id, thread_id, silent)
        if message.photo:
            params.update(photo=message.photo, caption=message.text)
            return await self._send("sendPhoto", params), True
        params.update(
            text=message.text, link_preview_options={"is_disabled": message.disable_preview}
        )
        return await self._send("sendMessage", params), False

    async def edit_story(
        self,
        chat_id: int,
        message_id: int,
        message: StoryMessage,
        *,
        as_photo: bool,
        new_photo: bool = False,
    ) -> None:
        if as_photo and new_photo and message.photo:
            await self.bot.edit_message_media(
                InputMediaPhoto(message.photo, caption=message.text, parse_mode=ParseMode.HTML),
                chat_id=chat_id,
                message_id=message_id,
                rate_limit_args=OUTBOX,
            )
        elif as_photo:
            await self.bot.edit_message_caption(
                chat_id=chat_id,
                message_id=message_id,
                caption=message.text,
                parse_mode=ParseMode.HTML,
                rate_limit_args=OUTBOX,
            )
        else:
            await self.bot.edit_message_text(
                message.text,
                chat_id=chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=message.disable_preview),
                rate_limit_args=OUTBOX,
            )

    async def send_html(
        self, chat_id: int, thread_id: int, text: str, *, silent: bool, disable_preview: bool
    ) -> int | None:
        params = self._common(chat_id, thread_id, silent)
        params.update(text=text, link_preview_options={"is_disabled": disable_preview})
        return await self._send("sendMessage", params)

    async def edit_html(self, chat_id: int, message_id: int, text: str) -> None:
        await self.bot.edit_message_text(
            text, chat_id=chat_id, message_id=message_id, parse_mode=ParseMode.HTML
        )

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        # The post itself rang; the pin does not notify again (channels never notify of one).
        await self.bot.pin_chat_message(
            chat_id, message_id, disable_notification=True, rate_limit_args=OUTBOX
        )

    async def unpin_message(self, chat_id: int, message_id: int) -> None:
        await self.bot.unpin_chat_message(chat_id, message_id, rate_limit_args=OUTBOX)


class PrintTransport:
    """Dry run: print each message as it would look, send nothing."""

    def __init__(self, renderer: Renderer, out: TextIO | None = None) -> None:
        self.renderer = renderer
        self.out = out or sys.stdout
        self._next_id = 0

    async def send_story(
        self, chat_id: int, thread_id: int, message: StoryMessage, *, silent: bool
    ) -> tuple[int | None, bool]:
        self._next_id += 1
        target = f"{chat_id}:{thread_id}" if thread_id else str(chat_id)
        print(f"── to {target} (dry run) ──", file=self.out)
        print(self.renderer.preview(message), file=self.out)
        print(file=self.out, flush=True)
        return self._next_id, message.photo is not None

    async def edit_story(
        self,
        chat_id: int,
        message_id: int,
        message: StoryMessage,
        *,
        as_photo: bool,
        new_photo: bool = False,
    ) -> None:
        print(f"── edit {chat_id}/{message_id} (dry run) ──", file=self.out)
        print(self.renderer.preview(message), file=self.out)
        print(file=self.out, flush=True)

    async def send_html(
        self, chat_id: int, thread_id: int, text: str, *, silent: bool, disable_preview: bool
    ) -> int | None:
        self._next_id += 1
        print(f"── to {chat_id} (dry run) ──", file=self.out)
        print(plain(text), file=self.out)
        print(file=self.out, flush=True)
        return self._next_id

    async def edit_html(self, chat_id: int, message_id: int, text: str) -> None:
        print(f"── edit {chat_id}/{message_id} (dry run) ──", file=self.out)
        print(plain(text), file=self.out)
        print(file=self.out, flush=True)

    async def pin_message(self, chat_id: int, message_id: int) -> None:
        print(f"── pin {chat_id}/{message_id} (dry run) ──", file=self.out, flush=True)

    async def unpin_message(self, chat_id: int, message_id: int) -> None:
        print(f"── unpin {chat_id}/{message_id} (dry run) ──", file=self.out, flush=True)

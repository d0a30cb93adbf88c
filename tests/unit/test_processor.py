"""Updates of different chats at once, of one chat in order (bot.telegram.processor)."""

from __future__ import annotations

import asyncio

import pytest
from telegram import CallbackQuery, Chat, Message, Update, User

from bot.telegram.processor import PerChatUpdateProcessor, chat_key


def message_update(update_id: int, chat_id: int, text: str = "/help") -> Update:
    chat = Chat(chat_id, "private" if chat_id > 0 else "supergroup")
    user = User(abs(chat_id), "Reader", is_bot=False)
    message = Message(update_id, date=None, chat=chat, from_user=user, text=text)  # type: ignore[arg-type]
    return Update(update_id, message=message)


def test_the_chat_of_an_update() -> None:
    assert chat_key(message_update(1, 42)) == 42
    assert chat_key(message_update(2, -1001)) == -1001
    user = User(7, "Reader", is_bot=False)
    query = CallbackQuery("q", from_user=user, chat_instance="c")  # no message: the sender's
    assert chat_key(Update(3, callback_query=query)) == 7
    assert chat_key(Update(4)) is None
    assert chat_key("not an update") is None


async def test_one_chats_updates_in_order_other_chats_meanwhile() -> None:
    processor = PerChatUpdateProcessor()
    done: list[str] = []
    release_first = asyncio.Event()

    async def handle(name: str, wait: asyncio.Event | None = None) -> None:
        if wait is not None:
            await wait.wait()
        done.append(name)

    first = asyncio.create_task(
        processor.process_update(message_update(1, 42), handle("42:first", release_first))
    )
    second = asyncio.create_task(
        processor.process_update(message_update(2, 42), handle("42:second"))
    )
    other = asyncio.create_task(processor.process_update(message_update(3, 43), handle("43")))
    await asyncio.wait_for(other, 1)
    assert done == ["43"]  # not held up by chat 42's first update
    assert not second.done()  # chat 42's second waits for its first
    assert processor.busy_chats == 1
    release_first.set()
    await asyncio.wait_for(asyncio.gather(first, second), 1)
    assert done == ["43", "42:first", "42:second"]
    assert processor.busy_chats == 0  # nothing kept for chats that are done


async def test_an_update_cancelled_while_waiting_its_turn_never_runs() -> None:
    processor = PerChatUpdateProcessor()
    ran: list[int] = []
    gate = asyncio.Event()

    async def handle(n: int) -> None:
        await gate.wait()
        ran.append(n)

    first = asyncio.create_task(processor.process_update(message_update(1, 42), handle(1)))
    waiting = asyncio.create_task(processor.process_update(message_update(2, 42), handle(2)))
    await asyncio.sleep(0)
    waiting.cancel()
    gate.set()
    await first
    assert waiting.cancelled()
    assert ran == [1]
    assert processor.busy_chats == 0


async def test_a_failing_update_does_not_block_the_chat() -> None:
    processor = PerChatUpdateProcessor()

    async def fail() -> None:
        raise RuntimeError("handler bug")

    async def fine() -> str:
        return "ok"

    with pytest.raises(RuntimeError, match="handler bug"):
        await processor.process_update(message_update(1, 42), fail())
    await asyncio.wait_for(processor.process_update(message_update(2, 42), fine()), 1)
    assert processor.busy_chats == 0

"""The fake Bot API server, driven through a real python-telegram-bot ``Bot``."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import fakebot
import pytest
import pytest_asyncio
import telegram
from fakebot import FakeBotServer
from fakebot.fixtures import fake_bot  # noqa: F401  (fixture)
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputMediaPhoto
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter

# PTB warns about RetryAfter.retry_after's future type when the exception is shown
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

USER = 1001
OTHER = 1002
CHANNEL = -1001234567890
FORUM = -1009876543210
GROUP = -4001


@pytest_asyncio.fixture
async def bot(fake_bot: FakeBotServer) -> AsyncIterator[telegram.Bot]:  # noqa: F811
    fake_bot.add_private_chat(USER, "Ann", language_code="uk")
    fake_bot.add_private_chat(OTHER, "Bob")
    fake_bot.add_channel(CHANNEL, "News")
    fake_bot.add_channel(FORUM, "Forum", is_forum=True)
    fake_bot.add_forum_topic(FORUM, 7, "Sport")
    fake_bot.add_group(GROUP, "Readers")
    async with telegram.Bot(fake_bot.token, base_url=fake_bot.bot_base_url) as b:
        yield b


def last_rejection(server: FakeBotServer) -> str:
    assert server.rejections, "no request was rejected"
    desc = server.rejections[-1].description
    assert desc is not None
    return desc


async def raw_call(
    server: FakeBotServer, method: str, *, token: str | None = None, **kw: Any
) -> tuple[int, dict[str, Any]]:
    url = f"{server.base_url}/bot{token or server.token}/{method}"
    async with aiohttp.ClientSession() as s, s.post(url, **kw) as r:
        return r.status, await r.json()


def test_package_is_importable_from_tests_dir() -> None:
    assert Path(fakebot.__file__).parent == Path(__file__).parents[1] / "fakebot"


# --- happy paths ---------------------------------------------------------------------------


async def test_get_me_and_base_url(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    assert fake_bot.base_url.startswith("http://127.0.0.1:")
    assert fake_bot.token == "123456:TEST-TOKEN"
    me = await bot.get_me()
    assert me.id == 123456 and me.is_bot and me.username == "newsbot_test_bot"


async def test_send_html_message(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Open", callback_data="open:1")]])
    html = "<b>Заголовок</b> 😀 <a href='https://e.com/a'>read</a> #politics"
    msg = await bot.send_message(
        USER, html, parse_mode="HTML", reply_markup=markup, disable_notification=True
    )
    assert msg.text == "Заголовок 😀 read #politics"
    assert msg.chat.id == USER and msg.from_user is not None and msg.from_user.is_bot
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [
        ("bold", 0, 9),
        ("text_link", 13, 4),
        ("hashtag", 18, 9),
    ]
    assert msg.entities[1].url == "https://e.com/a"
    assert msg.reply_markup == markup
    [sent] = fake_bot.messages(USER)
    assert sent.message_id == msg.message_id
    assert sent.html == html and sent.text == msg.text
    assert sent.disable_notification is True
    assert sent.reply_markup == {"inline_keyboard": [[{"text": "Open", "callback_data": "open:1"}]]}


async def test_message_ids_increase_per_chat(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    fake_bot.set_limits(enabled=False)
    a1 = await bot.send_message(USER, "a1")
    b1 = await bot.send_message(OTHER, "b1")
    a2 = await bot.send_message(USER, "a2")
    assert (a1.message_id, a2.message_id) == (1, 2)
    assert b1.message_id == 1
    assert [m.text for m in fake_bot.messages()] == ["a1", "b1", "a2"]


async def test_send_photo_by_url_and_upload(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    msg = await bot.send_photo(
        CHANNEL, "https://e.com/p.jpg", caption="<b>Cap</b> &amp; more", parse_mode="HTML"
    )
    assert msg.caption == "Cap & more"
    assert msg.caption_entities[0].type == "bold"
    assert len(msg.photo) >= 2 and msg.photo[-1].width > msg.photo[0].width
    assert msg.sender_chat is not None and msg.sender_chat.id == CHANNEL  # channel post
    up = await bot.send_photo(CHANNEL, b"\x89PNG fake bytes", caption="uploaded")
    again = await bot.send_photo(CHANNEL, up.photo[-1].file_id)  # by file_id
    assert again.photo[-1].file_id == up.photo[-1].file_id
    stored = fake_bot.messages(CHANNEL)
    assert [m.kind for m in stored] == ["photo", "photo", "photo"]
    assert stored[0].photo_source == "https://e.com/p.jpg"
    assert stored[1].photo_source is not None and stored[1].photo_source.startswith("upload:")
    with pytest.raises(BadRequest):
        await bot.send_photo(CHANNEL, "not-a-file-id")
    assert last_rejection(fake_bot) == "Bad Request: wrong file identifier/HTTP URL specified"


async def test_document_and_media_group(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    doc = await bot.send_document(CHANNEL, b"hello", filename="h.txt", caption="file")
    assert doc.document is not None and doc.document.file_name == "h.txt"
    album = await bot.send_media_group(
        CHANNEL,
        [
            telegram.InputMediaPhoto(
                "https://e.com/1.jpg", caption="<i>one</i>", parse_mode="HTML"
            ),
            telegram.InputMediaPhoto(b"bytes"),
        ],
    )
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    assert album[0].caption == "one"
    media = json.dumps([{"type": "photo", "media": "https://e.com/1.jpg"}])
    status, body = await raw_call(
        fake_bot, "sendMediaGroup", data={"chat_id": CHANNEL, "media": media}
    )
    assert status == 400 and body["ok"] is False
    eleven = json.dumps([{"type": "photo", "media": f"https://e.com/{i}.jpg"} for i in range(11)])
    status, _ = await raw_call(
        fake_bot, "sendMediaGroup", data={"chat_id": CHANNEL, "media": eleven}
    )
    assert status == 400


async def test_edit_text_and_caption(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    msg = await bot.send_message(CHANNEL, "old")
    photo = await bot.send_photo(CHANNEL, "https://e.com/p.jpg", caption="c")
    edited = await bot.edit_message_text("<b>new</b>", CHANNEL, msg.message_id, parse_mode="HTML")
    assert isinstance(edited, telegram.Message)
    assert edited.text == "new" and edited.edit_date is not None
    state = fake_bot.message(CHANNEL, msg.message_id)
    assert state is not None and state.text == "new" and state.edited == 1
    assert state.html == "<b>new</b>"

    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("<b>new</b>", CHANNEL, msg.message_id, parse_mode="HTML")
    assert last_rejection(fake_bot) == (
        "Bad Request: message is not modified: specified new message content and reply markup "
        "are exactly the same as a current content and reply markup of the message"
    )
    # same text but different markup is a modification
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", url="https://e.com")]])
    await bot.edit_message_text(
        "<b>new</b>", CHANNEL, msg.message_id, parse_mode="HTML", reply_markup=markup
    )

    with pytest.raises(BadRequest):
        await bot.edit_message_text("x", CHANNEL, 999)
    assert last_rejection(fake_bot) == "Bad Request: message to edit not found"
    with pytest.raises(BadRequest):
        await bot.edit_message_text("x", CHANNEL, photo.message_id)
    assert last_rejection(fake_bot) == "Bad Request: there is no text in the message to edit"
    with pytest.raises(BadRequest):
        await bot.edit_message_caption(CHANNEL, msg.message_id, caption="x")
    assert last_rejection(fake_bot) == "Bad Request: there is no caption in the message to edit"

    new_caption = await bot.edit_message_caption(CHANNEL, photo.message_id, caption="c2")
    assert isinstance(new_caption, telegram.Message) and new_caption.caption == "c2"
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_caption(CHANNEL, photo.message_id, caption="c2")


async def test_edit_media_replaces_a_photo_and_its_caption(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    msg = await bot.send_message(CHANNEL, "text")
    photo = await bot.send_photo(CHANNEL, "https://e.com/a.jpg", caption="a")
    new = InputMediaPhoto("https://e.com/b.jpg", caption="<b>b</b>", parse_mode="HTML")
    edited = await bot.edit_message_media(new, CHANNEL, photo.message_id)
    assert isinstance(edited, telegram.Message) and edited.caption == "b"
    state = fake_bot.message(CHANNEL, photo.message_id)
    assert state is not None and state.photo_source == "https://e.com/b.jpg" and state.edited == 1
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_media(new, CHANNEL, photo.message_id)
    with pytest.raises(BadRequest):
        await bot.edit_message_media(new, CHANNEL, msg.message_id)
    assert last_rejection(fake_bot) == "Bad Request: there is no media in the message to edit"
    bad = InputMediaPhoto("https://e.com/c.jpg", caption="<b>c", parse_mode="HTML")
    with pytest.raises(BadRequest):
        await bot.edit_message_media(bad, CHANNEL, photo.message_id)
    assert last_rejection(fake_bot).startswith("Bad Request: can't parse entities")
    fake_bot.bad_urls.add("https://e.com/gone.jpg")
    with pytest.raises(BadRequest):
        await bot.edit_message_media(
            InputMediaPhoto("https://e.com/gone.jpg"), CHANNEL, photo.message_id
        )
    assert last_rejection(fake_bot) == "Bad Request: failed to get HTTP URL content"


async def test_delete_message(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    msg = await bot.send_message(USER, "bye")
    assert await bot.delete_message(USER, msg.message_id) is True
    assert fake_bot.messages(USER) == []
    with pytest.raises(BadRequest):
        await bot.delete_message(USER, msg.message_id)
    assert last_rejection(fake_bot) == "Bad Request: message to delete not found"


async def test_thread_ids(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    msg = await bot.send_message(FORUM, "in topic", message_thread_id=7)
    assert msg.message_thread_id == 7 and msg.is_topic_message
    assert fake_bot.messages(FORUM)[0].thread_id == 7
    with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
        await bot.send_message(FORUM, "nowhere", message_thread_id=8)
    assert last_rejection(fake_bot) == "Bad Request: message thread not found"


# --- long polling and updates -------------------------------------------------------------


async def test_long_poll_get_updates(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()  # it waits for updates
    injected = fake_bot.inject_message(USER, "/start hello", language_code="uk")
    updates = await asyncio.wait_for(poll, 3)
    assert time.monotonic() - started < 3
    [update] = updates
    assert update.update_id == injected["update_id"]
    assert update.message is not None and update.message.text == "/start hello"
    assert update.message.from_user is not None
    assert update.message.from_user.language_code == "uk"
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 6)
    # not confirmed yet: returned again; confirmed with offset
    assert len(await bot.get_updates(timeout=0)) == 1
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()
    assert fake_bot.pending_updates == []


async def test_get_updates_times_out_empty(bot: telegram.Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3


async def test_injected_user_becomes_known_chat(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(5555, "hi")
    fake_bot.inject_message(5555, "/start", first_name="New")
    msg = await bot.send_message(5555, "hi")
    assert msg.chat.first_name == "New"
    assert msg.message_id == 2  # the user's /start was message 1


async def test_callback_query_and_answer(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("t", callback_data="topic:war")]])
    msg = await bot.send_message(USER, "pick", reply_markup=markup)
    fake_bot.inject_callback(USER, msg.message_id, "topic:war")
    [update] = await bot.get_updates(timeout=1)
    query = update.callback_query
    assert query is not None and query.data == "topic:war"
    assert query.message is not None and query.message.message_id == msg.message_id
    assert await bot.answer_callback_query(query.id, text="ok")
    assert fake_bot.callback_answers[-1]["text"] == "ok"
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)


async def test_second_poller_conflicts(bot: telegram.Bot, fake_bot: FakeBotServer) -> None:  # noqa: F811
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    # another bot instance polls (PTB allows one getUpdates per Bot, so go raw)
    status, body = await raw_call(fake_bot, "getUpdates", json={"timeout": 0})
    assert (status, body) == (200, {"ok": True, "result": []})
    with pytest.raises(Conflict):
        await asyncio.wait_for(first, 3)
    assert fake_bot.rejections[-1].status == 409


async def test_commands_per_scope_and_language(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    await bot.set_my_commands([("start", "Start"), ("help", "Help")])
    await bot.set_my_commands([("start", "Почати")], language_code="uk")
    private = telegram.BotCommandScopeAllPrivateChats()
    await bot.set_my_commands([("stats", "Stats")], scope=private)
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    assert [c.description for c in await bot.get_my_commands(language_code="uk")] == ["Почати"]
    assert [c.command for c in await bot.get_my_commands(scope=private)] == ["stats"]
    assert fake_bot.commands(language_code="uk") == [{"command": "start", "description": "Почати"}]
    assert fake_bot.commands({"type": "all_private_chats"}) == [
        {"command": "stats", "description": "Stats"}
    ]
    await bot.delete_my_commands(language_code="uk")
    assert await bot.get_my_commands(language_code="uk") == ()
    with pytest.raises(BadRequest):
        await bot.set_my_commands([("Bad-Name", "x")])


async def test_chat_info_methods(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    chat = await bot.get_chat(CHANNEL)
    assert chat.type == "channel" and chat.title == "News"
    me = await bot.get_chat_member(CHANNEL, fake_bot.bot_id)
    assert me.status == "administrator"
    admins = await bot.get_chat_administrators(CHANNEL)
    assert [a.user.id for a in admins] == [fake_bot.bot_id]
    private = await bot.get_chat(USER)
    assert private.type == "private" and private.first_name == "Ann"


# --- Telegram's limits and errors --------------------------------------------------------


async def test_private_chat_rate_limit(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    for i in range(3):  # a short burst is allowed
        await bot.send_message(USER, f"m{i}")
    with pytest.raises(RetryAfter):
        await bot.send_message(USER, "one too many")
    rejected = fake_bot.rejections[-1]
    assert rejected.status == 429
    assert rejected.description == "Too Many Requests: retry after 1"
    assert fake_bot.rate_limited == 1
    assert len(fake_bot.messages(USER)) == 3  # the rejected one was not delivered
    await bot.send_message(OTHER, "another chat is fine")
    await asyncio.sleep(1.05)
    await bot.send_message(USER, "after the wait")


async def test_429_body_shape(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.set_limits(group_per_min=2)
    for _ in range(2):
        await bot.send_message(CHANNEL, "x")
    status, body = await raw_call(fake_bot, "sendMessage", json={"chat_id": CHANNEL, "text": "x"})
    assert status == 429
    assert body["ok"] is False and body["error_code"] == 429
    retry = body["parameters"]["retry_after"]
    assert isinstance(retry, int) and 55 <= retry <= 60
    assert body["description"] == f"Too Many Requests: retry after {retry}"
    assert fake_bot.stats()["429"] == 1


async def test_global_limit_and_paid_broadcast(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    fake_bot.set_limits(global_per_sec=3)
    fake_bot.add_private_chats(range(1, 10))
    for cid in (1, 2, 3):
        await bot.send_message(cid, "x")
    with pytest.raises(RetryAfter):
        await bot.send_message(4, "x")
    await bot.send_message(4, "paid", allow_paid_broadcast=True)
    fake_bot.set_limits(enabled=False)
    for cid in range(5, 10):
        await bot.send_message(cid, "x")


async def test_edits_count_toward_limits(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    msg = await bot.send_message(USER, "v0")
    await bot.edit_message_text("v1", USER, msg.message_id)
    await bot.edit_message_text("v2", USER, msg.message_id)
    with pytest.raises(RetryAfter):
        await bot.edit_message_text("v3", USER, msg.message_id)
    state = fake_bot.message(USER, msg.message_id)
    assert state is not None and state.text == "v2"


async def test_blocked_and_deactivated(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.block(USER)
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(USER, "hi")
    assert fake_bot.rejections[-1].status == 403
    assert last_rejection(fake_bot) == "Forbidden: bot was blocked by the user"
    fake_bot.deactivate(OTHER)
    with pytest.raises(Forbidden):
        await bot.send_message(OTHER, "hi")
    assert last_rejection(fake_bot) == "Forbidden: user is deactivated"


async def test_channel_without_admin_rights(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    fake_bot.add_channel(-1005550000000, "Not ours", bot_is_admin=False)
    with pytest.raises(Forbidden):
        await bot.send_message(-1005550000000, "hi")
    assert last_rejection(fake_bot) == "Forbidden: bot is not a member of the channel chat"


async def test_chat_not_found(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(424242, "hi")
    assert last_rejection(fake_bot) == "Bad Request: chat not found"
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(-100777, "hi")


async def test_migrated_group(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.migrate(GROUP, -1004001)
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(GROUP, "hi")
    assert info.value.new_chat_id == -1004001
    status, body = await raw_call(fake_bot, "sendMessage", data={"chat_id": GROUP, "text": "x"})
    assert status == 400
    assert body == {
        "ok": False,
        "error_code": 400,
        "description": "Bad Request: group chat was upgraded to a supergroup chat",
        "parameters": {"migrate_to_chat_id": -1004001},
    }
    msg = await bot.send_message(-1004001, "hi")
    assert msg.chat.type == "supergroup"


async def test_text_length(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.set_limits(enabled=False)
    await bot.send_message(USER, "я" * 4096)
    await bot.send_message(USER, "😀" * 4096)  # 4096 code points, 8192 UTF-16 units
    await bot.send_message(USER, "  \n" + "x" * 4096 + "\n  ")  # whitespace is trimmed
    await bot.send_message(USER, "<b>" + "x" * 4096 + "</b>", parse_mode="HTML")  # tags don't count
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(USER, "x" * 4097)
    assert last_rejection(fake_bot) == "Bad Request: message is too long"
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(USER, "<b> </b>", parse_mode="HTML")
    assert last_rejection(fake_bot) == "Bad Request: message text is empty"


async def test_caption_length(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.set_limits(enabled=False)
    await bot.send_photo(USER, "https://e.com/p.jpg", caption="c" * 1024)
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(USER, "https://e.com/p.jpg", caption="c" * 1025)
    assert last_rejection(fake_bot) == "Bad Request: message caption is too long"


async def test_html_errors_reach_the_client(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(USER, "Hello world <br>", parse_mode="HTML")
    assert last_rejection(fake_bot) == (
        'Bad Request: can\'t parse entities: Unsupported start tag "br" at byte offset 12'
    )
    with pytest.raises(BadRequest):
        await bot.send_message(USER, "<tg-emoji>e</tg-emoji>", parse_mode="html")
    assert last_rejection(fake_bot) == (
        "Bad Request: can't parse entities: Invalid custom emoji identifier specified"
    )
    # a stray & or > is literal text to Telegram
    msg = await bot.send_message(USER, "Tom & Jerry > 1", parse_mode="HTML")
    assert msg.text == "Tom & Jerry > 1"
    # without parse_mode nothing is parsed
    msg = await bot.send_message(USER, "Tom & <Jerry>")
    assert msg.text == "Tom & <Jerry>"
    with pytest.raises(BadRequest):
        await bot.send_message(USER, "1.5", parse_mode="MarkdownV2")
    assert last_rejection(fake_bot).startswith("Bad Request: can't parse entities: Character '.'")
    with pytest.raises(BadRequest):
        await bot.send_message(USER, "x", parse_mode="BBCode")
    assert last_rejection(fake_bot) == "Bad Request: unsupported parse_mode"


async def test_markdown_v2(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    msg = await bot.send_message(USER, "*bold* and \\_not italic\\_", parse_mode="MarkdownV2")
    assert msg.text == "bold and _not italic_"
    assert [(e.type, e.offset, e.length) for e in msg.entities] == [("bold", 0, 4)]


async def test_callback_data_limits(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.set_limits(enabled=False)
    ok = "ї" * 32  # 64 bytes
    await bot.send_message(
        USER,
        "x",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data=ok)]]),
    )
    too_long = "ї" * 33  # 66 bytes, 33 characters
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(
            USER,
            "x",
            reply_markup=InlineKeyboardMarkup(
                [[InlineKeyboardButton("a", callback_data=too_long)]]
            ),
        )
    assert last_rejection(fake_bot) == "Bad Request: BUTTON_DATA_INVALID"
    markup = json.dumps({"inline_keyboard": [[{"text": "", "callback_data": "x"}]]})
    status, _ = await raw_call(
        fake_bot, "sendMessage", data={"chat_id": USER, "text": "x", "reply_markup": markup}
    )
    assert status == 400
    markup = json.dumps({"inline_keyboard": [[{"text": "a", "callback_data": ""}]]})
    status, body = await raw_call(
        fake_bot, "sendMessage", data={"chat_id": USER, "text": "x", "reply_markup": markup}
    )
    assert (status, body["description"]) == (400, "Bad Request: BUTTON_DATA_INVALID")


# --- protocol details ---------------------------------------------------------------------


async def test_auth_and_unknown_method(fake_bot: FakeBotServer) -> None:  # noqa: F811
    status, body = await raw_call(fake_bot, "getMe", token="1:WRONG")
    assert (status, body) == (401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
    status, body = await raw_call(fake_bot, "sendTelepathy")
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    with pytest.raises(telegram.error.InvalidToken):
        async with telegram.Bot("1:WRONG", base_url=fake_bot.bot_base_url):
            pass


async def test_json_form_and_multipart_bodies(fake_bot: FakeBotServer) -> None:  # noqa: F811
    fake_bot.add_private_chat(USER)
    fake_bot.set_limits(enabled=False)
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": "b"}]]}
    status, body = await raw_call(
        fake_bot,
        "sendMessage",
        json={"chat_id": USER, "text": "<i>j</i>", "parse_mode": "HTML", "reply_markup": markup},
    )
    assert status == 200 and body["result"]["reply_markup"] == markup
    assert body["result"]["entities"] == [{"offset": 0, "length": 1, "type": "italic"}]
    status, body = await raw_call(
        fake_bot,
        "sendMessage",
        data={"chat_id": str(USER), "text": "f", "reply_markup": json.dumps(markup)},
    )
    assert status == 200 and body["result"]["reply_markup"] == markup
    form = aiohttp.FormData()
    form.add_field("chat_id", str(USER))
    form.add_field("caption", "mp")
    form.add_field("photo", b"\xff\xd8 jpeg", filename="a.jpg", content_type="image/jpeg")
    status, body = await raw_call(fake_bot, "sendPhoto", data=form)
    assert status == 200 and body["result"]["caption"] == "mp"
    # GET with query parameters works too
    async with aiohttp.ClientSession() as s:
        url = f"{fake_bot.base_url}/bot{fake_bot.token}/getMe"
        async with s.get(url) as r:
            assert (await r.json())["result"]["is_bot"] is True
    assert [r.method for r in fake_bot.requests][-4:] == [
        "sendMessage",
        "sendMessage",
        "sendPhoto",
        "getMe",
    ]


async def test_fail_next_and_hang_next(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    fake_bot.fail_next(1, status=502)
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "x")
    fake_bot.fail_next(1, status=429, retry_after=7)
    with pytest.raises(RetryAfter):
        await bot.send_message(USER, "x")
    assert fake_bot.rejections[-1].description == "Too Many Requests: retry after 7"
    assert fake_bot.messages() == []
    fake_bot.hang_next(1, 1.0)
    with pytest.raises(telegram.error.TimedOut):
        await bot.send_message(USER, "slow", read_timeout=0.3)
    # the server still processed it: the message exists although the client timed out
    await fake_bot.wait_for(lambda msgs: any(m.text == "slow" for m in msgs), timeout=3)
    await bot.send_message(OTHER, "normal again")


async def test_wait_for_times_out(fake_bot: FakeBotServer) -> None:  # noqa: F811
    with pytest.raises(TimeoutError):
        await fake_bot.wait_for(lambda msgs: len(msgs) > 0, timeout=0.2)


async def test_wait_for_sees_later_messages(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    async def later() -> None:
        await asyncio.sleep(0.2)
        await bot.send_message(USER, "late")

    task = asyncio.create_task(later())
    msgs = await fake_bot.wait_for_messages(1, chat_id=USER, timeout=3)
    assert msgs[0].text == "late"
    await task


async def test_control_api(fake_bot: FakeBotServer) -> None:  # noqa: F811
    base = f"{fake_bot.base_url}/_fake"
    async with aiohttp.ClientSession() as s:
        async with s.post(
            f"{base}/chats", json={"private_range": [1, 50], "channels": [{"id": CHANNEL}]}
        ) as r:
            assert (await r.json())["chats"] == 51
        async with s.post(f"{base}/limits", json={"enabled": False}) as r:
            assert (await r.json())["enabled"] is False
        for cid in (1, 2, CHANNEL):
            async with s.post(
                f"{fake_bot.base_url}/bot{fake_bot.token}/sendMessage",
                json={"chat_id": cid, "text": "x"},
            ) as r:
                assert r.status == 200
        async with s.post(
            f"{fake_bot.base_url}/bot{fake_bot.token}/sendMessage",
            json={"chat_id": 999, "text": "x"},
        ) as r:
            assert r.status == 400
        async with s.get(f"{base}/stats") as r:
            stats = await r.json()
        assert stats["sent"] == 3 and stats["rejections"] == 1 and stats["429"] == 0
        async with s.get(f"{base}/messages", params={"chat_id": str(CHANNEL)}) as r:
            [msg] = await r.json()
        assert msg["chat_id"] == CHANNEL and msg["text"] == "x"
        async with s.post(f"{base}/update", json={"user_id": 7, "text": "/start"}) as r:
            update = (await r.json())["update"]
        assert update["message"]["entities"][0]["type"] == "bot_command"
        assert len(fake_bot.pending_updates) == 1
        async with s.post(f"{base}/block", json={"chat_id": 2}) as r:
            assert r.status == 200
        assert fake_bot.chats[2].blocked
        async with s.post(f"{base}/reset", json={}) as r:
            assert r.status == 200
        async with s.get(f"{base}/stats") as r:
            assert (await r.json())["sent"] == 0


def test_standalone_server(tmp_path: Path) -> None:
    tests_dir = Path(__file__).parents[1]
    env = {**os.environ, "PYTHONPATH": str(tests_dir)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fakebot",
            "--port",
            "0",
            "--token",
            "123:ABC",
            "--private-chats",
            "1..3",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline().strip()
        assert line.startswith("fake Bot API on http://127.0.0.1:")
        base = line.rsplit(" ", 1)[1]

        async def check() -> None:
            async with telegram.Bot("123:ABC", base_url=f"{base}/bot") as b:
                msg = await b.send_message(3, "hello")
                assert msg.chat.id == 3
                with pytest.raises(BadRequest):
                    await b.send_message(4, "hello")

        asyncio.run(check())
    finally:
        proc.terminate()
        assert proc.wait(timeout=10) == 0


async def test_pins_need_the_right_to_pin(fake_bot: FakeBotServer, bot: telegram.Bot) -> None:  # noqa: F811
    """pinChatMessage / unpinChatMessage as Telegram: an admin with the right to pin (in a
    channel "Edit messages"), a message that exists; the chat's pins, the newest last."""
    fake_bot.add_channel(-1001000000001, "Pins")
    fake_bot.add_channel(-1001000000002, "No rights", bot_can_pin=False)
    first = await bot.send_message(-1001000000001, "one")
    second = await bot.send_message(-1001000000001, "two")
    assert await bot.pin_chat_message(-1001000000001, first.message_id)
    assert await bot.pin_chat_message(-1001000000001, second.message_id)
    assert fake_bot._chats[-1001000000001].pinned == [first.message_id, second.message_id]
    assert await bot.unpin_chat_message(-1001000000001, first.message_id)
    assert fake_bot._chats[-1001000000001].pinned == [second.message_id]
    with pytest.raises(BadRequest, match=r"[Mm]essage to pin not found"):
        await bot.pin_chat_message(-1001000000001, 999)
    other = await bot.send_message(-1001000000002, "x")
    with pytest.raises(BadRequest, match=r"[Nn]ot enough rights to manage pinned messages"):
        await bot.pin_chat_message(-1001000000002, other.message_id)
    member = await bot.get_chat_member(-1001000000002, fake_bot.bot_id)
    assert member.status == "administrator" and not getattr(member, "can_edit_messages", True)

"""answerInlineQuery in the fake Bot API: Telegram's rules, through a real PTB ``Bot``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
import telegram
from fakebot import FakeBotServer
from fakebot.fixtures import fake_bot  # noqa: F401  (fixture)
from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultPhoto,
    InputTextMessageContent,
)
from telegram.error import BadRequest

USER = 1001


@pytest_asyncio.fixture
async def bot(fake_bot: FakeBotServer) -> AsyncIterator[telegram.Bot]:  # noqa: F811
    async with telegram.Bot(fake_bot.token, base_url=fake_bot.bot_base_url) as b:
        yield b


def article(rid: str, text: str = "<b>Hi</b>") -> InlineQueryResultArticle:
    return InlineQueryResultArticle(rid, "Title", InputTextMessageContent(text, parse_mode="HTML"))


async def test_an_answer_is_recorded_as_the_chat_would_show_it(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    qid = fake_bot.inject_inline_query(USER, "kyiv")
    assert fake_bot.pending_updates[-1]["inline_query"]["query"] == "kyiv"
    photo = InlineQueryResultPhoto(
        "2",
        "https://img.example.org/a.jpg",
        "https://img.example.org/a.jpg",
        caption="<i>cap</i>",
        parse_mode="HTML",
    )
    assert await bot.answer_inline_query(
        qid, [article("1"), photo], cache_time=30, is_personal=False, next_offset="20"
    )
    answer = fake_bot.inline_answers[-1]
    assert (answer["next_offset"], answer["cache_time"], answer["is_personal"]) == ("20", 30, False)
    first, second = answer["results"]
    assert first["text"] == "Hi" and first["entities"][0]["type"] == "bold"
    assert second["caption"] == "cap" and second["photo_url"].endswith("a.jpg")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):  # answered once
        await bot.answer_inline_query(qid, [article("1")])


@pytest.mark.parametrize(
    ("results", "offset", "error"),
    [
        ([article("1"), article("1")], "", r"(?i)RESULT_ID_DUPLICATE"),
        ([article("x" * 65)], "", r"(?i)RESULT_ID_INVALID"),
        ([article(str(n)) for n in range(51)], "", r"(?i)RESULTS_TOO_MUCH"),
        ([article("1")], "9" * 65, r"(?i)NEXT_OFFSET_INVALID"),
        ([article("1", "a" * 4097)], "", r"(?i)MESSAGE_TOO_LONG"),
        ([article("1", "<b>unclosed")], "", "Can't parse entities"),
        ([article("1", "<b> </b>")], "", r"(?i)MESSAGE_EMPTY"),
    ],
)
async def test_answers_telegram_refuses(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
    results: list[InlineQueryResultArticle],
    offset: str,
    error: str,
) -> None:
    qid = fake_bot.inject_inline_query(USER, "q")
    with pytest.raises(BadRequest, match=error):
        await bot.answer_inline_query(qid, results, next_offset=offset)
    assert fake_bot.inline_answers == []


async def test_a_photo_needs_urls_and_a_query_lives_ten_seconds(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    qid = fake_bot.inject_inline_query(USER, "q")
    no_thumb = {"type": "photo", "id": "1", "photo_url": "https://x.org/a.jpg"}
    with pytest.raises(BadRequest, match=r"(?i)THUMB_INVALID"):
        await bot._post("answerInlineQuery", {"inline_query_id": qid, "results": [no_thumb]})
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query("12345", [article("1")])
    fake_bot.inline_query_lifetime = 0.0
    late = fake_bot.inject_inline_query(USER, "q")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_inline_query(late, [article("1")])


async def test_chosen_results_and_get_me(
    fake_bot: FakeBotServer,  # noqa: F811
    bot: telegram.Bot,
) -> None:
    fake_bot.inject_chosen_inline_result(USER, "17", "kyiv")
    update = fake_bot.pending_updates[-1]
    assert update["chosen_inline_result"]["result_id"] == "17"
    assert telegram.Update.de_json(update, bot).chosen_inline_result is not None
    assert (await bot.get_me()).supports_inline_queries is True

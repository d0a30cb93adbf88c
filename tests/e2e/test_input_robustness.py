"""No input breaks a handler (issue 9, points 2 and 7): ids, long replies, /broadcast previews
Telegram refuses, /import files it will not hand over, messages that are not commands,
buttons pressed by someone else than the chat, odd time zones, the log filter.

End-to-end tests run the real Application against the fake Bot API; user 42 is the admin.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fakebot.html import parse_html
from fakebot.methods.updates import channel_origin
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

from bot.logs import RedactTokenFilter
from bot.models import INT64_MAX, parse_id
from bot.render import TEXT_LIMIT
from bot.render.keyboards import topic_picker
from bot.telegram.admin.channels import parse_target
from bot.telegram.common import (
    OFF_WORDS,
    ON_WORDS,
    local_datetime,
    parse_switch,
    split_html,
    utf16_length,
    word_in,
)
from bot.telegram.reader.settings import find_zone, is_place_zone

ADMIN, READER, OTHER = 42, 7, 8
GROUP = -4001
GROUP_WITH_PICKER = -4002
TIMEOUT = 10.0
GENERIC = "Something went wrong"

# --- ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["99999999999999999999999", "²", "1²", "٣", "9" * 5000, "-5", "+5", "", " ", "1 2", "0x10"],
)
def test_parse_id_refuses_what_is_not_a_64_bit_ascii_number(text: str) -> None:
    assert parse_id(text) is None


def test_parse_id_takes_sqlite_range() -> None:
    assert parse_id(" 17 ") == 17
    assert parse_id(str(INT64_MAX)) == INT64_MAX
    assert parse_id(str(INT64_MAX + 1)) is None
    assert parse_id("-9223372036854775808", signed=True) == -(2**63)
    assert parse_id("-9223372036854775809", signed=True) is None


@pytest.mark.parametrize(
    "text",
    [
        "-1001234567890:99999999999999999999",
        "-99999999999999999999999",
        "-100²",
        "-100:0",
        "-100:-5",
        "0",
        "-100:",
    ],
)
def test_parse_target_refuses_out_of_range_and_odd_digits(text: str) -> None:
    assert parse_target(text) is None


def test_parse_target_takes_chat_and_thread() -> None:
    assert parse_target("-1001234567890:42") == (-1001234567890, 42)
    assert parse_target("-1001234567890") == (-1001234567890, 0)


# --- long replies -------------------------------------------------------------------------


def _parsed(part: str) -> str:
    return parse_html(part).text


def test_on_off_words_are_one_vocabulary_in_both_languages() -> None:
    """/instant, /digest off, /quiet off and /addchannel preview=... read the same words."""
    for word in ("on", "YES", "true", "1", "так", "Увімк", "увімкнути"):
        assert parse_switch(word) is True and word_in(word, ON_WORDS)
    for word in ("off", "No", "false", "0", "ні", "вимк", "вимкнути"):
        assert parse_switch(word) is False and word_in(word, OFF_WORDS)
    for word in ("", "maybe", "o n", "onn"):
        assert parse_switch(word) is None
    assert not ON_WORDS & OFF_WORDS


def test_split_html_cuts_between_lines_and_keeps_tags_balanced() -> None:
    lines = [f'<b>{n}</b> <a href="https://e.org/{n}">line {"x" * 80}</a>' for n in range(200)]
    html = "\n".join(lines)
    parts = split_html(html)
    assert len(parts) > 1
    for part in parts:
        assert len(_parsed(part)) <= TEXT_LIMIT  # the fake's parser accepts it
        assert not part.startswith("\n")
    assert "".join(_parsed(p) + "\n" for p in parts).split() == _parsed(html).split()


def test_split_html_cuts_one_long_line_inside_a_tag_and_reopens_it() -> None:
    html = "Keywords: <code>" + ", ".join(f"word{n:04d}" * 6 for n in range(300)) + "</code>"
    parts = split_html(html)
    assert len(parts) >= 4
    for part in parts:
        parsed = parse_html(part)
        assert len(parsed.text) <= TEXT_LIMIT
        assert any(e["type"] == "code" for e in parsed.entities)


def test_split_html_hard_cuts_a_word_longer_than_a_message_counting_utf16() -> None:
    html = "😀" * 5000  # 10,000 UTF-16 units, no space anywhere
    parts = split_html(html)
    assert all(utf16_length(_parsed(p)) <= TEXT_LIMIT for p in parts)
    assert "".join(parts) == html


def test_split_html_keeps_short_text_whole() -> None:
    assert split_html("<b>hi</b>\n") == ["<b>hi</b>\n"]


# --- time zones and the log filter --------------------------------------------------------


@pytest.mark.parametrize("text", ["localtime", "Factory", "posixrules", "Etc/GMT+3", "EST5EDT"])
def test_timezone_files_that_are_not_places_are_refused(text: str) -> None:
    assert find_zone(text) is None


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("Kyiv", "Europe/Kyiv"),
        ("europe/warsaw", "Europe/Warsaw"),
        ("UTC", "UTC"),
        # a city as Ukrainian and Russian readers write it (CLDR's names, through Babel)
        ("Київ", "Europe/Kyiv"),
        ("Киев", "Europe/Kyiv"),
        ("Варшава", "Europe/Warsaw"),
        ("нью-йорк", "America/New_York"),
        ("Нью Йорк", "America/New_York"),
        # spaces, hyphens and underscores alike
        ("New York", "America/New_York"),
        ("port au prince", "America/Port-au-Prince"),
        ("America/Port_au_Prince", "America/Port-au-Prince"),
        # apostrophes (ASCII and typographic) dropped, dots and commas as gaps
        ("St. John's", "America/St_Johns"),
        ("St. John\u2019s", "America/St_Johns"),
        ("st.john's", "America/St_Johns"),
        ("St Johns", "America/St_Johns"),
        ("America/St. John's", "America/St_Johns"),
        ("Port-au-Prince", "America/Port-au-Prince"),
        ("Ho Chi Minh", "Asia/Ho_Chi_Minh"),
        ("Рейк'явік", "Atlantic/Reykjavik"),  # CLDR writes it with U+02BC
        ("Нокс, Індіана", "America/Indiana/Knox"),
        ("Нокс Індіана", "America/Indiana/Knox"),
        # accents dropped on either side
        ("São Paulo", "America/Sao_Paulo"),
        ("Sao Paulo", "America/Sao_Paulo"),
        ("Asunción", "America/Asuncion"),
        ("Bogotá", "America/Bogota"),
        ("Київ", "Europe/Kyiv"),
        # Ukraine's cities CLDR names no zone after (CITY_ZONES), in either language
        ("Львів", "Europe/Kyiv"),
        ("Харків", "Europe/Kyiv"),
        ("Одеса", "Europe/Kyiv"),
        ("Одесса", "Europe/Kyiv"),
        ("Дніпро", "Europe/Kyiv"),
        ("Івано-Франківськ", "Europe/Kyiv"),
        ("кривий ріг", "Europe/Kyiv"),
        ("Lviv", "Europe/Kyiv"),
        ("Севастополь", "Europe/Simferopol"),
        # capitals whose zone is named after another city
        ("Вашингтон", "America/New_York"),
        ("Пекін", "Asia/Shanghai"),
    ],
)
def test_timezone_places_and_utc_are_found(text: str, zone: str) -> None:
    assert find_zone(text) == zone
    assert is_place_zone(zone)


def test_log_filter_masks_tokens_but_not_chat_and_thread_ids() -> None:
    redact = RedactTokenFilter().redact
    assert (
        redact("to -1001234567890:99999999999999999999") == "to -1001234567890:99999999999999999999"
    )
    assert redact("chat -1001234567890:42 failed") == "chat -1001234567890:42 failed"
    token = "123456789:AAH" + "x" * 32
    assert redact(f"/bot{token}/getMe") == "/bot[token]/getMe"


def test_a_date_of_another_year_shows_its_year() -> None:
    """ "01 Jan, 02:00" for an embargo in 2099 or a story of 2000 read as this year's."""
    zone = ZoneInfo("Europe/Kyiv")
    now = datetime.now(zone)
    this_year = now.replace(month=1, day=1, hour=2, minute=0, second=0, microsecond=0)
    assert local_datetime(this_year, zone, "en") == "01 Jan, 02:00"
    far = datetime(2099, 1, 1, 0, 0, tzinfo=UTC)
    assert local_datetime(far, zone, "en") == "01 Jan 2099, 02:00"
    assert local_datetime(far, zone, "uk") == "01.01.2099, 02:00"
    assert local_datetime(datetime(2000, 1, 1, 0, 0, tzinfo=UTC), zone, "en") == (
        "01 Jan 2000, 02:00"
    )


# --- end to end ---------------------------------------------------------------------------


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    return make_settings(
        fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN), fetch_timeout=2
    )


@pytest.fixture
async def bot(
    running_bot: RunningBot, fake_bot: FakeBotServer, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[RunningBot]:
    """The running bot; after the test: no unhandled error was logged."""
    fake_bot.set_limits(private_per_sec=100, private_burst=100)
    caplog.set_level(logging.INFO)
    yield running_bot
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


async def exchange(fake: FakeBotServer, user: int, text: str) -> list[SentMessage]:
    """`user` sends `text`; every reply it got (the bot handles one update at a time, so
    everything before the answer to a /help sent after it is the answer to `text`)."""
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code="en")
    fake.inject_message(user, "/help", language_code="en")
    await fake.wait_for(
        lambda _: any("/search" in (m.text or "") for m in fake.messages(user)[before:]), TIMEOUT
    )
    replies = fake.messages(user)[before:]
    end = max(i for i, m in enumerate(replies) if "/search" in (m.text or ""))
    return replies[:end]


async def help_reply(fake: FakeBotServer, user: int) -> SentMessage:
    """`user` sends /help; the reply."""
    before = len(fake.messages(user))
    fake.inject_message(user, "/help", language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


def no_rejections(fake: FakeBotServer, *allowed: str) -> None:
    assert [(r.method, r.description) for r in fake.rejections if r.method not in allowed] == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/post 99999999999999999999999", "/post ARTICLE_ID"),
        ("/post ²", "/post ARTICLE_ID"),
        ("/hold " + "9" * 5000, "/hold ARTICLE_ID"),
        ("/delsource 99999999999999999999", "/delsource"),
        ("/delchannel -1001234567890:99999999999999999999", "-1001234567890:9999"),
        ("/addchannel -99999999999999999999999", "-9999"),
    ],
)
async def test_huge_or_odd_numbers_get_a_usage_reply(
    bot: RunningBot, fake_bot: FakeBotServer, command: str, expected: str
) -> None:
    replies = await exchange(fake_bot, ADMIN, command)
    assert len(replies) == 1 and expected in (replies[0].text or "")
    assert GENERIC not in (replies[0].text or "")
    no_rejections(fake_bot)


async def test_keywords_with_a_hundred_long_words_answers_in_several_messages(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    words = ", ".join(f"{chr(97 + n % 26)}{n:03d}" + "z" * 55 for n in range(100))
    replies = await exchange(fake_bot, ADMIN, f"/keywords politics {words}")
    assert len(replies) >= 2
    assert all(GENERIC not in (m.text or "") for m in replies)
    no_rejections(fake_bot)


async def test_keywords_with_a_topic_alone_lists_its_rules_over_several_messages(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    biggest = max(await store.topics.all(), key=lambda topic: len(topic.keywords))
    replies = await exchange(fake_bot, ADMIN, f"/keywords {biggest.slug}")
    assert len(replies) >= 2  # some 560 rules do not fit one message
    text = " ".join(m.text or "" for m in replies)
    assert text.startswith(f"Keywords of {biggest.slug} ({len(biggest.keywords)}): ")
    listed = text.split("): ", 1)[1].rstrip(".")
    assert [k.strip() for k in listed.split(", ")] == list(biggest.keywords)
    no_rejections(fake_bot)
    # nothing changed
    after = next(t for t in await store.topics.all() if t.slug == biggest.slug)
    assert after.keywords == biggest.keywords


async def test_addsource_with_a_5000_character_url_gets_a_short_clear_reply(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    url = "http://127.0.0.1:9/feed?" + "a" * 5000  # the discard port: refused at once
    started = time.monotonic()
    replies = await exchange(fake_bot, ADMIN, f"/addsource {url}")
    assert time.monotonic() - started < TIMEOUT
    assert len(replies) == 1 and "Added source" in (replies[0].text or "")
    assert len(replies[0].text or "") < 1000
    no_rejections(fake_bot)


async def test_a_very_long_reader_reply_is_split_not_replaced_by_an_error(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    unknown = " ".join(f"{'ы' * 60}{n}" for n in range(50))
    replies = await exchange(fake_bot, READER, f"/subscribe {unknown}")
    assert replies and all(GENERIC not in (m.text or "") for m in replies)
    no_rejections(fake_bot)


async def test_broadcast_preview_refused_by_telegram_is_explained_and_leaves_no_draft(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.fail_next(
        status=400,
        description='Bad Request: can\'t parse entities: unsupported start tag "x"',
        methods=["sendMessage"],
    )
    replies = await exchange(fake_bot, ADMIN, "/broadcast Hello <b>readers</b>")
    assert len(replies) == 1
    assert "Telegram rejected the preview" in (replies[0].text or "")
    assert "unsupported start tag" in (replies[0].text or "")
    rows = await bot.runtime.store.db.fetchall("SELECT state FROM broadcasts")
    assert [r["state"] for r in rows] == ["cancelled"]
    no_rejections(fake_bot, "sendMessage")
    assert len(fake_bot.rejections) == 1


@pytest.mark.parametrize("text", ["<span>x</span>", "<tg-emoji>👍</tg-emoji>"])
async def test_broadcast_html_telegram_refuses_never_leaves_a_draft(
    bot: RunningBot, fake_bot: FakeBotServer, text: str
) -> None:
    replies = await exchange(fake_bot, ADMIN, f"/broadcast {text}")
    said = " ".join(m.text or "" for m in replies)
    assert "reject" in said and GENERIC not in said
    rows = await bot.runtime.store.db.fetchall("SELECT state FROM broadcasts")
    assert [r["state"] for r in rows if r["state"] == "draft"] == []


async def test_import_of_a_file_telegram_will_not_hand_over_gets_a_reply(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.fail_next(status=400, description="Bad Request: file is too big", methods=["getFile"])
    before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_document(ADMIN, b"<opml/>", "feeds.opml", caption="/import")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(ADMIN)) > before, TIMEOUT)
    text = fake_bot.messages(ADMIN)[before].text or ""
    assert "could not get that file" in text and "file is too big" in text.lower()
    no_rejections(fake_bot, "getFile")


def _media_update(fake: FakeBotServer, user: int, chat_id: int, kind: str) -> None:
    chat = fake.chat(chat_id)
    assert chat is not None
    body: dict[str, Any] = {
        "message_id": chat.take_message_id(),
        "from": {"id": user, "is_bot": False, "first_name": "U", "language_code": "en"},
        "chat": chat.api(),
        "date": int(time.time()),
    }
    file = {"file_id": f"F{kind}", "file_unique_id": f"U{kind}", "width": 1, "height": 1}
    if kind == "photo":
        body["photo"] = [file]
    elif kind == "sticker":
        body["sticker"] = {**file, "is_animated": False, "is_video": False, "type": "regular"}
    else:
        body["document"] = {"file_id": "Fdoc", "file_unique_id": "Udoc", "file_name": "a.pdf"}
    fake.inject_update({"message": body})


@pytest.mark.parametrize("kind", ["photo", "sticker", "document"])
async def test_media_without_a_command_gets_a_pointer_to_help(
    bot: RunningBot, fake_bot: FakeBotServer, kind: str
) -> None:
    fake_bot.add_private_chat(READER)
    before = len(fake_bot.messages(READER))
    _media_update(fake_bot, READER, READER, kind)
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(READER)) > before, TIMEOUT)
    assert "/help" in (fake_bot.messages(READER)[before].text or "")
    no_rejections(fake_bot)


async def forwarded(fake: FakeBotServer, user: int, text: str) -> list[SentMessage]:
    """`user` forwards a channel post reading `text` to the bot; every reply it got."""
    before = len(fake.messages(user))
    origin = channel_origin(-1001234567890, 77, title="Some news")
    fake.inject_message(user, text, language_code="en", forward_origin=origin)
    fake.inject_message(user, "/help", language_code="en")
    await fake.wait_for(
        lambda _: any("/search" in (m.text or "") for m in fake.messages(user)[before:]), TIMEOUT
    )
    replies = fake.messages(user)[before:]
    return replies[: max(i for i, m in enumerate(replies) if "/search" in (m.text or ""))]


@pytest.mark.parametrize("text", ["/stop", "/latest", "/start politics", "/frobnicate"])
async def test_a_forwarded_command_is_not_run_but_gets_a_pointer_to_help(
    bot: RunningBot, fake_bot: FakeBotServer, text: str
) -> None:
    await exchange(fake_bot, READER, "/start war")
    (reply,) = await forwarded(fake_bot, READER, text)
    assert reply.text == "I understand commands; /help lists them."
    reader = await bot.runtime.store.readers.get(READER)
    assert reader is not None and reader.active
    assert await bot.runtime.store.readers.topics_of(READER) == ["war"]
    no_rejections(fake_bot)


async def test_a_forwarded_admin_command_is_not_run(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    (reply,) = await forwarded(fake_bot, ADMIN, "/pause")
    assert reply.text == "I understand commands; /help lists them."
    assert not await bot.runtime.store.is_paused()
    no_rejections(fake_bot)


async def test_unknown_command_is_named_with_a_pointer_to_help(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    replies = await exchange(fake_bot, READER, "/frobnicate now")
    assert len(replies) == 1
    assert "/frobnicate" in (replies[0].text or "") and "/help" in (replies[0].text or "")
    admin_only = await exchange(fake_bot, ADMIN, "/nosuchadmin")
    assert "/nosuchadmin" in (admin_only[0].text or "")


async def test_help_lists_the_admin_commands_to_admins_only(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    admin_help, reader_help = [await help_reply(fake_bot, user) for user in (ADMIN, READER)]
    for command in ("/search", "/digest", "/timezone"):
        assert command in (admin_help.text or "") and command in (reader_help.text or "")
    for command in ("/addsource", "/broadcast", "/keywords", "/pause"):
        assert command in (admin_help.text or "")
        assert command not in (reader_help.text or "")
    assert "Admin commands" in (admin_help.text or "")
    # what no command shows: inline sharing (inline mode is on at the fake's @BotFather) and
    # the breaking-news button of /settings
    username = fake_bot.bot_user["username"]
    for text in (admin_help.text or "", reader_help.text or ""):
        assert f"@{username} words" in text
        assert "Breaking news" in text and "/settings" in text
    no_rejections(fake_bot)


async def test_timezone_takes_a_city_in_ukrainian(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    (reply,) = await exchange(fake_bot, READER, "/timezone Київ")
    assert "Europe/Kyiv" in (reply.text or "")
    (reply,) = await exchange(fake_bot, READER, "/timezone Нью Йорк")
    assert "America/New_York" in (reply.text or "")
    (reply,) = await exchange(fake_bot, READER, "/timezone Львів")
    assert "Europe/Kyiv" in (reply.text or "")
    no_rejections(fake_bot)


async def test_in_groups_the_bot_stays_silent(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    fake_bot.add_group(GROUP)
    fake_bot.inject_message(READER, "hello", chat_id=GROUP)
    fake_bot.inject_message(READER, "/frobnicate", chat_id=GROUP)
    _media_update(fake_bot, READER, GROUP, "sticker")
    await exchange(fake_bot, READER, "/help")  # handled after the group's updates
    assert fake_bot.messages(GROUP) == []


async def test_a_button_acts_for_the_user_who_pressed_it(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.add_group(GROUP_WITH_PICKER)
    await exchange(fake_bot, OTHER, "/start")
    store = bot.runtime.store
    topics = await store.topics.all()
    assert bot.app is not None
    sent = await bot.app.bot.send_message(
        GROUP_WITH_PICKER, "topics", reply_markup=topic_picker(topics, [], "en")
    )
    before = len(fake_bot.callback_answers)
    fake_bot.inject_callback(OTHER, sent.message_id, "tg:politics", chat_id=GROUP_WITH_PICKER)
    await fake_bot.wait_for(lambda _: len(fake_bot.callback_answers) > before, TIMEOUT)
    answer = fake_bot.callback_answers[before]
    assert "Politics" in str(answer.get("text"))
    assert await store.readers.topics_of(OTHER) == ["politics"]
    assert await store.readers.get(GROUP_WITH_PICKER) is None
    no_rejections(fake_bot)


async def test_a_button_pressed_too_long_ago_to_answer_still_acts_without_an_error(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Telegram refuses an answer to a press older than about 15 s (after a restart, or a
    backlog): the press still acts, and no error is logged or reported to admins."""
    await exchange(fake_bot, OTHER, "/start")
    picker = next(m for m in fake_bot.messages(OTHER) if m.reply_markup)
    admin_before = len(fake_bot.messages(ADMIN))
    fake_bot.inject_callback(OTHER, picker.message_id, "tg:politics", expired=True)
    await fake_bot.wait_for(
        lambda _: any(r.method == "answerCallbackQuery" for r in fake_bot.rejections), TIMEOUT
    )
    await exchange(fake_bot, OTHER, "/help")  # handled after the press
    assert await bot.runtime.store.readers.topics_of(OTHER) == ["politics"]
    assert [r.description for r in fake_bot.rejections] == [
        "Bad Request: query is too old and response timeout expired or query ID is invalid"
    ]
    assert len(fake_bot.messages(ADMIN)) == admin_before  # no error report


async def test_a_button_press_without_data_is_out_of_date_not_for_editors_only(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    await exchange(fake_bot, OTHER, "/start")
    picker = next(m for m in fake_bot.messages(OTHER) if m.reply_markup)
    before = len(fake_bot.callback_answers)
    fake_bot.inject_callback(OTHER, picker.message_id, "")
    await fake_bot.wait_for(lambda _: len(fake_bot.callback_answers) > before, TIMEOUT)
    assert fake_bot.callback_answers[before]["text"] == (
        "This button is out of date. Send /topics again."
    )


@pytest.mark.parametrize("text", ["/broadcast \u200b", "/broadcast <b>\u2060 </b>"])
async def test_a_broadcast_that_shows_nothing_gets_the_usage_and_no_draft(
    bot: RunningBot, fake_bot: FakeBotServer, text: str
) -> None:
    replies = await exchange(fake_bot, ADMIN, text)
    assert len(replies) == 1 and (replies[0].text or "").startswith("Send /broadcast")
    assert not any(m.reply_markup for m in fake_bot.messages(ADMIN))  # no confirm question


async def test_a_reply_that_meets_a_5xx_is_sent_again(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Telegram's 500 reaches no one: the reply is tried once more and arrives (it was lost,
    while stories are retried)."""
    await exchange(fake_bot, OTHER, "/start")
    fake_bot.fail_next(1, 500, methods=["sendMessage"])
    replies = await exchange(fake_bot, OTHER, "/latest")
    assert [r.status for r in fake_bot.rejections] == [500]
    assert replies and "No stories yet." in (replies[0].text or "")


async def test_a_reply_told_to_wait_several_times_still_arrives(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Flood control on a reply (the chat busy with the bot's own edits, or with sends of
    before a restart): the reply waits as told and is tried again, more than once."""
    await exchange(fake_bot, OTHER, "/start")
    fake_bot.fail_next(3, 429, retry_after=1, methods=["sendMessage"])
    before = len(fake_bot.messages(OTHER))
    fake_bot.inject_message(OTHER, "/latest", language_code="en")
    await fake_bot.wait_for(lambda _: len(fake_bot.messages(OTHER)) > before, 3 * TIMEOUT)
    assert [r.status for r in fake_bot.rejections] == [429, 429, 429]
    assert "No stories yet." in (fake_bot.messages(OTHER)[before].text or "")


async def test_telegrams_own_trouble_is_a_warning_not_an_error_report(
    bot: RunningBot, fake_bot: FakeBotServer, caplog: pytest.LogCaptureFixture
) -> None:
    """502s to getUpdates (python-telegram-bot retries them) and a reply still refused for
    flood control after its retries are Telegram's passing trouble: a warning line each, no
    traceback, no report to admins, and the bot answers on."""
    await exchange(fake_bot, ADMIN, "/start")
    admin_before = len(fake_bot.messages(ADMIN))
    fake_bot.fail_next(2, 502, methods=["getUpdates"])
    fake_bot.fail_next(5, 429, retry_after=1, methods=["sendMessage"])
    fake_bot.inject_message(OTHER, "/help", language_code="en")
    await fake_bot.wait_for(lambda _: len(fake_bot.rejections) >= 7, 2 * TIMEOUT)
    replies = await exchange(fake_bot, OTHER, "/latest")
    assert replies and len(fake_bot.messages(ADMIN)) == admin_before  # no error report
    trouble = [r.getMessage() for r in caplog.records if "Telegram's trouble" in r.getMessage()]
    assert len(trouble) == 3 and all(not r.exc_info for r in caplog.records if r.levelno >= 30)


async def test_a_reader_who_cannot_receive_the_reply_is_marked_inactive_not_an_error(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """A command whose reply Telegram refuses with 403 (here the account is gone; a reader
    who blocks the bot while the command waits gets the same): the reader is inactive, as
    after a story's 403, and no error is logged or reported to admins."""
    await exchange(fake_bot, OTHER, "/start")
    fake_bot.deactivate(OTHER)
    fake_bot.inject_message(OTHER, "/subscribe sport", language_code="en")
    readers = bot.runtime.store.readers
    for _ in range(100):
        reader = await readers.get(OTHER)
        if reader is not None and not reader.active:
            break
        await asyncio.sleep(0.05)
    assert reader is not None and not reader.active
    assert {(r.method, r.params.get("chat_id"), r.status) for r in fake_bot.rejections} == {
        ("sendMessage", str(OTHER), 403)
    }


@pytest.mark.parametrize("command", ["/subscribe ,", "/unsubscribe , ,"])
async def test_a_topic_list_of_only_commas_gets_the_usage(
    bot: RunningBot, fake_bot: FakeBotServer, command: str
) -> None:
    replies = await exchange(fake_bot, READER, command)
    assert len(replies) == 1 and "subscribe" in (replies[0].text or "")
    assert GENERIC not in (replies[0].text or "")
    no_rejections(fake_bot)


class _Message:
    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    async def reply_text(self, text: str, **kwargs: Any) -> None:
        self.sent.append((text, kwargs.get("reply_markup")))


class _Update:
    def __init__(self) -> None:
        self.effective_message = _Message()


async def test_a_reply_too_long_for_five_messages_is_cut_with_a_note() -> None:
    from telegram import InlineKeyboardButton, InlineKeyboardMarkup

    from bot.telegram.common import MAX_PARTS, reply

    update = _Update()
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="x")]])
    html = "\n".join(f"<b>line {n}</b> " + "w " * 100 for n in range(200))  # ~41,000
    await reply(update, html, lang="en", keyboard=keyboard)  # type: ignore[arg-type]
    sent = update.effective_message.sent
    assert len(sent) == MAX_PARTS + 1
    assert all(len(parse_html(text).text) <= TEXT_LIMIT for text, _ in sent)
    assert "left out" in sent[-1][0] and sent[-1][1] is keyboard
    assert all(markup is None for _, markup in sent[:-1])

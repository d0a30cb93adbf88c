"""Reader commands end to end: the real Application long-polling the fake Bot API.

Updates are injected as a Telegram client would send them; replies are read back from the
fake server, which rejects anything Telegram would (bad HTML, too long, bad buttons).
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot
from telegram import BotCommand

from bot.ingest.tagging import fill_search_lemmas
from bot.models import ArticleIn, to_iso, utcnow
from bot.store.store import Store
from bot.telegram.registry import READER_COMMANDS, set_commands
from bot.text.search import fts_query

TIMEOUT = 5.0
ALICE, BOHDAN, CAROL = 1001, 1002, 1003
GROUP = -4001


def store_of(bot: RunningBot) -> Store:
    return bot.runtime.store


async def send(
    fake: FakeBotServer, user: int, text: str, *, lang: str | None = "en"
) -> SentMessage:
    """`user` sends `text` to the bot; returns the bot's reply."""
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code=lang)
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


async def tap(
    fake: FakeBotServer, user: int, message: SentMessage, data: str, *, lang: str = "en"
) -> dict[str, Any]:
    """`user` (their app in `lang`) taps a button with `data` under `message`; returns the
    callback's answer."""
    before = len(fake.callback_answers)
    fake.inject_callback(user, message.message_id, data, language_code=lang)
    await fake.wait_for(lambda _: len(fake.callback_answers) > before, TIMEOUT)
    return fake.callback_answers[before]


def buttons(message: SentMessage) -> dict[str, str]:
    """Button data -> label."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return {b["callback_data"]: b["text"] for row in rows for b in row}


def not_modified_is_expected(fake: FakeBotServer) -> int:
    """A picker press redraws the keyboard whatever the press's copy of the message shows;
    a redraw that changes nothing is refused by Telegram ("message is not modified"), which
    the bot takes quietly. Forget those refusals (the `bot` fixture checks there is no other);
    how many there were."""
    kept = [
        r
        for r in fake.rejections
        if not (r.method == "editMessageReplyMarkup" and "not modified" in r.description)
    ]
    forgotten = len(fake.rejections) - len(kept)
    fake.rejections.clear()
    fake.rejections.extend(kept)
    return forgotten


def checked(message: SentMessage) -> set[str]:
    return {data[3:] for data, label in buttons(message).items() if label.startswith("✅")}


async def add_story(
    bot: RunningBot, title: str, lead: str, *, topics: list[str], hours_ago: float
) -> int:
    """A story too old to be pushed (MAX_ARTICLE_AGE_HOURS): only replies reach the chats."""
    store = store_of(bot)
    _, article_id = await store.articles.upsert(
        ArticleIn(
            url=f"https://news.example.org/{abs(hash(title))}?a=1&b=2",
            title=title,
            lead=lead,
            published_at=utcnow() - timedelta(hours=48 + hours_ago),
            tags=topics,
        )
    )
    await store.articles.set_topics(article_id, topics)
    await fill_search_lemmas(store)  # as the poller would, without waiting for it
    return article_id


# --- onboarding ---------------------------------------------------------------------------


async def test_start_registers_greets_and_shows_the_picker(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    reply = await send(fake_bot, ALICE, "/start")
    assert reply.text is not None and reply.text.startswith("Welcome!")
    assert "Tap a topic" in reply.text
    labels = buttons(reply)
    assert labels["tg:politics"] == "Politics" and labels["tg:war"] == "War"
    assert labels["tg*"] == "All" and labels["tg-"] == "None"
    assert checked(reply) == set()
    reader = await store_of(bot).readers.get(ALICE)
    assert reader is not None and reader.active and reader.language == "en"


async def test_deep_link_subscribes_at_once(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, ALICE, "/start politics-war-nonsense")
    assert reply.text is not None
    assert "Subscribed: Politics, War." in reply.text
    assert "Not a topic, skipped: nonsense." in reply.text
    assert checked(reply) == {"politics", "war"}
    assert await store_of(bot).readers.topics_of(ALICE) == ["politics", "war"]


async def test_command_menus_are_set_in_english_and_ukrainian(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    private = {"type": "all_private_chats"}
    default, english, ukrainian = (fake_bot.commands(private, code) for code in ("", "en", "uk"))
    assert default is not None and english == default
    assert ukrainian is not None
    names = [c["command"] for c in ukrainian]
    assert names == [c["command"] for c in default] == list(READER_COMMANDS)
    assert {"start", "topics", "search", "stop"} <= set(names)
    by_name = {c["command"]: c["description"] for c in ukrainian}
    assert by_name["stop"] == "Зупинити бота й видалити ваші дані"
    assert {c["command"]: c["description"] for c in default}["stop"].startswith("Stop the bot")
    assert fake_bot.menu(ALICE, ALICE, "uk") == ukrainian
    assert fake_bot.menu(ALICE, ALICE, "de") == default


async def test_groups_show_no_menu_also_after_an_older_version_set_one(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """The bot answers in private chats only: a group shows no menu, in any language."""
    fake_bot.add_group(GROUP)
    assert [fake_bot.menu(GROUP, ALICE, code) for code in ("", "en", "uk")] == [None] * 3
    # an older version's menus, in the default scope (which groups show), then a start
    assert bot.app is not None
    tg = bot.app.bot
    old = [BotCommand("start", "Start"), BotCommand("latest", "Latest")]
    for code in (None, "en", "uk"):
        await tg.set_my_commands(old, language_code=code)
    assert fake_bot.menu(GROUP, ALICE, "uk") == [c.to_dict() for c in old]
    await set_commands(tg)
    assert [fake_bot.menu(GROUP, ALICE, code) for code in ("", "en", "uk")] == [None] * 3
    assert [c["command"] for c in fake_bot.menu(ALICE, ALICE, "uk") or []] == list(READER_COMMANDS)


# --- the topic picker -------------------------------------------------------------------


async def test_picker_round_trip(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    readers = store_of(bot).readers
    picker = await send(fake_bot, ALICE, "/topics")
    assert picker.text == "Tap a topic to subscribe or unsubscribe; ✅ marks yours."

    answer = await tap(fake_bot, ALICE, picker, "tg:war")
    assert answer["text"] == "✅ War"
    await fake_bot.wait_for(lambda _: fake_bot.message(ALICE, picker.message_id).edited >= 1)
    picker = fake_bot.message(ALICE, picker.message_id)  # edited in place, not sent again
    assert checked(picker) == {"war"}
    assert await readers.topics_of(ALICE) == ["war"]

    await tap(fake_bot, ALICE, picker, "tg:sport")
    answer = await tap(fake_bot, ALICE, picker, "tg:war")
    assert answer["text"] == "Unsubscribed: War"
    await fake_bot.wait_for(lambda _: fake_bot.message(ALICE, picker.message_id).edited >= 3)
    assert checked(fake_bot.message(ALICE, picker.message_id)) == {"sport"}
    assert await readers.topics_of(ALICE) == ["sport"]

    answer = await tap(fake_bot, ALICE, picker, "tg*")
    assert answer["text"] == "Subscribed to every topic"
    await fake_bot.wait_for(lambda _: fake_bot.message(ALICE, picker.message_id).edited >= 4)
    all_slugs = {topic.slug for topic in await store_of(bot).topics.all()}
    assert checked(fake_bot.message(ALICE, picker.message_id)) == all_slugs
    assert set(await readers.topics_of(ALICE)) == all_slugs

    answer = await tap(fake_bot, ALICE, picker, "tg-")
    assert answer["text"] == "Unsubscribed from every topic"
    await fake_bot.wait_for(lambda _: fake_bot.message(ALICE, picker.message_id).edited >= 5)
    assert checked(fake_bot.message(ALICE, picker.message_id)) == set()
    assert await readers.topics_of(ALICE) == []
    assert len(fake_bot.messages(ALICE)) == 1  # only the picker itself


async def test_two_quick_taps_on_a_topic_leave_the_picker_showing_the_stored_state(
    bot: RunningBot, fake_bot: FakeBotServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Both presses carry the picker as it was before either (✅ War): the second one's
    redraw must not be skipped because its copy of the message already looks right."""
    picker = await send(fake_bot, ALICE, "/start war")
    assert checked(picker) == {"war"}
    before = len(fake_bot.callback_answers)
    for _ in range(2):
        fake_bot.inject_callback(ALICE, picker.message_id, "tg:war")
    await fake_bot.wait_for(lambda _: len(fake_bot.callback_answers) >= before + 2, TIMEOUT)
    answers = [a["text"] for a in list(fake_bot.callback_answers)[before:]]
    assert answers == ["Unsubscribed: War", "✅ War"]
    await send(fake_bot, ALICE, "/help")  # handled after both presses, in order
    assert await store_of(bot).readers.topics_of(ALICE) == ["war"]
    assert checked(fake_bot.message(ALICE, picker.message_id)) == {"war"}
    # a press that changes nothing redraws the same keyboard: refused as "not modified",
    # which is quiet
    answer = await tap(fake_bot, ALICE, picker, "tg:no-such-topic")
    assert answer["text"] == "This button is out of date. Send /topics again."
    await send(fake_bot, ALICE, "/help")
    assert checked(fake_bot.message(ALICE, picker.message_id)) == {"war"}
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not_modified_is_expected(fake_bot) == 1


@pytest.mark.parametrize(
    "data", ["tg:no-such-topic", "garbage", "sr:1:5", "sr:99:0", "tg:<b>", "x" * 64, "🙂"]
)
async def test_forged_or_stale_buttons_get_a_short_answer(
    bot: RunningBot, fake_bot: FakeBotServer, data: str
) -> None:
    picker = await send(fake_bot, ALICE, "/topics")
    answer = await tap(fake_bot, ALICE, picker, data)
    assert answer["text"] in {
        "This button is out of date. Send /topics again.",
        "This search has expired. Send /search again.",
    }
    assert await store_of(bot).readers.topics_of(ALICE) == []
    reply = await send(fake_bot, ALICE, "/help")  # the bot still answers
    assert reply.text is not None and reply.text.startswith("What I can do")
    not_modified_is_expected(fake_bot)  # a tg: button redraws the same picker


async def test_a_stopped_reader_tapping_an_old_picker_is_told_to_start(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    picker = await send(fake_bot, ALICE, "/start")
    await send(fake_bot, ALICE, "/stop")
    answer = await tap(fake_bot, ALICE, picker, "tg:war")
    assert answer["text"] == "Send /start first."
    assert await store_of(bot).readers.get(ALICE) is None


@pytest.mark.parametrize(
    "command", ["/help", "/latest", "/search kyiv", "/settings", "hello", "/nonsense"]
)
async def test_after_stop_only_a_choice_registers_the_reader_again(
    bot: RunningBot, fake_bot: FakeBotServer, command: str
) -> None:
    """Looking (/help, /latest, /search, /settings, a message) after /stop gets its
    answer but does not register the reader again, so no story or broadcast reaches them;
    a choice (/subscribe) does."""
    readers = store_of(bot).readers
    await send(fake_bot, ALICE, "/start")
    await send(fake_bot, ALICE, "/stop")
    reply = await send(fake_bot, ALICE, command)
    assert reply.text
    assert await readers.get(ALICE) is None
    assert (await readers.counts()).get("active", 0) == 0  # nobody a broadcast would reach
    reply = await send(fake_bot, ALICE, "/subscribe war")
    assert reply.text == "Subscribed: War."
    got = await readers.get(ALICE)
    assert got is not None and got.active and got.topics == ["war"]


# --- /subscribe, /unsubscribe -----------------------------------------------------------


async def test_subscribe_by_ukrainian_title_in_odd_case_and_by_slug(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    reply = await send(fake_bot, ALICE, "/subscribe вІЙНА, ECONOMY Здоров’я")
    assert reply.text == "Subscribed: War, Economy, Health."
    assert await store_of(bot).readers.topics_of(ALICE) == ["war", "economy", "health"]
    reply = await send(fake_bot, ALICE, "/subscribe war")
    assert reply.text == "You're already subscribed to War."


async def test_unknown_topic_names_the_valid_ones(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, ALICE, "/subscribe sport weather")
    assert reply.text is not None
    first, second, third = reply.text.split("\n")
    assert first == "Subscribed: Sport."
    assert second == "I don't know the topic weather."
    assert third.startswith("Topics: politics (Politics), war (War), economy (Economy)")
    assert await store_of(bot).readers.topics_of(ALICE) == ["sport"]


async def test_unknown_topics_past_the_few_named_are_counted(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Of many words that name no topic a few are quoted back, and how many more there were
    is said (they were cut without a word); a deep link's likewise."""
    many = " ".join(f"x{n}" for n in range(12))
    reply = await send(fake_bot, BOHDAN, f"/subscribe {many} x3", lang="uk")
    assert reply.text is not None
    assert reply.text.splitlines()[0] == "Не знаю теми x0, x1, x2, x3, x4 і ще 7."
    reply = await send(fake_bot, ALICE, f"/unsubscribe {many}")
    assert reply.text is not None
    assert reply.text.splitlines()[0] == "I don't know the topic x0, x1, x2, x3, x4 and 7 more."
    reply = await send(fake_bot, ALICE, "/subscribe x0 x1 x2 x3 x4")
    assert reply.text is not None
    assert reply.text.splitlines()[0] == "I don't know the topic x0, x1, x2, x3, x4."
    reply = await send(fake_bot, CAROL, "/start war-" + "-".join(f"y{n}" for n in range(7)))
    assert reply.text is not None
    assert reply.text.endswith(
        "Subscribed: War.\n\nNot a topic, skipped: y0, y1, y2, y3, y4 and 2 more.\n\nTap a topic"
        " to subscribe or unsubscribe; ✅ marks yours."
    )


async def test_unsubscribe_topics_and_all(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    await send(fake_bot, ALICE, "/subscribe all")
    reply = await send(fake_bot, ALICE, "/unsubscribe Sport культура")
    assert reply.text == "Unsubscribed: Sport, Culture."
    assert "sport" not in await store_of(bot).readers.topics_of(ALICE)
    reply = await send(fake_bot, ALICE, "/unsubscribe sport")
    assert reply.text == "You weren't subscribed to Sport."
    reply = await send(fake_bot, ALICE, "/unsubscribe ALL")
    assert reply.text == "Unsubscribed from every topic. /topics to pick again."
    assert await store_of(bot).readers.topics_of(ALICE) == []


# --- bad arguments, hostile input --------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/subscribe", "Which topics? For example: /subscribe politics war"),
        ("/unsubscribe", "Which topics? For example: /unsubscribe sport"),
        # a name that shows nothing is no name (it was echoed: "I don't know the topic .")
        ("/subscribe \x00", "Which topics? For example: /subscribe politics war"),
        ("/unsubscribe \u200b \x00", "Which topics? For example: /unsubscribe sport"),
        ("/subscribe sport \x00", "Subscribed: Sport."),
        ("/instant maybe", "Send /instant on or /instant off."),
        ("/language fr", "Send /language en for English or /language uk for Ukrainian."),
        ("/timezone", "Send your time zone as Area/City, for example /timezone Europe/Kyiv."),
        ("/timezone Mars/Olympus", "I don't know the time zone Mars/Olympus."),
        ("/timezone ../../etc/passwd", "I don't know the time zone ../../etc/passwd."),
        ("/search", "What should I look for?"),
        ("/search !!! ???", "What should I look for?"),
        ("/follow", "What should I watch for?"),
        ("/latest nosuchtopic", "I don't know the topic nosuchtopic."),
        ("/unfollow Kyiv", "You have no keyword alerts."),
    ],
)
async def test_bad_arguments_get_a_reply_saying_what_is_valid(
    bot: RunningBot, fake_bot: FakeBotServer, command: str, expected: str
) -> None:
    reply = await send(fake_bot, ALICE, command)
    assert reply.text is not None and reply.text.startswith(expected), reply.text


HOSTILE = [
    "слово " * 833 + "кінець",  # about 5,000 characters
    "x" * 5000,
    "<b>bold</b> <script>alert(1)</script> & &amp; &#0; </i>",
    "🇺🇦👨‍👩‍👧‍👦🔥 " * 300,
    "مرحبا بالعالم שלום עולם \u202ecba\u202c",
    "\"unclosed 'quotes « » “ ” ` \\ %s {0} {topics}",
]


COMMANDS = [
    "/subscribe",
    "/unsubscribe",
    "/latest",
    "/search",
    "/follow",
    "/unfollow",
    "/timezone",
    "/language",
    "/instant",
    "/start",
    "/settings",
]


@pytest.mark.parametrize(
    "text", HOSTILE, ids=["5000", "one-word", "html", "emoji", "rtl", "quotes"]
)
async def test_nothing_a_reader_types_breaks_a_reply(
    bot: RunningBot, fake_bot: FakeBotServer, text: str
) -> None:
    for command in COMMANDS:
        reply = await send(fake_bot, ALICE, f"{command} {text}")
        assert reply.text and len(reply.text) <= 4096, command
        assert "Something went wrong" not in reply.text, command
    reply = await send(fake_bot, ALICE, "/settings")
    assert reply.text is not None and "Keyword alerts:" in reply.text


async def test_plain_text_gets_a_hint(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, ALICE, "<b>hi</b> & bye 🙂")
    assert reply.text == "I understand commands; /help lists them."


# --- /latest, /search ---------------------------------------------------------------------


async def test_latest_with_and_without_topic(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, ALICE, "/latest")
    assert reply.text == "No stories yet."
    for n in range(12):
        topic = "war" if n % 2 else "economy"
        await add_story(bot, f"Headline {n} <&>", f"Lead {n}", topics=[topic], hours_ago=12 - n)
    reply = await send(fake_bot, ALICE, "/latest")
    assert reply.text is not None
    lines = reply.text.split("\n")
    assert lines[0] == "Latest stories"
    items = [line for line in lines[1:] if line]
    assert len(items) == 10
    assert items[0].startswith("1. Headline 11 <&>")
    assert items[9].startswith("10. Headline 2 <&>")
    links = [e for e in reply.entities if e["type"] == "text_link"]
    assert len(links) == 10 and links[0]["url"].endswith("?a=1&b=2")
    assert (reply.link_preview_options or {}).get("is_disabled") is True

    reply = await send(fake_bot, ALICE, "/latest ВІЙНА")
    assert reply.text is not None
    assert reply.text.startswith("Latest stories: War")
    assert "Headline 11" in reply.text and "Headline 10" not in reply.text
    reply = await send(fake_bot, ALICE, "/latest sport")
    assert reply.text == "No stories on Sport yet."


async def test_search_in_ukrainian_by_a_word_of_the_lead_with_more_pages(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    await add_story(bot, "Інша новина", "Про погоду.", topics=[], hours_ago=0)
    for n in range(7):
        await add_story(
            bot,
            f"Новина {n}",
            f"У КИЇВСЬКОМУ метрополітені змінили розклад, частина {n}.",
            topics=["society"],
            hours_ago=10 - n,
        )
    reply = await send(fake_bot, BOHDAN, "/search київський метрополітен", lang="uk")
    assert reply.text is not None
    lines = [line for line in reply.text.split("\n") if line]
    assert lines[0] == "Пошук: київський метрополітен (1–5 з 7)"
    assert lines[1].startswith("1. Новина 6") and lines[5].startswith("5. Новина 2")
    assert "Інша новина" not in reply.text
    assert list(buttons(reply).values()) == ["Ще »"]

    more = next(iter(buttons(reply)))
    answer = await tap(fake_bot, BOHDAN, reply, more, lang="uk")  # a search does not register
    assert answer["text"] is None
    await fake_bot.wait_for(lambda _: fake_bot.message(BOHDAN, reply.message_id).edited >= 1)
    page = fake_bot.message(BOHDAN, reply.message_id)
    assert page.text is not None
    lines = [line for line in page.text.split("\n") if line]
    assert lines[0] == "Пошук: київський метрополітен (6–7 з 7)"
    assert lines[1].startswith("6. Новина 1") and lines[2].startswith("7. Новина 0")
    assert list(buttons(page).values()) == ["« Назад"]
    assert len(fake_bot.messages(BOHDAN)) == 1


def page_lines(message: SentMessage) -> list[str]:
    """A search page's heading and items."""
    return [line for line in (message.text or "").split("\n") if line]


def numbered(items: list[str]) -> list[tuple[int, int]]:
    """(number, story) of the items "K. Пагінація тест N <time>"; (0, -1) for another story."""
    found = [re.match(r"(\d+)\. Пагінація тест (\d+) ", item) for item in items]
    return [(int(m[1]), int(m[2])) if m else (0, -1) for m in found]


async def turn(fake: FakeBotServer, user: int, reply: SentMessage, data: str, edits: int) -> None:
    """`user` presses a search page's button; wait until the page has been edited `edits`
    times."""
    answer = await tap(fake, user, reply, data, lang="uk")
    assert answer["text"] is None
    await fake.wait_for(lambda _: fake.message(user, reply.message_id).edited >= edits)


async def test_search_pages_follow_the_first_page_as_new_stories_arrive(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Stories stored after a search's first page (newer ones, or one published between its
    results) stay out of its other pages: paging neither repeats nor skips a story, and the
    total stays what the first page said."""
    store = store_of(bot)
    for n in range(10):
        await add_story(bot, f"Пагінація тест {n}", "Лід.", topics=["crime"], hours_ago=10 - n)
    embargoed = await add_story(bot, "Пагінація під ембарго", "Лід.", topics=[], hours_ago=0)
    await store.articles.mark_embargoed([(embargoed, utcnow() + timedelta(hours=1))])
    reply = await send(fake_bot, BOHDAN, "/search пагінація", lang="uk")
    lines = page_lines(reply)
    assert lines[0] == "Пошук: пагінація (1–5 з 10)"
    assert numbered(lines[1:]) == list(zip(range(1, 6), range(9, 4, -1), strict=True))
    for n in range(3):
        await add_story(bot, f"Пагінація тест новий {n}", "Лід.", topics=["crime"], hours_ago=0)
    await add_story(bot, "Пагінація тест посередині", "Лід.", topics=["crime"], hours_ago=7.5)
    # the reader presses "more" five minutes later, when the embargo has ended: the search is
    # made five minutes earlier and the embargo's end moved to a minute ago
    earlier = to_iso(utcnow() - timedelta(minutes=5))
    await store.db.execute("UPDATE searches SET created_at = ?", (earlier,))
    await store.articles.mark_embargoed([(embargoed, utcnow() - timedelta(minutes=1))])

    await turn(fake_bot, BOHDAN, reply, next(iter(buttons(reply))), 1)
    page = fake_bot.message(BOHDAN, reply.message_id)
    lines = page_lines(page)
    assert lines[0] == "Пошук: пагінація (6–10 з 10)"
    assert numbered(lines[1:]) == list(zip(range(6, 11), range(4, -1, -1), strict=True))
    assert list(buttons(page).values()) == ["« Назад"]

    await turn(fake_bot, BOHDAN, reply, next(iter(buttons(page))), 2)
    page = fake_bot.message(BOHDAN, reply.message_id)
    assert page_lines(page)[0] == "Пошук: пагінація (1–5 з 10)"
    assert "новий" not in (page.text or "")
    # a new search sees them all
    reply = await send(fake_bot, BOHDAN, "/search пагінація", lang="uk")
    assert page_lines(reply)[0] == "Пошук: пагінація (1–5 з 15)"


async def test_a_search_button_from_before_the_snapshot_pages_what_it_found_then(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """A "more" button made before searches kept their first page's bound (`sr:ID:OFFSET`,
    in chats already) pages the stories stored by the time the search was made; the page it
    shows has buttons that keep to them."""
    store = store_of(bot)
    for n in range(10):
        await add_story(bot, f"Пагінація тест {n}", "Лід.", topics=["crime"], hours_ago=10 - n)
    reply = await send(fake_bot, BOHDAN, "/search пагінація", lang="uk")
    search_id = next(iter(buttons(reply))).split(":")[1]
    earlier = to_iso(utcnow() - timedelta(minutes=5))
    await store.db.execute("UPDATE searches SET created_at = ?", (earlier,))
    await store.db.execute("UPDATE articles SET created_at = ?", (earlier,))
    for n in range(3):
        await add_story(bot, f"Пагінація тест новий {n}", "Лід.", topics=["crime"], hours_ago=0)

    await turn(fake_bot, BOHDAN, reply, f"sr:{search_id}:5", 1)
    page = fake_bot.message(BOHDAN, reply.message_id)
    lines = page_lines(page)
    assert lines[0] == "Пошук: пагінація (6–10 з 10)"
    assert numbered(lines[1:]) == list(zip(range(6, 11), range(4, -1, -1), strict=True))
    await turn(fake_bot, BOHDAN, reply, next(iter(buttons(page))), 2)
    page = fake_bot.message(BOHDAN, reply.message_id)
    assert page_lines(page)[0] == "Пошук: пагінація (1–5 з 10)"
    assert "новий" not in (page.text or "")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "This search has expired. Send /search again."),
        ("uk", "Цей пошук застарів. Надішліть /search ще раз."),
    ],
)
async def test_a_search_page_with_nothing_left_to_show_points_to_search(
    bot: RunningBot, fake_bot: FakeBotServer, lang: str, expected: str
) -> None:
    """A "more" press past the end (forged, or the stories were held since) points to
    /search, not /topics, and leaves the page as it was."""
    ids = [
        await add_story(bot, f"Zubrovsky hearing {n}", "A hearing.", topics=["crime"], hours_ago=n)
        for n in range(7)
    ]
    reply = await send(fake_bot, ALICE, "/search Zubrovsky", lang=lang)
    more = next(iter(buttons(reply)))
    search_id = more.split(":")[1]
    answer = await tap(fake_bot, ALICE, reply, f"sr:{search_id}:500", lang=lang)
    assert answer["text"] == expected
    for article_id in ids:
        await store_of(bot).articles.set_held(article_id, True)
    answer = await tap(fake_bot, ALICE, reply, more, lang=lang)
    assert answer["text"] == expected
    assert fake_bot.message(ALICE, reply.message_id).edited == 0


async def test_search_finds_nothing(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, ALICE, "/search <quantum> pineapple")
    assert reply.text == "Nothing found for <quantum> pineapple. Try other or fewer words."
    assert reply.html is not None and "<code>&lt;quantum&gt; pineapple</code>" in reply.html


# --- languages, settings, follows -------------------------------------------------------


async def test_ukrainian_reader_gets_ukrainian_until_switching(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    reply = await send(fake_bot, BOHDAN, "/start", lang="uk")
    assert reply.text is not None and reply.text.startswith("Вітаємо!")
    assert buttons(reply)["tg:war"] == "Війна"
    reply = await send(fake_bot, BOHDAN, "/instant off", lang="uk")
    assert reply.text is not None and reply.text.startswith("Готово")
    reply = await send(fake_bot, BOHDAN, "/language en", lang="uk")
    assert reply.text == "I'll speak English with you now."
    reply = await send(fake_bot, BOHDAN, "/topics", lang="uk")
    assert buttons(reply)["tg:war"] == "War"
    reply = await send(fake_bot, BOHDAN, "/language українська", lang="uk")
    assert reply.text == "Тепер я говоритиму з вами українською."
    reader = await store_of(bot).readers.get(BOHDAN)
    assert reader is not None and reader.language == "uk" and not reader.instant


async def test_settings_show_what_is_stored(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    readers = store_of(bot).readers
    await send(fake_bot, ALICE, "/subscribe politics war")
    reply = await send(fake_bot, ALICE, "/timezone europe/warsaw")
    assert reply.text is not None and reply.text.startswith("Time zone: Europe/Warsaw.")
    reply = await send(fake_bot, ALICE, "/timezone St. John\u2019s")
    assert reply.text is not None and reply.text.startswith("Time zone: America/St_Johns.")
    reply = await send(fake_bot, ALICE, "/timezone europe/warsaw")
    assert reply.text is not None and reply.text.startswith("Time zone: Europe/Warsaw.")
    await send(fake_bot, ALICE, '/follow "Kyiv metro"')
    await send(fake_bot, ALICE, "/instant off")
    await readers.set_digest(ALICE, "daily", "08:30")
    reply = await send(fake_bot, ALICE, "/settings")
    assert reply.text == (
        "Your settings\n\n"
        "Topics: Politics, War\n"
        "New stories: not sent as they come (/instant on)\n"
        "Digest: daily at 08:30\n"
        "Breaking news: with sound, even in quiet hours\n"
        "Quiet hours: off\n"
        "Language: English\n"
        "Time zone: Europe/Warsaw\n"
        "Keyword alerts: “Kyiv metro”"
    )
    assert buttons(reply) == {"brk:0": "⚡ Breaking news like any other story"}


async def test_settings_show_quiet_hours_off(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    """Quiet hours are one of the settings shown, off ones too (the line was left out)."""
    await send(fake_bot, BOHDAN, "/start", lang="uk")
    reply = await send(fake_bot, BOHDAN, "/settings", lang="uk")
    assert reply.text is not None and "\nТихі години: вимкнено\n" in reply.text


@pytest.mark.parametrize("lang", ["en", "uk"])
async def test_settings_of_someone_who_stopped_show_nothing_chosen_and_offer_start(
    bot: RunningBot, fake_bot: FakeBotServer, lang: str
) -> None:
    """After /stop (or before any /start) nothing is stored: /settings says so, points to
    /start, and has no button (a tap would store a choice for a guest)."""
    readers = store_of(bot).readers
    await send(fake_bot, ALICE, "/start", lang=lang)
    await send(fake_bot, ALICE, "/follow Kyiv", lang=lang)
    await send(fake_bot, ALICE, "/stop", lang=lang)
    for user in (ALICE, CAROL):  # stopped; never started
        reply = await send(fake_bot, user, "/settings", lang=lang)
        expected = {
            "en": "Your settings\n\nNothing chosen: no topics, no keyword alerts, and I send "
            "you nothing. Send /start to begin.",
            "uk": "Ваші налаштування\n\nНічого не вибрано: ні тем, ні сповіщень за словами, "
            "і я нічого вам не надсилаю. Надішліть /start, щоб почати.",
        }
        assert reply.text == expected[lang]
        assert reply.reply_markup is None
        assert await readers.get(user) is None


async def test_a_held_story_is_neither_found_nor_listed(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """An editor's /hold keeps a story from readers everywhere: /search and /latest as well
    as pushes and inline queries."""
    held = await add_story(
        bot, "Lawsuit against oligarch Zubrovsky", "A claim.", topics=["crime"], hours_ago=1
    )
    await add_story(
        bot, "Court hears Zubrovsky appeal", "A hearing.", topics=["crime"], hours_ago=2
    )
    await store_of(bot).articles.set_held(held, True)
    found = (await send(fake_bot, ALICE, "/search Zubrovsky")).text or ""
    assert "Court hears Zubrovsky appeal" in found and "Lawsuit" not in found
    listed = (await send(fake_bot, ALICE, "/latest crime")).text or ""
    assert "Court hears Zubrovsky appeal" in listed and "Lawsuit" not in listed


async def test_follows_are_shown_as_the_reader_spelled_them(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Alerts match on lemmas, whatever the case; they are shown as typed (trimmed)."""
    reply = await send(fake_bot, ALICE, "/follow   Lecornu ")
    assert reply.text == "Done: every new story that mentions Lecornu will come to you."
    reply = await send(fake_bot, ALICE, "/follow Умєров, «Верховна Рада»", lang="uk")
    assert reply.text is not None and "Умєров" in reply.text and "“Верховна Рада”" in reply.text
    reply = await send(fake_bot, ALICE, "/follow lecornu")  # the same alert, in any case
    assert reply.text == "You already follow lecornu."
    reply = await send(fake_bot, ALICE, "/settings")
    assert reply.text is not None
    assert reply.text.endswith("Keyword alerts: Lecornu; Умєров; “Верховна Рада”")
    reply = await send(fake_bot, ALICE, "/unfollow umerov")
    assert reply.text == "You don't follow umerov. Yours: Lecornu, Умєров, “Верховна Рада”."
    reply = await send(fake_bot, ALICE, "/unfollow УМЄРОВ")
    assert reply.text == "No more alerts for УМЄРОВ."


async def test_a_follow_of_one_letter_is_refused_and_cpp_is_shown_as_typed(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "C++" is "c" to the index (letters and digits only), which "Washington, D.C." holds:
    such an alert is refused, saying why; with a word beside it, it is kept as typed."""
    readers = store_of(bot).readers
    reply = await send(fake_bot, ALICE, '/follow "C++"')
    assert reply.text is not None and reply.text.startswith("C++ is a single letter to the")
    assert "D.C." in reply.text and "mentions" not in reply.text
    reply = await send(fake_bot, BOHDAN, "/follow C#", lang="uk")
    assert reply.text is not None and reply.text.startswith("C# для пошуку — одна літера")
    assert await readers.follows_of(ALICE) == []
    reply = await send(fake_bot, ALICE, '/follow "C++ compiler"')
    assert reply.text == "Done: every new story that mentions “C++ compiler” will come to you."
    follows = await readers.follows_of(ALICE)
    assert [(f.words, f.query) for f in follows] == [("“C++ compiler”", '"c compiler"')]
    reply = await send(fake_bot, ALICE, "/settings")
    assert reply.text is not None and reply.text.endswith("Keyword alerts: “C++ compiler”")


async def test_follow_and_unfollow(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    readers = store_of(bot).readers
    reply = await send(fake_bot, ALICE, '/follow "Kyiv Metro" b')
    assert reply.text == (
        "Done: every new story that mentions all the words of “Kyiv Metro” b will come to you."
    )
    follows = await readers.follows_of(ALICE)
    assert [(f.words, f.query) for f in follows] == [("“Kyiv Metro” b", '"kyiv metro" AND "b"')]
    reply = await send(fake_bot, ALICE, '/follow "kyiv metro" B')
    assert reply.text is not None and reply.text.startswith("You already follow")
    await send(fake_bot, ALICE, "/follow Zelensky")
    reply = await send(fake_bot, ALICE, "/unfollow zelensky")
    assert reply.text == "No more alerts for zelensky."
    reply = await send(fake_bot, ALICE, "/unfollow Odesa")
    assert reply.text == "You don't follow Odesa. Yours: “Kyiv Metro” b."
    reply = await send(fake_bot, ALICE, "/unfollow")
    assert reply.text == "Keyword alerts removed: 1."
    assert await readers.follows_of(ALICE) == []


async def test_follow_of_words_between_commas_is_an_alert_each(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "/follow Zelensky, Trump" is two alerts (a story of either comes), not one of both;
    a comma inside quotes stays in the phrase; /unfollow lists every alert."""
    readers = store_of(bot).readers
    reply = await send(fake_bot, ALICE, '/follow Zelensky, Trump, "Kyiv, metro", zelensky, the')
    assert reply.text is not None
    assert reply.text.splitlines() == [
        "Done: every new story that mentions Zelensky will come to you.",
        "Done: every new story that mentions Trump will come to you.",
        "Done: every new story that mentions “Kyiv metro” will come to you.",
        "You already follow zelensky.",
        "the is in nearly every story: an alert for it would bring you all of them. Follow a"
        ' name, a place or a phrase, for example /follow Zelensky or /follow "Kyiv metro".',
    ]
    assert [f.query for f in await readers.follows_of(ALICE)] == [
        '"zelensky"',
        '"trump"',
        '"kyiv metro"',
    ]
    for n in range(5):
        await send(fake_bot, ALICE, f"/follow city{n}")
    reply = await send(fake_bot, ALICE, "/unfollow Odesa")
    assert reply.text is not None and reply.text.endswith(
        "Yours: Zelensky, Trump, “Kyiv metro”, city0, city1, city2, city3, city4."
    )


async def test_an_alert_of_several_words_is_shown_as_one_as_typed(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "/follow Кривий Ріг" is one alert, and it is shown as typed (a space between its
    words, not the comma that separates alerts): in the reply, in /settings and in the list
    /unfollow gives; one stored by an older version as "“Kyiv Metro”, b" reads as one too."""
    readers = store_of(bot).readers
    reply = await send(fake_bot, BOHDAN, "/follow Кривий Ріг", lang="uk")
    assert reply.text == (
        "Готово: кожна нова новина, де згадано всі слова з Кривий Ріг, надійде вам."
    )
    assert reply.html is not None and "<code>Кривий Ріг</code>" in reply.html
    reply = await send(fake_bot, BOHDAN, "/follow Кривий, Ріг", lang="uk")
    assert reply.text is not None
    assert reply.text.splitlines() == [
        "Готово: кожна нова новина, де згадано Кривий, надійде вам.",
        "Готово: кожна нова новина, де згадано Ріг, надійде вам.",
    ]
    reply = await send(fake_bot, BOHDAN, '/follow "Kyiv metro" b', lang="uk")
    assert reply.text is not None and "всі слова з “Kyiv metro” b," in reply.text
    await readers.follow(BOHDAN, "“Kyiv Metro”, Zelensky", '"kyiv metro" AND "zelensky"')
    reply = await send(fake_bot, BOHDAN, "/settings", lang="uk")
    assert reply.text is not None and reply.text.endswith(
        "Сповіщення за словами: Кривий Ріг; Кривий; Ріг; “Kyiv metro” b; “Kyiv Metro” Zelensky"
    )
    reply = await send(fake_bot, BOHDAN, "/unfollow Київ", lang="uk")
    assert reply.text == (
        "Ви не стежите за Київ. Ваші: Кривий Ріг, Кривий, Ріг, “Kyiv metro” b,"
        " “Kyiv Metro” Zelensky."
    )
    assert reply.html is not None and "<code>Кривий Ріг</code>" in reply.html
    assert [f.words for f in await readers.follows_of(BOHDAN)][:4] == [
        "Кривий Ріг",
        "Кривий",
        "Ріг",
        "“Kyiv metro” b",
    ]


async def test_unfollow_takes_commas_as_follow_does(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """ "/unfollow Кривий, Ріг" names two alerts, as "/follow Кривий, Ріг" makes two: those
    go, not the alert "Кривий Ріг"; each named alert that is not there is said so."""
    readers = store_of(bot).readers
    await send(fake_bot, BOHDAN, "/follow Кривий Ріг", lang="uk")
    await send(fake_bot, BOHDAN, "/follow Кривий, Ріг", lang="uk")
    reply = await send(fake_bot, BOHDAN, "/unfollow Кривий", lang="uk")
    assert reply.text == "Більше жодних сповіщень про Кривий."
    reply = await send(fake_bot, BOHDAN, "/unfollow Кривий, Ріг", lang="uk")
    assert reply.text is not None
    assert reply.text.splitlines() == [
        "Більше жодних сповіщень про Ріг.",
        "Ви не стежите за Кривий. Ваші: Кривий Ріг.",
    ]
    assert [f.words for f in await readers.follows_of(BOHDAN)] == ["Кривий Ріг"]
    await send(fake_bot, BOHDAN, "/follow Одеса, Львів", lang="uk")
    reply = await send(fake_bot, BOHDAN, "/unfollow Одеса, кривий ріг, Харків", lang="uk")
    assert reply.text is not None
    assert reply.text.splitlines() == [
        "Більше жодних сповіщень про Одеса, кривий ріг.",
        "Ви не стежите за Харків. Ваші: Львів.",
    ]
    many = ", ".join(f"с{n}" for n in range(8))
    reply = await send(fake_bot, BOHDAN, f"/unfollow {many}", lang="uk")
    assert reply.text == "Ви не стежите за с0, с1, с2, с3, с4 і ще 3. Ваші: Львів."
    reply = await send(fake_bot, BOHDAN, "/unfollow Львів, Харків", lang="uk")
    assert reply.text is not None
    assert reply.text.splitlines() == [
        "Більше жодних сповіщень про Львів.",
        "Ви не стежите за Харків.",
    ]
    assert await readers.follows_of(BOHDAN) == []


async def test_markup_typed_into_follow_is_no_word_of_the_alert(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """HTML tags typed around words ("<b>Хакер</b>") are markup, not words: the alert is
    "Хакер" (not "b Хакер", which needed a stray "b" in a story); /unfollow reads them the
    same way. Angle brackets around what is no tag stay words, as elsewhere."""
    readers = store_of(bot).readers
    reply = await send(fake_bot, BOHDAN, "/follow <b>Хакер</b>", lang="uk")
    assert reply.text == "Готово: кожна нова новина, де згадано Хакер, надійде вам."
    reply = await send(fake_bot, BOHDAN, '/follow <a href="x, y">Кривий Ріг</a>, <i>', lang="uk")
    assert reply.text == (
        "Готово: кожна нова новина, де згадано всі слова з Кривий Ріг, надійде вам."
    )
    reply = await send(fake_bot, BOHDAN, "/follow <B >", lang="uk")
    assert reply.text is not None and reply.text.startswith("За чим стежити?")
    await send(fake_bot, BOHDAN, "/follow <Lecornu>", lang="uk")
    follows = await readers.follows_of(BOHDAN)
    assert (follows[0].words, follows[0].query) == ("Хакер", fts_query("Хакер"))
    assert [f.words for f in follows] == ["Хакер", "Кривий Ріг", "Lecornu"]
    reply = await send(fake_bot, BOHDAN, "/unfollow <i>хакер</i>", lang="uk")
    assert reply.text == "Більше жодних сповіщень про хакер."
    reply = await send(fake_bot, BOHDAN, "/unfollow <b>", lang="uk")
    assert reply.text is not None and reply.text.startswith("Ви не стежите за <b>.")
    assert len(await readers.follows_of(BOHDAN)) == 2


@pytest.mark.parametrize(
    ("text", "lang"),
    [("a", "en"), ("The", "en"), ("OR", "en"), ("in the", "en"), ("на", "uk"), ('"і"', "uk")],
)
async def test_follow_of_a_word_in_nearly_every_story_is_explained_not_stored(
    bot: RunningBot, fake_bot: FakeBotServer, text: str, lang: str
) -> None:
    reply = await send(fake_bot, ALICE, f"/follow {text}", lang=lang)
    expected = "is in nearly every story" if lang == "en" else "є майже в кожній новині"
    assert reply.text is not None and expected in reply.text
    assert await store_of(bot).readers.follows_of(ALICE) == []
    # a phrase with a rarer word in it is a follow like any other
    reply = await send(fake_bot, ALICE, '/follow "the hague"')
    assert reply.text is not None and reply.text.startswith(("Done", "Готово"))
    assert [f.words for f in await store_of(bot).readers.follows_of(ALICE)] == ["“the hague”"]


async def test_follow_limit(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    await send(fake_bot, ALICE, "/start")
    for n in range(20):
        await store_of(bot).readers.follow(ALICE, f"word{n}", f'"word{n}"')
    reply = await send(fake_bot, ALICE, "/follow Lviv, word3")
    assert reply.text == (
        "You already follow word3.\nYou follow 20 keywords already, the most there can be, so"
        " these were not added: Lviv. /unfollow some first."
    )
    assert len(await store_of(bot).readers.follows_of(ALICE)) == 20


async def test_follow_of_more_alerts_than_the_limit_says_which_were_not_added(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Past the limit in one /follow, the alerts left out are named in the reply (they went
    without a word, the limit said only by a later command)."""
    readers = store_of(bot).readers
    await send(fake_bot, BOHDAN, "/follow Львів, Одеса", lang="uk")
    many = ", ".join(f"місто{n}" for n in range(25))
    reply = await send(fake_bot, BOHDAN, f"/follow {many}", lang="uk")
    assert reply.text is not None
    said = reply.text.splitlines()
    assert said[:18] == [
        f"Готово: кожна нова новина, де згадано місто{n}, надійде вам." for n in range(18)
    ]
    assert said[18:] == [
        "Ви вже стежите за 20 словами, це найбільше можливе, тож не додано: місто18, місто19,"
        " місто20, місто21, місто22, місто23, місто24. Спершу приберіть якісь через /unfollow."
    ]
    assert len(await readers.follows_of(BOHDAN)) == 20
    await send(fake_bot, ALICE, "/follow Lviv")
    await send(fake_bot, ALICE, "/follow " + ", ".join(f"town{n}" for n in range(19)))
    reply = await send(fake_bot, ALICE, "/follow " + ", ".join(f"city{n}" for n in range(30)))
    assert reply.text == (
        "You follow 20 keywords already, the most there can be, so these were not added:"
        + ",".join(f" city{n}" for n in range(20))
        + " and 10 more. /unfollow some first."
    )


# --- /stop and coming back ----------------------------------------------------------------


async def test_stop_deletes_data_and_start_brings_the_reader_back(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """/stop deletes all the bot knows of a reader, so a /start after it greets them as new
    (README says so; "Welcome back" is for one who blocked the bot)."""
    readers = store_of(bot).readers
    await send(fake_bot, CAROL, "/start war", lang="uk")
    await send(fake_bot, CAROL, "/follow Харків", lang="uk")
    reply = await send(fake_bot, CAROL, "/stop", lang="uk")
    assert reply.text is not None and reply.text.startswith(
        "Готово: я більше нічого не надсилатиму"
    )
    assert await readers.get(CAROL) is None
    assert await readers.follows_of(CAROL) == [] and await readers.topics_of(CAROL) == []

    reply = await send(fake_bot, CAROL, "/start", lang="uk")
    assert reply.text is not None and reply.text.startswith("Вітаємо!")
    assert checked(reply) == set()
    reader = await readers.get(CAROL)
    assert reader is not None and reader.active


async def test_a_reader_who_blocked_the_bot_is_reactivated_by_start(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    readers = store_of(bot).readers
    await send(fake_bot, CAROL, "/start politics")
    await readers.deactivate(CAROL, "blocked")
    reply = await send(fake_bot, CAROL, "/start")
    assert reply.text is not None and reply.text.startswith("Welcome back!")
    assert checked(reply) == {"politics"}
    reader = await readers.get(CAROL)
    assert reader is not None and reader.active and reader.topics == ["politics"]


async def test_a_deep_link_to_topics_the_reader_has_says_already_subscribed(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """A deep link to a topic the reader has already says so, as /subscribe does (it said
    "Subscribed" every time)."""
    reply = await send(fake_bot, BOHDAN, "/start politics", lang="uk")
    assert reply.text is not None and "\n\nПідписано: Політика.\n\n" in reply.text
    reply = await send(fake_bot, BOHDAN, "/start politics", lang="uk")
    assert reply.text is not None and reply.text.startswith("Вітаємо знову!")
    assert "\n\nВи вже підписані: Політика.\n\n" in reply.text
    assert "Підписано" not in reply.text
    reply = await send(fake_bot, BOHDAN, "/start war-politics", lang="uk")
    assert reply.text is not None
    assert "\n\nПідписано: Війна.\nВи вже підписані: Політика.\n\n" in reply.text
    assert checked(reply) == {"politics", "war"}


async def test_any_command_registers_a_new_reader(bot: RunningBot, fake_bot: FakeBotServer) -> None:
    reply = await send(fake_bot, CAROL, "/subscribe спорт", lang="uk-UA")
    assert reply.text == "Підписано: Спорт."
    reader = await store_of(bot).readers.get(CAROL)
    assert reader is not None and reader.language == "uk" and reader.topics == ["sport"]
    reply = await send(fake_bot, CAROL, "/start", lang="uk-UA")
    assert reply.text is not None and reply.text.startswith("Вітаємо знову!")
    assert checked(reply) == {"sport"}

"""/broadcast judges its HTML as Telegram does, end to end (issue 9).

The real Application long-polls the fake Bot API, which parses with TDLib itself. Markup
Telegram refuses gets a reply naming the problem and leaves no draft; markup Telegram
accepts (even loose markup such as an unquoted attribute or a stray "&") is previewed.
"""

from __future__ import annotations

from typing import Any

import pytest
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings

ADMIN = 42
TIMEOUT = 5.0


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    return make_settings(fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN))


async def send(fake: FakeBotServer, text: str, *, count: int = 1) -> list[SentMessage]:
    """The admin sends `text`; returns the `count` replies."""
    before = len(fake.messages(ADMIN))
    fake.inject_message(ADMIN, text, language_code="en")
    await fake.wait_for(lambda _: len(fake.messages(ADMIN)) >= before + count, TIMEOUT)
    return fake.messages(ADMIN)[before:]


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<tg-emoji>e</tg-emoji>", "Invalid custom emoji identifier specified"),
        ("<a href=https://e.com>x</a>", "Unexpected end of name token at byte offset 8"),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
    ],
)
async def test_markup_telegram_refuses_gets_a_clear_reply_and_no_draft(
    bot: RunningBot, fake_bot: FakeBotServer, html: str, problem: str
) -> None:
    [reply] = await send(fake_bot, f"/broadcast {html}")
    assert reply.text == (
        f"Telegram would reject this text: Can't parse entities: {problem}. Fix it and send"
        " /broadcast again."
    )
    assert await bot.runtime.store.broadcasts.get(1) is None  # no draft left behind


@pytest.mark.parametrize(
    ("html", "shown"),
    [
        ("<a href=e.com>link</a> &amp; more", "link & more"),
        ("<a href=x>no link</a>", "no link"),
        ('<span class="tg-spoiler">secret</span>', "secret"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji> ok', "👍 ok"),
        ("Tom & Jerry -> a&nbsp;b", "Tom & Jerry -> a&nbsp;b"),
        ("<blockquote expandable>quote</blockquote>", "quote"),
    ],
)
async def test_markup_telegram_accepts_is_previewed(
    bot: RunningBot, fake_bot: FakeBotServer, html: str, shown: str
) -> None:
    preview, question = await send(fake_bot, f"/broadcast {html}", count=2)
    assert preview.text == shown
    assert question.text is not None and question.text.startswith("Preview of a broadcast")
    draft = await bot.runtime.store.broadcasts.get(1)
    assert draft is not None and draft.text == html

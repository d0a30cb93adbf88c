"""Replies keep each chat's pace, and one reader's burst keeps no one else waiting.

The fake server here keeps Telegram's own limit for a private chat (one message a second, a
burst of three); the bot keeps its default PRIVATE_RATE. A reader who sends six commands at
once gets six answers, in the order asked, none of them refused with a 429; another reader
who writes meanwhile is answered at once, not after the first reader's queue.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.delivery.limiter import REPLY_BURST

ALICE, BOHDAN = 2001, 2002
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"]


@pytest.fixture
def bot_settings(fake_bot: FakeBotServer, db_path: str) -> Any:
    """Telegram's pace for a private chat, as in production (PRIVATE_RATE=1)."""
    return make_settings(fake_bot.base_url, fake_bot.token, db_path, private_rate=1.0)


async def test_a_burst_of_commands_is_answered_in_order_without_429s(
    running_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    fake_bot.set_limits(private_per_sec=1.0, private_burst=3)
    assert running_bot.runtime.settings.private_rate == 1.0
    asked = time.time()
    for word in WORDS:
        fake_bot.inject_message(ALICE, f"/search {word}")
    fake_bot.inject_message(BOHDAN, "/search zulu")
    await fake_bot.wait_for(
        lambda _: len(fake_bot.messages(ALICE)) >= len(WORDS) and fake_bot.messages(BOHDAN),
        timeout=15,
    )

    refused = [(r.method, r.status) for r in fake_bot.rejections if r.method != "getUpdates"]
    assert refused == []
    replies = fake_bot.messages(ALICE)
    assert [next(w for w in WORDS if w in (m.text or "")) for m in replies] == WORDS
    sends = fake_bot.requests_for("sendMessage", ALICE)
    assert len(sends) == len(WORDS)  # each answered once: nothing retried after a 429
    # the burst at once, then about one a second
    gaps = [b.time - a.time for a, b in itertools.pairwise(sends)]
    assert all(gap > 0.9 for gap in gaps[REPLY_BURST - 1 :]), gaps
    # Bohdan wrote after Alice's six and was answered before her last ones
    (answer,) = fake_bot.requests_for("sendMessage", BOHDAN)
    assert "zulu" in fake_bot.messages(BOHDAN)[0].text  # type: ignore[operator]
    assert answer.time - asked < 1.5
    assert answer.time < sends[-1].time

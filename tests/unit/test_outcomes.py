"""The sender's retry arithmetic: what an outage of Telegram is, how long the sender waits
through one, and how long a message is worth retrying."""

from __future__ import annotations

from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError, TimedOut

from bot.delivery.http import Unanswered
from bot.delivery.outcomes import Outage, backoff, is_outage, out_of_budget
from bot.models import utcnow


def test_outages_are_telegram_failing_not_the_message() -> None:
    assert is_outage(NetworkError("Bad Gateway"))  # a 502, as python-telegram-bot gives it
    assert is_outage(NetworkError("Internal Server Error (500)"))
    assert is_outage(TimedOut())
    assert is_outage(Unanswered("no answer"))
    assert not is_outage(BadRequest("Bad Request: message text is empty"))
    assert not is_outage(Forbidden("Forbidden: bot was blocked by the user"))
    assert not is_outage(TelegramError("something else"))


def test_backoff_is_capped() -> None:
    assert 0.8 <= backoff(1) <= 1.2
    assert 3.2 <= backoff(3) <= 4.8
    assert backoff(40, cap=300) <= 360
    assert backoff(40, cap=300) >= 240


def test_the_sender_waits_as_a_whole_longer_each_time_up_to_the_cap() -> None:
    outage = Outage(cap=300)
    assert not outage.waiting(100.0)
    first = outage.failed(100.0)
    assert 0.8 <= first <= 1.2 and outage.waiting(100.5)
    # requests under way that fail meanwhile join the wait, they do not lengthen it
    assert outage.failed(100.5) == first - 0.5
    assert outage.streak == 1
    waits = [first]
    now = 100.0 + first
    for _ in range(12):  # each try after a wait fails again
        wait = outage.failed(now)
        waits.append(wait)
        now += wait
    assert waits[1] > waits[0] * 1.3
    assert max(waits) <= 300 * 1.2 and waits[-1] >= 300 * 0.8  # a few minutes at most
    outage.worked()  # a send went through: Telegram is back
    assert not outage.waiting(now - 1) and outage.streak == 0


def test_a_message_is_retried_through_an_outage_for_its_budget() -> None:
    now = utcnow()
    budget = timedelta(hours=6)
    assert not out_of_budget(now - timedelta(minutes=3), now, budget)  # 2.5 min outage: kept
    assert not out_of_budget(now - timedelta(hours=5, minutes=59), now, budget)
    assert out_of_budget(now - timedelta(hours=6), now, budget)
    assert not out_of_budget(None, now, budget)

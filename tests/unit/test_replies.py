"""Command replies share the sender's limits: which chat a reply goes to."""

from __future__ import annotations

import pytest

from bot.delivery.replies import _chat_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [(42, 42), ("-1001234567890", -1001234567890), ("@channel", None), ("²", None)],
)
def test_chat_ids_are_ascii_digits(value: object, expected: int | None) -> None:
    assert _chat_id(value) == expected


def test_a_number_too_long_for_a_chat_id_is_none_not_a_crash() -> None:
    assert _chat_id("9" * 5000) is None

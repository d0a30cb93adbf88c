"""WEBHOOK_* settings: what Telegram accepts, clear errors that never show the secret."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.logs import RedactTokenFilter

SECRET = "Sec_ret-123"


def settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def error_of(**values: Any) -> str:
    with pytest.raises(ValidationError) as info:
        settings(**values)
    return str(info.value)


def test_defaults_are_long_polling() -> None:
    s = settings()
    assert s.webhook_url is None and s.secret is None
    assert (s.webhook_listen, s.webhook_port) == ("0.0.0.0", 8443)
    assert s.instance_name  # the host name


def test_a_webhook_url_with_its_secret() -> None:
    s = settings(
        webhook_url="https://bot.example.org:88/tg/hook", webhook_secret=SECRET, webhook_port=9000
    )
    assert s.webhook_path == "/tg/hook" and s.secret == SECRET and s.webhook_port == 9000
    assert SECRET not in repr(s)
    assert settings(webhook_url="https://bot.example.org", webhook_secret="x").webhook_path == "/"
    blank = settings(webhook_url=" ", webhook_secret="")  # as in .env.example: unset
    assert blank.webhook_url is None and blank.secret is None


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"webhook_url": "http://bot.example.org/h"}, "WEBHOOK_URL must be an https:// URL"),
        ({"webhook_url": "bot.example.org/h"}, "WEBHOOK_URL must be an https:// URL"),
        ({"webhook_url": "https://bot.example.org:8080/h"}, "port 8080 is not one Telegram calls"),
        ({"webhook_url": "https://bot.example.org:99999/h"}, "WEBHOOK_URL is not a URL"),
        (
            {"webhook_url": "https://bot.example.org/h", "webhook_secret": None},
            "WEBHOOK_SECRET is required",
        ),
        ({"webhook_secret": "has space"}, "1-256 characters of A-Z, a-z, 0-9, _ and -"),
        ({"webhook_secret": "x" * 257}, "1-256 characters"),
        ({"webhook_secret": "ключ"}, "1-256 characters"),
    ],
)
def test_bad_webhook_settings_are_clear(values: dict[str, Any], message: str) -> None:
    values = {"webhook_secret": SECRET, **values}
    text = error_of(**values)
    assert message in text
    secret = values.get("webhook_secret")
    if secret:
        assert secret not in text


def test_the_secret_is_redacted_from_logs() -> None:
    record = logging.LogRecord(
        "x", logging.DEBUG, "", 0, "setWebhook %s", ({"secret_token": SECRET},), None
    )
    RedactTokenFilter("123456:ABCDEF", (SECRET,)).filter(record)
    assert SECRET not in record.getMessage() and "[secret]" in record.getMessage()


def test_an_empty_instance_name_is_the_host_name() -> None:
    assert settings(instance_name="").instance_name == settings().instance_name != ""
    assert settings(instance_name="web-2").instance_name == "web-2"

"""Settings from the environment and .env; the token never reaches a log line."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings
from bot.logs import RedactTokenFilter, setup_logging

TOKEN = "987654321:AAH-secret_token_value"


def test_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for key in ("BOT_TOKEN", "ADMIN_IDS", "DATABASE_URL", "TIMEZONE", "POLL_INTERVAL"):
        monkeypatch.delenv(key, raising=False)
    s = Settings()
    assert s.token is None
    assert s.telegram_api_url == "https://api.telegram.org"
    assert s.database_url == "sqlite:///newsbot.db" and s.database_path == "newsbot.db"
    assert s.admin_ids == frozenset()
    assert (s.poll_interval, s.max_article_age_hours) == (5.0, 24.0)
    assert (s.timezone, s.log_level, s.templates_dir) == ("Europe/Kyiv", "INFO", None)


def test_env_file_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={TOKEN}\nADMIN_IDS=1, 22,333\nTEMPLATES_DIR=\nLOG_LEVEL=debug\n"
        "TELEGRAM_API_URL=http://127.0.0.1:8081/\n"
    )
    monkeypatch.setenv("POLL_INTERVAL", "0.5")
    s = Settings()
    assert s.token == TOKEN
    assert s.admin_ids == frozenset({1, 22, 333})
    assert s.templates_dir is None and s.log_level == "DEBUG" and s.poll_interval == 0.5
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert TOKEN not in repr(s) and TOKEN not in str(s.model_dump())


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("TIMEZONE", "Mars/Olympus"),
        ("DATABASE_URL", "mysql://x"),
        ("ADMIN_IDS", "1,x"),
        ("POLL_INTERVAL", "-1"),
    ],
)
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, key: str, value: str) -> None:
    monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)  # type: ignore[call-arg]


NUMBERS = [
    name.upper()
    for name, field in Settings.model_fields.items()
    if field.annotation in (int, float, int | None)
]


@pytest.mark.parametrize("key", NUMBERS)
@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e308", "99999999999999999999"])
def test_every_number_is_finite_and_bounded(
    monkeypatch: pytest.MonkeyPatch, key: str, value: str
) -> None:
    """inf, nan and huge numbers are refused by every numeric setting (they were accepted and
    then overflowed a timedelta, crashed `run` or silently stopped a loop)."""
    monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None)  # type: ignore[call-arg]
    assert refused.value.errors()[0]["loc"] == (key.lower(),)


@pytest.mark.parametrize(
    ("key", "bound"),
    [
        ("POLL_INTERVAL", "86400"),
        ("WATCHDOG_INTERVAL", "86400"),
        ("SENDER_STALL_MINUTES", "1440"),
        ("STALE_AFTER_MINUTES", "43200"),
        ("MAX_ARTICLE_AGE_HOURS", "26280"),
        ("OUTBOX_RETENTION_DAYS", "1095"),
        ("GLOBAL_RATE", "1000"),
        ("PAID_BROADCAST_RATE", "1000"),
        ("FETCH_TIMEOUT", "600"),
        ("DEFAULT_SOURCE_INTERVAL", "2592000"),
    ],
)
def test_the_upper_bounds_themselves_are_accepted(
    monkeypatch: pytest.MonkeyPatch, key: str, bound: str
) -> None:
    monkeypatch.setenv(key, bound)
    assert getattr(Settings(_env_file=None), key.lower()) == float(bound)  # type: ignore[call-arg]
    monkeypatch.setenv(key, str(float(bound) + 1))
    with pytest.raises(ValidationError, match="less than or equal to"):
        Settings(_env_file=None)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        (
            "TEMPLATES_DIR",
            "{tmp}/story.html.j2",
            "TEMPLATES_DIR {tmp}/story.html.j2 is not a folder",
        ),
        ("TEMPLATES_DIR", "{tmp}/missing", "TEMPLATES_DIR {tmp}/missing does not exist"),
        ("TELEGRAM_API_URL", "", "TELEGRAM_API_URL must be an http(s) URL"),
        ("TELEGRAM_API_URL", "api.telegram.org", "TELEGRAM_API_URL must be an http(s) URL"),
        ("TELEGRAM_API_URL", "ftp://api.telegram.org", "TELEGRAM_API_URL must be an http(s) URL"),
        ("TELEGRAM_API_URL", "http://127.0.0.1:port", "TELEGRAM_API_URL must be an http(s) URL"),
        ("WEBHOOK_LISTEN", "999.1.1.1", "WEBHOOK_LISTEN 999.1.1.1 is not an IP address"),
        ("METRICS_HOST", "127.0.0.1.1", "METRICS_HOST 127.0.0.1.1 is not an IP address"),
        ("METRICS_HOST", "[::1]", "METRICS_HOST [::1] is not an IP address"),
    ],
)
def test_folders_urls_and_addresses_are_checked(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, key: str, value: str, reason: str
) -> None:
    (tmp_path / "story.html.j2").write_text("{{ title }}")
    monkeypatch.setenv(key, value.format(tmp=tmp_path))
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None)  # type: ignore[call-arg]
    assert reason.format(tmp=tmp_path) in refused.value.errors()[0]["msg"]


def test_good_folders_urls_and_addresses_are_taken(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TEMPLATES_DIR", str(tmp_path))
    monkeypatch.setenv("TELEGRAM_API_URL", "http://localhost:8081/")
    monkeypatch.setenv("WEBHOOK_LISTEN", "::")
    monkeypatch.setenv("METRICS_HOST", "metrics.internal")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert (s.templates_dir, s.telegram_api_url) == (tmp_path, "http://localhost:8081")
    assert (s.webhook_listen, s.metrics_host) == ("::", "metrics.internal")


@pytest.mark.parametrize(
    "given",
    ["http://localhost:8081/bot", "http://localhost:8081/bot/", " http://localhost:8081 "],
)
def test_an_api_url_given_with_its_bot_path_is_taken_without_it(
    monkeypatch: pytest.MonkeyPatch, given: str
) -> None:
    """python-telegram-bot's base_url (and many guides) end in "/bot"; requests add it, so
    ".../bot" was called as ".../bot/bot{token}" and the 404 read as a rejected token."""
    monkeypatch.setenv("TELEGRAM_API_URL", given)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.telegram_api_url == "http://localhost:8081"


def test_token_is_redacted_from_messages_args_and_tracebacks(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = logging.getLogger()
    saved = (root.handlers[:], root.level)
    setup_logging("DEBUG", TOKEN)
    try:
        _log_with_token()
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    err = capsys.readouterr().err
    assert TOKEN not in err and "AAH-secret" not in err
    assert "123456:ABCdefGHIjkl" not in err
    assert err.count("[token]") >= 3


def _log_with_token() -> None:
    log = logging.getLogger("newsbot.test")
    log.info("POST https://api.telegram.org/bot%s/sendMessage", TOKEN)
    try:
        raise RuntimeError(f"failed calling /bot{TOKEN}/getMe")
    except RuntimeError:
        log.exception("request failed")
    log.warning("another shape 123456:ABCdefGHIjkl of token")


def test_filter_keeps_ordinary_text() -> None:
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "chat %s got %d stories", (-1001, 3), None
    )
    assert RedactTokenFilter(TOKEN).filter(record)
    assert record.getMessage() == "chat -1001 got 3 stories"


def test_env_example_is_a_valid_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every key in .env.example parses (so a copied .env works) and is a known setting."""
    example = Path(__file__).resolve().parents[2] / ".env.example"
    keys = [
        line.split("=", 1)[0]
        for line in example.read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for key in keys:
        monkeypatch.delenv(key, raising=False)
    settings = Settings(_env_file=example)  # type: ignore[call-arg]
    assert {k.lower() for k in keys} <= set(Settings.model_fields)
    assert settings.token is None and settings.metrics_port is None

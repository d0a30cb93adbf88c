"""Settings, read once from the environment or `.env` (see `.env.example`)."""

from __future__ import annotations

import ipaddress
import re
import socket
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

WEBHOOK_PORTS = frozenset({443, 80, 88, 8443})  # the only ports Telegram calls a webhook on
DAY = 24 * 3600  # seconds: the longest interval between two rounds of any loop
MONTH = 30 * DAY  # seconds: the longest interval between a source's fetches (`source add`)
YEARS = 3 * 365  # days: the longest age, retention or look-back a setting may give
MAX_RATE = 1000.0  # messages a second: Telegram's paid broadcasts, its highest limit
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # Telegram's alphabet for secret_token


class SettingError(Exception):
    """A setting that proves wrong only in use (an address to listen on, a port taken)."""


class Settings(BaseSettings):
    """All of newsbot's configuration; names and meanings are part of the contract."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        case_sensitive=False,
        hide_input_in_errors=True,  # a bad BOT_TOKEN or WEBHOOK_SECRET is never echoed
        allow_inf_nan=False,  # `inf` and `nan` are refused as numbers of every float setting
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite:///newsbot.db"
    admin_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    poll_interval: float = Field(default=5.0, gt=0, le=DAY)
    max_article_age_hours: float = Field(default=24.0, gt=0, le=YEARS * 24)
    timezone: str = "Europe/Kyiv"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    templates_dir: Path | None = None
    # untagged: keyword rules tag only stories without topics of their own; always; off.
    keyword_tagging: Literal["untagged", "always", "off"] = "untagged"
    # A post ends with a link to the most related story of this many days before it; 0: off.
    recall_days: int = Field(default=7, ge=0, le=365)
    # Feed categories that mark a story urgent (breaking news), compared word by word in any
    # case: "Breaking news" and "ТЕРМІНОВО" both match. Empty: no category does.
    breaking_categories: Annotated[tuple[str, ...], NoDecode] = (
        "breaking",
        "urgent",
        "терміново",
        "блискавка",
    )
    # Pin urgent stories in channels (the previous breaking pin is unpinned).
    pin_breaking: bool = True

    # Beyond the contract: tuning knobs with safe defaults.
    channel_language: Literal["en", "uk"] = "uk"
    fetch_timeout: float = Field(default=20.0, gt=0, le=600)
    fetch_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0, le=1024**3)
    fetch_concurrency: int = Field(default=4, ge=1, le=100)
    default_source_interval: int = Field(default=300, ge=10, le=MONTH)
    global_rate: float = Field(default=30.0, gt=0, le=MAX_RATE)
    group_rate_per_minute: float = Field(default=20.0, gt=0, le=MAX_RATE * 60)
    private_rate: float = Field(default=1.0, gt=0, le=MAX_RATE)
    send_concurrency: int = Field(default=8, ge=1, le=1000)
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    outbox_retention_days: float = Field(default=7.0, ge=2, le=YEARS)
    allow_paid_broadcast: bool = False
    paid_broadcast_rate: float = Field(default=1000.0, gt=0, le=MAX_RATE)
    max_send_attempts: int = Field(default=8, ge=1, le=100)
    # Hours a message is retried through an outage of Telegram (5xx, network errors,
    # time-outs), which uses up none of its MAX_SEND_ATTEMPTS (at most MAX_ARTICLE_AGE_HOURS).
    send_retry_hours: float = Field(default=6.0, gt=0, le=YEARS * 24)
    # Seconds a send waits for Telegram's answer; one that gets none is not sent again.
    send_timeout: float = Field(default=60.0, gt=0, le=600)
    # Watchdog (bot.ops.watchdog): tell admins when no story came from any source for this long,
    # when the sender sent nothing this long with messages due; how often it looks.
    stale_after_minutes: float = Field(default=120.0, gt=0, le=MONTH // 60)
    sender_stall_minutes: float = Field(default=5.0, gt=0, le=DAY // 60)
    watchdog_interval: float = Field(default=60.0, gt=0, le=DAY)
    digest_max_per_topic: int = Field(default=5, ge=1, le=50)
    digest_tick: float = Field(default=15.0, gt=0, le=60)
    digest_more_url: str | None = None
    # Webhook instead of long polling (bot.ops.server): the public https URL Telegram calls,
    # the secret it sends with every update, and where the HTTP server listens.
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_listen: str = "0.0.0.0"  # all addresses: the TLS proxy may be on another host
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    instance_name: str = Field(default_factory=socket.gethostname, min_length=1)
    # Webhook mode: messages a second of GLOBAL_RATE kept for the replies of the instances
    # that do not hold the lease (a budget they share through the store); the holder sends
    # at GLOBAL_RATE minus this, so the fleet keeps Telegram's limit for the one token.
    fleet_reply_rate: float = Field(default=3.0, gt=0, le=MAX_RATE)

    @field_validator(
        "bot_token",
        "templates_dir",
        "digest_more_url",
        "metrics_port",
        "webhook_url",
        "webhook_secret",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """`BOT_TOKEN=`, `TEMPLATES_DIR=`, `WEBHOOK_URL=` ... (as in .env.example) mean unset."""
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("instance_name", mode="before")
    @classmethod
    def _host_by_default(cls, value: object) -> object:
        """`INSTANCE_NAME=` means the host name."""
        return socket.gethostname() if isinstance(value, str) and not value.strip() else value

    @field_validator("webhook_url")
    @classmethod
    def _telegram_webhook(cls, value: str | None) -> str | None:
        """An https URL on a port Telegram calls (443, 80, 88, 8443)."""
        if value is None:
            return None
        value = value.strip()
        try:
            parts = urlsplit(value)
            port = parts.port or 443
        except ValueError as exc:
            raise ValueError(f"WEBHOOK_URL is not a URL: {exc}") from None
        if parts.scheme != "https" or not parts.hostname:
            raise ValueError("WEBHOOK_URL must be an https:// URL (Telegram calls only https)")
        if port not in WEBHOOK_PORTS:
            raise ValueError(
                f"WEBHOOK_URL's port {port} is not one Telegram calls (443, 80, 88 or 8443)"
            )
        return value

    @field_validator("webhook_secret")
    @classmethod
    def _secret_alphabet(cls, value: SecretStr | None) -> SecretStr | None:
        """1-256 characters of A-Z, a-z, 0-9, _ and - (the value is never shown)."""
        if value is not None and not _SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @model_validator(mode="after")
    def _reply_share_fits(self) -> Settings:
        """The holder must keep some of the global rate for itself (the fleet's budget lets
        one more go at once: bot.delivery.replies.FLEET_BURST)."""
        if self.webhook_url is not None and self.fleet_reply_rate + 1 >= self.global_rate:
            raise ValueError("FLEET_REPLY_RATE must be less than GLOBAL_RATE minus 1")
        return self

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        """Without a secret anyone who finds the URL could send the bot updates."""
        if self.webhook_url is not None and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required when WEBHOOK_URL is set")
        return self

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        """Accept "1, 2,3" as well as a list."""
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            return frozenset(int(p) for p in parts if p)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("breaking_categories", mode="before")
    @classmethod
    def _split_words(cls, value: object) -> object:
        """`BREAKING_CATEGORIES=breaking,urgent` -> ("breaking", "urgent")."""
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("keyword_tagging", mode="before")
    @classmethod
    def _lower(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _known_store(cls, value: str) -> str:
        return check_store_url(value, "DATABASE_URL")

    @field_validator("telegram_api_url")
    @classmethod
    def _api_url(cls, value: str) -> str:
        """An http(s) URL with a host, without its trailing slash nor a trailing "/bot" (the
        form python-telegram-bot's base_url and many guides give: requests add it)."""
        value = value.strip().rstrip("/").removesuffix("/bot").rstrip("/")
        try:
            parts = urlsplit(value)
            _ = parts.port  # a port that is not a number raises ValueError
        except ValueError:
            parts = urlsplit("")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                "TELEGRAM_API_URL must be an http(s) URL, such as https://api.telegram.org"
            )
        return value

    @field_validator("webhook_listen", "metrics_host")
    @classmethod
    def _listen_address(cls, value: str, info: ValidationInfo) -> str:
        """A host name, or an IP address that is one (999.1.1.1 is refused here, before any
        DNS lookup); whether the host has it shows when the server starts."""
        value = value.strip()
        if value and (":" in value or not value.strip("0123456789.")):
            try:
                ipaddress.ip_address(value)
            except ValueError:
                name = (info.field_name or "").upper()
                raise ValueError(f"{name} {value} is not an IP address") from None
        return value

    @field_validator("templates_dir")
    @classmethod
    def _templates_folder(cls, value: Path | None) -> Path | None:
        """A folder that exists (relative to the working directory), or None."""
        if value is not None and not value.is_dir():
            what = "is not a folder" if value.exists() else "does not exist"
            raise ValueError(f"TEMPLATES_DIR {value} {what}")
        return value

    @property
    def database_path(self) -> str:
        """Filesystem path of a SQLite store (":memory:" allowed); for PostgreSQL the URL."""
        return self.database_url.removeprefix("sqlite:///")

    @property
    def database_label(self) -> str:
        """The store for messages and logs: the SQLite path, or the URL without its password."""
        return store_label(self.database_url)

    @property
    def webhook_path(self) -> str:
        """The path of WEBHOOK_URL, where the server takes Telegram's POSTs ("/" if none)."""
        return urlsplit(self.webhook_url or "").path or "/"

    @property
    def secret(self) -> str | None:
        """WEBHOOK_SECRET's value, or None; never log it."""
        return self.webhook_secret.get_secret_value() if self.webhook_secret else None

    @property
    def token(self) -> str | None:
        """The bot token's value, or None; never log it."""
        return self.bot_token.get_secret_value() if self.bot_token else None


def check_store_url(value: str, name: str) -> str:
    """A DATABASE_URL as given (stripped), or ValueError naming `name` and the two forms."""
    value = value.strip()
    if value.startswith("sqlite:///") and len(value) > len("sqlite:///"):
        return value
    if value.startswith(("postgresql://", "postgres://")):
        return value
    raise ValueError(
        f"{name} must look like sqlite:///path/to/newsbot.db or postgresql://user@host:5432/dbname"
    )


def store_label(url: str) -> str:
    """A store for messages and logs: the SQLite path, or the URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))

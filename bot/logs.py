"""Logging set-up that can never print the bot token (nor WEBHOOK_SECRET)."""

from __future__ import annotations

import logging
import re

from bot.ingest.text import short_line

# Anything shaped like a Bot API token, wherever it appears (URLs, reprs, exceptions): digits,
# a colon, a secret with at least one letter. All digits after the colon is a chat and a
# forum thread ("-1001234567890:42"), which stays readable.
_TOKEN_SHAPE = re.compile(r"\d{3,}:(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{5,}")


class RedactTokenFilter(logging.Filter):
    """Replaces the token (and anything token-shaped) and the other `secrets` (the webhook's)
    in every record."""

    def __init__(self, token: str | None = None, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.token = token
        self.secrets = tuple(s for s in secrets if s)

    def redact(self, text: str) -> str:
        if self.token:
            text = text.replace(self.token, "[token]")
        for secret in self.secrets:
            text = text.replace(secret, "[secret]")
        return _TOKEN_SHAPE.sub("[token]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        return True


def setup_logging(level: str, token: str | None = None, secrets: tuple[str, ...] = ()) -> None:
    """Root logging to stderr; the HTTP libraries' request lines (which hold URLs) muted."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokenFilter(token, secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "telegram.ext.Updater", "aiosqlite"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


REASON_CHARS = 300  # an error's type and message in a FailureLog line


class FailureLog:
    """A loop's failures in a row, logged without flooding the log: the first with its
    traceback, the next ones as one line each (the error's type and message), and one line
    when the loop works again. (A store out of reach for 20 s made 1,900 lines of tracebacks.)
    """

    def __init__(self, log: logging.Logger, what: str) -> None:
        self.log = log
        self.what = what
        self.count = 0

    def failed(self, error: BaseException) -> None:
        """Log one failure of the loop (call it in the `except` block)."""
        self.count += 1
        if self.count == 1:
            self.log.error("%s failed", self.what, exc_info=error)
        else:
            reason = short_line(f"{type(error).__name__}: {error}", REASON_CHARS)
            self.log.error("%s failed again (%d in a row): %s", self.what, self.count, reason)

    def worked(self) -> None:
        """The loop ran through: after failures, say so once."""
        if self.count:
            self.log.warning("%s works again after %d failures", self.what, self.count)
            self.count = 0

"""What faces Telegram: handlers, the command registry, HTTP transport, update parsing."""

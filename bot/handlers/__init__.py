"""Telegram update handlers: thin layers over the store, texts from bot.locales and templates."""

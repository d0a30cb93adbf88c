"""Telegram update handlers: thin layers over the store, texts from bot.i18n and templates."""

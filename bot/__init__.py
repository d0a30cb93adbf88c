"""newsbot: distributes a newsroom's articles through Telegram."""

__version__ = "0.1.0"

"""Admin commands (README, "Admin commands"): editors run the bot from Telegram.

Handlers stay thin: parsing and replies here, the work in the store, bot.ops.stats,
bot.ingest.opml / bot.ingest.sourcelist and the sender. Access and the audit record: `auth`;
the commands by feature: `sources`, `channels`, `topics`, `stories` (post, hold, pause,
resume), `broadcast`, `stats` (stats and audit).
They are named and registered in bot.telegram.registry.
"""

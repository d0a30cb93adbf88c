"""Reader commands (README, "Reader commands"): thin handlers over the store.

Every text comes from bot.locales or templates/reader; every reply is Telegram HTML checked with
`check_html` before it goes out (bot.telegram.common.reply), so nothing a reader types can
produce a message Telegram rejects. A command from someone not registered yet registers them
first (language from Telegram's language_code); only /start reactivates a reader who stopped
or blocked the bot. The commands are named and registered in bot.telegram.registry.

- onboarding: /start, /help, /topics, /subscribe, /unsubscribe, /stop, the topic buttons;
- browse: /latest, /search and its pages;
- follows: /follow, /unfollow;
- settings: /settings, /instant, /language, /timezone.
"""

"""The bot's message catalogue: everything it says to readers, in English and Ukrainian.

`t(lang, key, **values)` looks a text up and fills in its `{placeholders}`. Most texts are
Telegram HTML: their values are escaped unless they are `markupsafe.Markup` (HTML built by us,
already safe). Keys under `PLAIN_PREFIXES` are plain text for fields Telegram does not parse
(command descriptions, button labels, callback answers); their values go in as they are.
"""

from __future__ import annotations

import html

from markupsafe import Markup

LANGUAGES = ("uk", "en")
DEFAULT_LANGUAGE = "en"
PLAIN_PREFIXES = ("cmd.", "btn.", "cb.", "lang.", "fmt.")

_EN: dict[str, str] = {
    # command menu (setMyCommands) and /help
    "cmd.start": "Start and pick topics",
    "cmd.help": "What the bot can do",
    "cmd.topics": "Choose your topics",
    "cmd.subscribe": "Subscribe to topics: /subscribe war",
    "cmd.unsubscribe": "Unsubscribe: /unsubscribe war or all",
    "cmd.latest": "The newest stories: /latest [topic]",
    "cmd.search": "Search the archive: /search words",
    "cmd.follow": "Alerts for a name or phrase: /follow Kyiv",
    "cmd.unfollow": "Stop keyword alerts: /unfollow [words]",
    "cmd.settings": "Your settings",
    "cmd.instant": "New stories as they come: /instant on|off",
    "cmd.language": "Language: /language en|uk",
    "cmd.timezone": "Time zone: /timezone Europe/Kyiv",
    "cmd.stop": "Stop the bot and delete your data",
    # buttons
    "btn.all": "All",
    "btn.none": "None",
    "btn.more": "More »",
    "btn.back": "« Back",
    # callback answers
    "cb.subscribed": "✅ {topic}",
    "cb.unsubscribed": "Unsubscribed: {topic}",
    "cb.all": "Subscribed to every topic",
    "cb.none": "Unsubscribed from every topic",
    "cb.stale": "This button is out of date. Send /topics again.",
    "cb.not_registered": "Send /start first.",
    "cb.search_expired": "This search has expired. Send /search again.",
    # names and formats
    "lang.en": "English",
    "lang.uk": "Ukrainian",
    "fmt.datetime": "%d %b, %H:%M",
    # onboarding
    "greeting.new": "<b>Welcome!</b> I send the newsroom's stories on the topics you choose,"
    " as soon as they are published.",
    "greeting.back": "<b>Welcome back!</b> Your subscriptions are on again.",
    "greeting.again": "<b>Hello again!</b> Here are your topics.",
    "greeting.subscribed": "Subscribed: {topics}.",
    "greeting.unknown_link": "Not a topic, skipped: {names}.",
    "picker.prompt": "Tap a topic to subscribe or unsubscribe; ✅ marks yours.",
    "help.title": "<b>What I can do</b>",
    "help.footer": "Topics can be given by name in English or Ukrainian, for example"
    " <code>/subscribe війна economy</code>.",
    # topics
    "topics.valid": "Topics: {topics}.",
    "topics.unknown": "I don't know the topic {names}.",
    "subscribe.usage": "Which topics? For example: <code>/subscribe politics war</code>, or"
    " <code>/subscribe all</code>.",
    "subscribe.done": "Subscribed: {topics}.",
    "subscribe.already": "You're already subscribed to {topics}.",
    "subscribe.all": "Subscribed to every topic.",
    "unsubscribe.usage": "Which topics? For example: <code>/unsubscribe sport</code>, or"
    " <code>/unsubscribe all</code>.",
    "unsubscribe.done": "Unsubscribed: {topics}.",
    "unsubscribe.not_subscribed": "You weren't subscribed to {topics}.",
    "unsubscribe.all": "Unsubscribed from every topic. /topics to pick again.",
    # settings
    "settings.title": "<b>Your settings</b>",
    "settings.topics": "Topics: {topics}",
    "settings.no_topics": "Topics: none yet (/topics)",
    "settings.instant_on": "New stories: as they come (/instant off to stop)",
    "settings.instant_off": "New stories: not sent as they come (/instant on)",
    "settings.digest_off": "Digest: off",
    "settings.digest_daily": "Digest: daily at {time}",
    "settings.digest_hourly": "Digest: every hour",
    "settings.quiet": "Quiet hours: {start}–{end}",
    "settings.language": "Language: {language}",
    "settings.timezone": "Time zone: {timezone}",
    "settings.timezone_default": "Time zone: {timezone} (default)",
    "settings.follows": "Keyword alerts: {follows}",
    "settings.no_follows": "Keyword alerts: none (/follow)",
    # /instant
    "instant.on": "New stories on your topics will come as soon as they are published.",
    "instant.off": "Done: stories won't come one by one any more. /instant on to turn it back.",
    "instant.usage": "Send <code>/instant on</code> or <code>/instant off</code>.",
    # /latest
    "latest.title": "<b>Latest stories</b>",
    "latest.title_topic": "<b>Latest stories: {topic}</b>",
    "latest.empty": "No stories yet.",
    "latest.empty_topic": "No stories on {topic} yet.",
    # /search
    "search.usage": "What should I look for? For example: <code>/search Kyiv metro</code>.",
    "search.title": "<b>Search: {terms}</b> ({first}–{last} of {total})",
    "search.empty": "Nothing found for {terms}. Try other or fewer words.",
    # /language
    "language.set": "I'll speak English with you now.",
    "language.usage": "Send <code>/language en</code> for English or <code>/language uk</code>"
    " for Ukrainian.",
    # /timezone
    "timezone.set": "Time zone: {timezone}. Your local time now is {time}.",
    "timezone.usage": "Send your time zone as Area/City, for example"
    " <code>/timezone Europe/Kyiv</code>.",
    "timezone.unknown": "I don't know the time zone {timezone}. Send it as Area/City,"
    " for example <code>/timezone Europe/Warsaw</code>.",
    # /follow, /unfollow
    "follow.usage": "What should I watch for? A name, a city or a phrase in quotes, for example"
    ' <code>/follow Zelensky</code> or <code>/follow "Kyiv metro"</code>.',
    "follow.added": "Done: every new story that mentions {words} will come to you.",
    "follow.exists": "You already follow {words}.",
    "follow.limit": "You follow {limit} keywords already, the most there can be."
    " /unfollow some first.",
    "unfollow.all": "Keyword alerts removed: {count}.",
    "unfollow.nothing": "You have no keyword alerts.",
    "unfollow.done": "No more alerts for {words}.",
    "unfollow.missing": "You don't follow {words}. Yours: {follows}.",
    # /stop and the rest
    "stop.done": "Done: no more messages from me, and your data is deleted."
    " Send /start whenever you want to come back.",
    "hint.text": "I understand commands; /help lists them.",
    "error.generic": "Something went wrong on my side. Please try again later.",
}

_UK: dict[str, str] = {
    "cmd.start": "Почати й вибрати теми",
    "cmd.help": "Що вміє бот",
    "cmd.topics": "Вибрати теми",
    "cmd.subscribe": "Підписатися на теми: /subscribe війна",
    "cmd.unsubscribe": "Відписатися: /unsubscribe війна або all",
    "cmd.latest": "Найсвіжіші новини: /latest [тема]",
    "cmd.search": "Пошук в архіві: /search слова",
    "cmd.follow": "Сповіщення про ім'я чи фразу: /follow Київ",
    "cmd.unfollow": "Прибрати сповіщення: /unfollow [слова]",
    "cmd.settings": "Ваші налаштування",
    "cmd.instant": "Нові новини одразу: /instant on|off",
    "cmd.language": "Мова: /language uk|en",
    "cmd.timezone": "Часовий пояс: /timezone Europe/Kyiv",
    "cmd.stop": "Зупинити бота й видалити ваші дані",
    "btn.all": "Усі",
    "btn.none": "Жодної",
    "btn.more": "Ще »",
    "btn.back": "« Назад",
    "cb.subscribed": "✅ {topic}",
    "cb.unsubscribed": "Відписано: {topic}",
    "cb.all": "Ви підписані на всі теми",
    "cb.none": "Ви відписані від усіх тем",
    "cb.stale": "Ця кнопка застаріла. Надішліть /topics ще раз.",
    "cb.not_registered": "Спершу надішліть /start.",
    "cb.search_expired": "Цей пошук застарів. Надішліть /search ще раз.",
    "lang.en": "англійська",
    "lang.uk": "українська",
    "fmt.datetime": "%d.%m, %H:%M",
    "greeting.new": "<b>Вітаємо!</b> Я надсилатиму новини редакції на вибрані вами теми,"
    " щойно їх опублікують.",
    "greeting.back": "<b>З поверненням!</b> Ваші підписки знову діють.",
    "greeting.again": "<b>Вітаємо знову!</b> Ось ваші теми.",
    "greeting.subscribed": "Підписано: {topics}.",
    "greeting.unknown_link": "Такої теми немає, пропущено: {names}.",
    "picker.prompt": "Натисніть тему, щоб підписатися чи відписатися; ✅ позначає ваші.",
    "help.title": "<b>Що я вмію</b>",
    "help.footer": "Теми можна називати українською чи англійською, наприклад"
    " <code>/subscribe війна economy</code>.",
    "topics.valid": "Теми: {topics}.",
    "topics.unknown": "Не знаю теми {names}.",
    "subscribe.usage": "На які теми? Наприклад: <code>/subscribe політика війна</code> або"
    " <code>/subscribe all</code>.",
    "subscribe.done": "Підписано: {topics}.",
    "subscribe.already": "Ви вже підписані: {topics}.",
    "subscribe.all": "Ви підписані на всі теми.",
    "unsubscribe.usage": "Від яких тем? Наприклад: <code>/unsubscribe спорт</code> або"
    " <code>/unsubscribe all</code>.",
    "unsubscribe.done": "Відписано: {topics}.",
    "unsubscribe.not_subscribed": "Ви не були підписані: {topics}.",
    "unsubscribe.all": "Ви відписані від усіх тем. /topics, щоб вибрати знову.",
    "settings.title": "<b>Ваші налаштування</b>",
    "settings.topics": "Теми: {topics}",
    "settings.no_topics": "Теми: ще не вибрано (/topics)",
    "settings.instant_on": "Нові новини: одразу (/instant off, щоб вимкнути)",
    "settings.instant_off": "Нові новини: не надсилаються одразу (/instant on)",
    "settings.digest_off": "Дайджест: вимкнено",
    "settings.digest_daily": "Дайджест: щодня о {time}",
    "settings.digest_hourly": "Дайджест: щогодини",
    "settings.quiet": "Тихі години: {start}–{end}",
    "settings.language": "Мова: {language}",
    "settings.timezone": "Часовий пояс: {timezone}",
    "settings.timezone_default": "Часовий пояс: {timezone} (типовий)",
    "settings.follows": "Сповіщення за словами: {follows}",
    "settings.no_follows": "Сповіщення за словами: немає (/follow)",
    "instant.on": "Нові новини на ваші теми надходитимуть одразу після публікації.",
    "instant.off": "Готово: новини більше не надходитимуть по одній. /instant on, щоб увімкнути.",
    "instant.usage": "Надішліть <code>/instant on</code> або <code>/instant off</code>.",
    "latest.title": "<b>Найсвіжіші новини</b>",
    "latest.title_topic": "<b>Найсвіжіші новини: {topic}</b>",
    "latest.empty": "Новин поки немає.",
    "latest.empty_topic": "Новин на тему {topic} поки немає.",
    "search.usage": "Що шукати? Наприклад: <code>/search метро Київ</code>.",
    "search.title": "<b>Пошук: {terms}</b> ({first}–{last} з {total})",
    "search.empty": "За запитом {terms} нічого не знайдено. Спробуйте інші або менше слів.",
    "language.set": "Тепер я говоритиму з вами українською.",
    "language.usage": "Надішліть <code>/language uk</code> для української або"
    " <code>/language en</code> для англійської.",
    "timezone.set": "Часовий пояс: {timezone}. Ваш місцевий час зараз {time}.",
    "timezone.usage": "Надішліть часовий пояс у вигляді Регіон/Місто, наприклад"
    " <code>/timezone Europe/Kyiv</code>.",
    "timezone.unknown": "Не знаю часового поясу {timezone}. Надішліть його у вигляді"
    " Регіон/Місто, наприклад <code>/timezone Europe/Warsaw</code>.",
    "follow.usage": "За чим стежити? Ім'я, місто чи фраза в лапках, наприклад"
    ' <code>/follow Зеленський</code> або <code>/follow "київське метро"</code>.',
    "follow.added": "Готово: кожна нова новина, де згадано {words}, надійде вам.",
    "follow.exists": "Ви вже стежите за {words}.",
    "follow.limit": "Ви вже стежите за {limit} словами, це найбільше можливе."
    " Спершу приберіть якісь через /unfollow.",
    "unfollow.all": "Прибрано сповіщень за словами: {count}.",
    "unfollow.nothing": "У вас немає сповіщень за словами.",
    "unfollow.done": "Більше жодних сповіщень про {words}.",
    "unfollow.missing": "Ви не стежите за {words}. Ваші: {follows}.",
    "stop.done": "Готово: я більше нічого не надсилатиму, ваші дані видалено."
    " Надішліть /start, коли захочете повернутися.",
    "hint.text": "Я розумію команди; /help покаже їх список.",
    "error.generic": "Щось пішло не так з мого боку. Спробуйте, будь ласка, пізніше.",
}

CATALOGUE: dict[str, dict[str, str]] = {"en": _EN, "uk": _UK}


def language_from_code(code: str | None) -> str:
    """The reader's language from Telegram's `language_code`: "uk" for Ukrainian ("uk",
    "uk-UA"), "en" for everything else, missing codes included."""
    if code and code.strip().lower().replace("_", "-").split("-")[0] == "uk":
        return "uk"
    return "en"


def is_plain(key: str) -> bool:
    """Whether the text under `key` is plain text rather than Telegram HTML."""
    return key.startswith(PLAIN_PREFIXES)


def _escape(value: object) -> str:
    if isinstance(value, Markup):
        return str(value)
    return html.escape(str(value), quote=False)


def t(lang: str, key: str, **kwargs: object) -> str:
    """The text `key` in `lang` (English when `lang` is unknown), placeholders filled in.

    HTML texts get their values escaped (Markup values are trusted); a missing key raises
    KeyError, so a typo fails in tests rather than showing the reader a key.
    """
    template = CATALOGUE.get(lang, CATALOGUE[DEFAULT_LANGUAGE])[key]
    if is_plain(key):
        return template.format(**kwargs)
    return template.format(**{name: _escape(value) for name, value in kwargs.items()})


def markup(lang: str, key: str, **kwargs: object) -> Markup:
    """`t` for templates: the HTML text as Markup, so autoescape leaves its tags alone."""
    if is_plain(key):
        return Markup(html.escape(t(lang, key, **kwargs), quote=False))
    # Safe: the catalogue's own HTML, with every value escaped by `t`.
    return Markup(t(lang, key, **kwargs))

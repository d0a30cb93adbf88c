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
    "cmd.digest": "A digest: /digest daily 08:00|hourly|now|off",
    "cmd.quiet": "Quiet hours: /quiet 23:00-07:00 [hold]|off",
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
    "fmt.date": "%d %b",
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
    "settings.quiet_hold": "Quiet hours: {start}–{end}, stories held until the end",
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
    # digests (/digest) and the digest messages
    "digest.usage": "How often? <code>/digest daily 08:00</code> (every day at that time),"
    " <code>/digest hourly</code>, <code>/digest now</code> (right away) or"
    " <code>/digest off</code>.",
    "digest.bad_time": "{time} is not a time of day. Send it as HH:MM from 00:00 to 23:59,"
    " for example <code>/digest daily 08:00</code>.",
    "digest.need_time": "At what time? For example <code>/digest daily 08:00</code>"
    " (your time zone: {timezone}).",
    "digest.daily": "Done: a digest of your topics every day at {time} ({timezone})."
    " The next one: {next}.",
    "digest.hourly": "Done: a digest of your topics every hour, on the hour. The next one: {next}.",
    "digest.off": "Digests are off.",
    "digest.also_instant": "New stories still come one by one as well; <code>/instant off</code>"
    " for the digest only.",
    "digest.no_topics": "You have no topics yet, so a digest would be empty. Pick some with"
    " /topics.",
    "digest.empty": "Nothing new on your topics since your last digest.",
    "digest.unavailable": "Digests are not available right now. Please try again later.",
    "digest.title.daily": "<b>Your daily digest</b> · {date}",
    "digest.title.hourly": "<b>Your hourly digest</b> · {time}",
    "digest.title.now": "<b>Your digest</b> · since {since}",
    "digest.title.quiet": "<b>While it was quiet</b> · {start}–{end}",
    "digest.part": "({part}/{total})",
    "digest.more": "…and {count} more",
    # quiet hours (/quiet)
    "quiet.usage": "When? <code>/quiet 23:00-07:00</code>: stories in that window come without"
    " sound; <code>/quiet 23:00-07:00 hold</code>: they wait and come as one message when it"
    " ends; <code>/quiet off</code>.",
    "quiet.bad": "{text} is not a time window. Send it as HH:MM-HH:MM, for example"
    " <code>/quiet 23:00-07:00</code>.",
    "quiet.silent": "Done: from {start} to {end} ({timezone}) stories come without sound.",
    "quiet.hold": "Done: stories that come from {start} to {end} ({timezone}) wait and arrive"
    " as one message at {end}.",
    "quiet.off": "Quiet hours are off.",
    # /stop and the rest
    "stop.done": "Done: no more messages from me, and your data is deleted."
    " Send /start whenever you want to come back.",
    "hint.text": "I understand commands; /help lists them.",
    "error.generic": "Something went wrong on my side. Please try again later.",
    "hint.unknown_command": "I don't know the command {command}; /help lists the ones I do.",
    "reply.cut": "(The rest of this answer, {count} more messages, is left out: it is too long"
    " for Telegram.)",
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
    "cmd.digest": "Дайджест: /digest daily 08:00|hourly|now|off",
    "cmd.quiet": "Тихі години: /quiet 23:00-07:00 [hold]|off",
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
    "fmt.date": "%d.%m",
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
    "settings.quiet_hold": "Тихі години: {start}–{end}, новини чекають до кінця",
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
    "digest.usage": "Як часто? <code>/digest daily 08:00</code> (щодня о цій порі),"
    " <code>/digest hourly</code> (щогодини), <code>/digest now</code> (просто зараз) або"
    " <code>/digest off</code> (вимкнути).",
    "digest.bad_time": "{time} — це не час доби. Надішліть його як ГГ:ХХ від 00:00 до 23:59,"
    " наприклад <code>/digest daily 08:00</code>.",
    "digest.need_time": "О котрій? Наприклад <code>/digest daily 08:00</code>"
    " (ваш часовий пояс: {timezone}).",
    "digest.daily": "Готово: дайджест ваших тем щодня о {time} ({timezone}). Наступний: {next}.",
    "digest.hourly": "Готово: дайджест ваших тем щогодини, на початку години. Наступний: {next}.",
    "digest.off": "Дайджести вимкнено.",
    "digest.also_instant": "Нові новини й далі надходитимуть і по одній;"
    " <code>/instant off</code>, щоб лишити тільки дайджест.",
    "digest.no_topics": "У вас ще немає тем, тож дайджест був би порожнім. Виберіть їх через"
    " /topics.",
    "digest.empty": "Від вашого останнього дайджесту нового на ваші теми немає.",
    "digest.unavailable": "Дайджести зараз недоступні. Спробуйте, будь ласка, пізніше.",
    "digest.title.daily": "<b>Ваш щоденний дайджест</b> · {date}",
    "digest.title.hourly": "<b>Ваш щогодинний дайджест</b> · {time}",
    "digest.title.now": "<b>Ваш дайджест</b> · від {since}",
    "digest.title.quiet": "<b>Поки було тихо</b> · {start}–{end}",
    "digest.part": "({part}/{total})",
    "digest.more": "…і ще {count}",
    "quiet.usage": "Коли? <code>/quiet 23:00-07:00</code>: новини в цей час надходять без"
    " звуку; <code>/quiet 23:00-07:00 hold</code>: вони чекають і надходять одним"
    " повідомленням наприкінці; <code>/quiet off</code>.",
    "quiet.bad": "{text} — це не проміжок часу. Надішліть його як ГГ:ХХ-ГГ:ХХ, наприклад"
    " <code>/quiet 23:00-07:00</code>.",
    "quiet.silent": "Готово: з {start} до {end} ({timezone}) новини надходять без звуку.",
    "quiet.hold": "Готово: новини, що з'являться з {start} до {end} ({timezone}), зачекають"
    " і надійдуть одним повідомленням о {end}.",
    "quiet.off": "Тихі години вимкнено.",
    "stop.done": "Готово: я більше нічого не надсилатиму, ваші дані видалено."
    " Надішліть /start, коли захочете повернутися.",
    "hint.text": "Я розумію команди; /help покаже їх список.",
    "error.generic": "Щось пішло не так з мого боку. Спробуйте, будь ласка, пізніше.",
    "hint.unknown_command": "Не знаю команди {command}; /help покаже ті, що знаю.",
    "reply.cut": "(Решту цієї відповіді, ще {count} повідомлень, пропущено: вона задовга для"
    " Telegram.)",
}

# Admin commands, their menu and the watchdog (bot.handlers.admin, bot.watchdog).
_ADMIN_EN: dict[str, str] = {
    # admin command menu (only for ADMIN_IDS)
    "cmd.stats": "Statistics and a chart of sends",
    "cmd.sources": "List feed sources",
    "cmd.addsource": "Add a feed: /addsource URL [topics]",
    "cmd.delsource": "Remove a feed: /delsource ID",
    "cmd.import": "Import sources from an OPML file",
    "cmd.export": "Export sources as OPML",
    "cmd.channels": "List channels",
    "cmd.addchannel": "Add a channel: /addchannel CHAT_ID[:THREAD] [topics]",
    "cmd.delchannel": "Remove a channel: /delchannel CHAT_ID",
    "cmd.addtopic": "Add a topic: /addtopic slug English | Українська",
    "cmd.keywords": "Keyword rules: /keywords slug word, word",
    "cmd.audit": "The last 20 admin actions",
    "cmd.post": "Push a story now: /post ARTICLE_ID",
    "cmd.hold": "Never push a story: /hold ARTICLE_ID",
    "cmd.broadcast": "A notice to every reader: /broadcast TEXT",
    "cmd.pause": "Pause all pushing",
    "cmd.resume": "Resume pushing",
    "btn.send_all": "📣 Send to everyone",
    "btn.cancel": "Cancel",
    "cb.broadcast_started": "Sending…",
    "cb.broadcast_cancelled": "Cancelled.",
    "cb.broadcast_gone": "This broadcast was sent or cancelled already.",
    "cb.not_admin": "Only the newsroom's editors can do that.",
    "fmt.chart_title": "Messages sent per hour, last 48 hours",
    "fmt.chart_ylabel": "messages",
    # replies to admins
    "adm.denied": "Sorry, this command is for the newsroom's editors only.",
    "adm.failed": "That did not work: {error}",
    "adm.word.all": "all",
    "adm.word.on": "on",
    "adm.word.off": "off",
    "adm.word.never": "never",
    "adm.topics.unknown": "I don't know the topic {names}. Topics: {topics}.",
    "adm.stats.title": "<b>Statistics</b> · {time}",
    "adm.stats.readers": "Readers: {active} active, {inactive} inactive",
    "adm.stats.per_topic": "By topic: {topics}",
    "adm.stats.stories": "Stories stored: {today} today, {week} this week",
    "adm.stats.messages": "Messages today: {sent} sent, {failed} failed",
    "adm.stats.backlog": "Outbox: {pending} waiting, the oldest for {minutes} min",
    "adm.stats.backlog_empty": "Outbox: nothing waiting",
    "adm.stats.paused": "⏸ Pushing is paused (/resume).",
    "adm.stats.sources": "<b>Sources</b>",
    "adm.stats.source": "{id}. {name}: last success {success}; {items} stories in 24 h",
    "adm.stats.source_error": "{id}. {name}: last success {success}; {items} stories in 24 h;"
    " last error: {error}",
    "adm.stats.no_sources": "No sources yet (/addsource URL).",
    "adm.stats.caption": "Messages sent per hour over the last 48 hours.",
    "adm.sources.title": "<b>Sources</b> ({count})",
    "adm.sources.item": "<code>{id}</code> {url} · topics: {topics} · every {interval} s"
    " · {health}",
    "adm.sources.empty": "No sources yet. Add one: <code>/addsource URL [topics]</code>.",
    "adm.health.ok": "ok, last {time}",
    "adm.health.never": "not fetched yet",
    "adm.health.failing": "failing ×{count}: {error}",
    "adm.addsource.usage": "Send <code>/addsource URL [topics]</code>, for example"
    " <code>/addsource https://example.org/rss war,politics</code>.",
    "adm.addsource.bad_url": "{url} is not an http(s) URL.",
    "adm.addsource.exists": "{url} is a source already (id {id}).",
    "adm.addsource.added": "Added source <code>{id}</code>: {url}. First fetch: {new} new"
    " stories, {updated} updated, {skipped} already stored.",
    "adm.addsource.fetch_failed": "Added source <code>{id}</code>: {url}, but the first fetch"
    " failed: {error}. I'll keep trying; /delsource {id} removes it.",
    "adm.delsource.usage": "Send <code>/delsource ID</code>; /sources lists the ids.",
    "adm.delsource.missing": "There is no source with id {id}.",
    "adm.delsource.done": "Removed source {id}: {url}.",
    "adm.import.usage": "Send an OPML file as a document with the caption <code>/import</code>,"
    " or reply <code>/import</code> to one.",
    "adm.import.bad": "That file is not usable OPML: {error}",
    "adm.import.too_big": "The file is too large (at most {mb} MB).",
    "adm.import.unavailable": "I could not get that file from Telegram ({error}). Send it again.",
    "adm.import.done": "Import: {added} new sources, {existing} already there,"
    " {skipped} skipped (not http(s)).",
    "adm.export.caption": "{count} sources as OPML.",
    "adm.export.empty": "No sources to export yet.",
    "adm.channels.title": "<b>Channels</b> ({count})",
    "adm.channels.item": "<code>{target}</code> {title} · topics: {topics} · preview {preview}"
    " · silent {silent}",
    "adm.channels.empty": "No channels yet. Add one:"
    " <code>/addchannel CHAT_ID[:THREAD_ID] [topics]</code>.",
    "adm.addchannel.usage": "Send <code>/addchannel CHAT_ID[:THREAD_ID] [topics]"
    " [preview=on|off] [silent=on|off]</code>, for example"
    " <code>/addchannel -1001234567890:42 war silent=on</code>. Make me an admin there first.",
    "adm.addchannel.bad_target": "{target} is not a chat id: a number like"
    " <code>-1001234567890</code>, or <code>-1001234567890:42</code> for a forum topic.",
    "adm.addchannel.bad_option": "I don't understand {option}: use <code>preview=on|off</code>"
    " or <code>silent=on|off</code>.",
    "adm.addchannel.not_found": "I can't see the chat {target}. Add me to it as an"
    " administrator, then try again.",
    "adm.addchannel.not_admin": "I'm not an administrator of {title} ({target}), so I can't post"
    " there. Make me an admin who may post messages, then try again.",
    "adm.addchannel.no_rights": "I'm an administrator of {title} ({target}) but may not post"
    " messages there. Give me that right, then try again.",
    "adm.addchannel.not_forum": "{title} ({target}) has no forum topics, so there is no thread"
    " {thread}.",
    "adm.addchannel.private": "{target} is a private chat, not a channel or group.",
    "adm.addchannel.added": "Added {title} ({target}): topics {topics}, link preview {preview},"
    " silent {silent}.",
    "adm.addchannel.updated": "Updated {title} ({target}): topics {topics}, link preview"
    " {preview}, silent {silent}.",
    "adm.delchannel.usage": "Send <code>/delchannel CHAT_ID</code>, or"
    " <code>CHAT_ID:THREAD_ID</code> for one forum topic.",
    "adm.delchannel.missing": "There is no channel {target}.",
    "adm.delchannel.done": "Removed {count} target(s) of {target}.",
    "adm.addtopic.usage": "Send <code>/addtopic slug English title | Українська назва</code>,"
    " for example <code>/addtopic energy Energy | Енергетика</code>.",
    "adm.addtopic.bad_slug": "{slug} can't be a slug: use 2–32 lowercase Latin letters, digits,"
    " - or _.",
    "adm.addtopic.exists": "The topic {slug} exists already.",
    "adm.addtopic.done": "Added topic {slug}: {en} / {uk}. Keyword rules:"
    " <code>/keywords {slug} word, word</code>.",
    "adm.keywords.usage": "Send <code>/keywords slug word, word</code>, for example"
    " <code>/keywords energy power grid, blackout, енергетика</code>. A keyword matches the same"
    " word in any form (power grids, енергетики) in a headline or lead.",
    "adm.keywords.done": "Keywords of {slug} ({count}): {keywords}.",
    "adm.audit.title": "<b>Last {count} admin actions</b>",
    "adm.audit.item": "{mark} {time} · <code>{admin}</code> · {action}",
    "adm.audit.empty": "No admin actions recorded yet.",
    "adm.post.usage": "Send <code>/post ARTICLE_ID</code>: the number of a story in the store.",
    "adm.hold.usage": "Send <code>/hold ARTICLE_ID</code>: the number of a story in the store.",
    "adm.story.missing": "There is no story {id}.",
    "adm.post.done": "Story {id} «{title}» pushed: {queued} messages queued"
    " ({channels} to channels, {readers} to readers).",
    "adm.post.paused": "Pushing is paused: they go out after /resume.",
    "adm.hold.done": "Story {id} «{title}» is held: it won't be pushed; {stopped} waiting"
    " messages cancelled.",
    "adm.pause.done": "⏸ Pushing paused: nothing goes to channels or readers until /resume."
    " Messages wait in the outbox.",
    "adm.pause.already": "Pushing is paused already.",
    "adm.resume.done": "▶️ Pushing resumed; {pending} waiting messages go out now.",
    "adm.resume.already": "Pushing isn't paused.",
    "adm.broadcast.usage": "Send <code>/broadcast TEXT</code>. The text may use Telegram HTML:"
    ' <code>&lt;b&gt;</code>, <code>&lt;i&gt;</code>, <code>&lt;a href="…"&gt;</code>.',
    "adm.broadcast.bad_html": "Telegram would reject this text: {error}. Fix it and send"
    " /broadcast again.",
    "adm.broadcast.rejected": "Telegram rejected the preview: {error}. Nothing was saved;"
    " fix the text and send /broadcast again.",
    "adm.broadcast.preview": "<b>Preview</b> of a broadcast to {count} active readers (above)."
    " Send it?",
    "adm.broadcast.progress": "📣 Broadcast {id}: sent {sent} of {total}…",
    "adm.broadcast.done": "📣 Broadcast {id} finished: {delivered} delivered, {blocked} blocked,"
    " {failed} failed (of {total}).",
    "adm.broadcast.cancelled": "Broadcast cancelled; nothing was sent.",
    "adm.error_report": "⚠️ Error while handling {where}: {error}",
    # watchdog
    "watch.alert.source_failing": "⚠️ Source {id} ({url}) has been failing for {minutes} min:"
    " {error}",
    "watch.ok.source_failing": "✅ Source {id} ({url}) works again.",
    "watch.alert.sender_stalled": "⚠️ Nothing has been sent for {minutes} min while {pending}"
    " messages are due. Check the bot's logs.",
    "watch.ok.sender_stalled": "✅ Messages are going out again.",
    "watch.alert.no_stories": "⚠️ No new story from any source for {minutes} min.",
    "watch.ok.no_stories": "✅ New stories are arriving again.",
    "watch.alert.backlog": "⚠️ The oldest waiting message has waited {minutes} min.",
    "watch.ok.backlog": "✅ The outbox has caught up.",
    "watch.alert.updates_failing": "⚠️ {count} Telegram updates could not be read in {minutes}"
    " min and were skipped (last: update {update_id}, {error}). Check the bot's logs.",
    "watch.ok.updates_failing": "✅ Telegram updates are read again.",
    "watch.alert.polling_failing": "⚠️ Receiving updates from Telegram has failed for {minutes}"
    " min ({attempts} attempts): {error}",
    "watch.ok.polling_failing": "✅ Updates from Telegram arrive again.",
}

_ADMIN_UK: dict[str, str] = {
    "cmd.stats": "Статистика й графік надсилань",
    "cmd.sources": "Список джерел",
    "cmd.addsource": "Додати джерело: /addsource URL [теми]",
    "cmd.delsource": "Прибрати джерело: /delsource ID",
    "cmd.import": "Імпорт джерел з файлу OPML",
    "cmd.export": "Експорт джерел в OPML",
    "cmd.channels": "Список каналів",
    "cmd.addchannel": "Додати канал: /addchannel CHAT_ID[:THREAD] [теми]",
    "cmd.delchannel": "Прибрати канал: /delchannel CHAT_ID",
    "cmd.addtopic": "Додати тему: /addtopic slug English | Українська",
    "cmd.keywords": "Ключові слова: /keywords slug слово, слово",
    "cmd.audit": "Останні 20 дій редакторів",
    "cmd.post": "Надіслати новину зараз: /post ARTICLE_ID",
    "cmd.hold": "Ніколи не надсилати новину: /hold ARTICLE_ID",
    "cmd.broadcast": "Оголошення всім читачам: /broadcast ТЕКСТ",
    "cmd.pause": "Призупинити всі надсилання",
    "cmd.resume": "Відновити надсилання",
    "btn.send_all": "📣 Надіслати всім",
    "btn.cancel": "Скасувати",
    "cb.broadcast_started": "Надсилаю…",
    "cb.broadcast_cancelled": "Скасовано.",
    "cb.broadcast_gone": "Це оголошення вже надіслано або скасовано.",
    "cb.not_admin": "Це можуть робити лише редактори.",
    "fmt.chart_title": "Надіслані повідомлення за годину, останні 48 годин",
    "fmt.chart_ylabel": "повідомлень",
    "adm.denied": "Вибачте, ця команда лише для редакторів.",
    "adm.failed": "Не вдалося: {error}",
    "adm.word.all": "усі",
    "adm.word.on": "увімк.",
    "adm.word.off": "вимк.",
    "adm.word.never": "ніколи",
    "adm.topics.unknown": "Не знаю теми {names}. Теми: {topics}.",
    "adm.stats.title": "<b>Статистика</b> · {time}",
    "adm.stats.readers": "Читачі: {active} активних, {inactive} неактивних",
    "adm.stats.per_topic": "За темами: {topics}",
    "adm.stats.stories": "Збережено новин: {today} сьогодні, {week} цього тижня",
    "adm.stats.messages": "Повідомлень сьогодні: {sent} надіслано, {failed} з помилкою",
    "adm.stats.backlog": "Черга: {pending} чекають, найдовше {minutes} хв",
    "adm.stats.backlog_empty": "Черга: порожня",
    "adm.stats.paused": "⏸ Надсилання призупинено (/resume).",
    "adm.stats.sources": "<b>Джерела</b>",
    "adm.stats.source": "{id}. {name}: останній успіх {success}; {items} новин за 24 год",
    "adm.stats.source_error": "{id}. {name}: останній успіх {success}; {items} новин за 24 год;"
    " остання помилка: {error}",
    "adm.stats.no_sources": "Джерел ще немає (/addsource URL).",
    "adm.stats.caption": "Надіслані повідомлення щогодини за останні 48 годин.",
    "adm.sources.title": "<b>Джерела</b> ({count})",
    "adm.sources.item": "<code>{id}</code> {url} · теми: {topics} · кожні {interval} с · {health}",
    "adm.sources.empty": "Джерел ще немає. Додайте: <code>/addsource URL [теми]</code>.",
    "adm.health.ok": "працює, востаннє {time}",
    "adm.health.never": "ще не завантажувалось",
    "adm.health.failing": "помилки ×{count}: {error}",
    "adm.addsource.usage": "Надішліть <code>/addsource URL [теми]</code>, наприклад"
    " <code>/addsource https://example.org/rss war,politics</code>.",
    "adm.addsource.bad_url": "{url} — не адреса http(s).",
    "adm.addsource.exists": "{url} уже є серед джерел (id {id}).",
    "adm.addsource.added": "Додано джерело <code>{id}</code>: {url}. Перше завантаження: {new}"
    " нових новин, {updated} оновлено, {skipped} вже були.",
    "adm.addsource.fetch_failed": "Додано джерело <code>{id}</code>: {url}, але перше"
    " завантаження не вдалося: {error}. Я пробуватиму далі; /delsource {id} прибере його.",
    "adm.delsource.usage": "Надішліть <code>/delsource ID</code>; /sources покаже id.",
    "adm.delsource.missing": "Джерела з id {id} немає.",
    "adm.delsource.done": "Прибрано джерело {id}: {url}.",
    "adm.import.usage": "Надішліть файл OPML документом з підписом <code>/import</code>"
    " або дайте відповідь <code>/import</code> на нього.",
    "adm.import.bad": "Цей файл не є придатним OPML: {error}",
    "adm.import.too_big": "Файл завеликий (щонайбільше {mb} МБ).",
    "adm.import.unavailable": "Не вдалося отримати цей файл від Telegram ({error})."
    " Надішліть його ще раз.",
    "adm.import.done": "Імпорт: {added} нових джерел, {existing} вже були,"
    " {skipped} пропущено (не http(s)).",
    "adm.export.caption": "Джерел в OPML: {count}.",
    "adm.export.empty": "Джерел для експорту ще немає.",
    "adm.channels.title": "<b>Канали</b> ({count})",
    "adm.channels.item": "<code>{target}</code> {title} · теми: {topics} · прев'ю {preview}"
    " · без звуку {silent}",
    "adm.channels.empty": "Каналів ще немає. Додайте:"
    " <code>/addchannel CHAT_ID[:THREAD_ID] [теми]</code>.",
    "adm.addchannel.usage": "Надішліть <code>/addchannel CHAT_ID[:THREAD_ID] [теми]"
    " [preview=on|off] [silent=on|off]</code>, наприклад"
    " <code>/addchannel -1001234567890:42 war silent=on</code>. Спершу зробіть мене там адміном.",
    "adm.addchannel.bad_target": "{target} — не id чату: потрібне число на кшталт"
    " <code>-1001234567890</code> або <code>-1001234567890:42</code> для гілки форуму.",
    "adm.addchannel.bad_option": "Не розумію {option}: використовуйте"
    " <code>preview=on|off</code> або <code>silent=on|off</code>.",
    "adm.addchannel.not_found": "Я не бачу чату {target}. Додайте мене туди адміністратором"
    " і спробуйте ще раз.",
    "adm.addchannel.not_admin": "Я не адміністратор {title} ({target}), тож не можу там"
    " публікувати. Зробіть мене адміном з правом публікувати й спробуйте ще раз.",
    "adm.addchannel.no_rights": "Я адміністратор {title} ({target}), але не маю права"
    " публікувати. Надайте це право й спробуйте ще раз.",
    "adm.addchannel.not_forum": "{title} ({target}) не має гілок форуму, тож гілки {thread} немає.",
    "adm.addchannel.private": "{target} — приватний чат, а не канал чи група.",
    "adm.addchannel.added": "Додано {title} ({target}): теми {topics}, прев'ю посилань {preview},"
    " без звуку {silent}.",
    "adm.addchannel.updated": "Оновлено {title} ({target}): теми {topics}, прев'ю посилань"
    " {preview}, без звуку {silent}.",
    "adm.delchannel.usage": "Надішліть <code>/delchannel CHAT_ID</code> або"
    " <code>CHAT_ID:THREAD_ID</code> для однієї гілки форуму.",
    "adm.delchannel.missing": "Каналу {target} немає.",
    "adm.delchannel.done": "Прибрано цілей для {target}: {count}.",
    "adm.addtopic.usage": "Надішліть <code>/addtopic slug English title | Українська"
    " назва</code>, наприклад <code>/addtopic energy Energy | Енергетика</code>.",
    "adm.addtopic.bad_slug": "{slug} не годиться як slug: 2–32 малі латинські літери, цифри,"
    " - або _.",
    "adm.addtopic.exists": "Тема {slug} уже є.",
    "adm.addtopic.done": "Додано тему {slug}: {en} / {uk}. Ключові слова:"
    " <code>/keywords {slug} слово, слово</code>.",
    "adm.keywords.usage": "Надішліть <code>/keywords slug слово, слово</code>, наприклад"
    " <code>/keywords energy power grid, blackout, енергетика</code>. Ключове слово збігається з"
    " тим самим словом у будь-якій формі (енергетики, power grids) у заголовку чи ліді.",
    "adm.keywords.done": "Ключові слова {slug} ({count}): {keywords}.",
    "adm.audit.title": "<b>Останні дії редакторів: {count}</b>",
    "adm.audit.item": "{mark} {time} · <code>{admin}</code> · {action}",
    "adm.audit.empty": "Дій редакторів ще не записано.",
    "adm.post.usage": "Надішліть <code>/post ARTICLE_ID</code>: номер новини в сховищі.",
    "adm.hold.usage": "Надішліть <code>/hold ARTICLE_ID</code>: номер новини в сховищі.",
    "adm.story.missing": "Новини {id} немає.",
    "adm.post.done": "Новину {id} «{title}» надіслано: у черзі {queued} повідомлень"
    " ({channels} у канали, {readers} читачам).",
    "adm.post.paused": "Надсилання призупинено: вони підуть після /resume.",
    "adm.hold.done": "Новину {id} «{title}» затримано: її не надсилатимуть; скасовано"
    " повідомлень у черзі: {stopped}.",
    "adm.pause.done": "⏸ Надсилання призупинено: нічого не піде в канали чи читачам до /resume."
    " Повідомлення чекають у черзі.",
    "adm.pause.already": "Надсилання вже призупинено.",
    "adm.resume.done": "▶️ Надсилання відновлено; {pending} повідомлень з черги йдуть зараз.",
    "adm.resume.already": "Надсилання не призупинено.",
    "adm.broadcast.usage": "Надішліть <code>/broadcast ТЕКСТ</code>. У тексті можна HTML"
    " Telegram: <code>&lt;b&gt;</code>, <code>&lt;i&gt;</code>,"
    ' <code>&lt;a href="…"&gt;</code>.',
    "adm.broadcast.bad_html": "Telegram відхилить цей текст: {error}. Виправте й надішліть"
    " /broadcast ще раз.",
    "adm.broadcast.rejected": "Telegram відхилив попередній перегляд: {error}. Нічого не"
    " збережено; виправте текст і надішліть /broadcast ще раз.",
    "adm.broadcast.preview": "<b>Попередній перегляд</b> оголошення для {count} активних читачів"
    " (вище). Надіслати?",
    "adm.broadcast.progress": "📣 Оголошення {id}: надіслано {sent} з {total}…",
    "adm.broadcast.done": "📣 Оголошення {id} завершено: {delivered} доставлено,"
    " {blocked} заблокували бота, {failed} з помилкою (з {total}).",
    "adm.broadcast.cancelled": "Оголошення скасовано; нічого не надіслано.",
    "adm.error_report": "⚠️ Помилка під час обробки {where}: {error}",
    "watch.alert.source_failing": "⚠️ Джерело {id} ({url}) не працює вже {minutes} хв: {error}",
    "watch.ok.source_failing": "✅ Джерело {id} ({url}) знову працює.",
    "watch.alert.sender_stalled": "⚠️ Уже {minutes} хв нічого не надіслано, хоча в черзі"
    " {pending} повідомлень. Перевірте журнали бота.",
    "watch.ok.sender_stalled": "✅ Повідомлення знову надсилаються.",
    "watch.alert.no_stories": "⚠️ Уже {minutes} хв жодної нової новини з жодного джерела.",
    "watch.ok.no_stories": "✅ Нові новини знову надходять.",
    "watch.alert.backlog": "⚠️ Найстаріше повідомлення в черзі чекає {minutes} хв.",
    "watch.ok.backlog": "✅ Черга надолужила.",
    "watch.alert.updates_failing": "⚠️ {count} оновлень від Telegram не вдалося прочитати за"
    " {minutes} хв, їх пропущено (останнє: {update_id}, {error}). Перевірте журнали бота.",
    "watch.ok.updates_failing": "✅ Оновлення від Telegram знову читаються.",
    "watch.alert.polling_failing": "⚠️ Уже {minutes} хв не вдається отримати оновлення від"
    " Telegram ({attempts} спроб): {error}",
    "watch.ok.polling_failing": "✅ Оновлення від Telegram знову надходять.",
}

_EN.update(_ADMIN_EN)
_UK.update(_ADMIN_UK)

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

### The bot's Ukrainian texts. How to edit this file (Fluent, https://projectfluent.org/fluent/guide/):
###
### - One message per entry: `id = text`. The id is the key the code asks for with dots
###   written as dashes: t(lang, "adm.post.done") reads `adm-post-done`. A text stays on one
###   line (a line break inside a text would reach the reader); only plural choices span lines.
### - Values: `{ $name }`. Every language must use the same names in a message
###   (tests/unit/test_i18n.py checks). Numbers are shown exactly as the code passes them.
### - Texts are Telegram HTML (<b>, <i>, <code>, <a href>; write & < > as &amp; &lt; &gt;),
###   and the values put into them are escaped by the code. Ids starting with cmd-, btn-, cb-,
###   lang-, fmt- or story- are plain text: no tags, no entities.
### - Plurals: wherever a count is shown next to words that agree with it, choose by the
###   count's CLDR plural category; the variant marked * is the default:
###       adm-post-done = … { $queued } { $queued ->
###               [one] message
###              *[other] messages
###           } queued …
###   Ukrainian has `one` (1, 21, 31, 101, … but not 11), `few` (2–4, 22–24, … but not
###   12–14) and `many` (0, 5–20, 25–30, 111, …); `other` is for fractions. Words that are
###   alike in few and many may share the default: `[one] словом *[other] словами`.
### - A new message goes into every language's file; add it under the right ## section.

## Command menu (setMyCommands) and /help
cmd-start = Почати й вибрати теми
cmd-help = Що вміє бот
cmd-topics = Вибрати теми
cmd-subscribe = Підписатися на теми: /subscribe війна
cmd-unsubscribe = Відписатися: /unsubscribe війна або all
cmd-latest = Найсвіжіші новини: /latest [тема]
cmd-search = Пошук в архіві: /search слова
cmd-follow = Сповіщення про ім'я чи фразу: /follow Київ
cmd-unfollow = Прибрати сповіщення: /unfollow [слова]
cmd-settings = Ваші налаштування
cmd-instant = Нові новини одразу: /instant on|off
cmd-language = Мова: /language uk|en
cmd-timezone = Часовий пояс: /timezone Europe/Kyiv
cmd-stop = Зупинити бота й видалити ваші дані
cmd-digest = Дайджест: /digest daily 08:00|hourly|now|off
cmd-quiet = Тихі години: /quiet 23:00-07:00 [hold]|off

## Buttons
btn-all = Усі
btn-none = Жодної
btn-breaking_off = ⚡ Термінові новини як усі
btn-breaking_on = ⚡ Термінові новини зі звуком, завжди
btn-more = Ще »
btn-back = « Назад

## Callback answers
cb-subscribed = ✅ { $topic }
cb-unsubscribed = Відписано: { $topic }
cb-all = Ви підписані на всі теми
cb-none = Ви відписані від усіх тем
cb-stale = Ця кнопка застаріла. Надішліть /topics ще раз.
cb-not_registered = Спершу надішліть /start.
cb-search_expired = Цей пошук застарів. Надішліть /search ще раз.

## Names and formats
lang-en = англійська
lang-uk = українська
fmt-datetime = %d.%m, %H:%M
fmt-datetime_year = %d.%m.%Y, %H:%M
fmt-date = %d.%m
list-more = { $names } і ще { $count }

## Onboarding
greeting-new = <b>Вітаємо!</b> Я надсилатиму новини редакції на вибрані вами теми, щойно їх опублікують.
greeting-back = <b>З поверненням!</b> Ваші підписки знову діють.
greeting-again = <b>Вітаємо знову!</b> Ось ваші теми.
greeting-subscribed = Підписано: { $topics }.
greeting-unknown_link = Такої теми немає, пропущено: { $names }.
picker-prompt = Натисніть тему, щоб підписатися чи відписатися; ✅ позначає ваші.
help-title = <b>Що я вмію</b>
help-footer = Теми можна називати українською чи англійською, наприклад <code>/subscribe війна economy</code>.
help-inline = Поділитися новиною в будь-якому чаті: введіть <code>@{ $bot } слова</code> у полі повідомлення й виберіть її зі списку.
help-breaking = ⚡ Термінові новини: чи надходять вони зі звуком навіть у тихі години, вирішує кнопка в /settings.
help-admin = <b>Команди редакторів</b> (їх бачите лише ви та інші редактори)

## Topics
topics-valid = Теми: { $topics }.
topics-unknown = Не знаю теми { $names }.
subscribe-usage = На які теми? Наприклад: <code>/subscribe політика війна</code> або <code>/subscribe all</code>.
subscribe-done = Підписано: { $topics }.
subscribe-already = Ви вже підписані: { $topics }.
subscribe-all = Ви підписані на всі теми.
unsubscribe-usage = Від яких тем? Наприклад: <code>/unsubscribe спорт</code> або <code>/unsubscribe all</code>.
unsubscribe-done = Відписано: { $topics }.
unsubscribe-not_subscribed = Ви не були підписані: { $topics }.
unsubscribe-all = Ви відписані від усіх тем. /topics, щоб вибрати знову.

## Settings
settings-title = <b>Ваші налаштування</b>
settings-topics = Теми: { $topics }
settings-no_topics = Теми: ще не вибрано (/topics)
settings-instant_on = Нові новини: одразу (/instant off, щоб вимкнути)
settings-instant_off = Нові новини: не надсилаються одразу (/instant on)
settings-digest_off = Дайджест: вимкнено
settings-digest_daily = Дайджест: щодня о { $time }
settings-digest_hourly = Дайджест: щогодини
settings-quiet_off = Тихі години: вимкнено
settings-quiet = Тихі години: { $start }–{ $end }
settings-quiet_hold = Тихі години: { $start }–{ $end }, новини чекають до кінця
settings-language = Мова: { $language }
settings-timezone = Часовий пояс: { $timezone }
settings-timezone_default = Часовий пояс: { $timezone } (типовий)
settings-follows = Сповіщення за словами: { $follows }
settings-no_follows = Сповіщення за словами: немає (/follow)
settings-breaking_on = Термінові новини: зі звуком, навіть у тихі години
settings-breaking_off = Термінові новини: як усі інші
settings-guest = Нічого не вибрано: ні тем, ні сповіщень за словами, і я нічого вам не надсилаю. Надішліть /start, щоб почати.
breaking-on = Термінові новини надходитимуть зі звуком, навіть у ваші тихі години.
breaking-off = Термінові новини надходитимуть як усі інші.

## /instant
instant-on = Нові новини на ваші теми надходитимуть одразу після публікації.
instant-off = Готово: новини більше не надходитимуть по одній. /instant on, щоб увімкнути.
instant-usage = Надішліть <code>/instant on</code> або <code>/instant off</code>.

## /latest
latest-title = <b>Найсвіжіші новини</b>
latest-title_topic = <b>Найсвіжіші новини: { $topic }</b>
latest-empty = Новин поки немає.
latest-empty_topic = Новин на тему { $topic } поки немає.

## /search
search-usage = Що шукати? Наприклад: <code>/search метро Київ</code>.
search-title = <b>Пошук: { $terms }</b> ({ $first }–{ $last } з { $total })
search-empty = За запитом { $terms } нічого не знайдено. Спробуйте інші або менше слів.

## /language
language-set = Тепер я говоритиму з вами українською.
language-usage = Надішліть <code>/language uk</code> для української або <code>/language en</code> для англійської.

## /timezone
timezone-set = Часовий пояс: { $timezone }. Ваш місцевий час зараз { $time }.
timezone-usage = Надішліть часовий пояс у вигляді Регіон/Місто, наприклад <code>/timezone Europe/Kyiv</code>.
timezone-unknown = Не знаю часового поясу { $timezone }. Надішліть його у вигляді Регіон/Місто, наприклад <code>/timezone Europe/Warsaw</code>.

## /follow, /unfollow
follow-usage = За чим стежити? Ім'я, місто чи фраза в лапках, наприклад <code>/follow Зеленський</code> або <code>/follow "київське метро"</code>.
follow-added = Готово: кожна нова новина, де згадано { $terms ->
        [one] { $words }
       *[other] всі слова з { $words }
    }, надійде вам.
follow-exists = Ви вже стежите за { $words }.
follow-too_common = { $words } є майже в кожній новині: сповіщення про це принесло б вам усі. Стежте за ім'ям, місцем чи фразою, наприклад <code>/follow Зеленський</code> або <code>/follow "київське метро"</code>.
follow-single_letter = { $words } для пошуку — одна літера: він бачить лише літери й цифри («++» у «C++» і «#» у «C#» відкидає), тож сповіщення принесло б кожну новину з цією літерою окремо, як «Washington, D.C.». Стежте за нею разом зі словом поруч, наприклад <code>/follow "C++ compiler"</code>, або за назвою.
follow-limit = Ви вже стежите за { $limit } { $limit ->
        [one] словом
       *[other] словами
    }, це найбільше можливе, тож не додано: { $words }. Спершу приберіть якісь через /unfollow.
unfollow-all = Прибрано сповіщень за словами: { $count }.
unfollow-nothing = У вас немає сповіщень за словами.
unfollow-done = Більше жодних сповіщень про { $words }.
unfollow-missing = Ви не стежите за { $words }. Ваші: { $follows }.
unfollow-missing_none_left = Ви не стежите за { $words }.

## Digests (/digest) and the digest messages
digest-usage = Як часто? <code>/digest daily 08:00</code> (щодня о цій порі), <code>/digest hourly</code> (щогодини), <code>/digest now</code> (просто зараз) або <code>/digest off</code> (вимкнути).
digest-bad_time = { $time } — це не час доби. Надішліть його як ГГ:ХХ від 00:00 до 23:59, наприклад <code>/digest daily 08:00</code>.
digest-need_time = О котрій? Наприклад <code>/digest daily 08:00</code> (ваш часовий пояс: { $timezone }).
digest-daily = Готово: дайджест ваших тем щодня о { $time } ({ $timezone }). Наступний: { $next }.
digest-hourly = Готово: дайджест ваших тем щогодини, на початку години. Наступний: { $next }.
digest-off = Дайджести вимкнено.
digest-also_instant = Нові новини й далі надходитимуть і по одній; <code>/instant off</code>, щоб лишити тільки дайджест.
digest-no_topics = У вас ще немає тем, тож дайджест був би порожнім. Виберіть їх через /topics.
digest-empty = Від вашого останнього дайджесту нового на ваші теми немає.
digest-unavailable = Дайджести зараз недоступні. Спробуйте, будь ласка, пізніше.
digest-title-daily = <b>Ваш щоденний дайджест</b> · { $date }
digest-title-hourly = <b>Ваш щогодинний дайджест</b> · { $time }
digest-title-now = <b>Ваш дайджест</b> · від { $since }
digest-title-quiet = <b>Поки було тихо</b> · { $start }–{ $end }
digest-part = ({ $part }/{ $total })
digest-more = …і ще { $count }

## Quiet hours (/quiet)
quiet-usage = Коли? <code>/quiet 23:00-07:00</code>: новини в цей час надходять без звуку; <code>/quiet 23:00-07:00 hold</code>: вони чекають і надходять одним повідомленням наприкінці; <code>/quiet off</code>.
quiet-bad = { $text } — це не проміжок часу. Надішліть його як ГГ:ХХ-ГГ:ХХ, наприклад <code>/quiet 23:00-07:00</code>.
quiet-silent = Готово: з { $start } до { $end } ({ $timezone }) новини надходять без звуку.
quiet-hold = Готово: новини, що з'являться з { $start } до { $end } ({ $timezone }), зачекають і надійдуть одним повідомленням о { $end }.
quiet-off = Тихі години вимкнено.

## /stop and the rest
stop-done = Готово: я більше нічого не надсилатиму, ваші дані видалено. Надішліть /start, коли захочете повернутися.
hint-text = Я розумію команди; /help покаже їх список.
hint-unknown_command = Не знаю команди { $command }; /help покаже ті, що знаю.
reply-cut = (Решту цієї відповіді, ще { $count } { $count ->
        [one] повідомлення,
        [few] повідомлення,
       *[many] повідомлень,
    } пропущено: вона задовга для Telegram.)
error-generic = Щось пішло не так з мого боку. Спробуйте, будь ласка, пізніше.

## Admin command menu (only for ADMIN_IDS)
cmd-stats = Статистика й графік надсилань
cmd-sources = Список джерел
cmd-addsource = Додати джерело: /addsource URL [теми]
cmd-delsource = Прибрати джерело: /delsource ID
cmd-import = Імпорт джерел з файлу OPML
cmd-export = Експорт джерел в OPML
cmd-channels = Список каналів
cmd-addchannel = Додати канал: /addchannel CHAT_ID[:THREAD] [теми] [ключ=значення]
cmd-channel = Випуск каналу: /channel CHAT_ID ключ=значення
cmd-delchannel = Прибрати канал: /delchannel CHAT_ID
cmd-addtopic = Додати тему: /addtopic slug English | Українська
cmd-keywords = Ключові слова: /keywords slug слово, слово
cmd-audit = Останні 20 дій редакторів
cmd-post = Надіслати новину зараз: /post ARTICLE_ID
cmd-hold = Ніколи не надсилати новину: /hold ARTICLE_ID
cmd-breaking = Термінова новина: /breaking ARTICLE_ID
cmd-broadcast = Оголошення всім читачам: /broadcast ТЕКСТ
cmd-pause = Призупинити всі надсилання
cmd-resume = Відновити надсилання

## Admin buttons, callback answers and the stats chart
btn-send_all = 📣 Надіслати всім
btn-cancel = Скасувати
cb-broadcast_started = Надсилаю…
cb-broadcast_cancelled = Скасовано.
cb-broadcast_gone = Це оголошення вже надіслано або скасовано.
cb-not_admin = Це можуть робити лише редактори.
fmt-chart_title = Надіслані повідомлення за годину, останні 48 годин
fmt-chart_ylabel = повідомлень

## Replies to admins
adm-denied = Вибачте, ця команда лише для редакторів.
adm-failed = Не вдалося: { $error }
adm-word-all = усі
adm-word-on = увімк.
adm-word-off = вимк.
adm-word-never = ніколи
adm-word-none = немає
adm-word-shipped = типовий
adm-topics-unknown = Не знаю теми { $names }. Теми: { $topics }.
adm-stats-title = <b>Статистика</b> · { $time }
adm-stats-readers = Читачі: { $active } { $active ->
        [one] активний
        [few] активні
       *[many] активних
    }, { $inactive } { $inactive ->
        [one] неактивний
        [few] неактивні
       *[many] неактивних
    }
adm-stats-per_topic = За темами: { $topics }
adm-stats-stories = Збережено новин: { $today } сьогодні, { $week } цього тижня
adm-stats-messages = Повідомлень сьогодні: { $sent } надіслано, { $failed } з помилкою
adm-stats-shared = Поширено через інлайн: { $today } сьогодні, { $week } за тиждень
adm-stats-backlog = Черга: { $pending } { $pending ->
        [one] чекає
       *[other] чекають
    }, найдовше { $minutes } хв
adm-stats-backlog_empty = Черга: порожня
adm-stats-paused = ⏸ Надсилання призупинено (/resume).
adm-stats-embargoed = <b>Під ембарго</b>: { $count } { $count ->
        [one] новина
        [few] новини
       *[many] новин
    }
adm-stats-embargoed_item = { $id }. { $title }: ембарго до { $until }
adm-stats-embargoed_held_item = { $id }. { $title }: ембарго до { $until }; затримано: тоді не вийде (/post { $id } знімає затримку)
adm-stats-sources = <b>Джерела</b>
adm-stats-source = { $id }. { $name }: останній успіх { $success }; { $items } { $items ->
        [one] новина
        [few] новини
       *[many] новин
    } за 24 год
adm-stats-source_error = { $id }. { $name }: останній успіх { $success }; { $items } { $items ->
        [one] новина
        [few] новини
       *[many] новин
    } за 24 год; остання помилка: { $error }
adm-stats-no_sources = Джерел ще немає (/addsource URL).
adm-stats-caption = Надіслані повідомлення щогодини за останні 48 годин.
adm-sources-title = <b>Джерела</b> ({ $count })
adm-sources-item = <code>{ $id }</code> { $url } · теми: { $topics } · кожні { $interval } с · { $health }
adm-sources-item_named = <code>{ $id }</code> <b>{ $name }</b> · { $url } · теми: { $topics } · кожні { $interval } с · { $health }
adm-sources-empty = Джерел ще немає. Додайте: <code>/addsource URL [теми]</code>.
adm-health-ok = працює, востаннє { $time }
adm-health-never = ще не завантажувалось
adm-health-failing = помилки ×{ $count }: { $error }
adm-addsource-usage = Надішліть <code>/addsource URL [теми]</code>, наприклад <code>/addsource https://example.org/rss war,politics</code>.
adm-addsource-bad_url = { $url } — не адреса http(s).
adm-addsource-exists = { $url } уже є серед джерел (id { $id }).
adm-addsource-added = Додано джерело <code>{ $id }</code>: { $url }. Перше завантаження: { $new } { $new ->
        [one] нова новина
        [few] нові новини
       *[many] нових новин
    }, { $updated } оновлено, { $skipped } { $skipped ->
        [one] вже була
       *[other] вже були
    }.
adm-addsource-fetch_failed = Додано джерело <code>{ $id }</code>: { $url }, але перше завантаження не вдалося: { $error }. Я пробуватиму далі; /delsource { $id } прибере його.
adm-delsource-usage = Надішліть <code>/delsource ID</code>; /sources покаже id.
adm-delsource-missing = Джерела з id { $id } немає.
adm-delsource-done = Прибрано джерело { $id }: { $url }.
adm-import-usage = Надішліть файл OPML документом з підписом <code>/import</code> або дайте відповідь <code>/import</code> на нього.
adm-import-bad = Цей файл не є придатним OPML: { $error }
adm-import-unavailable = Не вдалося отримати цей файл від Telegram ({ $error }). Надішліть його ще раз.
adm-import-too_big = Файл завеликий (щонайбільше { $mb } МБ).
adm-import-done = Імпорт: { $added } { $added ->
        [one] нове джерело
        [few] нові джерела
       *[many] нових джерел
    }, { $existing } { $existing ->
        [one] вже було
       *[other] вже були
    }, { $skipped } пропущено (не http(s)).
adm-export-caption = Джерел в OPML: { $count }.
adm-export-empty = Джерел для експорту ще немає.
adm-channels-title = <b>Канали</b> ({ $count })
adm-channels-item = <code>{ $target }</code> { $title } · теми: { $topics } · прев'ю { $preview } · без звуку { $silent }
    випуск: слова { $language } · новини { $stories } · включати: { $include } · виключати: { $exclude } · шаблон { $template }
adm-channels-untitled = (назва ще невідома)
adm-channels-unseen = (я не бачу цього чату: додайте мене туди або приберіть його командою /delchannel)
adm-channels-empty = Каналів ще немає. Додайте: <code>/addchannel CHAT_ID[:THREAD_ID] [теми]</code>.
adm-addchannel-usage = Надішліть <code>/addchannel CHAT_ID[:THREAD_ID] [теми] [ключ=значення …]</code>, наприклад <code>/addchannel -1001234567890:42 war silent=on</code> або <code>/addchannel -1001234567890 language=en story-languages=en exclude="футбол"</code>. Параметри: preview=on|off, silent=on|off, language=uk|en (незмінні слова), story-languages=uk,en, include=…, exclude=… (ключові слова через кому), template=НАЗВА (у TEMPLATES_DIR). Спершу зробіть мене там адміном.
adm-addchannel-bad_target = { $target } — не id чату: потрібне число на кшталт <code>-1001234567890</code> або <code>-1001234567890:42</code> для гілки форуму.
adm-addchannel-not_found = Я не бачу чату { $target }. Додайте мене туди адміністратором і спробуйте ще раз.
adm-addchannel-migrated = Група { $target } стала супергрупою <code>{ $new }</code>: додайте цей id.
adm-addchannel-not_admin = Я не адміністратор { $title } ({ $target }), тож не можу там публікувати. Зробіть мене адміном з правом публікувати й спробуйте ще раз.
adm-addchannel-no_rights = Я адміністратор { $title } ({ $target }), але не маю права публікувати. Надайте це право й спробуйте ще раз.
adm-addchannel-not_forum = { $title } ({ $target }) не має гілок форуму, тож гілки { $thread } немає.
adm-addchannel-no_thread = { $title } ({ $target }) не має гілки форуму { $thread }: номер гілки — останнє число її посилання (t.me/c/…/7).
adm-addchannel-private = { $target } — приватний чат, а не канал чи група.
adm-addchannel-added = Додано { $title } ({ $target }): теми { $topics }, прев'ю посилань { $preview }, без звуку { $silent }; слова { $language }, новини { $stories }, включати { $include }, виключати { $exclude }, шаблон { $template }.
adm-addchannel-updated = Оновлено { $title } ({ $target }): теми { $topics }, прев'ю посилань { $preview }, без звуку { $silent }; слова { $language }, новини { $stories }, включати { $include }, виключати { $exclude }, шаблон { $template }.
adm-delchannel-usage = Надішліть <code>/delchannel CHAT_ID</code> або <code>CHAT_ID:THREAD_ID</code> для однієї гілки форуму.
adm-delchannel-missing = Каналу { $target } немає.
adm-channel-usage = Надішліть <code>/channel CHAT_ID[:THREAD_ID] ключ=значення …</code>, щоб змінити випуск каналу, наприклад <code>/channel -1001234567890 language=en story-languages=en include="air strike,missile"</code>. Ключі: topics, preview=on|off, silent=on|off, language=uk|en (незмінні слова), story-languages (коди; порожньо: усі), include та exclude (ключові слова через кому; порожньо: жодних), template (назва у TEMPLATES_DIR; порожньо: типовий).
adm-channel-missing = Каналу { $target } немає: спершу додайте його через /addchannel.
adm-channel-done = Змінено { $target }: теми { $topics }, прев'ю посилань { $preview }, без звуку { $silent }; слова { $language }, новини { $stories }, включати { $include }, виключати { $exclude }, шаблон { $template }.
adm-edition-unknown_key = Не знаю параметра { $option }: використовуйте topics, language, story-languages, include, exclude, template, preview або silent.
adm-edition-no_value = { $option } потребує значення.
adm-edition-bad_language = language приймає { $choices } (мова незмінних слів), а не { $value }.
adm-edition-bad_story_language = { $value } — не код мови: story-languages приймає коди ISO 639 на кшталт <code>uk,en,ru</code>.
adm-edition-bad_keyword = У { $value } немає слова для { $option }.
adm-edition-too_common = { $value } є майже в кожній новині: у { $option } це взяло б або відкинуло майже всі. Вкажіть ім'я, місце чи фразу.
adm-edition-include_exclude = { $words } було б і в include, і в exclude: кожне ключове слово ставте лише в один із них.
adm-edition-bad_switch = { $option } приймає on або off, а не { $value }.
adm-edition-unbalanced_quotes = Лапки не закрито: ключові слова з пробілами беріть у подвійні лапки, наприклад <code>include="air strike"</code>.
adm-edition-bad_template = Цей шаблон не годиться: { $reason }
adm-delchannel-done = Прибрано цілей для { $target }: { $count }.
adm-addtopic-usage = Надішліть <code>/addtopic slug English title | Українська назва</code>, наприклад <code>/addtopic energy Energy | Енергетика</code>.
adm-addtopic-bad_slug = { $slug } не годиться як slug: 2–32 малі латинські літери, цифри, - або _.
adm-addtopic-exists = Тема { $slug } уже є.
adm-addtopic-reserved = { $name } уже має значення там, де називають теми (/subscribe all, кнопки «Усі» й «Жодної»): оберіть іншу назву.
adm-addtopic-done = Додано тему { $slug }: { $en } / { $uk }. Ключові слова: <code>/keywords { $slug } слово, слово</code>.
adm-keywords-usage = Надішліть <code>/keywords slug слово, слово</code>, наприклад <code>/keywords energy power grid, blackout, енергетика</code>. Ключове слово збігається з тим самим словом у будь-якій формі (енергетики, power grids) у заголовку чи ліді. <code>/keywords slug</code> показує правила теми.
adm-keywords-done = Ключові слова { $slug } ({ $count }): { $keywords }.
adm-keywords-changed = Ключові слова { $slug }: { $count }. Додано: { $added }. Прибрано: { $removed }.
adm-keywords-too_common = Не додано, бо є майже в кожній новині (правило з них позначило б майже всі): { $words }.
adm-keywords-not_rules = Це не правила теми { $slug }, нема чого вилучати: { $words }.
adm-keywords-single_letter = Не додано: для індексу це одна літера, бо він бачить лише літери й цифри ("#" у "C#" відкидається), і таке правило позначало б кожну новину з цією літерою окремо, як-от "Washington, D.C.": { $words }. Додайте її разом зі словом поруч (<code>C# language</code>).
adm-audit-title = <b>Останні дії редакторів: { $count }</b>
adm-audit-item = { $mark } { $time } · <code>{ $admin }</code> · { $action }
adm-audit-empty = Дій редакторів ще не записано.
adm-post-usage = Надішліть <code>/post ARTICLE_ID</code>: номер новини в сховищі.
adm-hold-usage = Надішліть <code>/hold ARTICLE_ID</code>: номер новини в сховищі.
adm-breaking-usage = Надішліть <code>/breaking ARTICLE_ID</code>: номер новини в сховищі.
adm-story-missing = Новини { $id } немає.
adm-post-done = Новину { $id } «{ $title }» надіслано: у черзі { $queued } { $queued ->
        [one] повідомлення
        [few] повідомлення
       *[many] повідомлень
    } ({ $channels } у { $channels ->
        [one] канал
       *[other] канали
    }, { $readers } { $readers ->
        [one] читачеві
       *[other] читачам
    }).
adm-post-paused = Надсилання призупинено: вони підуть після /resume.
adm-post-embargoed = Новина { $id } «{ $title }» під ембарго до { $until }: вона вийде тоді, не раніше. Щоб випустити її раніше, змініть її published_at.
adm-hold-already = Новина { $id } «{ $title }» вже затримана: /post { $id } надішле її.
adm-hold-done = Новину { $id } «{ $title }» затримано: її не надсилатимуть; скасовано повідомлень у черзі: { $stopped }.
adm-hold-late = Уже були в дорозі й вийшли: { $went }.
adm-breaking-already = ⚡ Новина { $id } «{ $title }» уже термінова: більше нічого пересувати чи закріплювати.
adm-breaking-done = ⚡ Новина { $id } «{ $title }» термінова: поза чергою { $moved } { $moved ->
        [one] повідомлення
        [few] повідомлення
       *[many] повідомлень
    }; закріпити вже надіслані дописи в каналах: { $pins }.
adm-breaking-held = Новину { $id } «{ $title }» позначено терміновою, але вона затримана: /post { $id } надішле її поза чергою.
adm-breaking-embargoed = Новину { $id } «{ $title }» позначено як термінову; вона під ембарго до { $until } і вийде тоді, як термінова, не раніше.
adm-pause-done = ⏸ Надсилання призупинено: нічого не піде в канали чи читачам до /resume. Повідомлення чекають у черзі.
adm-pause-already = Надсилання вже призупинено.
adm-resume-done = ▶️ Надсилання відновлено; { $pending } { $pending ->
        [one] повідомлення з черги йде
        [few] повідомлення з черги йдуть
       *[many] повідомлень з черги йдуть
    } зараз.
adm-resume-already = Надсилання не призупинено.
adm-broadcast-usage = Надішліть <code>/broadcast ТЕКСТ</code>. У тексті можна HTML Telegram: <code>&lt;b&gt;</code>, <code>&lt;i&gt;</code>, <code>&lt;a href="…"&gt;</code>.
adm-broadcast-bad_html = Telegram відхилить цей текст: { $error }. Виправте й надішліть /broadcast ще раз.
adm-broadcast-rejected = Telegram відхилив попередній перегляд: { $error }. Нічого не збережено; виправте текст і надішліть /broadcast ще раз.
adm-broadcast-preview = <b>Попередній перегляд</b> оголошення для { $count } { $count ->
        [one] активного читача
       *[other] активних читачів
    } (вище). Надіслати?
adm-broadcast-progress = 📣 Оголошення { $id }: надіслано { $sent } з { $total }…
adm-broadcast-done = 📣 Оголошення { $id } завершено: { $delivered } доставлено, { $blocked } { $blocked ->
        [one] заблокував
       *[other] заблокували
    } бота, { $failed } з помилкою (з { $total }).
adm-broadcast-cancelled = Оголошення скасовано; нічого не надіслано.
adm-error_report = ⚠️ Помилка під час обробки { $where }: { $error }

## Watchdog
watch-alert-source_failing = ⚠️ Джерело { $id } ({ $url }) не працює вже { $minutes } хв: { $error }
watch-ok-source_failing = ✅ Джерело { $id } ({ $url }) знову працює.
watch-alert-sender_stalled = ⚠️ Уже { $minutes } хв нічого не надіслано, хоча в черзі { $pending } { $pending ->
        [one] повідомлення
        [few] повідомлення
       *[many] повідомлень
    }. Перевірте журнали бота.
watch-ok-sender_stalled = ✅ Повідомлення знову надсилаються.
watch-alert-no_stories = ⚠️ Уже { $minutes } хв жодної нової новини з жодного джерела.
watch-ok-no_stories = ✅ Нові новини знову надходять.
watch-alert-backlog = ⚠️ Найстаріше повідомлення в черзі чекає { $minutes } хв.
watch-ok-backlog = ✅ Черга надолужила.
watch-alert-updates_failing = ⚠️ { $count } { $count ->
        [one] оновлення
        [few] оновлення
       *[many] оновлень
    } від Telegram не вдалося прочитати за { $minutes } хв, їх пропущено (останнє: { $update_id }, { $error }). Перевірте журнали бота.
watch-ok-updates_failing = ✅ Оновлення від Telegram знову читаються.
watch-alert-polling_failing = ⚠️ Уже { $minutes } хв не вдається отримати оновлення від Telegram ({ $attempts } { $attempts ->
        [one] спроба
        [few] спроби
       *[many] спроб
    }): { $error }
watch-ok-polling_failing = ✅ Оновлення від Telegram знову надходять.
watch-alert-channel_failing = ⚠️ Останній допис у канал { $target } не пройшов: { $error }. Так само не пройдуть і наступні, доки це не виправлено (/channels, /delchannel).
watch-ok-channel_failing = ✅ Канал { $target } знову приймає дописи.

## Channel posts: the fixed words of a story (bot/render/story.py, templates' t.NAME)
story-read_more = Читати далі
story-untitled = Без заголовка
story-recall = Нагадаємо
story-breaking = ⚡ Терміново

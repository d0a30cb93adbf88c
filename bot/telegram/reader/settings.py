"""Reader settings: /settings, /instant, /language and /timezone."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel import Locale
from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot.delivery.wanted import drop_unwanted
from bot.locales import t
from bot.render import trim_words
from bot.render.keyboards import BreakingAlerts, breaking_button
from bot.store.readers import Reader
from bot.telegram.common import (
    ECHO_LIMIT,
    all_topics,
    answer_query,
    command_args,
    parse_switch,
    quoted,
    reader_command,
    reader_view,
    render,
    reply,
    word_in,
)
from bot.telegram.context import NewsContext
from bot.telegram.reader.follows import shown_alert

LANGUAGE_WORDS = {
    "en": frozenset({"en", "eng", "english", "англійська", "англ"}),
    "uk": frozenset({"uk", "ua", "ukr", "ukrainian", "українська", "укр"}),
}


# Areas of the IANA zones a reader means (Area/City, and the countries' old Country/Region
# names); not "Etc/GMT+3" (its sign is the opposite of what it says), "localtime",
# "Factory", "posixrules" or "EST5EDT", which are files of the database, not places.
ZONE_AREAS = frozenset(
    {
        "Africa",
        "America",
        "Antarctica",
        "Arctic",
        "Asia",
        "Atlantic",
        "Australia",
        "Europe",
        "Indian",
        "Pacific",
        "Brazil",
        "Canada",
        "Chile",
        "Mexico",
        "US",
    }
)
PLAIN_ZONES = ("UTC",)


def is_place_zone(name: str) -> bool:
    """Whether an IANA zone name is a place (Area/City) or UTC."""
    area, sep, _ = name.partition("/")
    return name in PLAIN_ZONES or (bool(sep) and area in ZONE_AREAS)


# The languages whose city names (CLDR's, through Babel) /timezone takes: "Київ", "Варшава".
CITY_NAME_LANGUAGES = ("uk", "ru")
# Apostrophes as readers and CLDR write them (', ‘, ’, ʼ, ʻ, `, ´, ′): dropped, as the zone
# names drop them ("St. John's" is America/St_Johns, "Рейк'явік" CLDR's "Рейкʼявік").
_KEY_APOSTROPHES = re.compile("['`\u00b4\u02bb\u02bc\u2018\u2019\u2032]")
# Everything else that is neither a letter, a digit nor the area's slash: a gap (spaces,
# underscores, hyphens and dashes, dots, commas).
_KEY_GAPS = re.compile(r"(?:[^\w/]|_)+")
_KEY_SLASH = re.compile(r"_*/_*")


def _zone_key(text: str) -> str:
    """A name compared: case-folded, accents dropped ("São Paulo", "Sao Paulo"), apostrophes
    dropped ("St. John's", "St Johns"), and spaces, hyphens, dots, commas and underscores
    alike ("Нью Йорк", "нью-йорк"; "New York", "new_york"; "Port-au-Prince")."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    key = _KEY_GAPS.sub("_", _KEY_APOSTROPHES.sub("", bare.casefold()))
    return _KEY_SLASH.sub("/", key).strip("_")


# Cities readers name that are no zone's own city, so neither the zone names nor CLDR's
# exemplar cities (Babel) have them: CLDR names one city a zone, and Ukraine is one zone
# (Europe/Kyiv; Crimea's Europe/Simferopol is CLDR's), so "Львів", "Харків", "Одеса" are
# nowhere in its data. Ukraine's regional centres and larger cities, in Ukrainian, Russian
# and English as news writes them, and the capitals of the world whose zone is named after
# another city ("Вашингтон" is New York's time, "Пекін" Shanghai's). Compared as `_zone_key`.
_KYIV = "Europe/Kyiv"
# fmt: off
CITY_ZONES: dict[str, tuple[str, ...]] = {
    _KYIV: (
        "Львів", "Львов", "Lviv", "Харків", "Харьков", "Kharkiv", "Одеса", "Одесса", "Odesa",
        "Odessa", "Дніпро", "Днепр", "Dnipro", "Запоріжжя", "Запорожье", "Zaporizhzhia",
        "Вінниця", "Винница", "Vinnytsia", "Житомир", "Zhytomyr", "Івано-Франківськ",
        "Ивано-Франковск", "Ivano-Frankivsk", "Кропивницький", "Кропивницкий", "Kropyvnytskyi",
        "Луцьк", "Луцк", "Lutsk", "Миколаїв", "Николаев", "Mykolaiv", "Полтава", "Poltava",
        "Рівне", "Ровно", "Rivne", "Суми", "Сумы", "Sumy", "Тернопіль", "Тернополь",
        "Ternopil", "Ужгород", "Uzhhorod", "Uzhgorod", "Херсон", "Kherson", "Хмельницький",
        "Хмельницкий", "Khmelnytskyi", "Черкаси", "Черкассы", "Cherkasy", "Чернівці",
        "Черновцы", "Chernivtsi", "Чернігів", "Чернигов", "Chernihiv", "Донецьк", "Донецк",
        "Donetsk", "Луганськ", "Луганск", "Luhansk", "Кривий Ріг", "Кривой Рог", "Kryvyi Rih",
        "Маріуполь", "Мариуполь", "Mariupol", "Біла Церква", "Белая Церковь", "Bila Tserkva",
        "Кременчук", "Кременчуг", "Kremenchuk", "Краматорськ", "Краматорск", "Kramatorsk",
        "Бровари", "Бровары", "Brovary", "Ірпінь", "Ирпень", "Irpin", "Буча", "Bucha",
        "Україна", "Украина", "Ukraine",
    ),
    "Europe/Simferopol": ("Севастополь", "Sevastopol", "Ялта", "Yalta", "Керч", "Керчь"),
    "America/New_York": ("Вашингтон", "Washington", "Бостон", "Boston", "Маямі", "Майами"),
    "America/Los_Angeles": ("Сан-Франциско", "San Francisco", "Сіетл", "Сиэтл", "Seattle"),
    "America/Toronto": ("Оттава", "Ottawa", "Монреаль", "Montreal"),
    "Asia/Shanghai": ("Пекін", "Пекин", "Beijing"),
    "Asia/Kolkata": ("Делі", "Дели", "Нью-Делі", "Нью-Дели", "New Delhi", "Delhi", "Мумбаї"),
    "Australia/Sydney": ("Канберра", "Canberra"),
    "Europe/Zurich": ("Берн", "Bern", "Женева", "Geneva"),
    "Europe/Berlin": ("Мюнхен", "Munich", "Франкфурт", "Frankfurt", "Гамбург", "Hamburg"),
    "Europe/Rome": ("Мілан", "Милан", "Milan", "Венеція", "Венеция", "Venice"),
    "Europe/Madrid": ("Барселона", "Barcelona"),
    "Europe/Warsaw": ("Краків", "Краков", "Kraków", "Вроцлав", "Wrocław"),
    "Asia/Jerusalem": ("Тель-Авів", "Тель-Авив", "Tel Aviv"),
    "Asia/Dubai": ("Абу-Дабі", "Абу-Даби", "Abu Dhabi"),
    "Asia/Riyadh": ("Джидда", "Jeddah"),
}
# fmt: on


@functools.lru_cache(maxsize=1)
def _zones_by_key() -> dict[str, str]:
    """Every place zone by its name, by its city ("kyiv" -> "Europe/Kyiv"), by the city's
    name in Ukrainian and Russian ("київ", "киев"), and by the cities of `CITY_ZONES`
    ("львів"), compared as `_zone_key` says."""
    zones = sorted(name for name in available_timezones() if is_place_zone(name))
    by_key: dict[str, str] = {}
    for name in zones:
        if "/" in name:
            by_key.setdefault(_zone_key(name.rsplit("/", 1)[-1]), name)
    for language in CITY_NAME_LANGUAGES:
        for name, names in Locale.parse(language).time_zones.items():
            city = names.get("city")
            if isinstance(city, str) and name in zones:
                by_key.setdefault(_zone_key(city), name)
    for name, cities in CITY_ZONES.items():
        for city in cities:
            by_key.setdefault(_zone_key(city), name)
    by_key.update({_zone_key(name): name for name in zones})
    return by_key


def find_zone(text: str) -> str | None:
    """The IANA name for "Europe/Kyiv", "europe/kyiv", "Kyiv", "Київ" or "Киев" (and "St.
    John's", "São Paulo": see `_zone_key`); None when unknown."""
    name = _zones_by_key().get(_zone_key(text))
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


@reader_view
async def settings_command(update: Update, context: NewsContext, reader: Reader) -> None:
    """/settings: the reader's settings with the breaking-news button; someone not registered
    (never started, or stopped) has nothing chosen: they are told so and pointed to /start,
    with no button that would store a choice for them."""
    guest = await context.runtime.store.readers.get(reader.chat_id) is None
    html, keyboard = await settings_view(context, reader, guest=guest)
    await reply(update, html, lang=reader.language, keyboard=None if guest else keyboard)


async def settings_view(
    context: NewsContext, reader: Reader, *, guest: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """The /settings message and its button (breaking alerts off, or on); a `guest`'s message
    (the template gets every value too, for a newsroom's own template that knows no guests)."""
    lang = reader.language
    topics = {topic.slug: topic for topic in await all_topics(context)}
    html = render(
        context,
        "settings.html.j2",
        lang,
        topics=[topics[slug].title(lang) for slug in reader.topics if slug in topics],
        instant=reader.instant,
        digest_mode=reader.digest_mode,
        digest_time=reader.digest_time,
        quiet_start=reader.quiet_start,
        quiet_end=reader.quiet_end,
        quiet_hold=reader.quiet_hold,
        language_name=t(lang, f"lang.{lang}"),
        timezone=reader.timezone or context.runtime.settings.timezone,
        timezone_default=reader.timezone is None,
        follows=[trim_words(shown_alert(follow), ECHO_LIMIT) for follow in reader.follows],
        breaking_alerts=reader.breaking_alerts,
        guest=guest,
    )
    return html, breaking_button(reader.breaking_alerts, lang)


async def breaking_tap(
    update: Update, context: NewsContext, reader: Reader, action: BreakingAlerts
) -> None:
    """The /settings button: breaking alerts on or off; the settings message is redrawn."""
    query, message = update.callback_query, update.effective_message
    assert query is not None and message is not None
    lang = reader.language
    await context.runtime.store.readers.set_breaking_alerts(reader.chat_id, action.on)
    await answer_query(query, t(lang, "breaking.on" if action.on else "breaking.off"))
    if message.chat.id != reader.chat_id:
        return  # someone else's settings: theirs stay as they were shown
    reader.breaking_alerts = action.on
    html, keyboard = await settings_view(context, reader)
    try:
        await context.bot.edit_message_text(
            html,
            chat_id=message.chat.id,
            message_id=message.message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboard,
        )
    except BadRequest as exc:  # the same text (a second tap), or a message too old to edit
        if "not modified" not in exc.message.lower():
            raise


@reader_command
async def instant(update: Update, context: NewsContext, reader: Reader) -> None:
    """/instant on|off."""
    lang, text = reader.language, command_args(update)
    on = parse_switch(text)
    if on is not None:
        await context.runtime.store.readers.set_instant(reader.chat_id, on)
        if not on:  # stories waiting to come one by one go (an alert's stay)
            await drop_unwanted(context.runtime.store, reader.chat_id)
        await reply(update, t(lang, "instant.on" if on else "instant.off"), lang=lang)
    else:
        await reply(update, t(lang, "instant.usage"), lang=lang)


@reader_command
async def language(update: Update, context: NewsContext, reader: Reader) -> None:
    """/language en|uk."""
    text = command_args(update)
    chosen = next((code for code, words in LANGUAGE_WORDS.items() if word_in(text, words)), None)
    if chosen is None:
        await reply(update, t(reader.language, "language.usage"), lang=reader.language)
        return
    await context.runtime.store.readers.set_language(reader.chat_id, chosen)
    await reply(update, t(chosen, "language.set"), lang=chosen)


@reader_command
async def timezone(update: Update, context: NewsContext, reader: Reader) -> None:
    """/timezone Area/City."""
    lang, text = reader.language, command_args(update)
    if not text:
        await reply(update, t(lang, "timezone.usage"), lang=lang)
        return
    name = find_zone(text)
    if name is None:
        await reply(update, t(lang, "timezone.unknown", timezone=quoted([text])), lang=lang)
        return
    await context.runtime.store.readers.set_timezone(reader.chat_id, name)
    now = datetime.now(ZoneInfo(name)).strftime("%H:%M")
    await reply(update, t(lang, "timezone.set", timezone=name, time=now), lang=lang)

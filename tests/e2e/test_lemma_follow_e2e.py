"""Issue 9 end to end: /follow and /search compare lemmas, through the real HTTP stack and
the strict fake Bot API. Stories come in as another program's INSERTs (no lemmas yet)."""

from __future__ import annotations

import asyncio

from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot

from bot.store.store import Store

READER, SEARCHER = 2001, 2002
TIMEOUT = 10.0


async def send(fake: FakeBotServer, user: int, text: str) -> SentMessage:
    before = len(fake.messages(user))
    fake.inject_message(user, text, language_code="uk")
    await fake.wait_for(lambda _: len(fake.messages(user)) > before, TIMEOUT)
    return fake.messages(user)[before]


async def insert(store: Store, n: int, title: str) -> None:
    """What another program writing into the store does: a bare INSERT."""
    await store.db.execute(
        "INSERT INTO articles (url, title, lead) VALUES (?, ?, '')",
        (f"https://news.example.org/lemma/{n}", title),
    )


async def alerts_after_following(
    bot: RunningBot,
    fake: FakeBotServer,
    reader: int,
    words: str,
    stories: dict[int, str],
    count: int,
) -> list[str]:
    """The headlines a new reader who follows `words` is alerted to once `stories` (number:
    headline) come in: `count` alerts, then a second to show that nothing more comes."""
    await send(fake, reader, "/start")
    reply = await send(fake, reader, f"/follow {words}")
    assert reply.text is not None and reply.text.startswith("Готово")
    before = len(fake.messages(reader))
    for n, title in stories.items():
        await insert(bot.runtime.store, n, title)
    await fake.wait_for(lambda _: len(fake.messages(reader)) >= before + count, TIMEOUT)
    await asyncio.sleep(1.0)  # nothing more comes
    return [m.content.split("\n")[0] for m in fake.messages(reader)[before:]]


async def wait_until_indexed(store: Store, query: str) -> None:
    """Until the poller has lemmatized the rows other programs inserted (`query` finds one)."""
    for _ in range(100):
        if await store.articles.search_count(query):
            return
        await asyncio.sleep(0.05)


async def test_follow_ambassador_alerts_on_his_word_forms_not_on_salting(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    stories = {
        1: "Посла Угорщини викликали до МЗС",
        2: "Як посолити огірки на зиму: три рецепти",
        3: "Зустріч з послом Франції перенесли",
        4: "Посольство попередило громадян",  # another word: no alert
    }
    alerts = await alerts_after_following(bot, fake_bot, READER, "посол", stories, 2)
    assert alerts == ["Посла Угорщини викликали до МЗС", "Зустріч з послом Франції перенесли"]


async def test_search_finds_kyiv_and_shelling_by_any_form(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    store = bot.runtime.store
    await insert(store, 11, "Київ готується до зими")
    await insert(store, 12, "Нічний обстріл Одеси")
    await insert(store, 13, "Кий для більярду подорожчав")
    await wait_until_indexed(store, '"кий"')
    reply = await send(fake_bot, SEARCHER, "/search Києві")
    assert reply.text is not None
    assert "Київ готується до зими" in reply.text and "більярд" not in reply.text
    reply = await send(fake_bot, SEARCHER, "/search обстрілів")
    assert reply.text is not None and "Нічний обстріл Одеси" in reply.text


async def test_follow_and_search_know_words_simplemma_lacks_and_yo(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0022's lemmas: "піаніст" meets "піаніста" (pymorphy3's dictionary), and
    Russian "ё" meets "е"."""
    stories = {21: "Концерт відомого піаніста скасували", 22: "Вертолёт МЧС доставил врачей"}
    alerts = await alerts_after_following(bot, fake_bot, READER + 10, "піаніст", stories, 1)
    assert alerts == ["Концерт відомого піаніста скасували"]
    reply = await send(fake_bot, SEARCHER, "/search вертолет")
    assert reply.text is not None and "Вертолёт МЧС доставил врачей" in reply.text


async def test_russian_stories_are_read_as_russian_by_follow_and_search(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0024's lemmas: in a Russian story "мира" is "мир" (peace), not Ukrainian
    "миро" (chrism), and "рака" is "рак"; a Ukrainian story keeps the Ukrainian reading."""
    stories = {
        31: "Стороны обсудили условия мира",
        32: "Церква освятила миро для парафій",  # chrism: no alert
    }
    alerts = await alerts_after_following(bot, fake_bot, READER + 20, "мир", stories, 1)
    assert alerts == ["Стороны обсудили условия мира"]
    await insert(bot.runtime.store, 33, "Новые лекарства от рака легких")
    await wait_until_indexed(bot.runtime.store, '"рак"')
    reply = await send(fake_bot, SEARCHER, "/search рак лекарство")
    assert reply.text is not None and "Новые лекарства от рака легких" in reply.text


async def test_a_womans_title_meets_the_mans_in_follows_and_search(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0025's lemmas: "/follow посол" alerts on "Посолка", and "/search міністр"
    finds "Міністерка" (and the other way round), as a man's title and trade would."""
    stories = {
        41: "Посолка України в Японії вручила вірчі грамоти",
        42: "Як посолити сало: поради",  # salting: no alert
        43: "Посол Польщі зустрівся з міністеркою",
    }
    alerts = await alerts_after_following(bot, fake_bot, READER + 30, "посол", stories, 2)
    assert alerts == [
        "Посолка України в Японії вручила вірчі грамоти",
        "Посол Польщі зустрівся з міністеркою",
    ]
    store = bot.runtime.store
    await insert(store, 44, "Міністерка економіки представила план")
    await wait_until_indexed(store, '"економіка"')
    for query in ("/search міністр", "/search міністерка"):
        reply = await send(fake_bot, SEARCHER, query)
        assert reply.text is not None
        assert "Міністерка економіки" in reply.text and "міністеркою" in reply.text


async def test_a_word_typed_with_latin_look_alikes_meets_the_cyrillic_one(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0025: "/follow мiнiстр" typed with a Latin "i" (a keyboard without "і")
    alerts on "Міністр ...", and a story written so is found by "/search міністр"."""
    stories = {51: "Міністр охорони здоров'я відкрив лікарню", 52: "Мистецтво і місто"}
    alerts = await alerts_after_following(bot, fake_bot, READER + 40, "мiнiстр", stories, 1)
    assert alerts == ["Міністр охорони здоров'я відкрив лікарню"]
    store = bot.runtime.store
    await insert(store, 53, "Мiнiстр фiнансiв подав у вiдставку")  # Latin "i" throughout
    await wait_until_indexed(store, '"відставка"')
    reply = await send(fake_bot, SEARCHER, "/search міністр фінансів")
    assert reply.text is not None and "подав у вiдставку" in reply.text


async def test_words_typed_side_by_side_meet_their_phrase_in_follows_and_search(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0027: `/follow золота бутса` without quotes alerts on "Золотої бутси"
    (indexed "золотий бутс", where the words one by one are "золото" and "бутсы"), but not
    on a story with a golden ingot and old boots; `/search вільні агенти` finds "Вільний
    агент" as well as the stories holding both words' lemmas."""
    stories = {
        61: "Хто стане володарем Золотої бутси",
        62: "Золотий злиток знайшли в старих бутсах",  # the words apart: no alert
    }
    alerts = await alerts_after_following(bot, fake_bot, READER + 50, "золота бутса", stories, 1)
    assert alerts == ["Хто стане володарем Золотої бутси"]
    store = bot.runtime.store
    await insert(store, 63, "Вільний агент підписав контракт з Лейкерс")
    await wait_until_indexed(store, '"лейкерс"')
    reply = await send(fake_bot, SEARCHER, "/search вільні агенти")
    assert reply.text is not None and "Вільний агент підписав контракт" in reply.text


async def test_follow_of_a_new_word_alerts_on_its_plural(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0029: `/follow шахед` (a word no dictionary knows) alerts on "шахедів" and
    "шахедами", whose singular pymorphy3 predicts; not on a mine ("шахта")."""
    stories = {
        71: "Уночі над Київщиною збили 40 шахедів",
        72: "На Донеччині відновила роботу шахта",  # another word: no alert
        73: "Росіяни атакували Одесу шахедами",
    }
    alerts = await alerts_after_following(bot, fake_bot, READER + 60, "шахед", stories, 2)
    assert alerts == ["Уночі над Київщиною збили 40 шахедів", "Росіяни атакували Одесу шахедами"]


async def test_follow_gas_alerts_on_its_lower_case_forms_not_on_gaza(
    bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    """Migration 0030: "газу", "газі" written in lower case are gas (the more common lemma),
    so `/follow газ` alerts on them; "сектор Гази", written with a capital, is Gaza's."""
    stories = {
        81: "Україна збільшила імпорт газу з Європи",
        82: "Гуманітарна пауза в секторі Гази продовжена",  # Gaza: no alert
        83: "Міські автобуси Львова працюватимуть на газі",
    }
    alerts = await alerts_after_following(bot, fake_bot, READER + 70, "газ", stories, 2)
    assert alerts == [stories[81], stories[83]]
    reply = await send(fake_bot, SEARCHER, "/search газ")
    assert reply.text is not None and "Україна збільшила імпорт газу" in reply.text
    assert "Гази" not in reply.text

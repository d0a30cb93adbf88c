"""Per-channel editions: routing decisions (pure), option parsing, the store's columns."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.delivery.router import (
    channel_deliveries,
    language_code,
    story_runs,
    takes,
    takes_keywords,
    takes_language,
)
from bot.models import Article, Channel, EditionChange
from bot.render import Renderer, RenderError
from bot.store.db import load_migrations
from bot.store.store import Store
from bot.telegram.editions import (
    EditionError,
    check_rules,
    parse_edition,
    split_arguments,
    split_options,
)


def story(
    title: str = "Headline",
    lead: str = "",
    *,
    language: str | None = None,
    topics: tuple[str, ...] = ("war",),
) -> Article:
    return Article(
        id=1,
        url="https://example.org/1",
        title=title,
        lead=lead,
        published_at=datetime(2025, 1, 1, tzinfo=UTC),
        language=language,
        topics=list(topics),
    )


UK = Channel(-1001, story_languages=("uk",), language="uk")
EN = Channel(-1002, story_languages=("en",), language="en")
ANY = Channel(-1003)


# --- languages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "code"),
    [("en", "en"), ("EN-us", "en"), ("uk_UA", "uk"), ("", None), (None, None), (" ru ", "ru")],
)
def test_language_code_is_the_primary_subtag(given: str | None, code: str | None) -> None:
    assert language_code(given) == code


def test_a_story_goes_to_the_editions_of_its_language_and_without_one_everywhere() -> None:
    def targets(language: str | None) -> list[int]:
        rows = channel_deliveries(story(language=language), [UK, EN, ANY])
        return [row.chat_id for row in rows]

    assert targets("en") == [-1002, -1003]
    assert targets("en-GB") == [-1002, -1003]
    assert targets("uk") == [-1001, -1003]
    assert targets("ru") == [-1003]
    assert targets(None) == [-1001, -1002, -1003]
    assert takes_language(Channel(1, story_languages=("uk", "ru")), "ru")


def test_language_codes_of_one_language_are_one() -> None:
    """ISO 639-2 codes, and old ones, are the language's ISO 639-1 code on both sides: an
    edition given "ukr" took no story of "uk", and a story of "ukr" went to no "uk" one."""
    change = parse_edition([("story-languages", "ukr,eng,crh")])
    assert change.story_languages == ("uk", "en", "crh")
    assert takes_language(Channel(1, story_languages=("uk",)), "ukr")
    assert takes_language(Channel(1, story_languages=("he",)), "iw")
    assert takes_language(Channel(1, story_languages=("ukr",)), "uk-UA")  # stored before
    assert not takes_language(Channel(1, story_languages=("uk",)), "ru")


def test_the_topic_filter_still_applies_with_an_edition() -> None:
    sport_only = Channel(-1, topics=("sport",), story_languages=("en",))
    assert not takes(sport_only, story(language="en", topics=("war",)))
    assert takes(sport_only, story(language="en", topics=("sport",)))


# --- keywords (lemmas, as topic rules) --------------------------------------------------------


def test_include_keywords_match_any_word_form_in_headline_or_lead() -> None:
    rockets = Channel(-1, include=("ракета",))
    assert takes(rockets, story("Росія атакувала Київ ракетами"))
    assert takes(rockets, story("Нічна атака", "Уламки ракети впали на дах"))
    assert not takes(rockets, story("Ракетка для тенісу подорожчала"))  # a racket
    assert not takes(rockets, story("Погода на вихідні"))


def test_multi_word_keywords_need_the_words_in_a_row() -> None:
    strikes = Channel(-1, include=("air strike",))
    assert takes(strikes, story("Air strikes hit the port"))
    assert not takes(strikes, story("Strike at the air base"))
    # never across headline and lead
    assert not takes(strikes, story("Fresh air", "Strike ends"))


def test_exclude_keywords_win_over_include_and_over_no_filter() -> None:
    channel = Channel(-1, include=("ракета",), exclude=("футбол",))
    assert takes(channel, story("Ракета влучила в стадіон"))
    assert not takes(channel, story("Ракета влучила в стадіон", "Футболу цього тижня не буде"))
    assert not takes(channel, story("Ракета", "Матч з футболу скасовано"))
    no_sport = Channel(-2, exclude=("football",))
    assert not takes(no_sport, story("Footballs are round"))
    assert takes(no_sport, story("Parliament votes"))


def test_runs_are_computed_once_and_only_when_a_channel_has_keywords() -> None:
    article = story("Ракети над Києвом", "Подробиці")
    runs = story_runs(article)
    assert runs[0].lemmas[0] == "ракета" and len(runs) == 2
    assert takes_keywords(Channel(-1, include=("київ",)), runs)
    assert len(channel_deliveries(article, [Channel(-1, exclude=("ракета",)), ANY])) == 1


# --- parsing options ------------------------------------------------------------------------


def test_a_dash_a_phone_made_of_two_hyphens_is_read_as_them() -> None:
    """ "/channel -1002 —language uk" (a phone's autocorrect of "--") got the bare usage; a
    word that only starts with a dash, or a number after one, is left as it is."""
    for dash in ("\u2014", "\u2013"):
        pairs, rest = split_options([f"{dash}language", "uk", f"{dash}silent=on", "war"])
        assert pairs == [("language", "uk"), ("silent", "on")] and rest == ["war"]
    assert split_options(["\u20145", "war"]) == ([], ["\u20145", "war"])


def test_options_parse_into_one_change_of_lemmas_and_codes() -> None:
    pairs, rest = split_options(
        split_arguments(
            'war --language EN story-languages=en,EN-us include="Air strikes,ракетами"'
            " exclude=футболу template=brief.j2 preview=off silent=on"
        )
    )
    assert rest == ["war"]
    change = parse_edition(pairs)
    assert change == EditionChange(
        language="en",
        story_languages=("en",),
        include=("air strike", "ракета"),
        exclude=("футбол",),
        template="brief.j2",
        link_preview=False,
        silent=True,
    )


def test_a_keyword_list_is_read_in_the_language_its_words_say() -> None:
    """A lone "мира" is read Ukrainian ("миро", chrism); in a Russian list, Russian ("мир")."""
    assert parse_edition([("include", "переговоры,мира")]).include == ("переговоры", "мир")
    assert parse_edition([("exclude", "мира")]).exclude == ("миро",)
    assert parse_edition([("include", "мирний,мира")]).include == ("мирний", "миро")


def test_empty_values_go_back_to_the_defaults() -> None:
    change = parse_edition([("language", ""), ("template", ""), ("include", "")])
    assert change.columns() == {"language": None, "template": None, "include_keywords": ""}


def test_apostrophes_are_letters_and_curly_quotes_quote() -> None:
    assert split_arguments("include=прем'єр") == ["include=прем'єр"]
    assert split_arguments("include=“air strike”") == ["include=air strike"]


@pytest.mark.parametrize(
    ("pairs", "code"),
    [
        ([("colour", "red")], "unknown_key"),
        ([("language", "pl")], "bad_language"),
        ([("story-languages", "english")], "bad_story_language"),
        ([("story-languages", "u1")], "bad_story_language"),
        # codes of no language (such an edition took no story, without a word)
        ([("story-languages", "xx")], "bad_story_language"),
        ([("story-languages", "uk,zzz")], "bad_story_language"),
        ([("include", "!!!")], "bad_keyword"),
        ([("silent", "maybe")], "bad_switch"),
    ],
)
def test_bad_values_are_refused_by_name(pairs: list[tuple[str, str]], code: str) -> None:
    with pytest.raises(EditionError) as caught:
        parse_edition(pairs)
    assert caught.value.code == code


def test_bad_words_are_refused() -> None:
    with pytest.raises(EditionError, match="unbalanced_quotes"):
        split_arguments('include="air strike')
    with pytest.raises(EditionError, match="no_value"):
        split_options(["--language"])
    with pytest.raises(EditionError, match="unknown_key"):
        split_options(["--colour", "red"])


def test_a_keyword_both_in_include_and_exclude_is_refused_by_name() -> None:
    """Exclude wins, so such a keyword takes nothing: the edition is refused, naming it (in
    any form typed: the rules are lemmas), whether both lists are in one change or one of
    them is the target's already."""
    change = parse_edition([("include", "missiles,drone,air strike"), ("exclude", "Missile")])
    with pytest.raises(EditionError) as caught:
        check_rules(change)
    assert (caught.value.code, caught.value.values) == ("include_exclude", {"words": "missile"})
    change = parse_edition([("exclude", "drones,air strikes,football")])
    with pytest.raises(EditionError) as caught:
        check_rules(change, include=("missile", "drone", "air strike"), exclude=())
    assert caught.value.values == {"words": "drone, air strike"}
    with pytest.raises(EditionError):  # a change of include meets the exclude kept
        check_rules(parse_edition([("include", "football")]), exclude=("football",))
    # a change that replaces the list holding the word, or words that only share one
    check_rules(parse_edition([("include", "drone")]), ("missile",), ("missile",))
    check_rules(parse_edition([("include", "")]), ("football",), ("football",))
    check_rules(parse_edition([("include", "air strike"), ("exclude", "strike")]))
    check_rules(parse_edition([("language", "en")]), ("war",), ("football",))


# --- templates ------------------------------------------------------------------------------


def test_a_template_is_checked_before_it_is_used(tmp_path: Path) -> None:
    brief = '<b>{{ title }}</b> <a href="{{ url }}">{{ t.read_more }}</a>'
    (tmp_path / "brief.j2").write_text(brief)
    (tmp_path / "open.j2").write_text("<b>{{ title }}")
    (tmp_path / "undefined.j2").write_text("{{ nothing.here }}")
    (tmp_path / "syntax.j2").write_text("{% if %}")
    renderer = Renderer(tmp_path)
    renderer.check_template("brief.j2")
    with pytest.raises(RenderError, match="no such file in TEMPLATES_DIR"):
        renderer.check_template("missing.j2")
    with pytest.raises(RenderError, match=r"template open\.j2: .*end tag"):
        renderer.check_template("open.j2")
    with pytest.raises(RenderError, match="'nothing' is undefined"):
        renderer.check_template("undefined.j2")
    with pytest.raises(RenderError, match=r"template syntax\.j2: line 1"):
        renderer.check_template("syntax.j2")
    message = renderer.story(story("Headline", language="en"), language="en", template="brief.j2")
    assert message.text == '<b>Headline</b> <a href="https://example.org/1">Read more</a>'


# --- the store ------------------------------------------------------------------------------


async def test_the_store_keeps_each_edition(store: Store) -> None:
    await store.channels.add(-1001, 0, ["war"])
    await store.channels.add(-1001, 7)
    change = parse_edition(
        [("language", "en"), ("story-languages", "en,ru"), ("include", "air strikes, ракетами")]
    )
    assert await store.channels.set_edition(-1001, 7, change)
    assert await store.channels.set_edition(-1001, 7, EditionChange(template="brief.j2"))
    assert not await store.channels.set_edition(-1009, 0, change)
    forum = await store.channels.get(-1001, 7)
    assert forum == Channel(
        -1001,
        7,
        language="en",
        story_languages=("en", "ru"),
        include=("air strike", "ракета"),
        template="brief.j2",
    )
    main = await store.channels.get(-1001)
    assert main == Channel(-1001, 0, topics=("war",))  # the other target untouched
    await store.channels.set_edition(-1001, 7, parse_edition([("template", ""), ("include", "")]))
    cleared = await store.channels.get(-1001, 7)
    assert cleared is not None and cleared.template is None and cleared.include == ()


async def test_channels_of_an_older_store_become_editions_that_take_everything(
    tmp_path: Path,
) -> None:
    """The migration before editions, with channels in it: they keep their options and take
    every story in CHANNEL_LANGUAGE, as before."""
    path = tmp_path / "news.db"
    migrations = load_migrations()
    editions = next(m for m in migrations if m.name.endswith("_editions.sql"))
    conn = sqlite3.connect(path)
    for migration in migrations[: editions.version - 1]:
        conn.executescript(
            f"BEGIN;\n{migration.sql}\nPRAGMA user_version = {migration.version};\nCOMMIT;"
        )
    conn.executescript(
        "INSERT INTO channels (chat_id, thread_id, topics, link_preview, silent, title)"
        " VALUES (-1001, 0, 'war', 0, 1, 'Newsroom'), (-1002, 5, '', 1, 0, NULL);"
    )
    conn.close()
    async with Store(str(path)) as store:
        assert await store.db.schema_version() == len(migrations)
        assert await store.channels.all() == [
            Channel(-1002, 5),
            Channel(-1001, 0, topics=("war",), link_preview=False, silent=True),
        ]

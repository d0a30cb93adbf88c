""" "Recall": the pure choice (bot/text/recall.py), the store's candidates on both backends
(FTS5 bm25 / ts_rank), the poller writing the choice, and the post ending with the link."""

from __future__ import annotations

from datetime import timedelta

from conftest import ArticleFactory

from bot.delivery.poller import Poller
from bot.models import Article, Recall, utcnow
from bot.render import Renderer, check_html
from bot.render.html import TEXT_LIMIT, visible_length
from bot.store.store import Store
from bot.text.lemmas import lemma_text
from bot.text.recall import (
    LEAD_LEMMAS,
    MIN_SHARED,
    content_lemmas,
    headline_lemmas,
    is_related,
    match,
    pick,
    query_lemmas,
)

MINISTER = "Defense minister Umerov meets EU ministers on air defense for Ukraine"
MINISTER_LEAD = "Umerov discussed air defense, a security belt and Ukraine's defense industry."
FOLLOW_UP = "Umerov: EU ministers promise air defense systems to Ukraine"
FOLLOW_LEAD = "After the meeting Umerov said the ministers back Ukraine's air defense."


def test_content_lemmas_drop_function_words_numbers_and_short_words() -> None:
    text = lemma_text("The minister said that the EU will send 5 air defense systems", "")
    found = content_lemmas(text)
    assert "minister" in found and "defense" in found and "system" in found
    for dropped in ("the", "that", "will", "5", "eu", "say"):
        assert dropped not in found
    assert len(found) == len(set(found))  # each once, headline order
    assert query_lemmas(text, 2) == found[:2]
    long = "minister defense\n" + " ".join(f"word{i}x" for i in range(100))
    assert content_lemmas(long)[:2] == ["minister", "defense"]
    assert len(content_lemmas(long)) == 2 + LEAD_LEMMAS  # a full-text lead counts its start
    assert headline_lemmas(long) == ["minister", "defense"]


def test_match_and_thresholds() -> None:
    story = ["umerov", "minister", "defense", "ukraine", "meet"]
    found = match(story, ["umerov", "defense"], headline=["umerov", "minister"])
    assert found.shared == {"umerov", "defense"} and found.overlap == 1.0 and found.headline == 1
    assert not is_related(found)  # two shared words are not enough
    assert not is_related(found, min_shared=2)  # nor one of the headline's
    assert is_related(found, min_shared=2, min_headline=1)
    wide = match([f"w{i}" for i in range(20)], [f"w{i}" for i in range(4)], ["w0", "w1"])
    assert is_related(wide)
    thin = match(
        [f"a{i}" for i in range(20)],
        [f"a{i}" for i in range(4)] + [f"b{i}" for i in range(30)],
        ["a0", "a1"],
    )
    assert len(thin.shared) == MIN_SHARED and not is_related(thin)  # 4 of 20: too thin
    assert match([], ["x"]).overlap == 0.0


def test_pick_takes_the_best_ranked_related_candidate() -> None:
    story = lemma_text(FOLLOW_UP, FOLLOW_LEAD)
    related = lemma_text(MINISTER, MINISTER_LEAD)
    unrelated = lemma_text("Storm floods the coast of Queensland", "Rain keeps falling.")
    assert pick(story, [(1, unrelated), (2, related), (3, related)]) == 2
    assert pick(story, [(1, unrelated)]) is None
    assert pick(story, []) is None
    assert pick(story, [(2, related)], min_shared=50) is None


async def test_the_poller_recalls_the_related_earlier_story(
    store: Store, make_article: ArticleFactory
) -> None:
    now = utcnow()
    ids = {}
    stories = {
        "related": (MINISTER, MINISTER_LEAD, ["politics"], now - timedelta(days=2)),
        "weaker": (
            "Umerov visits Brussels",
            "Ukraine air defense talks.",
            ["politics"],
            now - timedelta(days=1),
        ),
        "held": (MINISTER + " again", MINISTER_LEAD, ["politics"], now - timedelta(hours=3)),
        "other_topic": (MINISTER + " (sport)", MINISTER_LEAD, ["sport"], now - timedelta(hours=2)),
        "too_old": (MINISTER + " before", MINISTER_LEAD, ["politics"], now - timedelta(days=9)),
        "later": (MINISTER + " later", MINISTER_LEAD, ["politics"], now + timedelta(hours=1)),
    }
    for name, (title, lead, tags, when) in stories.items():
        _, ids[name] = await store.articles.upsert(
            make_article(title=title, lead=lead, tags=tags, published_at=when)
        )
    await store.articles.set_held(ids["held"], True)
    _, follow = await store.articles.upsert(
        make_article(title=FOLLOW_UP, lead=FOLLOW_LEAD, tags=["politics"], published_at=now)
    )
    await Poller(store, max_age_hours=24 * 30, recall_days=7).poll_once(now)
    article = await store.articles.get(follow)
    assert article is not None and article.recall is not None
    assert article.recall.id == ids["related"]
    assert article.recall.title == MINISTER
    # the earliest story has nothing to recall; the related one recalls nothing later
    first = await store.articles.get(ids["too_old"])
    assert first is not None and first.recall is None
    # an editor holds the recalled story: the post no longer links it
    await store.articles.set_held(ids["related"], False)
    await store.articles.set_held(ids["related"], True)
    held = await store.articles.get(follow)
    assert held is not None and held.recall is None


async def test_recall_days_zero_turns_it_off(store: Store, make_article: ArticleFactory) -> None:
    now = utcnow()
    await store.articles.upsert(
        make_article(
            title=MINISTER, lead=MINISTER_LEAD, tags=["politics"], published_at=now - timedelta(1)
        )
    )
    _, follow = await store.articles.upsert(
        make_article(title=FOLLOW_UP, lead=FOLLOW_LEAD, tags=["politics"], published_at=now)
    )
    await Poller(store, max_age_hours=24 * 30, recall_days=0).poll_once(now)
    article = await store.articles.get(follow)
    assert article is not None and article.recall is None


async def test_candidates_are_ranked_by_the_index(
    store: Store, make_article: ArticleFactory
) -> None:
    """bm25 on SQLite, ts_rank on PostgreSQL: the story sharing more of the rarer lemmas
    comes first on both."""
    now = utcnow()
    _, close = await store.articles.upsert(
        make_article(
            title=MINISTER,
            lead=MINISTER_LEAD,
            tags=["politics"],
            published_at=now - timedelta(hours=5),
        )
    )
    _, loose = await store.articles.upsert(
        make_article(
            title="Ukraine budget vote",
            lead="Parliament meets on Ukraine's budget.",
            tags=["politics"],
            published_at=now - timedelta(hours=4),
        )
    )
    _, follow = await store.articles.upsert(
        make_article(title=FOLLOW_UP, lead=FOLLOW_LEAD, tags=["politics"], published_at=now)
    )
    await Poller(store, max_age_hours=24, recall_days=0).poll_once(now)
    text = (await store.articles.search_texts([follow]))[follow]
    found = await store.articles.recall_candidates(
        follow, query_lemmas(text), ["politics"], since=now - timedelta(days=7), before=now
    )
    assert [c.id for c in found] == [close, loose]
    assert (
        await store.articles.recall_candidates(
            follow, query_lemmas(text), ["sport"], since=now - timedelta(days=7), before=now
        )
        == []
    )


def test_a_post_ends_with_its_recall_link_and_stays_within_limits() -> None:
    recall = Recall(7, "Umerov meets <EU> ministers", "https://news.example.org/7")
    article = Article(
        id=8,
        url="https://news.example.org/8",
        title=FOLLOW_UP,
        lead=FOLLOW_LEAD,
        published_at=utcnow(),
        topics=["politics"],
        recall=recall,
    )
    uk = Renderer().story(article, language="uk").text
    assert uk.endswith(
        'Нагадаємо: <a href="https://news.example.org/7">Umerov meets &lt;EU&gt; ministers</a>'
    )
    en = Renderer().story(article, language="en").text
    assert en.endswith(
        'Recall: <a href="https://news.example.org/7">Umerov meets &lt;EU&gt; ministers</a>'
    )
    long = Article(
        id=9,
        url="https://news.example.org/9",
        title=FOLLOW_UP,
        lead="word " * 2000,
        published_at=utcnow(),
        recall=recall,
    )
    text = Renderer().story(long).text
    check_html(text)
    assert visible_length(text) <= TEXT_LIMIT and "Нагадаємо" in text
    plain = Article(id=10, url="https://x.org/a", title="T", lead="L", published_at=utcnow())
    assert "Нагадаємо" not in Renderer().story(plain).text

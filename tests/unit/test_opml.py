"""OPML import/export: round trip, nesting, categories, and one-line errors for bad files."""

from __future__ import annotations

import pytest
from upgrade import schema_before

from bot.ingest.opml import OpmlError, OpmlFeed, build_opml, parse_opml, topics_for
from bot.ingest.sourcelist import export_sources, import_sources
from bot.models import Topic, utcnow
from bot.store.store import Store

FEEDLY = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Subscriptions in feedly Cloud</title></head>
  <body>
    <outline text="War" title="War">
      <outline type="rss" text="Front news" title="Front news"
               xmlUrl="https://front.example.org/rss" htmlUrl="https://front.example.org"/>
    </outline>
    <outline type="rss" text="Economy &amp; markets" xmlUrl="https://eco.example.org/feed"
             category="economy,/Business/Markets"/>
    <outline type="rss" text="dup" xmlUrl="https://eco.example.org/feed"/>
    <outline type="rss" text="bad" xmlUrl="javascript:alert(1)"/>
    <outline text="no url at all"/>
  </body>
</opml>
"""


def test_parse_nested_folders_and_categories() -> None:
    doc = parse_opml(FEEDLY)
    assert doc.title == "Subscriptions in feedly Cloud"
    assert doc.feeds == [
        OpmlFeed("https://front.example.org/rss", "Front news", ("War",)),
        OpmlFeed(
            "https://eco.example.org/feed", "Economy & markets", ("economy", "Business", "Markets")
        ),
    ]
    assert doc.skipped == ["javascript:alert(1)"]
    topics = [Topic("war", "War", "Війна"), Topic("economy", "Economy", "Економіка")]
    assert topics_for(doc.feeds[0], topics) == ["war"]
    assert topics_for(doc.feeds[1], topics) == ["economy"]


def test_round_trip_escapes_and_keeps_everything() -> None:
    feeds = [
        OpmlFeed("https://a.example.org/rss?x=1&y=2", 'A <"quoted"> & co', ("war", "world")),
        OpmlFeed("https://b.example.org/atom.xml"),
    ]
    data = build_opml(feeds)
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    doc = parse_opml(data)
    assert doc.feeds[0] == feeds[0]
    assert doc.feeds[1].url == feeds[1].url
    assert doc.feeds[1].title == feeds[1].url  # a title is required by readers: the URL


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"<opml><body><outline", "not valid XML"),
        (b"\xff\xfe garbage", "not valid XML"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML document (root element <rss>)"),
        (b"<opml version='2.0'><head/></opml>", "OPML without a <body>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><opml/>',
            "DOCTYPE and entity declarations are not allowed",
        ),
    ],
)
def test_bad_documents_give_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(OpmlError) as info:
        parse_opml(data)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and len(text) < 300


async def test_import_and_export_through_the_store(store: Store) -> None:
    existing = await store.sources.add("https://eco.example.org/feed")
    assert existing is not None
    result = await import_sources(store, parse_opml(FEEDLY), interval=600)
    assert result.added == ["https://front.example.org/rss"]
    assert result.existing == ["https://eco.example.org/feed"]
    assert result.skipped == ["javascript:alert(1)"]
    sources = {s.url: s for s in await store.sources.all()}
    assert sources["https://front.example.org/rss"].topics == ["war"]
    assert sources["https://front.example.org/rss"].interval == 600

    data, count = await export_sources(store)
    assert count == 2
    again = parse_opml(data)
    assert {f.url for f in again.feeds} == set(sources)
    assert ("war",) in {f.categories for f in again.feeds}


async def test_the_newsrooms_names_survive_an_opml_round_trip(store: Store) -> None:
    """An OPML outline's title names its feed: the import kept only the URL, and an export
    named each feed by the title the feed states (or its URL before a fetch), not the
    editors' names. The feed's own title, which a fetch records, does not replace the name."""
    named = await store.sources.add("https://eco.example.org/feed")  # there before, unnamed
    assert named is not None
    await import_sources(store, parse_opml(FEEDLY), interval=600)
    sources = {s.url: s for s in await store.sources.all()}
    assert sources["https://front.example.org/rss"].label == "Front news"
    assert sources["https://eco.example.org/feed"].label == "Economy & markets"
    now = utcnow()
    front = sources["https://front.example.org/rss"].id
    await store.sources.record_success(
        front, now=now, next_at=now, etag=None, last_modified=None, title="FRONT NEWS | Example"
    )
    [source] = [s for s in await store.sources.all() if s.id == front]
    assert (source.name, source.title) == ("Front news", "FRONT NEWS | Example")
    # /stats names it so too (it showed the feed's title, or the URL before a fetch)
    health = {h.url: h.title for h in await store.stats.sources(now)}
    assert health["https://front.example.org/rss"] == "Front news"
    assert health["https://eco.example.org/feed"] == "Economy & markets"
    again = parse_opml((await export_sources(store))[0])
    assert {f.url: f.title for f in again.feeds} == {
        "https://front.example.org/rss": "Front news",
        "https://eco.example.org/feed": "Economy & markets",
    }


async def test_sources_of_the_version_before_0037_get_names_from_the_next_import(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0037_", monkeypatch) as db:
        await db.execute(
            "INSERT INTO sources (url, title) VALUES ('https://front.example.org/rss', 'Feed')"
        )
    async with Store(blank_db) as store:
        [old] = await store.sources.all()
        assert (old.name, old.label) == (None, "Feed")  # the feed's title until named
        await import_sources(store, parse_opml(FEEDLY), interval=600)
        [old, _] = await store.sources.all()
        assert (old.name, old.title, old.label) == ("Front news", "Feed", "Front news")


UKRAINIAN = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <body>
    <outline text="Війна"><outline type="rss" text="a" xmlUrl="https://a.example.org/rss"/>
    </outline>
    <outline text="війна"><outline type="rss" text="b" xmlUrl="https://b.example.org/rss"/>
    </outline>
    <outline text="Політика"><outline type="rss" text="c" xmlUrl="https://c.example.org/rss"/>
    </outline>
    <outline type="rss" text="d" xmlUrl="https://d.example.org/rss" category="Війна"/>
    <outline type="rss" text="e" xmlUrl="https://e.example.org/rss" category="Спорт,Культура"/>
    <outline text="#Economy"><outline type="rss" text="f" xmlUrl="https://f.example.org/rss"/>
    </outline>
    <outline text="Новини"><outline type="rss" text="g" xmlUrl="https://g.example.org/rss"/>
    </outline>
  </body>
</opml>
""".encode()


async def test_import_maps_ukrainian_topic_names(store: Store) -> None:
    """Folders and categories name a topic by its slug or either title, in any case, as a
    story's tags do: "Війна" and "війна" are war, "Спорт,Культура" two topics."""
    await import_sources(store, parse_opml(UKRAINIAN), interval=600)
    topics = {s.url.split("//")[1].split(".")[0]: s.topics for s in await store.sources.all()}
    assert topics == {
        "a": ["war"],
        "b": ["war"],
        "c": ["politics"],
        "d": ["war"],
        "e": ["sport", "culture"],
        "f": ["economy"],
        "g": [],  # names no topic
    }

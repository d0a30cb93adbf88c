"""OPML from strangers: no DTD in any encoding or place, no entities, no deep-nesting crash.

Before defusedxml, the DOCTYPE guard read only the first 4 KB as ASCII bytes: a UTF-16 file
or a DOCTYPE after a long comment was parsed and its entities expanded; 3,000 nested outlines
raised RecursionError."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from fakebot.server import FakeBotServer
from harness import RunningBot, make_settings

from bot.cli import main
from bot.ingest.opml import MAX_FOLDER_HINTS, OpmlError, parse_opml

DTD_ERROR = "DOCTYPE and entity declarations are not allowed in OPML"
ADMIN = 7001

ENTITY_OPML = """<?xml version="1.0" encoding="{encoding}"?>
<!DOCTYPE opml [<!ENTITY host "evil.example.org">]>
<opml version="2.0"><body>
  <outline text="x" xmlUrl="https://&host;/rss"/>
</body></opml>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<opml version="2.0"><body><outline text="&lol3;" xmlUrl="https://a.example.org/rss"/></body></opml>
"""

EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
<opml version="2.0"><body><outline text="&secret;" xmlUrl="https://a.example.org/rss"/></body></opml>
"""


def utf16_with_doctype() -> bytes:
    return ENTITY_OPML.format(encoding="UTF-16").encode("utf-16")


def doctype_after_long_comment() -> bytes:
    comment = "<!-- " + "padding " * 1000 + "-->\n"  # 8 KB: past the old 4 KB sniff
    text = ENTITY_OPML.format(encoding="UTF-8")
    declaration, rest = text.split("\n", 1)
    return f"{declaration}\n{comment}{rest}".encode()


def deep(levels: int) -> bytes:
    opened = "".join(f'<outline text="L{i}">' for i in range(levels))
    feed = '<outline type="rss" text="Deep" xmlUrl="https://deep.example.org/rss"/>'
    return f'<opml version="2.0"><body>{opened}{feed}{"</outline>" * levels}</body></opml>'.encode()


def one_line_error(data: bytes) -> str:
    with pytest.raises(OpmlError) as info:
        parse_opml(data)
    text = str(info.value)
    assert "\n" not in text and len(text) < 300
    return text


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(utf16_with_doctype(), id="utf16-doctype"),
        pytest.param(ENTITY_OPML.format(encoding="UTF-16LE").encode("utf-16-le"), id="utf16le"),
        pytest.param(doctype_after_long_comment(), id="doctype-after-long-comment"),
        pytest.param(
            b"<!-- " + b"x" * 5000 + b' -->\n<!DOCTYPE opml SYSTEM "http://x.example.org/o.dtd">'
            b"<opml><body/></opml>",
            id="external-dtd-after-long-comment",
        ),
        pytest.param(EXTERNAL, id="external-entity"),
        pytest.param(BILLION_LAUGHS, id="billion-laughs"),
        pytest.param(b'<!DOCTYPE opml SYSTEM "http://x.example.org/opml.dtd"><opml/>', id="dtd"),
    ],
)
def test_any_dtd_is_refused_in_one_line(data: bytes) -> None:
    assert one_line_error(data) == DTD_ERROR


def test_an_undeclared_entity_or_an_unknown_encoding_is_not_valid_xml() -> None:
    assert one_line_error(b"<opml><body>&nope;</body></opml>").startswith("not valid XML")
    text = one_line_error(b'<?xml version="1.0" encoding="bogus-8"?><opml/>')
    assert text.startswith("not valid XML") and "bogus-8" in text


def test_a_plain_utf16_document_is_read() -> None:
    text = '<?xml version="1.0" encoding="UTF-16"?><opml><body>'
    text += '<outline text="Новини" xmlUrl="https://a.example.org/rss"/></body></opml>'
    doc = parse_opml(text.encode("utf-16"))
    assert [(f.url, f.title) for f in doc.feeds] == [("https://a.example.org/rss", "Новини")]


def test_deep_nesting_is_read_without_recursion() -> None:
    doc = parse_opml(deep(3000))
    [feed] = doc.feeds
    assert feed.url == "https://deep.example.org/rss"
    assert feed.categories == tuple(f"L{i}" for i in range(3000 - MAX_FOLDER_HINTS, 3000))


def test_folders_close_when_their_outline_ends() -> None:
    data = b"""<opml version="2.0"><body>
      <outline text="War"><outline text="Front"><outline text="A" xmlUrl="https://a.org/r"/>
      </outline><outline text="B" xmlUrl="https://b.org/r"/></outline>
      <outline text="C" xmlUrl="https://c.org/r"><outline text="D" xmlUrl="https://d.org/r"/>
      </outline></body></opml>"""
    assert [(f.url, f.categories) for f in parse_opml(data).feeds] == [
        ("https://a.org/r", ("War", "Front")),
        ("https://b.org/r", ("War",)),
        ("https://c.org/r", ()),
        ("https://d.org/r", ()),
    ]


def test_cli_source_import_gives_the_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    assert main(["migrate"]) == 0
    capsys.readouterr()
    evil = tmp_path / "evil.opml"
    evil.write_bytes(utf16_with_doctype())
    code = main(["source", "import", str(evil)])
    out, err = capsys.readouterr()
    assert code != 0 and out == ""
    assert err.strip().splitlines() == [f"newsbot: {evil}: {DTD_ERROR}"]
    ok = tmp_path / "deep.opml"
    ok.write_bytes(deep(3000))
    assert main(["source", "import", str(ok)]) == 0
    assert "https://deep.example.org/rss" in capsys.readouterr().out


@pytest.fixture
async def admin_bot(fake_bot: FakeBotServer, db_path: str) -> AsyncIterator[RunningBot]:
    settings = make_settings(fake_bot.base_url, fake_bot.token, db_path, admin_ids=str(ADMIN))
    running = RunningBot(settings)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


async def test_admin_import_gives_the_one_line_error(
    admin_bot: RunningBot, fake_bot: FakeBotServer
) -> None:
    for data in (utf16_with_doctype(), BILLION_LAUGHS):
        before = len(fake_bot.messages(ADMIN))
        fake_bot.inject_document(ADMIN, data, "feeds.opml", caption="/import")
        await fake_bot.wait_for_messages(before + 1, ADMIN)
        assert fake_bot.messages(ADMIN)[before].text == (
            f"That file is not usable OPML: {DTD_ERROR}"
        )
    assert await admin_bot.runtime.store.sources.all() == []

"""The admin side of the command line: OPML import/export, channel options, status; and the
error handler's report to admins (at most one a minute)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from harness import run_cli

from bot.config import Settings
from bot.delivery.transport import PrintTransport
from bot.render import Renderer
from bot.runtime import Runtime
from bot.telegram.context import RUNTIME_KEY
from bot.telegram.errors import make_error_handler

pytestmark = pytest.mark.usefixtures("cli_env")  # its own store, no .env

OPML = """<?xml version="1.0"?>
<opml version="2.0"><body>
  <outline text="War"><outline text="A" xmlUrl="https://a.example.org/rss"/></outline>
  <outline text="B" xmlUrl="https://b.example.org/atom"/>
</body></opml>"""


def test_source_import_and_export(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run_cli(capsys, "migrate")
    feeds = tmp_path / "feeds.opml"
    feeds.write_text(OPML)
    code, out, _ = run_cli(capsys, "source", "import", str(feeds), "--interval", "600")
    assert code == 0 and out.strip().endswith("2 added, 0 already there, 0 skipped")
    code, out, _ = run_cli(capsys, "source", "import", str(feeds))
    assert code == 0 and "0 added, 2 already there" in out
    code, out, _ = run_cli(capsys, "source", "list")
    assert "https://a.example.org/rss\ttopics=war\tevery 600s" in out

    code, out, _ = run_cli(capsys, "source", "export")
    assert code == 0 and out.startswith("<?xml") and 'xmlUrl="https://b.example.org/atom"' in out
    code, out, _ = run_cli(capsys, "source", "export", str(tmp_path / "out.opml"))
    assert code == 0 and out.strip() == f"wrote 2 sources to {tmp_path / 'out.opml'}"
    assert "https://a.example.org/rss" in (tmp_path / "out.opml").read_text()

    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body>")
    code, _, err = run_cli(capsys, "source", "import", str(bad))
    assert code == 2 and err.startswith(f"newsbot: {bad}: not valid XML")
    assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "source", "import", str(tmp_path / "nope.opml"))
    assert code == 2 and "cannot read" in err


def test_channel_add_refuses_a_private_chat_id(capsys: pytest.CaptureFixture[str]) -> None:
    """`channel add 1001234567890` (the minus sign forgotten) was added, and every post to it
    failed; the bot's /addchannel refuses a private chat, and so does the CLI now."""
    run_cli(capsys, "migrate")
    for target in ("777", "1001234567890", "1001234567890:5"):
        code, out, err = run_cli(capsys, "channel", "add", target)
        chat = target.split(":")[0]
        assert (code, out) == (2, ""), target
        assert err.startswith(f"newsbot: {chat} is a private chat, not a channel or group"), err
    assert run_cli(capsys, "channel", "list")[1].startswith("no channels")


def test_channel_add_with_options(capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "migrate")
    code, out, _ = run_cli(
        capsys, "channel", "add", "-1001234567890:42", "--topics", "war", "--no-preview", "--silent"
    )
    assert code == 0
    assert out.strip() == (
        "added channel -1001234567890:42 topics=war preview=off silent=on language=uk"
        " story-languages=all include=- exclude=- template=-"
    )
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out.strip() == (
        "-1001234567890:42\ttopics=war\tpreview=off\tsilent=on\tlanguage=uk"
        "\tstory-languages=all\tinclude=-\texclude=-\ttemplate=-"
    )
    # adding it again changes what is given and keeps the rest
    code, out, _ = run_cli(capsys, "channel", "add", "-1001234567890:42", "--language", "en")
    assert code == 0
    assert out.strip() == (
        "updated channel -1001234567890:42 topics=war preview=off silent=on language=en"
        " story-languages=all include=- exclude=- template=-"
    )
    code, out, _ = run_cli(capsys, "channel", "add", "-1001234567890:42", "--topics", "sport")
    assert out.startswith("updated channel -1001234567890:42 topics=sport preview=off silent=on")


def test_channel_refuses_a_keyword_both_included_and_excluded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run_cli(capsys, "migrate")
    reason = "would be both in include and in exclude: put each keyword in one of them only."
    code, _, err = run_cli(
        capsys, "channel", "add", "-1001", "--include", "missiles,drone", "--exclude", "missile"
    )
    assert code == 2 and err == f"newsbot: missile {reason}\n"
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out == "no channels (newsbot channel add CHAT_ID)\n"  # nothing was added

    run_cli(capsys, "channel", "add", "-1001", "--include", "missile,drone")
    code, _, err = run_cli(capsys, "channel", "set", "-1001", "exclude=drones,football")
    assert code == 2 and err == f"newsbot: drone {reason}\n"
    code, _, err = run_cli(capsys, "channel", "add", "-1001", "--exclude", "Missile")
    assert code == 2 and err == f"newsbot: missile {reason}\n"
    code, out, _ = run_cli(capsys, "channel", "list")
    assert "\tinclude=missile,drone\texclude=-\t" in out  # unchanged
    # moving a word from one list to the other in one go is fine
    code, out, _ = run_cli(capsys, "channel", "set", "-1001", "include=missile", "exclude=drone")
    assert code == 0 and "include=missile exclude=drone" in out


class _Bot:
    def __init__(self) -> None:
        self.sent: list[tuple[int, str]] = []

    async def send_message(self, chat_id: int, text: str, **_: Any) -> None:
        self.sent.append((chat_id, text))


async def test_errors_are_reported_to_admins_at_most_once_a_minute(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{tmp_path / 'err.db'}",
        admin_ids="1,2",
    )
    runtime = await Runtime.create(
        settings, PrintTransport(Renderer(settings.templates_dir)), dry_run=True
    )
    try:
        bot = _Bot()
        context = SimpleNamespace(
            error=ValueError("boom <x>"),
            application=SimpleNamespace(bot_data={RUNTIME_KEY: runtime}),
            bot=bot,
        )
        handler = make_error_handler(interval=0.3)
        await handler(None, context)  # type: ignore[arg-type]
        await handler(None, context)  # type: ignore[arg-type]
        assert bot.sent == [
            (1, "⚠️ Error while handling a background job: ValueError: boom &lt;x&gt;"),
            (2, "⚠️ Error while handling a background job: ValueError: boom &lt;x&gt;"),
        ]
        await asyncio.sleep(0.35)
        await handler(None, context)  # type: ignore[arg-type]
        assert len(bot.sent) == 4
    finally:
        await runtime.stop()


@pytest.mark.parametrize("target", ["-99999999999999999999", "-100123:99999999999999999999"])
def test_channel_add_refuses_an_id_out_of_sqlite_range(
    capsys: pytest.CaptureFixture[str], target: str
) -> None:
    run_cli(capsys, "migrate")
    with pytest.raises(SystemExit) as exited:  # argparse's usage error
        run_cli(capsys, "channel", "add", target)
    assert exited.value.code == 2
    assert "is not CHAT_ID or CHAT_ID:THREAD_ID" in capsys.readouterr().err


def test_channel_editions_from_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text('<b>{{ title }}</b> <a href="{{ url }}">→</a>')
    (templates / "broken.html.j2").write_text("<b>{{ title }}")
    monkeypatch.setenv("TEMPLATES_DIR", str(templates))
    run_cli(capsys, "migrate")
    code, out, err = run_cli(
        capsys,
        "channel",
        "add",
        "-1001:7",
        "--language",
        "en",
        "--story-languages",
        "en,EN-gb",
        "--include",
        "air strikes,ракетами",
        "--exclude",
        "Cup",
        "--template",
        "brief.html.j2",
    )
    assert (code, err) == (0, "")
    assert out.strip() == (
        "added channel -1001:7 topics=all preview=on silent=off language=en"
        " story-languages=en include=air strike,ракета exclude=cup template=brief.html.j2"
    )
    code, out, _ = run_cli(capsys, "channel", "set", "-1001:7", "template=", "language=uk")
    assert code == 0 and "language=uk" in out and out.strip().endswith("template=-")
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out.strip() == (
        "-1001:7\ttopics=all\tpreview=on\tsilent=off\tlanguage=uk\tstory-languages=en"
        "\tinclude=air strike,ракета\texclude=cup\ttemplate=-"
    )

    refused = {
        ("add", "-1002", "--language", "pl"): "language takes uk|en",
        ("add", "-1002", "--story-languages", "english"): "english is not a language code",
        ("add", "-1002", "--template", "nope.html.j2"): "no such file in TEMPLATES_DIR",
        ("add", "-1002", "--template", "broken.html.j2"): "template broken.html.j2: Can't parse",
        ("set", "-1001:7", "colour=red"): "unknown key 'colour'",
        ("set", "-1001:7", "language"): "'language' is not KEY=VALUE",
        ("set", "-1001:7", "silent=maybe"): "silent takes on or off, not maybe",
        ("set", "-1001:7", "include=!!!"): "!!! has no word to match in include",
        ("set", "-1001:7", "topics=nope"): "unknown topic nope",
        ("set", "-1003", "silent=on"): "no channel -1003",
    }
    for argv, reason in refused.items():
        try:
            code, _, err = run_cli(capsys, "channel", *argv)
        except SystemExit as exit_:  # argparse's own refusals
            code, err = int(str(exit_.code)), capsys.readouterr().err
        assert code == 2 and reason in err, (argv, err)
        assert len(err.strip().splitlines()) <= 2  # argparse: usage and the reason
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out.count("\n") == 1 and "language=uk" in out  # nothing changed, nothing added

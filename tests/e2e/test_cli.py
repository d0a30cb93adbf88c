"""The `newsbot` command line, run in-process against a temporary store."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from fakebot.fixtures import TEST_TOKEN
from fakebot.server import FakeBotServer
from harness import bot_process, free_port, run_cli

from bot.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures" / "feeds"

pytestmark = pytest.mark.usefixtures("cli_env")  # its own store, no .env


def test_migrate_then_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "migrate")
    assert code == 0 and "applied 0001_core." in out  # .sql, or .postgresql.sql there
    code, out, _ = run_cli(capsys, "migrate")
    assert code == 0 and "up to date" in out


def test_ingest_reports_counts_and_a_bad_source_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<html><body>not a feed</body></html>")
    good = FIXTURES / "rss20_cdata.xml"
    code, out, _ = run_cli(capsys, "ingest", str(broken), str(good), str(tmp_path / "missing.xml"))
    lines = [line for line in out.strip().splitlines() if not line.startswith("  ")]
    assert "  item 3 ('No link at all'): no link" in out.splitlines()  # the feed's bad item
    assert code == 1
    assert lines[0].startswith(f"{broken}: error: not a feed")
    assert lines[1].startswith(f"{good}: ") and " new, 0 updated, 0 skipped" in lines[1]
    assert int(lines[1].split(": ")[1].split()[0]) > 0
    assert (
        lines[2] == f"{tmp_path / 'missing.xml'}: error: no such file: {tmp_path / 'missing.xml'}"
    )
    code, out, _ = run_cli(capsys, "ingest", str(good))
    assert code == 0 and ": 0 new, 0 updated," in out


def test_ingest_says_a_folder_or_an_empty_path_is_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "adir"
    folder.mkdir()
    code, out, _ = run_cli(capsys, "ingest", str(folder), "", "/dev/null")
    assert code == 1
    assert out.splitlines() == [
        f"{folder}: error: {folder} is a folder, not a file",
        '"": error: an empty path: give a file or an http(s) URL',
        "/dev/null: error: /dev/null is not a regular file",
    ]


def test_jsonl_ingest_and_preview(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        '{"url": "https://news.example.org/a", "title": "Kyiv metro opens", '
        '"lead": "Five stations & a depot.", "topics": ["society"]}\n'
        "not json\n"
        '{"url": "https://news.example.org/b", "title": "Second"}\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "ingest", str(stories))
    assert code == 0 and "2 new, 0 updated, 0 skipped, 1 bad items" in out
    code, out, _ = run_cli(capsys, "preview", "--limit", "1")
    assert code == 0
    assert "Kyiv metro opens" in out or "Second" in out
    code, out, _ = run_cli(capsys, "preview", "--limit", "5")
    assert "Five stations & a depot." in out and "#society" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["preview", "--limit", "0"])
    assert exit_info.value.code == 2
    assert "'0' is not a whole number from 1 to 1000" in capsys.readouterr().err


def test_jsonl_title_is_plain_text_and_a_lead_loses_nothing_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A JSON Lines title is plain text, as the `title` column is: "<script>" in it is a word
    (the title was cut to "Guide: the"); the lead's HTML goes, what only looks like markup
    stays (preview prints the text Telegram shows)."""
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        '{"url":"https://html.example/2","title":"Guide: the <script> tag and <style> element'
        ' explained","lead":"Prices <5% & >2%; use <b>bold</b> here","topics":["tech"]}\n'
        '{"url":"https://html.example/3","title":"Inequalities","lead":"a<b & c>d"}\n',
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "ingest", str(stories))
    assert code == 0 and "2 new, 0 updated, 0 skipped" in out
    code, out, _ = run_cli(capsys, "preview", "--limit", "2")
    assert code == 0
    assert "\nGuide: the <script> tag and <style> element explained\n" in out
    assert "\nPrices <5% & >2%; use bold here\n" in out
    assert "\na<b & c>d\n" in out


def test_ingest_names_each_bad_line_and_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stories = tmp_path / "stories.jsonl"
    lines = [
        '{"url": "https://news.example.org/a", "title": "Fine"}',
        '{"url": "javascript:alert(1)", "title": "Script"}',
        "not json",
        '{"url": "https://news.example.org/c"}',
    ]
    stories.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "ingest", str(stories))
    assert code == 0
    assert out.splitlines()[-4:] == [
        f"{stories}: 1 new, 0 updated, 0 skipped, 3 bad items",
        "  line 2: not an http(s) URL: 'javascript:alert(1)'",
        "  line 3: invalid JSON: Expecting value at column 1",
        "  line 4: missing title",
    ]
    many = tmp_path / "many.jsonl"
    many.write_text("not json\n" * 25, encoding="utf-8")
    code, out, _ = run_cli(capsys, "ingest", str(many))
    assert out.splitlines()[-1] == "  ... and 5 more" and out.count("  line ") == 20


def test_a_feed_in_another_encoding_than_it_declares_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A windows-1251 feed declaring encoding="utf-8" was ingested as "1 new" and posted as
    "Çåëåíñüêèé çóñòð³âñÿ"; now it is one line of error and nothing goes in."""
    enc3 = tmp_path / "enc3.xml"
    feed = (FIXTURES / "rss_cp1251.xml").read_bytes()
    feed = feed.replace(b'encoding="windows-1251"', b'encoding="utf-8"')
    enc3.write_bytes(feed)
    code, out, _ = run_cli(capsys, "ingest", str(enc3))
    assert code == 1
    assert out.splitlines() == [
        f"{enc3}: error: not valid UTF-8 at byte {feed.index(b'<title>') + 7}, though it says"
        " it is (utf-8): the feed is in another encoding; ask its publisher to declare the"
        " right one"
    ]


def test_a_line_not_in_utf8_is_refused_alone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """One cp1251 line rejected the whole file ("cp.jsonl: error: not valid UTF-8 at byte
    39") and the valid lines around it were not imported; README promises per-line errors."""
    cp = tmp_path / "cp.jsonl"
    first = '{"url": "https://cp.example/1", "title": "Перша"}\n'.encode()
    bad = '{"url": "https://cp.example/2", "title": "Друга"}\r\n'.encode("cp1251")
    last = '{"url": "https://cp.example/3", "title": "Третя"}\n'.encode()
    cp.write_bytes(b"\xef\xbb\xbf" + first + bad + last)
    code, out, _ = run_cli(capsys, "ingest", str(cp))
    at = 3 + len(first) + bad.index(b"\xc4")  # "Д", the first byte that is not UTF-8
    assert code == 0
    assert out.splitlines()[-2:] == [
        f"{cp}: 2 new, 0 updated, 0 skipped, 1 bad items",
        f"  line 2: not valid UTF-8 at byte {at} of the file",
    ]
    code, out, _ = run_cli(capsys, "preview", "--limit", "5")
    assert "Перша" in out and "Третя" in out


def test_ingest_takes_a_word_too_long_for_the_index_and_the_files_after_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """On PostgreSQL a headline of 5000 letters, or a lead of 1,100 Cyrillic letters without a
    space, stopped `ingest` with a traceback (ProgramLimitExceededError: word is too long) and
    the files after it were not read. The index leaves that word out."""
    stories = tmp_path / "s.jsonl"
    stories.write_text(
        '{"url": "https://long.example/1", "title": "' + "T" * 5000 + ' marathon"}\n'
        '{"url": "https://long.example/2", "title": "Odesa", "lead": "' + "я" * 1100 + '"}\n',
        encoding="utf-8",
    )
    after = tmp_path / "after.jsonl"
    after.write_text('{"url": "https://long.example/3", "title": "After"}\n', encoding="utf-8")
    code, out, err = run_cli(capsys, "ingest", str(stories), str(after))
    assert code == 0, err
    assert f"{stories}: 2 new, 0 updated, 0 skipped" in out
    assert f"{after}: 1 new, 0 updated, 0 skipped" in out


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["source", "add", "https://x.example/f", "--interval", "9" * 20], "from 10 to 2592000"),
        (["source", "add", "https://x.example/f", "--interval", "5"], "from 10 to 2592000"),
        (["source", "remove", "9" * 23], "is not an id"),
        (["source", "remove", "²"], "is not an id"),
        (["preview", "--limit", "9" * 20], "from 1 to 1000"),
        (["source", "import", "x.opml", "--interval", "-1"], "from 10 to 2592000"),
    ],
)
def test_numbers_out_of_range_are_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], argv: list[str], reason: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    out, err = capsys.readouterr()
    assert exit_info.value.code == 2 and reason in err and "Traceback" not in out + err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1


def test_preview_as_a_channels_edition(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """`preview --channel` renders as that edition posts: its language of the fixed words,
    and only the stories it takes."""
    stories = tmp_path / "stories.jsonl"
    stories.write_text(
        '{"url": "https://news.example.org/uk", "title": "Новини з Києва", "lead": "Лід.",'
        ' "language": "uk", "topics": ["war"], "published_at": "2026-01-01T10:00:00Z"}\n'
        '{"url": "https://news.example.org/en", "title": "News from Kyiv", "lead": "Lead.",'
        ' "language": "en", "topics": ["war"], "published_at": "2026-01-01T11:00:00Z"}\n',
        encoding="utf-8",
    )
    assert run_cli(capsys, "ingest", str(stories))[0] == 0
    code, _, _ = run_cli(
        capsys, "channel", "add", "-1002", "--language", "en", "--story-languages", "en"
    )
    assert code == 0
    code, out, _ = run_cli(capsys, "preview", "--channel", "-1002")
    assert code == 0
    english, ukrainian = out.split("── story ")[1:]
    assert "News from Kyiv" in english and "Read more" in english
    assert "does not take it" in ukrainian and "Новини з Києва" not in ukrainian
    code, out, _ = run_cli(capsys, "preview")  # CHANNEL_LANGUAGE (uk) for every story
    assert "Новини з Києва" in out and "Читати далі" in out
    code, _, err = run_cli(capsys, "preview", "--channel", "-1009:3")
    assert code == 2 and "no channel -1009:3" in err


def test_sources_and_channels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(
        capsys, "source", "add", "https://example.org/rss", "--topics", "war,world"
    )
    assert code == 0 and out.startswith("added source 1:")
    code, _, err = run_cli(capsys, "source", "add", "https://example.org/rss")
    assert code == 2 and "already a source" in err
    code, _, err = run_cli(capsys, "source", "add", "https://example.org/2", "--topics", "nope")
    assert code == 2 and "unknown topic nope; valid: politics, war" in err
    code, out, _ = run_cli(capsys, "source", "list")
    assert "https://example.org/rss\ttopics=war,world\tevery 300s" in out
    assert "never fetched" in out
    code, out, _ = run_cli(capsys, "channel", "add", "-1001:42", "--topics", "sport")
    assert code == 0 and "added channel -1001:42 topics=sport" in out
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out.startswith("-1001:42\ttopics=sport")
    code, out, _ = run_cli(capsys, "channel", "remove", "-1001")
    assert code == 0 and "removed 1 target(s)" in out
    code, _, err = run_cli(capsys, "channel", "remove", "-1001")
    assert code == 2 and "no channel -1001" in err
    code, out, _ = run_cli(capsys, "source", "remove", "1")
    assert code == 0
    code, _, err = run_cli(capsys, "source", "remove", "1")
    assert code == 2 and "no source with id 1" in err


def test_channel_commands_name_a_forum_topic_as_given(capsys: pytest.CaptureFixture[str]) -> None:
    """`channel remove -1001234567890:42` answered "removed 1 target(s) of -1001234567890":
    every reply names the target as typed, CHAT_ID:THREAD_ID."""
    code, out, _ = run_cli(capsys, "channel", "add", "-1001234567890:42")
    assert code == 0 and out.startswith("added channel -1001234567890:42 topics=all")
    code, out, _ = run_cli(capsys, "channel", "add", "-1001234567890:42", "--topics", "war")
    assert code == 0 and out.startswith("updated channel -1001234567890:42 topics=war")
    code, out, _ = run_cli(capsys, "channel", "add", "-1001234567890")
    assert code == 0
    code, out, _ = run_cli(capsys, "channel", "remove", "-1001234567890:42")
    assert (code, out) == (0, "removed 1 target(s) of -1001234567890:42\n")
    code, _, err = run_cli(capsys, "channel", "remove", "-1001234567890:42")
    assert code == 2 and err.strip() == "newsbot: no channel -1001234567890:42"
    code, out, _ = run_cli(capsys, "channel", "list")
    assert out.startswith("-1001234567890\ttopics=all")  # the chat itself stays
    code, out, _ = run_cli(capsys, "channel", "remove", "-1001234567890")
    assert (code, out) == (0, "removed 1 target(s) of -1001234567890\n")


def test_bad_arguments_exit_non_zero_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["channel", "add", "abc"])
    assert exit_info.value.code == 2
    assert "'abc' is not CHAT_ID or CHAT_ID:THREAD_ID" in capsys.readouterr().err
    code, _, err = run_cli(capsys, "run")
    assert code == 2 and "BOT_TOKEN is not set" in err


def test_bad_setting_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POLL_INTERVAL", "soon")
    code, _, err = run_cli(capsys, "status")
    assert code == 2 and err.startswith("newsbot: bad setting POLL_INTERVAL:")
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("STALE_AFTER_MINUTES", "inf"),
        ("SENDER_STALL_MINUTES", "1e308"),
        ("STALE_AFTER_MINUTES", "99999999999999999999"),
        ("MAX_ARTICLE_AGE_HOURS", "inf"),
        ("POLL_INTERVAL", "inf"),
        ("OUTBOX_RETENTION_DAYS", "nan"),
        ("TEMPLATES_DIR", "/etc/hostname"),
        ("TELEGRAM_API_URL", ""),
    ],
)
@pytest.mark.parametrize("command", ["status", "migrate"])
def test_a_setting_out_of_bounds_is_one_line_for_every_command(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    key: str,
    value: str,
) -> None:
    """Non-finite and huge numbers, a TEMPLATES_DIR that is no folder, an API URL that is not
    one: refused as every bad setting is (`status` crashed on an OverflowError)."""
    monkeypatch.setenv(key, value)
    code, out, err = run_cli(capsys, command)
    assert code == 2 and err.startswith(f"newsbot: bad setting {key}: ")
    assert len(err.splitlines()) == 1 and out == ""


def test_status_is_non_zero_for_a_failing_source(capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio
    from datetime import timedelta

    from bot.models import utcnow
    from bot.store.store import Store

    async def break_source() -> None:
        async with Store(os.environ["DATABASE_URL"].removeprefix("sqlite:///")) as store:
            source_id = await store.sources.add("https://example.org/feed")
            assert source_id is not None
            now = utcnow()
            await store.sources.record_failure(
                source_id, now=now - timedelta(hours=2), next_at=now, error="HTTP 503"
            )

    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):  # no file yet: said so, and none made
        path = Path(url.removeprefix("sqlite:///"))
        code, _, err = run_cli(capsys, "status")
        assert (code, err) == (2, f"newsbot: cannot open the store {path}: {NO_STORE}\n")
        assert not path.exists()
        path.touch()  # an empty file is an empty SQLite store
    code, out, _ = run_cli(capsys, "status")
    assert code == 1 and "PROBLEM: store at schema 0" in out and "newsbot migrate" in out
    run_cli(capsys, "migrate")
    code, out, _ = run_cli(capsys, "status")
    assert code == 0 and "status: ok" in out
    asyncio.run(break_source())
    code, out, _ = run_cli(capsys, "status")
    assert code == 1 and "PROBLEM: source 1 https://example.org/feed" in out and "HTTP 503" in out


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (
        ["--help"],
        ["run", "--help"],
        ["source", "add", "--help"],
        ["channel", "add", "--help"],
        ["ingest", "--help"],
        ["status", "--help"],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 0
        assert "usage: newsbot" in capsys.readouterr().out


def dry_run(cwd: Path, done: Callable[[str], bool], *argv: str, **env: str) -> str:
    """`newsbot run --dry-run ARGV` until what it printed is `done` (at most 30 s), then
    SIGINT: what it printed; it must have ended well."""
    environ = {**os.environ, "POLL_INTERVAL": "0.2", **env}
    environ.pop("BOT_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--dry-run", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environ,
        cwd=cwd,
    )
    seen = ""
    try:
        deadline = time.monotonic() + 30
        assert proc.stdout is not None
        while time.monotonic() < deadline and not done(seen):
            line = proc.stdout.readline()
            if not line:
                break
            seen += line
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=15)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    return seen + out


def test_dry_run_demo_prints_posts_and_stops_on_sigint(cli_env: Path) -> None:
    """`newsbot run --dry-run --demo` as `make run` starts it without a token."""
    seen = dry_run(
        cli_env,
        lambda text: text.count("── to 0 (dry run) ──") >= 8,
        "--demo",
        DATABASE_URL=f"sqlite:///{cli_env / 'demo.db'}",
    )
    assert seen.count("── to 0 (dry run) ──") == 8
    assert "Central bank keeps its key rate at 15.5%" in seen
    assert "[photo: https://news.example.org/img/bank.jpg]" in seen


def test_webhook_without_secret_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    code, _, err = run_cli(capsys, "status")
    assert code == 2
    assert (
        err
        == "newsbot: bad setting: Value error, WEBHOOK_SECRET is required when WEBHOOK_URL is set\n"
    )


STORE_COMMANDS = [
    ["status"],
    ["migrate"],
    ["ingest", str(FIXTURES / "rss20_cdata.xml")],
    ["preview"],
    ["source", "list"],
    ["source", "add", "https://example.org/rss"],
    ["channel", "list"],
    ["channel", "add", "-1001"],
    ["run", "--dry-run"],
]


@pytest.mark.parametrize(
    ("url", "shown", "reason"),
    [
        (
            "postgresql://newsbot:pw-s3cret@nosuchhost.invalid:5432/news",
            "postgresql://newsbot:***@nosuchhost.invalid:5432/news",
            "the host cannot be found",
        ),
        (
            "postgresql://newsbot:pw-s3cret@127.0.0.1:1/news",
            "postgresql://newsbot:***@127.0.0.1:1/news",
            "connection refused",
        ),
        (
            "postgresql://newsbot@127.0.0.1:notaport/news",
            "postgresql://newsbot@127.0.0.1:notaport/news",
            "its port is not a number",
        ),
    ],
)
def test_a_postgresql_store_that_cannot_be_opened_is_one_line_for_every_command(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    url: str,
    shown: str,
    reason: str,
) -> None:
    """A host that does not resolve, a refused port, a port that is no number: one line
    naming the store without its password, exit 2 (a 40-70 line traceback before)."""
    monkeypatch.setenv("DATABASE_URL", url)
    for argv in STORE_COMMANDS:
        code, out, err = run_cli(capsys, *argv)
        assert code == 2, argv
        assert err.startswith(f"newsbot: cannot open the store {shown}: {reason}"), (argv, err)
        assert len(err.splitlines()) == 1 and "s3cret" not in out + err, (argv, err)


@pytest.mark.postgresql_only
def test_a_missing_database_or_role_is_one_line_for_every_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cli_env: Path
) -> None:
    """On TEST_DATABASE_URL's server: a database that does not exist, a role that does not
    exist, as PostgreSQL says them."""
    server = urlsplit(os.environ["DATABASE_URL"])
    host = server.netloc.rsplit("@", 1)[-1]
    for netloc, path, reason in (
        (f"{server.username}@{host}", "/newsbot_no_such_db", 'database "newsbot_no_such_db"'),
        (f"newsbot_no_such_role:pw-s3cret@{host}", server.path, 'role "newsbot_no_such_role"'),
    ):
        monkeypatch.setenv("DATABASE_URL", urlunsplit(("postgresql", netloc, path, "", "")))
        for argv in STORE_COMMANDS:
            code, out, err = run_cli(capsys, *argv)
            assert code == 2 and err.startswith("newsbot: cannot open the store "), (argv, err)
            assert f"{reason} does not exist" in err and "s3cret" not in out + err, (argv, err)
            assert len(err.splitlines()) == 1, (argv, err)


def test_run_with_a_store_that_cannot_be_opened_is_one_line(cli_env: Path) -> None:
    """`newsbot run` opens the store once Telegram answered: the same one line, exit 2."""

    async def run() -> tuple[int | None, str]:
        api = free_port()
        fake = FakeBotServer(token=TEST_TOKEN, port=api)
        await fake.start()
        env = {
            **os.environ,
            "BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_API_URL": f"http://127.0.0.1:{api}",
            "DATABASE_URL": "postgresql://newsbot:pw-s3cret@127.0.0.1:1/news",
        }
        try:
            proc = await bot_process(env, log=True)
            _, err = await asyncio.wait_for(proc.communicate(), 60)
        finally:
            await fake.stop()
        return proc.returncode, err.decode()

    code, log = asyncio.run(run())
    assert code == 2, log
    assert log.splitlines()[-1] == (
        "newsbot: cannot open the store postgresql://newsbot:***@127.0.0.1:1/news:"
        " connection refused (is PostgreSQL running and listening there?)"
    )
    assert "Traceback" not in log and " ERROR " not in log and "s3cret" not in log, log


def newsbot(cwd: Path, *argv: str, **env: str) -> tuple[int, str, str]:
    """`newsbot ARGV` as a process of its own (a thread left open would keep it alive): exit
    code, stdout, stderr; a process still running after 30 s fails the test."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            env={**os.environ, **env},
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"newsbot {' '.join(argv)} hung: {exc.stderr!r}")
    return done.returncode, done.stdout, done.stderr


NOT_A_DATABASE = "newsbot: cannot open the store notadb.db: file is not a database"


@pytest.mark.sqlite_only("a SQLite store's file")
def test_a_file_that_is_not_a_sqlite_store_is_one_line_and_no_hang(cli_env: Path) -> None:
    """`cp some.jsonl notadb.db`: one line, exit 2, and the process ends (a traceback before,
    then a hang: the aiosqlite thread was never closed)."""
    (cli_env / "notadb.db").write_text('{"url": "https://example.org/a", "title": "A"}\n')
    env = {"DATABASE_URL": "sqlite:///notadb.db"}
    for argv in (["status"], ["migrate"], ["run", "--dry-run"], ["channel", "list"]):
        code, _, err = newsbot(cli_env, *argv, **env)
        assert (code, err) == (2, f"{NOT_A_DATABASE}\n"), argv
    api = free_port()

    async def run() -> tuple[int, str, str]:
        fake = FakeBotServer(token=TEST_TOKEN, port=api)
        await fake.start()
        try:
            token = {"BOT_TOKEN": TEST_TOKEN, "TELEGRAM_API_URL": f"http://127.0.0.1:{api}"}
            return await asyncio.to_thread(newsbot, cli_env, "run", **env, **token)
        finally:
            await fake.stop()

    code, _, err = asyncio.run(run())
    assert code == 2 and "Traceback" not in err, err
    assert (
        err.splitlines()[-1] == "newsbot: cannot open the store notadb.db: file is not a database"
    )


NO_STORE = "no store at that path (newsbot migrate creates it)"


@pytest.mark.sqlite_only("a SQLite store's path")
def test_a_mistyped_sqlite_path_creates_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, cli_env: Path
) -> None:
    """Commands that only read say there is no store there; the ones that may make a new
    store (migrate, ingest, run, source add, channel add) need its folder. Nothing is created
    (`status`, `channel list`, `source list`, `preview` made an empty store and its folders)."""
    for path in ("missing/dir/x.db", "x.db"):
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
        for argv in (
            ["status"],
            ["channel", "list"],
            ["source", "list"],
            ["source", "export"],
            ["source", "remove", "1"],
            ["channel", "remove", "-1001"],
            ["preview"],
        ):
            code, out, err = run_cli(capsys, *argv)
            assert (code, out) == (2, ""), argv
            assert err == f"newsbot: cannot open the store {path}: {NO_STORE}\n", argv
    monkeypatch.setenv("DATABASE_URL", "sqlite:///missing/dir/x.db")
    for argv in (
        ["migrate"],
        ["ingest", str(FIXTURES / "rss20_cdata.xml")],
        ["run", "--dry-run"],
        ["source", "add", "https://example.org/rss"],
        ["channel", "add", "-1001"],
    ):
        code, _, err = run_cli(capsys, *argv)
        assert code == 2, argv
        assert err == (
            "newsbot: cannot open the store missing/dir/x.db:"
            " the folder missing/dir does not exist\n"
        ), argv
    assert sorted(p.name for p in cli_env.iterdir()) == []
    monkeypatch.setenv("DATABASE_URL", "sqlite:///new/x.db")
    (cli_env / "new").mkdir()
    code, out, _ = run_cli(capsys, "migrate")  # a first run: the store is made
    assert code == 0 and "store new/x.db: applied 0001_core.sql" in out
    assert run_cli(capsys, "channel", "list")[:2] == (
        0,
        "no channels (newsbot channel add CHAT_ID)\n",
    )


def test_a_dry_run_on_the_store_leaves_its_queued_posts_for_the_real_run(
    capsys: pytest.CaptureFixture[str], cli_env: Path
) -> None:
    """`newsbot run --dry-run` with the real DATABASE_URL printed the posts and marked them
    sent in the store: the real run never sent them. It works on a copy now."""
    story = '{"url": "https://news.example.org/dry", "title": "Dry run story", "lead": "L."}\n'
    (cli_env / "story.jsonl").write_text(story)
    assert run_cli(capsys, "channel", "add", "-1001")[0] == 0
    assert run_cli(capsys, "ingest", "story.jsonl")[0] == 0
    runs = [dry_run(cli_env, lambda text: "Dry run story" in text) for _ in range(2)]
    for printed in runs:  # the second dry run finds the story as new as the first did
        assert "── to -1001 (dry run) ──\nDry run story" in printed

    async def outbox_rows() -> int:
        from bot.store.store import Store

        store = Store(os.environ["DATABASE_URL"])
        await store.open(migrate=False)
        try:
            row = await store.db.fetchone("SELECT count(*) FROM outbox")
            return int(row[0]) if row else -1
        finally:
            await store.close()

    assert asyncio.run(outbox_rows()) == 0  # nothing routed, nothing marked sent
    assert "dry run: on a copy of the store" in runs[0]


def test_preview_into_a_pipe_closed_early_ends_quietly(
    capsys: pytest.CaptureFixture[str], cli_env: Path
) -> None:
    """`newsbot preview | head -2` ended in a BrokenPipeError traceback, exit 1. Here the
    reader is gone before the first line: every write meets the closed pipe."""
    assert run_cli(capsys, "ingest", str(FIXTURES / "rss20_cdata.xml"))[0] == 0
    read, write = os.pipe()
    os.close(read)
    try:
        preview = subprocess.run(
            [sys.executable, "-m", "bot", "preview", "--limit", "50"],
            stdout=write,
            stderr=subprocess.PIPE,
            text=True,
            cwd=cli_env,
            timeout=30,
        )
    finally:
        os.close(write)
    assert preview.stderr == "" and preview.returncode == 0, preview.stderr

"""The `newsbot` command line: loads settings, sets up logging, runs one subcommand."""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from typing import Any

import asyncpg
from jinja2 import TemplateError
from pydantic import ValidationError

from bot import __version__
from bot.config import MONTH, SettingError, Settings, check_store_url, store_label
from bot.delivery.router import takes
from bot.ingest.canonical import is_http_url
from bot.ingest.tagging import upgrade_lemmas
from bot.locales import t
from bot.logs import setup_logging
from bot.models import Channel, EditionChange, parse_id, target_text, utcnow
from bot.render import Renderer, RenderError, plain
from bot.resources import resource_dir
from bot.store.copy import CopyError, CopyReport, TargetNotEmpty, copy_store, target_contents
from bot.store.db import StoreUnavailable
from bot.store.store import Store
from bot.telegram.admin.channels import parse_target
from bot.telegram.editions import (
    EDITION_KEYS,
    EditionError,
    check_rules,
    key_of,
    parse_edition,
)

# python-telegram-bot 22: time periods as timedelta (the future default; silences its warning).
os.environ.setdefault("PTB_TIMEDELTA", "1")


class CliError(Exception):
    """A user mistake: printed as one line, exit status 2."""


_NEGATIVE_TARGET = re.compile(r"^-\d+(:\d+)?$|^-\d*\.\d+$")


def _topics_arg(value: str) -> list[str]:
    return [t.strip().lower() for t in value.split(",") if t.strip()]


MAX_INTERVAL = MONTH  # seconds between a source's fetches at most
MAX_PREVIEW = 1000


def _id_arg(value: str) -> int:
    """A stored row's id: ASCII digits within SQLite's range (`parse_id`)."""
    number = parse_id(value)
    if number is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not an id (a whole number, e.g. 3)")
    return number


def _whole(low: int, high: int) -> Callable[[str], int]:
    """An argument type: a whole number from `low` to `high`."""

    def parse(value: str) -> int:
        number = parse_id(value, signed=True)
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{value!r} is not a whole number from {low} to {high}"
            )
        return number

    return parse


def _target_arg(value: str) -> tuple[int, int]:
    """CHAT_ID or CHAT_ID:THREAD_ID."""
    target = parse_target(value)
    if target is None:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not CHAT_ID or CHAT_ID:THREAD_ID (numbers, e.g. -1001234567890:42)"
        )
    return target


def _pair_arg(value: str) -> tuple[str, str]:
    """KEY=VALUE of `channel set`."""
    key, sep, rest = value.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(
            f"{value!r} is not KEY=VALUE (keys: {', '.join(EDITION_KEYS)})"
        )
    if key_of(key) is None:
        raise argparse.ArgumentTypeError(f"unknown key {key!r}; valid: {', '.join(EDITION_KEYS)}")
    return key, rest


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsbot", description="Distribute a newsroom's stories through Telegram."
    )
    parser.add_argument("--version", action="version", version=f"newsbot {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("migrate", help="create or upgrade the store")

    run = sub.add_parser("run", help="fetch, poll, post, deliver and answer commands")
    run.add_argument("--dry-run", action="store_true", help="print messages instead of sending")
    run.add_argument(
        "--demo",
        action="store_true",
        help="with --dry-run: import the shipped sample feed and post it to a preview channel",
    )

    ingest = sub.add_parser("ingest", help="one-off import of feeds, URLs or .jsonl files")
    ingest.add_argument("sources", nargs="+", metavar="SOURCE", help="http(s) URL or file")

    preview = sub.add_parser("preview", help="render the newest stories as they would be sent")
    preview.add_argument(
        "--limit", type=_whole(1, MAX_PREVIEW), default=5, help="how many stories (default 5)"
    )
    preview.add_argument(
        "--channel",
        type=_target_arg,
        metavar="CHAT_ID[:THREAD_ID]",
        help="as this channel's edition would post them (its language, template and filters)",
    )
    preview._negative_number_matcher = _NEGATIVE_TARGET  # "--channel -1001:42" is a value

    _add_source_commands(sub)
    _add_channel_commands(sub)
    sub.add_parser("status", help="health summary; non-zero exit when something is wrong")

    move = sub.add_parser(
        "migrate-store",
        help="copy everything from one store into a new, empty one (SQLite, PostgreSQL)",
        description="Copy every table of FROM into TO, which must be new and empty; FROM is "
        "only read (stop newsbot first). Both are DATABASE_URLs.",
    )
    move.add_argument("source", type=_store_url_arg("FROM"), metavar="FROM")
    move.add_argument("target", type=_store_url_arg("TO"), metavar="TO")
    return parser


def _store_url_arg(name: str) -> Callable[[str], str]:
    """An argparse type: a DATABASE_URL (sqlite:///path or postgresql://...)."""

    def check(value: str) -> str:
        try:
            return check_store_url(value, name)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    return check


def _add_source_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`newsbot source add|list|remove|import|export`."""
    source = sub.add_parser("source", help="feeds that `run` fetches").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    s_add = source.add_parser("add", help="add a feed")
    s_add.add_argument("url")
    s_add.add_argument("--topics", type=_topics_arg, default=[], help="comma-separated slugs")
    s_add.add_argument(
        "--interval", type=_whole(10, MAX_INTERVAL), default=None, help="seconds between fetches"
    )
    source.add_parser("list", help="list feeds with their health")
    s_rm = source.add_parser("remove", help="remove a feed")
    s_rm.add_argument("id", type=_id_arg)
    s_import = source.add_parser("import", help="add the feeds of an OPML file")
    s_import.add_argument("file", metavar="FILE.opml")
    s_import.add_argument(
        "--interval", type=_whole(10, MAX_INTERVAL), default=None, help="seconds between fetches"
    )
    s_export = source.add_parser("export", help="write the feeds as OPML (stdout without FILE)")
    s_export.add_argument("file", nargs="?", default=None, metavar="FILE")


def _add_channel_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`newsbot channel add|list|remove`."""
    channel = sub.add_parser("channel", help="chats that get stories posted").add_subparsers(
        dest="action", required=True, metavar="ACTION"
    )
    c_add = channel.add_parser("add", help="add a channel, group or forum topic")
    c_add.add_argument("target", type=_target_arg, metavar="CHAT_ID[:THREAD_ID]")
    c_add.add_argument(
        "--topics", type=_topics_arg, help="comma-separated slugs (default: every topic)"
    )
    c_add.add_argument("--no-preview", action="store_true", help="post without link previews")
    c_add.add_argument("--silent", action="store_true", help="post without notification sound")
    c_add.add_argument(
        "--language", metavar="uk|en", help="language of the fixed words (default CHANNEL_LANGUAGE)"
    )
    c_add.add_argument(
        "--story-languages",
        metavar="CODES",
        help="only stories in these languages, e.g. uk,ru (stories without one go everywhere)",
    )
    c_add.add_argument(
        "--include",
        metavar="WORDS",
        help="only stories with one of these keywords (comma-separated)",
    )
    c_add.add_argument(
        "--exclude",
        metavar="WORDS",
        help="never stories with one of these keywords (comma-separated)",
    )
    c_add.add_argument("--template", metavar="NAME", help="a template under TEMPLATES_DIR")
    c_set = channel.add_parser(
        "set",
        help="change a channel's topics, options or edition",
        description="KEY is one of: " + ", ".join(EDITION_KEYS) + ". An empty VALUE goes back "
        "to the default (e.g. template= for the shipped template, include= for no keywords).",
    )
    c_set.add_argument("target", type=_target_arg, metavar="CHAT_ID[:THREAD_ID]")
    c_set.add_argument("pairs", nargs="+", type=_pair_arg, metavar="KEY=VALUE")
    channel.add_parser("list", help="list channels")
    c_rm = channel.add_parser("remove", help="remove a channel (or one forum topic)")
    c_rm.add_argument("target", type=_target_arg, metavar="CHAT_ID[:THREAD_ID]")
    for target_parser in (c_add, c_set, c_rm):
        # argparse takes "-1001:42" for an option unless told it is a (negative) value.
        target_parser._negative_number_matcher = _NEGATIVE_TARGET


async def _with_store(
    settings: Settings, work: Callable[[Store], Awaitable[int]], *, create: bool = False
) -> int:
    """Run `work` on the store, migrated; without `create` a SQLite store must exist already
    (a mistyped path is an error, not a new empty store)."""
    store = Store(settings.database_url)
    await store.open(create=create)
    try:
        return await work(store)
    finally:
        await store.close()


async def _check_topics(store: Store, topics: Sequence[str]) -> None:
    known = [t.slug for t in await store.topics.all()]
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise CliError(f"unknown topic {', '.join(unknown)}; valid: {', '.join(known)}")


async def cmd_migrate(settings: Settings) -> int:
    store = Store(settings.database_url)
    await store.db.open()
    try:
        applied = await store.db.migrate()
        await upgrade_lemmas(store)  # migration 0006's part in Python: rules, follows, index
        version = await store.db.schema_version()
    finally:
        await store.close()
    if applied:
        print(f"store {settings.database_label}: applied {', '.join(applied)}; schema {version}")
    else:
        print(f"store {settings.database_label}: up to date at schema {version}")
    return 0


async def cmd_ingest(settings: Settings, sources: list[str]) -> int:
    from bot.ingest.service import Ingestor, make_http_client

    async def work(store: Store) -> int:
        failed = 0
        async with make_http_client(settings.fetch_timeout) as client:
            ingestor = Ingestor(
                store,
                client,
                timeout=settings.fetch_timeout,
                max_bytes=settings.fetch_max_bytes,
                keyword_tagging=settings.keyword_tagging,
                breaking_categories=settings.breaking_categories,
            )
            for target in sources:
                report = await ingestor.ingest_target(target)
                print("\n".join([report.line(), *report.bad_items()]), flush=True)
                failed += report.error is not None
        return 1 if failed else 0

    return await _with_store(settings, work, create=True)


async def cmd_preview(settings: Settings, limit: int, target: tuple[int, int] | None = None) -> int:
    """The newest stories as channels get them: in CHANNEL_LANGUAGE and the shipped template,
    or as one channel's edition would post them (`target`)."""
    if limit < 1:
        raise CliError("--limit must be at least 1")

    async def work(store: Store) -> int:
        renderer = Renderer(settings.templates_dir, topics=await store.topics.all())
        language: str = settings.channel_language
        template: str | None = None
        channel: Channel | None = None
        if target is not None:
            channel = await store.channels.get(*target)
            if channel is None:
                raise CliError(f"no channel {target_text(*target)} (newsbot channel list)")
            language, template = channel.language or language, channel.template
        articles = await store.articles.latest(limit, embargoed=True)
        if not articles:
            print("no stories in the store yet (newsbot ingest FILE_OR_URL)")
        now = utcnow()
        for article in articles:
            stamp = f"{article.published_at:%Y-%m-%d %H:%M} UTC"
            state = f"embargoed until {stamp}" if article.embargoed(now) else stamp
            if article.held:  # an editor's /hold: it does not go out (/post)
                state = f"held · {state}"
            print(f"── story {article.id} · {state} ──")
            if channel is not None and not takes(channel, article):
                print("(this edition does not take it: its topics, languages or keywords)")
                print()
                continue
            try:
                message = renderer.story(article, language=language, template=template)
            except (RenderError, TemplateError) as exc:
                raise CliError(f"template {template}: {exc}") from exc
            print(renderer.preview(message))
            print()
        return 0

    return await _with_store(settings, work)


async def cmd_source(settings: Settings, args: argparse.Namespace) -> int:
    async def work(store: Store) -> int:
        if args.action == "add":
            url = args.url.strip()
            if not is_http_url(url):
                raise CliError(f"{url!r} is not an http(s) URL")
            await _check_topics(store, args.topics)
            interval = args.interval or settings.default_source_interval
            if interval < 10:
                raise CliError("--interval must be at least 10 seconds")
            source_id = await store.sources.add(url, topics=args.topics, interval=interval)
            if source_id is None:
                raise CliError(f"{url} is already a source")
            print(f"added source {source_id}: {url} every {interval}s")
        elif args.action == "list":
            sources = await store.sources.all()
            if not sources:
                print("no sources (newsbot source add URL)")
            for s in sources:
                health = "ok" if s.last_success_at and not s.last_error else "never fetched"
                if s.last_error:
                    health = f"failing ×{s.error_count}: {s.last_error}"
                last = f"{s.last_success_at:%Y-%m-%d %H:%M}" if s.last_success_at else "-"
                topics = ",".join(s.topics) or "-"
                name = f"\t{s.label}" if s.label else ""
                print(
                    f"{s.id}\t{s.url}\ttopics={topics}\tevery {s.interval}s\t"
                    f"last ok {last}\t{health}{name}"
                )
        elif args.action == "import":
            return await _source_import(settings, store, args.file, args.interval)
        elif args.action == "export":
            return await _source_export(store, args.file)
        else:
            if not await store.sources.remove(args.id):
                raise CliError(f"no source with id {args.id}")
            print(f"removed source {args.id}")
        return 0

    return await _with_store(settings, work, create=args.action in ("add", "import"))


async def _source_import(settings: Settings, store: Store, file: str, interval: int | None) -> int:
    from bot.ingest.opml import OpmlError, parse_opml
    from bot.ingest.sourcelist import import_sources

    every = interval or settings.default_source_interval
    if every < 10:
        raise CliError("--interval must be at least 10 seconds")
    try:
        data = await asyncio.to_thread(_read_bytes, file)
        doc = parse_opml(data)
    except OSError as exc:
        raise CliError(f"cannot read {file}: {exc.strerror or exc}") from None
    except OpmlError as exc:
        raise CliError(f"{file}: {exc}") from None
    result = await import_sources(store, doc, interval=every)
    for url in result.added:
        print(f"added {url}")
    print(
        f"{file}: {len(result.added)} added, {len(result.existing)} already there, "
        f"{len(result.skipped)} skipped"
    )
    return 0


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


async def _source_export(store: Store, file: str | None) -> int:
    from bot.ingest.sourcelist import export_sources

    data, count = await export_sources(store)
    if file is None or file == "-":
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return 0
    try:
        await asyncio.to_thread(_write_bytes, file, data)
    except OSError as exc:
        raise CliError(f"cannot write {file}: {exc.strerror or exc}") from None
    print(f"wrote {count} sources to {file}")
    return 0


def _write_bytes(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


async def _edition(
    settings: Settings,
    store: Store,
    pairs: list[tuple[str, str]],
    current: Channel | None = None,
) -> EditionChange:
    """The change KEY=VALUE pairs ask for, checked: known topics, a template that renders, no
    keyword both in include and in exclude (with the `current` target's lists it keeps)."""
    try:
        change = parse_edition(pairs)
        check_rules(change, *((current.include, current.exclude) if current else ()))
    except EditionError as exc:
        raise CliError(plain(t("en", f"adm.edition.{exc.code}", **exc.values))) from None
    if change.topics is not None:
        await _check_topics(store, change.topics)
    if change.template:
        try:
            Renderer(settings.templates_dir).check_template(change.template)
        except RenderError as exc:
            raise CliError(str(exc)) from None
    return change


def _channel_line(c: Channel, settings: Settings, sep: str = "\t") -> str:
    """A channel as `channel list` (tab-separated), `add` and `set` show it."""
    return sep.join(
        (
            c.target,
            f"topics={','.join(c.topics) or 'all'}",
            f"preview={'on' if c.link_preview else 'off'}",
            f"silent={'on' if c.silent else 'off'}",
            f"language={c.language or settings.channel_language}",
            f"story-languages={','.join(c.story_languages) or 'all'}",
            f"include={','.join(c.include) or '-'}",
            f"exclude={','.join(c.exclude) or '-'}",
            f"template={c.template or '-'}",
        )
    )


async def cmd_channel(settings: Settings, args: argparse.Namespace) -> int:
    async def work(store: Store) -> int:
        if args.action == "add":
            chat_id, thread_id = args.target
            if chat_id > 0:  # a user's private chat; a channel's or group's id is negative
                raise CliError(
                    f"{chat_id} is a private chat, not a channel or group"
                    " (a channel's id starts with -100: did the minus sign go missing?)"
                )
            await _check_topics(store, args.topics or [])
            options = [
                (key, value)
                for key, value in (
                    ("language", args.language),
                    ("story-languages", args.story_languages),
                    ("include", args.include),
                    ("exclude", args.exclude),
                    ("template", args.template),
                )
                if value is not None
            ]
            current = await store.channels.get(chat_id, thread_id)
            change = await _edition(settings, store, options, current)
            new = await store.channels.add(chat_id, thread_id, args.topics)
            # given flags only: adding a channel again keeps what is not given
            await store.channels.set_options(
                chat_id,
                thread_id,
                link_preview=False if args.no_preview else None,
                silent=True if args.silent else None,
            )
            await store.channels.set_edition(chat_id, thread_id, change)
            channel = await store.channels.get(chat_id, thread_id)
            assert channel is not None
            shown = _channel_line(channel, settings, " ")
            print(f"{'added' if new else 'updated'} channel {shown}")
        elif args.action == "set":
            chat_id, thread_id = args.target
            current = await store.channels.get(chat_id, thread_id)
            change = await _edition(settings, store, args.pairs, current)
            if not await store.channels.set_edition(chat_id, thread_id, change):
                shown = target_text(chat_id, thread_id)
                raise CliError(f"no channel {shown} (newsbot channel add CHAT_ID first)")
            channel = await store.channels.get(chat_id, thread_id)
            assert channel is not None
            print(f"set channel {_channel_line(channel, settings, ' ')}")
        elif args.action == "list":
            channels = await store.channels.all()
            if not channels:
                print("no channels (newsbot channel add CHAT_ID)")
            for c in channels:
                print(_channel_line(c, settings))
        else:
            chat_id, thread_id = args.target
            removed = await store.channels.remove(chat_id, thread_id or None)
            shown = target_text(chat_id, thread_id)  # as given: CHAT_ID or CHAT_ID:THREAD_ID
            if not removed:
                raise CliError(f"no channel {shown}")
            print(f"removed {removed} target(s) of {shown}")
        return 0

    return await _with_store(settings, work, create=args.action == "add")


async def cmd_status(settings: Settings) -> int:
    from bot.ops.health import health_report, thresholds

    store = Store(settings.database_url)
    await store.db.open(create=False)
    try:
        report = await health_report(store, now=utcnow(), thresholds=thresholds(settings))
    finally:
        await store.close()
    for line in report.lines:
        print(line)
    return 0 if report.ok else 1


async def cmd_migrate_store(source_url: str, target_url: str) -> int:
    """Copy every table of one store into a new, empty one; exit 1 when counts differ."""
    if _store_key(source_url) == _store_key(target_url):
        raise CliError("FROM and TO are the same store")
    source_path = source_url.removeprefix("sqlite:///")
    if source_url.startswith("sqlite:///") and not await asyncio.to_thread(
        os.path.isfile, source_path
    ):
        raise CliError(f"FROM: no SQLite store at {source_path}")
    source, target = Store(source_url), Store(target_url)
    try:
        await _open_store(source, "FROM")
        await _refuse_live_lease(source, "FROM")
        await _open_store(target, "TO")
        await _refuse_live_lease(target, "TO")
        if await target.db.schema_version() > 0 and (found := await target_contents(target.db)):
            raise TargetNotEmpty(found)
        await source.db.migrate()  # the schema only: FROM's rows are copied as they are
        await target.db.migrate()
        report = await copy_store(
            source.db,
            target.db,
            progress=lambda table, rows: print(f"{table:<16} {rows:>12,} rows", flush=True),
        )
    except TargetNotEmpty as exc:
        raise CliError(
            f"TO {store_label(target_url)}: {exc}; migrate-store copies only into a new store"
            " (nothing was changed)"
        ) from None
    except CopyError as exc:
        raise CliError(str(exc)) from None
    except (sqlite3.DatabaseError, asyncpg.PostgresError) as exc:
        # a row one store cannot read or the other refuses (a value FROM took that TO's
        # types or keys do not): one line, and TO is as it was (the copy is one transaction)
        reason = " ".join(str(exc).split())[:300]
        raise CliError(
            f"the copy stopped at a row: {type(exc).__name__}: {reason} (nothing was copied"
            f" to {store_label(target_url)})"
        ) from None
    finally:
        await source.close()
        await target.close()
    return _print_copy_report(report, source_url, target_url)


def _print_copy_report(report: CopyReport, source_url: str, target_url: str) -> int:
    """The end of migrate-store's output: what was left behind, and the counts compared."""
    if report.lease_left:
        print("not copied: FROM's sender lease (the first newsbot on TO takes its own)")
    if report.ignored:
        print(f"not copied (not newsbot's tables): {', '.join(report.ignored)}")
    if report.search_rebuilt:
        print("TO's search index was rebuilt")
    for table in report.tables:
        if table.orphans:
            print(
                f"not copied: {table.orphans:,} rows of {table.name} whose story, reader or"
                " digest is no longer in FROM (deleted by another program)"
            )
    for table in report.tables:
        if not table.ok:
            print(
                f"MISMATCH {table.name}: FROM had {table.source:,} rows, {table.copied:,}"
                f" copied, TO has {table.target:,}"
            )
    total = sum(table.copied for table in report.tables)
    if not report.ok:
        print(f"newsbot: the copy does not match; keep using {store_label(source_url)}")
        return 1
    print(
        f"copied {total:,} rows in {len(report.tables)} tables from {store_label(source_url)}"
        f" to {store_label(target_url)}; every table's count matches"
    )
    return 0


def _store_key(url: str) -> str:
    """What makes two DATABASE_URLs the same store (a SQLite file by its real path)."""
    if url.startswith("sqlite:///"):
        return "sqlite:" + os.path.realpath(url.removeprefix("sqlite:///"))
    return url.replace("postgres://", "postgresql://", 1).rstrip("/")


async def _open_store(store: Store, side: str) -> None:
    """Open (not migrate) a store; a store that cannot be opened is a usage error."""
    try:
        await store.db.open()
    except StoreUnavailable as exc:
        raise CliError(f"{side}: cannot open {exc.label}: {exc.reason}") from None
    except Exception as exc:  # OSError, sqlite3.Error: all say why
        raise CliError(f"{side}: cannot open {store_label(store.db.url)}: {exc}") from None


async def _refuse_live_lease(store: Store, side: str) -> None:
    """A newsbot holding the store's sender lease is running on it: it must stop first."""
    if await store.db.schema_version() == 0:
        return
    holder = await store.lease.holder()
    if holder is not None and holder.expires > utcnow():
        raise CliError(
            f"{side}: a newsbot is running on {store_label(store.db.url)} ({holder.describe()}):"
            " stop it first (a killed one's lease runs out within 10 s)"
        )


def _dispatch(settings: Settings, args: argparse.Namespace) -> int:
    if args.command == "run":
        if args.dry_run:
            from bot.app import run_dry

            demo = str(resource_dir("samples").joinpath("newsroom.xml")) if args.demo else None
            asyncio.run(run_dry(settings, demo_file=demo))
            return 0
        if args.demo:
            raise CliError("--demo goes with --dry-run")
        if not settings.token:
            raise CliError(
                "BOT_TOKEN is not set (in the environment or .env); "
                "use --dry-run to run without Telegram"
            )
        from bot.app import run
        from bot.telegram.updates import TokenRejected

        try:
            run(settings)
        except TokenRejected as exc:
            raise CliError(f"{exc}: check the token @BotFather gave the bot") from None
        return 0
    commands: dict[str, Callable[[], Coroutine[Any, Any, int]]] = {
        "migrate": lambda: cmd_migrate(settings),
        "ingest": lambda: cmd_ingest(settings, args.sources),
        "preview": lambda: cmd_preview(settings, args.limit, args.channel),
        "source": lambda: cmd_source(settings, args),
        "channel": lambda: cmd_channel(settings, args),
        "status": lambda: cmd_status(settings),
        "migrate-store": lambda: cmd_migrate_store(args.source, args.target),
    }
    return asyncio.run(commands[args.command]())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        field = " " + ".".join(str(p) for p in first["loc"]).upper() if first["loc"] else ""
        print(f"newsbot: bad setting{field}: {first['msg']}", file=sys.stderr)
        return 2
    setup_logging(settings.log_level, settings.token, (settings.secret or "",))
    try:
        return _dispatch(settings, args)
    except (CliError, SettingError, StoreUnavailable) as exc:
        print(f"newsbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsbot preview | head`: the reader has what it wanted
        # the interpreter's last flush at exit must not meet the closed pipe again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except RuntimeError as exc:  # e.g. a store newer than this newsbot
        print(f"newsbot: {exc}", file=sys.stderr)
        return 1

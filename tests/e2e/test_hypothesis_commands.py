"""Property: no input breaks a handler (issue 9, point 2).

Every reader and admin command gets random arguments (any Unicode, very long text, huge and
odd numbers, HTML Telegram refuses, FTS5 syntax), and random text, media, documents and
button data are sent too, through the real Application long-polling the fake Bot API. For
each: a reply comes, the error handler is not called, no ERROR is logged, and the fake server
rejected nothing (but getChat/getChatMember of chats that do not exist, which /addchannel
asks about on purpose).

One bot and one fake server serve every example of the module (a module fixture with an
event loop of its own, driven from the synchronous @given tests), so hundreds of examples
take seconds. Examples are derandomized: CI runs the same ones every time (15 per command;
NEWSBOT_HYPOTHESIS_EXAMPLES=200 for a longer hunt).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fakebot.fixtures import TEST_TOKEN
from fakebot.server import FakeBotServer, SentMessage
from harness import RunningBot, make_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.models import ArticleIn, utcnow
from bot.telegram.registry import ADMIN_COMMANDS, READER_COMMANDS

ADMIN, READER = 42, 4242
TIMEOUT = 15.0
ALLOWED_REJECTIONS = frozenset({"getChat", "getChatMember"})
BROKEN = ("Something went wrong", "Щось пішло не так", "Error while handling", "Помилка під час")

PROPERTY = settings(
    max_examples=int(os.environ.get("NEWSBOT_HYPOTHESIS_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- strategies ---------------------------------------------------------------------------

NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.from_regex(r"\A-?100[0-9]{1,30}:[0-9]{1,30}\Z"),
    st.sampled_from(
        ["²", "1²", "٣", "9" * 5000, "-" + "9" * 5000, "0", "-0", "+1", "1e9", "0x10", "#1", "1"]
    ),
)
HTML = st.sampled_from(
    [
        "<span>x</span>",
        '<span class="tg-spoiler">x</span>',
        "<tg-emoji>👍</tg-emoji>",
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
        "<a href=x>y</a>",
        '<a href="javascript:alert(1)">y</a>',
        "<script>alert(1)</script>",
        "<b>unclosed",
        "</b>",
        "<b><i>mis</b></i>",
        "&bogus; &#0; &#xD800;",
        '<pre><code class="language-py">x</code></pre>',
        "<blockquote expandable>q</blockquote>",
        "a < b > c & d",
    ]
)
FTS = st.sampled_from(
    [
        '"',
        "*",
        "NEAR(",
        "NEAR(a b, 2)",
        "AND OR NOT",
        "^",
        ":",
        "-",
        '"open',
        "title:x",
        "(((",
        "-x",
    ]
)
LONG = st.one_of(
    st.builds(lambda ch, n: ch * n, st.characters(), st.integers(5000, 6000)),
    st.builds(
        lambda words, n: ", ".join(itertools.islice(itertools.cycle(words), n)),
        st.lists(st.text(min_size=1, max_size=70), min_size=1, max_size=5),
        st.integers(100, 300),
    ),
)
URLS = st.builds(
    lambda path: f"http://127.0.0.1:9/{path}",  # the discard port: refused at once
    st.text(alphabet=st.characters(codec="ascii", exclude_characters=" \t\n\r"), max_size=50),
)
PIECE = st.one_of(st.text(max_size=80), NUMBERS, HTML, FTS, st.sampled_from(["all", "politics"]))
ARGS = st.one_of(
    st.just(""),
    st.text(),
    LONG,
    st.lists(PIECE, min_size=1, max_size=5).map(" ".join),
    st.lists(PIECE, min_size=1, max_size=5).map(", ".join),
)


# --- the bot ------------------------------------------------------------------------------


@dataclass
class Env:
    loop: asyncio.AbstractEventLoop
    fake: FakeBotServer
    bot: RunningBot
    errors: list[str] = field(default_factory=list)
    marks: Iterator[int] = field(default_factory=itertools.count)

    def run(self, coro: Any) -> Any:
        return self.loop.run_until_complete(coro)


class _Errors(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(f"{record.name}: {record.getMessage()}")


async def _seed(bot: RunningBot) -> None:
    store = bot.runtime.store
    for n in (1, 2):
        _, article_id = await store.articles.upsert(
            ArticleIn(
                url=f"https://news.example.org/seed/{n}",
                title=f"Seed story {n} про Київ",
                lead="A lead with words to search for.",
                published_at=utcnow(),
                tags=["politics"],
            )
        )
        await store.articles.set_topics(article_id, ["politics"])
    await store.sources.add("http://127.0.0.1:9/seed.xml", topics=[], interval=3600)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    loop = asyncio.new_event_loop()
    fake = FakeBotServer(token=TEST_TOKEN)
    loop.run_until_complete(fake.start())
    db = Path(tmp_path_factory.mktemp("hypothesis")) / "newsbot.db"
    settings_ = make_settings(
        fake.base_url, fake.token, str(db), admin_ids=str(ADMIN), fetch_timeout=2, global_rate=1000
    )
    bot = RunningBot(settings_)
    state = Env(loop, fake, bot)
    handler = _Errors(state.errors)
    logging.getLogger().addHandler(handler)
    try:
        loop.run_until_complete(bot.start())
        fake.set_limits(global_per_sec=1000, private_per_sec=1000, private_burst=1000)
        loop.run_until_complete(_seed(bot))
        assert bot.app is not None

        async def on_error(update: object, context: Any) -> None:
            state.errors.append(f"error handler: {context.error!r}")

        bot.app.add_error_handler(on_error)
        yield state
    finally:
        logging.getLogger().removeHandler(handler)
        loop.run_until_complete(bot.stop())
        loop.run_until_complete(fake.stop())
        loop.close()


async def _exchange(env: Env, user: int, send: Callable[[], object]) -> list[SentMessage]:
    """Send something as `user`, then an unknown command as a marker: the bot handles one
    update at a time, so every message before the marker's answer answers what was sent."""
    fake = env.fake
    before = len(fake.messages(user))
    send()
    mark = f"/zzmark{next(env.marks)}"
    fake.inject_message(user, mark, language_code="en")

    def marked(_: object) -> bool:
        return any(mark in (m.text or "") for m in fake.messages(user)[before:])

    await fake.wait_for(marked, TIMEOUT)
    replies = fake.messages(user)[before:]
    return [m for m in replies if mark not in (m.text or "")]


def _rejections(fake: FakeBotServer, before: int) -> list[tuple[str, str | None]]:
    """What the fake refused since its rejection counter was `before`."""
    new = fake.counters["rejections"] - before
    records = list(fake.rejections)[-new:] if new else []
    return [(r.method, r.description) for r in records if r.method not in ALLOWED_REJECTIONS]


def _check(env: Env, replies: list[SentMessage], rejected_before: int, what: str) -> None:
    said = [m.text or m.caption or m.kind for m in replies]
    assert replies, f"no reply to {what!r}"
    assert not [s for s in said if any(b in s for b in BROKEN)], (what, said)
    assert env.errors == [], (what, env.errors)
    # check_html judges /broadcast text as Telegram does: no preview is ever refused
    assert _rejections(env.fake, rejected_before) == [], what


def _command(env: Env, user: int, text: str, lang: str) -> None:
    env.errors.clear()
    rejected_before = env.fake.counters["rejections"]
    replies = env.run(
        _exchange(env, user, lambda: env.fake.inject_message(user, text, language_code=lang))
    )
    _check(env, replies, rejected_before, text)


# --- properties ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", READER_COMMANDS)
@PROPERTY
@given(args=ARGS)
def test_reader_commands_answer_any_arguments(env: Env, command: str, args: str) -> None:
    _command(env, READER, f"/{command} {args}", "uk")


ADMIN_EXAMPLES = [
    "/post 99999999999999999999999",
    "/post ²",
    "/hold " + "9" * 5000,
    "/delsource 99999999999999999999",
    "/delchannel -1001234567890:99999999999999999999",
    "/keywords politics " + ", ".join(f"{n:03d}" + "слово" * 12 for n in range(100)),
    "/addsource http://127.0.0.1:9/" + "a" * 5000,
    "/broadcast <span>x</span>",
    "/broadcast <tg-emoji>👍</tg-emoji>",
    "/broadcast <a href=x>y</a>",
]


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
@PROPERTY
@given(args=ARGS)
def test_admin_commands_answer_any_arguments(env: Env, command: str, args: str) -> None:
    _command(env, ADMIN, f"/{command} {args}", "en")


@PROPERTY
@given(
    command=st.sampled_from(["post", "hold", "delsource", "delchannel", "addchannel"]),
    number=NUMBERS,
)
def test_admin_commands_answer_any_number(env: Env, command: str, number: str) -> None:
    _command(env, ADMIN, f"/{command} {number}", "en")


@PROPERTY
@given(url=URLS, topics=st.lists(PIECE, max_size=3).map(" ".join))
def test_addsource_answers_any_local_url(env: Env, url: str, topics: str) -> None:
    _command(env, ADMIN, f"/addsource {url} {topics}", "en")


@settings(PROPERTY, max_examples=len(ADMIN_EXAMPLES))
@given(text=st.sampled_from(ADMIN_EXAMPLES))
def test_the_inputs_named_in_the_issue(env: Env, text: str) -> None:
    _command(env, ADMIN, text, "en")


@settings(PROPERTY, max_examples=20)
@given(text=st.one_of(st.text(min_size=1), LONG, HTML, FTS, st.from_regex(r"\A/[a-z_]{1,20}\Z")))
@example(text="/start@other_bot")
def test_any_text_gets_an_answer(env: Env, text: str) -> None:
    if text.strip():
        _command(env, READER, text, "en")


@settings(PROPERTY, max_examples=15)
@given(
    data=st.binary(max_size=2000),
    caption=st.one_of(st.none(), st.just("/import"), st.text(max_size=50)),
    user=st.sampled_from([ADMIN, READER]),
)
def test_any_document_gets_an_answer(env: Env, data: bytes, caption: str | None, user: int) -> None:
    env.errors.clear()
    rejected_before = env.fake.counters["rejections"]
    name = "feeds.opml"
    replies = env.run(
        _exchange(env, user, lambda: env.fake.inject_document(user, data, name, caption=caption))
    )
    _check(env, replies, rejected_before, f"document {data[:40]!r} caption {caption!r}")


@settings(PROPERTY, max_examples=20)
@given(data=st.text(max_size=64).filter(lambda s: 0 < len(s.encode()) <= 64))
@example(data="tg:politics")
@example(data="sr:999999999:99999")
@example(data="sr:999999999:99999:999999999999999999")
@example(data="adm:bc:go:999999999999")
def test_any_button_data_gets_an_answer(env: Env, data: str) -> None:
    env.errors.clear()
    fake = env.fake
    rejected_before = fake.counters["rejections"]
    if not fake.messages(READER):
        env.run(_exchange(env, READER, lambda: fake.inject_message(READER, "/topics")))
    target = fake.messages(READER)[-1]
    before = len(fake.callback_answers)
    env.run(_exchange(env, READER, lambda: fake.inject_callback(READER, target.message_id, data)))
    assert len(fake.callback_answers) > before, data
    assert env.errors == [], (data, env.errors)
    assert _rejections(fake, rejected_before) == [], data

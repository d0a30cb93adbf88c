"""Fan-out benchmark: the fake Bot API and the bot as separate processes.

Scenarios (all by default; pick with --scenario):
  limit     one story to 3,000 readers against Telegram's limits (30/s, 1/s per chat); the
            fake server counts a strict one-second sliding window of arrivals
  commands  the same, while 50 of the readers send commands (/latest, /settings, /help,
            /search) at random moments of the fan-out: the replies share the global limit
  paid      allow_paid_broadcast with the server's limits off: 10,000 readers
  crash     kill -9 the bot at random moments of a 3,000-reader fan-out, restart, repeat
  stop      the same with SIGTERM (a clean stop): not one message may go out twice
  failover  two `newsbot run`, each in a folder of its own with its own INSTANCE_NAME (two
            hosts: the lease must expire), one store; each round one story to 3,000 readers,
            kill -9 of the lease holder at a random moment, the other takes over, the killed
            one comes back as a standby
  latency   one channel, stories one at a time: (a) INSERTed by another program, (b) fetched
            by newsbot from a local RSS feed; from the commit (the feed's response) to the post
Prints messages/s (first to last), 429s, p50/p99 latency from the story's arrival in the
store to its delivery, the bot's peak memory, lost and duplicated messages (and, with
commands, how long the readers waited for the replies).

With --database-url postgresql://... every scenario runs on a fresh database of its own on
that server (newsbot_bench_<pid>_<n>: created, migrated, dropped); by default on a SQLite file
in a temp folder.

    .venv/bin/python bench/fanout.py [--scenario NAME] [--readers N] [--database-url URL]
"""

from __future__ import annotations

import argparse
import email.utils
import html
import http.server
import itertools
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchdb import BenchDatabase, SyncDb, backend

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "123456:BENCH-TOKEN"
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@dataclass
class Figures:
    scenario: str
    readers: int
    delivered: int
    lost: int
    duplicated: int
    rate: float  # the story's messages a second, first to last
    rate_all: float  # all messages (replies to commands too) a second over the same span
    rate_429: int
    p50: float
    p99: float
    peak_mb: float
    seconds: float
    replies: list[float] | None = None  # seconds from each command to its reply

    def print(self) -> None:
        replies = ""
        if self.replies is not None:
            done = sorted(self.replies)
            replies = (
                f" | {len(done)} command replies, p50 {statistics.median(done):.2f} s, "
                f"max {done[-1]:.2f} s"
                if done
                else " | no command replies"
            )
        print(
            f"{self.scenario}: {self.readers:,} readers | {self.delivered:,} delivered in "
            f"{self.seconds:.1f} s | {self.rate:.1f} msg/s first-to-last ({self.rate_all:.1f} with "
            f"replies) | 429s: {self.rate_429} | "
            f"latency p50 {self.p50:.1f} s, p99 {self.p99:.1f} s | bot peak RSS "
            f"{self.peak_mb:.0f} MB | lost {self.lost} | duplicated {self.duplicated}{replies}",
            flush=True,
        )


class Bench:
    def __init__(
        self,
        workdir: Path,
        url: str,
        readers: int,
        *,
        limits: bool,
        paid: bool,
        paid_rate: float = 1000,
        channels: tuple[int, ...] = (),
    ) -> None:
        self.paid_rate = paid_rate
        self.url = url
        self.channels = channels
        self.sql: SyncDb | None = None
        self.workdir = workdir
        self.readers = readers
        self.limits = limits
        self.paid = paid
        self.port = free_port()
        self.fake: subprocess.Popen[bytes] | None = None
        self.bot: subprocess.Popen[bytes] | None = None
        self.peak_kb = 0
        self.commands: list[tuple[int, float]] = []  # (chat, when) of each command sent

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_fake(self) -> None:
        args = [
            PYTHON,
            "-m",
            "fakebot",
            "--port",
            str(self.port),
            "--token",
            TOKEN,
            "--log-size",
            "400000",
        ]
        if self.readers:
            args += ["--private-chats", f"1..{self.readers}"]
        if self.channels:
            args += ["--channels", ",".join(str(c) for c in self.channels)]
        if not self.limits:
            args.append("--no-limits")
        self.fake = subprocess.Popen(args, cwd=ROOT / "tests", stdout=subprocess.PIPE)
        assert self.fake.stdout is not None
        self.fake.stdout.readline()  # "fake Bot API on ..."

    def env(self) -> dict[str, str]:
        env = {
            **os.environ,
            "BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": self.api,
            "DATABASE_URL": self.url,
            "POLL_INTERVAL": "0.2",
            "LOG_LEVEL": "WARNING",
        }
        if self.paid:
            env.update(
                ALLOW_PAID_BROADCAST="true",
                SEND_CONCURRENCY="96",
                PAID_BROADCAST_RATE=str(self.paid_rate),
            )
        return env

    def seed(self) -> None:
        subprocess.run(
            [PYTHON, "-m", "bot", "migrate"], env=self.env(), check=True, capture_output=True
        )
        self.sql = SyncDb(self.url)
        if self.readers:
            self.sql.executemany(
                "INSERT INTO readers (chat_id, language) VALUES (?, 'uk')",
                ((c,) for c in range(1, self.readers + 1)),
            )
            self.sql.executemany(
                "INSERT INTO subscriptions (chat_id, topic) VALUES (?, 'world')",
                ((c,) for c in range(1, self.readers + 1)),
            )
        for chat_id in self.channels:  # every story is posted there
            self.sql.execute("INSERT INTO channels (chat_id, topics) VALUES (?, '')", (chat_id,))

    @property
    def store(self) -> SyncDb:
        assert self.sql is not None, "seed() first"
        return self.sql

    def start_bot(self, env: dict[str, str] | None = None) -> None:
        log = open(self.workdir / "bot.log", "ab")  # noqa: SIM115 (kept open for the child)
        self.bot = subprocess.Popen(
            [PYTHON, "-m", "bot", "run"], env=env or self.env(), stdout=log, stderr=log
        )
        before = get_json(f"{self.api}/_fake/stats")["by_method"]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            now = get_json(f"{self.api}/_fake/stats")["by_method"]
            # this process has asked getMe (its signal handlers are set) and polls
            if now.get("getMe", 0) > before.get("getMe", 0) and now.get("getUpdates"):
                return
            time.sleep(0.1)
        raise RuntimeError("the bot did not start; see bot.log")

    def sample_memory(self) -> None:
        if self.bot is None or self.bot.poll() is not None:
            return
        try:
            status = Path(f"/proc/{self.bot.pid}/status").read_text()
        except OSError:
            return
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                self.peak_kb = max(self.peak_kb, int(line.split()[1]))

    def insert_story(self, title: str = "Bench: one story for everyone") -> float:
        """Write the story as another program would (a plain INSERT on a connection of its
        own, committed); returns the arrival time."""
        self.store.execute(
            "INSERT INTO articles (url, title, lead, tags) VALUES (?, ?, ?, 'world')",
            (
                f"https://bench.example.org/{time.time()}",
                title,
                "A lead of ordinary length, to be rendered once and sent to every reader.",
            ),
        )
        return time.time()

    def wait_post(self, title: str, timeout: float = 60) -> float:
        """When the fake received the first successful post carrying `title`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for r in self.sends():
                if title in r["params"].get("text", ""):
                    return float(r["time"])
            time.sleep(0.02)
        raise RuntimeError(f"{title!r} was not posted in {timeout:.0f} s")

    def sends(self) -> list[dict[str, Any]]:
        return [
            r
            for r in get_json(f"{self.api}/_fake/requests?method=sendMessage&limit=400000")
            if r["status"] == 200
        ]

    def wait_delivered(
        self, timeout: float, *, actions: list[tuple[float, Callable[[], None]]] | None = None
    ) -> None:
        """Wait until every reader has the story; `actions` run at their offsets (seconds
        from now) meanwhile."""
        deadline = time.monotonic() + timeout
        due = sorted(actions or [], key=lambda a: a[0])
        started = time.monotonic()
        while time.monotonic() < deadline:
            self.sample_memory()
            while due and time.monotonic() - started >= due[0][0]:
                due.pop(0)[1]()
            done = get_json(f"{self.api}/_fake/stats")["by_method"].get("sendMessage", 0)
            if done >= self.readers and not due and self.pending() == 0:
                return
            time.sleep(0.05 if due else 0.2)
        raise RuntimeError(f"not delivered in {timeout:.0f} s ({self.pending()} pending)")

    def command(self, chat_id: int, text: str) -> None:
        """A reader writes a command to the bot (the reply is looked for in `figures`)."""
        body = json.dumps({"user_id": chat_id, "text": text, "language_code": "uk"}).encode()
        request = urllib.request.Request(
            f"{self.api}/_fake/update", data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30):
            pass
        self.commands.append((chat_id, time.time()))

    def pending(self) -> int:
        row = self.store.fetchone("SELECT count(*) FROM outbox WHERE state = 'pending'")
        return int(row[0]) if row else 0

    def kill_and_restart(self, sig: signal.Signals = signal.SIGKILL) -> None:
        assert self.bot is not None
        os.kill(self.bot.pid, sig)
        self.bot.wait(timeout=30)
        done = get_json(f"{self.api}/_fake/stats")["by_method"].get("sendMessage", 0)
        how = "kill -9" if sig == signal.SIGKILL else sig.name
        print(f"  {how} after {done:,} sends; restarting", flush=True)
        self.start_bot()

    def figures(self, scenario: str, arrival: float) -> Figures:
        sends = self.sends()
        if os.environ.get("BENCH_DEBUG"):
            everything = get_json(f"{self.api}/_fake/requests?method=sendMessage&limit=400000")
            ok_times = sorted(r["time"] for r in everything if r["status"] == 200)
            for r in everything:
                if r["status"] == 429:
                    t = r["time"]
                    before = [x for x in ok_times if t - 1 < x <= t]
                    gaps = " ".join(f"{(b - a) * 1000:.0f}" for a, b in itertools.pairwise(before))
                    print(
                        f"  429 at +{t - arrival:.3f}s, {len(before)} sends in the second before"
                        f" (gaps in ms: {gaps})"
                    )
        # Every reader gets the same rendered story; anything else is a reply to a command.
        story = Counter(r["params"].get("text") for r in sends).most_common(1)[0][0]
        stories = [r for r in sends if r["params"].get("text") == story]
        per_chat = Counter(int(r["params"]["chat_id"]) for r in stories)
        times = sorted(r["time"] for r in stories)
        latencies = [t - arrival for t in times]
        stats = get_json(f"{self.api}/_fake/stats")
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        return Figures(
            scenario=scenario,
            readers=self.readers,
            delivered=len(per_chat),
            lost=self.readers - len(per_chat),
            duplicated=sum(n - 1 for n in per_chat.values()),
            rate=(len(times) - 1) / span if span else 0.0,
            rate_all=(sum(1 for r in sends if times[0] <= r["time"] <= times[-1]) - 1) / span
            if span
            else 0.0,
            rate_429=int(stats["429"]),
            p50=statistics.median(latencies) if latencies else 0.0,
            p99=latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0,
            peak_mb=self.peak_kb / 1024,
            seconds=(times[-1] - arrival) if times else 0.0,
            replies=self.reply_waits(sends, story) if self.commands else None,
        )

    def reply_waits(self, sends: list[dict[str, Any]], story: str) -> list[float]:
        """Seconds from each command to the first other message its chat got after it."""
        waits = []
        for chat_id, when in self.commands:
            answers = [
                r["time"]
                for r in sends
                if int(r["params"]["chat_id"]) == chat_id
                and r["params"].get("text") != story
                and r["time"] >= when
            ]
            if answers:
                waits.append(min(answers) - when)
        return waits

    def stop(self) -> None:
        for proc in (self.bot, self.fake):
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if self.sql is not None:
            self.sql.close()
            self.sql = None


COMMANDS = ("/latest", "/settings", "/help", "/search bench")


def run(
    scenario: str, readers: int, kills: int, paid_rate: float, database_url: str | None
) -> Figures:
    limits = scenario != "paid"
    with tempfile.TemporaryDirectory() as tmp, BenchDatabase(database_url, Path(tmp)) as url:
        bench = Bench(
            Path(tmp), url, readers, limits=limits, paid=scenario == "paid", paid_rate=paid_rate
        )
        try:
            bench.start_fake()
            bench.seed()
            bench.start_bot()
            arrival = bench.insert_story()
            expected = readers / (1000 if scenario == "paid" else 30)
            rng = random.Random(7)
            actions: list[tuple[float, Callable[[], None]]] = []
            if scenario in ("crash", "stop"):
                sig = signal.SIGKILL if scenario == "crash" else signal.SIGTERM
                for _ in range(kills):
                    at = rng.uniform(0.1, 0.9) * expected
                    actions.append((at, lambda s=sig: bench.kill_and_restart(s)))
            if scenario == "commands":
                for chat_id in rng.sample(range(1, readers + 1), min(50, readers)):
                    text = rng.choice(COMMANDS)
                    at = rng.uniform(0.05, 0.9) * expected
                    actions.append((at, lambda c=chat_id, t=text: bench.command(c, t)))
            bench.wait_delivered(expected * 3 + 60, actions=actions)
            return bench.figures(scenario, arrival)
        finally:
            bench.stop()


# --- failover: two instances standing for two hosts ---------------------------------------


@dataclass
class Instance:
    """One `newsbot run` in a folder of its own; only DATABASE_URL is shared."""

    name: str
    folder: Path
    metrics_port: int
    proc: subprocess.Popen[bytes] | None = None

    def healthz(self) -> str | None:
        """/healthz's text (leader or standby), None while it does not answer."""
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.metrics_port}/healthz", timeout=2
            ) as response:
                return str(response.read().decode())
        except urllib.error.HTTPError as exc:  # 503 with problems listed: it answers
            return str(exc.read().decode())
        except OSError:
            return None


@dataclass
class Round:
    number: int
    killed: str
    kill_after: float  # seconds from the story's arrival
    sends_before_kill: int
    delivered: int
    lost: int
    duplicated: int
    dup_age: float  # the oldest first copy of a duplicated message, seconds before the kill
    longest_gap: float
    lease_taken: float  # from the kill to the other instance's lease in the store
    rate_429: list[float]  # each 429's arrival, seconds from the kill

    def print(self) -> None:
        ok = "yes" if self.longest_gap < 15 else "NO"
        print(
            f"  round {self.number}: kill -9 {self.killed} {self.kill_after:.1f} s into the "
            f"fan-out ({self.sends_before_kill:,} sent) | delivered {self.delivered:,} | lost "
            f"{self.lost} | duplicated {self.duplicated} (first copies at most "
            f"{self.dup_age:.2f} s before the kill) | longest gap {self.longest_gap:.1f} s "
            f"(lease taken {self.lease_taken:.1f} s after the kill) | under 15 s: {ok} | 429s: "
            f"{len(self.rate_429)}"
            + (
                f" ({', '.join(f'{t:+.1f}' for t in self.rate_429)} s from the kill)"
                if self.rate_429
                else ""
            ),
            flush=True,
        )


class Failover:
    """Two instances on one store and one fake Bot API; the lease holder is killed (-9) at a
    random moment of each round's fan-out and restarted as a standby once the other leads."""

    def __init__(self, bench: Bench) -> None:
        self.bench = bench
        self.instances = {
            name: Instance(name, bench.workdir / name, free_port())
            for name in ("bench-a", "bench-b")
        }

    def launch(self, instance: Instance) -> None:
        instance.folder.mkdir(exist_ok=True)
        env = {
            **self.bench.env(),
            "INSTANCE_NAME": instance.name,
            "METRICS_PORT": str(instance.metrics_port),
        }
        log = open(instance.folder / "bot.log", "ab")  # noqa: SIM115 (kept open for the child)
        instance.proc = subprocess.Popen(
            [PYTHON, "-m", "bot", "run"], env=env, stdout=log, stderr=log, cwd=instance.folder
        )
        deadline = time.monotonic() + 30
        while instance.healthz() is None:
            if time.monotonic() > deadline or instance.proc.poll() is not None:
                raise RuntimeError(f"{instance.name} did not start; see its bot.log")
            time.sleep(0.1)

    def holder(self) -> Instance | None:
        """The instance the store's lease names (host = INSTANCE_NAME), if its lease is live."""
        row = self.bench.store.fetchone("SELECT value FROM kv WHERE key = 'sender.lease'")
        if row is None:
            return None
        lease = json.loads(row[0])
        instance = self.instances.get(lease["host"])
        if instance is None or instance.proc is None or instance.proc.pid != lease["pid"]:
            return None
        return instance

    def wait_holder(self, not_: Instance | None = None, timeout: float = 60) -> Instance:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            holder = self.holder()
            if holder is not None and holder is not not_:
                return holder
            time.sleep(0.05)
        raise RuntimeError("no instance took the lease")

    def sent(self) -> int:
        return int(get_json(f"{self.bench.api}/_fake/stats")["by_method"].get("sendMessage", 0))

    def round(self, number: int, rng: random.Random) -> Round:
        bench = self.bench
        title = f"Bench: failover round {number}"
        start_sent = self.sent()
        leader = self.wait_holder()
        arrival = bench.insert_story(title)
        expected = bench.readers / 29.25
        kill_after = rng.uniform(0.1, 0.9) * expected
        while time.time() - arrival < kill_after:
            time.sleep(0.02)
        assert leader.proc is not None
        os.kill(leader.proc.pid, signal.SIGKILL)
        killed_at = time.time()
        leader.proc.wait(timeout=30)
        sends_before_kill = self.sent() - start_sent
        other = self.wait_holder(not_=leader, timeout=60)
        lease_taken = time.time() - killed_at
        print(
            f"  round {number}: {other.name} holds the lease {time.time() - killed_at:.1f} s "
            f"after the kill; restarting {leader.name} as a standby",
            flush=True,
        )
        self.launch(leader)
        deadline = time.monotonic() + expected * 3 + 60
        # the fake's stats only: its request log is large, and serving it holds the fake up
        # long enough for arrivals to bunch (and be refused with 429)
        while self.sent() - start_sent < bench.readers or bench.pending():
            if time.monotonic() > deadline:
                break
            time.sleep(0.5)
        time.sleep(1)  # anything still in flight arrives
        stories = [r for r in bench.sends() if title in r["params"].get("text", "")]
        per_chat: dict[int, list[float]] = {}
        for r in stories:
            per_chat.setdefault(int(r["params"]["chat_id"]), []).append(r["time"])
        times = sorted(r["time"] for r in stories)
        gaps = [b - a for a, b in itertools.pairwise(times)]
        dups = [min(t) for t in per_chat.values() if len(t) > 1]
        refused = [
            r["time"] - killed_at
            for r in get_json(f"{bench.api}/_fake/requests?limit=400000")
            if r["status"] == 429 and r["time"] >= arrival
        ]
        return Round(
            number=number,
            killed=leader.name,
            kill_after=killed_at - arrival,
            sends_before_kill=sends_before_kill,
            delivered=len(per_chat),
            lost=bench.readers - len(per_chat),
            duplicated=sum(len(t) - 1 for t in per_chat.values()),
            dup_age=max((killed_at - t for t in dups), default=0.0),
            longest_gap=max(gaps, default=0.0),
            lease_taken=lease_taken,
            rate_429=refused,
        )

    def stop(self) -> None:
        for instance in self.instances.values():
            if instance.proc is not None and instance.proc.poll() is None:
                instance.proc.send_signal(signal.SIGINT)
                try:
                    instance.proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    instance.proc.kill()


def failover(readers: int, rounds: int, database_url: str | None) -> bool:
    """Rounds of kill -9 of the lease holder; True when every target held."""
    with tempfile.TemporaryDirectory() as tmp, BenchDatabase(database_url, Path(tmp)) as url:
        bench = Bench(Path(tmp), url, readers, limits=True, paid=False)
        fleet = Failover(bench)
        try:
            bench.start_fake()
            bench.seed()
            first, second = fleet.instances.values()
            fleet.launch(first)
            fleet.wait_holder()
            fleet.launch(second)
            rng = random.Random(11)
            results = []
            for number in range(1, rounds + 1):
                result = fleet.round(number, rng)
                result.print()
                results.append(result)
        finally:
            fleet.stop()
            bench.stop()
    delivered = sum(r.delivered for r in results)
    lost = sum(r.lost for r in results)
    duplicated = sum(r.duplicated for r in results)
    gap = max(r.longest_gap for r in results)
    print(
        f"failover: {rounds} rounds x {readers:,} readers | delivered {delivered:,} | lost "
        f"{lost} | duplicated {duplicated} | longest gap {gap:.1f} s | under 15 s: "
        f"{'yes' if gap < 15 else 'NO'}",
        flush=True,
    )
    return lost == 0 and gap < 15 and all(r.dup_age < 5 for r in results)


# --- latency: from the store to the first delivery -----------------------------------------

CHANNEL = -1001000000001


class Feed:
    """An RSS feed served on 127.0.0.1 from this process; remembers when each item was first
    served (the in-process story's arrival: the fetcher stores it a few ms later)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []  # (link, title)
        self.first_served: dict[str, float] = {}
        self.lock = threading.Lock()
        feed = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with feed.lock:
                    items = list(feed.items)
                body = feed.render(items).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.wfile.flush()
                now = time.time()
                with feed.lock:
                    for link, _ in items:
                        feed.first_served.setdefault(link, now)

            def log_message(self, *args: Any) -> None:
                return None

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/feed.xml"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def render(items: list[tuple[str, str]]) -> str:
        published = email.utils.formatdate(usegmt=True)
        entries = "".join(
            f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
            f"<description>A lead for the latency bench.</description>"
            f"<pubDate>{published}</pubDate></item>"
            for link, title in reversed(items)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Bench feed</title><link>http://127.0.0.1/</link>{entries}</channel></rss>"
        )

    def add(self, link: str, title: str) -> None:
        """The feed now holds this one story: the figure is one story's fetch, store, route
        and send, not the re-reading of a growing feed's older items."""
        with self.lock:
            self.items = [(link, title)]

    def close(self) -> None:
        self.server.shutdown()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))]


def latency(stories: int, database_url: str | None, poll_interval: str | None) -> bool:
    """(a) stories INSERTed by another program, (b) stories fetched by newsbot itself, one at a
    time to one channel: seconds from the commit (a) / the feed's response (b) to the post."""
    with tempfile.TemporaryDirectory() as tmp, BenchDatabase(database_url, Path(tmp)) as url:
        bench = Bench(Path(tmp), url, 0, limits=True, paid=False, channels=(CHANNEL,))
        feed = Feed()
        try:
            bench.start_fake()
            bench.seed()
            bench.store.execute(
                "INSERT INTO sources (url, topics, interval) VALUES (?, 'world', 1)", (feed.url,)
            )
            env = bench.env()
            if poll_interval is None:
                env.pop("POLL_INTERVAL")  # newsbot's default (5 s)
            else:
                env["POLL_INTERVAL"] = poll_interval
            bench.start_bot(env)
            rng = random.Random(5)
            external: list[float] = []
            for n in range(stories):
                title = f"Bench latency, another program, story {n}"
                arrival = bench.insert_story(title)
                external.append(bench.wait_post(title) - arrival)
                # posts to one channel at most 20 a minute (Telegram's limit, which the
                # limiter keeps): 3.2 s apart at least, so no story waits for the limit; and
                # 0-5 s more, so that the INSERTs fall at any moment of a 5 s poll interval
                time.sleep(3.2 + rng.uniform(0, 5.0))
            fetched: list[float] = []
            for n in range(stories):
                title = f"Bench latency, fetched in-process, story {n}"
                link = f"https://bench.example.org/fetched/{n}"
                feed.add(link, title)
                posted = bench.wait_post(title)
                fetched.append(posted - feed.first_served[link])
        finally:
            bench.stop()
            feed.close()
    name = backend(database_url)
    interval = poll_interval or "default 5"
    for what, values in (("INSERT by another program", external), ("fetched in-process", fetched)):
        print(
            f"latency [{name}, POLL_INTERVAL {interval}]: {what}: {len(values)} stories, "
            f"p50 {percentile(values, 0.5) * 1000:.0f} ms, "
            f"p99 {percentile(values, 0.99) * 1000:.0f} ms, max {max(values) * 1000:.0f} ms",
            flush=True,
        )
        if os.environ.get("BENCH_DEBUG"):
            print("  each, ms: " + " ".join(f"{v * 1000:.0f}" for v in values))
    return True


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    parser.add_argument("--readers", type=int, help="default 3,000 (10,000 for paid)")
    parser.add_argument(
        "--kills", type=int, default=3, help="kill -9 / SIGTERM count in the crash and stop runs"
    )
    parser.add_argument("--rounds", type=int, default=3, help="kill -9 rounds of failover")
    parser.add_argument("--stories", type=int, default=30, help="stories of each latency part")
    parser.add_argument(
        "--poll-interval",
        help="POLL_INTERVAL for the latency run (default: newsbot's own, 5 s)",
    )
    parser.add_argument(
        "--paid-rate",
        type=float,
        default=2000,
        help="PAID_BROADCAST_RATE for the paid run: above Telegram's 1,000 so that the figure "
        "is the sender's own capacity, not the limiter's pace (default 2000)",
    )
    parser.add_argument(
        "--database-url",
        help="postgresql://user@host:port/db: run on a fresh database of the bench's own on "
        "that server (created, migrated, dropped); default a SQLite file in a temp folder",
    )
    args = parser.parse_args()
    scenarios = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    ok = True
    for scenario in scenarios:
        print(f"[{backend(args.database_url)}] {scenario}", flush=True)
        if scenario == "failover":
            ok &= failover(args.readers or 3_000, args.rounds, args.database_url)
            continue
        if scenario == "latency":
            ok &= latency(args.stories, args.database_url, args.poll_interval)
            continue
        readers = args.readers or (10_000 if scenario == "paid" else 3_000)
        figures = run(scenario, readers, args.kills, args.paid_rate, args.database_url)
        figures.print()
        if scenario in ("limit", "commands"):  # every message counts, replies too
            ok &= figures.rate_all >= 29 and figures.rate_429 <= 3
        elif scenario == "paid":
            ok &= figures.rate >= 1000
        ok &= figures.lost == 0
        if scenario == "commands":
            ok &= len(figures.replies or []) == min(50, readers)  # every command answered
        if scenario != "crash":
            ok &= figures.duplicated == 0
    print("fanout: " + ("all targets met" if ok else "TARGETS MISSED"))
    return 0 if ok else 1


SCENARIOS = ("limit", "commands", "paid", "crash", "stop", "failover", "latency")

if __name__ == "__main__":
    sys.exit(main())

"""Precision and recall of keyword topics (issue 9): real headlines from ../shared/feeds,
labelled in bench/tagging_labels.tsv with the topics an editor gives them, and headlines of
our own with look-alike traps (bench/tagging_own.tsv). The default keyword rules come from
the migrations (a fresh temporary store); each story is tagged by its headline and lead
alone (no tags, no source topics), as keyword rules tag a story with no topic of its own.

    python bench/tagging.py [--feeds ../shared/feeds] [--verbose] [--compare]

Prints micro-averaged precision and recall over (story, topic) pairs, overall and per
language; exits 1 below the targets (precision >= 0.95, recall >= 0.85). `--compare` also
measures pymorphy3 (with its Ukrainian and Russian dictionaries; simplemma for English,
which pymorphy3 lacks) in place of simplemma: the same rules, lemmatized by each.

Labelling policy: an editor's topics for the story's subject. "world" is international
relations (diplomacy, talks between states, sanctions, NATO, the UN); a foreign country's
domestic story gets its subject's topic (a world-news feed is added with `--topics world`,
and its source's topic stands alone). Accidents, weather and local life are "society".
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import importlib.metadata
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import bot.lemmas
from bot.ingest.parse import parse_document
from bot.ingest.topics import assign_topics, rule_lemmas
from bot.models import Topic
from bot.store.store import Store

HERE = Path(__file__).resolve().parent
LABELS = HERE / "tagging_labels.tsv"
OWN = HERE / "tagging_own.tsv"
DEFAULT_FEEDS = HERE.parent.parent / "shared" / "feeds"
PRECISION_TARGET = 0.95
RECALL_TARGET = 0.85


@dataclass(frozen=True, slots=True)
class Case:
    group: str  # "feeds" or "own"
    kind: str  # "story" or "trap"
    language: str
    title: str
    lead: str
    expected: frozenset[str]
    where: str  # the item's link, or "own"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _topics(cell: str) -> frozenset[str]:
    return frozenset(t for t in cell.split(",") if t and t != "-")


def load_cases(feeds: Path) -> list[Case]:
    """The labelled feed items (read from the feeds by link) and our own headlines."""
    items: dict[tuple[str, str], tuple[str, str]] = {}
    cases: list[Case] = []
    for row in _rows(LABELS):
        feed = row["feed"]
        if (feed, row["link"]) not in items:
            parsed = parse_document((feeds / feed).read_bytes(), name=feed)
            for item in parsed.items:
                items.setdefault((feed, item.url), (item.title, item.lead))
        found = items.get((feed, row["link"]))
        if found is None:
            raise SystemExit(f"{feed}: no item with link {row['link']}")
        title, lead = found
        expected = _topics(row["topics"])
        cases.append(Case("feeds", "story", row["language"], title, lead, expected, row["link"]))
    for row in _rows(OWN):
        expected = _topics(row["topics"])
        cases.append(
            Case("own", row["kind"], row["language"], row["headline"], "", expected, "own")
        )
    return cases


async def default_topics() -> list[Topic]:
    with tempfile.TemporaryDirectory() as folder:
        async with Store(str(Path(folder) / "bench.db")) as store:
            return await store.topics.all()


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[str], expected: frozenset[str]) -> None:
        self.tp += len(got & expected)
        self.fp += len(got - expected)
        self.fn += len(expected - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str, stories: int) -> str:
        return (
            f"{name:<22} {stories:>4} stories  precision {self.precision:.3f}"
            f"  recall {self.recall:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def evaluate(
    cases: list[Case], topics: list[Topic], *, verbose: bool
) -> tuple[Score, dict[str, tuple[Score, int]]]:
    total = Score()
    groups: dict[str, tuple[Score, int]] = {}
    for case in cases:
        got = set(
            assign_topics(
                title=case.title,
                lead=case.lead,
                tags=(),
                source_topics=(),
                topics=topics,
                keyword_tagging="always",
            )
        )
        total.add(got, case.expected)
        for name in (f"{case.group}: {case.language}", f"kind: {case.kind}"):
            score, count = groups.get(name, (Score(), 0))
            score.add(got, case.expected)
            groups[name] = (score, count + 1)
        if verbose and got != case.expected:
            extra, missed = sorted(got - case.expected), sorted(case.expected - got)
            print(f"  {case.language} +{extra} -{missed}  {case.title[:90]}")
    return total, groups


def clear_caches() -> None:
    for cached in (bot.lemmas.lemma, bot.lemmas.word_lemmas):
        clear = getattr(cached, "cache_clear", None)
        if clear is not None:
            clear()


def time_lemmas(cases: list[Case]) -> float:
    """Seconds per 1,000 headlines (headline and lead), dictionaries loaded, caches empty."""
    bot.lemmas.lemmas("Київ Москва London")  # load the dictionaries first
    clear_caches()
    start = time.perf_counter()
    for case in cases:
        bot.lemmas.lemmas(f"{case.title} {case.lead}")
    return (time.perf_counter() - start) / len(cases) * 1000


def installed_mb(*dists: str) -> float:
    size = 0
    for dist in dists:
        for file in importlib.metadata.files(dist) or []:
            path = Path(str(file.locate()))
            if path.is_file():
                size += path.stat().st_size
    return size / 1e6


def pymorphy_lemma() -> Callable[[str], str]:
    """pymorphy3's first parse for Cyrillic words (Ukrainian, then Russian), simplemma's
    lemma (as bot.lemmas) for the rest."""
    import pymorphy3

    analyzers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}
    original = bot.lemmas.lemma

    def lemma(word: str) -> str:
        folded = bot.lemmas.normalize_word(word)
        if folded in bot.lemmas.EXCEPTIONS:
            return bot.lemmas.EXCEPTIONS[folded]
        langs = bot.lemmas._languages(folded)
        if not langs or langs == ("en",) or bot.lemmas._is_acronym(word):
            return original(word)
        for lang in langs:
            parses = analyzers[lang].parse(folded)
            if parses and parses[0].is_known:
                return str(parses[0].normal_form)
        return str(analyzers[langs[0]].parse(folded)[0].normal_form)

    return lemma


def report(name: str, cases: list[Case], topics: list[Topic], verbose: bool) -> Score:
    total, groups = evaluate(cases, topics, verbose=verbose)
    print(f"== {name}")
    print(total.line("all", len(cases)))
    for group in sorted(groups):
        score, count = groups[group]
        print(score.line(group, count))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=Path, default=DEFAULT_FEEDS)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument("--compare", action="store_true", help="also measure pymorphy3")
    args = parser.parse_args(argv)
    cases = load_cases(args.feeds)
    topics = asyncio.run(default_topics())
    languages = Counter(f"{c.group}/{c.language}" for c in cases)
    print("headlines:", ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    total = report("simplemma (bot/lemmas.py)", cases, topics, args.verbose)
    print(
        f"simplemma: {time_lemmas(cases):.3f} s per 1,000 headlines;"
        f" installed {installed_mb('simplemma'):.1f} MB"
    )
    if args.compare:
        simplemma_lemma = bot.lemmas.lemma
        try:
            clear_caches()
            bot.lemmas.lemma = pymorphy_lemma()  # type: ignore[assignment]
            relemmatized = [
                Topic(t.slug, t.title_en, t.title_uk, tuple(rule_lemmas(k) for k in t.keywords))
                for t in topics
            ]
            report("pymorphy3 (uk, ru) + simplemma (en)", cases, relemmatized, args.verbose)
            seconds = time_lemmas(cases)
            size = installed_mb("pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru")
            size += installed_mb("dawg2-python")
            print(
                f"pymorphy3: {seconds:.3f} s per 1,000 headlines;"
                f" installed {size:.1f} MB (+ simplemma for English)"
            )
        finally:
            bot.lemmas.lemma = simplemma_lemma
            clear_caches()
    ok = total.precision >= PRECISION_TARGET and total.recall >= RECALL_TARGET
    print(
        f"targets: precision >= {PRECISION_TARGET}, recall >= {RECALL_TARGET}:"
        f" {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

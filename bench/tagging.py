"""Precision and recall of keyword topics (issue 9): real headlines from ../shared/feeds,
labelled in bench/tagging_labels.tsv with the topics editors give them, and headlines of
our own with look-alike traps (bench/tagging_own.tsv). The default keyword rules come from
the migrations (a fresh temporary store); each story is tagged by its headline and lead
alone (no tags, no source topics), as keyword rules tag a story with no topic of its own.

    python bench/tagging.py [--feeds ../shared/feeds] [--verbose [--show-held-out]] [--compare]
                            [--variants]

The data: 1,087 feed stories (1,057 English: ABC Australia 25, CBS World 30, WSJ World 20,
ABC News International 25, NPR World 10, Dawn World 30, NDTV 20, and 897 of 15 more feeds,
Reuters 499, The Guardian, El Pais English, The Week, allAfrica, Japan Today, Mint, Foreign
Policy, Washington Post wellness, Talking Points Memo, TechCrunch, Rest of World, MercoPress,
Al-Monitor, Macworld; 30 Russian: LIGA 20, an Orenburg feed 10; no Ukrainian feed exists in
../shared/feeds) and 798 of our own (318 Ukrainian, 4 Russian, 476 English; 25 of them traps;
7 written with migration 0025; 28, part "ukrainian fresh", written and labelled by one
editor after 0026, before the tagger ran on them: 0.889 / 0.632; the last 80, part
"ukrainian fresh 2", written and labelled by a helper who saw no rule, code or headline of
the project, told only the topics' definitions, and committed before the tagger ran on
them: 0.847 / 0.555 with 0027's rules, 0.928 / 0.700 with migration 0028's Ukrainian
glossary, written blind beside them and pruned on the other parts only; the last 80, part
"ukrainian fresh 3", written the same way by another helper after 0028: 0.952 / 0.687, the
first measure, with 0028's and 0029's rules and lemmas; the "topics" column of both sets
filled afterwards by a further helper who saw only their headlines: scored by two editors,
the second set 0.849 / 0.583 without 0028's rules and 0.929 / 0.757 with them, the third
0.947 / 0.683 and 0.952 / 0.750; the last 160, parts "ukrainian fresh 4" and "english fresh
4", written and labelled the same way after 0029 by two more helpers (80 Ukrainian, 80
English wire headlines), labelled again by two more who saw only the headlines, committed
before the tagger ran on them: 0.953 / 0.748 and 0.887 / 0.706, the first measure; the
Ukrainian 0.958 / 0.845 with `Evidence.home_war` and `home_abroad`, chosen on the Ukrainian
sets read before, and measured on it in aggregate only); the last 80, part "english fresh
5", written and labelled the same way after that policy and migration 0030: 0.879 / 0.768,
the first measure; the last 100, part "english fresh 6", smaller stories of many countries,
the same way: 0.879 / 0.677, the first measure, and 0.879 / 0.744 with migration 0031's
English glossary, written blind and pruned on every other part; the last 100, part "english
fresh 7", mostly Africa, Latin America, Asia and Europe's smaller states, written the same way
after 0031 and the wider foreign-states list: 0.878 / 0.807, the first measure, 0.882 / 0.765
without 0031's rules); the last 100, part "english fresh 8", written the same way
in a later session, about ten of each topic: 0.926 / 0.802, the first measure).
Only the labels are kept here (feed file, item link, topics), never the feeds' text.

Two editors. Editor A ("topics") gave the story's main topic as a rule: "world" only for
relations between states (diplomacy, talks, sanctions, NATO, the UN), accidents, weather and
local life "society". Editor B ("topics_b") labelled later and blind, from a listing of the
headline and lead alone, without the tagger's output or A's column, as an editor of a
Ukrainian news agency: every topic that applies (1-3), "world" also for a foreign state's
politics. Our own headlines of 0025, 0026 and the first Ukrainian set carry B's topics only
(A: "?"); the second and third Ukrainian sets carry two blind helpers' labels, the sets'
writer's as B and a labeller's who saw only the headlines as A, from the same definitions.

Scoring, micro-averaged over (story, topic) pairs: a topic the tagger gives is correct
(precision) when either editor gave it; a topic is required (recall) when both gave it,
i.e. acceptable = union, required = intersection (one editor's set where only one labelled).
Each editor alone is scored too, and their agreement printed (pairs both gave among those
either gave). Exits 1 below the targets (precision >= 0.95, recall >= 0.85).

Fifteen parts, printed apart, from the most looked at to the least:
- tuning: the rules of 0006 were developed while looking at the tagger's misses on it;
- held out (HELD_OUT: WSJ World, Orenburg): not looked at while 0006's rules changed after
  the second labelling, though its first rules were written while looking at them;
- fresh held out (FRESH: ABC News International, NPR World, Dawn World, NDTV): labelled in
  two blind passes (B's topics, then A's as a stricter desk editor with B's pass hidden)
  before the tagger ran on them; the assignment policy was chosen on its figures;
- second fresh (FRESH_2, 67 stories of the 11 more feeds) and third fresh (the "part"
  column, 78 stories): labelled the same way, before migration 0015's rules; their misses
  were looked at while 0015's rules and `Evidence.relative` were written (the second's for
  the first draft, the third's for the second), so their figures are optimistic too;
- fourth fresh (75 stories): labelled the same way before 0015's second draft; its misses
  were read for migration 0017, once the fifth set was labelled;
- fifth fresh (113 stories, three feeds new to the bench among them): labelled by two
  labellers who never saw the tagger or each other's labels, committed before the tagger ran
  on them; measured once with 0017's rules, then its misses were read for migration 0018;
- sixth fresh (128 stories): labelled the same way and committed before 0018 was written;
  measured once with 0017's and once with 0018's rules, then read for migration 0019;
- seventh fresh (126 stories, Macworld new to the bench): labelled the same way and
  committed before 0019 was written; measured once with 0019's rules, then read for 0020;
- eighth fresh (120 Reuters stories): labelled the same way and committed before the
  seventh set's misses were read; measured once with 0019's and once with 0020's rules;
- ninth fresh (120 stories, Reuters and Macworld): labelled the same way and committed
  before the eighth set's misses were read;
- tenth fresh (103 stories, the feeds' last unlabelled items): labelled the same way and
  committed after the ninth was measured: the honest figure for what was chosen then;
- ukrainian fresh (28 Ukrainian headlines of our own, in bench/tagging_own.tsv): written and
  labelled by editor B alone after migration 0026 and committed before the tagger ran on
  them; its misses were read for 0026's acronyms and words in capitals, which moved none;
- ukrainian fresh 2 (80 Ukrainian news-agency headlines, in bench/tagging_own.tsv): written
  and labelled by a helper blind to the project, committed before the tagger ran on them;
  measured once before and once with 0028's glossary, written by another blind helper from
  the topics' definitions and pruned on the other parts; its misses read afterwards for
  migration 0029 (an unknown noun's plural, "шахедів") and the glossary's misspelt
  "охмадит" (Охматдит), which moved two of them (0.929 / 0.718 by B alone now);
- ukrainian fresh 3 (80 more, the same way, committed after 0028): read after the fourth
  sets were committed, for the Ukrainian policy of `Evidence.home_war` and `home_abroad`;
- ukrainian fresh 4 (80, committed after 0029): never read, measured in aggregate only;
- english fresh 4 and 5 (80 each, committed with it and after 0030): read after their first
  measure; a few of their missed words were given to 0031's writer as examples of the kind,
  and 0031 was pruned on them with the other parts read;
- english fresh 6 (100, committed before 0031): never read, measured in aggregate while
  0031's glossary was pruned on the other parts;
- english fresh 7 (100, committed after 0031): never read, measured once;
- english fresh 8 (100, committed in a later session): never read, measured once.
`--verbose` lists misses on the tuning part only (`--show-held-out`: on every part).

The assignment policy (bot.ingest.topics.Evidence: a headline hit scores 2, a hit in the
lead's first three sentences 1, a topic needs 2, at most 3 topics, one beside the best needs
0.75 of its score; with no topic at 2, a clear best alone (no tie); the foreign-states
signal for "world", which stands beside a stronger topic; in a Cyrillic headline war stands
beside a stronger topic too, and one foreign state but Russia is world); `--variants` prints each of
VARIANTS on every part.
Measured (two editors, precision / recall), with 0021's glossary and three lead sentences:
all 1,150 0.920 / 0.808 (1,157 with 0025's 7 own headlines: 0.920 / 0.808; with 0028's
Ukrainian glossary 0.920 / 0.806, three Ukrainian own headlines of the tuning part losing a
second topic to the first's stronger score; all 1,345 with 0029: 0.922 / 0.797; all 1,505 with
the fourth sets and the Ukrainian policy: 0.920 / 0.806; all 1,585 with the fifth English
set: 0.918 / 0.803; all 1,685 with the sixth and 0031's English glossary: 0.916 / 0.811,
0.916 / 0.795 without the glossary; all 1,785 with the seventh and the wider list of states:
0.915 / 0.812; all 1,885 with the eighth: 0.915 / 0.812); tenth fresh
0.955 / 0.788 (unseen; 0.923 / 0.712 with 0020's rules and two lead sentences); ninth fresh
0.937 / 0.803 (0.911 / 0.762 with 0020's rules and two sentences, 0.924 / 0.779 with three:
both unseen; 0021's English glossary was measured on it once beside those, and the tenth was
labelled after). Earlier sets while unseen: the eighth 0.915 / 0.785 with 0019's rules and
0.916 / 0.793 with 0020's; the seventh 0.792 / 0.649 with 0019's; the sixth 0.841 / 0.599
with 0018's; the fifth 0.857 / 0.616 with 0017's. The words of 0017-0020, written from the
misses of the set before, moved that set and hardly the next; 0021's glossary, written from
the topics' definitions by writers who never saw these headlines (and pruned of 15 words
that added a wrong topic on the eight parts looked at), moved sets it had never seen. A
second such glossary (1,366 English rules) measured 0.942 / 0.805 on the ninth and tenth
together against 0.945 / 0.796 and was not kept: more words no longer move the figures. The
targets are not met; a person meets them: a third editor (EDITOR_C), blind, scores 0.948 /
0.947 on the seventh and 0.994 / 0.975 on the eighth. The editors A and B agree on 0.53 of
the pairs either gave (0.41-0.79 by part: B gives "world" to nearly every foreign story, A
only to relations between states). An ML check by hand (a logistic regression on headline
and lead lemmas and the rules' topics, trained on every other part) measured 0.766 / 0.702
on the seventh: no better.

It also counts how many forms of the rules' Ukrainian and Russian words (the paradigms in
pymorphy3's dictionaries, in the word's part of speech) lemmatize to their rule word in a
text of the form's language (a Russian form in a Russian story), so that the rule matches
them: 0.982 of 33,154 forms of 2,567 words with 0024's rules and lemmas (a Russian story's
words read as Russian, pymorphy3's Russian ranking), 0.970 with every form read Ukrainian
first (0022's lemmatizer), 0.872 with simplemma alone; 13 words whose forms mostly miss,
against 35 and 205 (noun homographs such as "банки", a bank's or a jar's). With 0025's (a
woman's title is the man's lemma, nine women's rules the men's, eight merged; a common noun
not a name's, two rules rewritten; "ритейлер" as "ретейлер"): 0.983 of 33,075 forms of 2,561
words, 12 mostly missing; 0.872 and 203 with simplemma alone. The headlines' figures are the
same either way (their Cyrillic words are common ones simplemma knows; 0025 changed the
topics of none of the 1,150). And the forms of the women's words of the rules' nouns of
persons ("депутатку" of the rule "депутат", `women_forms`) that meet the man's rule: 0.994
of 1,975 forms of 170 words with 0025's lemmas, 0.003 before ("виборниця" is "виборник",
which the dictionaries also know). And the rules' phrases of adjectives and a noun in every
case and number, agreed (`phrase_forms`: "золотої бутси", "золоті бутси" of "золотий
бутса"), that their rule matches: 1.000 of 7,189 forms of 741 phrases as 0026 matches them
(each word by its readings), 0.965 by each word's lemma alone, as before. Forms made from
pymorphy3's dictionaries meet readings taken from the same dictionaries: the first figure
says the matching reaches every dictionary form; the second, how far lemmas alone fall short.

`--compare` also measures pymorphy3 first (with its Ukrainian and Russian dictionaries;
simplemma for English, which pymorphy3 lacks) in place of simplemma first: the same rules,
lemmatized by each (0.920 / 0.808 on all headlines, as shipped).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import importlib.metadata
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import bot.text.lemmas
from bot.ingest.formats import parse_document
from bot.ingest.topics import (
    ANY_HIT,
    EVIDENCE,
    Evidence,
    assign_topics,
    keyword_matches,
    rule_lemmas,
)
from bot.models import Topic
from bot.store.store import Store

HERE = Path(__file__).resolve().parent
LABELS = HERE / "tagging_labels.tsv"
OWN = HERE / "tagging_own.tsv"
EDITOR_C = HERE / "tagging_editor_c.tsv"
DEFAULT_FEEDS = HERE.parent.parent / "shared" / "feeds"
PRECISION_TARGET = 0.95
RECALL_TARGET = 0.85
# Feeds whose items were not looked at (the tagger's output on them) while rules changed.
HELD_OUT = frozenset(
    {"fastfeedparser-wsj-world__4288464f77b21d15.xml", "node-feedparser__iconv.xml"}
)
# Feeds labelled after the rules were written, before the tagger ever ran on them (their
# labels were committed first): the assignment policy (`Evidence`) was chosen on these.
FRESH = frozenset(
    {
        "fastfeedparser-abcnews-intl__f9c17f360c71def1.xml",
        "fastfeedparser-npr-world__7be307059415227d.xml",
        "fastfeedparser-dawn-world__ce5f942d1cd40fc0.xml",
        "fastfeedparser-ndtv__08f1ee71883dbcde.xml",
    }
)
# Feeds labelled on 2026-11-30, before the second revision of the rules (migration 0015) and
# before the tagger ever ran on them: the rules of 0015 were written without looking at them.
FRESH_2 = frozenset(
    {
        "fastfeedparser-theweek__16dc10cf98d1ee82.xml",
        "fastfeedparser-foreignpolicy__d87c1681464979cc.xml",
        "fastfeedparser-japantoday-world__18138c717652f678.xml",
        "fastfeedparser-elpais-en__660a52f7dc6a1948.xml",
        "fastfeedparser-mercopress__e8fa5b64a4b41322.xml",
        "fastfeedparser-almonitor__72fea1ebfd02e90a.xml",
        "fastfeedparser-allafrica__6040d25e925318ed.xml",
        "fastfeedparser-restofworld__14333881097406c7.xml",
        "rss-parser__guardian.xml",
        "wl__reuters.xml",
        "rsparser__livemint.xml",
    }
)
PARTS = (
    "tuning",
    "held out",
    "fresh held out",
    "second fresh",
    "third fresh",
    "fourth fresh",
    "fifth fresh",
    "sixth fresh",
    "seventh fresh",
    "eighth fresh",
    "ninth fresh",
    "tenth fresh",
    "ukrainian fresh",
    "ukrainian fresh 2",
    "ukrainian fresh 3",
    "ukrainian fresh 4",
    "english fresh 4",
    "english fresh 5",
    "english fresh 6",
    "english fresh 7",
    "english fresh 8",
)
# The assignment policies compared by --variants (see bot.ingest.topics.Evidence).
VARIANTS: dict[str, Evidence] = {
    "any hit (former)": ANY_HIT,
    "any hit + states": replace(ANY_HIT, countries=True),
    "h2 l1 >=2, at most 3": Evidence(countries=False, fallback=False),
    "h2 l1 >=2, 2": Evidence(most=2, countries=False, fallback=False),
    "h2 l1 >=2, 3, fallback": Evidence(countries=False),
    "h2 l1 >=2, 3 + states, no share": Evidence(relative=0.0, fallback=False),
    "0015's policy (lead, 0.6, share)": Evidence(
        relative=0.6, lead_sentences=None, states_share=True, fallback=False
    ),
    "0017's policy (no fallback)": Evidence(fallback=False),
    "h2 l1 >=2, 2 + states": Evidence(most=2, fallback=False),
    "h2 l1 >=2, 3, fb + states": Evidence(),
    "h2 l1 >=2, 3 + states any": Evidence(teams=None, fallback=False),
    "any hit + states any": replace(ANY_HIT, countries=True, teams=None),
}


@dataclass(frozen=True, slots=True)
class Case:
    group: str  # "feeds" or "own"
    kind: str  # "story" or "trap"
    language: str
    title: str
    lead: str
    editor_a: frozenset[str] | None  # None: not labelled by this editor ("?")
    editor_b: frozenset[str] | None
    where: str  # the item's link, or "own"
    feed: str = ""  # the feed file, "" for our own
    labelled_part: str = ""  # the label file's "part" column, where it names one

    @property
    def editors(self) -> list[frozenset[str]]:
        return [e for e in (self.editor_a, self.editor_b) if e is not None]

    @property
    def acceptable(self) -> frozenset[str]:
        """A predicted topic is correct when either editor gave it."""
        return frozenset().union(*self.editors)

    @property
    def required(self) -> frozenset[str]:
        """A topic must be found when both editors gave it (the one editor's, if one)."""
        first, *others = self.editors
        return first.intersection(*others)

    @property
    def held_out(self) -> bool:
        return self.part != "tuning"

    @property
    def part(self) -> str:
        """Tuning (rules and policy looked at), held out (rules), fresh (policy chosen), second
        fresh (0015's rules tuned), third and fourth fresh (the label file's part column;
        read for 0015's second draft and 0017), fifth and sixth fresh (read for 0018 and
        0019), seventh fresh (read for 0020), eighth fresh (0021's glossary pruned on it with
        the parts above), ninth and tenth fresh (never looked at but in aggregate)."""
        if self.labelled_part:
            return self.labelled_part
        if self.feed in FRESH_2:
            return "second fresh"
        if self.feed in FRESH:
            return "fresh held out"
        if self.feed in HELD_OUT:
            return "held out"
        return "tuning"


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t")


def _topics(cell: str) -> frozenset[str] | None:
    if cell.strip() == "?":
        return None
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
        a, b = _topics(row["topics"]), _topics(row["topics_b"])
        part = row.get("part") or ""
        if part and part not in PARTS:
            raise SystemExit(f"{feed}: unknown part {part!r}")
        cases.append(
            Case("feeds", "story", row["language"], title, lead, a, b, row["link"], feed, part)
        )
    for row in _rows(OWN):
        a, b = _topics(row["topics"]), _topics(row["topics_b"])
        part = row.get("part") or ""
        if part and part not in PARTS:
            raise SystemExit(f"{OWN.name}: unknown part {part!r}")
        cases.append(
            Case("own", row["kind"], row["language"], row["headline"], "", a, b, "own", "", part)
        )
    return cases


async def default_topics() -> list[Topic]:
    with tempfile.TemporaryDirectory() as folder:
        async with Store(str(Path(folder) / "bench.db")) as store:
            return await store.topics.all()


@dataclass(slots=True)
class Score:
    stories: int = 0
    predicted: int = 0  # (story, topic) pairs the tagger gave
    correct: int = 0  # of those, pairs the editor(s) accept
    required: int = 0  # pairs the editor(s) require
    found: int = 0  # of those, pairs the tagger gave

    def add(self, got: set[str], acceptable: frozenset[str], required: frozenset[str]) -> None:
        self.stories += 1
        self.predicted += len(got)
        self.correct += len(got & acceptable)
        self.required += len(required)
        self.found += len(got & required)

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    def line(self, name: str) -> str:
        return (
            f"{name:<22} {self.stories:>4} stories  precision {self.precision:.3f}"
            f" ({self.correct}/{self.predicted})  recall {self.recall:.3f}"
            f" ({self.found}/{self.required})"
        )


@dataclass(slots=True)
class Group:
    both: Score  # acceptable: either editor's topic; required: both editors' topic
    a: Score  # editor A alone
    b: Score  # editor B alone


def _new_group() -> Group:
    return Group(Score(), Score(), Score())


def _group_names(case: Case) -> list[str]:
    names = [f"{case.group}: {case.language}", f"kind: {case.kind}"]
    names.append(f"part: {case.part}")
    return names


def tag(case: Case, topics: list[Topic], evidence: Evidence = EVIDENCE) -> set[str]:
    """A story's topics from its headline and lead alone, keyword rules always on."""
    return set(
        assign_topics(
            title=case.title,
            lead=case.lead,
            tags=(),
            source_topics=(),
            topics=topics,
            keyword_tagging="always",
            evidence=evidence,
        )
    )


def evaluate(
    cases: list[Case],
    topics: list[Topic],
    *,
    verbose: bool,
    show_held_out: bool = False,
    evidence: Evidence = EVIDENCE,
) -> tuple[Group, dict[str, Group]]:
    total = _new_group()
    groups: dict[str, Group] = {}
    for case in cases:
        got = tag(case, topics, evidence)
        for group in (total, *(groups.setdefault(n, _new_group()) for n in _group_names(case))):
            group.both.add(got, case.acceptable, case.required)
            if case.editor_a is not None:
                group.a.add(got, case.editor_a, case.editor_a)
            if case.editor_b is not None:
                group.b.add(got, case.editor_b, case.editor_b)
        extra, missed = sorted(got - case.acceptable), sorted(case.required - got)
        if verbose and (extra or missed) and (show_held_out or not case.held_out):
            print(f"  {case.language} +{extra} -{missed}  {case.title[:90]}")
    return total, groups


def agreement(cases: list[Case]) -> str:
    """How far the two editors agree: (story, topic) pairs both gave among those either gave,
    and stories given the very same topics."""
    pairs = [(c.editor_a, c.editor_b) for c in cases]
    labelled = [(a, b) for a, b in pairs if a is not None and b is not None]
    both = sum(len(a & b) for a, b in labelled)
    either = sum(len(a | b) for a, b in labelled)
    same = sum(a == b for a, b in labelled)
    if not labelled:
        return f"labelled by one editor alone ({len(cases)} stories)"
    return (
        f"agreement of editors A and B on the {len(labelled)} stories both labelled:"
        f" {both}/{either} = {both / either:.3f} of the (story, topic) pairs either gave,"
        f" both gave; the same topics on {same}/{len(labelled)} stories;"
        f" A gave {sum(len(a) for a, _ in labelled)} pairs, B {sum(len(b) for _, b in labelled)}"
    )


def third_editor(cases: list[Case], topics: list[Topic]) -> None:
    """A third editor's labels (EDITOR_C) scored as the tagger is, on the stories they
    labelled, beside the tagger's score on the same stories: what a person reaches."""
    labels = {(row["feed"], row["link"]): _topics(row["topics"]) for row in _rows(EDITOR_C)}
    by_part: dict[str, tuple[Score, Score]] = {}  # (editor C, tagger)
    for case in cases:
        given = labels.get((case.feed, case.where))
        if given is not None:
            person, tagger = by_part.setdefault(case.part, (Score(), Score()))
            person.add(set(given), case.acceptable, case.required)
            tagger.add(tag(case, topics), case.acceptable, case.required)
    print("-- a third editor (bench/tagging_editor_c.tsv), scored as the tagger is")
    for part in (p for p in PARTS if p in by_part):
        person, tagger = by_part[part]
        print(person.line(f"editor C: {part}"))
        print(tagger.line(f"tagger: {part}"))


def compare_variants(cases: list[Case], topics: list[Topic]) -> None:
    """Each assignment policy of VARIANTS on the tuning part and the held-out parts (two
    editors' scoring): the policy is picked by the fresh held-out figures."""
    print(f"== assignment policies (two editors; {' | '.join(PARTS)} | all)")
    for name, evidence in VARIANTS.items():
        total, groups = evaluate(cases, topics, verbose=False, evidence=evidence)
        parts = [groups[f"part: {p}"].both for p in PARTS]
        cells = [f"P {s.precision:.3f} R {s.recall:.3f}" for s in (*parts, total.both)]
        print(f"{name:<26} " + " | ".join(cells))


def clear_caches() -> None:
    for cached in (
        bot.text.lemmas.lemma,
        bot.text.lemmas.word_lemmas,
        bot.text.lemmas.morphology_forms,
        bot.text.lemmas.ranked_lemma,
        bot.text.lemmas._known_parses,
    ):
        clear = getattr(cached, "cache_clear", None)
        if clear is not None:
            clear()


def time_lemmas(cases: list[Case]) -> float:
    """Seconds per 1,000 headlines (headline and lead), dictionaries loaded, caches empty."""
    for text in ("Київ піаніста", "Ракеты попали", "London"):  # load the dictionaries first
        bot.text.lemmas.lemmas(text)
    clear_caches()
    start = time.perf_counter()
    for case in cases:
        bot.text.lemmas.lemmas(f"{case.title} {case.lead}")
    return (time.perf_counter() - start) / len(cases) * 1000


CYRILLIC = re.compile("[а-яёіїєґ]")


def rule_forms(topics: list[Topic]) -> dict[str, set[tuple[str, str]]]:
    """Each Cyrillic word of the default rules and its forms, each with its language: the
    lexemes of pymorphy3's dictionary parses (Ukrainian and Russian) whose normal form is the
    word, in the part of speech of the parse."""
    import pymorphy3

    analyzers = [(lang, pymorphy3.MorphAnalyzer(lang=lang)) for lang in ("uk", "ru")]
    words = {w for t in topics for k in t.keywords for w in k.split() if CYRILLIC.search(w)}
    forms: dict[str, set[tuple[str, str]]] = {}
    for word in sorted(words):
        found = {
            (str(form.word).replace("ё", "е"), lang)
            for lang, analyzer in analyzers
            for parse in analyzer.parse(word)
            if parse.is_known and str(parse.normal_form).replace("ё", "е") == word
            for form in parse.lexeme
            if form.tag.POS == parse.tag.POS  # a participle's forms, not its verb's
        }
        if len({form for form, _ in found}) > 1:
            forms[word] = found
    return forms


def form_coverage(forms: dict[str, set[tuple[str, str]]]) -> str:
    """How many of the rules' word forms lemmatize to their rule word (what a rule matches)
    in a text of the form's language (a Russian form in a Russian story)."""
    clear_caches()

    def meets(word: str, form: str, lang: str) -> bool:
        return bot.text.lemmas.lemma(form, lang) == word

    return _coverage(forms, meets, "words")


def _coverage(
    forms: dict[str, set[tuple[str, str]]], meets: Callable[[str, str, str], bool], unit: str
) -> str:
    """How many forms (each with its language) meet what they are forms of, in all and by
    what they are forms of."""
    hits = {what: sum(meets(what, *form) for form in fs) for what, fs in forms.items()}
    met = sum(hits.values())
    total = sum(len(fs) for fs in forms.values())
    under = sum(hits[what] * 2 < len(fs) for what, fs in forms.items())
    return (
        f"{met / total:.3f} ({met}/{total} forms of {len(forms)} {unit});"
        f" {unit} whose forms mostly miss: {under}"
    )


# A man's word and its woman's: each man's ending and the woman's that replaces it (the
# inverse of bot.text.lemmas.FEMININE), to find the women's words of the rules' person nouns.
WOMEN: dict[str, tuple[tuple[str, str], ...]] = {
    lang: tuple((man, woman) for woman, men in rules for man in men)
    for lang, rules in bot.text.lemmas.FEMININE.items()
}


def women_forms(topics: list[Topic]) -> dict[str, set[tuple[str, str]]]:
    """The forms of the women's words of the default rules' nouns of persons (a rule
    "депутат": every form of "депутатка"), each with its language: the words pymorphy3's
    dictionary knows, a woman first ("митниця", customs, is no "митник"'s)."""
    lemmas = bot.text.lemmas
    words = {k for t in topics for k in t.keywords if CYRILLIC.search(k) and " " not in k}
    forms: dict[str, set[tuple[str, str]]] = {}
    for word in sorted(words):
        for lang, pairs in WOMEN.items():
            if not lemmas._is_person(lemmas._known_parses(word, lang), word, "masc"):
                continue
            for man, woman in pairs:
                if not word.endswith(man):
                    continue
                candidate = word[: len(word) - len(man)] + woman
                parses = lemmas._known_parses(candidate, lang)
                if parses and lemmas._is_person(parses[:1], candidate, "femn"):
                    forms.setdefault(word, set()).update(
                        (str(form.word).replace("ё", "е"), lang)
                        for form in parses[0].lexeme
                        if form.tag.POS == "NOUN"
                    )
    return forms


CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def _agreed(adjectives: list[Any], noun: Any) -> set[str]:
    """A phrase of adjectives and a noun in every case and number, the adjectives agreeing
    with the noun (gender in the singular, animacy in the accusative where it shows)."""
    phrases = set()
    for number in ("sing", "plur"):
        for case in CASES:
            head = _inflect(noun, {case, number})
            if head is None:
                continue
            wanted = {case, number}
            if number == "sing" and noun.tag.gender:
                wanted.add(noun.tag.gender)
            if case == "accs" and (number == "plur" or noun.tag.gender == "masc"):
                wanted.add("anim" if "anim" in noun.tag else "inan")
            words = [_inflect(adjective, wanted) for adjective in adjectives]
            if all(words):
                phrases.add(" ".join([*(str(w.word) for w in words), str(head.word)]))
    return {phrase.replace("ё", "е") for phrase in phrases}


def _inflect(parse: Any, grammemes: set[str]) -> Any:
    """A parse's form of these grammemes; the Ukrainian dictionary marks no singular (a
    gender says it), so without "sing" where that fails."""
    return parse.inflect(grammemes) or (
        parse.inflect(grammemes - {"sing"}) if "sing" in grammemes else None
    )


def phrase_forms(topics: list[Topic]) -> dict[str, set[tuple[str, str]]]:
    """The forms of the default rules' Cyrillic phrases of adjectives and a noun ("золотий
    бутса": "золотої бутси", "золоті бутси", ...), each with its language: every case and
    number, agreed, of the phrases whose words pymorphy3's dictionary of one language knows
    as such."""
    lemmas = bot.text.lemmas
    rules = {k for t in topics for k in t.keywords if CYRILLIC.search(k) and " " in k}
    forms: dict[str, set[tuple[str, str]]] = {}
    for rule in sorted(rules):
        *first, last = rule.split()
        for lang in lemmas.MORPHOLOGY:

            def parses(word: str, kinds: tuple[str, ...], lang: str = lang) -> list[Any]:
                found = lemmas._known_parses(word, lang)
                return [p for p in found if p.normal_form == word and p.tag.POS in kinds]

            nouns = parses(last, ("NOUN",))
            adjectives = [parses(word, ("ADJF", "PRTF")) for word in first]
            if nouns and all(adjectives):
                agreed = _agreed([found[0] for found in adjectives], nouns[0])
                if agreed:
                    forms[rule] = {(phrase, lang) for phrase in agreed}
                    break
    return forms


def phrase_coverage(forms: dict[str, set[tuple[str, str]]], *, readings: bool = True) -> str:
    """How many of the rules' phrase forms their rule matches in a text of the form's
    language: each word one of its readings (as shipped), or its lemma alone."""
    clear_caches()
    text = bot.text.lemmas

    def meets(rule: str, form: str, lang: str) -> bool:
        found = text.readings(form, lang) if readings else None
        return keyword_matches(rule, text.lemmas(form, lang), found)

    return _coverage(forms, meets, "phrases")


def coverage_report(topics: list[Topic]) -> None:
    """The rules' Cyrillic word forms that meet their rule, as shipped and with simplemma
    alone (no pymorphy3 for the words it does not know, as before migration 0022)."""
    forms = rule_forms(topics)
    print("forms of the rules' Ukrainian and Russian words (pymorphy3's paradigms) that meet")
    print(f"  their rule: {form_coverage(forms)}")
    shipped = bot.text.lemmas.MORPHOLOGY
    try:
        bot.text.lemmas.MORPHOLOGY = ()
        print(f"  with simplemma alone: {form_coverage(forms)}")
    finally:
        bot.text.lemmas.MORPHOLOGY = shipped
        clear_caches()
    women = women_forms(topics)
    print("forms of the women's words of the rules' nouns of persons (депутатка of")
    print(f"  депутат) that meet the man's rule: {form_coverage(women)}")
    phrases = phrase_forms(topics)
    print("forms of the rules' phrases of adjectives and a noun, agreed (золотої бутси of")
    print(f"  золотий бутса) that meet their rule: {phrase_coverage(phrases)}")
    print(f"  each word by its lemma alone: {phrase_coverage(phrases, readings=False)}")


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
    lemma (as bot.text.lemmas) for the rest."""
    import pymorphy3

    analyzers = {lang: pymorphy3.MorphAnalyzer(lang=lang) for lang in ("uk", "ru")}
    original = bot.text.lemmas.lemma

    def lemma(word: str) -> str:
        folded = bot.text.lemmas.normalize_word(word)
        if folded in bot.text.lemmas.EXCEPTIONS:
            return bot.text.lemmas.EXCEPTIONS[folded]
        langs = bot.text.lemmas._languages(folded)
        if not langs or langs == ("en",) or bot.text.lemmas._is_acronym(word):
            return original(word)
        for lang in langs:
            parses = analyzers[lang].parse(folded)
            if parses and parses[0].is_known:
                return str(parses[0].normal_form)
        return str(analyzers[langs[0]].parse(folded)[0].normal_form)

    return lemma


def report(
    name: str, cases: list[Case], topics: list[Topic], verbose: bool, show_held_out: bool
) -> Score:
    total, groups = evaluate(cases, topics, verbose=verbose, show_held_out=show_held_out)
    print(f"== {name}")
    titles = {
        "both": "two editors: a topic is correct if either gave it, required if both did",
        "a": "editor A alone (stories A labelled)",
        "b": "editor B alone (stories B labelled)",
    }
    for editor, title in titles.items():
        print(f"-- {title}")
        print(getattr(total, editor).line("all"))
        for group in sorted(groups):
            score: Score = getattr(groups[group], editor)
            if score.stories:
                print(score.line(group))
    return total.both


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=Path, default=DEFAULT_FEEDS)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    parser.add_argument(
        "--show-held-out", action="store_true", help="with --verbose, the held-out misses too"
    )
    parser.add_argument("--compare", action="store_true", help="also measure pymorphy3")
    parser.add_argument(
        "--variants", action="store_true", help="compare the assignment policies (VARIANTS)"
    )
    args = parser.parse_args(argv)
    cases = load_cases(args.feeds)
    topics = asyncio.run(default_topics())
    languages = Counter(f"{c.group}/{c.language}" for c in cases)
    print("headlines:", ", ".join(f"{k} {v}" for k, v in sorted(languages.items())))
    print(f"held out (not looked at while changing rules): {', '.join(sorted(HELD_OUT))}")
    print(f"fresh held out (labelled before the tagger ran): {', '.join(sorted(FRESH))}")
    print(agreement(cases))
    print(f"second fresh (labelled before 0015's rules): {', '.join(sorted(FRESH_2))}")
    print("third to tenth fresh: the rows whose part column says so (the ninth and tenth never")
    print("  looked at but in aggregate)")
    for part in PARTS:
        print(f"  {part}: " + agreement([c for c in cases if c.part == part]))
    if args.variants:
        compare_variants(cases, topics)
    total = report(
        "simplemma checked against pymorphy3 (bot/text/lemmas.py)",
        cases,
        topics,
        args.verbose,
        args.show_held_out,
    )
    third_editor(cases, topics)
    coverage_report(topics)
    size = installed_mb("simplemma", "pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru")
    size += installed_mb("dawg2-python", "wordfreq")
    print(
        f"simplemma + pymorphy3 + wordfreq: {time_lemmas(cases):.3f} s per 1,000 headlines;"
        f" installed {size:.1f} MB"
    )
    if args.compare:
        simplemma_lemma = bot.text.lemmas.lemma
        try:
            clear_caches()
            bot.text.lemmas.lemma = pymorphy_lemma()  # type: ignore[assignment]
            relemmatized = [
                Topic(t.slug, t.title_en, t.title_uk, tuple(rule_lemmas(k) for k in t.keywords))
                for t in topics
            ]
            report(
                "pymorphy3 (uk, ru) + simplemma (en)",
                cases,
                relemmatized,
                args.verbose,
                args.show_held_out,
            )
            seconds = time_lemmas(cases)
            size = installed_mb("pymorphy3", "pymorphy3-dicts-uk", "pymorphy3-dicts-ru")
            size += installed_mb("dawg2-python")
            print(
                f"pymorphy3: {seconds:.3f} s per 1,000 headlines;"
                f" installed {size:.1f} MB (+ simplemma for English)"
            )
        finally:
            bot.text.lemmas.lemma = simplemma_lemma
            clear_caches()
    ok = total.precision >= PRECISION_TARGET and total.recall >= RECALL_TARGET
    print(
        f"targets: precision >= {PRECISION_TARGET}, recall >= {RECALL_TARGET}:"
        f" {'met' if ok else 'NOT met'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Migrations 0015 and 0017-0025 on a store of schema 14 with an admin's changes in it, on
both stores: the wider default rules arrive, "wartime", "doctor" and "medical" go, an admin's
own rule stays, and a topic the admin removed gets no rules back."""

from __future__ import annotations

import pytest
from upgrade import schema_before

from bot.store.db import load_migrations
from bot.store.store import Store
from bot.text.lemmas import masculine


async def test_upgrade_to_0015_widens_the_rules_and_keeps_the_admins(
    blank_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with schema_before(blank_db, "0015_", monkeypatch) as db:
        await db.execute(
            "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)",
            ("war", "дрон-камікадзе"),
        )
        await db.execute("DELETE FROM topics WHERE slug = ?", ("tech",))
        old = await db.fetchall("SELECT topic, keyword FROM topic_keywords")
    assert ("war", "wartime") in {(r[0], r[1]) for r in old}

    async with Store(blank_db) as store:
        assert await store.db.schema_version() == len(load_migrations(store.db.dialect.name))
        rules = {(r[0], r[1]) for r in await store.db.fetchall(
            "SELECT topic, keyword FROM topic_keywords"
        )}  # fmt: skip
    gone = {("war", "wartime"), ("health", "doctor"), ("health", "medical")}
    assert not gone & rules
    assert ("war", "дрон-камікадзе") in rules  # the admin's own
    assert {("politics", "government"), ("society", "avalanche"), ("crime", "shoot")} <= rules
    assert {("politics", "kremlin"), ("war", "suicide bomber"), ("culture", "exhibit")} <= rules
    assert {("politics", "democracy"), ("war", "siege"), ("health", "wellness")} <= rules
    assert {("economy", "tanker"), ("crime", "assassination"), ("culture", "comedian")} <= rules
    assert {("war", "submarine"), ("economy", "coal mine"), ("crime", "gag order")} <= rules
    assert {("economy", "hedge fund"), ("sport", "пенальті"), ("world", "безвізовий режим")} <= (
        rules
    )
    assert not any(topic == "tech" for topic, _ in rules)  # removed by the admin: stays so
    # every rule the old schema had is still there, but the three 0015 takes away (with "ё"
    # as "е", migration 0022; a woman's word as the man's, 0025)
    kept = {(r[0], masculine_rule(r[1].replace("ё", "е"))) for r in old}
    assert kept - gone <= rules


def masculine_rule(rule: str) -> str:
    """A rule with a woman's word as the man's (migration 0025: "спортсменка" -> "спортсмен")."""
    return " ".join(
        next(filter(None, (masculine(word, lang) for lang in ("uk", "ru", "en"))), word)
        for word in rule.split()
    )

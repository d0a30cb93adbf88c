"""Topics and their keyword rules."""

from __future__ import annotations

from bot.models import Topic
from bot.store.db import Database


class TopicStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def all(self) -> list[Topic]:
        """Every topic with its keywords, in display order."""
        d = self.db.dialect
        rows = await self.db.fetchall(
            "SELECT t.slug, t.title_en, t.title_uk,"  # noqa: S608 (constant fragments)
            f" (SELECT {d.concat_agg}(keyword, {d.unit_sep}) FROM topic_keywords k"
            "   WHERE k.topic = t.slug) AS keywords"
            " FROM topics t ORDER BY t.position, t.slug"
        )
        return [
            Topic(
                slug=row["slug"],
                title_en=row["title_en"],
                title_uk=row["title_uk"],
                keywords=tuple(sorted(k for k in (row["keywords"] or "").split("\x1f") if k)),
            )
            for row in rows
        ]

    async def add(self, slug: str, title_en: str, title_uk: str) -> bool:
        """Add a topic; False when the slug exists already."""
        added = await self.db.fetchone(
            "INSERT INTO topics (slug, title_en, title_uk, position)"
            " VALUES (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM topics))"
            " ON CONFLICT DO NOTHING RETURNING slug",
            (slug, title_en, title_uk),
        )
        return added is not None

    async def set_keywords(self, slug: str, keywords: list[str]) -> None:
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM topic_keywords WHERE topic = ?", (slug,))
            await conn.executemany(
                "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(slug, k) for k in keywords],
            )

    async def all_keywords(self) -> list[tuple[str, str]]:
        """Every (topic, keyword) rule."""
        rows = await self.db.fetchall("SELECT topic, keyword FROM topic_keywords ORDER BY 1, 2")
        return [(row[0], row[1]) for row in rows]

    async def rewrite_keywords(self, changes: list[tuple[str, str, str]]) -> None:
        """Replace rules: (topic, old keyword, new keyword); an empty new one is dropped."""
        async with self.db.transaction() as conn:
            for topic, old, new in changes:
                await conn.execute(
                    "DELETE FROM topic_keywords WHERE topic = ? AND keyword = ?", (topic, old)
                )
                if new:
                    await conn.execute(
                        "INSERT INTO topic_keywords (topic, keyword) VALUES (?, ?)"
                        " ON CONFLICT DO NOTHING",
                        (topic, new),
                    )

"""Articles and their topics."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from bot.models import (
    Article,
    ArticleIn,
    Recall,
    from_iso,
    stored_count,
    stored_text,
    stored_time,
    to_iso,
    utcnow,
)
from bot.store.db import POSTGRESQL, Database, Dialect, Row, Tx
from bot.text.search import any_lemma_query, any_lemma_tsquery, fts_to_tsquery

UpsertStatus = Literal["new", "updated", "skipped"]

# Reader-facing queries leave out embargoed stories: those whose time has not come. The one
# parameter is `to_iso(now)`; store times are UTC ISO text in one form, so text compares as time.
RELEASED = "a.published_at <= ?"
# Nor do they offer a story an editor held (/hold): not pushed, not found either.
NOT_HELD = "a.held = 0"


def released(alias: str = "a") -> str:
    """The condition "published by now" on `alias`'s articles (one parameter: to_iso(now))."""
    return RELEASED.replace("a.", f"{alias}.", 1)


def article_columns(dialect: Dialect) -> str:
    """The columns `row_to_article` reads, from `articles a`, topics aggregated."""
    agg = dialect.concat_agg
    return (
        "a.id, a.url, a.title, a.lead, a.body, a.image_url, a.published_at, a.views, a.source, "  # noqa: S608
        f"a.language, a.rev, a.held, a.urgent, a.created_at, a.dateline,"
        f" (SELECT {agg}(topic, ',') FROM article_topics t WHERE t.article_id = a.id) AS topics,"
        f" a.recall_id, (SELECT r.title FROM articles r WHERE {_RECALLED}) AS recall_title,"
        f" (SELECT r.url FROM articles r WHERE {_RECALLED}) AS recall_url"
    )


# The story `a` links to at its end, unless an editor has held it since.
_RECALLED = "r.id = a.recall_id AND r.held = 0"


@dataclass(frozen=True, slots=True)
class Change:
    seq: int
    article_id: int
    kind: Literal["new", "edit"]


@dataclass(frozen=True, slots=True)
class RecallCandidate:
    """An earlier story that may be recalled: its id and lemmas, in the index's rank order."""

    id: int
    search_text: str


@dataclass(frozen=True, slots=True)
class TaggingInput:
    """What topic tagging looks at for one stored story."""

    article_id: int
    title: str
    lead: str
    tags: list[str]
    source_topics: list[str]


def _split(value: str | None) -> list[str]:
    return [part for part in (value or "").split(",") if part]


def _join_tags(tags: Sequence[str]) -> str:
    cleaned = (" ".join(t.replace(",", " ").split()) for t in tags)
    return ",".join(dict.fromkeys(t for t in cleaned if t))


BODY_READ_LIMIT = 100_000  # a story's body as ingest keeps it (BODY_MAX)


def row_to_article(row: Row) -> Article:
    topics = sorted(_split(row["topics"]))
    recall = None
    if row["recall_id"] is not None and row["recall_title"] is not None:
        recall = Recall(
            int(row["recall_id"]), stored_text(row["recall_title"]), stored_text(row["recall_url"])
        )
    # Another program may have written any text as the time: such a story counts as published
    # when it was stored (as one written without a time); the poller stores that (`settle_times`).
    arrived = stored_time(row["created_at"])
    # Text columns are read as text whatever another program wrote (a BLOB, a number), and
    # bounded (a lead of megabytes): `stored_text`.
    return Article(
        id=row["id"],
        url=stored_text(row["url"]),
        title=stored_text(row["title"]),
        lead=stored_text(row["lead"]),
        body=stored_text(row["body"], BODY_READ_LIMIT),
        image_url=stored_text(row["image_url"]) or None,
        published_at=stored_time(row["published_at"]) or arrived or utcnow(),
        views=stored_count(row["views"]),  # "12,345" from another program: 12345
        source=stored_text(row["source"]) or None,
        language=stored_text(row["language"]) or None,
        topics=topics,
        rev=row["rev"],
        held=bool(row["held"]),
        arrived_at=arrived,
        recall=recall,
        dateline=stored_text(row["dateline"]) or None,
        urgent=bool(row["urgent"]),
    )


class ArticleStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._columns = article_columns(db.dialect)

    async def upsert(
        self, item: ArticleIn, *, source_id: int | None = None, now: datetime | None = None
    ) -> tuple[UpsertStatus, int]:
        """Store a story once; a changed title, lead, image or link updates it in place.

        The same story is, in this order: the item of the same source with the same GUID
        (its link may have changed: the stored URL follows it), the story at the same URL, the
        story at the same URL with the other scheme (http/https; an upgrade to https is kept,
        a step back to http is not). A GUID that another stored story of the source holds is
        left to that story when this item's URL is stored already (URL identity wins).

        An urgent item makes the stored story urgent; an item that is not urgent never
        unmarks one (a feed dropping its "breaking" category later changes nothing)."""
        moment = now or utcnow()
        guid = item.guid if source_id is not None else None
        params = _upsert_params(item, source_id, published=item.published_at or moment)
        async with self.db.transaction() as conn:
            found = await _same_story(conn, item.url, source_id, guid)
            if found is None:
                article_id = await conn.insert(
                    "INSERT INTO articles (url, title, lead, body, image_url, published_at, views,"
                    " source, language, tags, source_id, dateline, urgent, guid) VALUES (:url,"
                    " :title, :lead, :body, :image_url, :published_at, :views, :source,"
                    " :language, :tags, :source_id, :dateline, :urgent, :guid) RETURNING id",
                    {**params, "guid": guid},
                )
                assert article_id is not None
                return "new", article_id
            existing, url, guid = found
            article_id = int(existing["id"])
            moved = _moved_time(existing["published_at"], item.published_at, moment)
            unchanged = _unchanged(existing, item, tags=params["tags"]) and url == existing["url"]
            if unchanged and moved is None:
                if guid != existing["guid"]:  # not shown anywhere: not an edit
                    await conn.execute(
                        "UPDATE articles SET guid = ? WHERE id = ?", (guid, article_id)
                    )
                return "skipped", article_id
            await conn.execute(
                "UPDATE articles SET url = :url, guid = :guid, title = :title, lead = :lead,"
                " body = :body, image_url = :image_url, tags = :tags,"
                " views = coalesce(:views, views), language = coalesce(:language, language),"
                " dateline = coalesce(:dateline, dateline), published_at = coalesce(:moved,"
                " published_at), urgent = CASE WHEN :urgent = 1 THEN 1 ELSE urgent END"
                " WHERE id = :id",
                {**params, "url": url, "guid": guid, "id": article_id, "moved": moved},
            )
            return "updated", article_id

    async def set_topics(
        self, article_id: int, topics: Sequence[str], *, search_text: str | None = None
    ) -> None:
        """Replace a story's topics; with `search_text` (its lemmas), index it for search."""
        async with self.db.transaction() as conn:
            await conn.execute("DELETE FROM article_topics WHERE article_id = ?", (article_id,))
            await conn.executemany(
                "INSERT INTO article_topics (article_id, topic) VALUES (?, ?)"
                " ON CONFLICT DO NOTHING",
                [(article_id, topic) for topic in topics],
            )
            if search_text is not None:
                await conn.execute(
                    "UPDATE articles SET search_text = ? WHERE id = ?"
                    " AND (search_text IS NULL OR search_text <> ?)",
                    (search_text, article_id, search_text),
                )

    async def unlemmatized(self, limit: int) -> list[TaggingInput]:
        """Stories not in the search index yet (no lemmas written), oldest first."""
        rows = await self.db.fetchall(
            "SELECT id FROM articles WHERE search_text IS NULL ORDER BY id LIMIT ?", (limit,)
        )
        return await self.tagging_inputs([int(row[0]) for row in rows])

    async def set_search_texts(self, texts: Sequence[tuple[int, str]]) -> None:
        """Write stories' lemmas (the search index follows by trigger)."""
        await self.db.executemany(
            "UPDATE articles SET search_text = ? WHERE id = ?",
            [(text, article_id) for article_id, text in texts],
        )

    async def get(self, article_id: int) -> Article | None:
        row = await self.db.fetchone(
            f"SELECT {self._columns} FROM articles a WHERE a.id = ?",  # noqa: S608 (constant)
            (article_id,),
        )
        return row_to_article(row) if row else None

    async def get_many(self, ids: Sequence[int]) -> dict[int, Article]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = await self.db.fetchall(
            f"SELECT {self._columns} FROM articles a WHERE a.id IN ({marks})",  # noqa: S608
            list(ids),
        )
        return {row["id"]: row_to_article(row) for row in rows}

    async def latest(
        self,
        limit: int = 10,
        topic: str | None = None,
        *,
        now: datetime | None = None,
        embargoed: bool = False,
    ) -> list[Article]:
        """The newest stories published by `now` (default: the clock), optionally of one
        topic, none held (/hold); with `embargoed` (admins' previews) those still under
        embargo too, first, and held ones."""
        until = "9999" if embargoed else to_iso(now or utcnow())
        shown = RELEASED if embargoed else f"{RELEASED} AND {NOT_HELD}"
        if topic is None:
            rows = await self.db.fetchall(
                f"SELECT {self._columns} FROM articles a WHERE {shown}"  # noqa: S608 (constant)
                " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
                (until, limit),
            )
        else:
            rows = await self.db.fetchall(
                f"SELECT {self._columns} FROM articles a"  # noqa: S608 (constant)
                f" JOIN article_topics t ON t.article_id = a.id AND t.topic = ? WHERE {shown}"
                " ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
                (topic, until, limit),
            )
        return [row_to_article(row) for row in rows]

    async def search(
        self,
        query: str,
        *,
        limit: int = 5,
        offset: int = 0,
        now: datetime | None = None,
        last_id: int | None = None,
    ) -> list[Article]:
        """Stories published by `now`, not held, whose headline or lead match an FTS5 query
        over lemmas (from bot.text.search), newest first; with `last_id` only those stored by
        then (`last_id()`), so that the pages of one search hold still as stories arrive."""
        stored = "" if last_id is None else " AND a.id <= ?"
        rows = await self.db.fetchall(
            f"SELECT {self._columns} FROM articles a"  # noqa: S608 (constant)
            f" WHERE a.id IN ({self._matching_ids}) AND {RELEASED} AND {NOT_HELD}{stored}"
            " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
            (
                self._query(query),
                to_iso(now or utcnow()),
                *([] if last_id is None else [last_id]),
                limit,
                offset,
            ),
        )
        return [row_to_article(row) for row in rows]

    async def search_count(
        self, query: str, *, now: datetime | None = None, last_id: int | None = None
    ) -> int:
        """How many stories published by `now` (and stored by `last_id`), not held, match
        (what `search` pages through)."""
        stored = "" if last_id is None else " AND a.id <= ?"
        row = await self.db.fetchone(
            f"SELECT count(*) FROM ({self._matching_ids}) m"  # noqa: S608 (constant)
            f" JOIN articles a ON a.id = m.id WHERE {RELEASED} AND {NOT_HELD}{stored}",
            (
                self._query(query),
                to_iso(now or utcnow()),
                *([] if last_id is None else [last_id]),
            ),
        )
        return int(row[0]) if row else 0

    async def last_id(self, *, stored_by: datetime | None = None) -> int:
        """The id of the story stored last (0: none), or of the last one stored by
        `stored_by`: the bound that keeps a search's later pages to what its first saw."""
        if stored_by is None:
            row = await self.db.fetchone("SELECT max(id) FROM articles")
        else:  # from the newest back: only the stories stored since are passed over
            row = await self.db.fetchone(
                "SELECT id FROM articles WHERE created_at <= ? ORDER BY id DESC LIMIT 1",
                (to_iso(stored_by),),
            )
        return int(row[0]) if row and row[0] is not None else 0

    async def matching(
        self, query: str, ids: Sequence[int], *, now: datetime | None = None
    ) -> set[int]:
        """Which of these stories, published by `now`, match an FTS5 query."""
        if not ids:
            return set()
        rows = await self.db.fetchall(
            f"SELECT m.id FROM ({self._matching_ids}) m"  # noqa: S608 (constant)
            f" JOIN articles a ON a.id = m.id WHERE {RELEASED}"
            f" AND m.id IN ({self.db.dialect.int_list})",
            (self._query(query), to_iso(now or utcnow()), json.dumps(list(ids))),
        )
        return {int(row[0]) for row in rows}

    async def settle_times(self, ids: Sequence[int]) -> list[tuple[int, str, str]]:
        """Write these stories' `published_at` in the store's one form (the store compares
        times as text), whatever form another program gave it; a time that is no ISO 8601
        time at all ("01/12/2026 10:00", "yesterday") becomes the time the story was stored,
        as if it had been left out. Returns (id, what was written, what it is now) of those
        unreadable ones, for the log."""
        if not ids:
            return []
        rows = await self.db.fetchall(
            "SELECT id, published_at, created_at FROM articles"  # noqa: S608 (constant)
            f" WHERE id IN ({self.db.dialect.int_list})",
            (json.dumps(list(ids)),),
        )
        fixes: list[tuple[str, int, str]] = []
        unreadable: list[tuple[int, str, str]] = []
        for row in rows:
            raw = row["published_at"]
            moment = stored_time(raw)
            if moment is None:
                moment = stored_time(row["created_at"]) or utcnow()
                unreadable.append((int(row["id"]), str(raw), to_iso(moment)))
            if to_iso(moment) != raw:
                fixes.append((to_iso(moment), int(row["id"]), raw))
        if fixes:
            await self.db.executemany(
                "UPDATE articles SET published_at = ? WHERE id = ? AND published_at = ?", fixes
            )
        return unreadable

    # --- embargo --------------------------------------------------------------------------

    async def mark_embargoed(self, stamps: Sequence[tuple[int, datetime]]) -> None:
        """The poller kept these stories back until their time (written in the store's form,
        whatever form another program gave it): it posts each then (`due_releases`)."""
        await self.db.executemany(
            "UPDATE articles SET embargoed = 1, published_at = ? WHERE id = ?",
            [(to_iso(moment), article_id) for article_id, moment in stamps],
        )

    async def settle_embargoed(self) -> list[tuple[int, str, str]]:
        """`settle_times` of the stories kept back: another program may move an embargo by
        an UPDATE of `published_at` in any form ("…T02:17:27-05:00"), which no change-log
        row announces, and text compares such a time wrongly (hours early or late)."""
        rows = await self.db.fetchall("SELECT id FROM articles WHERE embargoed = 1")
        return await self.settle_times([int(row[0]) for row in rows])

    async def due_releases(self, now: datetime, limit: int = 500) -> list[int]:
        """Stories kept back whose time has come by `now` (an edit may have moved it), in
        order of their time."""
        rows = await self.db.fetchall(
            "SELECT id FROM articles WHERE embargoed = 1 AND published_at <= ?"
            " ORDER BY published_at, id LIMIT ?",
            (to_iso(now), limit),
        )
        return [int(row[0]) for row in rows]

    async def clear_embargo(self, ids: Sequence[int]) -> None:
        """These stories were released (routed): never again."""
        await self.db.execute(
            f"UPDATE articles SET embargoed = 0 WHERE id IN ({self.db.dialect.int_list})",  # noqa: S608
            (json.dumps(list(ids)),),
        )

    async def under_embargo(self, now: datetime, limit: int = 10) -> tuple[int, list[Article]]:
        """How many stories are not out yet at `now`, and the first `limit` of them, soonest
        first (admins: /stats)."""
        stamp = to_iso(now)
        row = await self.db.fetchone(
            "SELECT count(*) FROM articles WHERE published_at > ?", (stamp,)
        )
        rows = await self.db.fetchall(
            f"SELECT {self._columns} FROM articles a WHERE a.published_at > ?"  # noqa: S608
            " ORDER BY a.published_at, a.id LIMIT ?",
            (stamp, limit),
        )
        return (int(row[0]) if row else 0), [row_to_article(r) for r in rows]

    @property
    def _matching_ids(self) -> str:
        """The ids of stories matching one query parameter: FTS5 on SQLite, a GIN-indexed
        tsvector of the same lemmas on PostgreSQL."""
        if self.db.dialect.name == POSTGRESQL:
            return "SELECT id FROM articles WHERE search_tsv @@ ?::tsquery"
        return "SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?"

    def _query(self, query: str) -> str:
        return fts_to_tsquery(query) if self.db.dialect.name == POSTGRESQL else query

    async def shareable(
        self,
        query: str | None,
        *,
        now: datetime,
        limit: int,
        offset: int = 0,
        last_id: int | None = None,
    ) -> list[Article]:
        """What an inline query offers: the stories matching an FTS5 query over lemmas (None:
        all), newest first, never a held one nor one whose time has not come (embargo); with
        `last_id` only those stored by then (`last_id()`), as `search`."""
        where = "a.held = 0 AND a.published_at <= ?"
        params: list[object] = [to_iso(now)]
        if last_id is not None:
            where += " AND a.id <= ?"
            params.append(last_id)
        if query is not None:
            where += f" AND a.id IN ({self._matching_ids})"
            params.append(self._query(query))
        rows = await self.db.fetchall(
            f"SELECT {self._columns} FROM articles a WHERE {where}"  # noqa: S608 (constant)
            " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
            (*params, limit, offset),
        )
        return [row_to_article(row) for row in rows]

    async def search_texts(self, ids: Sequence[int]) -> dict[int, str]:
        """Stories' lemmas (headline and lead), by id; stories not indexed yet are missing."""
        if not ids:
            return {}
        rows = await self.db.fetchall(
            "SELECT id, search_text FROM articles"  # noqa: S608 (constant)
            f" WHERE search_text IS NOT NULL AND id IN ({self.db.dialect.int_list})",
            (json.dumps(list(ids)),),
        )
        return {int(row[0]): str(row[1]) for row in rows}

    async def recall_candidates(
        self,
        article_id: int,
        lemmas: Sequence[str],
        topics: Sequence[str],
        *,
        since: datetime,
        before: datetime,
        limit: int = 20,
    ) -> list[RecallCandidate]:
        """Stories published in [since, before) (at `before`: a lower id) sharing a topic and
        any of `lemmas`, not held, best first by the full-text index: FTS5's bm25 on SQLite,
        ts_rank of the same lemmas on PostgreSQL."""
        if not lemmas or not topics:
            return []
        if self.db.dialect.name == POSTGRESQL:
            source = "articles a"
            match = "a.search_tsv @@ ?::tsquery"
            rank = "ts_rank(a.search_tsv, ?::tsquery) DESC"
            query = any_lemma_tsquery(lemmas)
            params: list[object] = [query]
        else:
            source = "articles_fts f JOIN articles a ON a.id = f.rowid"
            match = "articles_fts MATCH ?"
            rank = "bm25(articles_fts)"
            query = any_lemma_query(lemmas)
            params = [query]
        moment = to_iso(before)
        params += [article_id, to_iso(since), moment, moment, article_id, json.dumps(list(topics))]
        if self.db.dialect.name == POSTGRESQL:
            params.append(query)
        rows = await self.db.fetchall(
            f"SELECT a.id, a.search_text FROM {source} WHERE {match}"  # noqa: S608 (constant)
            " AND a.id <> ? AND a.held = 0 AND a.published_at >= ?"
            " AND (a.published_at < ? OR (a.published_at = ? AND a.id < ?))"
            " AND EXISTS (SELECT 1 FROM article_topics t WHERE t.article_id = a.id"
            f" AND t.topic IN ({self.db.dialect.text_list}))"
            f" ORDER BY {rank}, a.published_at DESC, a.id DESC LIMIT ?",
            (*params, limit),
        )
        return [RecallCandidate(int(row[0]), str(row[1] or "")) for row in rows]

    async def set_recalls(self, recalls: Sequence[tuple[int, int | None]]) -> None:
        """Which earlier story each story's post links to (None: none)."""
        await self.db.executemany(
            "UPDATE articles SET recall_id = ? WHERE id = ?",
            [(recall_id, article_id) for article_id, recall_id in recalls],
        )

    async def count(self) -> int:
        row = await self.db.fetchone("SELECT count(*) FROM articles")
        return int(row[0]) if row else 0

    async def changes_after(self, seq: int, limit: int = 500) -> list[Change]:
        rows = await self.db.fetchall(
            "SELECT seq, article_id, kind FROM article_changes WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        )
        return [Change(row["seq"], row["article_id"], row["kind"]) for row in rows]

    async def waiting_changes(self, limit: int = 500) -> list[Change]:
        """The change log's rows not consumed yet, in order: those after the cursor and any
        that committed late with a lower number (PostgreSQL numbers rows when they are written,
        not when they commit)."""
        rows = await self.db.fetchall(
            "SELECT seq, article_id, kind FROM article_changes ORDER BY seq LIMIT ?", (limit,)
        )
        return [Change(row["seq"], row["article_id"], row["kind"]) for row in rows]

    async def prune_changes(self, upto_seq: int) -> None:
        """Forget change-log rows the poller has consumed."""
        await self.db.execute("DELETE FROM article_changes WHERE seq <= ?", (upto_seq,))

    async def consume_changes(self, seqs: Sequence[int]) -> None:
        """Forget these change-log rows (consumed): never a row written meanwhile."""
        await self.db.execute(
            f"DELETE FROM article_changes WHERE seq IN ({self.db.dialect.int_list})",  # noqa: S608
            (json.dumps(list(seqs)),),
        )

    async def tagging_inputs(self, ids: Sequence[int]) -> list[TaggingInput]:
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = await self.db.fetchall(
            "SELECT a.id, a.title, a.lead, a.tags, s.topics AS source_topics FROM articles a"  # noqa: S608
            f" LEFT JOIN sources s ON s.id = a.source_id WHERE a.id IN ({marks})",
            list(ids),
        )
        return [
            TaggingInput(
                article_id=row["id"],
                title=stored_text(row["title"]),
                lead=stored_text(row["lead"]),
                tags=_split(stored_text(row["tags"])),
                source_topics=_split(row["source_topics"]),
            )
            for row in rows
        ]

    async def set_urgent(self, article_id: int, urgent: bool) -> bool:
        """Mark a story urgent (or not); True when that changed it. The store's trigger makes
        it an edit (a new revision, a change-log row), so the poller follows up."""
        count = await self.db.execute(
            "UPDATE articles SET urgent = ? WHERE id = ? AND urgent <> ?",
            (int(urgent), article_id, int(urgent)),
        )
        return count > 0

    async def set_held(self, article_id: int, held: bool) -> bool:
        """Hold a story (/hold) or lift the hold; True when that changed it."""
        count = await self.db.execute(
            "UPDATE articles SET held = ? WHERE id = ? AND held <> ?",
            (int(held), article_id, int(held)),
        )
        return count > 0


def _upsert_params(
    item: ArticleIn, source_id: int | None, *, published: datetime
) -> dict[str, Any]:
    """The named parameters of upsert's INSERT and UPDATE."""
    return {
        "url": item.url,
        "title": item.title,
        "lead": item.lead,
        "body": item.body,
        "image_url": item.image_url,
        "published_at": to_iso(published),
        "views": item.views,
        "source": item.source,
        "language": item.language,
        "tags": _join_tags(item.tags),
        "source_id": source_id,
        "dateline": item.dateline,
        "urgent": int(item.urgent),
    }


_STORED = (
    "SELECT id, url, guid, source_id, title, lead, image_url, body, tags, views, published_at,"
    " dateline, urgent FROM articles WHERE "
)


async def _same_story(
    conn: Tx, url: str, source_id: int | None, guid: str | None
) -> tuple[Row, str, str | None] | None:
    """The stored story an item (its canonical `url`, its source's GUID) is, with the URL and
    the GUID it is to have; None for a new story (see `ArticleStore.upsert`)."""
    by_url = await conn.fetchone(_STORED + "url = ?", (url,))
    by_guid = None
    if guid is not None and source_id is not None:
        by_guid = await conn.fetchone(_STORED + "source_id = ? AND guid = ?", (source_id, guid))
        if by_guid is not None and (by_url is None or by_url["id"] == by_guid["id"]):
            return by_guid, url, guid  # the same item, wherever its link points now
    kept = url
    row = by_url
    if row is None:
        twin = _scheme_twin(url)
        row = await conn.fetchone(_STORED + "url = ?", (twin,)) if twin else None
        if row is None:
            return None
        kept = url if url.startswith("https:") else str(row["url"])
    # A GUID the source gives this story now is recorded (a story stored before GUIDs were,
    # or a feed whose GUIDs change), unless another story of the source holds it.
    mine = source_id is not None and row["source_id"] == source_id
    adopted = guid if mine and guid is not None and by_guid is None else row["guid"]
    return row, kept, adopted


def _scheme_twin(url: str) -> str | None:
    """The same URL with the other scheme (http <-> https); None for anything else."""
    if url.startswith("https://"):
        return "http://" + url[len("https://") :]
    if url.startswith("http://"):
        return "https://" + url[len("http://") :]
    return None


def _moved_time(stored: str, given: datetime | None, now: datetime) -> str | None:
    """The new published_at when an edit moves an embargo (the stored or the given time lies
    in the future: earlier, later, or out of it); None when the time stays. A past time is
    left alone: a feed may re-date its items, but what was out stays out."""
    if given is None:
        return None
    old, new = stored_time(stored), to_iso(given)
    if old is None:  # no time another program wrote: the given one is the first
        return new
    if from_iso(new) == old or (old <= now and given <= now):
        return None
    return new


def _unchanged(existing: Row, item: ArticleIn, *, tags: str) -> bool:
    """Whether the stored story already says what `item` says (views only when given)."""
    return bool(
        existing["title"] == item.title
        and existing["lead"] == item.lead
        and (existing["image_url"] or None) == (item.image_url or None)
        and existing["body"] == item.body
        and existing["tags"] == tags
        and (item.views is None or existing["views"] == item.views)
        and (item.dateline is None or existing["dateline"] == item.dateline)
        and (not item.urgent or bool(existing["urgent"]))
    )

"""One object that holds the database and every aggregate's store."""

from __future__ import annotations

from collections.abc import Iterable

from bot.store.articles import ArticleStore
from bot.store.audit import AuditStore
from bot.store.broadcasts import BroadcastStore
from bot.store.budget import BudgetStore
from bot.store.channels import ChannelStore
from bot.store.db import open_database
from bot.store.digests import DigestStore
from bot.store.health import HealthStore
from bot.store.lease import LeaseStore
from bot.store.outbox import OutboxStore
from bot.store.readers import ReaderStore
from bot.store.sources import SourceStore
from bot.store.stats import StatsStore
from bot.store.topics import TopicStore
from bot.store.updates import SeenUpdateStore, UpdateErrorStore


class Store:
    """The article store: `store.articles.upsert(...)`, `store.channels.add(...)` ..."""

    def __init__(self, target: str) -> None:
        """`target`: a DATABASE_URL (sqlite:///path, postgresql://...) or a SQLite file's path."""
        self.db = open_database(target)
        self.articles = ArticleStore(self.db)
        self.topics = TopicStore(self.db)
        self.sources = SourceStore(self.db)
        self.channels = ChannelStore(self.db)
        self.outbox = OutboxStore(self.db)
        self.readers = ReaderStore(self.db)
        self.digests = DigestStore(self.db)
        self.audit = AuditStore(self.db)
        self.broadcasts = BroadcastStore(self.db)
        self.lease = LeaseStore(self.db)
        self.updates = UpdateErrorStore(self.db)
        self.seen_updates = SeenUpdateStore(self.db)
        self.health = HealthStore(self.db)
        self.stats = StatsStore(self.db)
        self.budgets = BudgetStore(self.db)

    async def open(self, *, migrate: bool = True, create: bool = True) -> None:
        """Open the database (`create`: a new SQLite file may be made) and migrate it; closed
        again when the migration fails."""
        await self.db.open(create=create)
        if migrate:
            try:
                await self.db.migrate()
            except BaseException:
                await self.db.close()
                raise

    async def close(self) -> None:
        await self.db.close()

    async def __aenter__(self) -> Store:
        await self.open()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def is_paused(self) -> bool:
        return await self.db.get_kv("paused") == "1"

    async def set_paused(self, paused: bool) -> None:
        await self.db.set_kv("paused", "1" if paused else "0")

    async def menu_admins(self) -> set[int]:
        """The chats the admin command menu was last set for (`set_menu_admins`)."""
        value = await self.db.get_kv("menu.admins") or ""
        return {int(part) for part in value.split(",") if part.strip().lstrip("-").isdigit()}

    async def set_menu_admins(self, admin_ids: Iterable[int]) -> None:
        await self.db.set_kv("menu.admins", ",".join(str(i) for i in sorted(set(admin_ids))))

"""Searches kept for their "more" buttons live in the store: any newsbot on it finds them."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.readers import Search
from bot.store.store import Store


async def test_a_search_is_found_by_another_newsbot_on_the_store(
    store: Store, db_path: str
) -> None:
    await store.readers.register(42, "en")
    made = datetime(2026, 11, 24, 20, 15, tzinfo=UTC)
    search_id = await store.readers.remember_search(42, '"київ"', "Києві", keep=3, made_at=made)
    async with Store(db_path) as other:
        assert await other.readers.recall_search(42, search_id) == Search('"київ"', "Києві", made)
        assert await other.readers.recall_search(43, search_id) is None  # not another chat's


async def test_only_the_latest_searches_are_kept_and_stop_forgets_them(store: Store) -> None:
    await store.readers.register(42, "en")
    ids = [await store.readers.remember_search(42, f'"q{n}"', f"q{n}", keep=3) for n in range(5)]
    assert [await store.readers.recall_search(42, i) is not None for i in ids] == [
        False,
        False,
        True,
        True,
        True,
    ]
    await store.readers.delete(42)
    assert await store.readers.recall_search(42, ids[-1]) is None

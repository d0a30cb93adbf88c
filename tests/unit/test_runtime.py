"""Runtime.create: a complete Runtime, or nothing left open."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.delivery.transport import PrintTransport
from bot.ingest.service import make_http_client
from bot.render import Renderer, RenderError
from bot.runtime import Runtime
from bot.store.store import Store


def settings_for(tmp_path: Path, **extra: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=f"sqlite:///{tmp_path / 'rt.db'}",
        **extra,
    )


async def test_create_returns_a_runtime_with_every_part_built(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    transport = PrintTransport(Renderer(None))
    runtime = await Runtime.create(settings, transport, dry_run=True)
    try:
        assert runtime.store.db.is_open and not runtime.http.is_closed
        assert runtime.transport is transport
        assert runtime.sender.store is runtime.store
        parts = (runtime.ingestor, runtime.poller, runtime.watchdog, runtime.digests)
        assert all(part is not None for part in parts)
        assert list(runtime.renderer.topics) == [t.slug for t in await runtime.store.topics.all()]
    finally:
        await runtime.stop()
    assert not runtime.store.db.is_open and runtime.http.is_closed


async def test_a_bad_templates_dir_fails_before_the_store_is_touched(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, templates_dir=tmp_path / "missing")
    with pytest.raises(RenderError, match="is not a folder"):
        await Runtime.create(settings, PrintTransport(Renderer(None)), dry_run=True)
    assert not (tmp_path / "rt.db").exists()


async def test_a_failure_after_the_store_opened_closes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stores: list[Store] = []
    clients: list[httpx.AsyncClient] = []

    class SpyStore(Store):
        def __init__(self, path: str) -> None:
            super().__init__(path)
            stores.append(self)

    def spy_client(timeout: float) -> httpx.AsyncClient:
        clients.append(make_http_client(timeout))
        return clients[-1]

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("no workers today")

    monkeypatch.setattr("bot.runtime.Store", SpyStore)
    monkeypatch.setattr("bot.runtime.make_http_client", spy_client)
    monkeypatch.setattr("bot.runtime.Poller", broken)
    with pytest.raises(RuntimeError, match="no workers today"):
        await Runtime.create(settings_for(tmp_path), PrintTransport(Renderer(None)), dry_run=True)
    assert len(stores) == 1 and stores[0].db.is_open is False
    assert len(clients) == 1 and clients[0].is_closed

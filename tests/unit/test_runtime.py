"""Runtime.create: a complete Runtime, or nothing left open."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
import pytest
from harness import free_port

from bot.config import SettingError, Settings
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
    settings = settings_for(tmp_path)
    settings.templates_dir = tmp_path / "missing"  # Settings refuses it; removed since, say
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


@pytest.mark.parametrize(
    ("host", "taken", "reason"),
    [
        ("127.0.0.1", True, "METRICS_PORT {port} is in use on 127.0.0.1"),
        ("nosuchhost.invalid", False, "METRICS_HOST nosuchhost.invalid: no such host"),
        ("192.0.2.1", False, "METRICS_HOST 192.0.2.1 is not an address of this host"),
    ],
)
async def test_a_metrics_endpoint_that_cannot_listen_names_the_setting(
    tmp_path: Path, host: str, taken: bool, reason: str
) -> None:
    """A port in use, a host that is no address of this one: one line naming the setting
    (an OSError traceback ended `run`)."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1] if taken else free_port()
        settings = settings_for(tmp_path, metrics_port=port, metrics_host=host)
        runtime = await Runtime.create(settings, PrintTransport(Renderer(None)), dry_run=True)
        try:
            with pytest.raises(SettingError) as refused:
                await runtime.serve()
        finally:
            await runtime.stop()
    assert str(refused.value).startswith(reason.format(port=port))
    assert runtime.server is None

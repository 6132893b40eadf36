"""deploy/healthcheck.py asks the running bot's /healthz when `[ops] listen` is configured."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.ops.metrics import Meters
from bot.ops.server import OpsServer
from bot.services.status import StatusService
from bot.storage import Storage
from tests.opsfigures import fill
from tests.unit.test_deploy_kit import load_healthcheck


@pytest.fixture
def healthcheck(monkeypatch):
    monkeypatch.delenv("ATTACHE_DATABASE_URL", raising=False)
    return load_healthcheck()


def config_listening_on(tmp_path: Path, listen: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(f'[ops]\nlisten = "{listen}"\n', encoding="utf-8")
    return str(path)


async def test_healthcheck_follows_the_bot_healthz(tmp_path, storage: Storage, storage_clock: ManualClock, healthcheck):
    """A configured server: 200 → healthy (the line names the URL); a stalled poll → unhealthy
    with the bot's own reason."""
    await fill(storage, storage_clock())
    server = OpsServer(StatusService(storage, storage_clock), Meters(), storage_clock, host="127.0.0.1", port=0, stale_poll_s=1800)
    port = await server.start()
    try:
        config = config_listening_on(tmp_path, f"127.0.0.1:{port}")
        healthy, line = await asyncio.to_thread(healthcheck.check, config, 5.0)
        assert healthy, line
        assert line.startswith(f"healthy: http://127.0.0.1:{port}/healthz answered 200")
        storage_clock.advance(hours=1)
        healthy, line = await asyncio.to_thread(healthcheck.check, config, 5.0)
    finally:
        await server.stop()
    assert not healthy
    assert line == (
        f"unhealthy: http://127.0.0.1:{port}/healthz answered 503: "
        "polling stalled: last poll 3900 s ago, more than 1800 s"
    )


def test_healthcheck_fails_when_nothing_listens(tmp_path, healthcheck):
    """The configured port is closed (the bot is down): unhealthy, saying it did not answer."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    healthy, line = healthcheck.check(config_listening_on(tmp_path, f"127.0.0.1:{port}"), 5.0)
    assert not healthy
    assert line.startswith(f"unhealthy: http://127.0.0.1:{port}/healthz did not answer: ")


@pytest.mark.parametrize(
    ("listen", "url"),
    [("", None), ("127.0.0.1:9108", "http://127.0.0.1:9108/healthz"),
     ("0.0.0.0:9108", "http://127.0.0.1:9108/healthz"), ("[::]:9108", "http://[::1]:9108/healthz"),
     ("[::1]:80", "http://[::1]:80/healthz")],
)
def test_healthz_url_asks_a_server_on_all_addresses_on_the_loopback(listen, url, healthcheck):
    """No server: no URL (the schema check runs instead); a wildcard address becomes loopback."""
    assert healthcheck.healthz_url(listen) == url

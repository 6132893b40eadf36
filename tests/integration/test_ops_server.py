"""/healthz and /metrics over real HTTP on 127.0.0.1 (ephemeral port), against a real database."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import httpx

from bot.clock import ManualClock
from bot.ops.metrics import Meters
from bot.ops.server import OpsServer
from bot.services.status import StatusService
from bot.storage import Storage
from tests.opsfigures import TOKEN, fill
from tests.unit.test_ops_health_metrics_logs import samples


@asynccontextmanager
async def serving(
    storage: Storage, clock: ManualClock, meters: Meters | None = None, stale_poll_s: float = 900
) -> AsyncIterator[str]:
    server = OpsServer(
        StatusService(storage, clock), meters or Meters(), clock, host="127.0.0.1", port=0, stale_poll_s=stale_poll_s
    )
    port = await server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.stop()


async def test_healthz_is_200_json_with_poll_age_and_outbox_depth(storage: Storage, storage_clock: ManualClock):
    """A database polled 5 minutes ago: 200, JSON, the last poll's age and the outbox depth."""
    await fill(storage, storage_clock())
    async with serving(storage, storage_clock) as base, httpx.AsyncClient() as client:
        r = await client.get(f"{base}/healthz")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["reasons"] == []
    assert body["last_poll_age_s"] == 300.0
    assert body["outbox_depth"] == 2
    assert body["feeds_pollable"] == 2


async def test_healthz_is_503_when_the_last_poll_is_too_old(storage: Storage, storage_clock: ManualClock):
    """The same database an hour later with a 30-minute threshold: 503 naming the stall."""
    await fill(storage, storage_clock())
    storage_clock.advance(hours=1)
    async with serving(storage, storage_clock, stale_poll_s=1800) as base, httpx.AsyncClient() as client:
        r = await client.get(f"{base}/healthz")
    assert r.status_code == 503
    assert r.json()["reasons"] == ["polling stalled: last poll 3900 s ago, more than 1800 s"]


async def test_metrics_over_http_carry_the_stored_figures(storage: Storage, storage_clock: ManualClock):
    """Prometheus text with the figures just stored and the in-process counters; an
    OpenMetrics scraper gets OpenMetrics."""
    now = storage_clock()
    await fill(storage, now)
    meters = Meters()
    meters.telegram_429.inc()
    async with serving(storage, storage_clock, meters) as base, httpx.AsyncClient() as client:
        r = await client.get(f"{base}/metrics")
        om = await client.get(f"{base}/metrics", headers={"Accept": "application/openmetrics-text; version=1.0.0"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain; version=")
    got = samples(r.content)
    assert got["attache_database_up"] == 1
    assert got["attache_items_total"] == 3
    assert got["attache_matches"] == 2
    assert got["attache_messages_sent_total"] == 1
    assert got["attache_outbox_depth"] == 2
    assert got['attache_feeds{state="disabled"}'] == 1
    assert got["attache_last_poll_timestamp_seconds"] == (now - timedelta(minutes=5)).timestamp()
    assert got["attache_outbox_oldest_due_seconds"] == 180
    assert got["attache_telegram_429_total"] == 1
    assert got["attache_poll_cycles_total"] == 0
    assert TOKEN not in r.text
    assert om.headers["content-type"].startswith("application/openmetrics-text")
    assert om.text.rstrip().endswith("# EOF")


async def test_database_gone_gives_503_and_metrics_say_database_down(tmp_path: Path, storage_clock: ManualClock):
    """The SQLite file's folder removed under a running server (a lost volume): /healthz
    answers 503 with the reason, /metrics still answers with attache_database_up 0."""
    folder = tmp_path / "volume"
    folder.mkdir()
    storage = await Storage.open(f"sqlite+aiosqlite:///{folder / 'attache.db'}", clock=storage_clock)
    try:
        await fill(storage, storage_clock())
        async with serving(storage, storage_clock) as base, httpx.AsyncClient() as client:
            assert (await client.get(f"{base}/healthz")).status_code == 200
            await storage.engine.dispose()  # the pooled connection goes with the volume
            shutil.rmtree(folder)
            health = await client.get(f"{base}/healthz")
            metrics = await client.get(f"{base}/metrics")
    finally:
        await storage.close()
    assert health.status_code == 503
    body = health.json()
    assert body["status"] == "unhealthy"
    assert body["outbox_depth"] is None
    assert body["reasons"][0].startswith("database unreachable: ")
    assert "unable to open database file" in body["database"]
    assert metrics.status_code == 200
    got = samples(metrics.content)
    assert got["attache_database_up"] == 0
    assert "attache_outbox_depth" not in got


async def test_unknown_paths_are_404(storage: Storage, storage_clock: ManualClock):
    """Only /healthz and /metrics are served."""
    async with serving(storage, storage_clock) as base, httpx.AsyncClient() as client:
        assert (await client.get(f"{base}/")).status_code == 404
        assert (await client.post(f"{base}/metrics")).status_code == 405

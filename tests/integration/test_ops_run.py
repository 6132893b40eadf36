"""`attache run` with `[ops] listen`: /healthz and /metrics over real HTTP while the bot runs."""

from __future__ import annotations

import argparse
import asyncio
import socket
from pathlib import Path

import httpx
import pytest

from bot.commands import run as run_command
from bot.telegram.fake import DEFAULT_TOKEN, FakeBotAPI
from tests.integration.test_status_command import feed_config
from tests.unit.test_ops_health_metrics_logs import samples


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(tmp_path: Path, api_url: str, listen: str) -> Path:
    extra = f'[storylines]\npaths = []\n[telegram]\napi_url = "{api_url}"\n[ops]\nlisten = "{listen}"\n'
    return feed_config(tmp_path, extra=extra)


async def test_running_bot_serves_health_and_metrics_of_its_first_poll(tmp_path, monkeypatch):
    """The bot polls its feed on the first tick; /healthz then reports that poll (200, JSON)
    and /metrics the two stored items and this process's poll cycle. Stopping the bot closes
    the port."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", DEFAULT_TOKEN)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with FakeBotAPI() as api, httpx.AsyncClient() as client:
        config = write_config(tmp_path, api.base_url, f"127.0.0.1:{port}")
        stop = asyncio.Event()
        args = argparse.Namespace(config=str(config), api_url=None, tick=0.5)
        task = asyncio.create_task(run_command._run(args, stop))
        try:
            health: dict[str, object] = {}
            for _ in range(100):
                await asyncio.sleep(0.2)
                try:
                    r = await client.get(f"{base}/healthz")
                except httpx.ConnectError:
                    continue
                health = r.json()
                if health["last_poll_at"] is not None:
                    break
            assert r.status_code == 200, health
            assert health["status"] == "ok"
            assert health["feeds_pollable"] == 1
            metrics = await client.get(f"{base}/metrics")
            got = samples(metrics.content)
            assert got["attache_items_total"] == 2
            assert got["attache_database_up"] == 1
            assert got["attache_poll_cycles_total"] >= 1
            assert got['attache_feed_polls_total{outcome="new"}'] == 1
        finally:
            stop.set()
            assert await asyncio.wait_for(task, 30) == 0
        with pytest.raises(httpx.ConnectError):
            await client.get(f"{base}/healthz")


async def test_a_taken_port_stops_the_start_with_the_address(tmp_path, monkeypatch):
    """Another program holds the configured port: the run stops at once with an error naming
    the address and the config key."""
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", DEFAULT_TOKEN)
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        async with FakeBotAPI() as api:
            config = write_config(tmp_path, api.base_url, f"127.0.0.1:{port}")
            args = argparse.Namespace(config=str(config), api_url=None, tick=5.0)
            with pytest.raises(OSError, match=rf"cannot listen on 127.0.0.1:{port} \(\[ops\] listen\)"):
                await run_command._run(args, asyncio.Event())

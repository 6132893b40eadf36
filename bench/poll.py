"""Poll benchmark: 500 feeds × 20 items on a loopback aiohttp server, into a fresh SQLite file.

Figures: the first full poll (everything fetched, parsed, normalised and stored), the second
poll (every feed answers 304: its wall time, and the CPU time the polling process took), and
the floor the first poll is held to: bare feedparser on the same bodies, in the same run, on
one core.
"""

from __future__ import annotations

import asyncio
import io
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.localserver import serve_forever, server_process

N_FEEDS = 500
N_ITEMS = 20


def _feed_body(n: int) -> bytes:
    items = []
    for i in range(N_ITEMS):
        items.append(
            f"<item><title>Feed {n} story {i}: envoys meet in capital {i % 7}</title>"
            f"<link>https://bench{n}.example/story/{i}?utm_source=rss</link>"
            f'<guid isPermaLink="false">bench-{n}-{i}</guid>'
            f"<pubDate>Sun, 07 Oct 2018 {i % 24:02d}:00:00 GMT</pubDate>"
            f"<description><![CDATA[<p>Paragraph one of story {i} in feed {n}, about talks "
            f"between delegations.</p><p>Paragraph two adds detail on the agenda and on who "
            f"attended.</p><p>[ad_2]Source link</p>]]></description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>Bench feed {n}</title><link>https://bench{n}.example/</link>"
        f"{''.join(items)}</channel></rss>"
    ).encode()


def parse_floor_s() -> float:
    """Seconds for feedparser alone, default options, to parse every bench body in a row."""
    import feedparser

    bodies = [_feed_body(n) for n in range(N_FEEDS)]
    t0 = time.perf_counter()
    for body in bodies:
        feedparser.parse(io.BytesIO(body))
    return time.perf_counter() - t0


def _serve(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from aiohttp import web

    bodies = {n: _feed_body(n) for n in range(N_FEEDS)}

    async def handler(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        tag = f'"bench-{n}"'
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers={"ETag": tag})
        return web.Response(
            body=bodies[n], headers={"ETag": tag}, content_type="application/rss+xml"
        )

    serve_forever({"/feed/{n}.xml": handler}, port_queue)


async def _bench(port: int, db: Path) -> dict[str, float]:
    from bot.config import FeedSettings, Settings
    from bot.feeds.fetch import Fetcher
    from bot.feeds.pool import ParsePool
    from bot.feeds.transport import feed_client
    from bot.services.poller import poll_once
    from bot.storage import Storage

    # The feed server is on loopback, which the URL policy refuses unless allowed.
    settings = Settings(feeds=FeedSettings(allow_private=True))
    urls = [f"http://127.0.0.1:{port}/feed/{n}.xml" for n in range(N_FEEDS)]
    storage = await Storage.open(f"sqlite+aiosqlite:///{db}")
    # As the app does: one pool for its life, its workers started by the first poll (timed).
    pool = ParsePool()
    try:
        # The client the bot builds: guarded transport (resolve, check, connect to the address).
        async with feed_client(
            True,
            timeout=settings.feeds.timeout_s,
            user_agent=settings.feeds.user_agent,
            max_connections=settings.feeds.max_concurrency * 2,
        ) as client:
            fetcher = Fetcher(client, settings.feeds)
            for url in urls:
                await storage.feeds.add(url)
            now = datetime.now(UTC)
            # As the scheduler does it: the due feeds' states are read once per cycle.
            t0 = time.perf_counter()
            first = await poll_once(
                storage, fetcher, await storage.feeds.due(now), now, settings, parse_pool=pool
            )
            first_s = time.perf_counter() - t0
            parsed_in_workers = pool.started
            stored = await storage.articles.count()
            later = now + timedelta(seconds=settings.feeds.poll_interval_s)
            t0, cpu0 = time.perf_counter(), time.process_time()
            second = await poll_once(
                storage, fetcher, await storage.feeds.due(later), later, settings, parse_pool=pool
            )
            second_s = time.perf_counter() - t0
            # This process's CPU (every thread's): on a busy machine the wall time waits for a
            # core, the CPU time does not.
            second_cpu_s = time.process_time() - cpu0
    finally:
        await pool.close()
        await storage.close()
    outcomes_1 = {r.outcome for r in first}
    outcomes_2 = {r.outcome for r in second}
    print(
        f"first poll: {stored} items stored, outcomes {sorted(outcomes_1)}; "
        f"second poll outcomes {sorted(outcomes_2)}",
        file=sys.stderr,
    )
    if stored != N_FEEDS * N_ITEMS or outcomes_1 != {"new"} or outcomes_2 != {"not-modified"}:
        raise RuntimeError("poll benchmark did not store every item or did not get 304s")
    return {
        "poll_500_feeds_s": round(first_s, 3),
        "poll_500_feeds_304_s": round(second_s, 3),
        "poll_500_feeds_304_cpu_s": round(second_cpu_s, 3),
        "poll_items_stored": stored,
        "poll_parse_workers": pool.workers if parsed_in_workers else 0,
    }


def run() -> dict[str, float]:
    floor = parse_floor_s()
    with server_process(_serve) as port, tempfile.TemporaryDirectory(prefix="attache-bench-") as tmp:
        figures = asyncio.run(_bench(port, Path(tmp) / "bench.db"))
    figures["poll_parse_floor_s"] = round(floor, 3)
    figures["poll_vs_floor"] = round(figures["poll_500_feeds_s"] / floor, 2)
    return figures

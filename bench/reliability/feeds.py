"""Hostile feeds through the real poller: crashes, tracebacks, memory, wall time, leaks.

The poller is the application's own (`Pipeline.poll_cycle`) with its own HTTP client and a SQLite
database in a temporary folder. The loopback server needs `[feeds] allow_private`; a second app
with the switch off is pointed at internal addresses in many notations, all of which reach the
same loopback server, so any request that arrives there was an internal URL accepted.
"""

from __future__ import annotations

import dataclasses
import socket
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.reliability import hostile
from bench.reliability.leaks import rows_holding
from bench.reliability.observe import Watcher, current_rss_mb, peak_rss_mb
from bench.reliability.server import HostileServer
from bot.clock import utc_now
from bot.config import FeedSettings, Settings
from bot.models import Actor, Extraction, Storyline

READER = 7_000_001
CANARY = "canary-7f3e-rel-suite-file-contents"
TIMEOUT_S = 8.0
STORY = Storyline(
    slug="relay-orlo-talks",
    title="Orlo and Quell talks",
    actors=(Actor("Tamsin Orlo", aliases=("Orlo",)), Actor("Ravi Quell", aliases=("Quell",))),
    places=("Talvik",),
)
# Loopback in the notations an attacker would try; every one reaches 127.0.0.1 (or ::1).
LOOPBACK_HOSTS = (
    "127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "0177.0.0.1",
    "0.0.0.0", "[::ffff:127.0.0.1]", "[::1]",
)


class StubExtraction:
    """The model is not what this part measures (bench/extract.py does): no spaCy here."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id)


def feed_settings(base: FeedSettings, *, allow_private: bool, **changes: Any) -> FeedSettings:
    """FeedSettings with the private-address switch set, where this version has the switch."""
    names = {f.name for f in dataclasses.fields(FeedSettings)}
    if "allow_private" in names:
        changes["allow_private"] = allow_private
    return dataclasses.replace(base, **changes)


def _settings(tmp: Path, name: str, *, allow_private: bool) -> Settings:
    feeds = feed_settings(
        FeedSettings(), allow_private=allow_private, timeout_s=TIMEOUT_S, max_redirects=5
    )
    return Settings(
        database=dataclasses.replace(Settings().database, url=f"sqlite+aiosqlite:///{tmp / name}"),
        feeds=feeds,
    )


def ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


async def run(tmp: Path, watcher: Watcher) -> dict[str, Any]:
    from bot.app import build

    canary = tmp / "canary.xml"
    canary.write_text(hostile.rss([(CANARY, "https://relay.example/canary")]))
    figures: dict[str, Any] = {"crashes": 0}
    async with HostileServer([]) as server:
        canary_url = f"http://127.0.0.1:{server.port}/canary"
        feeds = hostile.polled(str(canary), canary_url)
        server.feeds = {h.name: h for h in hostile.served(str(canary), canary_url)}
        settings = _settings(tmp, "feeds.db", allow_private=True)
        app = await build(settings, storylines=[STORY], extractor=StubExtraction())
        try:
            for h in feeds:
                await app.storage.feeds.add(server.url(h.name))
            # A reader of the story: the control feeds' briefings show when matching began.
            await app.storage.chats.ensure(READER, "private", "Reader")
            await app.storage.chats.subscribe(READER, STORY.slug, "instant")
            baseline = current_rss_mb()
            polled_at = utc_now()
            print(f"polling {len(feeds)} hostile feeds (timeout {TIMEOUT_S:g} s)", file=sys.stderr, flush=True)
            started = time.perf_counter()
            try:
                reports = await app.pipeline.poll_cycle(force=True)
            except Exception as exc:
                figures["crashes"] += 1
                watcher.note_exception(f"poll cycle crashed: {type(exc).__name__}: {exc}")
                reports = []
            figures["poll_wall_s"] = round(time.perf_counter() - started, 2)
            figures["first_briefing_s"] = await _first_briefing_s(app, polled_at)
            figures["peak_rss_mb"] = peak_rss_mb()
            figures["rss_baseline_mb"] = baseline
            figures["feeds_tried"] = len(feeds)
            figures.update(await _after_poll(app, server, reports, feeds))
        finally:
            await app.close()
        figures["xxe_leaks"] = server.hits["/canary"] + sum(
            (await rows_holding(settings.database.url, (CANARY, "root:x:0:0"))).values()
        )
        figures["internal_urls_accepted"] = await _internal(tmp, server, canary)
    return figures


async def _after_poll(
    app: Any, server: HostileServer, reports: list[Any], feeds: list[hostile.Hostile]
) -> dict[str, Any]:
    """Every failure recorded with backoff; the good feeds' items stored; sizes stored."""
    states = {s.url: s for s in await app.storage.feeds.list()}
    uncounted = {
        r.url for r in reports
        if r.outcome == "failed" and states.get(r.url) and states[r.url].error_count == 0
    }
    hits_before = dict(server.hits)
    # Straight away again: a feed that failed must be backing off, not fetched at once.
    await app.pipeline.poll_cycle(force=False)
    again = {p for p, n in server.hits.items() if n > hits_before.get(p, 0) and p.startswith("/f/")}
    uncounted |= {server.url(p.removeprefix("/f/")) for p in again}
    articles = await app.storage.articles.recent(since=datetime.fromtimestamp(0).astimezone(), limit=20_000)
    control = [h for h in feeds if h.name.startswith("control-")]
    have = {a.feed_url for a in articles}
    return {
        "uncounted_failures": len(uncounted),
        "control_items_lost": sum(1 for h in control if server.url(h.name) not in have),
        "stored_title_max_chars": max((len(a.title) for a in articles), default=0),
        "stored_url_max_chars": max((len(a.url or "") for a in articles), default=0),
        "feed_outcomes": _tally(reports),
    }


async def _first_briefing_s(app: Any, polled_at: datetime) -> float | None:
    """Seconds from the poll's start to the first briefing queued: slow feeds must not hold it."""
    queued = [m.created_at for m in await app.storage.outbox.for_chat(READER) if m.created_at]
    return round((min(queued) - polled_at).total_seconds(), 2) if queued else None


def _tally(reports: list[Any]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in reports:
        out[r.outcome] = out.get(r.outcome, 0) + 1
    return out


async def _internal(tmp: Path, server: HostileServer, canary: Path) -> int:
    """Internal URLs polled with allow_private off: each request that arrives was accepted."""
    from bot.app import build

    settings = _settings(tmp, "internal.db", allow_private=False)
    app = await build(settings, storylines=[STORY], extractor=StubExtraction())
    hosts = [h for h in LOOPBACK_HOSTS if h != "[::1]" or ipv6_loopback()]
    before = sum(n for p, n in server.hits.items() if p.startswith("/internal/"))
    try:
        for n, host in enumerate(hosts):
            await app.storage.feeds.add(f"http://{host}:{server.port}/internal/{n}")
        await app.storage.feeds.add(canary.as_uri())
        await app.pipeline.poll_cycle(force=True)
        reached = sum(n for p, n in server.hits.items() if p.startswith("/internal/")) - before
        stored = (await rows_holding(settings.database.url, (CANARY,))).get("articles", 0)
    finally:
        await app.close()
    return reached + stored

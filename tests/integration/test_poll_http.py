"""Polling real feeds over real sockets on 127.0.0.1: ETag/Last-Modified → 304, redirects,
backoff and disabling with a manual clock, and one broken feed never stopping the others."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
import pytest
from aiohttp import web

from bot.clock import ManualClock
from bot.config import FeedSettings, Settings
from bot.feeds.fetch import Fetcher
from bot.services.poller import poll_once
from bot.storage import Storage

SETTINGS = Settings(
    feeds=FeedSettings(
        timeout_s=5.0,
        poll_interval_s=900,
        backoff_base_s=60,
        backoff_max_s=600,
        disable_after_failures=3,
        max_concurrency=4,
        allow_private=True,  # the feed server is on 127.0.0.1
    )
)


def rss(title: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Sun, 07 Oct 2018 08:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Story about {t}.&lt;/p&gt;</description></item>"
        for t, link in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
        f"{body}</channel></rss>"
    ).encode()


@dataclass
class FeedServer:
    """A small feed site whose content and behaviour tests change between polls."""

    base: str = ""
    etag_items: list[tuple[str, str]] = field(
        default_factory=lambda: [
            ("Envoys meet in Oslo", "https://n.example/oslo"),
            ("Talks in Rome", "https://n.example/rome"),
        ]
    )
    etag_version: int = 1
    hits: dict[str, int] = field(default_factory=dict)
    headers_seen: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    in_flight: int = 0
    max_in_flight: int = 0

    def record(self, request: web.Request) -> None:
        self.hits[request.path] = self.hits.get(request.path, 0) + 1
        self.headers_seen.setdefault(request.path, []).append(dict(request.headers))

    async def etag_feed(self, request: web.Request) -> web.Response:
        self.record(request)
        tag = f'"v{self.etag_version}"'
        if request.headers.get("If-None-Match") == tag:
            return web.Response(status=304, headers={"ETag": tag})
        return web.Response(
            body=rss("Etag Times", self.etag_items),
            headers={"ETag": tag},
            content_type="application/rss+xml",
        )

    async def lm_feed(self, request: web.Request) -> web.Response:
        self.record(request)
        stamp = "Sun, 07 Oct 2018 09:00:00 GMT"
        if request.headers.get("If-Modified-Since") == stamp:
            return web.Response(status=304)
        return web.Response(
            body=rss("Modified Daily", [("Summit in Hanoi", "https://m.example/hanoi")]),
            headers={"Last-Modified": stamp},
            content_type="application/xml",
        )

    async def moved(self, request: web.Request) -> web.Response:
        self.record(request)
        raise web.HTTPMovedPermanently(location="/lm.xml")

    async def broken(self, request: web.Request) -> web.Response:
        self.record(request)
        return web.Response(status=500, text="oops")

    async def html(self, request: web.Request) -> web.Response:
        self.record(request)
        return web.Response(
            text="<!doctype html><html><body>Sign in</body></html>", content_type="text/html"
        )

    async def copy(self, request: web.Request) -> web.Response:
        self.record(request)
        # The Oslo story again, from another outlet, with a tracking parameter on the link.
        items = [
            ("Envoys meet in Oslo", "https://N.example/oslo?utm_source=copy"),
            ("Markets rise", "https://c.example/markets"),
        ]
        return web.Response(body=rss("Copy Wire", items), content_type="application/xml")

    async def slow(self, request: web.Request) -> web.Response:
        import asyncio

        self.record(request)
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.02)  # holds the request open so overlap can be observed
        finally:
            self.in_flight -= 1
        n = request.match_info["n"]
        return web.Response(
            body=rss(f"Slow {n}", [(f"Item {n}", f"https://s.example/{n}")]),
            content_type="application/xml",
        )

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture
async def site() -> AsyncIterator[FeedServer]:
    server = FeedServer()
    app = web.Application()
    app.router.add_get("/etag.xml", server.etag_feed)
    app.router.add_get("/lm.xml", server.lm_feed)
    app.router.add_get("/moved.xml", server.moved)
    app.router.add_get("/broken.xml", server.broken)
    app.router.add_get("/page.html", server.html)
    app.router.add_get("/copy.xml", server.copy)
    app.router.add_get("/slow/{n}.xml", server.slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    server.base = f"http://127.0.0.1:{port}"
    try:
        yield server
    finally:
        await runner.cleanup()


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with httpx.AsyncClient() as client:
        yield Fetcher(client, SETTINGS.feeds)


async def test_etag_flow_200_then_304_then_new_item(
    site: FeedServer, fetcher: Fetcher, storage: Storage, storage_clock: ManualClock
):
    """First poll stores the items; the next sends If-None-Match and gets a 304 (nothing
    parsed); after the feed changes, only the new item comes back as new."""
    url = site.url("/etag.xml")
    [first] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert first.outcome == "new"
    assert len(first.new_items) == 2
    assert (await storage.feeds.get(url)).etag == '"v1"'

    storage_clock.advance(seconds=900)
    [second] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert second.outcome == "not-modified"
    assert second.new_items == []
    assert site.headers_seen["/etag.xml"][-1]["If-None-Match"] == '"v1"'

    site.etag_items.append(("Ceasefire in Yemen", "https://n.example/yemen"))
    site.etag_version = 2
    storage_clock.advance(seconds=900)
    [third] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert third.outcome == "new"
    assert [a.title for a in third.new_items] == ["Ceasefire in Yemen"]
    assert await storage.articles.count() == 3
    state = await storage.feeds.get(url)
    assert state.etag == '"v2"'
    assert state.state == "active"
    assert state.error_count == 0
    assert state.next_poll_at == storage_clock() + timedelta(seconds=900)


async def test_last_modified_flow_and_user_agent(
    site: FeedServer, fetcher: Fetcher, storage: Storage, storage_clock: ManualClock
):
    """A feed with only Last-Modified gets If-Modified-Since and answers 304; the
    User-Agent names the project."""
    url = site.url("/lm.xml")
    [first] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    [second] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert (first.outcome, second.outcome) == ("new", "not-modified")
    sent = site.headers_seen["/lm.xml"]
    assert sent[1]["If-Modified-Since"] == "Sun, 07 Oct 2018 09:00:00 GMT"
    assert sent[0]["User-Agent"].startswith("Attache/")


async def test_redirect_is_followed(
    site: FeedServer, fetcher: Fetcher, storage: Storage, storage_clock: ManualClock
):
    """A 301 is followed to the feed; its items are stored under the configured feed URL."""
    url = site.url("/moved.xml")
    [report] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert report.outcome == "new"
    assert report.new_items[0].feed_url == url
    assert site.hits == {"/moved.xml": 1, "/lm.xml": 1}


async def test_backoff_then_disable_after_repeated_failures(
    site: FeedServer,
    fetcher: Fetcher,
    storage: Storage,
    storage_clock: ManualClock,
    caplog: pytest.LogCaptureFixture,
):
    """Failures back off exponentially (60 s, 120 s); a poll before the time is not sent;
    the third failure disables the feed, logged at WARNING; enabling brings it back."""
    url = site.url("/broken.xml")
    t0 = storage_clock()
    [r1] = await poll_once(storage, fetcher, [url], t0, SETTINGS)
    assert r1.outcome == "failed"
    assert r1.error == "HTTP 500 Internal Server Error"
    assert r1.next_poll_at == t0 + timedelta(seconds=60)

    [early] = await poll_once(storage, fetcher, [await storage.feeds.get(url)], t0, SETTINGS)
    assert early.outcome == "backing-off"
    assert site.hits["/broken.xml"] == 1
    assert await storage.feeds.due(t0) == []

    t1 = storage_clock.advance(seconds=60)
    [r2] = await poll_once(storage, fetcher, await storage.feeds.due(t1), t1, SETTINGS)
    assert r2.outcome == "failed"
    assert r2.next_poll_at == t1 + timedelta(seconds=120)

    t2 = storage_clock.advance(seconds=120)
    with caplog.at_level(logging.WARNING, logger="bot.services.poller"):
        [r3] = await poll_once(storage, fetcher, await storage.feeds.due(t2), t2, SETTINGS)
    assert r3.outcome == "disabled"
    assert "HTTP 500" in (r3.error or "")
    assert any("disabled (after 3 consecutive failures)" in m for m in caplog.messages)
    state = await storage.feeds.get(url)
    assert state.state == "disabled"
    assert state.error_count == 3

    t3 = storage_clock.advance(days=2)
    assert await storage.feeds.due(t3) == []
    [r4] = await poll_once(storage, fetcher, [url], t3, SETTINGS)
    assert r4.outcome == "disabled"
    assert site.hits["/broken.xml"] == 3

    await storage.feeds.enable(url)
    [r5] = await poll_once(
        storage, fetcher, await storage.feeds.due(storage_clock()), storage_clock(), SETTINGS
    )
    assert r5.outcome == "failed"
    assert site.hits["/broken.xml"] == 4


async def test_one_broken_feed_never_stops_the_others(
    site: FeedServer, fetcher: Fetcher, storage: Storage, storage_clock: ManualClock
):
    """Broken, HTML and unreachable feeds fail on their own; good feeds are stored, and
    the same story from two outlets is stored once."""
    urls = [
        site.url("/broken.xml"),
        site.url("/page.html"),
        "http://127.0.0.1:9/unreachable.xml",
        site.url("/etag.xml"),
        site.url("/copy.xml"),
    ]
    reports = await poll_once(storage, fetcher, urls, storage_clock(), SETTINGS)
    by_url = {r.url: r for r in reports}
    assert [r.url for r in reports] == urls
    assert by_url[urls[0]].outcome == "failed"
    assert by_url[urls[1]].error == "not a feed: looks like HTML"
    assert by_url[urls[2]].outcome == "failed"
    assert "connection failed" in by_url[urls[2]].error
    assert by_url[urls[3]].outcome == "new"
    # The shared story goes to whichever outlet is stored first; it is stored once.
    titles = [a.title for url in urls[3:] for a in by_url[url].new_items]
    assert len(titles) == 3
    assert len(set(titles)) == 3
    assert "Markets rise" in titles
    assert await storage.articles.count() == 3


async def test_concurrency_is_bounded(
    site: FeedServer, fetcher: Fetcher, storage: Storage, storage_clock: ManualClock
):
    """No more than max_concurrency feeds are fetched at once."""
    settings = dataclasses.replace(
        SETTINGS, feeds=dataclasses.replace(SETTINGS.feeds, max_concurrency=2)
    )
    urls = [site.url(f"/slow/{n}.xml") for n in range(8)]
    reports = await poll_once(storage, fetcher, urls, storage_clock(), settings)
    assert all(r.outcome == "new" for r in reports)
    assert 1 <= site.max_in_flight <= 2


async def test_a_large_poll_parses_in_worker_processes(
    site: FeedServer,
    fetcher: Fetcher,
    storage: Storage,
    storage_clock: ManualClock,
    monkeypatch: pytest.MonkeyPatch,
):
    """From POOL_MIN_FEEDS feeds on, with a core idle, a ParsePool's workers parse: every item
    is stored as in a small poll, and the second poll of the same bodies finds nothing new."""
    import bot.feeds.pool as pool_module
    from bot.feeds.pool import ParsePool
    from bot.services.poller import POOL_MIN_FEEDS

    monkeypatch.setattr(pool_module, "spare_cores", lambda: 2.0)  # however busy this machine is

    urls = [site.url(f"/slow/{n}.xml") for n in range(POOL_MIN_FEEDS + 2)]
    pool = ParsePool(workers=2)
    try:
        first = await poll_once(storage, fetcher, urls, storage_clock(), SETTINGS, parse_pool=pool)
        assert pool.started
        assert [r.outcome for r in first] == ["new"] * len(urls)
        assert [a.title for r in first for a in r.new_items] == [f"Item {n}" for n in range(len(urls))]
        storage_clock.advance(minutes=20)
        again = await poll_once(storage, fetcher, urls, storage_clock(), SETTINGS, parse_pool=pool)
        assert [r.outcome for r in again] == ["unchanged"] * len(urls)
        assert pool.restarts == 0
    finally:
        await pool.close()
    assert await storage.articles.count() == len(urls)

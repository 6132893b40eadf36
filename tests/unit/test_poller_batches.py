"""The poller's batched writes, its parse runner and the skipping of stored items: each feed
reported only once stored, one failing parse worker failing one feed, known items not
normalised again, and ready feeds written together."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest

import bot.feeds.pool as pool_module
import bot.services.poller as poller
from bot.clock import ManualClock
from bot.config import FeedSettings, Settings
from bot.feeds.pool import InThread, ParsePool, ParseWorkerError
from bot.models import FetchResult
from bot.services.poller import POOL_MIN_FEEDS, FeedReport, poll_once
from bot.storage import Storage

SETTINGS = Settings(feeds=FeedSettings(backoff_base_s=300, backoff_max_s=3600))


def rss(n: int, links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Delegation {n} arrives, part {i}</title><link>{link}</link>"
        f"<description>The delegation from desk {n} came by train, part {i}.</description></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk {n}</title>'
        f"{items}</channel></rss>"
    ).encode()


class Answers:
    """A fetcher answering 200 with a body per url; the bodies can change between polls."""

    def __init__(self, bodies: dict[str, bytes]) -> None:
        self.bodies = bodies

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None):
        return FetchResult(url=url, status=200, body=self.bodies[url], content_type="application/rss+xml")


class RecordingRunner(InThread):
    """Runs jobs in a thread, keeps what it ran, and fails the jobs of one feed as a dead
    worker process would."""

    def __init__(self, failing_feed: str | None = None) -> None:
        self.calls: list[tuple[str, tuple]] = []
        self.failing_feed = failing_feed

    def has_idle_cores(self) -> bool:
        return True

    async def run(self, fn, *args):
        self.calls.append((fn.__name__, args))
        feed = getattr(args[0], "feed_url", None)
        if feed is not None and feed == self.failing_feed:
            raise ParseWorkerError("the parser process died on this feed")
        return await super().run(fn, *args)


def feeds(count: int) -> dict[str, bytes]:
    return {
        f"https://desk{n}.example/rss": rss(n, [f"https://desk{n}.example/{i}" for i in range(2)])
        for n in range(count)
    }


async def test_a_dead_parse_worker_fails_its_feed_only(storage: Storage, storage_clock: ManualClock):
    """A ParseWorkerError for one feed is that feed's failure (recorded, backing off); the
    others in the same poll are stored."""
    bodies = feeds(POOL_MIN_FEEDS)
    bad = next(iter(bodies))
    runner = RecordingRunner(failing_feed=bad)
    reports = await poll_once(storage, Answers(bodies), list(bodies), storage_clock(), SETTINGS, parse_pool=runner)
    by_url = {r.url: r for r in reports}
    assert by_url[bad].outcome == "failed"
    assert by_url[bad].error == "the parser process died on this feed"
    state = await storage.feeds.get(bad)
    assert state.state == "backoff"
    assert state.error_count == 1
    assert all(r.outcome == "new" for url, r in by_url.items() if url != bad)
    assert await storage.articles.count() == 2 * (POOL_MIN_FEEDS - 1)


async def test_the_pool_is_used_only_from_a_certain_poll_size(storage: Storage, storage_clock: ManualClock):
    """Fewer feeds than POOL_MIN_FEEDS parse in a thread: the given pool is not asked."""
    bodies = feeds(POOL_MIN_FEEDS - 1)
    runner = RecordingRunner()
    reports = await poll_once(storage, Answers(bodies), list(bodies), storage_clock(), SETTINGS, parse_pool=runner)
    assert {r.outcome for r in reports} == {"new"}
    assert runner.calls == []


async def test_items_already_stored_are_not_normalised_again(
    storage: Storage, storage_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
):
    """A feed polled before is parsed, its items' ids looked up, and only the unknown items
    normalised; the report's new items are exactly those."""
    url = "https://desk1.example/rss"
    links = ["https://desk1.example/0", "https://desk1.example/1"]
    fetcher = Answers({url: rss(1, links)})
    normalised: list[int] = []
    real = poller.normalize_items

    def counting(items, *args):
        normalised.append(len(items))
        return real(items, *args)

    monkeypatch.setattr(poller, "normalize_items", counting)
    [first] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert len(first.new_items) == 2
    assert normalised == []  # a first poll goes in one step (prepare_all)

    fetcher.bodies[url] = rss(1, [*links, "https://desk1.example/2"])
    storage_clock.advance(minutes=20)
    [second] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert normalised == [1]
    assert [a.url for a in second.new_items] == ["https://desk1.example/2"]
    assert await storage.articles.count() == 3

    storage_clock.advance(minutes=20)
    [third] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert third.outcome == "unchanged"
    assert normalised == [1]  # every item known: nothing normalised


async def test_each_report_comes_after_its_feed_is_stored(storage: Storage, storage_clock: ManualClock):
    """When on_report sees a feed, its new articles and its state are already in storage."""
    bodies = feeds(12)
    seen: list[str] = []

    async def check(report: FeedReport) -> None:
        for article in report.new_items:
            assert await storage.articles.get(article.id) == article
        state = await storage.feeds.get(report.url)
        assert state.last_polled_at == storage_clock()
        seen.append(report.url)

    await poll_once(storage, Answers(bodies), list(bodies), storage_clock(), SETTINGS, check)
    assert sorted(seen) == sorted(bodies)


class CountingFeeds:
    """A feed repository counting its batch writes."""

    def __init__(self, real) -> None:
        self.real = real
        self.batches: list[int] = []

    async def save_polls(self, polls):
        self.batches.append(len(polls))
        return await self.real.save_polls(polls)


async def test_feeds_ready_together_are_written_in_one_transaction(storage: Storage):
    """Five feeds queued before the writer runs go into one save_polls call, and each gets
    its own stored articles back."""
    states = [await storage.feeds.add(f"https://desk{n}.example/rss") for n in range(5)]
    counting = CountingFeeds(storage.feeds)
    writer = poller._BatchWriter(counting)
    stores = [
        asyncio.create_task(writer.store(dataclasses.replace(s, etag=f'"{n}"')))
        for n, s in enumerate(states)
    ]
    await asyncio.sleep(0)  # every store is queued
    running = asyncio.create_task(writer.run())
    try:
        assert await asyncio.gather(*stores) == [[]] * 5
    finally:
        running.cancel()
    assert counting.batches == [5]
    assert [(await storage.feeds.get(s.url)).etag for s in states] == [f'"{n}"' for n in range(5)]


async def test_on_busy_cores_a_large_poll_parses_in_a_thread(
    storage: Storage, storage_clock: ManualClock, monkeypatch: pytest.MonkeyPatch
):
    """With no core idle (load average at the core count) the pool's workers are not started:
    they would only queue for the same cores."""
    monkeypatch.setattr(pool_module, "spare_cores", lambda: 0.0)
    bodies = feeds(POOL_MIN_FEEDS + 2)
    pool = ParsePool(workers=2)
    try:
        reports = await poll_once(
            storage, Answers(bodies), list(bodies), storage_clock(), SETTINGS, parse_pool=pool
        )
        assert {r.outcome for r in reports} == {"new"}
        assert not pool.started
    finally:
        await pool.close()

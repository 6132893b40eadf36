"""The poller with a hand-written fetcher: outcomes, backoff arithmetic, failure isolation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.config import FeedSettings, Settings
from bot.models import FeedSource, FetchResult
from bot.services.poller import FeedReport, backoff_delay, poll_once
from bot.storage import Storage

SETTINGS = Settings(
    feeds=FeedSettings(backoff_base_s=300, backoff_max_s=3600, disable_after_failures=5)
)
RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
    b"<item><title>Envoy in Lima</title><link>https://d.example/lima</link></item>"
    b"<item><title>Envoy in Quito</title><link>https://d.example/quito</link></item>"
    b"</channel></rss>"
)


class FakeFetcher:
    """Answers from a dict of url → FetchResult; records what it was asked."""

    def __init__(self, answers: dict[str, FetchResult]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, str | None, str | None]] = []

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.calls.append((url, etag, last_modified))
        return self.answers[url]


def ok(url: str, body: bytes = RSS, etag: str | None = '"e1"') -> FetchResult:
    return FetchResult(url=url, status=200, body=body, etag=etag, content_type="application/xml")


@pytest.mark.parametrize(
    ('errors', 'seconds'),
    [(1, 300), (2, 600), (3, 1200), (4, 2400), (5, 3600), (60, 3600), (10_000, 3600)],
)
def test_backoff_doubles_and_is_capped(errors, seconds):
    """Each consecutive failure doubles the wait, never beyond backoff_max_s."""
    assert backoff_delay(errors, SETTINGS.feeds) == timedelta(seconds=seconds)


async def test_feed_source_is_added_with_its_title(storage: Storage, storage_clock: ManualClock):
    """A FeedSource not yet stored is registered (with its title) and polled."""
    url = "https://d.example/rss"
    fetcher = FakeFetcher({url: ok(url)})
    [report] = await poll_once(
        storage, fetcher, [FeedSource(url, "The Desk")], storage_clock(), SETTINGS
    )
    assert report.outcome == "new"
    assert len(report.new_items) == 2
    assert {a.source_name for a in report.new_items} == {"The Desk"}
    assert (await storage.feeds.get(url)).title == "The Desk"


async def test_feed_title_is_learnt_from_the_feed(storage: Storage, storage_clock: ManualClock):
    """A feed added without a title takes the channel title on its first poll."""
    url = "https://d.example/rss"
    await poll_once(storage, FakeFetcher({url: ok(url)}), [url], storage_clock(), SETTINGS)
    assert (await storage.feeds.get(url)).title == "Desk"


async def test_second_poll_of_same_items_is_unchanged(storage: Storage, storage_clock: ManualClock):
    """A 200 with only known items is "unchanged": nothing new is returned or stored."""
    url = "https://d.example/rss"
    fetcher = FakeFetcher({url: ok(url, etag=None)})
    await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    [again] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert again.outcome == "unchanged"
    assert again.new_items == []
    assert await storage.articles.count() == 2


async def test_304_keeps_the_stored_validators(storage: Storage, storage_clock: ManualClock):
    """A 304 without an ETag header keeps the ETag we had, and sends it next time."""
    url = "https://d.example/rss"
    fetcher = FakeFetcher({url: ok(url)})
    await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    fetcher.answers[url] = FetchResult(url=url, status=304)
    [report] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert report.outcome == "not-modified"
    assert (await storage.feeds.get(url)).etag == '"e1"'
    assert fetcher.calls[-1] == (url, '"e1"', None)


async def test_unparseable_feed_counts_as_a_failure(storage: Storage, storage_clock: ManualClock):
    """An HTML page instead of a feed fails with a clear error and backs off."""
    url = "https://d.example/page"
    fetcher = FakeFetcher({url: ok(url, body=b"<html><body>login</body></html>")})
    [report] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert report.outcome == "failed"
    assert report.error == "not a feed: looks like HTML"
    state = await storage.feeds.get(url)
    assert state.state == "backoff"
    assert state.error_count == 1
    assert state.last_error == report.error


async def test_malformed_feed_is_stored_with_a_warning(
    storage: Storage, storage_clock: ManualClock
):
    """A broken feed still yields its readable items and the report carries a warning."""
    url = "https://d.example/broken"
    body = RSS.replace(b"</channel></rss>", b"<item><title>Cut")
    [report] = await poll_once(
        storage, FakeFetcher({url: ok(url, body=body)}), [url], storage_clock(), SETTINGS
    )
    assert report.outcome == "new"
    assert [a.title for a in report.new_items][:2] == ["Envoy in Lima", "Envoy in Quito"]
    assert report.warnings
    assert "malformed feed" in report.describe()


async def test_410_gone_disables_at_once(storage: Storage, storage_clock: ManualClock):
    """A feed answering 410 Gone is disabled on the first failure, not retried."""
    url = "https://d.example/gone"
    fetcher = FakeFetcher({url: FetchResult(url=url, status=410, error="HTTP 410 Gone")})
    [report] = await poll_once(storage, fetcher, [url], storage_clock(), SETTINGS)
    assert report.outcome == "disabled"
    assert report.error == "HTTP 410 Gone"
    assert report.describe().startswith("disabled (last error: HTTP 410 Gone)")
    assert (await storage.feeds.get(url)).state == "disabled"


async def test_retry_after_stretches_the_backoff_within_the_ceiling(
    storage: Storage, storage_clock: ManualClock
):
    """A server's Retry-After longer than our backoff wins, but never beyond backoff_max_s."""
    url = "https://d.example/busy"
    now = storage_clock()
    fetcher = FakeFetcher(
        {url: FetchResult(url=url, status=429, error="HTTP 429", retry_after_s=1200)}
    )
    [report] = await poll_once(storage, fetcher, [url], now, SETTINGS)
    assert report.next_poll_at == now + timedelta(seconds=1200)

    other = "https://d.example/very-busy"
    fetcher.answers[other] = FetchResult(
        url=other, status=503, error="HTTP 503", retry_after_s=10**9
    )
    [report] = await poll_once(storage, fetcher, [other], now, SETTINGS)
    assert report.next_poll_at == now + timedelta(seconds=SETTINGS.feeds.backoff_max_s)


class ExplodingFeeds:
    """A feed repository whose batch writes fail whenever they hold one feed's articles."""

    def __init__(self, real, bad_feed: str) -> None:
        self.real, self.bad_feed = real, bad_feed

    def __getattr__(self, name):
        return getattr(self.real, name)

    async def save_polls(self, polls):
        if any(a.feed_url == self.bad_feed for _, articles in polls for a in articles):
            raise RuntimeError("disk full")
        return await self.real.save_polls(polls)


class PartlyBrokenStorage:
    def __init__(self, real: Storage, bad_feed: str) -> None:
        self.feeds = ExplodingFeeds(real.feeds, bad_feed)
        self.articles = real.articles


async def test_a_storage_failure_stays_with_its_feed(storage: Storage, storage_clock: ManualClock):
    """An unexpected error while storing one feed's items fails that feed only, although both
    feeds' results may have been in one batch: the batch is stored again feed by feed."""
    good, bad = "https://good.example/rss", "https://bad.example/rss"
    other = RSS.replace(b"d.example", b"e.example")
    fetcher = FakeFetcher({good: ok(good), bad: ok(bad, body=other)})
    reports = await poll_once(
        PartlyBrokenStorage(storage, bad), fetcher, [bad, good], storage_clock(), SETTINGS
    )
    assert reports[0].outcome == "failed"
    assert "disk full" in (reports[0].error or "")
    assert reports[1].outcome == "new"
    assert await storage.articles.count() == 2


def test_naive_now_is_refused():
    """poll_once needs an aware `now`."""
    import asyncio

    with pytest.raises(ValueError, match="aware"):
        asyncio.run(poll_once(None, FakeFetcher({}), [], datetime(2018, 10, 7), SETTINGS))  # type: ignore[arg-type]  # noqa: DTZ001


@pytest.mark.parametrize(
    ('report', 'text'),
    [
        (FeedReport("u", "not-modified"), "unchanged (304)"),
        (FeedReport("u", "unchanged"), "unchanged (no new items)"),
        (
            FeedReport(
                "u",
                "backing-off",
                error="HTTP 500",
                next_poll_at=datetime(2018, 10, 7, 9, 5, tzinfo=UTC),
            ),
            "backing off until 2018-10-07 09:05 UTC (last error: HTTP 500)",
        ),
        (
            FeedReport(
                "u",
                "failed",
                error="timed out after 20 s",
                next_poll_at=datetime(2018, 10, 7, 9, 5, tzinfo=UTC),
            ),
            "failed: timed out after 20 s; retry after 2018-10-07 09:05 UTC",
        ),
    ],
)
def test_report_lines_say_what_happened(report, text):
    """Each outcome reads as one plain line."""
    assert report.describe() == text


class BrokenFetcher(FakeFetcher):
    """A fetcher with a bug: it raises instead of returning a FetchResult."""

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        self.calls.append((url, etag, last_modified))
        raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")


async def test_an_unexpected_error_backs_off_like_any_failure(
    storage: Storage, storage_clock: ManualClock
):
    """A feed whose fetch–parse–store path raises is recorded as failing (error_count, last
    error, next attempt), is fetched once per backoff period rather than every cycle, and is
    disabled after disable_after_failures."""
    url = "https://raising.example/rss"
    await storage.feeds.add(url)
    fetcher = BrokenFetcher({})
    start = storage_clock()
    # Twelve cycles in a minute, as a scheduler running every 5 s would do.
    for second in range(0, 60, 5):
        now = start + timedelta(seconds=second)
        reports = await poll_once(storage, fetcher, await storage.feeds.due(now), now, SETTINGS)
        assert all(r.outcome == "failed" for r in reports)
    assert len(fetcher.calls) == 1
    state = await storage.feeds.get(url)
    assert state.state == "backoff"
    assert state.error_count == 1
    assert "internal error: UnicodeEncodeError" in (state.last_error or "")
    assert state.next_poll_at == start + timedelta(seconds=300)

    # Each retry waits for its backoff; the fifth failure disables the feed.
    for _ in range(4):
        now = (await storage.feeds.get(url)).next_poll_at
        [report] = await poll_once(storage, fetcher, await storage.feeds.due(now), now, SETTINGS)
    assert len(fetcher.calls) == 5
    assert report.outcome == "disabled"
    assert "UnicodeEncodeError" in report.describe()
    assert (await storage.feeds.get(url)).state == "disabled"


async def test_a_storage_write_failure_is_recorded_on_the_feed(
    storage: Storage, storage_clock: ManualClock
):
    """A write error while storing items (disk full) backs the feed off and is kept in its row
    (what /status and `attache feeds list` show)."""
    bad = "https://bad.example/rss"
    fetcher = FakeFetcher({bad: ok(bad)})
    now = storage_clock()
    [report] = await poll_once(PartlyBrokenStorage(storage, bad), fetcher, [bad], now, SETTINGS)
    assert report.outcome == "failed"
    assert report.next_poll_at == now + timedelta(seconds=300)
    state = await storage.feeds.get(bad)
    assert state.state == "backoff"
    assert state.error_count == 1
    assert state.last_error == "internal error: RuntimeError: disk full"


SURROGATE_RSS = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
    b"<title>Desk &#xD800; wire</title>"
    b"<item><title>Envoy &#55296; in Lima</title><link>https://d.example/lima</link></item>"
    b"<item><title>Envoy in Quito</title><link>https://d.example/quito</link></item>"
    b"</channel></rss>"
)


async def test_a_lone_surrogate_reference_becomes_u_fffd_and_the_feed_is_kept(
    storage: Storage, storage_clock: ManualClock
):
    """A character reference to a lone surrogate no longer breaks the feed: it becomes U+FFFD,
    every item is stored, and the feed stays healthy with a warning."""
    url = "https://d.example/surrogate"
    [report] = await poll_once(
        storage, FakeFetcher({url: ok(url, body=SURROGATE_RSS)}), [url], storage_clock(), SETTINGS
    )
    assert report.outcome == "new"
    assert len(report.new_items) == 2
    assert report.title == "Desk \ufffd wire"
    assert any("U+FFFD" in w for w in report.warnings)
    titles = {a.title for a in report.new_items}
    assert titles == {"Envoy \ufffd in Lima", "Envoy in Quito"}
    state = await storage.feeds.get(url)
    assert state.state == "active"
    assert state.error_count == 0

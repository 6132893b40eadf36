"""One poll cycle: fetch → parse → normalise → dedupe → store, per feed, with backoff.

Bounded concurrency; one broken feed never stops the others. Matching new articles against
storylines is not done here: callers take the returned new items onward.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from bot.config import FeedSettings, Settings
from bot.feeds.dedupe import dedupe
from bot.feeds.fetch import FeedFetcher
from bot.feeds.normalize import normalize
from bot.feeds.parse import FeedParseError, ParsedFeed, parse_feed
from bot.models import Article, FeedSource, FetchResult

if TYPE_CHECKING:
    from bot.storage.feeds import FeedState
    from bot.storage.ports import ArticleRepository, FeedRepository

log = logging.getLogger(__name__)

OUTCOMES = ("new", "unchanged", "not-modified", "failed", "backing-off", "disabled")


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What happened to one feed in one cycle."""

    url: str
    outcome: str  # one of OUTCOMES
    new_items: list[Article] = field(default_factory=list)
    error: str | None = None
    next_poll_at: datetime | None = None
    warnings: tuple[str, ...] = ()
    title: str = ""

    def describe(self) -> str:
        """One line for a person: what happened to this feed."""
        when = self.next_poll_at.strftime("%Y-%m-%d %H:%M UTC") if self.next_poll_at else "?"
        match self.outcome:
            case "new":
                text = f"new {len(self.new_items)} item{'s' if len(self.new_items) != 1 else ''}"
            case "unchanged":
                text = "unchanged (no new items)"
            case "not-modified":
                text = "unchanged (304)"
            case "failed":
                text = f"failed: {self.error}; retry after {when}"
            case "backing-off":
                text = f"backing off until {when} (last error: {self.error})"
            case "disabled":
                text = (
                    f"disabled (last error: {self.error}); "
                    "`attache feeds enable URL` turns it back on"
                )
            case _:
                text = self.outcome
        if self.warnings:
            text += f" [warning: {'; '.join(self.warnings)}]"
        return text


class PollStorage(Protocol):
    """The part of the storage the poller uses: it reads and saves feeds, stores articles."""

    @property
    def feeds(self) -> FeedRepository: ...
    @property
    def articles(self) -> ArticleRepository: ...


def backoff_delay(error_count: int, settings: FeedSettings) -> timedelta:
    """Wait after the `error_count`-th consecutive failure: base, 2×base, 4×base ... capped."""
    exponent = max(0, error_count - 1)
    seconds = settings.backoff_max_s if exponent >= 40 else settings.backoff_base_s * 2**exponent
    return timedelta(seconds=min(seconds, settings.backoff_max_s))


async def poll_once(
    storage: PollStorage,
    fetcher: FeedFetcher,
    feeds: Iterable[str | FeedSource | FeedState],
    now: datetime,
    settings: Settings,
    on_report: Callable[[FeedReport], Awaitable[None]] | None = None,
) -> list[FeedReport]:
    """Poll each feed once (respecting backoff and disabled states); reports in input order.

    Feeds may be given as URLs, FeedSources (added to storage when new) or FeedStates.
    A feed in backoff whose next_poll_at is still ahead is not fetched ("backing-off").
    `on_report` is awaited with each feed's report as soon as that feed is done (outside the
    fetch slots), so its items move on while slower feeds are still being fetched.
    """
    if now.tzinfo is None:
        raise ValueError("poll_once needs an aware `now`")
    now = now.astimezone(UTC)
    semaphore = asyncio.Semaphore(max(1, settings.feeds.max_concurrency))
    # One writer at a time: SQLite allows a single writer, and the writes are short.
    write_lock = asyncio.Lock()

    async def one(feed: str | FeedSource | FeedState) -> FeedReport:
        url = feed if isinstance(feed, str) else feed.url
        async with semaphore:
            try:
                report = await _poll_feed(storage, fetcher, feed, now, settings.feeds, write_lock)
            except Exception as exc:  # a bug or a storage failure for one feed stays with it
                log.exception("feed %s: poll failed unexpectedly", url)
                error = f"internal error: {type(exc).__name__}: {exc}"
                report = await _unexpected(storage, feed, error, now, settings.feeds, write_lock)
        if on_report is not None:
            await on_report(report)
        return report

    return list(await asyncio.gather(*(one(f) for f in feeds)))


async def _unexpected(
    storage: PollStorage,
    feed: str | FeedSource | FeedState,
    error: str,
    now: datetime,
    settings: FeedSettings,
    lock: asyncio.Lock,
) -> FeedReport:
    """An exception anywhere in fetch–parse–store counts as a failure like any other: the feed
    backs off (and is disabled after N), so it is not retried every cycle, and /status shows it.
    """
    url = feed if isinstance(feed, str) else feed.url
    try:
        state = await _load_state(storage, feed, lock)
        if not isinstance(feed, str | FeedSource):  # the row may have moved on since the cycle began
            state = await storage.feeds.get(url) or state
        return await _failure(storage, state, error, now, settings, lock)
    except Exception as exc:  # storage itself is failing (disk full, read-only): report only
        log.error("feed %s: the failure could not be recorded: %s", url, exc)
        return FeedReport(
            url=url, outcome="failed", error=f"{error} (not recorded: {type(exc).__name__}: {exc})"
        )


async def _load_state(
    storage: PollStorage, feed: str | FeedSource | FeedState, lock: asyncio.Lock
) -> FeedState:
    if not isinstance(feed, str | FeedSource):
        return feed
    url = feed if isinstance(feed, str) else feed.url
    title = "" if isinstance(feed, str) else feed.title
    state = await storage.feeds.get(url)
    if state is None:
        async with lock:
            state = await storage.feeds.add(url, title)
    return state


async def _poll_feed(
    storage: PollStorage,
    fetcher: FeedFetcher,
    feed: str | FeedSource | FeedState,
    now: datetime,
    settings: FeedSettings,
    lock: asyncio.Lock,
) -> FeedReport:
    state = await _load_state(storage, feed, lock)
    url = state.url
    if state.state == "disabled":
        return FeedReport(url=url, outcome="disabled", error=state.last_error, title=state.title)
    if state.state == "backoff" and state.next_poll_at > now:
        return FeedReport(
            url=url,
            outcome="backing-off",
            error=state.last_error,
            next_poll_at=state.next_poll_at,
            title=state.title,
        )

    result = await fetcher.fetch(url, etag=state.etag, last_modified=state.last_modified)
    if not result.ok:
        return await _failure(
            storage,
            state,
            result.error or f"HTTP {result.status}",
            now,
            settings,
            lock,
            gone=result.status == 410,
            retry_after_s=result.retry_after_s,
        )
    next_poll_at = now + timedelta(seconds=settings.poll_interval_s)
    healthy = dataclasses.replace(
        state,
        state="active",
        error_count=0,
        last_error=None,
        last_polled_at=now,
        next_poll_at=next_poll_at,
        # A 304 need not repeat the validators; keep what we had.
        etag=result.etag or state.etag,
        last_modified=result.last_modified or state.last_modified,
    )
    if result.not_modified:
        async with lock:
            await storage.feeds.save(healthy)
        return FeedReport(
            url=url, outcome="not-modified", next_poll_at=next_poll_at, title=state.title
        )

    try:
        parsed, articles = await asyncio.to_thread(_prepare, result, url, now, state.title)
    except FeedParseError as exc:
        return await _failure(storage, state, str(exc), now, settings, lock)
    for warning in parsed.warnings:
        log.warning("feed %s: %s", url, warning)
    if not state.title and parsed.title:
        healthy = dataclasses.replace(healthy, title=parsed.title)
    async with lock:
        new = await storage.articles.add_many(articles) if articles else []
        await storage.feeds.save(healthy)
    return FeedReport(
        url=url,
        outcome="new" if new else "unchanged",
        new_items=list(new),
        next_poll_at=next_poll_at,
        warnings=parsed.warnings,
        title=healthy.title,
    )


def _prepare(
    result: FetchResult, url: str, now: datetime, title: str
) -> tuple[ParsedFeed, list[Article]]:
    """Parse, normalise and dedupe one feed's bytes: pure and CPU-bound, so run off the loop."""
    headers = {"content-type": result.content_type} if result.content_type else {}
    parsed = parse_feed(result.body or b"", headers, result.final_url or result.url)
    source_name = title or parsed.title
    articles = dedupe(
        normalize(item, feed_url=url, now=now, source_name=source_name) for item in parsed.items
    )
    return parsed, articles


async def _failure(
    storage: PollStorage,
    state: FeedState,
    error: str,
    now: datetime,
    settings: FeedSettings,
    lock: asyncio.Lock,
    *,
    gone: bool = False,
    retry_after_s: float | None = None,
) -> FeedReport:
    count = state.error_count + 1
    delay = backoff_delay(count, settings)
    if retry_after_s is not None:  # the server knows best, within our ceiling
        delay = max(delay, timedelta(seconds=min(retry_after_s, settings.backoff_max_s)))
    next_poll_at = now + delay
    # 410 Gone is the publisher saying the feed will not come back: no point retrying.
    disabled = gone or count >= settings.disable_after_failures
    failed = dataclasses.replace(
        state,
        state="disabled" if disabled else "backoff",
        error_count=count,
        last_error=error,
        last_polled_at=now,
        next_poll_at=next_poll_at,
    )
    async with lock:
        await storage.feeds.save(failed)
    if disabled:
        why = "the server answered 410 Gone" if gone else f"after {count} consecutive failures"
        log.warning("feed %s: disabled (%s); last error: %s", state.url, why, error)
        return FeedReport(url=state.url, outcome="disabled", error=error, title=state.title)
    log.info(
        "feed %s: failure %d (%s); next try at %s",
        state.url,
        count,
        error,
        next_poll_at.isoformat(),
    )
    return FeedReport(
        url=state.url, outcome="failed", error=error, next_poll_at=next_poll_at, title=state.title
    )

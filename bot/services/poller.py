"""One poll cycle: fetch → parse → normalise → dedupe → store, per feed, with backoff.

Bounded concurrency; one broken feed never stops the others. Parsing and normalising run in a
ParsePool's worker processes when one is given (in a thread for small polls); finished feeds
are stored in batches, one transaction for every feed ready when the previous one committed.
Matching new articles against storylines is not done here: callers take the new items onward.
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
from bot.feeds.fetch import FeedFetcher
from bot.feeds.parse import FeedParseError
from bot.feeds.pool import InThread, JobRunner, ParseWorkerError, PoolRunner
from bot.feeds.prepare import ParseJob, Prepared, normalize_items, parse_items, prepare_all
from bot.models import Article, FeedSource, FetchResult

if TYPE_CHECKING:
    from bot.storage.feeds import FeedState
    from bot.storage.ports import ArticleRepository, FeedRepository

log = logging.getLogger(__name__)

# Below this many feeds a poll parses in a thread: handing a few bodies to other processes costs
# more than it saves (measured: 8 feeds, 0.14 s in a thread, 0.18 s in a warm pool; starting
# the pool costs 0.1-0.5 s once).
POOL_MIN_FEEDS = 8
# At most this many feeds' results go into one transaction.
MAX_BATCH_FEEDS = 100

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
    def feeds(self) -> FeedRepository:
        """The feeds' states: read before a poll, saved after it."""
        ...
    @property
    def articles(self) -> ArticleRepository:
        """Where new articles are stored."""
        ...


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
    *,
    parse_pool: PoolRunner | None = None,
) -> list[FeedReport]:
    """Poll each feed once (respecting backoff and disabled states); reports in input order.

    Feeds may be given as URLs, FeedSources (added to storage when new) or FeedStates.
    A feed in backoff whose next_poll_at is still ahead is not fetched ("backing-off").
    `on_report` is awaited with each feed's report as soon as that feed's batch is stored
    (outside the fetch slots), so its items move on while slower feeds are still being fetched.
    `parse_pool` (a ParsePool: worker processes) parses when the poll has at least
    POOL_MIN_FEEDS feeds and a core is idle; otherwise parsing runs in a thread.
    """
    if now.tzinfo is None:
        raise ValueError("poll_once needs an aware `now`")
    feeds = list(feeds)
    use_pool = (
        parse_pool is not None and len(feeds) >= POOL_MIN_FEEDS and parse_pool.has_idle_cores()
    )
    runner: JobRunner = parse_pool if use_pool and parse_pool is not None else InThread()
    cycle = _Cycle(storage, fetcher, now.astimezone(UTC), settings.feeds, runner)
    semaphore = asyncio.Semaphore(max(1, settings.feeds.max_concurrency))

    async def one(feed: str | FeedSource | FeedState) -> FeedReport:
        url = feed if isinstance(feed, str) else feed.url
        try:
            report = await cycle.poll(feed, semaphore)
        except Exception as exc:  # a bug or a storage failure for one feed stays with it
            log.exception("feed %s: poll failed unexpectedly", url)
            report = await cycle.unexpected(feed, f"internal error: {type(exc).__name__}: {exc}")
        if on_report is not None:
            await on_report(report)
        return report

    writing = asyncio.create_task(cycle.writer.run())
    try:
        return list(await asyncio.gather(*(one(f) for f in feeds)))
    finally:
        writing.cancel()
        await asyncio.gather(writing, return_exceptions=True)


class _BatchWriter:
    """Stores finished feeds together. Whatever is ready when a write commits goes into the
    next transaction, so batches grow with the load and a lone feed waits for nobody.
    """

    def __init__(self, feeds: FeedRepository, max_feeds: int = MAX_BATCH_FEEDS) -> None:
        self._feeds = feeds
        self._max = max_feeds
        self._queue: list[tuple[FeedState, list[Article], asyncio.Future[list[Article]]]] = []
        self._ready = asyncio.Event()
        self.transactions = 0

    async def store(self, state: FeedState, articles: list[Article] | None = None) -> list[Article]:
        """Queue one feed's state and articles; its newly stored articles once committed."""
        future: asyncio.Future[list[Article]] = asyncio.get_running_loop().create_future()
        self._queue.append((state, articles or [], future))
        self._ready.set()
        return await future

    async def run(self) -> None:
        """Write batches until cancelled."""
        while True:
            await self._ready.wait()
            self._ready.clear()
            while self._queue:
                batch, self._queue = self._queue[: self._max], self._queue[self._max :]
                await self._write(batch)

    async def _write(
        self, batch: list[tuple[FeedState, list[Article], asyncio.Future[list[Article]]]]
    ) -> None:
        try:
            self.transactions += 1
            stored = await self._feeds.save_polls([(state, items) for state, items, _ in batch])
        except Exception as exc:
            if len(batch) == 1:
                if not batch[0][2].done():
                    batch[0][2].set_exception(exc)
                return
            # One feed's unstorable row must not fail the others: each is stored alone.
            for entry in batch:
                await self._write([entry])
            return
        for (_, _, future), new in zip(batch, stored, strict=True):
            if not future.done():  # its feed's task may have been cancelled meanwhile
                future.set_result(new)


class _Cycle:
    """One poll cycle's shared parts: where to fetch, parse and store, and when it is."""

    def __init__(
        self,
        storage: PollStorage,
        fetcher: FeedFetcher,
        now: datetime,
        settings: FeedSettings,
        runner: JobRunner,
    ) -> None:
        self.storage = storage
        self.fetcher = fetcher
        self.now = now
        self.settings = settings
        self.runner = runner
        self.writer = _BatchWriter(storage.feeds)

    async def poll(
        self, feed: str | FeedSource | FeedState, slots: asyncio.Semaphore
    ) -> FeedReport:
        """Fetch and parse within a slot (bounding bodies held at once); store after it."""
        state = await self._load_state(feed)
        url = state.url
        if state.state == "disabled":
            return FeedReport(
                url=url, outcome="disabled", error=state.last_error, title=state.title
            )
        if state.state == "backoff" and state.next_poll_at > self.now:
            return FeedReport(
                url=url,
                outcome="backing-off",
                error=state.last_error,
                next_poll_at=state.next_poll_at,
                title=state.title,
            )
        async with slots:
            result = await self.fetcher.fetch(
                url, etag=state.etag, last_modified=state.last_modified
            )
            prepared: Prepared | None = None
            if result.ok and not result.not_modified:
                try:
                    prepared = await self._prepare(result, state)
                except (FeedParseError, ParseWorkerError) as exc:
                    return await self.failure(state, str(exc))
        if not result.ok:
            return await self.failure(
                state,
                result.error or f"HTTP {result.status}",
                gone=result.status == 410,
                retry_after_s=result.retry_after_s,
            )
        next_poll_at = self.now + timedelta(seconds=self.settings.poll_interval_s)
        healthy = dataclasses.replace(
            state,
            state="active",
            error_count=0,
            last_error=None,
            last_polled_at=self.now,
            next_poll_at=next_poll_at,
            # A 304 need not repeat the validators; keep what we had.
            etag=result.etag or state.etag,
            last_modified=result.last_modified or state.last_modified,
        )
        if prepared is None:  # 304 Not Modified
            await self.writer.store(healthy)
            return FeedReport(
                url=url, outcome="not-modified", next_poll_at=next_poll_at, title=state.title
            )
        for warning in prepared.warnings:
            log.warning("feed %s: %s", url, warning)
        if not state.title and prepared.title:
            healthy = dataclasses.replace(healthy, title=prepared.title)
        new = await self.writer.store(healthy, prepared.articles)
        return FeedReport(
            url=url,
            outcome="new" if new else "unchanged",
            new_items=new,
            next_poll_at=next_poll_at,
            warnings=prepared.warnings,
            title=healthy.title,
        )

    async def _prepare(self, result: FetchResult, state: FeedState) -> Prepared:
        """Parse and normalise off the event loop; items already stored are not normalised.

        A feed never polled has nothing of its own stored (an article's id includes the feed
        URL), so it goes in one step; otherwise ids are looked up between parse and normalise.
        """
        job = ParseJob(
            body=result.body or b"",
            content_type=result.content_type,
            base_url=result.final_url or result.url,
            feed_url=state.url,
            now=self.now,
            title=state.title,
        )
        if state.last_polled_at is None:
            return await self.runner.run(prepare_all, job)
        parsed = await self.runner.run(parse_items, job)
        known = await self.storage.articles.known_ids(i for i in parsed.ids if i is not None)
        fresh = [
            item
            for item, item_id in zip(parsed.items, parsed.ids, strict=True)
            if item_id is None or item_id not in known
        ]
        articles = (
            await self.runner.run(
                normalize_items, fresh, state.url, self.now, state.title or parsed.title
            )
            if fresh
            else []
        )
        return Prepared(title=parsed.title, warnings=parsed.warnings, articles=articles)

    async def _load_state(self, feed: str | FeedSource | FeedState) -> FeedState:
        if not isinstance(feed, str | FeedSource):
            return feed
        url = feed if isinstance(feed, str) else feed.url
        title = "" if isinstance(feed, str) else feed.title
        return await self.storage.feeds.get(url) or await self.storage.feeds.add(url, title)

    async def unexpected(self, feed: str | FeedSource | FeedState, error: str) -> FeedReport:
        """An exception anywhere in fetch–parse–store counts as a failure like any other: the
        feed backs off (and is disabled after N), so it is not retried every cycle, and /status
        shows it.
        """
        url = feed if isinstance(feed, str) else feed.url
        try:
            state = await self._load_state(feed)
            if not isinstance(feed, str | FeedSource):  # the row may have moved on meanwhile
                state = await self.storage.feeds.get(url) or state
            return await self.failure(state, error)
        except Exception as exc:  # storage itself is failing (disk full, read-only): report only
            log.error("feed %s: the failure could not be recorded: %s", url, exc)
            return FeedReport(
                url=url,
                outcome="failed",
                error=f"{error} (not recorded: {type(exc).__name__}: {exc})",
            )

    async def failure(
        self,
        state: FeedState,
        error: str,
        *,
        gone: bool = False,
        retry_after_s: float | None = None,
    ) -> FeedReport:
        """Record one more consecutive failure: back off, or disable the feed."""
        return await _failure(
            self.writer,
            state,
            error,
            self.now,
            self.settings,
            gone=gone,
            retry_after_s=retry_after_s,
        )


async def _failure(
    writer: _BatchWriter,
    state: FeedState,
    error: str,
    now: datetime,
    settings: FeedSettings,
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
    await writer.store(failed)
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

"""The pipeline: poll → store → match → extract → briefings into the outbox, and due digests.

Each feed's new items move on as soon as that feed is stored. Matching weighs storyline terms by
how common they are in the recent archive (`RecentTerms`); extraction runs off the event loop,
one article at a time, and is cached by content hash and extractor version.
"""

from __future__ import annotations

import asyncio
import dataclasses
import heapq
import logging
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import datetime, timedelta

from bot.briefings import tripmaps
from bot.briefings.render import as_messages, render_briefing, render_digest
from bot.clock import Clock
from bot.config import Settings
from bot.events.briefed import BRIEF, Briefed
from bot.feeds.fetch import FeedFetcher
from bot.feeds.pool import PoolRunner
from bot.models import Article, Extraction, Match, Storyline
from bot.ops.lines import poll_line, summarise_poll
from bot.ops.metrics import Meters
from bot.services.briefed import EventMessages, Rendered, briefing_key
from bot.services.chats import ChatService, Recipient
from bot.services.poller import FeedReport, poll_once
from bot.services.reading import ReadingService, briefing_view
from bot.services.storylines import StorylineCatalog
from bot.services.welcome import Welcome
from bot.storage.feeds import FeedState
from bot.storage.ports import ExtractionRepository, ExtractorPort, MatcherPort, StoragePort
from bot.storylines.distinct import ARCHIVE_DAYS, TermStats
from bot.storylines.feedback import FeedbackWeights

log = logging.getLogger(__name__)

NOT_EXTRACTED = "Who met whom was not extracted for this item: {reason}."
# How far back a restart looks for articles stored but never briefed.
REPROCESS_HOURS = 48.0
# How many stored articles are read at a time when counting terms over the archive.
TERM_PAGE = 500
# The shortest feed lease; longer when polls are further apart (see Pipeline._feed_lease).
FEED_LEASE_MIN_S = 300


class ExtractionCache:
    """Extractions by content hash and extractor version; the extractor is loaded on first use.

    A model that cannot be loaded disables extraction (with the reason in `error`): briefings
    still go out, saying what is missing.
    """

    def __init__(
        self,
        repo: ExtractionRepository,
        load_extractor: Callable[[], ExtractorPort],
        extractor: ExtractorPort | None = None,
        *,
        meters: Meters | None = None,
    ) -> None:
        self._repo = repo
        self._meters = meters
        self._load = load_extractor
        self.extractor = extractor
        self.error: str | None = None
        self._lock = asyncio.Lock()

    async def extraction_for(self, article: Article) -> tuple[Extraction | None, str]:
        """The article's extraction and "", or None and why there is none."""
        extractor = await self._extractor()
        if extractor is None:
            return None, NOT_EXTRACTED.format(reason=self.error or "no extractor")
        from bot.extract.pipeline import EXTRACTOR_VERSION

        cached = await self._repo.get(article.content_hash, EXTRACTOR_VERSION)
        if cached is not None:
            return cached, ""
        async with self._lock:  # one spaCy job at a time keeps memory bounded
            started = time.perf_counter()
            extraction = await asyncio.to_thread(
                extractor.extract, article.id, article.title, article.text, article.published
            )
            if self._meters is not None:
                self._meters.extraction_seconds.observe(time.perf_counter() - started)
        await self._repo.put(article.content_hash, EXTRACTOR_VERSION, extraction)
        return extraction, ""

    async def _extractor(self) -> ExtractorPort | None:
        if self.extractor is None and self.error is None:
            try:
                extractor = self._load()
                # The model loads lazily; load it now, off the event loop, so a missing model is
                # found here once rather than in every extraction.
                await asyncio.to_thread(lambda: extractor.nlp)
                self.extractor = extractor
            except Exception as exc:  # missing model or package: briefings still go out
                self.error = f"the language model could not be loaded ({exc})"
                log.warning("extraction disabled: %s", self.error)
        return self.extractor


class RecentTerms:
    """Document frequencies of storyline terms over the articles fetched in the last
    ARCHIVE_DAYS days. Each article is counted once and forgotten when it leaves the window, so
    the counts, and the ids kept to count each article once, stay bounded in a bot that runs
    for months.
    """

    def __init__(self) -> None:
        self.stats = TermStats()
        self._by_age: list[tuple[datetime, str, frozenset[str]]] = []  # a heap: oldest first

    def add(self, article: Article, terms: Iterable[str]) -> None:
        """Count an article that names `terms`; one counted before is left alone."""
        if article.id in self.stats.seen:
            return
        named = frozenset(terms)
        self.stats.add(named, key=article.id)
        heapq.heappush(self._by_age, (article.fetched_at, article.id, named))

    def forget_before(self, cutoff: datetime) -> int:
        """Forget the articles fetched before `cutoff`; returns how many."""
        forgotten = 0
        while self._by_age and self._by_age[0][0] < cutoff:
            _, article_id, named = heapq.heappop(self._by_age)
            self.stats.remove(named)
            self.stats.seen.discard(article_id)
            forgotten += 1
        return forgotten


class Pipeline:
    """Moves new articles from the feeds to the outbox; queues the digests that are due."""

    def __init__(
        self,
        *,
        storage: StoragePort,
        catalog: StorylineCatalog,
        chats: ChatService,
        reading: ReadingService,
        extractions: ExtractionCache,
        fetcher: FeedFetcher,
        make_matcher: Callable[[Sequence[Storyline]], MatcherPort],
        settings: Settings,
        clock: Clock,
        parse_pool: PoolRunner | None = None,
        meters: Meters | None = None,
    ) -> None:
        self._storage = storage
        self._meters = meters
        self._catalog = catalog
        self._chats = chats
        self._reading = reading
        self.extractions = extractions
        self.fetcher = fetcher  # one for the app's life: its byte budget bounds every fetch
        self._make_matcher = make_matcher
        self._settings = settings
        self._clock = clock
        self._parse_pool = parse_pool  # worker processes for large polls; threads without
        self._matcher: MatcherPort | None = None
        self._matcher_version = -1
        self._terms: RecentTerms | None = None
        self._terms_version = -1
        self._feedback: FeedbackWeights | None = None  # read from storage on first use
        self._process_lock = asyncio.Lock()
        self._events = EventMessages(storage, catalog, extractions, clock)
        self.welcome = Welcome(storage, catalog, chats, reading, clock)  # a new follower's catch-up

    @property
    def matcher(self) -> MatcherPort:
        """The matcher over the tracked storylines, rebuilt when they change."""
        if self._matcher is None or self._matcher_version != self._catalog.version:
            self._matcher = self._make_matcher(list(self._catalog.values()))
            self._matcher.feedback = self._feedback
            self._matcher_version = self._catalog.version
        return self._matcher

    async def load_feedback(self) -> FeedbackWeights:
        """Read readers' confirmed feedback from storage and give it to the matcher."""
        self._feedback = FeedbackWeights(await self._storage.feedback.examples())
        self.matcher.feedback = self._feedback
        return self._feedback

    @property
    def term_stats(self) -> TermStats | None:
        """The document frequencies the matcher weighs terms with (None before the first count)."""
        return self._terms.stats if self._terms is not None else None

    # ------------------------------------------------------------ feeds to the outbox

    async def poll_cycle(self, *, force: bool = False, process: bool = True) -> list[FeedReport]:
        """One poll of the due feeds (all of them when `force`); each feed's new items are
        processed as soon as that feed is stored, so a slow feed delays only itself.

        An error while processing one feed's items does not stop the others; the first one is
        raised after the cycle (the items are stored, and the start-up re-match covers them).
        """
        feeds = self._storage.feeds
        now = self._clock()
        holder = self._storage.instances.id
        if force:
            due = [f for f in await feeds.list() if f.state != "disabled"]
        else:  # taken for this instance: another one sharing the database skips them
            due = await feeds.lease_due(now, holder, self._feed_lease())
        try:
            return await self._poll(due, now, process)
        finally:
            if not force and due:  # a poll cut short gives its feeds back at once
                await feeds.end_leases(holder, [f.url for f in due])

    def _feed_lease(self) -> timedelta:
        """Long enough for a whole cycle; a dead instance's leases are taken over at once."""
        return timedelta(seconds=max(FEED_LEASE_MIN_S, self._settings.feeds.poll_interval_s))

    async def _poll(self, due: Sequence[FeedState], now: datetime, process: bool) -> list[FeedReport]:
        started = time.perf_counter()
        errors: list[Exception] = []

        async def forward(report: FeedReport) -> None:
            if not report.new_items:
                return
            try:
                # One feed's items at a time: the term counts and the matcher are shared.
                async with self._process_lock:
                    await self.process(report.new_items)
            except Exception as exc:
                log.exception("feed %s: processing its new items failed", report.url)
                errors.append(exc)

        reports = await poll_once(
            self._storage,
            self.fetcher,
            due,
            now,
            self._settings,
            forward if process else None,
            parse_pool=self._parse_pool,
        )
        self._report_cycle(reports, time.perf_counter() - started)
        if errors:
            raise errors[0]
        return reports

    def _report_cycle(self, reports: Sequence[FeedReport], seconds: float) -> None:
        """One INFO line per cycle that polled anything, and the cycle's metrics."""
        if not reports:
            return
        summary = summarise_poll(((r.outcome, len(r.new_items)) for r in reports), seconds)
        log.info("%s", poll_line(summary))
        if self._meters is not None:
            self._meters.count_poll([r.outcome for r in reports], seconds)

    async def any_feed_due(self, now: datetime) -> bool:
        """Whether a feed is due for polling at `now`."""
        return bool(await self._storage.feeds.due(now, limit=1))

    async def process(
        self, articles: Sequence[Article], progress: Callable[[], None] | None = None
    ) -> list[Match]:
        """Match new articles, extract the matched ones, queue instant briefings.

        `progress` is called once per match handled (the demo draws a bar with it).
        """
        if self._feedback is None:
            await self.load_feedback()
        await self._count_terms(articles)
        matches = [m for a in articles for m in self.matcher.match_article(a)]
        if not matches:
            return []
        await self._storage.matches.add_many(matches)
        by_id = {a.id: a for a in articles}
        for match in matches:
            article = by_id[match.article_id]
            extraction, note = await self.extractions.extraction_for(article)
            await self._queue_briefing(article, match, extraction, note)
            if progress:
                progress()
        return matches

    async def reprocess_recent(self, hours: float = REPROCESS_HOURS) -> int:
        """Match again what was fetched lately; returns the number of matches.

        A crash between storing new articles and queueing their briefings would otherwise lose
        them (they are no longer "new"). Matches and outbox rows are idempotent, so briefings
        already queued are not queued twice.
        """
        since = self._clock() - timedelta(hours=hours)
        articles = await self._storage.articles.fetched_since(since)
        return len(await self.process(articles))

    async def _count_terms(self, articles: Sequence[Article]) -> None:
        """Keep the matcher's document frequencies current: counted once over the stored
        articles of the last weeks, then updated with each new article as it arrives and
        each old one as it leaves the window.
        """
        matcher = self.matcher
        cutoff = self._clock() - timedelta(days=ARCHIVE_DAYS)
        if self._terms is None or self._terms_version != self._catalog.terms_version:
            self._terms = await self._archive_terms(matcher, cutoff)
            self._terms_version = self._catalog.terms_version
        for a in articles:
            self._terms.add(a, matcher.terms_in(a.title, a.text))
        self._terms.forget_before(cutoff)
        matcher.stats = self._terms.stats

    async def _archive_terms(self, matcher: MatcherPort, since: datetime) -> RecentTerms:
        """Terms counted over the articles fetched since `since`, read a page at a time so the
        archive is never held in memory at once.
        """
        terms = RecentTerms()
        after: tuple[datetime, str] | None = None
        while True:
            page = await self._storage.articles.fetched_since(since, limit=TERM_PAGE, after=after)
            for a in page:
                terms.add(a, matcher.terms_in(a.title, a.text))
            if len(page) < TERM_PAGE:
                return terms
            after = (page[-1].fetched_at, page[-1].id)

    async def _queue_briefing(
        self, article: Article, match: Match, extraction: Extraction | None, note: str
    ) -> int:
        """Queue the article's briefing for each chat that follows the storyline at once, or,
        for a chat already briefed on every event it tells, the updates of those briefings.
        """
        recipients = await self._chats.instant_recipients(match.slug)
        if not recipients:
            return 0
        view = briefing_view(self._catalog, article, match, extraction, note)
        reports = self._events.reports(article, extraction)
        placements = await self._events.placements(article, match.slug, reports, recipients)
        # Rendered once per choice of the "Why it matched" line, not once per chat.
        renders: dict[bool, list[str]] = {}
        queued = 0
        now = self._clock()
        briefed: list[Briefed] = []
        updates: Rendered = {}
        for to in recipients:
            placement = placements.get(to.sub.chat_id, BRIEF)
            if not placement.brief:
                queued += await self._events.queue_updates(article, match.slug, to, placement, now, updates)
                continue
            if to.show_why not in renders:
                shown = view if to.show_why else dataclasses.replace(view, show_why=False)
                renders[to.show_why] = as_messages(render_briefing(shown, "html"))
            pieces = renders[to.show_why]
            # Quiet hours hold an instant briefing until they end; a pause holds it for /resume.
            for i, piece in enumerate(pieces):
                queued += await self._storage.outbox.enqueue(
                    to.sub.chat_id, piece, briefing_key(article.id, match.slug, i),
                    "post" if to.channel else "briefing", thread_id=to.sub.thread_id, now=now,
                    not_before=to.quiet_until, held_limit=to.held_limit, silent=to.silent,
                    link_previews=to.link_previews,
                )
            if to.sub.chat_id in placements:  # a live chat: later reports update this briefing
                briefed.append(self._events.briefed(to, article, match.slug, len(pieces), reports))
        await self._events.record(briefed, now)
        briefed_now = {to.sub.chat_id for to in recipients if placements.get(to.sub.chat_id, BRIEF).brief}
        queued += await self._queue_map(article, match.slug, extraction, recipients, briefed_now, now)
        return queued

    async def _queue_map(
        self,
        article: Article,
        slug: str,
        extraction: Extraction | None,
        recipients: Sequence[Recipient],
        briefed_now: Collection[int],
        now: datetime,
    ) -> int:
        """After a trip's briefing, the storyline's itinerary map for each chat just briefed that
        had none of it within `trip_map_every_h`, when two stops or more can be placed on it.
        Queued after the briefing, so it follows it in the chat; drawn when it is sent.
        """
        window = tripmaps.map_window(self._settings.telegram.trip_map_every_h)
        if window is None or not tripmaps.reports_travel(extraction):
            return 0
        candidates = [
            tripmaps.MapCandidate(
                to.sub.chat_id, to.sub.chat_id in briefed_now, to.held_limit is not None, to.trip_maps
            )
            for to in recipients
        ]
        wanting = [c.chat_id for c in candidates if tripmaps.wants_map(c)]
        if not wanting:
            return 0
        lately = await self._storage.outbox.chats_keyed_since(
            tripmaps.map_key_prefix(slug), now - window, wanting
        )
        chats = set(tripmaps.map_chats(candidates, lately))
        if not chats or await self._reading.itinerary_refusal(slug) is not None:
            return 0
        queued = 0
        for to in recipients:
            if to.sub.chat_id in chats:
                queued += await self._storage.outbox.enqueue(
                    to.sub.chat_id, slug, tripmaps.map_key(slug, article.id), tripmaps.MAP_KIND,
                    thread_id=to.sub.thread_id, now=now, not_before=to.quiet_until, silent=to.silent,
                )
        return queued

    # ------------------------------------------------------------ digests

    async def run_due_digests(self) -> int:
        """Queue the digests that are due now; returns how many messages were queued.

        The outbox key names the scheduled slot, so a crash between queueing and marking the
        digest as done re-queues the same key, which the outbox refuses: no double digest.
        """
        now = self._clock()
        queued = 0
        for chat in await self._chats.take_due_digests(now, self._storage.instances.id):
            view = await self._reading.chat_digest_view(chat)
            slot = chat.next_digest_at.isoformat() if chat.next_digest_at else now.isoformat()
            if view.sections:  # an empty digest is not worth a notification
                for i, piece in enumerate(as_messages(render_digest(view, "html"))):
                    queued += await self._storage.outbox.enqueue(
                        chat.chat_id, piece, f"digest:{slot}:{i}", "digest", now=now,
                        silent=chat.silent, link_previews=chat.link_previews,
                    )
            await self._chats.digest_done(chat, now)
        return queued

    async def queued(self) -> int:
        """How many messages wait in the outbox."""
        return await self._storage.outbox.depth()

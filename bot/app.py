"""The one composition root: builds storage, HTTP client, matcher and extractor, and runs the
pipeline (poll → store → match → extract → briefings into the outbox) and the queries behind
/latest, /timeline, /who and digests. Handlers and commands call this; nothing else wires parts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bot.briefings.digest import ScheduleError, next_digest_at, quiet_hours_end, zone
from bot.briefings.events import fullness, merge_events, same_person
from bot.briefings.render import (
    as_messages,
    render_briefing,
    render_digest,
    render_person,
    render_timeline,
)
from bot.briefings.views import (
    BriefingView,
    DigestSection,
    DigestView,
    PersonView,
    TimelineEntry,
    TimelineView,
    meeting_phrase,
)
from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.models import Article, Event, Extraction, Match, Quote, SourceRef, Storyline

log = logging.getLogger(__name__)

NOT_EXTRACTED = "Who met whom was not extracted for this item: {reason}."


def source_of(article: Article) -> SourceRef:
    return SourceRef(
        title=article.title,
        url=article.url,
        source_name=article.source_name or _host(article.url) or "feed",
        published=article.published,
    )


def _host(url: str | None) -> str:
    if not url:
        return ""
    return httpx.URL(url).host.removeprefix("www.")


@dataclass
class App:
    """Everything the bot and the commands need, built once by `build`."""

    settings: Settings
    storage: Any  # bot.storage.Storage
    http: httpx.AsyncClient
    clock: Clock
    storylines: dict[str, Storyline]
    extractor: Any = None  # bot.extract.pipeline.Extractor, created lazily
    extractor_error: str | None = None
    _matcher: Any = None
    _term_stats: Any = None  # bot.storylines.distinct.TermStats over recent articles
    _fetcher: Any = None
    _owns_http: bool = False
    _owns_storage: bool = False
    _extract_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _process_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    # ------------------------------------------------------------ set-up

    @property
    def matcher(self) -> Any:
        if self._matcher is None:
            from bot.storylines.matcher import Matcher

            self._matcher = Matcher(
                list(self.storylines.values()), min_score=self.settings.storylines.min_score
            )
        return self._matcher

    async def add_storyline(self, storyline: Storyline, owner_chat_id: int | None = None) -> None:
        """Track a new storyline from now on (e.g. from /track), private to `owner_chat_id`."""
        await self.storage.storylines.add(storyline, owner_chat_id)
        self.storylines[storyline.slug] = storyline
        self._matcher = None  # rebuilt with the new storyline on next use
        self._term_stats = None  # its terms are counted afresh

    async def remove_storyline(self, slug: str) -> bool:
        """Stop tracking a storyline; its subscriptions and matches go with it."""
        removed = await self.storage.storylines.remove(slug)
        if self.storylines.pop(slug, None) is not None:
            self._matcher = None
        return removed

    async def visible_storylines(self, chat_id: int) -> dict[str, Storyline]:
        """The storylines `chat_id` may see: shared ones and its own private ones."""
        owners = await self.storage.storylines.owners()
        return {
            slug: story
            for slug, story in self.storylines.items()
            if storyline_visible(owners, slug, chat_id)
        }

    async def close(self) -> None:
        if self._owns_http:
            await self.http.aclose()
        if self._owns_storage:
            await self.storage.close()

    # ------------------------------------------------------------ the pipeline

    async def poll_cycle(self, *, force: bool = False, process: bool = True) -> list[Any]:
        """One poll of the due feeds (all of them when `force`); each feed's new items are
        processed as soon as that feed is stored, so a slow feed delays only itself.

        An error while processing one feed's items does not stop the others; the first one is
        raised after the cycle (the items are stored, and the start-up re-match covers them).
        """
        from bot.services.poller import FeedReport, poll_once

        now = self.clock()
        feeds = await self.storage.feeds.list() if force else await self.storage.feeds.due(now)
        if force:
            feeds = [f for f in feeds if f.state != "disabled"]
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
            self.storage, self.fetcher, feeds, now, self.settings, forward if process else None
        )
        if errors:
            raise errors[0]
        return reports

    @property
    def fetcher(self) -> Any:
        """One Fetcher for the app's life: its byte budget bounds every fetch at once."""
        if self._fetcher is None:
            from bot.feeds.fetch import Fetcher

            self._fetcher = Fetcher(self.http, self.settings.feeds)
        return self._fetcher

    async def process(
        self, articles: Sequence[Article], progress: Callable[[], None] | None = None
    ) -> list[Match]:
        """Match new articles, extract the matched ones, queue instant briefings.

        `progress` is called once per match handled (the demo draws a bar with it).
        """
        await self._count_terms(articles)
        matches = [m for a in articles for m in self.matcher.match_article(a)]
        if not matches:
            return []
        await self.storage.matches.add_many(matches)
        by_id = {a.id: a for a in articles}
        for match in matches:
            article = by_id[match.article_id]
            extraction, note = await self.extraction_for(article)
            await self._queue_briefing(article, match, extraction, note)
            if progress:
                progress()
        return matches

    async def _count_terms(self, articles: Sequence[Article]) -> None:
        """Keep the matcher's document frequencies current: counted once over the stored
        articles of the last weeks, then updated with each new article as it arrives."""
        from bot.storylines.distinct import ARCHIVE_DAYS, TermStats

        matcher = self.matcher
        if self._term_stats is None:
            stats = TermStats()
            since = self.clock() - timedelta(days=ARCHIVE_DAYS)
            for a in await self.storage.articles.fetched_since(since, limit=50_000):
                stats.add(matcher.terms_in(a.title, a.text), key=a.id)
            self._term_stats = stats
        for a in articles:
            if a.id not in self._term_stats.seen:
                self._term_stats.add(matcher.terms_in(a.title, a.text), key=a.id)
        matcher.stats = self._term_stats

    async def reprocess_recent(self, hours: float = 48) -> int:
        """Match again what was fetched lately; returns the number of matches.

        A crash between storing new articles and queueing their briefings would otherwise lose
        them (they are no longer "new"). Matches and outbox rows are idempotent, so briefings
        already queued are not queued twice.
        """
        since = self.clock() - timedelta(hours=hours)
        articles = await self.storage.articles.fetched_since(since)
        return len(await self.process(articles))

    async def extraction_for(self, article: Article) -> tuple[Extraction | None, str]:
        """Cached by content hash and extractor version; runs spaCy off the event loop."""
        extractor = await self._get_extractor()
        if extractor is None:
            return None, NOT_EXTRACTED.format(reason=self.extractor_error or "no extractor")
        from bot.extract.pipeline import EXTRACTOR_VERSION

        cached = await self.storage.extractions.get(article.content_hash, EXTRACTOR_VERSION)
        if cached is not None:
            return cached, ""
        async with self._extract_lock:  # one spaCy job at a time keeps memory bounded
            extraction = await asyncio.to_thread(
                extractor.extract, article.id, article.title, article.text, article.published
            )
        await self.storage.extractions.put(article.content_hash, EXTRACTOR_VERSION, extraction)
        return extraction, ""

    async def _get_extractor(self) -> Any:
        if self.extractor is None and self.extractor_error is None:
            try:
                from bot.extract.pipeline import Extractor

                cfg = self.settings.extract
                extractor = Extractor(cfg.model, batch_size=cfg.batch_size, max_chars=cfg.max_chars)
                # The model loads lazily; load it now, off the event loop, so a missing model is
                # found here once rather than in every extraction.
                await asyncio.to_thread(lambda: extractor.nlp)
                self.extractor = extractor
            except Exception as exc:  # missing model or package: briefings still go out
                self.extractor_error = f"the language model could not be loaded ({exc})"
                log.warning("extraction disabled: %s", self.extractor_error)
        return self.extractor

    async def briefing(self, article: Article, match: Match, fmt: str = "html") -> str:
        extraction, note = await self.extraction_for(article)
        return render_briefing(self._briefing_view(article, match, extraction, note), fmt)

    def _briefing_view(
        self, article: Article, match: Match, extraction: Extraction | None, note: str
    ) -> BriefingView:
        story = self.storylines.get(match.slug)
        return BriefingView(
            storyline_title=story.title if story else match.slug,
            slug=match.slug,
            article=article,
            match=match,
            extraction=extraction,
            extraction_note=note,
        )

    async def _queue_briefing(
        self, article: Article, match: Match, extraction: Extraction | None, note: str
    ) -> int:
        subscribers = await self.storage.chats.subscribers(match.slug, modes=("instant", "both"))
        owners = await self.storage.storylines.owners() if subscribers else {}
        subscribers = [s for s in subscribers if storyline_visible(owners, match.slug, s.chat_id)]
        if not subscribers:
            return 0
        html = render_briefing(self._briefing_view(article, match, extraction, note), "html")
        pieces = as_messages(html)
        queued = 0
        now = self.clock()
        for sub in subscribers:
            chat = await self.storage.chats.get(sub.chat_id)
            # Quiet hours hold an instant briefing until they end; nothing is dropped.
            hold = quiet_hours_end(chat.quiet, chat.timezone, now) if chat else None
            for i, piece in enumerate(pieces):
                key = f"briefing:{article.id}:{match.slug}:{i}"
                queued += await self.storage.outbox.enqueue(
                    sub.chat_id, piece, key, "briefing", thread_id=sub.thread_id, now=now,
                    not_before=hold,
                )
        return queued

    # ------------------------------------------------------------ queries

    async def _matched(
        self, slug: str, matched_since: datetime | None = None, limit: int = 200
    ) -> list[tuple[Match, Article]]:
        return await self.storage.matches.for_storyline(
            slug, limit=limit, matched_since=matched_since
        )

    async def latest(self, slug: str, limit: int = 5, fmt: str = "html") -> list[str]:
        """The newest briefings of a storyline, newest first."""
        messages: list[str] = []
        for match, article in await self._matched(slug, limit=limit):
            messages.extend(as_messages(await self.briefing(article, match, fmt), fmt))
        return messages

    async def _events(self, pairs: Sequence[tuple[Match, Article]]) -> list[Event]:
        reports = []
        for _, article in pairs:
            extraction, _ = await self.extraction_for(article)
            if extraction:
                reports.extend((m, source_of(article)) for m in extraction.meetings)
        return merge_events(reports)

    async def timeline(self, slug: str, fmt: str = "html") -> list[str]:
        """Itinerary stops and meetings in date order, each with all its sources.

        A stop and a lone visit to the same place are one entry (the stop); entries dated well
        outside the storyline's window are background, not the story, and are left out.
        """
        pairs = await self._matched(slug)
        stops: dict[tuple[str, str, str], TimelineEntry] = {}
        for _, article in pairs:
            extraction, _ = await self.extraction_for(article)
            for trip in extraction.trips if extraction else ():
                for stop in trip.stops:
                    key = (trip.traveller, stop.place.lower(), _phase(stop.status))
                    when = stop.date or article.published.date()
                    verb = "is due in" if stop.status == "planned" else "in"
                    prev = stops.get(key)
                    sources = (prev.sources if prev else ()) + (source_of(article),)
                    first = min(when, prev.when) if prev and prev.when else when
                    text = f"{trip.traveller} {verb} {stop.place}"
                    stops[key] = TimelineEntry(first, "stop", text, stop.status, _unique(sources))
        entries = list(stops.values())
        for event in await self._events(pairs):
            m = event.meeting
            if len(m.participants) == 1 and m.type == "visit" and m.location and any(
                same_person(m.participants[0], k[0]) and k[1] == m.location.lower() and k[2] == _phase(m.status)
                for k in stops
            ):
                continue
            when = m.date or event.sources[0].published.date()
            entries.append(TimelineEntry(when, "meeting", meeting_phrase(m), m.status, event.sources))
        story = self.storylines.get(slug)
        entries = [e for e in entries if story is None or _in_window(e, story)]
        entries.sort(key=lambda e: (e.when is None, e.when, e.kind != "stop"))
        view = TimelineView(story.title if story else slug, slug, tuple(entries))
        return as_messages(render_timeline(view, fmt), fmt)

    async def who(self, name: str, fmt: str = "html", *, chat_id: int | None = None) -> list[str]:
        """A person's meetings and quotes across every storyline (`chat_id`: that chat sees)."""
        events: list[tuple[str, Event]] = []
        quotes: list[tuple[Quote, SourceRef]] = []
        seen_quotes: set[tuple[str, str]] = set()
        stories = self.storylines if chat_id is None else await self.visible_storylines(chat_id)
        for slug, story in stories.items():
            pairs = await self._matched(slug)
            for event in await self._events(pairs):
                if any(same_person(name, p) for p in event.meeting.participants):
                    events.append((story.title, event))
            for _, article in pairs:
                extraction, _ = await self.extraction_for(article)
                for q in extraction.quotes if extraction else ():
                    if q.speaker and same_person(name, q.speaker) and (q.text, article.id) not in seen_quotes:
                        seen_quotes.add((q.text, article.id))
                        quotes.append((q, source_of(article)))
        full = max([name] + [p for _, e in events for p in e.meeting.participants if same_person(name, p)], key=fullness)
        view = PersonView(full, tuple(events), tuple(quotes[:10]))
        return as_messages(render_person(view, fmt), fmt)

    async def digest_view(
        self,
        slugs: Sequence[str],
        since: datetime | None,
        local_time: datetime,
        since_by_slug: dict[str, datetime] | None = None,
    ) -> DigestView:
        """What is new in each storyline since `since` (one entry per event, all its sources)."""
        sections = []
        limit = self.settings.digest.max_items_per_storyline
        for slug in slugs:
            slug_since = since_by_slug.get(slug) if since_by_slug is not None else since
            pairs = await self._matched(slug, matched_since=slug_since, limit=limit * 3)
            if not pairs:
                continue
            events = await self._events(pairs)
            covered = {s.url for e in events for s in e.sources}
            others = tuple((a, m) for m, a in pairs if a.url not in covered)[:limit]
            story = self.storylines.get(slug)
            sections.append(
                DigestSection(story.title if story else slug, slug, tuple(events[:limit]), others)
            )
        return DigestView(tuple(sections), since, local_time)

    async def digest_messages(self, chat_id: int, fmt: str = "html") -> list[str]:
        """The chat's digest now: per storyline, what is new since that subscription's last digest."""
        chat = await self.storage.chats.get(chat_id)
        if chat is None:
            return []
        view = await self._chat_digest_view(chat)
        return as_messages(render_digest(view, fmt), fmt)

    async def _chat_digest_view(self, chat: Any) -> DigestView:
        owners = await self.storage.storylines.owners()
        subs = [
            s
            for s in await self.storage.chats.subscriptions(chat.chat_id)
            if s.mode != "instant" and storyline_visible(owners, s.slug, chat.chat_id)
        ]
        now = self.clock()
        # A first digest has no "last time": it shows the storyline's latest entries (capped).
        since_by_slug = {
            s.slug: since for s in subs if (since := s.last_digest_at or chat.last_digest_at)
        }
        oldest = min(since_by_slug.values(), default=None)
        local = now.astimezone(zone(chat.timezone))
        return await self.digest_view([s.slug for s in subs], oldest, local, since_by_slug)

    async def run_due_digests(self) -> int:
        """Queue the digests that are due now; returns how many messages were queued.

        The outbox key names the scheduled slot, so a crash between queueing and marking the
        digest as done re-queues the same key, which the outbox refuses: no double digest.
        """
        now = self.clock()
        queued = 0
        for chat in await self.storage.chats.due_digests(now):
            view = await self._chat_digest_view(chat)
            slot = chat.next_digest_at.isoformat() if chat.next_digest_at else now.isoformat()
            if view.sections:  # an empty digest is not worth a notification
                for i, piece in enumerate(as_messages(render_digest(view, "html"))):
                    queued += await self.storage.outbox.enqueue(
                        chat.chat_id, piece, f"digest:{slot}:{i}", "digest", now=now
                    )
            try:
                next_at = next_digest_at(chat.digest_times, chat.timezone, now, chat.quiet)
            except ScheduleError as exc:
                log.warning("chat %s: digest schedule unusable (%s); digests stop", chat.chat_id, exc)
                next_at = None
            await self.storage.chats.mark_digest(chat.chat_id, now, next_at)
        return queued

    async def preview(self, storyline: Storyline, limit: int = 5) -> list[tuple[Match, Article]]:
        """What a storyline would have matched in the stored archive (newest first)."""
        from bot.storylines.matcher import Matcher

        matcher = Matcher([storyline], min_score=self.settings.storylines.min_score)
        found: list[tuple[Match, Article]] = []
        for article in await self.storage.articles.recent(since=datetime(1970, 1, 1, tzinfo=UTC), limit=2000):
            for match in matcher.match_article(article):
                found.append((match, article))
        found.sort(key=lambda p: p[1].published, reverse=True)
        return found[:limit]


TIMELINE_SLACK = timedelta(days=3)


def storyline_visible(owners: dict[str, int], slug: str, chat_id: int) -> bool:
    """A storyline is seen by every chat unless a chat owns it (made it with /track, unshared)."""
    owner = owners.get(slug)
    return owner is None or owner == chat_id


def _phase(status: str) -> str:
    return "planned" if status == "planned" else "past"


def _unique(sources: tuple[SourceRef, ...]) -> tuple[SourceRef, ...]:
    seen: set[str] = set()
    out = []
    for s in sources:
        if s.source_name not in seen:
            seen.add(s.source_name)
            out.append(s)
    return tuple(out)


def _in_window(entry: TimelineEntry, story: Storyline) -> bool:
    if entry.when is None:
        return True
    if story.window_start and entry.when < story.window_start - TIMELINE_SLACK:
        return False
    # A plan for after the window is still news about the story; what happened after it is not.
    return not (
        story.window_end and entry.status != "planned" and entry.when > story.window_end + TIMELINE_SLACK
    )


def load_configured_storylines(settings: Settings, base: Path | None = None) -> list[Storyline]:
    from bot.storylines.definitions import load_storylines

    out: list[Storyline] = []
    for p in settings.storylines.paths:
        path = Path(p)
        if not path.is_absolute() and base is not None and not path.exists():
            path = base / path
        out.extend(load_storylines(path))
    return out


async def build(
    settings: Settings,
    *,
    storage: Any = None,
    http: httpx.AsyncClient | None = None,
    clock: Clock = utc_now,
    extractor: Any = None,
    storylines: Sequence[Storyline] | None = None,
) -> App:
    """Assemble the app; tests pass fakes or pre-built parts for any of the keyword arguments."""
    from bot.feeds.transport import feed_client
    from bot.feeds.urlpolicy import check_url
    from bot.storage import Storage

    cfg = settings.feeds
    for feed in cfg.sources:  # a refused configured feed stops the start, with the reason
        check_url(feed.url, cfg.allow_private)
    owns_storage = storage is None
    if storage is None:
        storage = await Storage.open(settings.database.url, clock=clock, echo=settings.database.echo)
    owns_http = http is None
    if http is None:
        http = feed_client(
            cfg.allow_private,
            timeout=cfg.timeout_s,
            user_agent=cfg.user_agent,
            max_connections=max(cfg.max_concurrency * 2, 10),
        )
    if storylines is None:
        storylines = load_configured_storylines(settings)
    await storage.storylines.sync(list(storylines))
    for feed in cfg.sources:
        await storage.feeds.add(feed.url, feed.title)
    known = {s.slug: s for s in await storage.storylines.list()}
    known.update({s.slug: s for s in storylines})
    return App(
        settings=settings,
        storage=storage,
        http=http,
        clock=clock,
        storylines=known,
        extractor=extractor,
        _owns_http=owns_http,
        _owns_storage=owns_storage,
    )

"""The one composition root: `build()` opens storage, builds the HTTP client, the matcher and
the extractor, and wires the application services (bot.services) together. Nothing else wires
parts; handlers and commands reach the services through the `App` it returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.clock import Clock, utc_now
from bot.config import Settings
from bot.models import Storyline
from bot.ops.metrics import Meters
from bot.services.channels import PublishingService
from bot.services.chats import ChatService
from bot.services.feedback import FeedbackService
from bot.services.feeds import FeedService
from bot.services.pipeline import ExtractionCache, Pipeline
from bot.services.reading import ReadingService
from bot.services.status import StatusService
from bot.services.storylines import StorylineCatalog
from bot.storage.ports import ExtractorPort, MatcherPort, StoragePort


@dataclass
class App:
    """What `build` assembles: the services, and the storage and client they share."""

    settings: Settings
    clock: Clock
    storage: StoragePort
    http: httpx.AsyncClient
    storylines: StorylineCatalog
    chats: ChatService
    feeds: FeedService
    reading: ReadingService
    pipeline: Pipeline
    status: StatusService
    meters: Meters  # this process's metrics (its own registry)
    feedback: FeedbackService
    publishing: PublishingService  # storylines published to channels
    closers: tuple[Callable[[], Awaitable[None]], ...] = ()

    async def close(self) -> None:
        """Close what `build` opened (parts passed in are closed by whoever made them)."""
        for close in self.closers:
            await close()


def load_configured_storylines(settings: Settings, base: Path | None = None) -> list[Storyline]:
    """The storylines of every file the settings list (a relative path not found: under `base`)."""
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
    storage: StoragePort | None = None,
    http: httpx.AsyncClient | None = None,
    clock: Clock = utc_now,
    extractor: ExtractorPort | None = None,
    storylines: Sequence[Storyline] | None = None,
) -> App:
    """Assemble the app; tests pass fakes or pre-built parts for any of the keyword arguments."""
    from bot.feeds.fetch import Fetcher
    from bot.feeds.pool import ParsePool
    from bot.feeds.transport import feed_client
    from bot.feeds.urlpolicy import check_url
    from bot.storage import Storage

    cfg = settings.feeds
    for feed in cfg.sources:  # a refused configured feed stops the start, with the reason
        check_url(feed.url, cfg.allow_private)
    closers: list[Callable[[], Awaitable[None]]] = []
    if storage is None:
        storage = await Storage.open(settings.database.url, clock=clock, echo=settings.database.echo)
        closers.append(storage.close)
    if http is None:
        # Redirects are followed by the Fetcher, hop by hop, each hop checked by the URL policy.
        http = feed_client(
            cfg.allow_private,
            timeout=cfg.timeout_s,
            user_agent=cfg.user_agent,
            max_connections=max(cfg.max_concurrency * 2, 10),
        )
        closers.insert(0, http.aclose)
    # One for the app's life; its worker processes start with the first poll large enough.
    parse_pool = ParsePool()
    closers.insert(0, parse_pool.close)
    if storylines is None:
        storylines = load_configured_storylines(settings)
    await storage.storylines.sync(list(storylines))
    for feed in cfg.sources:
        await storage.feeds.add(feed.url, feed.title)
    known = {s.slug: s for s in await storage.storylines.list()}
    known.update({s.slug: s for s in storylines})

    def make_matcher(stories: Sequence[Storyline]) -> MatcherPort:
        from bot.storylines.matcher import Matcher

        threshold = settings.storylines.min_score
        if threshold is None:  # the scoring data's own threshold
            return Matcher(list(stories))
        return Matcher(list(stories), min_score=threshold)

    def load_extractor() -> ExtractorPort:
        from bot.extract.pipeline import Extractor

        ex = settings.extract
        return Extractor(ex.model, batch_size=ex.batch_size, max_chars=ex.max_chars)

    catalog = StorylineCatalog(storage.storylines, known)
    meters = Meters()
    extractions = ExtractionCache(storage.extractions, load_extractor, extractor, meters=meters)
    chats = ChatService(
        storage.chats, storage.outbox, catalog, settings.digest, clock,
        held_limit=settings.telegram.held_while_paused,
    )
    reading = ReadingService(
        storage.matches,
        storage.articles,
        storage.chats,
        catalog,
        extractions,
        make_matcher,
        settings.digest.max_items_per_storyline,
        clock,
    )
    pipeline = Pipeline(
        storage=storage,
        catalog=catalog,
        chats=chats,
        reading=reading,
        extractions=extractions,
        fetcher=Fetcher(http, cfg),
        parse_pool=parse_pool,
        make_matcher=make_matcher,
        settings=settings,
        clock=clock,
        meters=meters,
    )
    return App(
        settings=settings,
        clock=clock,
        storage=storage,
        http=http,
        storylines=catalog,
        chats=chats,
        feeds=FeedService(storage.feeds),
        reading=reading,
        pipeline=pipeline,
        status=StatusService(storage, clock),
        meters=meters,
        feedback=FeedbackService(storage, catalog, pipeline, clock),
        publishing=PublishingService(chats, storage.chats, catalog),
        closers=tuple(closers),
    )

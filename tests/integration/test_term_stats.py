"""Distinctiveness in the running bot: document frequencies are counted once over the stored
articles of the last weeks, then updated as new articles arrive, never twice for one article."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build
from bot.clock import ManualClock
from bot.config import StorylineSettings, load_settings
from bot.models import Article

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NOW = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)


def _article(n: int, text: str, fetched: datetime) -> Article:
    return Article(
        id=f"a{n}",
        feed_url="file:///feed.xml",
        guid=f"g{n}",
        url=f"https://example.org/{n}",
        title=f"Weather note {n}",
        text=text,
        published=fetched,
        published_missing=False,
        content_hash=f"h{n}",
        fetched_at=fetched,
    )


async def test_term_counts_come_from_the_archive_and_grow_with_new_items(storage) -> None:
    """Two recent stored articles name Seoul, one older than four weeks does not count; a new
    article is added once, and processing it again (a restart's re-run) adds nothing."""
    base = load_settings(None)
    settings = dataclasses.replace(
        base, storylines=StorylineSettings(paths=(str(SEEDS / "storylines"),))
    )
    app = await build(settings, storage=storage, clock=ManualClock(NOW))
    try:
        stored = [
            _article(1, "Rain fell in Seoul.", NOW - timedelta(days=2)),
            _article(2, "Seoul had sun.", NOW - timedelta(days=3)),
            _article(3, "Seoul had fog.", NOW - timedelta(days=60)),
        ]
        await storage.articles.add_many(stored)
        await app.pipeline.process([])
        stats = app.pipeline._term_stats
        assert stats.docs == 2 and stats.df["seoul"] == 2
        new = _article(4, "Snow in Seoul today.", NOW)
        await storage.articles.add_many([new])
        await app.pipeline.process([new])
        assert stats.docs == 3 and stats.df["seoul"] == 3
        await app.pipeline.process([new])
        assert stats.docs == 3 and stats.df["seoul"] == 3
        assert app.pipeline.matcher.stats is stats
    finally:
        await app.close()

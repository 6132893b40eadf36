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


def _settings():  # type: ignore[no-untyped-def]
    base = load_settings(None)
    return dataclasses.replace(
        base, storylines=StorylineSettings(paths=(str(SEEDS / "storylines"),))
    )


async def test_term_counts_come_from_the_archive_and_grow_with_new_items(storage) -> None:
    """Two recent stored articles name Seoul, one older than four weeks does not count; a new
    article is added once, and processing it again (a restart's re-run) adds nothing."""
    app = await build(_settings(), storage=storage, clock=ManualClock(NOW))
    try:
        stored = [
            _article(1, "Rain fell in Seoul.", NOW - timedelta(days=2)),
            _article(2, "Seoul had sun.", NOW - timedelta(days=3)),
            _article(3, "Seoul had fog.", NOW - timedelta(days=60)),
        ]
        await storage.articles.add_many(stored)
        await app.pipeline.process([])
        stats = app.pipeline.term_stats
        assert stats.docs == 2
        assert stats.df["seoul"] == 2
        new = _article(4, "Snow in Seoul today.", NOW)
        await storage.articles.add_many([new])
        await app.pipeline.process([new])
        assert stats.docs == 3
        assert stats.df["seoul"] == 3
        await app.pipeline.process([new])
        assert stats.docs == 3
        assert stats.df["seoul"] == 3
        assert app.pipeline.matcher.stats is stats
    finally:
        await app.close()


async def test_term_counts_page_through_the_archive_and_forget_what_leaves_it(
    storage, monkeypatch
) -> None:
    """Counted two articles a page, the archive gives the same counts as in one read; four
    weeks after the older articles were fetched they are forgotten (counts and ids), so a
    long-running bot keeps only the window; a new article is still counted."""
    from bot.services import pipeline

    monkeypatch.setattr(pipeline, "TERM_PAGE", 2)
    clock = ManualClock(NOW)
    app = await build(_settings(), storage=storage, clock=clock)
    try:
        await storage.articles.add_many([
            _article(1, "Rain fell in Seoul.", NOW - timedelta(days=2)),
            _article(2, "Seoul had sun.", NOW - timedelta(days=3)),
            _article(3, "Tokyo had wind.", NOW - timedelta(days=3)),
            _article(5, "Seoul had hail.", NOW - timedelta(days=1)),
            _article(6, "Seoul had fog.", NOW - timedelta(days=60)),
        ])
        await app.pipeline.process([])
        stats = app.pipeline.term_stats
        assert stats.docs == 4
        assert stats.df["seoul"] == 3
        assert stats.df["tokyo"] == 1
        clock.advance(days=26)  # the window now starts two days before NOW
        new = _article(4, "Snow in Seoul today.", clock())
        await storage.articles.add_many([new])
        await app.pipeline.process([new])
        assert stats.seen == {"a1", "a4", "a5"}
        assert stats.docs == 3
        assert stats.df["seoul"] == 3
        assert "tokyo" not in stats.df
    finally:
        await app.close()

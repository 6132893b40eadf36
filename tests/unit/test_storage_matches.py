"""MatchRepo: idempotent add, evidence round trip, per-article and per-storyline reads."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Article, Evidence, Match
from bot.storage import Storage, StorageError

T0 = datetime(2019, 3, 2, 8, 0, tzinfo=UTC)
SLUG = "envoy-harbour-tour-2019"


def article(n: int) -> Article:
    """A made-up article published n hours after T0."""
    return Article(
        id=f"a{n}",
        feed_url="https://wire.example.com/rss",
        guid=None,
        url=f"https://wire.example.com/{n}",
        title=f"Envoy arrives in port city {n}",
        text="The envoy met the mayor.",
        published=T0 + timedelta(hours=n),
        published_missing=False,
        content_hash=f"h{n}",
        fetched_at=T0 + timedelta(hours=n),
    )


def match(n: int, slug: str = SLUG, score: float = 2.5) -> Match:
    return Match(
        article_id=f"a{n}",
        slug=slug,
        score=score,
        evidence=(
            Evidence("actor", "Ana Ribeiro", "Ribeiro", "title", 6),
            Evidence("place", "Lisbon", "Lisbon", "body", 120),
        ),
    )


@pytest.fixture
async def stored(storage: Storage) -> Storage:
    """Storage holding articles a1..a4."""
    await storage.articles.add_many([article(n) for n in range(1, 5)])
    return storage


async def test_matches_come_back_with_their_evidence(stored: Storage) -> None:
    """A stored match returns with the same score and every evidence item, in order."""
    await stored.matches.add_many([match(1), match(1, slug="other-story", score=1.0)])
    got = await stored.matches.for_article("a1")
    assert got == [match(1), match(1, slug="other-story", score=1.0)]  # by slug
    assert got[0].explain() == match(1).explain()


async def test_adding_the_same_match_twice_keeps_one(stored: Storage) -> None:
    """(article_id, slug) is stored once however often it is added."""
    await stored.matches.add_many([match(1), match(1)])
    await stored.matches.add_many([match(1)])
    assert await stored.matches.for_article("a1") == [match(1)]


async def test_re_matching_updates_score_and_evidence(stored: Storage) -> None:
    """Adding a match again with a new score replaces the stored score and explanation."""
    await stored.matches.add_many([match(1)])
    rescored = replace(match(1, score=4.0), evidence=(Evidence("keyword", "port", "port", "lead"),))
    await stored.matches.add_many([rescored])
    assert await stored.matches.for_article("a1") == [rescored]


async def test_for_storyline_is_newest_first_with_articles(stored: Storage) -> None:
    """for_storyline pairs each match with its article, newest published first."""
    await stored.matches.add_many([match(1), match(3), match(2), match(4, slug="other")])
    got = await stored.matches.for_storyline(SLUG)
    assert [(m.article_id, a.id) for m, a in got] == [("a3", "a3"), ("a2", "a2"), ("a1", "a1")]
    assert got[0][1] == article(3)


async def test_for_storyline_since_and_limit(stored: Storage) -> None:
    """`since` keeps articles published at or after it; `limit` caps the newest-first list."""
    await stored.matches.add_many([match(n) for n in range(1, 5)])
    since = await stored.matches.for_storyline(SLUG, since=T0 + timedelta(hours=3))
    assert [a.id for _, a in since] == ["a4", "a3"]
    assert [a.id for _, a in await stored.matches.for_storyline(SLUG, limit=1)] == ["a4"]
    assert await stored.matches.for_storyline("no-such-story") == []


async def test_a_match_for_an_unknown_article_is_refused(stored: Storage) -> None:
    """Matching an article that was never stored raises StorageError and stores nothing."""
    with pytest.raises(StorageError, match="not stored: a99"):
        await stored.matches.add_many([match(1), match(99)])
    assert await stored.matches.for_article("a1") == []


@pytest.mark.parametrize("score", [math.nan, math.inf])
async def test_non_finite_scores_are_refused(stored: Storage, score: float) -> None:
    """A NaN or infinite score is a ValueError, never stored."""
    with pytest.raises(ValueError, match="finite"):
        await stored.matches.add_many([match(1, score=score)])


async def test_empty_batch_is_a_no_op(stored: Storage) -> None:
    """add_many([]) stores nothing and does not fail."""
    await stored.matches.add_many([])
    assert await stored.matches.for_storyline(SLUG) == []


async def test_for_storyline_matched_since_uses_match_time(stored: Storage, storage_clock) -> None:
    """matched_since keeps what was matched from then on, even an article published long before."""
    await stored.matches.add_many([match(1)])
    cut = storage_clock.advance(hours=1)
    await stored.matches.add_many([match(2), match(1)])  # re-matching a1 keeps its first match time
    got = await stored.matches.for_storyline(SLUG, matched_since=cut)
    assert [a.id for _, a in got] == ["a2"]

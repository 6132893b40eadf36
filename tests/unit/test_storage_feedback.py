"""FeedbackRepo: one judgement per (storyline, article), refused for unknown articles, found by
the short reference buttons carry, and forgotten with its storyline."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.models import Actor, Article, Storyline
from bot.storage import Storage, StorageError
from bot.storylines.feedback import MORE_LIKE, NOT_ABOUT, Example

T0 = datetime(2019, 3, 2, 8, 0, tzinfo=UTC)
SLUG = "envoy-harbour-tour-2019"
ID = "0123456789abcdef0123456789abcdef"
TWIN = "0123456789abcdef9999999999999999"  # shares the first 16 digits with ID


def article(article_id: str) -> Article:
    """A made-up stored article."""
    return Article(
        id=article_id,
        feed_url="https://wire.example.com/rss",
        guid=None,
        url=f"https://wire.example.com/{article_id}",
        title="Envoy arrives in port city",
        text="The envoy met the mayor.",
        published=T0,
        published_missing=False,
        content_hash=f"h{article_id}",
        fetched_at=T0,
    )


async def test_a_judgement_is_stored_once_per_pair_and_the_latest_wins(storage: Storage) -> None:
    """Judging the same item for the same storyline again replaces verdict, terms and judge."""
    await storage.articles.add_many([article(ID)])
    await storage.feedback.record(Example(SLUG, ID, NOT_ABOUT, ("ribeiro", "lisbon")), 7)
    await storage.feedback.record(Example(SLUG, ID, MORE_LIKE, ("ribeiro",)), 8)
    assert await storage.feedback.examples() == [Example(SLUG, ID, MORE_LIKE, ("ribeiro",))]


async def test_feedback_on_an_unknown_article_is_refused(storage: Storage) -> None:
    """StorageError names the article and nothing is stored."""
    with pytest.raises(StorageError, match="not stored: " + ID):
        await storage.feedback.record(Example(SLUG, ID, NOT_ABOUT, ()), 7)
    assert await storage.feedback.examples() == []


async def test_the_short_reference_finds_one_article_or_none(storage: Storage) -> None:
    """16 hex digits name a stored article; none or two such articles give None; anything
    else is a ValueError."""
    assert await storage.feedback.article_by_ref(ID[:16]) is None
    await storage.articles.add_many([article(ID)])
    assert await storage.feedback.article_by_ref(ID[:16]) == ID
    await storage.articles.add_many([article(TWIN)])
    assert await storage.feedback.article_by_ref(ID[:16]) is None
    with pytest.raises(ValueError, match="16 hex digits"):
        await storage.feedback.article_by_ref("%%%%")


async def test_removing_a_storyline_forgets_its_feedback(storage: Storage) -> None:
    """A slug used again later must not inherit the judgements of the deleted storyline."""
    story = Storyline(slug=SLUG, title="Envoy tour", actors=(Actor("Ana Ribeiro"),))
    await storage.storylines.sync([story])
    await storage.articles.add_many([article(ID)])
    await storage.feedback.record(Example(SLUG, ID, NOT_ABOUT, ("ribeiro",)), 7)
    assert await storage.storylines.remove(SLUG)
    assert await storage.feedback.examples() == []

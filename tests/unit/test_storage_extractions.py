"""ExtractionRepo: the cache keyed by content hash and extractor version, exact JSON round trip."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from bot.models import Extraction, Meeting, Person, Place, Quote, Trip, TripStop
from bot.storage import Storage

FULL = Extraction(
    article_id="a1",
    meetings=(
        Meeting(
            participants=("Ana Ribeiro", "Kenji Mori"),
            location="Osaka",
            status="happened",
            type="talks",
            date=date(2019, 3, 4),
            country="Japan",
            evidence="Ribeiro held talks with Mori in Osaka on Monday.",
        ),
        Meeting(participants=("Ana Ribeiro",), location=None, status="planned"),
    ),
    trips=(
        Trip(
            traveller="Ana Ribeiro",
            stops=(
                TripStop("Lisbon", "happened", "Portugal", date(2019, 3, 2)),
                TripStop("Osaka", "planned", "Japan", None, "She flies on to Osaka."),
            ),
        ),
    ),
    quotes=(
        Quote("Kenji Mori", "We are close to a deal — très proche.", "direct", "said", "reporters"),
        Quote(None, "talks would resume", "indirect"),
    ),
    people=(Person("Ana Ribeiro", "Special Envoy", "Portugal"), Person("Kenji Mori")),
    places=(Place("Osaka", "Osaka", "Japan"),),
    extractor_version="rules-3",
    notes=("quote speaker unresolved in paragraph 4",),
)


async def test_put_then_get_returns_an_equal_extraction(storage: Storage) -> None:
    """Every field, nested tuples, dates and non-ASCII text come back exactly."""
    await storage.extractions.put("hash-1", "rules-3", FULL)
    got = await storage.extractions.get("hash-1", "rules-3")
    assert got == FULL
    assert got is not None
    assert got.meetings[0].date == date(2019, 3, 4)


async def test_another_version_or_hash_misses(storage: Storage) -> None:
    """The cache is keyed by both content hash and version: either differing is a miss."""
    await storage.extractions.put("hash-1", "rules-3", FULL)
    assert await storage.extractions.get("hash-1", "rules-4") is None
    assert await storage.extractions.get("hash-2", "rules-3") is None


async def test_put_again_replaces_the_cached_result(storage: Storage) -> None:
    """A second put for the same key replaces the first result."""
    await storage.extractions.put("hash-1", "rules-3", FULL)
    smaller = replace(FULL, quotes=(), notes=())
    await storage.extractions.put("hash-1", "rules-3", smaller)
    assert await storage.extractions.get("hash-1", "rules-3") == smaller


async def test_an_empty_extraction_round_trips(storage: Storage) -> None:
    """An extraction with nothing found is cached too (so it is not recomputed)."""
    empty = Extraction(article_id="a2", notes=("no meetings found",))
    await storage.extractions.put("hash-2", "rules-3", empty)
    assert await storage.extractions.get("hash-2", "rules-3") == empty


async def test_bad_keys_and_values_are_refused(storage: Storage) -> None:
    """An empty hash or a value that is not an Extraction raises a clear error."""
    with pytest.raises(ValueError, match="content hash"):
        await storage.extractions.put("", "rules-3", FULL)
    with pytest.raises(TypeError, match="Extraction"):
        await storage.extractions.put("hash-1", "rules-3", {"article_id": "a1"})  # type: ignore[arg-type]

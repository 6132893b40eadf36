"""StorylineRepo: upsert by slug, exact round trip of the definition, listing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select

from bot.models import Actor, Storyline
from bot.storage import Storage
from bot.storage.schema import storylines

TRIP = Storyline(
    slug="envoy-harbour-tour-2019",
    title="The envoy's harbour-cities tour, spring 2019",
    description="A made-up tour used to test storage.",
    window_start=date(2019, 3, 1),
    window_end=date(2019, 3, 20),
    actors=(
        Actor("Ana Ribeiro", ("Ribeiro", "the special envoy"), "Special Envoy"),
        Actor("Kenji Mori", ("Mori",), "Foreign Minister"),
    ),
    places=("Lisbon", "Osaka"),
    keywords=("port agreement", "maritime talks"),
    require=("actor", "place|keyword"),
    source="seeds/storylines/envoy.toml",
)
SUMMIT = Storyline(slug="alpine-summit-2020", title="Alpine summit", keywords=("summit",))


async def test_sync_then_get_returns_the_same_storyline(storage: Storage) -> None:
    """Every field of a storyline, dates and nested actors included, survives storage."""
    await storage.storylines.sync([TRIP, SUMMIT])
    assert await storage.storylines.get(TRIP.slug) == TRIP
    assert await storage.storylines.get(SUMMIT.slug) == SUMMIT
    assert await storage.storylines.get("unknown") is None


async def test_list_is_sorted_by_slug(storage: Storage) -> None:
    """list() returns all stored storylines in slug order."""
    await storage.storylines.sync([TRIP, SUMMIT])
    assert await storage.storylines.list() == [SUMMIT, TRIP]


async def test_sync_updates_by_slug_and_keeps_the_others(storage: Storage) -> None:
    """Syncing a changed definition replaces it; storylines left out of the sync stay."""
    await storage.storylines.sync([TRIP, SUMMIT])
    changed = replace(TRIP, title="Renamed tour", window_end=date(2019, 4, 1), places=("Porto",))
    await storage.storylines.sync([changed])
    assert await storage.storylines.list() == [SUMMIT, changed]


async def test_sync_twice_is_idempotent(storage: Storage) -> None:
    """Syncing the same definitions again leaves one row per slug with the same content."""
    await storage.storylines.sync([TRIP, SUMMIT])
    await storage.storylines.sync([TRIP, SUMMIT])
    async with storage.engine.connect() as conn:
        slugs = (await conn.execute(select(storylines.c.slug))).scalars().all()
    assert sorted(slugs) == [SUMMIT.slug, TRIP.slug]


async def test_listing_columns_mirror_the_definition(storage: Storage) -> None:
    """slug, title and window columns are filled for listing without decoding the JSON."""
    await storage.storylines.add(TRIP)
    async with storage.engine.connect() as conn:
        row = (await conn.execute(select(storylines))).one()
    assert (row.slug, row.title, row.window_start, row.window_end) == (
        TRIP.slug,
        TRIP.title,
        date(2019, 3, 1),
        date(2019, 3, 20),
    )


async def test_add_replaces_a_storyline_with_the_same_slug(storage: Storage) -> None:
    """add() stores one storyline and, for a known slug, the new definition wins."""
    await storage.storylines.add(TRIP)
    newer = replace(TRIP, keywords=("port deal",))
    assert await storage.storylines.add(newer) == newer
    assert await storage.storylines.list() == [newer]


async def test_last_definition_wins_when_a_slug_repeats_in_one_sync(storage: Storage) -> None:
    """Two definitions with one slug in the same sync: the later one is stored."""
    later = replace(TRIP, title="Later")
    await storage.storylines.sync([TRIP, later])
    assert await storage.storylines.get(TRIP.slug) == later


async def test_sync_rejects_a_storyline_without_slug(storage: Storage) -> None:
    """An empty slug is a clear ValueError and nothing is stored."""
    import pytest

    with pytest.raises(ValueError, match="slug"):
        await storage.storylines.sync([SUMMIT, replace(TRIP, slug="")])
    assert await storage.storylines.list() == []

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


async def test_owned_storylines_are_counted_shared_and_follow_a_migrated_group(storage: Storage) -> None:
    """A storyline added for a chat is listed as that chat's; sharing clears the owner; a
    group that becomes a supergroup keeps its storylines; re-syncing from files shares."""
    await storage.storylines.add(TRIP, owner_chat_id=-100)
    await storage.storylines.add(SUMMIT)
    assert await storage.storylines.owners() == {TRIP.slug: -100}
    assert await storage.storylines.count_owned(-100) == 1
    assert await storage.storylines.count_owned(7) == 0
    await storage.chats.ensure(-100, "group")
    await storage.chats.migrate(-100, -100200)
    assert await storage.storylines.owners() == {TRIP.slug: -100200}
    assert await storage.storylines.set_owner(TRIP.slug, None) is True
    assert await storage.storylines.owners() == {}
    assert await storage.storylines.set_owner("unknown", 5) is False
    await storage.storylines.add(SUMMIT, owner_chat_id=9)
    await storage.storylines.sync([SUMMIT])  # the same slug from the storyline files
    assert await storage.storylines.owners() == {}


async def test_remove_takes_subscriptions_and_matches_with_it(storage: Storage) -> None:
    """A removed storyline leaves no subscription or match that a later one with its slug
    would inherit; other storylines keep theirs."""
    from tests.unit.test_storage_matches import article, match

    await storage.storylines.sync([TRIP, SUMMIT])
    await storage.articles.add_many([article(1)])
    await storage.matches.add_many([match(1, TRIP.slug), match(1, SUMMIT.slug)])
    await storage.chats.ensure(1)
    for slug in (TRIP.slug, SUMMIT.slug):
        await storage.chats.subscribe(1, slug)
    assert await storage.storylines.remove(TRIP.slug) is True
    assert await storage.storylines.get(TRIP.slug) is None
    assert [s.slug for s in await storage.chats.subscriptions(1)] == [SUMMIT.slug]
    assert await storage.matches.for_storyline(TRIP.slug) == []
    assert len(await storage.matches.for_storyline(SUMMIT.slug)) == 1
    assert await storage.storylines.remove(TRIP.slug) is False

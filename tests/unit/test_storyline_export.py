"""A storyline written as TOML reads back, through the loader, as the same storyline."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

from bot.models import Actor, Storyline
from bot.storylines.definitions import check_storylines
from bot.storylines.export import export_filename, storyline_toml

STORY = Storyline(
    slug="harbour-talks-2025",
    title='Harbour talks: "quiet" progress',
    description="Two ministers on port fees.\nSecond line with a backslash \\ and ümlauts.",
    window_start=date(2025, 5, 1),
    window_end=date(2025, 6, 30),
    actors=(
        Actor("Maria Okafor", aliases=("Okafor",), role="Trade Minister"),
        Actor("Jonas Berg", aliases=()),
    ),
    places=("Lagos", "Oslo"),
    keywords=("port fees",),
    require=("actor", "place|keyword"),
)


def test_exported_toml_reads_back_as_the_same_storyline(tmp_path: Path):
    """Quotes, a newline, a backslash, non-ASCII, dates and actors survive the round trip, and
    `attache storylines check` finds no problem in the file."""
    path = tmp_path / export_filename(STORY.slug)
    path.write_text(storyline_toml(STORY), encoding="utf-8")
    result = check_storylines([path])
    assert result.problems == ()
    [loaded] = result.storylines
    assert loaded.slug == STORY.slug
    assert loaded.title == STORY.title
    assert loaded.description == STORY.description
    assert (loaded.window_start, loaded.window_end) == (STORY.window_start, STORY.window_end)
    assert loaded.actors == STORY.actors
    assert (loaded.places, loaded.keywords, loaded.require) == (STORY.places, STORY.keywords, STORY.require)


def test_a_storyline_without_window_or_actors_has_no_such_tables():
    """Absent parts are left out rather than written empty."""
    bare = Storyline(slug="ports", title="Ports", places=("Lagos",), keywords=("fees",), require=("place|keyword",))
    data = tomllib.loads(storyline_toml(bare))
    assert "window" not in data
    assert data.get("actors", []) == []
    assert data["places"] == ["Lagos"]

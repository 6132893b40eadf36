"""Trip maps after instant briefings: whether an article calls for its storyline's itinerary map,
which chats get one, and the outbox key that keeps it to one per article and chat (pure).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.models import Extraction

MAP_KIND = "map"  # the outbox kind of a map row; its text is the storyline's slug
_KEY_HEAD = "map:"


@dataclass(frozen=True, slots=True)
class MapCandidate:
    """A chat an article's briefing went to, as far as a trip map is concerned."""

    chat_id: int
    briefed: bool  # it gets this article's briefing (not an update of an earlier one)
    held: bool  # paused: its briefings wait for /resume as one text catch-up
    wants_maps: bool = True  # the chat's option


def reports_travel(extraction: Extraction | None) -> bool:
    """Whether the article itself reports a trip with a named stop: an article that only tells
    of a meeting adds nothing to the route, so it brings no map.
    """
    return extraction is not None and any(trip.stops for trip in extraction.trips)


def map_window(hours: float) -> timedelta | None:
    """How long a chat waits for the next map of one storyline; None when maps are off (0)."""
    return timedelta(hours=hours) if hours > 0 else None


def map_key(slug: str, article_id: str) -> str:
    """The outbox key of an article's map: one per article, storyline and chat."""
    return f"{map_key_prefix(slug)}{article_id}"


def map_key_prefix(slug: str) -> str:
    """What every map key of a storyline starts with (storyline slugs hold no colon)."""
    return f"{_KEY_HEAD}{slug}:"


def wants_map(candidate: MapCandidate) -> bool:
    """A chat gets the map after the briefing it was just sent: not after an update (the route
    was mapped with the briefing it updates), not while paused (a catch-up is text), and not
    when it turned maps off.
    """
    return candidate.briefed and not candidate.held and candidate.wants_maps


def map_chats(candidates: Sequence[MapCandidate], mapped_lately: Collection[int]) -> list[int]:
    """The chats that get this article's map: those that want one and had no map of the
    storyline within the window (`mapped_lately`), so a busy trip does not flood them.
    """
    return [c.chat_id for c in candidates if wants_map(c) and c.chat_id not in mapped_lately]

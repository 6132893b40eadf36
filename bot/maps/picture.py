"""A storyline's itinerary picture: the map's PNG and its caption, or why there is none (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.briefings.itinerary import itinerary_caption, itinerary_view, map_refusal
from bot.maps.coordinates import place_coordinates
from bot.maps.itinerary_png import render_itinerary_png
from bot.models import Article, Extraction, Storyline


@dataclass(frozen=True, slots=True)
class ItineraryPicture:
    """The map of a storyline's itinerary with its caption, or the reason there is no map."""

    png: bytes | None  # None when no map can be drawn
    caption: str = ""  # Telegram HTML, within a photo caption's 1,024 UTF-16 units
    reason: str = ""  # why there is no map, in words for the reader

    @property
    def drawn(self) -> bool:
        """True when there is a map to send."""
        return self.png is not None


def itinerary_picture(
    slug: str, story: Storyline | None, items: Sequence[tuple[Article, Extraction | None]]
) -> ItineraryPicture:
    """Map and caption of the storyline's busiest traveller; CPU-bound (about 0.4 s, the first
    of a process about 1.5 s), so callers on an event loop run it in a thread.
    """
    view = itinerary_view(slug, story, items, place_coordinates)
    reason = map_refusal(view)
    if view is None or reason:
        return ItineraryPicture(None, reason=reason or "")
    return ItineraryPicture(render_itinerary_png(view), itinerary_caption(view))

"""The pictures the bot sends: a storyline's itinerary map and a person's meeting graph, each a
PNG with its caption, or why there is none (pure).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.briefings.itinerary import itinerary_caption, itinerary_view, map_refusal
from bot.briefings.network import meeting_network, network_caption, network_refusal
from bot.briefings.views import PersonView
from bot.maps.coordinates import place_coordinates
from bot.maps.itinerary_png import render_itinerary_png
from bot.maps.network_png import render_network_png
from bot.models import Article, Extraction, Storyline


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture with its caption, or the reason there is none."""

    png: bytes | None  # None when no picture can be drawn
    caption: str = ""  # Telegram HTML, within a photo caption's 1,024 UTF-16 units
    reason: str = ""  # why there is no picture, in words for the reader

    @property
    def drawn(self) -> bool:
        """True when there is a picture to send."""
        return self.png is not None


def itinerary_picture(
    slug: str, story: Storyline | None, items: Sequence[tuple[Article, Extraction | None]]
) -> Picture:
    """Map and caption of the storyline's busiest traveller; CPU-bound (about 0.4 s, the first
    of a process about 1.5 s), so callers on an event loop run it in a thread.
    """
    view = itinerary_view(slug, story, items, place_coordinates)
    reason = map_refusal(view)
    if view is None or reason:
        return Picture(None, reason=reason or "")
    return Picture(render_itinerary_png(view), itinerary_caption(view))


def itinerary_refusal(
    slug: str, story: Storyline | None, items: Sequence[tuple[Article, Extraction | None]]
) -> str | None:
    """Why the storyline's itinerary cannot be mapped, or None when it can; nothing is drawn,
    but the gazetteer is read (its first use in a process takes a second), so run it in a thread.
    """
    return map_refusal(itinerary_view(slug, story, items, place_coordinates))


def network_picture(person: PersonView) -> Picture:
    """The graph of who `person` met, with its caption; CPU-bound like the map (about 0.3 s)."""
    view = meeting_network(person)
    reason = network_refusal(view)
    if reason:
        return Picture(None, reason=reason)
    return Picture(render_network_png(view), network_caption(view))

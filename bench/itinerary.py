"""Itinerary map rendering: the first image of a process (loads the towns once) and the median of
the next ones, for a four-stop regional trip and a five-stop world tour; PNG sizes beside them.

Stops are real places so the gazetteer has them; the traveller and dates are invented.
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import date

from bot.briefings.itinerary import ItineraryStop, ItineraryView
from bot.maps.coordinates import place_coordinates
from bot.maps.itinerary_png import render_itinerary_png

REPEATS = 9


def _view(title: str, *stops: tuple[str, str, date | None]) -> ItineraryView:
    return ItineraryView("Ana Vela", title, "bench", tuple(
        ItineraryStop(place, status, when, place_coordinates(place)) for place, status, when in stops
    ))


REGIONAL = _view("A regional trip", ("Tokyo", "happened", date(2024, 5, 1)),
                 ("Pyongyang", "happened", date(2024, 5, 2)), ("Seoul", "planned", date(2024, 5, 3)),
                 ("Beijing", "planned", None))
WORLD = _view("A world tour", ("Washington", "happened", date(2024, 5, 1)),
              ("Paris", "happened", date(2024, 5, 3)), ("Nairobi", "happened", date(2024, 5, 5)),
              ("New Delhi", "planned", date(2024, 5, 7)), ("Canberra", "planned", None))


def _ms(view: ItineraryView) -> tuple[float, int]:
    t0 = time.perf_counter()
    png = render_itinerary_png(view)
    return (time.perf_counter() - t0) * 1000, len(png)


def run() -> dict[str, float]:
    first_ms, _ = _ms(REGIONAL)
    times: dict[str, list[float]] = {"regional": [], "world": []}
    sizes: dict[str, int] = {}
    # Repeats interleave the two maps, so a busy moment on the machine hits both alike.
    for _ in range(REPEATS):
        for name, view in (("regional", REGIONAL), ("world", WORLD)):
            ms, size = _ms(view)
            times[name].append(ms)
            sizes[name] = size
    regional, world = statistics.median(times["regional"]), statistics.median(times["world"])
    print(f"  first image {first_ms:,.0f} ms (loads the towns); then median of {REPEATS}: "
          f"regional {regional:,.0f} ms ({sizes['regional'] / 1024:,.0f} KB), "
          f"world {world:,.0f} ms ({sizes['world'] / 1024:,.0f} KB)", file=sys.stderr)
    return {
        "itinerary_png_first_ms": round(first_ms, 1),
        "itinerary_png_ms": round(regional, 1),
        "itinerary_png_world_ms": round(world, 1),
        "itinerary_png_kb": round(sizes["regional"] / 1024, 1),
        "itinerary_png_world_kb": round(sizes["world"] / 1024, 1),
    }

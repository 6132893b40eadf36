"""Latitude and longitude for a place name, from the gazetteer the extractor already uses.

A city is its own point; a country is drawn at its capital (a single honest point, where a
centroid can fall in the sea). A site, a region or an unknown name has no coordinates.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from bot.extract.entities import resolve_place

LatLon = tuple[float, float]

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, str], LatLon], dict[str, LatLon]]:
    """((city, country) → point of its most populous namesake, country → its capital's point)."""
    from bot import gazetteer

    with _lock:
        code_to_name = {country.code: country.name for country in gazetteer.countries()}
        best = gazetteer.most_populous(
            gazetteer.cities(), lambda city: [(city.name.lower(), code_to_name.get(city.country_code, ""))])
        cities = {key: (city.latitude, city.longitude) for key, city in best.items()}
        capitals: dict[str, LatLon] = {}
        for country in gazetteer.countries():
            point = cities.get((country.capital.lower(), country.name))
            if point:
                capitals[country.name] = point
        return cities, capitals


def place_coordinates(name: str) -> LatLon | None:
    """(lat, lon) of a named city, or of a named country's capital; None when it is not a known place."""
    place = resolve_place(name)
    if place is None:
        return None
    cities, capitals = _index()
    if place.city:
        return cities.get((place.city.lower(), place.country))
    return capitals.get(place.country)

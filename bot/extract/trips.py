"""Itineraries: for each named traveller, the places visited or to be visited, in order, with status."""

from __future__ import annotations

from typing import Any

from bot.extract.entities import place_contains, resolve_place
from bot.models import Trip, TripStop

_STATUS_ORDER = {"reported-past": 0, "happened": 1, "planned": 2}


def _in_travel_order(evs: list[Any]) -> list[Any]:
    """Done stops before planned ones; within each, by the dates the text gives, an undated stop
    keeping the date of the stop told before it (text order where nothing is dated).
    """
    told = sorted(evs, key=lambda e: (e.from_title, e.token))
    keyed = []
    last: dict[int, Any] = {}
    for n, ev in enumerate(told):
        rank = _STATUS_ORDER.get(ev.status, 1)
        day = ev.date or last.get(rank)
        if ev.date:
            last[rank] = ev.date
        keyed.append(((rank, day is not None, day.toordinal() if day else 0, n), ev))
    return [ev for _, ev in sorted(keyed, key=lambda k: k[0])]


def build_trips(events: list[Any]) -> list[Trip]:
    """Trips from the motion events (arrive in, travel to, visit) of one article.

    Done stops come before planned ones, since news prose tells where someone is before where they
    are going; within a status, stops go by the dates the text gives, else in text order. A country drops out when a city in it is
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
        for ev in _in_travel_order(evs):
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

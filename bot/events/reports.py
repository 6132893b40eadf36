"""What one article tells of events, as meetings: its meetings and its itinerary stops."""

from __future__ import annotations

from dataclasses import replace

from bot.events.names import same_person, same_place
from bot.models import Extraction, Meeting, TripStop

PLANNED, HAPPENED, BACKGROUND = "planned", "happened", "reported-past"
PAST = frozenset({HAPPENED, BACKGROUND})


def worth_showing(m: Meeting) -> bool:
    """A lone visit with no place says nothing a reader can use."""
    return bool(m.location) or m.type != "visit" or len(m.participants) > 1


def stop_as_visit(traveller: str, stop: TripStop) -> Meeting:
    """An itinerary stop told as the visit it is, so it reconciles like any other report."""
    status = PLANNED if stop.status == PLANNED else HAPPENED
    return Meeting((traveller,), stop.place, status, "visit", stop.date, stop.country, stop.evidence)


def told_in(extraction: Extraction) -> list[Meeting]:
    """What one article tells, as meetings: its meetings, a lone visit dated by the itinerary stop
    it also is, and the stops that no lone visit tells (a trip's last stop is an event too).
    """
    meetings = list(extraction.meetings)
    for trip in extraction.trips:
        for stop in trip.stops:
            visit = stop_as_visit(trip.traveller, stop)
            i = next((i for i, m in enumerate(meetings) if _same_visit(m, visit)), None)
            if i is None:
                meetings.append(visit)
            else:
                m = meetings[i]
                meetings[i] = replace(m, date=m.date or visit.date, country=m.country or visit.country)
    return meetings


def _same_visit(m: Meeting, visit: Meeting) -> bool:
    return (
        m.type == "visit"
        and len(m.participants) == 1
        and same_person(m.participants[0], visit.participants[0])
        and bool(m.location)
        # a lone visit to a country is the stop the trip names by a city in it ("visited the North",
        # "talks in the capital"): one visit, not a second
        and (same_place(m.location or "", visit.location or "") or bool(visit.country) and same_place(m.location or "", visit.country))
        and (m.status == PLANNED) == (visit.status == PLANNED)
    )

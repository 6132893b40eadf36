"""A storyline's timeline from its articles' extractions: itinerary stops and meetings (pure).

A stop and a lone visit to the same place are one entry (the stop); entries dated well outside
the storyline's window are background, not the story, and are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.briefings.events import same_person
from bot.briefings.views import TimelineEntry, TimelineView, meeting_phrase, source_of
from bot.models import Article, Event, Extraction, SourceRef, Storyline

# How far outside the storyline's window a dated entry may fall and still be part of it.
TIMELINE_SLACK = timedelta(days=3)

StopKey = tuple[str, str, str]  # (traveller, place lower-cased, phase)


def timeline_view(
    slug: str,
    story: Storyline | None,
    items: Sequence[tuple[Article, Extraction | None]],
    events: Sequence[Event],
) -> TimelineView:
    """The timeline of `items` (newest first, as matched) and the `events` merged from them."""
    stops = _stops(items)
    entries = list(stops.values())
    for event in events:
        m = event.meeting
        if _is_a_known_stop(event, stops):
            continue
        when = m.date or event.sources[0].published.date()
        entries.append(TimelineEntry(when, "meeting", meeting_phrase(m), m.status, event.sources))
    entries = [e for e in entries if story is None or in_window(e, story)]
    entries.sort(key=lambda e: (e.when is None, e.when, e.kind != "stop"))
    return TimelineView(story.title if story else slug, slug, tuple(entries))


def _stops(items: Sequence[tuple[Article, Extraction | None]]) -> dict[StopKey, TimelineEntry]:
    """One entry per traveller, place and phase: the earliest date, every outlet once."""
    stops: dict[StopKey, TimelineEntry] = {}
    for article, extraction in items:
        for trip in extraction.trips if extraction else ():
            for stop in trip.stops:
                key = (trip.traveller, stop.place.lower(), phase(stop.status))
                when = stop.date or article.published.date()
                verb = "is due in" if stop.status == "planned" else "in"
                prev = stops.get(key)
                sources = (prev.sources if prev else ()) + (source_of(article),)
                first = min(when, prev.when) if prev and prev.when else when
                text = f"{trip.traveller} {verb} {stop.place}"
                stops[key] = TimelineEntry(first, "stop", text, stop.status, unique_outlets(sources))
    return stops


def _is_a_known_stop(event: Event, stops: dict[StopKey, TimelineEntry]) -> bool:
    """A lone visit to a place the same traveller's itinerary already lists."""
    m = event.meeting
    if len(m.participants) != 1 or m.type != "visit" or not m.location:
        return False
    place = m.location.lower()
    return any(
        same_person(m.participants[0], traveller) and where == place and when == phase(m.status)
        for traveller, where, when in stops
    )


def phase(status: str) -> str:
    """Planned, or past (happened or reported as past): the two sides of a stop."""
    return "planned" if status == "planned" else "past"


def unique_outlets(sources: tuple[SourceRef, ...]) -> tuple[SourceRef, ...]:
    """The first source of each outlet, in order."""
    seen: set[str] = set()
    out = []
    for s in sources:
        if s.source_name not in seen:
            seen.add(s.source_name)
            out.append(s)
    return tuple(out)


def in_window(entry: TimelineEntry, story: Storyline) -> bool:
    """An undated entry, or one dated within the storyline's window (with some slack)."""
    if entry.when is None:
        return True
    if story.window_start and entry.when < story.window_start - TIMELINE_SLACK:
        return False
    # A plan for after the window is still news about the story; what happened after it is not.
    return not (
        story.window_end
        and entry.status != "planned"
        and entry.when > story.window_end + TIMELINE_SLACK
    )

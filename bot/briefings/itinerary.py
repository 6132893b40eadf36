"""A traveller's itinerary across a storyline's reports: stops in order with status, date and
coordinates, the caption that goes with its map, and why a map cannot be drawn (pure; no drawing).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from bot.briefings.timeline import in_window
from bot.briefings.views import TimelineEntry
from bot.events import same_person
from bot.models import Article, Extraction, Storyline, Trip
from bot.tgtext.units import MAX_CAPTION_UTF16, char_units, utf16_len

LatLon = tuple[float, float]
Locate = Callable[[str], "LatLon | None"]

MIN_MAP_STOPS = 2  # one point is a place, not a route


@dataclass(frozen=True, slots=True)
class ItineraryStop:
    """One stop of a trip: the place, happened or planned, its day and its point on the map."""

    place: str
    status: str  # "happened" | "planned"
    when: date | None = None
    point: LatLon | None = None  # (lat, lon); None when the gazetteer does not know the place


@dataclass(frozen=True, slots=True)
class ItineraryView:
    """One traveller's stops, in travel order, for a storyline."""

    traveller: str
    title: str
    slug: str
    stops: tuple[ItineraryStop, ...]

    @property
    def mapped(self) -> tuple[ItineraryStop, ...]:
        """The stops the map can place."""
        return tuple(s for s in self.stops if s.point is not None)

    @property
    def unmapped(self) -> tuple[ItineraryStop, ...]:
        """The stops with no known coordinates."""
        return tuple(s for s in self.stops if s.point is None)


def build_itinerary(
    trips: Sequence[Trip],
    *,
    title: str,
    slug: str,
    locate: Locate,
    traveller: str | None = None,
    keep: Callable[[ItineraryStop], bool] | None = None,
) -> ItineraryView | None:
    """The itinerary of `traveller` (default: whoever has the most stops) from per-report trips.

    `trips` come in report order. The same place reported twice is one stop: a report that it
    happened outranks one that it was planned, and the earliest date of the winning status is
    kept. `keep` drops stops the caller rules out (dated outside the storyline's window, say).
    None when no one travels.
    """
    who = traveller or _busiest_traveller(trips)
    if who is None:
        return None
    merged: dict[str, ItineraryStop] = {}
    for trip in trips:
        if not same_person(trip.traveller, who):
            continue
        for stop in trip.stops:
            point = locate(stop.place)
            key = _place_key(stop.place, point)
            status = "planned" if stop.status == "planned" else "happened"
            fresh = ItineraryStop(stop.place, status, stop.date, point)
            merged[key] = _better(merged[key], fresh) if key in merged else fresh
    stops = [s for s in merged.values() if keep is None or keep(s)]
    if not stops:
        return None
    return ItineraryView(who, title, slug, tuple(_travel_order(stops)))


def itinerary_view(
    slug: str,
    story: Storyline | None,
    items: Sequence[tuple[Article, Extraction | None]],
    locate: Locate,
) -> ItineraryView | None:
    """The storyline's itinerary from its articles' extractions (in any order): reports are read
    oldest first, and stops dated well outside the storyline's window are left out, as in the
    timeline.
    """
    ordered = sorted(items, key=lambda item: item[0].published)
    trips = [trip for _, extraction in ordered for trip in (extraction.trips if extraction else ())]
    return build_itinerary(
        trips,
        title=story.title if story else slug,
        slug=slug,
        locate=locate,
        keep=None if story is None else (
            lambda stop: in_window(TimelineEntry(stop.when, "stop", stop.place, stop.status), story)
        ),
    )


def _busiest_traveller(trips: Sequence[Trip]) -> str | None:
    """The traveller with the most reported stops; the first reported wins a tie."""
    counts: dict[str, int] = {}
    for trip in trips:
        name = next((k for k in counts if same_person(k, trip.traveller)), trip.traveller)
        counts[name] = counts.get(name, 0) + len(trip.stops)
    return max(counts, key=lambda k: counts[k]) if counts else None


def _place_key(place: str, point: LatLon | None) -> str:
    # "Peking" and "Beijing" share a point; a place off the map is known by its name alone.
    return f"{point[0]:.3f},{point[1]:.3f}" if point else " ".join(place.lower().split())


def _better(old: ItineraryStop, new: ItineraryStop) -> ItineraryStop:
    """What two reports of one stop add up to: happened beats planned, then the earlier date."""
    if old.status != new.status:
        return old if old.status == "happened" else new
    if new.when and (old.when is None or new.when < old.when):
        return new
    return old


def _travel_order(stops: list[ItineraryStop]) -> list[ItineraryStop]:
    """By date; an undated stop stays right after the stop first reported before it.

    News names the next stops of a journey in order ("then Seoul and Beijing") without dates,
    so the order of first report is the best guess where dates are missing.
    """
    carried: date | None = None
    keyed = []
    for i, stop in enumerate(stops):
        carried = stop.when or carried
        keyed.append(((carried or date.min), i, stop))
    keyed.sort(key=lambda t: (t[0], t[1]))
    return [s for _, _, s in keyed]


def map_refusal(view: ItineraryView | None) -> str | None:
    """Why no map can be drawn for this itinerary, in words for the reader; None when it can."""
    if view is None or not view.stops:
        return "no trip with named places was reported"
    mapped = view.mapped
    if not mapped:
        names = ", ".join(s.place for s in view.stops[:3])
        return f"none of the places ({names}) has coordinates in the gazetteer"
    if len(mapped) < MIN_MAP_STOPS:
        return f"only one stop ({mapped[0].place}) could be placed on the map"
    return None


# ---------------------------------------------------------------- caption

STATUS_MARK = {"happened": "✅", "planned": "🗓"}


def stop_date(d: date | None) -> str:
    """A stop's day as the caption prints it ("Sun 7 Oct")."""
    return f"{d:%a} {d.day} {d:%b}" if d else "date not given"


def itinerary_caption(view: ItineraryView, limit: int = MAX_CAPTION_UTF16) -> str:
    """The photo's caption in Telegram HTML: title, numbered stops as on the map, what is off it.

    Lines that do not fit `limit` (counted on the text Telegram shows, after the tags) give way to
    "+N more — /timeline slug", so the caption is never refused for its length.
    """
    head = f"{view.traveller}: {view.title}"
    numbered = [
        f"{i}. {s.place} · {stop_date(s.when)} {STATUS_MARK.get(s.status, '')}".rstrip()
        for i, s in enumerate(view.mapped, 1)
    ]
    off = ", ".join(s.place for s in view.unmapped)
    tail = [f"Not on the map: {off}"] if off else []
    lines = [head, *numbered, *tail]
    plain = "\n".join(lines)
    shown = len(lines)
    while utf16_len(plain) > limit and shown > 1:
        shown -= 1
        more = _more_line(len(lines) - shown, view.slug)
        plain = "\n".join([*lines[:shown], more])
    if utf16_len(plain) > limit:  # an absurdly long title: cut it, since the title alone is too long
        return html.escape(_cut(head, limit), quote=False)
    kept = [html.escape(line, quote=False) for line in lines[:shown]]
    kept[0] = f"<b>{kept[0]}</b>"
    if shown < len(lines):
        kept.append(html.escape(_more_line(len(lines) - shown, view.slug), quote=False))
    return "\n".join(kept)


def _more_line(n: int, slug: str) -> str:
    return f"+{n} more — /timeline {slug}"


def _cut(text: str, limit: int) -> str:
    out = []
    used = 0
    for ch in text:
        used += char_units(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"

"""Itineraries across reports (merge, order, traveller), why no map, and the photo caption's limit.

Names of travellers and the trips are invented; places are real so the gazetteer knows them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.briefings.itinerary import (
    ItineraryStop,
    ItineraryView,
    build_itinerary,
    itinerary_caption,
    itinerary_view,
    map_refusal,
)
from bot.maps.coordinates import place_coordinates
from bot.maps.picture import itinerary_picture
from bot.models import Article, Extraction, Storyline, Trip, TripStop
from bot.tgtext.html import parse_html
from bot.tgtext.units import MAX_CAPTION_UTF16


def _trip(traveller: str, *stops: tuple[str, str, date | None]) -> Trip:
    return Trip(traveller, tuple(TripStop(place, status, "", when) for place, status, when in stops))


def _build(*trips: Trip, **kw) -> ItineraryView | None:  # type: ignore[no-untyped-def]
    return build_itinerary(list(trips), title="Ana Vela's Gulf tour", slug="vela-gulf",
                           locate=place_coordinates, **kw)


def test_a_later_report_that_a_stop_happened_outranks_the_plan() -> None:
    """Planned Doha, then a report it happened: one stop, happened, dated by the happening."""
    view = _build(
        _trip("Ana Vela", ("Riyadh", "happened", date(2024, 3, 1)), ("Doha", "planned", None)),
        _trip("Ana Vela", ("Doha", "happened", date(2024, 3, 3))),
    )
    assert view is not None
    assert [(s.place, s.status, s.when) for s in view.stops] == [
        ("Riyadh", "happened", date(2024, 3, 1)),
        ("Doha", "happened", date(2024, 3, 3)),
    ]


def test_a_plan_reported_after_the_happening_does_not_undo_it() -> None:
    """An older outlet still calling Doha planned, read later, leaves Doha happened."""
    view = _build(
        _trip("Ana Vela", ("Doha", "happened", date(2024, 3, 3))),
        _trip("Ana Vela", ("Doha", "planned", date(2024, 3, 2))),
    )
    assert view is not None
    assert [(s.status, s.when) for s in view.stops] == [("happened", date(2024, 3, 3))]


def test_undated_stops_keep_their_place_after_the_stop_reported_before_them() -> None:
    """"Then Muscat and Kuwait City" has no dates: they follow Doha in that order, before a later
    dated stop, and dated stops go by date whatever order they were reported in."""
    view = _build(
        _trip("Ana Vela", ("Doha", "happened", date(2024, 3, 3)), ("Muscat", "planned", None),
              ("Kuwait City", "planned", None)),
        _trip("Ana Vela", ("Riyadh", "happened", date(2024, 3, 1)), ("Manama", "planned", date(2024, 3, 9))),
    )
    assert view is not None
    assert [s.place for s in view.stops] == ["Riyadh", "Doha", "Muscat", "Kuwait City", "Manama"]


def test_other_spellings_of_one_city_are_one_stop() -> None:
    """"Peking" and "Beijing" share the gazetteer's point, so they are one stop."""
    view = _build(_trip("Ana Vela", ("Peking", "planned", None), ("Seoul", "planned", None)),
                  _trip("Ana Vela", ("Beijing", "happened", date(2024, 5, 2))))
    assert view is not None
    assert [(s.place, s.status) for s in view.stops] == [("Beijing", "happened"), ("Seoul", "planned")]


def test_the_busiest_traveller_is_chosen_and_a_surname_is_the_same_person() -> None:
    """Two travellers: the one with more stops wins; "Vela" is "Ana Vela" from another outlet."""
    view = _build(
        _trip("Ana Vela", ("Riyadh", "happened", date(2024, 3, 1))),
        _trip("Tomas Ode", ("Cairo", "happened", date(2024, 3, 1))),
        _trip("Vela", ("Doha", "happened", date(2024, 3, 3))),
    )
    assert view is not None
    assert view.traveller == "Ana Vela"
    assert [s.place for s in view.stops] == ["Riyadh", "Doha"]
    chosen = _build(_trip("Ana Vela", ("Riyadh", "happened", None)), _trip("Tomas Ode", ("Cairo", "happened", None)),
                    traveller="Tomas Ode")
    assert chosen is not None
    assert [s.place for s in chosen.stops] == ["Cairo"]


def test_keep_drops_the_stops_the_caller_rules_out() -> None:
    """A stop dated long before the storyline (background) is left out by the caller's rule."""
    view = _build(
        _trip("Ana Vela", ("Cairo", "happened", date(2019, 1, 1)), ("Doha", "happened", date(2024, 3, 3))),
        keep=lambda s: s.when is None or s.when >= date(2024, 1, 1),
    )
    assert view is not None
    assert [s.place for s in view.stops] == ["Doha"]


def test_no_trips_or_no_kept_stops_is_no_itinerary() -> None:
    """Nothing reported, or everything ruled out, gives None, and the refusal says so plainly."""
    assert _build() is None
    assert _build(_trip("Ana Vela", ("Doha", "happened", None)), keep=lambda s: False) is None
    assert map_refusal(None) == "no trip with named places was reported"


def test_a_single_mapped_stop_is_refused_with_the_reason() -> None:
    """One stop on the map (the other is a site the gazetteer does not know) is not a route."""
    view = _build(_trip("Ana Vela", ("Doha", "happened", None), ("the old palace grounds", "happened", None)))
    assert view is not None
    assert len(view.mapped) == 1
    assert [s.place for s in view.unmapped] == ["the old palace grounds"]
    assert map_refusal(view) == "only one stop (Doha) could be placed on the map"


def test_stops_without_coordinates_are_refused_with_the_reason() -> None:
    """No stop the gazetteer knows: the reason names the places."""
    view = _build(_trip("Ana Vela", ("the border crossing", "happened", None), ("the summit venue", "planned", None)))
    assert view is not None
    assert not view.mapped
    assert map_refusal(view) == (
        "none of the places (the border crossing, the summit venue) has coordinates in the gazetteer"
    )


def test_two_mapped_stops_can_be_drawn() -> None:
    """Two stops the gazetteer knows: no refusal."""
    view = _build(_trip("Ana Vela", ("Riyadh", "happened", None), ("Doha", "planned", None)))
    assert map_refusal(view) is None


# ---------------------------------------------------------------- caption

def _caption_text(caption: str) -> str:
    return parse_html(caption).text  # what Telegram counts: the text after the tags


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_caption_numbers_the_stops_as_the_map_does_and_names_what_is_off_it() -> None:
    """Caption: bold title, one numbered line per mapped stop with date and mark, then the rest."""
    view = ItineraryView("Ana Vela", "Gulf <tour> & talks", "vela-gulf", (
        ItineraryStop("Riyadh", "happened", date(2024, 3, 1), (24.7, 46.7)),
        ItineraryStop("the old palace", "happened", None, None),
        ItineraryStop("Doha", "planned", None, (25.3, 51.5)),
    ))
    caption = itinerary_caption(view)
    assert caption.splitlines() == [
        "<b>Ana Vela: Gulf &lt;tour&gt; &amp; talks</b>",
        "1. Riyadh · Fri 1 Mar ✅",
        "2. Doha · date not given 🗓",
        "Not on the map: the old palace",
    ]
    assert _caption_text(caption).startswith("Ana Vela: Gulf <tour> & talks\n")


def test_caption_with_many_long_stops_stays_within_telegrams_limit() -> None:
    """120 stops with 60-character names and astral characters: the caption fits 1,024 UTF-16
    units after entity parsing and ends by pointing to the full timeline."""
    stops = tuple(
        ItineraryStop(f"Place {i:03d} 🏛 " + "x" * 48, "happened" if i % 2 else "planned",
                      date(2024, 1, 1 + i % 28), (float(i % 80), float(i)))
        for i in range(120)
    )
    view = ItineraryView("Ana Vela 🌍", "A very long tour " * 10, "vela-long", stops)
    caption = itinerary_caption(view)
    text = _caption_text(caption)
    assert _utf16(text) <= MAX_CAPTION_UTF16
    assert _utf16(text) > MAX_CAPTION_UTF16 - 100  # the room is used, not wasted
    last = text.splitlines()[-1]
    assert last.startswith("+")
    assert last.endswith("more — /timeline vela-long")
    shown = len(text.splitlines()) - 2
    assert int(last[1:].split()[0]) == 120 - shown


def test_a_title_longer_than_the_whole_caption_is_cut_to_fit() -> None:
    """A 5,000-character title cannot be shown whole: it is cut with an ellipsis within the limit."""
    view = ItineraryView("Ana Vela", "t" * 5000, "vela", (
        ItineraryStop("Riyadh", "happened", None, (24.7, 46.7)),
        ItineraryStop("Doha", "happened", None, (25.3, 51.5)),
    ))
    text = _caption_text(itinerary_caption(view))
    assert _utf16(text) <= MAX_CAPTION_UTF16
    assert text.endswith("…")


# ---------------------------------------------------------------- from stored articles

def _article(aid: str, published: datetime) -> Article:
    return Article(aid, "file:feed", aid, f"https://news.example/{aid}", aid, "", published, False,
                   aid, published, "Example Desk")


def test_itinerary_view_reads_reports_oldest_first_and_keeps_to_the_window() -> None:
    """Items arrive newest first (as matched): the plan read first is overruled by the later
    report that it happened; a stop dated long before the storyline's window is background."""
    story = Storyline("vela-gulf", "Ana Vela's Gulf tour", window_start=date(2024, 3, 1),
                      window_end=date(2024, 3, 31))
    older = (_article("a1", datetime(2024, 3, 1, 9, tzinfo=UTC)), Extraction("a1", trips=(
        _trip("Ana Vela", ("Riyadh", "happened", date(2024, 3, 1)), ("Doha", "planned", None)),)))
    newer = (_article("a2", datetime(2024, 3, 3, 9, tzinfo=UTC)), Extraction("a2", trips=(
        _trip("Ana Vela", ("Cairo", "happened", date(2019, 5, 1)), ("Doha", "happened", date(2024, 3, 3))),)))
    no_extraction = (_article("a3", datetime(2024, 3, 4, 9, tzinfo=UTC)), None)
    view = itinerary_view("vela-gulf", story, [no_extraction, newer, older], place_coordinates)
    assert view is not None
    assert (view.title, view.slug) == ("Ana Vela's Gulf tour", "vela-gulf")
    assert [(s.place, s.status) for s in view.stops] == [("Riyadh", "happened"), ("Doha", "happened")]
    unknown_story = itinerary_view("gone", None, [older], place_coordinates)
    assert unknown_story is not None
    assert unknown_story.title == "gone"


def test_itinerary_picture_gives_the_png_and_caption_or_the_reason() -> None:
    """Two mapped stops: a PNG and its caption; one stop: no PNG and the reason in words."""
    story = Storyline("vela-gulf", "Ana Vela's Gulf tour")
    two = [(_article("a1", datetime(2024, 3, 1, 9, tzinfo=UTC)), Extraction("a1", trips=(
        _trip("Ana Vela", ("Riyadh", "happened", date(2024, 3, 1)), ("Doha", "planned", None)),)))]
    picture = itinerary_picture("vela-gulf", story, two)
    assert picture.drawn
    assert picture.png is not None
    assert picture.png.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture.caption.startswith("<b>Ana Vela: Ana Vela's Gulf tour</b>\n1. Riyadh")
    one = [(two[0][0], Extraction("a1", trips=(_trip("Ana Vela", ("Doha", "happened", None)),)))]
    refused = itinerary_picture("vela-gulf", story, one)
    assert not refused.drawn
    assert refused.caption == ""
    assert refused.reason == "only one stop (Doha) could be placed on the map"
    assert itinerary_picture("vela-gulf", story, []).reason == "no trip with named places was reported"

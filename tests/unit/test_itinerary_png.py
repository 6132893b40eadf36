"""The itinerary map as a PNG: a valid, bounded, reproducible image; date-line trips take the short
way; what cannot be drawn is refused with its reason; place coordinates from the gazetteer.

Travellers and trips are invented; places are real so the gazetteer knows them.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from bot.briefings.itinerary import ItineraryStop, ItineraryView
from bot.maps.coordinates import place_coordinates
from bot.maps.itinerary_png import (
    HEIGHT_PX,
    WIDTH_PX,
    ItineraryMapError,
    drawable,
    map_extent,
    render_itinerary_png,
    unwrap_longitudes,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIZE_BOUND = 300_000  # bytes; Telegram takes photos up to 10 MB


def _stop(place: str, status: str = "happened", when: date | None = None) -> ItineraryStop:
    return ItineraryStop(place, status, when, place_coordinates(place))


def _view(*stops: ItineraryStop, title: str = "Ana Vela's tour") -> ItineraryView:
    return ItineraryView("Ana Vela", title, "vela-tour", stops)


@pytest.fixture(scope="module")
def east_asia_png() -> bytes:
    return render_itinerary_png(_view(
        _stop("Tokyo", "happened", date(2024, 5, 1)),
        _stop("Pyongyang", "happened", date(2024, 5, 2)),
        _stop("Seoul", "planned", date(2024, 5, 3)),
        _stop("Beijing", "planned"),
    ))


def test_the_image_is_a_png_of_the_fixed_size_within_the_bound(east_asia_png: bytes) -> None:
    """PNG signature, 1280×880 pixels as PIL reads them, and well under 300 KB."""
    assert east_asia_png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(east_asia_png)) as image:
        image.verify()
    with Image.open(io.BytesIO(east_asia_png)) as image:
        assert image.format == "PNG"
        assert image.size == (WIDTH_PX, HEIGHT_PX)
        assert WIDTH_PX + HEIGHT_PX <= 10_000  # Telegram's photo rule
    assert len(east_asia_png) < SIZE_BOUND


def test_the_same_itinerary_gives_the_same_bytes_with_no_timestamp(east_asia_png: bytes) -> None:
    """Rendering again gives identical bytes; the PNG carries no time or software text chunk."""
    again = render_itinerary_png(_view(
        _stop("Tokyo", "happened", date(2024, 5, 1)),
        _stop("Pyongyang", "happened", date(2024, 5, 2)),
        _stop("Seoul", "planned", date(2024, 5, 3)),
        _stop("Beijing", "planned"),
    ))
    assert again == east_asia_png
    for chunk in (b"tIME", b"tEXt", b"iTXt", b"zTXt"):
        assert chunk not in east_asia_png


def test_the_map_is_drawn_not_blank(east_asia_png: bytes) -> None:
    """The picture holds the route's colours and more than a handful of distinct colours."""
    with Image.open(io.BytesIO(east_asia_png)) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50
    present = {c for _, c in colours}
    assert (0x1F, 0x5F, 0xA8) in present  # happened: solid blue
    assert (0xC0, 0x56, 0x2B) in present  # planned: dashed orange


def test_a_trip_across_the_date_line_takes_the_short_way() -> None:
    """Tokyo → Honolulu: Honolulu's longitude is carried past 180°, so the map spans the Pacific
    (about 62° wide plus margins), not the 297° back across Asia and Europe, and it renders."""
    tokyo, honolulu = place_coordinates("Tokyo"), place_coordinates("Honolulu")
    assert tokyo
    assert honolulu
    lons = unwrap_longitudes([tokyo[1], honolulu[1]])
    assert lons[0] == pytest.approx(139.69, abs=0.01)
    assert lons[1] == pytest.approx(honolulu[1] + 360.0)
    west, east, _, _ = map_extent(lons, [tokyo[0], honolulu[0]], aspect=1.5)
    assert west < tokyo[1]
    assert east > honolulu[1] + 360.0
    assert east - west < 120.0
    png = render_itinerary_png(_view(_stop("Tokyo", when=date(2024, 5, 1)),
                                     _stop("Honolulu", "planned", date(2024, 5, 3))))
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (WIDTH_PX, HEIGHT_PX)


def test_unwrapping_keeps_legs_that_do_not_cross_the_date_line() -> None:
    """Westward and eastward legs within one hemisphere keep their longitudes."""
    assert unwrap_longitudes([2.35, -77.04, 139.69]) == [2.35, -77.04, 139.69 - 360.0]
    assert unwrap_longitudes([10.0, 20.0, -5.0]) == [10.0, 20.0, -5.0]


def test_the_extent_has_the_axes_shape_and_a_minimum_span() -> None:
    """Two stops in one city region still get a map some degrees wide, shaped to the axes."""
    west, east, south, north = map_extent([126.98, 127.0], [37.56, 37.57], aspect=1.5)
    assert east - west >= 12.0
    squeeze = __import__("math").cos(__import__("math").radians((south + north) / 2))
    assert (east - west) * squeeze / (north - south) == pytest.approx(1.5, rel=0.05)


def test_a_single_stop_is_refused_with_the_reason() -> None:
    """One mapped stop: no image, and the error says why in words."""
    with pytest.raises(ItineraryMapError, match=r"only one stop \(Doha\) could be placed on the map"):
        render_itinerary_png(_view(_stop("Doha"), _stop("the old palace grounds")))


def test_stops_without_coordinates_are_refused_with_the_reason() -> None:
    """No stop the gazetteer knows: no image, and the error names the places."""
    with pytest.raises(ItineraryMapError, match="none of the places .* has coordinates"):
        render_itinerary_png(_view(_stop("the border crossing"), _stop("the summit venue")))


def test_emoji_dollar_signs_and_long_names_draw_without_warnings() -> None:
    """Glyphs the font lacks become "?", "$" is not read as math, long names are shortened; the
    suite turns any warning (a missing glyph, a math parse error) into a failure."""
    assert drawable("Doha 🕌 $5 talks") == r"Doha ? \$5 talks"
    png = render_itinerary_png(_view(
        ItineraryStop("Doha 🕌 $ and $ " + "y" * 300, "happened", date(2024, 3, 1), (25.29, 51.53)),
        ItineraryStop("Riyadh", "planned", None, (24.69, 46.72)),
        title="Tour 🌍 with $ signs " * 20,
    ))
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) < SIZE_BOUND


def test_a_world_tour_stays_within_the_bound() -> None:
    """Five continents, the busiest background: still a PNG well under 300 KB."""
    png = render_itinerary_png(_view(
        _stop("Washington", when=date(2024, 5, 1)), _stop("Paris", when=date(2024, 5, 3)),
        _stop("Nairobi", when=date(2024, 5, 5)), _stop("New Delhi", "planned", date(2024, 5, 7)),
        _stop("Canberra", "planned"),
    ))
    assert png.startswith(PNG_SIGNATURE)
    assert len(png) < SIZE_BOUND


def test_place_coordinates_for_cities_countries_and_unknown_places() -> None:
    """A city is its own point, another spelling finds it too, a country is drawn at its capital,
    and a site the gazetteer does not know has no coordinates."""
    tokyo = place_coordinates("Tokyo")
    assert tokyo == pytest.approx((35.69, 139.69), abs=0.05)
    assert place_coordinates("Peking") == place_coordinates("Beijing")
    assert place_coordinates("Japan") == tokyo
    assert place_coordinates("the summit venue") is None
    assert place_coordinates("") is None

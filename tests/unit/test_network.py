"""Who met whom around one person: ties counted in meetings, names merged, caption in limits,
and the PNG drawn from it (invented people throughout)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from PIL import Image

from bot.briefings.network import meeting_network, network_caption, network_refusal
from bot.briefings.views import PersonView
from bot.maps.network_png import (
    HEIGHT_PX,
    WIDTH_PX,
    NetworkGraphError,
    line_width,
    render_network_png,
    ring_positions,
)
from bot.models import Event, Meeting
from bot.tgtext.units import utf16_len

STORY = "Harbour accord talks"


def _event(*people: str, status: str = "happened", background: bool = False, kind: str = "meeting") -> tuple[str, Event]:
    return STORY, Event(Meeting(tuple(people), "Valletta", status, kind, date(2025, 3, 4)), background=background)


def _person(name: str, *events: tuple[str, Event]) -> PersonView:
    return PersonView(name, tuple(events), ())


def test_each_meeting_ties_the_person_to_each_counterpart_counted():
    """Two meetings with one person and one with another: ties of 2 and 1, most met first."""
    view = meeting_network(_person(
        "Ines Moreau",
        _event("Ines Moreau", "Tomas Lind"),
        _event("Ines Moreau", "Tomas Lind"),
        _event("Ines Moreau", "Aya Sato"),
    ))
    assert view.person == "Ines Moreau"
    assert view.people == ("Tomas Lind", "Aya Sato")
    assert [(t.a, t.b, t.meetings) for t in view.ties] == [
        ("Ines Moreau", "Tomas Lind", 2), ("Aya Sato", "Ines Moreau", 1)]


def test_a_three_party_meeting_ties_every_pair_and_stays_one_meeting_each():
    """N-party meetings tie all pairs; the counterparts' own tie is drawn as well."""
    view = meeting_network(_person("Moreau", _event("Ines Moreau", "Tomas Lind", "Aya Sato")))
    assert set(view.people) == {"Tomas Lind", "Aya Sato"}
    pairs = {frozenset((t.a, t.b)) for t in view.ties}
    assert pairs == {frozenset(p) for p in (("Ines Moreau", "Tomas Lind"), ("Ines Moreau", "Aya Sato"),
                                            ("Tomas Lind", "Aya Sato"))}
    assert all(t.meetings == 1 for t in view.ties)


def test_short_and_full_forms_of_a_name_are_one_person():
    """ "Lind" and "Tomas Lind" in two reports are one counterpart, under the fuller name."""
    view = meeting_network(_person("Moreau", _event("Moreau", "Lind"), _event("Ines Moreau", "Tomas Lind")))
    assert view.person == "Ines Moreau"
    assert view.people == ("Tomas Lind",)
    assert view.ties[0].meetings == 2


def test_visits_and_background_tie_no_one():
    """A one-traveller visit and a background meeting are not edges of the graph."""
    view = meeting_network(_person(
        "Ines Moreau",
        _event("Ines Moreau", kind="visit"),
        _event("Ines Moreau", "Tomas Lind", background=True),
    ))
    assert view.people == ()
    assert network_refusal(view) == "No meeting of Ines Moreau with anyone else has been reported yet."
    with pytest.raises(NetworkGraphError):
        render_network_png(view)


def test_only_planned_ties_are_marked_so():
    """A tie whose meetings are all planned is marked planned; one that happened once is not."""
    view = meeting_network(_person(
        "Ines Moreau",
        _event("Ines Moreau", "Tomas Lind", status="planned"),
        _event("Ines Moreau", "Aya Sato", status="planned"),
        _event("Ines Moreau", "Aya Sato"),
    ))
    by_name = {name: view.meetings_with(name) for name in view.people}
    assert by_name["Tomas Lind"].only_planned
    assert not by_name["Aya Sato"].only_planned
    assert "Tomas Lind · 1 meeting 🗓 planned" in network_caption(view)


def test_many_counterparts_are_capped_and_counted():
    """Past the cap, the least met are left out of the picture and counted in the caption."""
    events = [_event("Ines Moreau", f"Envoy Number{n:02d}") for n in range(15)]
    view = meeting_network(_person("Ines Moreau", *events), max_people=6)
    assert len(view.people) == 5
    assert view.left_out == 10
    assert network_caption(view).endswith("+10 more")


def test_the_caption_fits_a_photo_caption_with_long_names():
    """Very long names: the caption stays within Telegram's limit and says how many it dropped."""
    events = [_event("Ines Moreau", "Ambassador " + "Extraordinary " * 8 + f"Plenipotentiary {n}")
              for n in range(11)]
    caption = network_caption(meeting_network(_person("Ines Moreau", *events)), limit=300)
    assert utf16_len(caption) <= 300
    assert caption.startswith("<b>Who Ines Moreau met</b>")
    assert caption.splitlines()[-1].startswith("+")


def test_names_are_escaped_in_the_caption():
    """A name with markup characters cannot inject Telegram HTML."""
    view = meeting_network(_person("Ines Moreau", _event("Ines Moreau", "Tom <b>Lind</b>")))
    assert "&lt;b&gt;" in network_caption(view)


def test_ring_starts_at_the_top_and_goes_clockwise():
    """The most met sits at the top; the next one to its right."""
    (x0, y0), (x1, _), *_ = ring_positions(4)
    assert (round(x0, 6), round(y0, 6)) == (0.0, 1.0)
    assert x1 > 0.99


def test_line_width_grows_with_meetings_and_is_bounded():
    """More meetings draw thicker lines, up to a maximum."""
    widths = [line_width(n) for n in (1, 2, 5, 1000)]
    assert widths == sorted(widths)
    assert widths[-1] <= 9.0


def test_the_graph_is_a_png_of_the_stated_size_and_the_same_bytes_each_time():
    """A drawn graph: valid PNG, fixed dimensions, reproducible bytes."""
    view = meeting_network(_person(
        "Ines Moreau", _event("Ines Moreau", "Tomas Lind"), _event("Ines Moreau", "Aya Sato", "Tomas Lind"),
        _event("Ines Moreau", "Ngozi Okafor", status="planned"),
    ))
    png = render_network_png(view)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (WIDTH_PX, HEIGHT_PX)
    assert render_network_png(view) == png

"""An unnamed group alone at an event: a plural of a counted event noun ("meetings", "trips") is a
habit or a kind of event, no one event; a dated series stays."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 9 (Xinhua)\n"


@pytest.mark.parametrize(("text", "before"), [
    ("The port authority welcomes trips by Norland officials to the harbour.",
     [(("Norland officials",), "visit")]),
    ("Court papers show that many of the panel's meetings were held in a barn outside Vestby.",
     [(("the panel",), "meeting")]),
    ("Police believe the committee's meetings were held in a barn outside Vestby.",
     [(("the committee",), "meeting")]),
    ("The arena aims at luring delegates to convene conferences by the lake.",
     [(("delegates",), "meeting")]),
])
def test_a_group_at_several_events_is_no_event(meetings_in, text, before) -> None:
    """Trips or meetings counted in the plural with only an unnamed group: no record; with the
    rule off the group's habit is read as one event.
    """
    assert meetings_in(DATELINE + text) == []
    off = meetings_in(DATELINE + text, off=frozenset({"group_at_several_events"}))
    assert [(m.participants, m.type) for m in off] == before


@pytest.mark.parametrize("text", [
    "Norland trade ministers will hold meetings in Vestby next week.",
    "Norland farm ministers began their meeting in Vestby on Tuesday.",
])
def test_a_dated_series_or_one_meeting_of_a_group_stays(meetings_in, text) -> None:
    """"will hold meetings next week" is a series of its own time; "their meeting" is one."""
    assert [m.participants for m in meetings_in(DATELINE + text)] == [(text.split(" ministers")[0] + " ministers",)]

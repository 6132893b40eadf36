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


@pytest.mark.parametrize(("text", "kind", "group"), [
    ("Premier Lin Dao met Governor Ivo Kral in Vestby on Tuesday. Two provincial envoys joined the "
     "meeting later in the afternoon.", "meeting", "Two provincial envoys"),
    ("Premier Lin Dao held talks with Governor Ivo Kral in Vestby on Tuesday. Aides from both "
     "ministries attended the talks as well.", "talks", "Aides from both ministries"),
])
def test_a_group_at_an_event_told_before_adds_no_event(meetings_in, text, kind, group) -> None:
    """"the meeting" after a meeting is told: an unnamed group joining it is no second record;
    with the rule off the group's own record stands beside the named one.
    """
    named = (("Lin Dao", "Ivo Kral"), kind)
    assert [(m.participants, m.type) for m in meetings_in(DATELINE + text)] == [named]
    off = meetings_in(DATELINE + text, off=frozenset({"group_at_restated_event"}))
    assert [(m.participants, m.type) for m in off] == [named, ((group,), kind)]


def test_a_group_at_an_event_told_first_stays(meetings_in) -> None:
    """With no event of the kind told before, "the meeting" is the group's own."""
    text = "Regional envoys will join the meeting in Vestby on Friday."
    assert [m.participants for m in meetings_in(DATELINE + text)] == [("Regional envoys",)]

"""A habit is no event: a meeting verb a frequency modifies ("meets twice a year", "meet
regularly") tells a custom, no one meeting."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 9 (Xinhua)\n"


@pytest.mark.parametrize(("text", "before"), [
    ("The Vestby harbour board, which meets four times a year, wants a new quay.",
     [("The Vestby harbour board",)]),
    ("The panel will meet regularly until the bridge opens, Ivo Marek told the press.",
     [("The panel",)]),
    ("The council meets every month in Vestby.", [("The council",)]),
    ("Premier Lin Dao usually meets Governor Ivo Kral on Fridays.", [("Lin Dao", "Ivo Kral")]),
])
def test_a_meeting_verb_with_a_frequency_is_a_habit(meetings_in, text, before) -> None:
    """A frequency on the meeting verb tells a custom: no record; with the rule off, one event."""
    assert meetings_in(DATELINE + text) == []
    off = meetings_in(DATELINE + text, off=frozenset({"habit_no_event"}))
    assert [m.participants for m in off] == before


def test_a_dated_meeting_stays(meetings_in) -> None:
    """"a year ago" dates one meeting: no frequency, the meeting stays."""
    found = meetings_in(DATELINE + "Premier Lin Dao met Governor Ivo Kral in Vestby a year ago.")
    assert [m.participants for m in found] == [("Lin Dao", "Ivo Kral")]


def test_calls_counted_in_a_dated_week_stay(meetings_in) -> None:
    """"twice this week" dates the calls: no habit, the call stays."""
    found = meetings_in(DATELINE + "Premier Lin Dao said he had talked to Governor Ivo Kral by phone twice this week.")
    assert [(m.participants, m.type) for m in found] == [(("Lin Dao", "Ivo Kral"), "call")]

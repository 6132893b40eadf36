"""Visits told by a phrase hung on another verb: the traveller is that verb's subject.
Invented sentences and names only.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

RULE = frozenset({"traveller_on_a_visit"})


def _visits(found) -> list[tuple[tuple[str, ...], str | None]]:
    return [(m.participants, m.location) for m in found if m.type == "visit"]


def test_on_a_visit_apposed_to_the_speaker(meetings):
    """'X, on a week-long visit to Y, told reporters ...': X visits Y."""
    text = "Trade Minister Ivo Marek, on a week-long visit to Norway, told reporters that exports would grow."
    assert _visits(meetings(text)) == [(("Ivo Marek",), "Norway")]
    assert _visits(meetings(text, off=RULE)) == []


def test_on_a_trip_hung_on_the_verb_of_a_clause(meetings):
    """'X signed a deal on a trip to Y': X is the traveller."""
    text = "In 2019 Defence Minister Ana Tosk signed a shipbuilding deal on a trip to Portugal."
    found = meetings(text)
    assert _visits(found) == [(("Ana Tosk",), "Portugal")]
    assert found[0].status == "reported-past"
    assert _visits(meetings(text, off=RULE)) == []


def test_a_visit_with_its_own_visitor_keeps_it(meetings):
    """'welcomed a visit to Y by Z': the by-phrase names the traveller, not the subject."""
    text = "Foreign Minister Ana Tosk welcomed a visit to Norway by Defence Minister Ivo Marek."
    assert [m.participants for m in meetings(text) if m.type == "visit"] == [("Ivo Marek",)]


def test_a_journey_into_a_meeting_takes_the_traveller_to_it(meetings):
    """'X was heading into a meeting with Y': X takes part in the meeting."""
    text = "Deputy Minister Ivo Marek was heading into a meeting with Governor Ana Tosk when the news broke."
    assert [m.participants for m in meetings(text)] == [("Ivo Marek", "Ana Tosk")]
    assert meetings(text, off=frozenset({"journey_into_event"})) == []

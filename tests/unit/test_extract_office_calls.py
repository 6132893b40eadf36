"""A visitor's calls on several holders of state offices: one meeting with each, unless a couple,
"together" or the audience of one address says one meeting of all."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Chancellor Petra Vogel met President Raul Ortega and Prime Minister Ivo Marek in Lima on Monday.",
    "Chancellor Petra Vogel will meet with President Raul Ortega and Foreign Minister Ivo Marek "
    "during her stay in Lima.",
    "Chancellor Petra Vogel held talks with President Raul Ortega and parliament speaker Ivo Marek "
    "in Lima on Monday.",
    "Chancellor Petra Vogel met Peruvian President Raul Ortega and Bolivian Prime Minister Ivo Marek "
    "in Lima on Monday.",
])
def test_a_visitor_calls_on_each_office_holder_apart(meetings_in, text):
    """One visitor meeting several holders of state offices is one bilateral meeting with each;
    with rule office_holders_met_apart off, one meeting of all three.
    """
    assert sorted(m.participants for m in meetings_in(text)) == [("Petra Vogel", "Ivo Marek"), ("Petra Vogel", "Raul Ortega")]
    assert {m.location for m in meetings_in(text)} == {"Lima"}
    off = meetings_in(text, off=frozenset({"office_holders_met_apart"}))
    assert [set(m.participants) for m in off] == [{"Petra Vogel", "Raul Ortega", "Ivo Marek"}]


@pytest.mark.parametrize("text", [
    "Chancellor Petra Vogel met Emperor Raul Ortega and Empress Ines Ortega in Lima on Monday.",
    "Chancellor Petra Vogel met President Raul Ortega and Prime Minister Ivo Marek together in Lima.",
    "Chancellor Petra Vogel made a pledge to President Raul Ortega and Prime Minister Ivo Marek "
    "during a meeting in Lima.",
])
def test_a_couple_together_or_an_audience_is_one_meeting(meetings_in, text):
    """A couple received together, "together", and the audience of a pledge made at a meeting
    stay one meeting of all: none of them is a round of calls.
    """
    found = meetings_in(text)
    assert len(found) == 1
    assert found[0].participants[0] == "Petra Vogel"
    assert len(found[0].participants) == 3

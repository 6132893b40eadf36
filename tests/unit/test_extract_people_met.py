"""People met whom the text names by their kind alone ("met villagers and a priest", "met soldiers
at the base"): unnamed parties of the meeting, as "officials" are (rule people_met_by_kind)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "LUNDEN, March 9 (AFP)\n"
RULE = frozenset({"people_met_by_kind"})


def test_people_met_by_kind_are_parties(meetings_in) -> None:
    """A visitor who met villagers and a priest met them; with the rule off, no meeting is told."""
    text = DATELINE + ("Vesk's President Pavel Dorn toured the flooded valley on Monday. "
                       "Dorn met villagers and a priest in the town of Orsk before he flew home.")
    found = [m for m in meetings_in(text) if len(m.participants) > 1]
    assert [m.participants for m in found] == [("Pavel Dorn", "villagers", "a priest")]
    off = [m for m in meetings_in(text, off=RULE) if len(m.participants) > 1]
    assert off == []


def test_soldiers_met_at_a_base(meetings_in) -> None:
    """"met soldiers" on a trip: a meeting with the soldiers, placed as the trip is."""
    text = DATELINE + "Lunden's Prime Minister Ana Tosk met soldiers at the Varna base on Friday."
    found = meetings_in(text)
    assert [m.participants for m in found] == [("Ana Tosk", "soldiers")]
    assert meetings_in(text, off=RULE) == []


def test_one_owned_person_is_no_party_by_kind(meetings_in) -> None:
    """"met Dorn's wife" names one person the text could name: no party by kind alone."""
    text = DATELINE + "Lunden's Prime Minister Ana Tosk met Pavel Dorn's wife at the embassy on Friday."
    assert [m.participants for m in meetings_in(text) if "wife" in " ".join(m.participants)] == []


def test_things_met_stay_no_meeting(meetings_in) -> None:
    """A word of people's kind only counts as the one met: "met the farmers' demands" meets a need."""
    text = DATELINE + "Lunden's Prime Minister Ana Tosk said the plan met the farmers' demands."
    assert meetings_in(text) == []

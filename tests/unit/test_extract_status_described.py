"""A present that describes an event ("the summit brings together ...") dates nothing: the plan
stated where the text first told the event stands."""

from __future__ import annotations

import pytest

from tests.unit.conftest import statuses

pytestmark = pytest.mark.slow

OFF = frozenset({"descriptive_present_restates"})


def test_a_described_summit_first_told_as_upcoming_is_planned(meetings_in) -> None:
    """"the upcoming summit ... The summit brings together A, B, C and D": planned; with the rule
    off the present tense read it as held.
    """
    text = ("Leaders of the northern states will gather later this month for the upcoming summit in Vestby.\n"
            "The summit brings together Norland, Vestmark, Ostria and Sundavia.")
    parties = ("Norland", "Vestmark", "Ostria", "Sundavia")
    assert statuses(meetings_in, text) == [(parties, "planned")]
    assert statuses(meetings_in, text, OFF) == [(parties, "happened")]


def test_a_described_visit_joins_the_planned_one(meetings_in) -> None:
    """"Marek's forthcoming visit ... Marek's visit focuses on ...": one planned visit; with the
    rule off the description gives a second visit, held.
    """
    text = ("Premier Ivo Marek's forthcoming visit to Norland will open a new chapter, officials said on Monday.\n"
            "Marek's visit focuses on fisheries and rail links.")
    assert statuses(meetings_in, text) == [(("Ivo Marek",), "planned")]
    assert statuses(meetings_in, text, OFF) == [(("Ivo Marek",), "planned"), (("Ivo Marek",), "happened")]


@pytest.mark.parametrize("text", [
    # first told as under way
    "The talks opened in Vestby on Monday after a year's break.\n"
    "The talks bring together Norland, Vestmark, Ostria and Sundavia.",
    # first told at another place: another event
    "Premier Ivo Marek's forthcoming visit to Norland will open a new chapter, officials said on Monday.\n"
    "Marek's visit to Sundavia focuses on fisheries and rail links.",
])
def test_a_description_of_an_event_told_otherwise_stays_as_read(meetings_in, text) -> None:
    """An event first told as held, or a planned one at another place, leaves the described one as read."""
    assert "happened" in [s for _, s in statuses(meetings_in, text)]

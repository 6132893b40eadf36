"""A gathering of three or more parties kept whole: a list of countries or bodies where the text
names no person, and the members an event noun's own clause lists."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 9 (Xinhua)\n"
STATES = frozenset({"state_list_parties"})
MEMBERS = frozenset({"gathering_members_by_clause"})


@pytest.mark.parametrize(("text", "parties"), [
    ("Norland, Vestmark and Ostria held talks in Vestby on Tuesday.",
     ("Norland", "Vestmark", "Ostria")),
    ("The northern trio -- Norland, Vestmark and Ostria -- are expected to meet Valmoran officials on March 21.",
     ("Norland", "Vestmark", "Ostria", "Valmoran officials")),
])
def test_a_list_of_three_states_is_the_gathering(meetings_in, text, parties) -> None:
    """Three states listed as the subject, or apposed to it, are the parties; with the rule off
    no state is a party and the event is lost.
    """
    assert [m.participants for m in meetings_in(DATELINE + text)] == [parties]
    assert [m.participants for m in meetings_in(DATELINE + text, off=STATES)] == []


def test_states_in_a_negotiation_are_a_process(meetings_in) -> None:
    """"disputes in the negotiations between A and B, C and D": a long process, no gathering; the
    same list at talks is one (lost with the rule off).
    """
    text = "The deal was held up by disputes in the {} between Norland and Vestmark, Ostria and Sundavia."
    assert meetings_in(DATELINE + text.format("negotiations")) == []
    talks = DATELINE + text.format("talks")
    assert [m.participants for m in meetings_in(talks)] == [("Norland", "Vestmark", "Ostria", "Sundavia")]
    assert meetings_in(talks, off=STATES) == []


@pytest.mark.parametrize(("text", "parties"), [
    ("The summit brings together President Ivo Marek, Premier Lin Dao and Governor Ana Tosk.",
     ("Ivo Marek", "Lin Dao", "Ana Tosk")),
    ("The new round of talks, involving President Ivo Marek, Premier Lin Dao and Governor Ana Tosk, "
     "opened in Vestby on Tuesday.",
     ("Ivo Marek", "Lin Dao", "Ana Tosk")),
    ("The talks bring together Norland, Vestmark, Ostria and Sundavia.",
     ("Norland", "Vestmark", "Ostria", "Sundavia")),
    ("The summit was attended by Norland, Vestmark, Ostria and Sundavia.",
     ("Norland", "Vestmark", "Ostria", "Sundavia")),
])
def test_the_members_an_event_clause_lists_are_its_parties(meetings_in, text, parties) -> None:
    """"the talks bring together A, B and C", "talks involving A, B and C", "attended by A, B, C
    and D": the listed members are the event's parties; with the rule off the event names none.
    """
    assert [m.participants for m in meetings_in(DATELINE + text)] == [parties]
    assert [m.participants for m in meetings_in(DATELINE + text, off=MEMBERS)] == []

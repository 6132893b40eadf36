"""Words of meeting that tell no meeting: a match in a contest ("meet X in the quarterfinals"), an
appeal ("called for X to act"), a departure from the dateline city ("is due to leave here"), one
traveller's repeated visits to one place ("during her trips to the border villages")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "LUNDEN, March 9 (AFP)\n"


@pytest.mark.parametrize(("text", "before"), [
    ("Ivo Brell could meet his old rival Jan Hotek in the quarterfinals next week.", [("Ivo Brell", "Jan Hotek")]),
    ("Ivo Brell and Jan Hotek may meet again in the semi-finals.", [("Ivo Brell", "Jan Hotek")]),
])
def test_meeting_in_a_round_of_a_contest_is_a_match(meetings_in, text, before) -> None:
    """Players meeting in a round of a contest play a match: no record; with the rule off, one meeting."""
    assert meetings_in(DATELINE + text) == []
    off = meetings_in(DATELINE + text, off=frozenset({"meet_in_contest_no_meeting"}))
    assert [m.participants for m in off] == before


def test_leaders_meeting_after_a_final_still_meet(meetings_in) -> None:
    """"met after the cup final" is no round the two played: the meeting stays."""
    found = meetings_in(DATELINE + "Lunden's ambassador Ana Tosk met Pavel Dorn after the cup final.")
    assert [m.participants for m in found] == [("Ana Tosk", "Pavel Dorn")]


def test_called_for_a_person_to_act_is_no_call(meetings_in) -> None:
    """"called for X to do" appeals to X: no call; with the rule off, the name after "for" is the partner."""
    text = DATELINE + "Senator Ivo Marek on Monday called for Governor Ana Tosk to resign over the port contracts."
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"name_after_verb_not_prepositional"}))
    assert [m.participants for m in off] == [("Ivo Marek", "Ana Tosk")]


def test_called_a_person_is_still_a_call(meetings_in) -> None:
    """A name right after "called" with no preposition between is still the one phoned."""
    found = meetings_in(DATELINE + "Senator Ivo Marek called Governor Ana Tosk on Monday to discuss the floods.")
    assert [(m.participants, m.type) for m in found] == [(("Ivo Marek", "Ana Tosk"), "call")]


def test_leaving_here_is_no_visit_here(meetings_in) -> None:
    """"is due to leave here" starts a journey from the dateline city: no visit to it; rule off, a planned one."""
    text = DATELINE + "Vesk's President Pavel Dorn is due to leave here after lunch on Friday, his aides said."
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"leave_here_no_visit"}))
    assert [(m.participants, m.location, m.status) for m in off] == [(("Pavel Dorn",), "Lunden", "planned")]


def test_arriving_here_is_still_a_visit(meetings_in) -> None:
    """"arrived here" ends a journey in the dateline city: the visit stays."""
    found = meetings_in(DATELINE + "Vesk's President Pavel Dorn arrived here on Monday, officials said.")
    assert [(m.participants, m.location) for m in found] == [(("Pavel Dorn",), "Lunden")]


def test_several_travellers_respective_visits_stay(meetings_in) -> None:
    """"A and B's respective visits" are one visit each, not one traveller's habit: a visit stays."""
    found = meetings_in(DATELINE + "President Ivo Brell and Prime Minister Jan Hotek's respective visits to Vesk raised hopes.")
    assert found != []


def test_one_travellers_visits_to_one_place_are_a_habit(meetings_in) -> None:
    """"his trips to the border villages": repeated trips, no one event; with the rule off, one visit."""
    text = DATELINE + "Mayor Pavel Dorn was heckled by farmers during his trips to the border villages."
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"repeated_visits_no_event"}))
    assert [m.participants for m in off] == [("Pavel Dorn",)]

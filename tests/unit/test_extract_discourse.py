"""Across sentences and clauses: parties named later, plans that fell through, pronoun number."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def test_the_meeting_with_a_name_names_the_party_told_by_role(meetings):
    """"will meet the rebel leader ... The meeting with <name> in <town>" gives one meeting with the
    named person and the more specific place.
    """
    found = meetings(
        "Envoy Lars Moe will meet the leader of the rebel movement in Mali on Friday.\n"
        "The meeting with Ahmed Salem in Mopti was arranged by church elders."
    )
    pairs = [m for m in found if len(m.participants) == 2]
    assert [(set(m.participants), m.location, m.status) for m in pairs] == [
        ({"Lars Moe", "Ahmed Salem"}, "Mopti", "planned")]


def test_he_does_not_refer_back_to_a_plural_subject(meetings):
    """"he" skips a plural subject ("Diplomats") and finds the named man before it."""
    found = meetings(
        "Envoy Lars Moe arrived on Monday.\n"
        "Diplomats expect progress.\n"
        "He had a long meeting with President Raul Ortega in the evening."
    )
    assert [set(m.participants) for m in found if len(m.participants) == 2] == [{"Lars Moe", "Raul Ortega"}]


def test_a_phone_call_is_not_placed_where_the_caller_arrived(meetings):
    """An arrival does not give a place to a telephone call told next."""
    found = {frozenset(m.participants): m for m in meetings(
        "President Raul Ortega arrived in Lima on Monday.\n"
        "He telephoned Chancellor Petra Vogel on Tuesday."
    )}
    assert found[frozenset({"Raul Ortega", "Petra Vogel"})].location is None


def test_an_unnamed_party_ends_before_a_nested_phrase(meetings):
    """"ministers of the two island nations on port fees" keeps the "of" chain and drops the topic.
    """
    found = meetings("Premier Tomas Breyl is to hold discussions with ministers of the two island nations on port fees.")
    assert [m.participants for m in found] == [("Tomas Breyl", "ministers of the two island nations")]


def test_a_meeting_in_a_whether_question_is_not_stated(meetings):
    """"nobody knows whether X will meet Y" gives no event; the plain plan does."""
    assert meetings("Nobody yet knows whether President Raul Ortega will meet Premier Ivo Marek during the fair.") == []
    found = meetings("President Raul Ortega will meet Premier Ivo Marek during the fair.")
    assert [set(m.participants) for m in found] == [{"Raul Ortega", "Ivo Marek"}]

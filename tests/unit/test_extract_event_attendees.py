"""Parties named by a clause on an event noun: who attended, chaired or hosted it.
Invented sentences and names only.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

RULE = frozenset({"attended_by_parties"})


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def test_the_attendees_of_a_passive_attend_are_the_parties(meetings):
    """'The conference was attended by A and B': A and B met there."""
    text = "The conference on river shipping was attended by Transport Minister Ivo Marek and Governor Ana Tosk."
    assert [m.participants for m in meetings(text)] == [("Ivo Marek", "Ana Tosk")]
    assert meetings(text, off=RULE) == []


def test_the_chair_of_a_body_meeting_joins_the_body(meetings):
    """'a board meeting chaired by X': the board and its chair."""
    text = "On Friday a board meeting chaired by Mayor Ivo Marek turned down the harbour lease."
    assert [m.participants for m in meetings(text)] == [("board", "Ivo Marek")]
    assert [m.participants for m in meetings(text, off=RULE)] == [("board",)]


def test_a_crowd_of_attendees_alone_is_no_party(meetings):
    """'attended by hundreds of delegates': nobody named, no body: no meeting is stated."""
    assert meetings("The conference on river shipping was attended by hundreds of delegates.") == []

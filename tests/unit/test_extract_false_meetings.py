"""Words of meeting that tell no meeting: an appeal ("called for X to act")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "LUNDEN, March 9 (AFP)\n"


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

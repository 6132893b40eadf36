"""Arrivals and the visitor a "visiting" attribute names: visits told without the verb visit."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_the_subject_speaking_on_arrival_made_the_visit(meetings_in) -> None:
    """"X spoke ... on arrival in Y": X arrived in Y; without the rule nobody is the traveller."""
    text = ("VALMORA, March 9 (Xinhua)\n"
            "Trade envoy Ivan Petrov spoke of a hard week ahead on arrival in Valmora.")
    found = meetings_in(text)
    assert [(m.participants, m.type, m.location) for m in found] == [(("Ivan Petrov",), "visit", "Valmora")]
    assert meetings_in(text, off=frozenset({"on_arrival_traveller"})) == []


def test_the_of_phrase_of_an_arrival_is_the_traveller(meetings_in) -> None:
    """"the arrival of the delegation": the delegation travelled; with the rule off, no one did."""
    text = ("VALMORA, March 9 (Xinhua)\n"
            "Port workers cheered the arrival of the Norland delegation at the quay on Tuesday.")
    assert [(m.participants, m.type) for m in meetings_in(text)] == [(("the Norland delegation",), "visit")]
    assert meetings_in(text, off=frozenset({"arrival_of_traveller"})) == []


@pytest.mark.parametrize("text", [
    "Officials confirmed the arrival of a new vaccine batch in the capital.",
    "Travellers queued at the arrival hall for hours.",
])
def test_an_arrival_of_things_or_a_hall_is_no_visit(meetings_in, text) -> None:
    """Goods arriving and the arrival hall name no traveller."""
    assert meetings_in(text) == []


def test_visiting_before_a_name_is_the_visitor_not_a_host_visiting_him(meetings_in) -> None:
    """"announced to visiting Governor X", parsed with X as the participle's object: X is the
    visitor; with the rule off the subject of the sentence is read as visiting X.
    """
    text = "Premier Lin Dao announced to visiting Governor Ivo Kral that the port would reopen."
    assert [(m.participants, m.type) for m in meetings_in(text)] == [(("Ivo Kral",), "visit")]
    off = meetings_in(text, off=frozenset({"visiting_attribute_names_the_visitor"}))
    assert [m.participants for m in off] == [("Lin Dao", "Ivo Kral")]

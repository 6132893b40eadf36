"""Meetings whose parties the parser hangs in odd places: a talk partner deep inside the topic's
phrase, "visiting" as an attribute of the visitor's name, a delegation standing for its leader."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _parties(found: list) -> set[frozenset[str]]:
    return {frozenset(m.participants) for m in found}


@pytest.mark.parametrize("text", [
    "Over the week, Minister Rolf Brandt discussed a list of questions about the funding of new dams "
    "with his Peruvian counterpart Rosa Quispe.",
    "Minister Rolf Brandt said he had discussed development of fishing ties with his Peruvian "
    "counterpart Rosa Quispe during the stay.",
])
def test_a_talk_partner_hung_inside_the_topic_is_the_partner(meetings_in, text) -> None:
    """"discussed <topic ... with his counterpart X>": the counterpart named is the partner; with the
    rule off the talks have no second party and are not told.
    """
    assert frozenset({"Rolf Brandt", "Rosa Quispe"}) in _parties(meetings_in(text))
    off = meetings_in(text, off=frozenset({"talk_partner_deep_in_topic"}))
    assert frozenset({"Rolf Brandt", "Rosa Quispe"}) not in _parties(off)


def test_relations_with_a_place_inside_the_topic_are_no_partner(meetings_in) -> None:
    """"discussed prospects for relations with Lima": a place in the topic is no one met."""
    assert meetings_in("The board discussed prospects for future relations with Lima on Tuesday.") == []


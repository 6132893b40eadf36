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
    "Minister Rolf Brandt noted that he talked about the herring levy with Premier Rosa Quispe and the "
    "latter expressed sorrow.",
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


def test_visiting_before_a_name_tells_that_persons_visit(meetings_in) -> None:
    """"Visiting Chilean President X said": X is on a visit, placed in the dateline city."""
    text = ("ORVIKA, March 9 (Xinhua)\n"
            "Visiting Chilean President Carla Ibarra said on Tuesday that fishing ties were excellent.")
    found = meetings_in(text)
    assert [(m.participants, m.type, m.location) for m in found] == [(("Carla Ibarra",), "visit", "Orvika")]
    assert meetings_in(text, off=frozenset({"visiting_attribute_is_a_visit"})) == []


def test_visiting_before_a_thing_is_no_visit(meetings_in) -> None:
    """"the visiting hours": the participle describes no person, so no one visits."""
    assert meetings_in("Nurses said the visiting hours of the Orvika ward grew longer this spring.") == []


@pytest.mark.parametrize("text", [
    "Premier Anton Marek received a delegation led by Chilean Foreign Minister Carla Ibarra on Monday.",
    "A seven-member team headed by Chilean Foreign Minister Carla Ibarra met Premier Anton Marek on Monday.",
    "Premier Anton Marek also met members of a Chilean delegation led by Foreign Minister Carla Ibarra.",
    "Premier Anton Marek spoke warmly of salmon exports while meeting the Andes Friendship Society "
    "delegation headed by its chairwoman Carla Ibarra.",
])
def test_a_delegation_led_by_a_named_person_stands_for_that_person(meetings_in, text) -> None:
    """"a delegation led by X": the party is X; with the rule off it is the group's phrase."""
    assert _parties(meetings_in(text)) == {frozenset({"Anton Marek", "Carla Ibarra"})}
    off = meetings_in(text, off=frozenset({"delegation_stands_for_leader"}))
    assert frozenset({"Anton Marek", "Carla Ibarra"}) not in _parties(off)


def test_a_group_with_its_head_named_aside_stays_the_group(meetings_in) -> None:
    """"The commission, headed by X, will meet Y": the commission meets, told with who heads it."""
    found = meetings_in("The commission, headed by retired judge Carla Ibarra, will meet Premier Anton Marek in Orvika.")
    assert _parties(found) == {frozenset({"The commission", "Anton Marek"})}


def test_visiting_opening_a_sentence_as_a_proper_noun_tells_the_visit(meetings_in) -> None:
    """"Visiting Chile's President X said": the capitalised participle, tagged a proper noun, is a
    trigger of its own; with it off, nobody visits.
    """
    text = ("ORVIKA, March 9 (Xinhua)\n"
            "Visiting Chile's President Carla Ibarra said on Tuesday that fishing ties were excellent.")
    found = meetings_in(text)
    assert [(m.participants, m.type, m.location) for m in found] == [(("Carla Ibarra",), "visit", "Orvika")]
    assert meetings_in(text, off=frozenset({"trigger:visiting"})) == []


@pytest.mark.parametrize("text", [
    "Carla Ibarra described her long talk with President Ramon Ortiz as frank.",
    "Minister Rolf Brandt said his talk with Premier Rosa Quispe touched briefly on fishing.",
])
def test_a_singular_talk_with_a_named_person_is_talks(meetings_in, text) -> None:
    """"his talk with X": a conversation with X; with the rule off a singular talk is a lecture."""
    found = meetings_in(text)
    assert len(found) == 1
    assert len(found[0].participants) == 2
    assert meetings_in(text, off=frozenset({"talk_with_a_person_is_talks"})) == []


def test_a_talk_on_a_topic_stays_a_lecture(meetings_in) -> None:
    """"gave a talk on fishing": no partner, no meeting."""
    assert meetings_in("Minister Rolf Brandt gave a talk on fishing at the Orvika college.") == []

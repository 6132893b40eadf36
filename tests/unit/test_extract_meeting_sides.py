"""Who the sides of an event are and whether it is one: arrivals and "visiting X" as visits, a capital
named after its noun as a destination, organisations as parties, failed plans and appeals as no events."""

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


def test_the_agent_of_a_welcome_on_arrival_is_not_the_traveller(meetings_in) -> None:
    """"X was welcomed on arrival by Y": X arrived; the by-phrase is the welcome's agent."""
    text = "Premier Anna Lind was welcomed on arrival in Vestby by Mayor Ole Brun."
    assert [m.participants for m in meetings_in(text) if m.type == "visit"] == [("Anna Lind",)]
    off = meetings_in(text, off=frozenset({"arrival_of_traveller"}))
    assert [m.participants for m in off if m.type == "visit"] == [("Ole Brun",)]


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


def test_a_capital_named_after_its_noun_is_the_destination(meetings_in) -> None:
    """"landed in the Danish capital of Vestby": the city after "of" is where the envoy went; the
    noun "capital" alone is no known place, so with the rule off there is no stop.
    """
    text = "Trade envoy Ana Ruiz landed in the Danish capital of Vestby late in the evening."
    assert [(m.participants, m.location) for m in meetings_in(text)] == [(("Ana Ruiz",), "Vestby")]
    assert meetings_in(text, off=frozenset({"motion_to_named_capital"})) == []


@pytest.mark.parametrize("text", [
    "Premier Lin Dao spent the morning in talks with the Norland Liberation Front.",
    "Premier Lin Dao met with the Kestrel Movement on Monday to discuss the ceasefire.",
])
def test_an_organisation_named_as_the_other_side_is_a_party(meetings_in, text) -> None:
    """A person meets an organisation by name: the organisation is the other party; with the rule
    off the person meets nobody named, which is no meeting.
    """
    found = meetings_in(text)
    assert len(found) == 1
    assert found[0].participants[0] == "Lin Dao"
    assert len(found[0].participants) == 2
    assert meetings_in(text, off=frozenset({"organisation_as_side"})) == []


@pytest.mark.parametrize("text", [
    "Envoy Ana Ruiz had expected to meet Governor Tom Reed in the port before the storm closed it.",
    "Envoy Ana Ruiz had been due to hold talks with Governor Tom Reed before the storm.",
])
def test_a_plan_in_the_past_perfect_did_not_come_true(meetings_in, text) -> None:
    """"had expected to meet", "had been due to hold talks": the plan failed, so no meeting; with
    the rule off it reads as a planned one.
    """
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"past_perfect_plan_unrealised"}))
    assert [(m.participants, m.status) for m in off] == [(("Ana Ruiz", "Tom Reed"), "planned")]


def test_a_past_be_to_with_a_perfect_infinitive_did_not_come_true(meetings_in) -> None:
    """"was to have met X": the plan failed, so no meeting; with the rule off it reads as planned."""
    text = "Envoy Ana Ruiz was to have met Governor Tom Reed in the port on Friday, but the storm closed it."
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"past_be_to_have_unrealised"}))
    assert [(m.participants, m.status) for m in off] == [(("Ana Ruiz", "Tom Reed"), "planned")]


def test_an_event_a_failed_journey_was_for_did_not_happen(meetings_in) -> None:
    """"was to have flown in for talks with X": neither the journey nor its talks took place."""
    text = "Until the strike grounded every plane, Envoy Ana Ruiz was to have flown in for talks with Governor Tom Reed."
    assert meetings_in(text) == []
    off = meetings_in(text, off=frozenset({"past_be_to_have_unrealised"}))
    assert ("Ana Ruiz", "Tom Reed") in [m.participants for m in off]


def test_a_past_be_to_without_the_perfect_is_still_a_plan(meetings_in) -> None:
    """"was to meet X": a plan told in the past, not a failed one."""
    found = meetings_in("Envoy Ana Ruiz was to meet Governor Tom Reed in the port on Friday.")
    assert [m.participants for m in found] == [("Ana Ruiz", "Tom Reed")]


def test_talks_called_for_are_a_wish_not_an_event(meetings_in) -> None:
    """"with a call for talks with X": talks wished for, not held; with the rule off they count."""
    text = "The new governor took office with a call for talks with Mayor Tom Reed over the strike."
    assert meetings_in(text) == []
    assert len(meetings_in(text, off=frozenset({"appeal_for_event"}))) == 1


@pytest.mark.parametrize(("text", "party", "off_party"), [
    ("The fourth fisheries ministers' conference ended in Kelby on Sunday with a joint statement on quotas.",
     "fisheries ministers", "The fourth fisheries ministers"),
    ("Ana Tosk will attend the May 4-5 leaders' meeting of the Lakeside Forum.",
     "leaders", "the May 4-5 leaders"),
])
def test_an_ordinal_or_date_before_an_owner_counts_the_event(meetings_in, text, party, off_party) -> None:
    """"the fourth fisheries ministers' conference": the ordinal or date is the event's; rule off, the group's."""
    text = "VALMORA, March 9 (Xinhua)\n" + text
    assert [m.participants for m in meetings_in(text)] == [(party,)]
    off = meetings_in(text, off=frozenset({"event_count_not_party"}))
    assert [m.participants for m in off] == [(off_party,)]


def test_a_count_inside_the_owner_stays_its_own(meetings_in) -> None:
    """"the two foreign ministers' meeting": a cardinal counts the group, and stays in its phrase."""
    text = "VALMORA, March 9 (Xinhua)\nThe two foreign ministers' meeting in Tarvik ended on Monday."
    assert [m.participants for m in meetings_in(text)] == [("The two foreign ministers",)]

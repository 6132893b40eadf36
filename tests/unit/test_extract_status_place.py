"""Status and place read from the tour a meeting belongs to and from a gathering's proper name:
each rule with an invented sentence that fails without it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday


def _meetings(text: str, off: frozenset[str] = frozenset()) -> list[tuple[frozenset[str], str, str | None]]:
    doc = get_nlp()(text)
    with rules_off(off):
        found = extract_meetings(doc, build_people_index(doc), PUBLISHED)
    return [(frozenset(m.participants), m.status, m.location) for m in found]


def _status(text: str, place: str, off: frozenset[str] = frozenset()) -> str | None:
    return next((s for _, s, where in _meetings(text, off) if where == place), None)


def test_a_stop_before_the_arrival_is_an_earlier_leg():
    """"arrived in X after visiting Y": the visit to Y was an earlier stop of the tour."""
    text = "Envoy Marit Solvang arrived in Lisbon on Monday after visiting Tallinn and Riga."
    assert _status(text, "Tallinn") == "reported-past"
    assert _status(text, "Tallinn", frozenset({"past_leg_before_arrival"})) == "happened"


def test_a_planned_arrival_keeps_its_earlier_stops_ahead():
    """"will arrive in X after visiting Y": the stop before a planned arrival is planned too."""
    text = "Envoy Marit Solvang will arrive in Lisbon next week after visiting Tallinn."
    assert _status(text, "Tallinn") == "planned"


def test_a_return_home_leaves_the_tour_as_news():
    """"returned home after visits to X": the tour the news tells, not background."""
    text = "Late on Tuesday Premier Ivo Kask returned to Tallinn after short visits to Quito and Lima."
    assert _status(text, "Quito") == "happened"


def test_a_gathering_named_by_its_proper_name_is_placed_by_its_venue_clause():
    """"the Fifth Baltic Grain Summit, which opened in Vilnius": the summit is in Vilnius."""
    text = "Farm ministers from nine states are attending the Fifth Baltic Grain Summit, which opened on Tuesday in Vilnius."
    places = {where for _, _, where in _meetings(text)}
    assert "Vilnius" in places
    assert "Vilnius" not in {where for _, _, where in _meetings(text, frozenset({"location_proper_event_noun"}))}



def test_the_meeting_is_the_one_the_story_is_filed_from():
    """"the meeting" when the text places meetings here and, a year before, elsewhere: the one here."""
    text = ("TALLINN, March 9 , 2021 (AFP)\nRegional trade chiefs wrapped up a two-day meeting here on Tuesday. "
            "Last year the chiefs held a meeting in Riga. At the meeting, Governor Ada Quist met Mayor Rune Falk.")
    pair = frozenset({"Ada Quist", "Rune Falk"})
    assert [where for who, _, where in _meetings(text) if who == pair] == ["Tallinn"]
    off = frozenset({"location_restated_dateline_first"})
    assert [where for who, _, where in _meetings(text, off) if who == pair] == [None]


def test_an_event_noun_under_be_to_is_planned():
    """"are to hold talks on Friday": the talks are a plan, as "are to meet" is."""
    text = "Governor Ada Quist and Mayor Rune Falk are to hold talks on the bridge toll on Friday."
    pair = frozenset({"Ada Quist", "Rune Falk"})
    assert [s for who, s, _ in _meetings(text) if who == pair] == ["planned"]
    assert [s for who, s, _ in _meetings(text, frozenset({"planned_be_to_object"})) if who == pair] == ["happened"]


def test_a_city_opening_a_gathering_s_name_is_its_place():
    """"the Vilnius Grain Summit" tagged as one name: the summit meets in Vilnius."""
    text = "Farm ministers from nine states are attending the Vilnius Grain Summit this week."
    assert {where for _, _, where in _meetings(text)} == {"Vilnius"}
    assert {where for _, _, where in _meetings(text, frozenset({"location_city_names_gathering"}))} == {None}


def test_an_infinitive_after_a_predicate_is_no_plan():
    """"it is good to hold talks": the infinitive is what is good, not a plan told by "is to"."""
    text = "Governor Ada Quist said it was good to hold talks with Mayor Rune Falk on Monday."
    assert [s for who, s, _ in _meetings(text) if who == frozenset({"Ada Quist", "Rune Falk"})] == ["happened"]

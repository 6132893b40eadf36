"""Itineraries per traveller: stops in order, each with its own status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.meeting_rules import rules_off
from bot.extract.pipeline import Extractor
from bot.models import Trip

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def _trip(extractor, text: str, who: str) -> Trip:
    result = extractor.extract("t", None, text, PUBLISHED)
    return next(t for t in result.trips if t.traveller == who)


def test_done_stops_come_before_planned_ones_in_text_order(extractor):
    """Stops made come before planned ones, each in text order, and a stop carries its country."""
    trip = _trip(
        extractor,
        "Foreign Secretary Anna Lind arrived in Oslo on Monday and will see Prime Minister Erik "
        "Dahl before flying on to Helsinki. Lind will also travel to Riga and Madrid later this "
        "week.",
        "Anna Lind",
    )
    assert [(s.place, s.status) for s in trip.stops] == [
        ("Oslo", "happened"),
        ("Helsinki", "planned"),
        ("Riga", "planned"),
        ("Madrid", "planned"),
    ]
    assert trip.stops[0].country == "Norway"


def test_a_country_is_dropped_when_a_city_in_it_is_a_stop(extractor):
    """A country is dropped from the trip when a city in it is also a stop."""
    trip = _trip(
        extractor,
        "Trade Minister Paul Okoye arrived in Japan on Sunday. Okoye arrived in Tokyo by train "
        "and will travel to Seoul on Friday.",
        "Paul Okoye",
    )
    assert [s.place for s in trip.stops] == ["Tokyo", "Seoul"]


def test_someone_who_only_receives_visitors_has_no_trip(extractor):
    """A meeting with no journey word gives nobody a trip."""
    result = extractor.extract(
        "t", None, "President Marta Ruiz met Chancellor Petra Vogel in Berlin on Tuesday.", PUBLISHED
    )
    assert result.trips == ()




def _visits(extractor, text: str) -> list[tuple[str, str | None, str]]:
    result = extractor.extract("t", None, text, PUBLISHED)
    return [(m.participants[0], m.location, m.status) for m in result.meetings if m.type == "visit"]


def test_a_tour_that_takes_someone_to_three_countries_is_three_planned_visits(extractor):
    """'a tour that will take her to A, B and C': one planned visit per country, by the tour's maker."""
    visits = _visits(
        extractor,
        "Foreign Minister Ilse Brandvold will begin on Monday a four-day tour that will take her to "
        "Chile, Peru and Bolivia, her spokesman Tomas Ek said.",
    )
    assert {(who, place) for who, place, _ in visits} == {
        ("Ilse Brandvold", "Chile"), ("Ilse Brandvold", "Peru"), ("Ilse Brandvold", "Bolivia")}
    assert {status for *_, status in visits} == {"planned"}


def test_a_tour_that_also_includes_countries_gives_one_visit_per_country(extractor):
    """'landed ... at the start of a tour which will also include A and B': the traveller's later legs."""
    visits = _visits(
        extractor,
        "Minister Ole Varga landed in Hanoi on Tuesday at the start of a tour which will also include "
        "Laos and Cambodia.",
    )
    assert ("Ole Varga", "Laos", "planned") in visits
    assert ("Ole Varga", "Cambodia", "planned") in visits


def test_earlier_stops_of_a_visit_are_reported_past_visits(extractor):
    """'a tour with earlier stops in A and B': two visits already behind."""
    visits = _visits(
        extractor,
        "Minister Ilse Brandvold flew home on Sunday from a tour with earlier stops in Mali and Niger.",
    )
    assert ("Ilse Brandvold", "Mali", "reported-past") in visits
    assert ("Ilse Brandvold", "Niger", "reported-past") in visits


def test_a_refuelling_stop_is_no_visit(extractor):
    """'en route to a refuelling stopover in A': a halt on the way, not a visit to A."""
    visits = _visits(
        extractor,
        "Speaking on the plane en route to a refuelling stopover in Iceland, Minister Ole Varga said "
        "the talks would be hard.",
    )
    assert not any(place == "Iceland" for _, place, _ in visits)


def test_visiting_before_a_name_under_a_dateline_is_a_visit_there(extractor):
    """'Visiting Premier X said ...' under a dateline: the visit, and the meeting on it, are in the dateline's city."""
    result = extractor.extract(
        "t", None,
        "LISBON, March 9 (Wire)\nVisiting Ruritanian Prime Minister Ivo Marek said on Tuesday that "
        "trade ties were strong.\nMarek met President Ana Costa on Tuesday, his spokesman said.",
        PUBLISHED,
    )
    found = {(m.type, m.participants, m.location) for m in result.meetings}
    assert ("visit", ("Ivo Marek",), "Lisbon") in found
    assert ("meeting", ("Ivo Marek", "Ana Costa"), "Lisbon") in found


def test_visiting_without_a_dateline_stays_unplaced(extractor):
    """With no dateline, 'Visiting Premier X said ...' names no place for the visit."""
    result = extractor.extract(
        "t", None, "Visiting Ruritanian Prime Minister Ivo Marek said on Tuesday that trade ties were strong.",
        PUBLISHED,
    )
    assert all(m.location is None for m in result.meetings if m.type == "visit")


def test_a_visit_told_by_country_and_by_city_is_one_visit_to_the_city_in_its_country(extractor):
    """'a visit to Oslo' and 'during her visit to Norway' tell one visit: one record, placed at both
    as a reader writes it ("Oslo, Norway"), in that country; with the rule off, the country alone.
    """
    text = ("Chancellor Ilse Brandvold began a visit to Oslo on Monday with a call on Prime Minister Erik Dahl. "
            "Brandvold said during her visit to Norway that the fishing talks had gone well.")
    assert _visits(extractor, text) == [("Ilse Brandvold", "Oslo, Norway", "happened")]
    result = extractor.extract("t", None, text, PUBLISHED)
    assert [m.country for m in result.meetings if m.type == "visit"] == ["Norway"]
    with rules_off(frozenset({"visit_city_in_country"})):
        assert _visits(extractor, text) == [("Ilse Brandvold", "Norway", "happened")]


def test_a_country_visit_told_with_two_cities_keeps_the_country(extractor):
    """One visit to a country told with two of its cities is placed in the country alone."""
    visits = _visits(
        extractor,
        "Chancellor Ilse Brandvold began a visit to Norway on Monday. She visited Oslo on Monday and "
        "visited Bergen on Tuesday.",
    )
    assert visits == [("Ilse Brandvold", "Norway", "happened")]


def test_also_makes_a_city_visit_a_further_one(extractor):
    """'She also flew to Bergen' after a visit to Norway is one more visit, not the same one told again."""
    visits = _visits(
        extractor,
        "Chancellor Ilse Brandvold made a visit to Norway on Monday. She also flew to Bergen, where she "
        "met fishermen.",
    )
    assert {place for _, place, _ in visits} == {"Norway", "Bergen"}


def test_earlier_stops_in_a_clause_on_the_destination_are_the_travellers(extractor):
    """'his visit to A, which took in earlier stops in B and C' (the clause hung on A): B and C
    are earlier legs of the same traveller, with no date of their own.
    """
    result = extractor.extract(
        "t", None,
        "Minister Ivo Marek met President Ana Costa on Tuesday. Friday ends his visit to Peru, which took in "
        "earlier stops in Bolivia and Chile.",
        PUBLISHED,
    )
    legs = {(m.participants, m.location, m.status, m.date) for m in result.meetings if m.type == "visit"}
    assert (("Ivo Marek",), "Bolivia", "reported-past", None) in legs
    assert (("Ivo Marek",), "Chile", "reported-past", None) in legs


def test_dated_stops_go_in_date_order(extractor):
    """Two stops made, told out of order ('arrived in A on Tuesday ... also flew to B on Monday'): B comes first."""
    trip = _trip(
        extractor,
        "Minister Ivo Marek arrived in Lima on Tuesday. Marek also flew to Cusco on Monday, where he "
        "met local officials.",
        "Ivo Marek",
    )
    assert [s.place for s in trip.stops] == ["Cusco", "Lima"]

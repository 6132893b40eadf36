"""Itineraries per traveller: stops in order, each with its own status."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

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



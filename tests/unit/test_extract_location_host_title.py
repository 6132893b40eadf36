"""A country word anywhere in the title written right before a name ("Deputy Director of Portugal's
State Forestry Office Karl Brenner") marks that person a host of the dateline city's country, as a
nationality word just before the name does. Invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)
OFF = frozenset({"location_host_by_title"})
# A real country, as the rule needs the dateline city's country to be known (see
# test_extract_location_host_organisation.py); the people are invented.
DATELINE = "LISBON, March 10 (AFP)\n"


def _places(text: str, off: frozenset[str] = frozenset()) -> list[str | None]:
    doc = get_nlp()(DATELINE + text)
    return [m.location for m in extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)]


@pytest.mark.parametrize("text", [
    "Trade will grow fast, said Deputy Chairman of Portugal's National Fisheries Board Karl Brenner "
    "during a meeting with Marten Ruud, an envoy from Peru.",
    "Deputy Director of Portugal's State Forestry Office Karl Brenner welcomed Marten Ruud, a "
    "visiting engineer from Peru, for talks on Monday.",
])
def test_a_country_far_back_in_the_title_marks_a_host(text: str) -> None:
    """The country word is more than four words before the name: with the rule off, nothing marks
    the official as of Portugal and the meeting stays unplaced."""
    assert _places(text) == ["Lisbon"]
    assert _places(text, OFF) == [None]


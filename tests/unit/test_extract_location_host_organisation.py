"""A country closing an apposed organisation's name after "of" marks its official as a host of
the dateline city's country, as a nationality word does. Invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)
OFF = frozenset({"location_host_by_organisation"})
# A real country, as the rule needs the dateline city's country to be known; an invented one
# (Ruritania under a Vesk dateline) resolves to no country, so nothing marks a host there.
TEXT = (
    "LISBON, March 10 (AFP)\n"
    "The ferry fares will go down, said Karl Brenner, deputy chair of the Transport Board of Portugal.\n"
    "Brenner gave the news after a meeting with Marten Ruud, who leads a shipping firm from Peru.\n"
)


def _place(off: frozenset[str] = frozenset()) -> str | None:
    doc = get_nlp()(TEXT)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.location for m in found if m.type == "meeting"), None)


def test_an_official_of_an_organisation_of_the_country_hosts_in_the_dateline_city():
    """"X, deputy chair of the Transport Board of Portugal" under a Lisbon dateline meets at home."""
    assert _place() == "Lisbon"
    assert _place(OFF) is None

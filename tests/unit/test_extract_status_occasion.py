"""The occasion a commitment was made on ("agreed to pool their data at a meeting of A and B")
took place: it is not part of what was committed to. Invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday
OFF = frozenset({"occasion_of_a_commitment"})


def _status(text: str, kind: str, off: frozenset[str] = frozenset()) -> str | None:
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.status for m in found if m.type == kind), None)


def test_the_meeting_an_agreement_was_made_at_took_place():
    """"agreed to pool their data at a meeting of A and B": the meeting is the agreement's occasion."""
    text = "The two ministries agreed to pool their fishing data at a meeting of Karl Brenner and Marten Ruud."
    assert _status(text, "meeting") == "happened"
    assert _status(text, "meeting", OFF) == "planned"


def test_an_expectation_still_plans_its_occasion():
    """"is expected to sign the accord during his visit": the visit is still ahead."""
    text = "Karl Brenner is expected to sign the accord during his visit to Lima next week."
    assert _status(text, "visit") == "planned"

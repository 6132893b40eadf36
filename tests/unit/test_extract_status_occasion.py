"""The occasion a commitment was made on ("agreed to pool their data at a meeting of A and B")
took place: it is not part of what was committed to. Invented sentences."""

from __future__ import annotations

import pytest

from tests.unit.conftest import status_of

pytestmark = pytest.mark.slow

OFF = frozenset({"occasion_of_a_commitment"})


def test_the_meeting_an_agreement_was_made_at_took_place():
    """"agreed to pool their data at a meeting of A and B": the meeting is the agreement's occasion."""
    text = "The two ministries agreed to pool their fishing data at a meeting of Karl Brenner and Marten Ruud."
    assert status_of(text, "meeting") == "happened"
    assert status_of(text, "meeting", OFF) == "planned"


def test_an_expectation_still_plans_its_occasion():
    """"is expected to sign the accord during his visit": the visit is still ahead."""
    text = "Karl Brenner is expected to sign the accord during his visit to Lima next week."
    assert status_of(text, "visit") == "planned"

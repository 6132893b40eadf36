""""On the eve of" an event: what the eve is of is still ahead when the clause is news. Invented
sentences."""

from __future__ import annotations

import pytest

from tests.unit.conftest import status_of

pytestmark = pytest.mark.slow

OFF = frozenset({"planned_on_the_eve_of"})


def test_a_visit_on_whose_eve_the_news_comes_is_planned():
    """"spoke on Wednesday on the eve of his visit to Lima": the visit is still to come."""
    text = "Karl Brenner spoke on Wednesday on the eve of his visit to Lima."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF) == "happened"


def test_an_event_noun_after_the_eve_of_is_planned_whatever_the_tense():
    """"the talks came on the eve of a visit by X": the visit is the next day's."""
    text = "The talks came on the eve of a visit by Karl Brenner to Lima."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF) == "happened"


def test_the_meeting_held_on_the_eve_keeps_its_own_tense():
    """"met X on the eve of the summit": the meeting itself took place."""
    text = "German Foreign Minister Karl Brenner met his counterpart Marten Ruud on the eve of the summit."
    assert status_of(text, "meeting") == "happened"


def test_until_the_eve_of_does_not_plan_the_event():
    """"lasted until the eve of a visit": only "on the eve of" puts the clause the day before the
    event; the rule leaves the visit to the other reasons.
    """
    text = "The strike lasted until the eve of a visit by Karl Brenner to Lima."
    assert status_of(text, "visit") == "happened"
    assert status_of(text, "visit", OFF) == "happened"

"""A date inside another event noun's phrase dates that event, not the trigger: "a telephone
discussion on Tuesday over the agenda for the summit scheduled for March 20" took place on
Tuesday. Invented sentences."""

from __future__ import annotations

import pytest

from tests.unit.conftest import status_of

pytestmark = pytest.mark.slow

OFF = frozenset({"date_of_nested_event"})


def test_the_date_of_a_summit_on_the_agenda_does_not_plan_the_talks():
    """"held talks on Tuesday about the agenda for the summit scheduled for March 20": the talks took place."""
    text = "Karl Brenner on Tuesday held talks with Marten Ruud about the agenda for the trade summit scheduled for March 20."
    assert status_of(text, "talks") == "happened"
    assert status_of(text, "talks", OFF) == "planned"


def test_the_noun_s_own_date_still_plans_it():
    """"the talks slated for March 20": the noun's own clause dates it."""
    text = "The talks between Karl Brenner and Marten Ruud slated for March 20 will focus on trade."
    assert status_of(text, "talks") == "planned"

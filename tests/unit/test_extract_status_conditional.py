"""A meeting or trip told as a condition is a possibility still ahead, not a fact. Invented
sentences."""

from __future__ import annotations

import pytest

from tests.unit.conftest import status_of

pytestmark = pytest.mark.slow

OFF = frozenset({"planned_conditional"})


def test_a_trip_told_as_a_condition_is_planned():
    """"would back the plan if he paid a visit to Tallinn": the visit has not been paid."""
    text = "The board said it would back the plan if Karl Brenner paid a visit to Tallinn."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF) == "happened"


def test_a_bare_present_under_a_condition_is_planned():
    """"visits Lima if the ceasefire holds": the visit depends on what is still to come."""
    text = "Karl Brenner visits Lima if the ceasefire holds, an aide said."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF) == "happened"


def test_a_whether_question_is_no_condition():
    """"met X on Tuesday, ... asking if the talks would resume": the meeting took place."""
    text = "Karl Brenner met Marten Ruud on Tuesday, officials said, asking if the talks would resume."
    assert status_of(text, "meeting") == "happened"

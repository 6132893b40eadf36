"""A meeting or trip told as a condition is a possibility still ahead, not a fact. Invented
sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday
OFF = frozenset({"planned_conditional"})


def _status(text: str, kind: str, off: frozenset[str] = frozenset()) -> str | None:
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.status for m in found if m.type == kind), None)


def test_a_trip_told_as_a_condition_is_planned():
    """"would back the plan if he paid a visit to Tallinn": the visit has not been paid."""
    text = "The board said it would back the plan if Karl Brenner paid a visit to Tallinn."
    assert _status(text, "visit") == "planned"
    assert _status(text, "visit", OFF) == "happened"


def test_a_bare_present_under_a_condition_is_planned():
    """"visits Lima if the ceasefire holds": the visit depends on what is still to come."""
    text = "Karl Brenner visits Lima if the ceasefire holds, an aide said."
    assert _status(text, "visit") == "planned"
    assert _status(text, "visit", OFF) == "happened"


def test_a_whether_question_is_no_condition():
    """"met X on Tuesday, ... asking if the talks would resume": the meeting took place."""
    text = "Karl Brenner met Marten Ruud on Tuesday, officials said, asking if the talks would resume."
    assert _status(text, "meeting") == "happened"

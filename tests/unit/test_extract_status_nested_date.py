"""A date inside another event noun's phrase dates that event, not the trigger: "a telephone
discussion on Tuesday over the agenda for the summit scheduled for March 20" took place on
Tuesday. Invented sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday
OFF = frozenset({"date_of_nested_event"})


def _status(text: str, kind: str, off: frozenset[str] = frozenset()) -> str | None:
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.status for m in found if m.type == kind), None)


def test_the_date_of_a_summit_on_the_agenda_does_not_plan_the_talks():
    """"held talks on Tuesday about the agenda for the summit scheduled for March 20": the talks took place."""
    text = "Karl Brenner on Tuesday held talks with Marten Ruud about the agenda for the trade summit scheduled for March 20."
    assert _status(text, "talks") == "happened"
    assert _status(text, "talks", OFF) == "planned"


def test_the_noun_s_own_date_still_plans_it():
    """"the talks slated for March 20": the noun's own clause dates it."""
    text = "The talks between Karl Brenner and Marten Ruud slated for March 20 will focus on trade."
    assert _status(text, "talks") == "planned"

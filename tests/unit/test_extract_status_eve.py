""""On the eve of" an event: what the eve is of is still ahead when the clause is news. Invented
sentences."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday
OFF = frozenset({"planned_on_the_eve_of"})


def _status(text: str, kind: str, off: frozenset[str] = frozenset()) -> str | None:
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.status for m in found if m.type == kind), None)


def test_a_visit_on_whose_eve_the_news_comes_is_planned():
    """"spoke on Wednesday on the eve of his visit to Lima": the visit is still to come."""
    text = "Karl Brenner spoke on Wednesday on the eve of his visit to Lima."
    assert _status(text, "visit") == "planned"
    assert _status(text, "visit", OFF) == "happened"


def test_an_event_noun_after_the_eve_of_is_planned_whatever_the_tense():
    """"the talks came on the eve of a visit by X": the visit is the next day's."""
    text = "The talks came on the eve of a visit by Karl Brenner to Lima."
    assert _status(text, "visit") == "planned"
    assert _status(text, "visit", OFF) == "happened"


def test_the_meeting_held_on_the_eve_keeps_its_own_tense():
    """"met X on the eve of the summit": the meeting itself took place."""
    text = "German Foreign Minister Karl Brenner met his counterpart Marten Ruud on the eve of the summit."
    assert _status(text, "meeting") == "happened"

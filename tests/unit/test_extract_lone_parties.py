"""One party alone is no meeting: one side told at an event named aside, "the two sides" with no
pair named, a headline's one-party meeting. Invented sentences only.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def test_one_side_at_a_meeting_told_aside_is_no_meeting(meetings):
    """"During the meeting, the delegation pressed for X": one side of a meeting told elsewhere."""
    text = "During the morning meeting, the Lindaran delegation pressed for a ceasefire along the river."
    assert meetings(text) == []
    off = meetings(text, off=frozenset({"lone_party_aside"}))
    assert [m.participants for m in off] == [("the Lindaran delegation",)]


def test_two_people_at_a_meeting_told_aside_still_met(meetings):
    found = meetings("At a meeting in Oslo, the two ministers agreed to cut tariffs.")
    assert len(found) == 1


def test_the_two_sides_alone_are_no_party(meetings):
    text = "Mediators hope talks between the two sides can resume in the spring."
    assert meetings(text) == []
    off = meetings(text, off=frozenset({"sides_alone_no_party"}))
    assert [m.participants for m in off] == [("the two sides",)]


def test_a_headline_meeting_of_one_party_is_no_meeting():
    """A headline "Council meets on X" shortens an event the text tells with its parties; alone it is none."""
    title = "Governing council meets on drought relief"
    doc = get_nlp()(title + "\n\nDiplomats said the vote could slip to next month.")
    people = build_people_index(doc)
    published = datetime(2021, 3, 10, tzinfo=UTC)
    assert extract_meetings(doc, people, published, title_end=len(title)) == []
    off = extract_meetings(doc, people, published, title_end=len(title), off=frozenset({"headline_lone_party"}))
    assert [m.participants for m in off] == [("Governing council",)]

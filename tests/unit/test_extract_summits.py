"""Summits of one body ("the NATO summit") and event nouns planned with "is to"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def test_a_summit_named_by_its_body_is_a_meeting_of_that_body(meetings):
    """"a NATO summit in Madrid" gives one record with the body as its party."""
    found = meetings("Ministers said the plan would be approved at a NATO summit in Madrid next month.")
    assert [(m.participants, m.location, m.status) for m in found] == [(("NATO",), "Madrid", "planned")]


def test_summit_meetings_that_are_to_take_place_are_planned(meetings):
    """An event noun that is the subject of "are to take place" is planned."""
    found = meetings("The ASEAN summit is to take place in Manila.")
    assert [(m.participants, m.location, m.status) for m in found] == [(("ASEAN",), "Manila", "planned")]


def test_a_summit_named_by_its_place_or_its_two_sides_gives_no_body(meetings):
    """A place ("the Lima summit") and a hyphenated pair of sides are not taken for a body."""
    assert meetings("Officials prepared for the Lima summit.") == []
    assert meetings("Diplomats drafted the text before the Ghana-Togo summit.") == []


def test_a_named_summit_has_no_body_party(meetings):
    """The words of a summit's own name ("the Baltic Economic Summit") are not a body."""
    assert meetings("Investors gathered at the Baltic Economic Summit 2021 in Riga.") == []


def test_an_unnamed_spokesman_reporting_on_talks_is_no_attendee(meetings):
    """A summit reached through "progress in talks at a summit" gives no one-person record for an
    unnamed speaker.
    """
    found = meetings('A spokesman for Mayor Tom Reed said, reporting "progress" in talks at a Riga summit.')
    assert all(m.participants != ("A spokesman",) for m in found)

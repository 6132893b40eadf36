"""Event nouns read through general patterns: a summit's own name is not a party."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def test_the_forum_in_a_place_named_summit_is_part_of_its_name(meetings):
    """"the Bergen Summit of the Forum on Arctic Fisheries": a summit named by a place is a
    proper name, and the forum in it is no party of its own (switched off, the forum is one).
    """
    text = "Delegates flew home after the Bergen Summit of the Forum on Arctic Fisheries."
    assert all(m.type != "summit" for m in meetings(text))
    off = meetings(text, off=frozenset({"place_named_summit_of_no_body"}))
    assert [m.participants for m in off if m.type == "summit"] == [("Forum on Arctic Fisheries",)]

"""Parties of meetings: a noun phrase that is no one met is no party, and no meeting stands on it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Once the mill reopens, the river communities must meet their side of the bargain, the guild said.",
    "Norvika Foods hopes it can meet every sales target it set for the spring.",
    "The clinic workers struggled to meet demand for the new vaccine through the winter.",
])
def test_meeting_a_need_is_no_meeting(meetings_in, text) -> None:
    """"meet demand", "meet a target", "meet their side of the bargain": a need or duty is
    fulfilled, nobody is met; with the rule off the object or the group is read as a meeting.
    """
    assert meetings_in(text) == []
    assert meetings_in(text, off=frozenset({"meet_a_need_no_meeting"})) != []


def test_meeting_people_is_still_a_meeting(meetings_in) -> None:
    """The rule leaves a person met alone: "met the guild leaders" is a meeting."""
    found = meetings_in("Mayor Edda Solheim met the fishing guild leaders on Friday.")
    assert [list(m.participants) for m in found] == [["Edda Solheim", "the fishing guild leaders"]]

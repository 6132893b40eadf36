"""Parties of meetings: a noun phrase that is no one met is no party, and no meeting stands on it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("text", [
    "Norvika Foods hopes it can meet every sales target it set for the spring.",
    "The clinic workers struggled to meet demand for the new vaccine through the winter.",
])
def test_meeting_a_need_is_no_meeting(meetings_in, text) -> None:
    """"meet demand", "meet a target": a need or duty is
    fulfilled, nobody is met; with the rule off the object or the group is read as a meeting.
    """
    assert meetings_in(text) == []
    assert meetings_in(text, off=frozenset({"meet_a_need_no_meeting"})) != []


def test_meeting_people_is_still_a_meeting(meetings_in) -> None:
    """The rule leaves a person met alone: "met the guild leaders" is a meeting."""
    found = meetings_in("Mayor Edda Solheim met the fishing guild leaders on Friday.")
    assert [list(m.participants) for m in found] == [["Edda Solheim", "the fishing guild leaders"]]


def test_hyphened_regions_are_no_parties(meetings_in) -> None:
    """"the Euro-Arctic summit" names a region, and no side is a person the text names: no party;
    with the rule off both halves join the minister as parties.
    """
    text = "Minister Ola Dahl will attend the Euro-Arctic summit in Tromso on Sunday."
    assert all("Euro" not in m.participants for m in meetings_in(text))
    off = meetings_in(text, off=frozenset({"hyphen_pair_named_people"}))
    assert any("Euro" in m.participants for m in off)


def test_hyphened_names_of_people_named_are_parties(meetings_in) -> None:
    """"the Dahl-Berg meeting" after both are named: the two sides are the two people."""
    text = "Ola Dahl and Berit Berg will meet on Monday. The Dahl-Berg meeting will be held in Oslo."
    assert ("Ola Dahl", "Berit Berg") in [tuple(m.participants) for m in meetings_in(text)]


def test_hyphened_title_stands_for_its_holder(meetings_in) -> None:
    """"said Vice-Chairman of the board X during a meeting with Y": X is the party, not "Vice"."""
    text = ("Trade links are strong, said Vice-Chairman of the fisheries board Ola Dahl during a meeting "
            "with Berit Berg on Monday.")
    assert [list(m.participants) for m in meetings_in(text)] == [["Ola Dahl", "Berit Berg"]]
    off = meetings_in(text, off=frozenset({"hyphen_pair_named_people"}))
    assert [list(m.participants) for m in off] == [["Vice", "Berit Berg"]]

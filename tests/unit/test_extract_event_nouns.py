"""Event nouns and verbs read through general patterns: meetings inside wider talks, and the like."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def meetings(meetings_in):
    return meetings_in


def _parties(found):
    return sorted(tuple(sorted(m.participants)) for m in found if m.type != "visit")


def test_a_meeting_included_in_talks_with_a_group_is_the_named_meeting(meetings):
    """"arrived for talks with local leaders, including a meeting with <name>": the traveller meets
    the named person, and the group's talks are not a separate record.
    """
    found = meetings("Foreign Minister Aldo Renn arrived in Kestrel on Monday for talks with local "
                     "leaders, including a meeting with Prime Minister Ivo Sarkan.")
    assert _parties(found) == [("Aldo Renn", "Ivo Sarkan")]


def test_a_meeting_included_in_held_talks_takes_the_holder(meetings):
    """"X held talks with the delegation, including a meeting with <name>": X met the named person."""
    found = meetings("Premier Tomas Vell held talks with the visiting delegation, including a meeting "
                     "with Governor Ana Lisk.")
    assert _parties(found) == [("Ana Lisk", "Tomas Vell")]


def test_a_meeting_included_in_planned_talks_is_planned(meetings):
    """The included meeting shares the time of the talks it is part of ("will hold talks")."""
    found = meetings("Premier Tomas Vell will hold talks with farm leaders next week, including a "
                     "meeting with Governor Ana Lisk.")
    assert [(m.participants, m.status) for m in found] == [(("Tomas Vell", "Ana Lisk"), "planned")]


def test_talks_with_a_group_including_named_people_stay_the_groups_talks(meetings):
    """"including" a list of names (no meeting noun) leaves the talks with the group as they are."""
    found = meetings("Premier Tomas Vell held talks with farm leaders, including Ana Lisk and Ivo Sarkan.")
    assert len(found) == 1
    assert found[0].participants[0] == "Tomas Vell"


def test_names_closing_a_group_phrase_are_the_parties_of_event_noun(meetings):
    """"separate meetings with the party leaders in the Senate, A and B": the names restate the
    group, so each is a party (one meeting each, as "separate" says).
    """
    found = meetings("Later today, Mr Carl Brandt will hold separate meetings with the Liberal leaders "
                     "in the Senate, Tom Reed and Ann Lutz.")
    assert _parties(found) == [("Ann Lutz", "Carl Brandt"), ("Carl Brandt", "Tom Reed")]


def test_names_closing_the_object_of_meet_are_the_parties(meetings):
    """"met the two opposition chiefs, A and B": one meeting of the subject with both names."""
    found = meetings("Premier Ida Holm met the two opposition chiefs, Tom Reed and Ann Lutz.")
    assert _parties(found) == [("Ann Lutz", "Ida Holm", "Tom Reed")]


def test_names_after_a_group_phrase_that_start_a_new_clause_are_not_parties(meetings):
    """"talks with local leaders, A and B said": the names are the next clause's subject."""
    found = meetings("Premier Ida Holm held talks with local leaders, Tom Reed and Ann Lutz said.")
    assert _parties(found) == [("Ida Holm", "local leaders")]


def test_unnamed_sides_alone_in_an_event_phrase_state_no_meeting(meetings):
    """"Both sides agreed to begin talks": the sides are not named, so no record stands for them."""
    assert meetings("Both sides agreed to begin talks on fishing rights next year.") == []


def test_a_named_group_in_an_event_phrase_still_meets(meetings):
    """An unnamed group that is not "both sides" keeps its meeting ("officials held talks")."""
    found = meetings("Farm officials held talks on fishing rights in Kestrel on Monday.")
    assert [m.participants for m in found] == [("Farm officials",)]


def test_the_forum_in_a_place_named_summit_is_part_of_its_name(meetings):
    """"the Oslo Summit of the Forum on Nordic-Baltic Cooperation": a summit named by a place is a
    proper name, and the forum in it is no party of its own (switched off, the forum is one).
    """
    text = "President Ola Brandt arrived in Oslo for the Oslo Summit of the Forum on Nordic-Baltic Cooperation."
    assert all(m.type != "summit" for m in meetings(text))
    off = meetings(text, off=frozenset({"place_named_summit_of_no_body"}))
    assert [m.participants for m in off if m.type == "summit"] == [("Forum on Nordic-Baltic Cooperation",)]

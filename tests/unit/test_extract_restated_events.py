"""A meeting told again by a definite event noun ("The meeting between A and B was ...", "During
the talks, A and B are to sign ..."): the event told before, one record, even where the second
telling's tense reads otherwise."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 9 (Xinhua)\n"
OFF = frozenset({"restated_event_joins"})


def _records(meetings_in, text: str, off: frozenset[str] = frozenset()) -> list[tuple[tuple[str, ...], str, str]]:
    return [(m.participants, m.type, m.status) for m in meetings_in(DATELINE + text, off=off)]


@pytest.mark.parametrize("text", [
    "President Ivo Marek met Premier Lin Dao in Vestby on Monday. During the meeting, Marek and Lin "
    "are to discuss fishing rights, the ministry said.",
    "President Ivo Marek met Premier Lin Dao in Vestby on Monday. At the meeting, Marek and Lin "
    "were expected to discuss a new ferry line, aides said.",
])
def test_a_clause_inside_the_told_meeting_is_that_meeting(meetings_in, text) -> None:
    """"During the meeting, A and B are to discuss": the talks are the meeting told before; with
    the rule off the plan in the second sentence stands as a record of its own.
    """
    told = (("Ivo Marek", "Lin Dao"), "meeting", "happened")
    assert _records(meetings_in, text) == [told]
    assert [r[2] for r in _records(meetings_in, text, OFF)] == ["happened", "planned"]


@pytest.mark.parametrize("text", [
    "Premier Lin Dao held talks with President Ivo Marek in Vestby on Monday. The talks between Lin "
    "and Marek were expected to focus on fishing rights, aides said.",
    "Premier Lin Dao held talks with President Ivo Marek in Vestby on Monday. The talks between Lin "
    "and Marek are to focus on fishing rights, aides said.",
])
def test_the_event_between_its_parties_restates_it(meetings_in, text) -> None:
    """"The talks between A and B were expected to focus on X" after the talks are told: the same
    talks, not a plan of new ones; with the rule off a planned record stands beside the told one.
    """
    told = (("Lin Dao", "Ivo Marek"), "talks", "happened")
    assert _records(meetings_in, text) == [told]
    assert _records(meetings_in, text, OFF) == [told, (("Lin Dao", "Ivo Marek"), "talks", "planned")]


@pytest.mark.parametrize("text", [
    "President Ivo Marek met Premier Lin Dao in Vestby on Monday. The next meeting between Marek and "
    "Lin is set for June, aides said.",
    "President Ivo Marek met Premier Lin Dao in Vestby on Monday. The meeting between Marek and Lin "
    "on Friday will turn to fishing rights, aides said.",
])
def test_a_next_or_dated_event_is_a_new_one(meetings_in, text) -> None:
    """"the next meeting", "the meeting on Friday": another event, so its planned record stays."""
    assert [r[2] for r in _records(meetings_in, text)] == ["happened", "planned"]

"""A possessed visit noun after a preposition ("during his visit", "a briefing on Marek's visit")
refers back to the visit the text first told: that mention's status stands, not the tense or modal
of the clause the phrase hangs on."""

from __future__ import annotations

import pytest

from tests.unit.conftest import statuses

pytestmark = pytest.mark.slow

OFF = frozenset({"possessed_visit_restates"})


def test_a_stay_during_a_visit_under_way_is_no_second_visit(meetings_in) -> None:
    """"arrived ... for a three-day visit ... will use a borrowed car during his visit": one visit,
    held; with the rule off the modal of "will stay" gives a second, planned one.
    """
    text = ("Premier Ivo Marek arrived in Vestby on Monday for a three-day visit to Norland.\n"
            "His aides said he will use a borrowed car during his visit.")
    assert statuses(meetings_in, text) == [(("Ivo Marek",), "happened")]
    assert statuses(meetings_in, text, OFF) == [(("Ivo Marek",), "happened"), (("Ivo Marek",), "planned")]


def test_a_briefing_on_a_planned_visit_does_not_hold_it(meetings_in) -> None:
    """"Ivo Marek's coming visit ... told a briefing on Marek's visit": the visit stays planned; with
    the rule off the past tense of the briefing reads it as held.
    """
    text = ("Premier Ivo Marek's upcoming visit to Norland will deepen trade ties, officials said.\n"
            "A ministry director told a briefing on Marek's visit that four accords were ready.")
    assert statuses(meetings_in, text) == [(("Ivo Marek",), "planned")]
    assert (("Ivo Marek",), "happened") in statuses(meetings_in, text, OFF)


@pytest.mark.parametrize("text", [
    # another traveller's visit
    "Premier Ivo Marek's upcoming visit to Norland will deepen trade ties, officials said.\n"
    "A ministry director recalled the accords signed during President Tomas Lind's visit.",
    # one of several, picked out by its own word
    "Premier Ivo Marek's upcoming visit to Norland will deepen trade ties, officials said.\n"
    "Marek recalled the accords signed during his first visit.",
])
def test_another_visit_keeps_the_status_its_clause_gives(meetings_in, text) -> None:
    """Another person's visit, or one picked out as first, is not the visit told before."""
    assert "happened" in [s for _, s in statuses(meetings_in, text)]

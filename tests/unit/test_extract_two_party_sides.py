"""The parties of two- and three-party meetings: every coordinated person of a passive agent, and
the by-agent (not the passive subject) at an event told beside a passive verb."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VESTBY, March 9 (AFP)\n"


def _parties(found: list) -> list[tuple[str, ...]]:
    return [m.participants for m in found]


@pytest.mark.parametrize(("text", "on", "off"), [
    ("Senator Halvard Rusk and a 12-member delegation were greeted at the airport by Mayor Olen Patch "
     "and Bertil Sand, director of the trade office.",
     [("Olen Patch", "Bertil Sand", "Halvard Rusk", "a 12-member delegation")],
     [("Olen Patch", "Halvard Rusk", "a 12-member delegation")]),
    ("Senator Halvard Rusk was met at the harbour by Governor Ines Varga and Mayor Olen Patch on Monday.",
     [("Ines Varga", "Olen Patch", "Halvard Rusk")],
     [("Ines Varga", "Halvard Rusk")]),
])
def test_every_person_of_a_coordinated_agent_is_a_party(meetings_in, text, on, off) -> None:
    """"greeted by A and B": both hosts; with the rule off, only the first."""
    assert _parties(meetings_in(DATELINE + text)) == on
    assert _parties(meetings_in(DATELINE + text, off=frozenset({"passive_agent_conjuncts"}))) == off


@pytest.mark.parametrize(("text", "on", "off"), [
    ("The harbour plan was approved by Governor Olen Patch after talks with Mayor Ines Varga on Monday.",
     [("Olen Patch", "Ines Varga")], []),
    ("The new port chief will be named by Governor Olen Patch after consultations with the Tarnow Shipping Guild.",
     [("Olen Patch", "Tarnow Shipping Guild")], [("The new port chief", "Tarnow Shipping Guild")]),
    ("The ferry truce was brokered by Governor Olen Patch during a visit to Tarnow on Monday.",
     [("Olen Patch",)], []),
])
def test_the_agent_of_a_passive_verb_is_at_the_event(meetings_in, text, on, off) -> None:
    """The by-agent held the talks or made the visit, not the thing the passive subject names."""
    assert _parties(meetings_in(DATELINE + text)) == on
    assert _parties(meetings_in(DATELINE + text, off=frozenset({"passive_agent_holds_event"}))) == off


def test_the_arrival_of_a_passive_subject_stays_his(meetings_in) -> None:
    """"detained on arrival by police": the one who arrived is the subject, not the police."""
    found = meetings_in(DATELINE + "Governor Olen Patch was detained on arrival in Tarnow by border police on Monday.")
    assert _parties(found) == [("Olen Patch",)]

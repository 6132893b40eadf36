"""A journey made for a gathering of many: "X arrived in Vestby for the summit" is a record of the
coming summit with X, the other attendees unnamed, besides the visit."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 10 (Xinhua)\n"
OFF = frozenset({"journey_for_gathering"})


def _gatherings(found: list) -> list[tuple[tuple[str, ...], str, str, str | None]]:
    """(participants, type, status, location) of the gatherings found (every record but visits)."""
    return [(m.participants, m.type, m.status, m.location) for m in found if m.type != "visit"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Sara Holm arrived in Vestby on Tuesday for the winter summit.", "summit"),
    ("Ivo Marek flew to Vestby for the summit.", "summit"),
    ("Lin Dao travelled to Vestby on Sunday for a conference on river shipping.", "meeting"),
])
def test_a_journey_for_a_gathering_is_the_traveller_s_gathering(meetings_in, text, kind) -> None:
    """The visit and the coming gathering with the traveller; with the rule off a lone person at a
    gathering is no stated meeting.
    """
    person = text.split(" arrived")[0].split(" flew")[0].split(" travelled")[0]
    assert _gatherings(meetings_in(DATELINE + text)) == [((person,), kind, "planned", "Vestby")]
    assert _gatherings(meetings_in(DATELINE + text, off=OFF)) == []


def test_a_gathering_of_named_sides_keeps_the_traveller_out(meetings_in) -> None:
    """'flew to Vestby for a summit between A and B' is A and B's summit, not the traveller's."""
    text = DATELINE + "Ivo Marek flew to Vestby for a summit between Lin Dao and Sara Holm."
    assert all("Ivo Marek" not in m.participants for m in meetings_in(text) if m.type != "visit")


def test_a_journey_cancelled_for_a_summit_is_no_gathering(meetings_in) -> None:
    """'did not fly to Vestby for the summit': no attendance, no record of the gathering."""
    text = DATELINE + "Ivo Marek did not fly to Vestby for the summit after all."
    assert _gatherings(meetings_in(text)) == []

"""The one addressed at an event is its other party: "X told Y in a meeting", "X gave an
assurance to Y at a meeting" name Y as the side the meeting noun itself leaves unnamed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

DATELINE = "VALMORA, March 9 (Xinhua)\n"


@pytest.mark.parametrize(("text", "parties"), [
    ("Premier Ivo Kral told Governor Tomas Veld in a meeting on Tuesday that the ferry would sail again.",
     ("Ivo Kral", "Tomas Veld")),
    ("Premier Ivo Kral gave an assurance to Governor Oskar Brenna and Mayor Ana Ruiz at a meeting on Friday.",
     ("Ivo Kral", "Oskar Brenna", "Ana Ruiz")),
])
def test_the_one_addressed_at_a_meeting_is_its_other_party(meetings_in, text, parties) -> None:
    """The addressee joins the speaker; with the rule off, a lone speaker at a meeting is no record."""
    assert [m.participants for m in meetings_in(DATELINE + text)] == [parties]
    assert meetings_in(DATELINE + text, off=frozenset({"addressee_at_event"})) == []


@pytest.mark.parametrize("text", [
    "Premier Ivo Kral told reporters in a meeting on Tuesday that the ferry would sail again.",
    "Premier Ivo Kral briefed Governor Tomas Veld on the summit.",
])
def test_no_named_addressee_or_a_topic_adds_no_party(meetings_in, text) -> None:
    """Reporters are nobody named; a summit one is briefed on is the topic, not where one speaks."""
    assert meetings_in(DATELINE + text) == []

"""An invitation's infinitive leaves out who is to act: the one who accepts, gets or answers the
invitation, or the one it is extended to, is the visitor (rule invitation_invitee_visits). Invented
people; real countries, as a visit needs a place the gazetteer knows."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OFF = frozenset({"invitation_invitee_visits"})


def _visits(meetings: list) -> list[tuple[tuple[str, ...], str | None, str]]:
    return [(m.participants, m.location, m.status) for m in meetings if m.type == "visit"]


@pytest.mark.parametrize("text", [
    "Prime Minister Ivo Marek accepted an invitation from President Ana Tosk to visit Norway next month.",
    "Prime Minister Ivo Marek has accepted President Ana Tosk's invitation to visit Norway.",
    "Prime Minister Ivo Marek has received an invitation to visit Norway later this year, his office said.",
    "President Ana Tosk extended an invitation to Prime Minister Ivo Marek to visit Norway.",
    "Prime Minister Ivo Marek has yet to respond to an invitation from President Ana Tosk to visit Norway.",
    "Two weeks on, Prime Minister Ivo Marek had still not replied to the Norwegian invitation to visit Norway.",
])
def test_the_invitee_of_an_invitation_is_the_visitor(meetings_in, text) -> None:
    """Accepted, received, extended to or not yet answered: the invitee's visit is planned (an offer
    still open is planned); with the rule off nobody is found to visit."""
    assert _visits(meetings_in(text)) == [(("Ivo Marek",), "Norway", "planned")]
    assert _visits(meetings_in(text, off=OFF)) == []


@pytest.mark.parametrize("text", [
    "Prime Minister Ivo Marek declined an invitation from President Ana Tosk to visit Norway.",
    "Prime Minister Ivo Marek did not accept an invitation from President Ana Tosk to visit Norway.",
    "President Ana Tosk's invitation to visit Norway came as a surprise.",
])
def test_a_refused_or_unowned_invitation_gives_no_visit(meetings_in, text) -> None:
    """A declined or unaccepted invitation, or one nobody is said to have, tells no visit ahead."""
    assert _visits(meetings_in(text)) == []

"""A lone traveller's trip inside the country the text marks as the traveller's own is a trip home
or a tour at home, no visit (rule home_trip_no_visit). Invented people; real countries, as the rule
needs a nationality word the gazetteer knows."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

OFF = frozenset({"home_trip_no_visit"})


def _visits(meetings: list) -> list[tuple[tuple[str, ...], str | None]]:
    return [(m.participants, m.location) for m in meetings if m.type == "visit"]


@pytest.mark.parametrize(("text", "before"), [
    ("LISBON, March 10 (AFP)\nPortuguese Prime Minister Ivo Marek met Lin Dao in Vestby on Monday. "
     "Marek is to leave on Thursday for Portugal.",
     [(("Ivo Marek",), "Portugal")]),
    ("LIMA, March 10 (AFP)\nThe Peruvian leader visited the naval academy on Tuesday and handed out "
     "prizes.",
     [(("The Peruvian leader",), "the naval academy")]),
    ("LIMA, March 10 (AFP)\nPeruvian President Ana Tosk on Tuesday toured a textile factory in the suburbs.",
     [(("Ana Tosk",), "a textile factory")]),
])
def test_a_trip_inside_the_travellers_own_country_is_no_visit(meetings_in, text, before) -> None:
    """Going home, or touring a site at home under a dateline of one's own country: no visit;
    with the rule off it is read as one."""
    assert _visits(meetings_in(text)) == []
    assert _visits(meetings_in(text, off=OFF)) == before


@pytest.mark.parametrize(("text", "kept"), [
    ("LISBON, March 10 (AFP)\nSpanish President Ana Tosk on Tuesday toured a textile factory in the suburbs.",
     [(("Ana Tosk",), "a textile factory")]),
    ("LISBON, March 10 (AFP)\nPortuguese Foreign Minister Ivo Marek will visit Peru next week.",
     [(("Ivo Marek",), "Peru")]),
])
def test_a_visit_abroad_stays(meetings_in, text, kept) -> None:
    """A foreigner's site tour, or a trip to another country, is a visit."""
    assert _visits(meetings_in(text)) == kept

"""People: a full name's first word written alone ("Sarn will meet ..." after "Sarn Teodo"), as
names written family name first are shortened. Every sentence here is invented (Ruritania, Vesk,
Tarvik and their people do not exist).
"""

from __future__ import annotations

import pytest

from bot.extract.meeting_rules import rules_off

FIRST_OFF = frozenset({"name_first_word_alone"})

UNTAGGED = (
    "Veskan Defence Minister Kesh Varimo landed in Tarvik on Sunday. "
    "Kesh will meet Prime Minister Ana Tosk later this week."
)
TAGGED_AS_BODY = (
    "Veskan Defence Minister Sarn Teodo landed in Tarvik on Sunday. "
    "Sarn will meet Prime Minister Ana Tosk later this week."
)
TWO_HOLDERS = (
    "Veskan Defence Minister Sarn Teodo and his deputy Sarn Ulvik landed in Tarvik on Sunday. "
    "Sarn will meet Prime Minister Ana Tosk later this week."
)


def _parties(meetings_in, text: str) -> list[tuple[str, ...]]:
    return [m.participants for m in meetings_in(text) if m.type == "meeting"]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "full"), [(UNTAGGED, "Kesh Varimo"), (TAGGED_AS_BODY, "Sarn Teodo")])
def test_a_first_word_alone_is_the_person_of_that_full_name(meetings_in, text, full):
    """"Kesh will meet ..." after "Kesh Varimo", untagged or tagged a body: Varimo meets Tosk."""
    assert _parties(meetings_in, text) == [(full, "Ana Tosk")]
    with rules_off(FIRST_OFF):
        assert _parties(meetings_in, text) == []


@pytest.mark.slow
def test_a_first_word_two_full_names_share_is_no_one(meetings_in):
    """"Sarn" after "Sarn Teodo" and "Sarn Ulvik": either may be meant, so no meeting is told."""
    assert _parties(meetings_in, TWO_HOLDERS) == []

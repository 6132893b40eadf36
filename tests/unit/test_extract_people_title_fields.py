"""People: names the model does not tag that follow a title and its field ("Minister for Fisheries
and Forestry Ivo Marek"). Every sentence here is invented (Ruritania, Vesk and their people do not exist).
"""

from __future__ import annotations

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.nlp import get_nlp

FIELD_OFF = frozenset({"name_after_title_field"})

MEETING = (
    "Prime Minister Ana Tosk will meet Veskan Minister for Fisheries and Forestry Tamas Oluvek "
    "in Tarvik on Friday."
)
SPEAKER = (
    "The new museum wing was opened on Sunday by Veskan Minister for Heritage, Crafts and the "
    "Arts Oskar Lindqvar Peltomaa."
)
NO_NAME = "Ana Tosk, Secretary General of the Veskan Society of Hill Farmers' Welfare, hailed it."


def _names(text: str) -> list[str]:
    return [p.name for p in build_people_index(get_nlp()(text)).people]


@pytest.mark.slow
def test_the_name_after_a_coordinated_field_is_the_counterpart(meetings_in):
    """"will meet ... Minister for Fisheries and Forestry Tamas Oluvek": Oluvek is the one met."""
    assert [m.participants for m in meetings_in(MEETING)] == [("Ana Tosk", "Tamas Oluvek")]
    with rules_off(FIELD_OFF):
        assert meetings_in(MEETING, off=FIELD_OFF) == []


@pytest.mark.slow
def test_a_field_word_after_the_is_no_given_name():
    """"... and the Arts Oskar Lindqvar Peltomaa": the name starts after the field's last word."""
    assert _names(SPEAKER) == ["Oskar Lindqvar Peltomaa"]
    with rules_off(FIELD_OFF):
        assert _names(SPEAKER) == []


@pytest.mark.slow
def test_capitalised_words_right_after_of_are_no_name():
    """"Secretary General of the ... Society of Hill Farmers' Welfare": the words after "of" are the
    body's name, with no field word before them that the parse keeps apart: no person.
    """
    assert _names(NO_NAME) == []

"""Tests for the quote family "given_name": a person noun phrase that names its head in passing
("said a ferry passenger named Tomas") gives the speaker by that name. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"given_name"})


def test_named_participle_gives_the_speaker(quotes_of: Callable) -> None:
    """'said a local farmer named Dao': Dao speaks, not the noun phrase."""
    text = (
        "VALMORA, May 3 (Wire)\n"
        "Many parents in Valmora prefer good marks to birthday calls.\n"
        '"A fine school report is best," said a local farmer named Dao, whose son works in Vestby.'
    )
    assert speakers(quotes_of(text)) == ["Dao"]
    assert speakers(quotes_of(text, off=_OFF)) == ["a local farmer"]


def test_called_before_the_tag_gives_the_speaker(quotes_of: Callable) -> None:
    """'a rescued diver called Lind told reporters': Lind speaks."""
    text = (
        "NORLAND, May 3 (Wire)\n"
        "Rescuers reached the flooded pit after two days.\n"
        '"We dug for hours with our hands," a rescued diver called Lind told reporters.'
    )
    assert speakers(quotes_of(text)) == ["Lind"]
    assert speakers(quotes_of(text, off=_OFF)) == ["a rescued diver"]


def test_name_given_in_a_clause_covers_the_continuation(quotes_of: Callable) -> None:
    """'a ferry passenger who gave his name as Tomas', then a second quotation: both his."""
    text = (
        "VESTBY, May 3 (Wire)\n"
        "Crowds queued for the new ferry to Valmora on Saturday.\n"
        '"The crossing takes too long," said a ferry passenger who gave his name as Tomas. '
        '"I was late twice this week."'
    )
    assert speakers(quotes_of(text)) == ["Tomas", "Tomas"]
    assert speakers(quotes_of(text, off=_OFF)) == ["a ferry passenger", "a ferry passenger"]


def test_a_day_after_called_is_no_name(quotes_of: Callable) -> None:
    """'A spokesman called Monday for calm': the day is no name, the spokesman stays unnamed."""
    text = (
        "VALMORA, May 3 (Wire)\n"
        "A spokesman called Monday for calm in Valmora.\n"
        '"Stay at home," the spokesman said.'
    )
    assert speakers(quotes_of(text)) == ["the spokesman"]

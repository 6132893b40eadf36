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
    """'said a bus driver named Dao': Dao speaks, not the noun phrase."""
    text = (
        "VALMORA, May 3 (Wire)\n"
        "The new tram line to Vestby opened on Saturday after six years of work.\n"
        '"My bus will be empty from now on," said a bus driver named Dao, who has worked the route since 1990.'
    )
    assert speakers(quotes_of(text)) == ["Dao"]
    assert speakers(quotes_of(text, off=_OFF)) == ["a bus driver"]


def test_called_before_the_tag_gives_the_speaker(quotes_of: Callable) -> None:
    """'a stranded climber called Lind told reporters': Lind speaks."""
    text = (
        "NORLAND, May 3 (Wire)\n"
        "A helicopter lifted four climbers off the north ridge on Sunday.\n"
        '"The wind turned in an hour," a stranded climber called Lind told reporters.'
    )
    assert speakers(quotes_of(text)) == ["Lind"]
    assert speakers(quotes_of(text, off=_OFF)) == ["a stranded climber"]


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

"""Tests for the quote family "place_tagged_subject": a name the tagger did not take for a person
still is the he/she of the sentence after it. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_she_after_a_surname_tagged_as_a_place(quotes_of: Callable) -> None:
    """'Kasparia appeared tired ... "...," she said.': the surname of a person named before is hers."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Tamara Kasparia and Ines Lund will meet in Sunday's final after both won their semifinals here on Saturday.\n"
        '"I served well today," Lund said after beating Ana Dahl.\n'
        "Kasparia appeared tired against Marta Okafor, losing the first set. She has been bothered by a sore knee since March.\n"
        '"My knee hurt during the whole match," she said.'
    )
    assert speakers(quotes_of(text))[-1] == "Tamara Kasparia"
    assert speakers(quotes_of(text, off=frozenset({"place_tagged_subject"})))[-1] != "Tamara Kasparia"

"""Tests for the quote family "orphaned_tag": a closing tag whose speaker phrase the parser hung
inside the quotation ('"...," a neighbour, standing by the ruins, said.', '"...?" a hotel owner here
asked.') still names its speaker: the noun phrase between the closing mark and the speech verb.
Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"orphaned_tag"})


def test_phrase_set_off_by_commas(quotes_of: Callable) -> None:
    """'"...,'' a neighbour, standing by the ruins, said.': the phrase before the verb speaks."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The bakery on the quay burned down overnight.\n"
        "``We will bake again before the summer fair,'' a neighbour, standing by the ruins, said."
    )
    assert speakers(quotes_of(text)) == ["a neighbour"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_tag_verb_read_as_a_participle(quotes_of: Callable) -> None:
    """'"...?" a hotel owner here asked on Sunday.': "asked" read as a participle on the noun."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The ferry strike entered its second week.\n"
        '"Who will pay for the lost season?" a hotel owner here asked on Sunday.'
    )
    assert speakers(quotes_of(text)) == ["a hotel owner"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_quotation_inside_a_phrase_has_no_tag(quotes_of: Callable) -> None:
    """'Under the banner "...", a crowd marched': a quotation inside a phrase is followed by no tag."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        'Under the banner "Bring back our ferries", a crowd of islanders, carrying flags, marched to the port.'
    )
    assert speakers(quotes_of(text)) == []

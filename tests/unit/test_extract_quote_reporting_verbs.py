"""Tests for the reporting verbs of the lexicon's quote lists: tags with a verb of manner of
speaking ("sighed", "whispered", "confided"), with "protested" or "questioned", and a reported
clause after "charged that" or "protested that" give the speaker. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_HEAD = "VELMAR, May 3 (Wire)\nThe ferry link to the islands stayed shut for a third day on Monday.\n"


@pytest.mark.parametrize("verb", ["sighed", "whispered", "confided", "protested", "muttered", "scoffed"])
def test_closing_tag_with_a_verb_of_speaking(quotes_of: Callable, verb: str) -> None:
    """'"...," X <verb>.': the quotation is X's."""
    text = _HEAD + f'"We asked for new ropes a year ago," harbour master Olek Varga {verb}.'
    assert speakers(quotes_of(text)) == ["Olek Varga"]


def test_closing_tag_questioned(quotes_of: Callable) -> None:
    """'"...?" X questioned.': the question is X's."""
    text = _HEAD + '"Who will pay for the new ropes?" Olek Varga questioned.'
    assert speakers(quotes_of(text)) == ["Olek Varga"]


@pytest.mark.parametrize("verb", ["charged", "protested"])
def test_reported_clause_after_charge_or_protest(quotes_of: Callable, verb: str) -> None:
    """'X charged that ...': the clause is X's indirect speech."""
    text = _HEAD + f"Harbour master Olek Varga {verb} that the port board had ignored every warning."
    assert speakers(quotes_of(text), kind="indirect") == ["Olek Varga"]

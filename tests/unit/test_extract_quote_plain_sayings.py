"""Tests for the quote family "plain_saying": a saying with no quotation or reported clause of its
own ("X said this in an interview.", "X denied the reports.") is read too, so a bare quotation
right after it goes on with its speaker. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"plain_saying"})


def test_quotation_paragraph_after_a_plain_saying(quotes_of: Callable) -> None:
    """'X said this in an interview.' / '"..."': the bare paragraph goes on with X."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The old river bridge will close for repairs in June, the city announced on Monday.\n"
        "Mayor Ana Ruiz said this in an interview with the local radio after a council session.\n"
        '"The bridge will be rebuilt before winter, whatever the cost. Nobody will be cut off."'
    )
    assert speakers(quotes_of(text)) == ["Ana Ruiz"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_quotation_sentence_after_a_denial(quotes_of: Callable) -> None:
    """'X denied reports that ... "..."' in one paragraph: the quotation is X's, not an earlier speaker's."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The old river bridge will close for repairs in June, the city announced on Monday.\n"
        "Mayor Ana Ruiz denied reports that the work would take two years. "
        '"It is true that the work is late, but the bridge will open again by spring."'
    )
    assert speakers(quotes_of(text)) == ["Ana Ruiz"]
    assert speakers(quotes_of(text, off=_OFF)) != ["Ana Ruiz"]


def test_no_reading_back_past_a_sentence_of_narrative(quotes_of: Callable) -> None:
    """A quotation after a narrative sentence in its own paragraph is not the previous paragraph's sayer's."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The old river bridge will close for repairs in June, the city announced on Monday.\n"
        "Two local papers also wondered what the closure would mean for the shops.\n"
        "The Velmar Courier took a harsh line, warning that the shops would suffer. "
        '"A town cut in two is a town that dies."'
    )
    assert "Two local papers" not in speakers(quotes_of(text))

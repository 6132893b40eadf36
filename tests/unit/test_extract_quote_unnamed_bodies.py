"""Tests for the quote family "unnamed_body_pronoun": an "it" or "they" that speaks with no named
antecedent stands for the unnamed body that was the subject just before ("the port authority",
"the observer mission"), instead of the quotation being lost for want of a speaker.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_it_is_the_unnamed_body_just_before(quotes_of: Callable) -> None:
    """'The port authority issued a statement ... "...," it said': the port authority speaks."""
    text = (
        "The port authority issued a statement urging crane drivers to end their go-slow.\n"
        '"Otherwise we will hire new crews from the inland ports," it said in the statement.'
    )
    assert speakers(quotes_of(text)) == ["The port authority"]
    assert speakers(quotes_of(text, off=frozenset({"unnamed_body_pronoun"}))) == []


def test_they_may_stand_for_one_body(quotes_of: Callable) -> None:
    """'The 12-member observer mission released ... "...," they said': the mission speaks."""
    text = (
        "The 12-member observer mission sent by two choirs released its first report on Friday.\n"
        '"Singing at the polling stations was loud but orderly," they said.'
    )
    assert speakers(quotes_of(text)) == ["The 12-member observer mission"]


def test_a_person_named_since_is_not_skipped_for_the_body(quotes_of: Callable) -> None:
    """A person named after the body and before 'it': the body is not taken over that sentence."""
    text = (
        "The port authority issued a statement on Monday.\n"
        "Harbour master Ole Brekke said the talks would go on.\n"
        '"Otherwise we will hire new crews," it said in the statement.'
    )
    assert "The port authority" not in speakers(quotes_of(text))

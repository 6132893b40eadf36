"""Tests for the quote family "stance_fragment": a quoted fragment of a few words inside the
clause of a verb of stance or claim ('Kovanda blamed the delay on "..."', 'Kovanda set out
"..."') is the words of that verb's person subject. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"stance_fragment"})


def test_fragment_an_object_phrase_holds(quotes_of: Callable) -> None:
    """'blamed the delay on "..."': the fragment sits in the verb's prepositional phrase."""
    text = (
        "LISVAR, May 3 (Wire)\n"
        "Mill owner Petra Kovanda blamed the late shipment on "
        '"a fortnight of frozen canals and missing barges" at the guild meeting on Monday.'
    )
    assert speakers(quotes_of(text)) == ["Petra Kovanda"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_fragment_as_the_verbs_object(quotes_of: Callable) -> None:
    """'set out "..."': the fragment is the object of a phrasal verb of claim."""
    text = (
        "LISVAR, May 3 (Wire)\n"
        "Mill owner Petra Kovanda spoke to the guild on Monday.\n"
        'Kovanda set out "four steps to bring the mill back to full shifts" before the vote.'
    )
    assert speakers(quotes_of(text)) == ["Petra Kovanda"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_fragment_under_a_subjectless_clause(quotes_of: Callable) -> None:
    """'attacked the council for ignoring "..."': up through a clause that borrows the subject."""
    text = (
        "LISVAR, May 3 (Wire)\n"
        "Mill owner Petra Kovanda attacked the town council for ignoring "
        '"every single warning the millers sent last winter".'
    )
    assert speakers(quotes_of(text)) == ["Petra Kovanda"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_short_fragment_or_a_clause_of_its_own_is_left(quotes_of: Callable) -> None:
    """Two words ("black ice") may be a scare quote; a clause with its own subject holds its
    fragment for that subject (the inspectors found "..."), not for the one who revealed it.
    """
    text = (
        "LISVAR, May 3 (Wire)\n"
        'Mill owner Petra Kovanda blamed "black ice" for the crash.\n'
        'Kovanda revealed that the inspectors found "three cracked beams in the loft" last week.'
    )
    assert speakers(quotes_of(text)) == []

"""Tests for the quote family "unlisted_tag": a closing tag with no listed speech verb ('"...,"
Ruiz.', '"...," Ruiz reflected by phone.', '"...," shrugged Ana Ruiz, a farmer.') names its speaker
when a person's name stands where the tag stands. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"unlisted_tag"})


def test_tag_that_lost_its_verb(quotes_of: Callable) -> None:
    """'"...," Tamsin.': the copy dropped the verb; the person named before is who speaks."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Harbour master Odile Tamsin said on Monday the quay would reopen in June.\n"
        '"We have repaired the cranes and the lock gates are working again," Tamsin.'
    )
    assert speakers(quotes_of(text)) == ["Odile Tamsin"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_tag_verb_no_list_holds(quotes_of: Callable) -> None:
    """'"...," Tamsin reflected by telephone.': a verb of no list, with its phrase, after the name."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Harbour master Odile Tamsin inspected the quay on Monday.\n"
        '"The tide will decide when the first ferry can dock," Tamsin reflected by telephone from the port.'
    )
    assert speakers(quotes_of(text)) == ["Odile Tamsin"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_inverted_tag_with_apposition(quotes_of: Callable) -> None:
    """'"...," shrugged Bram Oster, a ferry pilot.': the verb before the name, then an apposition."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The ferry service to the islands stopped for a week.\n"
        '"Nobody told us when we would sail again," shrugged Bram Oster, a ferry pilot.'
    )
    assert speakers(quotes_of(text)) == ["Bram Oster"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_quotation_inside_a_phrase_is_no_tag(quotes_of: Callable) -> None:
    """'In a memo marked "urgent", Oster ...': a quotation inside a phrase is followed by no tag."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        'In a memo marked "very urgent indeed", Bram Oster, the port director, sent the board a list of tugs.'
    )
    assert [q for q in quotes_of(text) if q.kind == "direct"] == []

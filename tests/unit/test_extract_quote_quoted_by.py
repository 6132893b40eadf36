"""Tests for the quote family "quoted_by": a closing tag whose verb is "quoted" or "cited" with no
"as saying" ('"...," X was quoted by the daily.', '"...," the daily quoted X.') gives the words to
the one quoted, not to the paper that quotes. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"quoted_by"})


def test_passive_quoted_by_a_paper(quotes_of: Callable) -> None:
    """'"...," Lena Varga was quoted by the Velmar Courier.': Varga speaks, also in the next paragraph."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The harbour of Velmar stayed shut on Monday as the storm moved north.\n"
        '"The harbour will stay closed until the storm has passed," port director Lena Varga was '
        "quoted by the Velmar Courier.\n"
        '"Nobody should take a boat out before Thursday."'
    )
    assert speakers(quotes_of(text)) == ["Lena Varga", "Lena Varga"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_active_paper_quoted_a_person(quotes_of: Callable) -> None:
    """'"...," the Velmar Courier quoted mayor Piet Osk.': the one quoted speaks, not the paper."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The storm cut the coast road on Monday.\n"
        '"We will rebuild the bridge before the spring fair," the Velmar Courier quoted mayor Piet Osk.'
    )
    assert speakers(quotes_of(text)) == ["Piet Osk"]
    assert "Piet Osk" not in speakers(quotes_of(text, off=_OFF))


def test_quoted_as_saying_is_read_from_saying(quotes_of: Callable) -> None:
    """'"...," the Courier quoted him as saying.': unchanged, he is read through "saying"."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Mayor Piet Osk visited the flooded quay on Monday.\n"
        '"We will rebuild the bridge before the spring fair," the Velmar Courier quoted him as saying.'
    )
    assert speakers(quotes_of(text)) == ["Piet Osk"]

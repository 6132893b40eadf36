"""Tests for the quote families "untagged_sayer" and "place_tagged_subject": a name the tagger did
not take for a person still is the he/she of the sentence after it. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_he_after_an_untagged_name_that_spoke(quotes_of: Callable) -> None:
    """'"...," Brekkestad said. / He added ... / "...," he said.': he goes on with Brekkestad."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The harbour authority met on Monday to discuss the storm damage.\n"
        '"The harbour will reopen on Monday," Brekkestad said.\n'
        "He added that the ferries would run as usual.\n"
        '"We expect no delays," he said.'
    )
    assert speakers(quotes_of(text)) == ["Brekkestad", "Brekkestad"]
    assert speakers(quotes_of(text, off=frozenset({"untagged_sayer"}))) == ["Brekkestad"]


def test_he_is_no_organisation_that_spoke(quotes_of: Callable) -> None:
    """'"...," Norvex Bank said. / "...," he said.': a body is never he, whatever its tag."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Chief economist Ivo Marek presented the figures on Monday.\n"
        '"Rates will stay where they are," Norvex Bank said in a statement.\n'
        '"We see no reason to move," he said.'
    )
    assert "Norvex Bank" not in speakers(quotes_of(text))[1:]


def test_she_after_a_surname_tagged_as_a_place(quotes_of: Callable) -> None:
    """'Kasparia seemed calm ... "...," she said.': the surname of a person named before is hers,
    though the tagger takes it for a place; with the family off, she goes to the other woman named."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Conductor Tamara Kasparia returned to the opera house on Friday after a long absence.\n"
        "The orchestra's director, Ines Lund, welcomed her back.\n"
        "Kasparia seemed calm before the concert. She rehearsed all afternoon with the choir.\n"
        '"This hall still feels like home," she said.'
    )
    assert speakers(quotes_of(text))[-1] == "Tamara Kasparia"
    assert speakers(quotes_of(text, off=frozenset({"place_tagged_subject"})))[-1] != "Tamara Kasparia"


def test_a_misspelt_surname_stays_with_the_person_named_in_full(quotes_of: Callable) -> None:
    """'Mohammad Brekkestad ... "...," Brekestad said. / "...," he said.': he is the person named in full."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Port director Mohammad Brekkestad told reporters that the harbour had been damaged by the storm.\n"
        '"The quay was hit hard," Brekestad said.\n'
        '"We expect to reopen in a week," he said.'
    )
    assert speakers(quotes_of(text))[-1] == "Mohammad Brekkestad"

"""Tests for the quote family "unnamed_subject": a speaking he/she/they whose nearest antecedent is
an unnamed person subject ("A 52-year-old woman appealed ... '...,' she told the paper") is that
phrase, not a person named further back or in passing. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"unnamed_subject"})


def test_unnamed_woman_of_the_lead_speaks(quotes_of: Callable) -> None:
    """No one is named: 'she told' is the woman of the lead, whose quotes were lost before."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A 52-year-old Velmar woman whose bakery burned down on Sunday appealed to the town council for help.\n"
        '"We lost everything we built," she told the Velmar Courier. "The insurers will not answer."'
    )
    assert speakers(quotes_of(text)) == ["A 52-year-old Velmar woman", "A 52-year-old Velmar woman"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_unnamed_subject_wins_over_a_person_named_in_passing(quotes_of: Callable) -> None:
    """'a young woman spoke ... at the hearing of Ivo Marek': 'she said' is the woman."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A young woman from the docks spoke on Tuesday at the bribery hearing of former harbour chief Ivo Marek.\n"
        "She said the crane permits had been paid for in cash.\n"
        '"Everyone on the quay knew the price," she said.'
    )
    assert speakers(quotes_of(text)) == ["A young woman from the docks"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Ivo Marek"]


def test_unnamed_many_speak_as_they(quotes_of: Callable) -> None:
    """'The two researchers were suspended ... They said ...': they are the researchers."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Norvex Labs said on Monday that its vaccine trial had gone well.\n"
        "The two researchers who ran it were suspended on Friday.\n"
        "They said the vials had been mislabelled in March."
    )
    said = [q for q in quotes_of(text) if q.text.startswith("the vials")]
    assert [q.speaker for q in said] == ["The two researchers"]
    said = [q for q in quotes_of(text, off=_OFF) if q.text.startswith("the vials")]
    assert [q.speaker for q in said] == []  # lost: no speaker


def test_person_named_after_the_unnamed_subject_is_the_one(quotes_of: Callable) -> None:
    """A person named in a later sentence than the unnamed subject is the nearer antecedent."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A senior harbour official has urged calm after the strike.\n"
        "After a tour of the docks, Ana Tosk, head of the harbour board, met the dockers.\n"
        '"Nobody will lose a job," she said.'
    )
    assert speakers(quotes_of(text)) == ["Ana Tosk"]


def test_the_one_asked_is_not_the_unnamed_asker(quotes_of: Callable) -> None:
    """'The prosecutor asked her ... She replied': she is the woman asked, not the prosecutor."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A 29-year-old Velmar woman gave evidence on Monday at the hearing of Ivo Marek.\n"
        '"I kept the harbour ledgers myself," she said.\n'
        'The prosecutor then asked her where the ledgers were kept. She replied "In the office safe."'
    )
    assert speakers(quotes_of(text)) == ["A 29-year-old Velmar woman", "A 29-year-old Velmar woman"]

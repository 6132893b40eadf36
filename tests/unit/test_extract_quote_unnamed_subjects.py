"""Tests for the quote family "unnamed_subject": a speaking he/she/they whose nearest antecedent is
an unnamed person subject ("A 41-year-old woman pleaded ... '...,' she told the paper") is that
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
        "A 41-year-old Velmar woman who survived the ferry fire asked the press on Monday to leave her family alone.\n"
        '"I feel very well," she told the Velmar Courier. "I need calm."'
    )
    assert speakers(quotes_of(text)) == ["A 41-year-old Velmar woman", "A 41-year-old Velmar woman"]
    assert speakers(quotes_of(text, off=_OFF)) == []


def test_unnamed_subject_wins_over_a_person_named_in_passing(quotes_of: Callable) -> None:
    """'a retired woman testified ... at the trial of Ivo Marek': 'she said' is the woman."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A retired woman testified on Tuesday at the fraud trial of former mayor Ivo Marek.\n"
        "She said she had lost her savings in the harbour scheme.\n"
        '"I trusted the town hall," she said.'
    )
    assert speakers(quotes_of(text)) == ["A retired woman"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Ivo Marek"]


def test_unnamed_many_speak_as_they(quotes_of: Callable) -> None:
    """'The two researchers were dismissed ... They said ...': they are the researchers."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Norvex Labs said on Monday that its vaccine trial had gone well.\n"
        "The two researchers who ran it were dismissed on Friday.\n"
        "They said the samples had been lost in March."
    )
    said = [q for q in quotes_of(text) if q.text.startswith("the samples")]
    assert [q.speaker for q in said] == ["The two researchers"]
    said = [q for q in quotes_of(text, off=_OFF) if q.text.startswith("the samples")]
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
    """'A defence lawyer asked her ... She replied': she is the witness asked, not the lawyer."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "A 41-year-old Velmar woman testified on Monday at the trial of Ivo Marek.\n"
        '"My youth was lost," she said.\n'
        'A defence lawyer asked her if she had seen the files. She replied "No."'
    )
    assert speakers(quotes_of(text)) == ["A 41-year-old Velmar woman", "A 41-year-old Velmar woman"]

"""Indirect quotes from a clause joined to a saying: "X said A, and she was pleased with B" - the
second clause, its subject a pronoun and its verb a state or a modal, is reported too. Invented
text, the rule also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.models import Quote

pytestmark = pytest.mark.slow

JOINED = frozenset({"joined_clause"})


def indirect(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "indirect"]


def test_joined_state_clause_is_a_second_quote(quotes_of: Callable) -> None:
    """'X said A, and she was pleased with B': both clauses are X's; with the rule off only A."""
    text = ("The mayor of Dunmarrow, Tilde Oskarsson, said the harbour project was on schedule, "
            "and she was pleased with the work of the engineers.")
    first = ("Tilde Oskarsson", "the harbour project was on schedule")
    second = ("Tilde Oskarsson", "she was pleased with the work of the engineers")
    assert indirect(quotes_of(text)) == [first, second]
    assert indirect(quotes_of(text, off=JOINED)) == [first]


def test_joined_modal_clause_is_a_second_quote(quotes_of: Callable) -> None:
    """'X said A, and she would do B': the modal clause is X's too."""
    text = "Oskarsson said the ferry timetable was settled, and she would take the first crossing herself in March."
    first = ("Oskarsson", "the ferry timetable was settled")
    second = ("Oskarsson", "she would take the first crossing herself in March")
    assert indirect(quotes_of(text)) == [first, second]
    assert indirect(quotes_of(text, off=JOINED)) == [first]


def test_joined_clause_after_a_quoted_fragment(quotes_of: Callable) -> None:
    """A first clause holding a quoted fragment gives the direct quote only; the joined clause stays."""
    text = ('The Kestrel mayor said the old lighthouse stayed "the pride of every fisher on this cold '
            'and windy coast," and she was glad the ferry would run again.')
    assert indirect(quotes_of(text)) == [("The Kestrel mayor", "she was glad the ferry would run again")]
    assert indirect(quotes_of(text, off=JOINED)) == []


def test_joined_narrative_is_not_a_quote(quotes_of: Callable) -> None:
    """'X said A, and she then left for B': an action of the narrative, no state, no quote."""
    text = "Oskarsson said the talks were useful, and she then left for the airport."
    assert indirect(quotes_of(text)) == [("Oskarsson", "the talks were useful")]


def test_no_joined_clause_after_a_question(quotes_of: Callable) -> None:
    """'Neither would explain why ..., but ... she was certain ...': no statement, nothing joined to it."""
    text = ("Neither cousin would explain why the barn burned, but after the storm had passed, she was "
            "certain the fields would recover.")
    assert indirect(quotes_of(text)) == indirect(quotes_of(text, off=JOINED))

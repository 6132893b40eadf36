"""Indirect quotes from a closing source: an "according to" phrase that closes its sentence
vouches for every clause of a coordination. Invented text, the rule also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.models import Quote

pytestmark = pytest.mark.slow

COORDINATION = frozenset({"according_coordination"})


def indirect(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "indirect"]


def test_closing_source_vouches_for_every_coordinated_clause(quotes_of: Callable) -> None:
    """'A and B, according to X': both clauses are X's; with the rule off only the last is kept."""
    text = "The dam above Tarvik burst on Monday and the lower town was flooded, according to Ivo Marek."
    assert indirect(quotes_of(text)) == [
        ("Ivo Marek", "The dam above Tarvik burst on Monday and the lower town was flooded")
    ]
    assert indirect(quotes_of(text, off=COORDINATION)) == [("Ivo Marek", "the lower town was flooded")]


def test_closing_source_after_a_contrast(quotes_of: Callable) -> None:
    """'A, but B, according to X': the whole coordination is reported; with the rule off only the last."""
    text = "The ferry left Tarvik late on Sunday, but nobody on board was hurt, according to the harbour office."
    assert indirect(quotes_of(text)) == [
        ("the harbour office", "The ferry left Tarvik late on Sunday, but nobody on board was hurt")
    ]
    assert indirect(quotes_of(text, off=COORDINATION)) == [("the harbour office", "nobody on board was hurt")]

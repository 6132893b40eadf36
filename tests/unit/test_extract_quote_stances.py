"""Indirect quotes from a stance: "X was confident that ...", "X remained adamant that ...": the
that-clause of an adjective of firm stance is what X holds and says. Invented text, the rule
also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.models import Quote

pytestmark = pytest.mark.slow

STANCE = frozenset({"stance_clause"})


def indirect(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "indirect"]


def test_linking_verb_and_stance_adjective_report_the_clause(quotes_of: Callable) -> None:
    """'X remained adamant that ...': the that-clause is X's; with the rule off nothing is found."""
    text = "The Tarvik harbour board remained adamant that the old pier would reopen before the winter."
    assert indirect(quotes_of(text)) == [
        ("The Tarvik harbour board", "the old pier would reopen before the winter")
    ]
    assert indirect(quotes_of(text, off=STANCE)) == []


def test_stance_of_a_named_person(quotes_of: Callable) -> None:
    """'X was confident that ...' gives X's clause."""
    text = "Ivo Marek was confident that the grain barges would reach the coast by Friday."
    assert indirect(quotes_of(text)) == [("Ivo Marek", "the grain barges would reach the coast by Friday")]
    assert indirect(quotes_of(text, off=STANCE)) == []


def test_denied_stance_and_other_adjectives_report_nothing(quotes_of: Callable) -> None:
    """'was not sure that', 'was glad that': no firm stance, no quote."""
    assert indirect(quotes_of("Ivo Marek was not sure that the grain barges would reach the coast.")) == []
    assert indirect(quotes_of("Ivo Marek was glad that the grain barges had reached the coast.")) == []


def test_stance_under_a_saying_is_the_saying_s(quotes_of: Callable) -> None:
    """'X said he was certain that ...': one quote, read from "said"."""
    text = "Ivo Marek said he was certain that the grain barges would reach the coast by Friday."
    assert indirect(quotes_of(text)) == [
        ("Ivo Marek", "he was certain that the grain barges would reach the coast by Friday")
    ]

"""Tests for quotes._bracket_closed: a speaker's name or phrase never ends inside an open
bracket ("the Society for Mountain Rescue (SMR"); the closing bracket is taken in, or the open
one left out when nothing closes it.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.extract.quotes import _bracket_closed

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def doc_of() -> Any:
    from bot.extract.nlp import get_nlp

    return get_nlp()


def _index(doc: Any, text: str) -> int:
    return next(t.i for t in doc if t.text == text)


def test_the_closing_bracket_just_after_is_taken_in(doc_of: Any) -> None:
    """A span ending on the abbreviation 'SMR' ends on the ')' that follows it."""
    doc = doc_of("Yesterday the Society for Mountain Rescue (SMR) counted forty stranded skiers.")
    start, abbreviation = _index(doc, "the"), _index(doc, "SMR")
    assert doc[_bracket_closed(doc, start, abbreviation)].text == ")"


def test_an_unclosed_bracket_is_left_out(doc_of: Any) -> None:
    """With no ')' after it, the span stops before the open bracket."""
    doc = doc_of("Yesterday the Society for Mountain Rescue (SMR and its partners counted skiers.")
    start, abbreviation = _index(doc, "the"), _index(doc, "SMR")
    assert doc[_bracket_closed(doc, start, abbreviation)].text == "Rescue"


def test_a_balanced_span_is_unchanged(doc_of: Any) -> None:
    """A span with no bracket, or with both, keeps its end."""
    doc = doc_of("Yesterday the Society for Mountain Rescue (SMR) counted forty stranded skiers.")
    start, rescue, closing = _index(doc, "the"), _index(doc, "Rescue"), _index(doc, ")")
    assert _bracket_closed(doc, start, rescue) == rescue
    assert _bracket_closed(doc, start, closing) == closing

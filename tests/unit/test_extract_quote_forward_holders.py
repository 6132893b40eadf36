"""Tests for the quote family "forward_holder": past the story's lead, a role phrase does not point
forward to a holder the text names for the first time paragraphs later ("a coast guard spokesman
said ... Fisheries Ministry spokesman Jonas Ekdal said"); a lead still may, and so may a role whose
holder is named within the next two sentences. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import indirect, speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"forward_holder"})


def test_role_mid_story_is_not_a_holder_named_later(quotes_of: Callable) -> None:
    """A spokesman after another person was named is not the spokesman titled three sentences on."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Two fishing boats collided off the Velmar pier on Sunday, harbour master Ivo Marek said.\n"
        "A coast guard spokesman said three sailors were taken to hospital.\n"
        '"The fog came down in minutes," the spokesman said.\n'
        "Both boats were towed back to the pier by noon.\n"
        "The crews were questioned in the afternoon.\n"
        "Later that day, Fisheries Ministry spokesman Jonas Ekdal said the ministry would review the rules."
    )
    quotes = quotes_of(text)
    assert speakers(quotes) == ["the spokesman"]
    assert indirect(quotes)[1] == ("A coast guard spokesman", "three sailors were taken to hospital")
    assert speakers(quotes_of(text, off=_OFF)) == ["Jonas Ekdal"]


def test_role_in_the_lead_may_be_named_later(quotes_of: Callable) -> None:
    """The lead's role phrase, before anyone is named, is still the holder named after it."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The coast guard spokesman said on Sunday that three sailors were taken to hospital.\n"
        '"The fog came down in minutes," the spokesman said.\n'
        "Jonas Ekdal, the spokesman, later said the boats had no radar."
    )
    assert speakers(quotes_of(text)) == ["Jonas Ekdal"]


def test_role_with_its_name_in_the_same_sentence(quotes_of: Callable) -> None:
    """'said a spokesman, Jonas Ekdal': the name set against the role in its sentence speaks."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Harbour master Ivo Marek closed the pier on Sunday.\n"
        '"The fog came down in minutes," said a coast guard spokesman, Jonas Ekdal.'
    )
    assert speakers(quotes_of(text)) == ["Jonas Ekdal"]


def test_role_named_in_the_next_sentence_is_that_person(quotes_of: Callable) -> None:
    """'A coast guard spokesman said ... spokesman Jonas Ekdal told': named as the story goes on."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Harbour master Ivo Marek closed the pier on Sunday.\n"
        "A coast guard spokesman said three sailors were taken to hospital.\n"
        '"The fog came down in minutes," coast guard spokesman Jonas Ekdal told the radio.'
    )
    assert indirect(quotes_of(text))[0] == ("Jonas Ekdal", "three sailors were taken to hospital")

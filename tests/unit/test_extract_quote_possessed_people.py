"""Tests for the quote family "possessed_person": a noun a named person possesses ("Lind's father",
"Lind's colleague", "Lind's deputy") names someone of that person's, never the person, so the
speaker is the phrase. Invented text only.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow

_OFF = frozenset({"possessed_person"})


def test_relative_of_a_named_person(quotes_of: Callable) -> None:
    """'Tarik Oslund's father said': the father speaks, not the boy."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "The boy Tarik Oslund, 6, has lived with his uncle since March.\n"
        '"I want my son home before the winter," Tarik Oslund\'s father said in a letter on Monday.'
    )
    assert speakers(quotes_of(text)) == ["Tarik Oslund's father"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Tarik Oslund"]


def test_colleague_of_a_named_person_after_the_tag(quotes_of: Callable) -> None:
    """'said Pell's colleague, who ...': the colleague speaks about Pell."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Reporter Ando Pell, 51, died at home last week.\n"
        '"He was calm and cheerful when I saw him on Friday," said Pell\'s colleague, who asked '
        "not to be named."
    )
    assert speakers(quotes_of(text)) == ["Pell's colleague"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Ando Pell"]


def test_deputy_of_a_named_person(quotes_of: Callable) -> None:
    """'Marko Velz's top deputy said': the deputy, a title word the lists do not hold."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Rebel chief Marko Velz has not been seen for a year.\n"
        '"The war will go on until the last village is free," Marko Velz\'s top deputy said in a '
        "tape aired on Monday."
    )
    assert speakers(quotes_of(text)) == ["Marko Velz's top deputy"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Marko Velz"]


def test_office_of_a_named_person_is_still_the_office(quotes_of: Callable) -> None:
    """'Lind's office said' stays the office with the full name (owned_body), as before."""
    text = (
        "VELMAR, May 3 (Wire)\n"
        "Mayor Ivo Lind left for the coast on Sunday.\n"
        '"He will be back on Friday," Lind\'s office said.'
    )
    assert speakers(quotes_of(text)) == ["Ivo Lind's office"]
    assert speakers(quotes_of(text, off=_OFF)) == ["Ivo Lind's office"]

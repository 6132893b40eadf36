"""Tests for the quote family "described_protagonist": a speaker named by a description of the
person the story is about ("the outgoing treasurer", "the devout Methodist") is that person,
while the same words on an organisation, or on one the text left unnamed, stay a phrase.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_outgoing_title_is_the_person_just_introduced(quotes_of: Callable) -> None:
    """'the outgoing treasurer told' after a sentence about Greta Hollund: Greta Hollund speaks."""
    text = (
        "Greta Hollund, who leaves the guild of clockmakers next month, handed out prizes to "
        "apprentices on Saturday.\n"
        '"Keep your hands steady and your springs oiled," the outgoing treasurer told them.'
    )
    assert speakers(quotes_of(text)) == ["Greta Hollund"]
    assert speakers(quotes_of(text, off=frozenset({"described_protagonist"}))) == ["the outgoing treasurer"]


def test_hyphenated_description_is_the_person_not_its_last_word(quotes_of: Callable) -> None:
    """'the one-time chess prodigy said': the earlier person, not a bare 'prodigy'."""
    text = (
        "Pavo Lintukari opened a chess school for orphans in a disused mill outside Rauma.\n"
        '"Every child here will learn the Sicilian before the Scandinavian," the one-time chess '
        "prodigy said."
    )
    assert speakers(quotes_of(text)) == ["Pavo Lintukari"]


def test_described_by_a_creed_is_the_person_not_the_creed(quotes_of: Callable) -> None:
    """'the devout Methodist told' after Ruth Abernathy: Ruth Abernathy, not 'Methodist'."""
    text = (
        "Ruth Abernathy gave her lottery winnings to a hospice in Colvend.\n"
        '"I never wanted a yacht," the devout Methodist told the parish newsletter.'
    )
    assert speakers(quotes_of(text)) == ["Ruth Abernathy"]


def test_an_unnamed_one_stays_unnamed(quotes_of: Callable) -> None:
    """'a former ferryman ... the former ferryman said': the phrase, not a person named before."""
    text = (
        "Anders Vikum runs the museum of the old ferry line in Nordhamn.\n"
        "A former ferryman who worked the line for forty years showed visitors the engine room.\n"
        '"She never missed a crossing," the former ferryman said.'
    )
    assert speakers(quotes_of(text)) == ["the former ferryman"]


def test_an_organisation_so_described_stays_an_organisation(quotes_of: Callable) -> None:
    """'the outgoing council said': a body, never the person named before."""
    text = (
        "Mayor Idris Kellan cut the ribbon on the new ferry pier at Oldmoor.\n"
        '"The pier was finished under budget," the outgoing council said in a leaflet.'
    )
    assert "Idris Kellan" not in speakers(quotes_of(text))

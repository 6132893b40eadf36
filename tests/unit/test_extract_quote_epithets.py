"""Tests for the epithets and person nouns bot.extract.quotes resolves to an earlier speaker ("said the
former Cup winner"): each rule family is checked on invented text, and switched off by name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_capitalised_epithet_is_the_protagonist_not_a_name(quotes_of: Callable) -> None:
    """'said the eight-time Nordic Cup of Nations winner': a deed, the parser heading it by 'Cup'."""
    text = (
        "TORVIK, June 6 (AFP)\n"
        "Open champion Mats Edvin won the Torvik Classic by two shots on Sunday after his rival Pol "
        "Arnesen dropped a shot at the last hole.\n"
        '"My heart goes out to Pol, he played so well all week," said the eight-time Nordic Cup of '
        "Nations winner, who finished on twelve under par."
    )
    assert speakers(quotes_of(text)) == ["Mats Edvin"]
    assert speakers(quotes_of(text, off=frozenset({"capitalised_epithet"}))) == ["Nordic Cup"]


def test_epithet_refers_to_the_one_introduced_by_a_deed(quotes_of: Callable) -> None:
    """'the one-time ... midfielder' after the club chairman spoke: the former star, not the chairman."""
    text = (
        "VARNES, May 4 (AFP)\n"
        "Former Oslund star Teodor Brakk has been fined for missing a training session at Varnes City.\n"
        "Club chairman Ivo Lindqvist said he had warned Brakk twice before the match against Kelmar.\n"
        "The one-time Oslund, Kelmar and Varnes midfielder admitted he was late but insisted he had "
        'been "treated unfairly".'
    )
    assert speakers(quotes_of(text)) == ["Teodor Brakk"]
    assert speakers(quotes_of(text, off=frozenset({"deed_introduced"}))) == ["Ivo Lindqvist"]


def test_person_noun_phrase_with_its_own_name_is_not_an_earlier_speaker(quotes_of: Callable) -> None:
    """'the regional fire chief of Velmar Colonel Ivo Rask told' after 'a local official said':
    the phrase names who speaks, not the official."""
    text = (
        "VELMAR, May 2 (AFP)\n"
        "A fire destroyed the tax office in Velmar on Monday, a local official said.\n"
        '"Firefighters came quickly and nobody was hurt," the regional fire chief of Velmar Colonel Ivo '
        "Rask told reporters."
    )
    assert speakers(quotes_of(text)) == ["the regional fire chief of Velmar Colonel Ivo Rask"]
    assert speakers(quotes_of(text, off=frozenset({"noun_reference_check"}))) == ["a local official"]


def test_the_source_is_never_a_named_speaker(quotes_of: Callable) -> None:
    """'the source said' after 'according to a source' and a named negotiator: not the negotiator."""
    text = (
        "ORLAND, May 2 (AFP)\n"
        "Talks on the canal dispute resumed on Monday in Orland, according to a source at the talks.\n"
        "Chief negotiator Ana Ruiz said in her opening speech that her side had new proposals.\n"
        '"The two sides are still far apart," the source said.'
    )
    assert speakers(quotes_of(text)) == ["the source"]
    assert speakers(quotes_of(text, off=frozenset({"noun_reference_check"}))) == ["Ana Ruiz"]

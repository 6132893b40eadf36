"""Tests for role speakers bot.extract.quotes resolves to the person the text names in that role:
each rule family is checked on invented text, and switched off by name.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.conftest import speakers

pytestmark = pytest.mark.slow


def test_possessed_role_named_later_is_its_holder(quotes_of: Callable) -> None:
    """'his lawyer said' with 'lawyer Petra Lindqvist' further on: the one lawyer the text names."""
    text = (
        "Winger Ole Brekke hurt his knee in the cup match at Varnes on Sunday. "
        '"He needs two weeks of rest," his lawyer said on Monday. '
        "The club later heard the same from lawyer Petra Lindqvist."
    )
    assert speakers(quotes_of(text)) == ["Petra Lindqvist"]
    assert speakers(quotes_of(text, off=frozenset({"possessed_role"}))) == ["his lawyer"]


def test_possessed_role_named_before_is_its_holder(quotes_of: Callable) -> None:
    """'the governor's spokeswoman' after 'spokeswoman Carla Benning': the same person."""
    text = (
        "Reporters in Oslund were briefed by spokeswoman Carla Benning before the vote. "
        '"We are not giving up on the bill," the governor\'s spokeswoman told them afterwards.'
    )
    assert speakers(quotes_of(text)) == ["Carla Benning"]
    assert speakers(quotes_of(text, off=frozenset({"possessed_role"}))) != ["Carla Benning"]


def test_possessed_role_given_to_two_people_stays_unresolved(quotes_of: Callable) -> None:
    """Two people titled 'lawyer': 'her lawyer' may be either, so the phrase stays."""
    text = (
        "The firm sent lawyer Petra Lindqvist and lawyer Jonas Ekdal to Varnes on Friday. "
        '"The contract is void," her lawyer said.'
    )
    assert speakers(quotes_of(text)) == ["her lawyer"]


def test_role_apposed_to_a_name_later_is_its_holder(quotes_of: Callable) -> None:
    """'the head of the regional council told reporters ... Ragnar Holt, head of the regional
    council': the one person named with every word of that role."""
    text = (
        '"The ceasefire is holding," the head of the regional council told reporters in Kelmar on '
        "Tuesday. The mayor later met Ragnar Holt, head of the regional council."
    )
    assert speakers(quotes_of(text)) == ["Ragnar Holt"]
    assert speakers(quotes_of(text, off=frozenset({"apposed_holder"}))) == ["the head of the regional council"]


def test_role_after_an_unnamed_one_is_not_the_named_holder(quotes_of: Callable) -> None:
    """'an official said ... the official said': the unnamed one, though another official is named."""
    text = (
        "The port will stay shut until March, an official in Kelmar said. "
        "The harbour master, Ragnar Holt, an official since 2001, disagreed.\n"
        '"It could open sooner," the official said.'
    )
    assert "Ragnar Holt" not in speakers(quotes_of(text))


def test_name_closing_a_role_phrase_speaks(quotes_of: Callable) -> None:
    """'said a dealer at <firm>, Jonas Ekdal': the name closing the role's phrase is the dealer."""
    text = '"Grain will stay cheap," said a dealer at commodity trader Vantor Group, Jonas Ekdal.'
    assert speakers(quotes_of(text)) == ["Jonas Ekdal"]
    assert speakers(quotes_of(text, off=frozenset({"closing_name"}))) == [
        "a dealer at commodity trader Vantor Group"
    ]

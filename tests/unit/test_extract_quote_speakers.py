"""Tests for the speakers bot.extract.quotes gives quotations when the parser misplaces a name or a
sentence break: each rule family is checked on invented text, and switched off by name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.extract.entities import build_people_index
from bot.extract.quotes import extract_quotes
from bot.extract.text import clean_text
from bot.models import Quote

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quotes_of() -> Callable[..., list[Quote]]:
    from bot.extract.nlp import get_nlp

    nlp = get_nlp()

    def run(text: str, **kwargs: Any) -> list[Quote]:
        doc = nlp(clean_text(text))
        return extract_quotes(doc, build_people_index(doc), source_text=text, **kwargs)

    return run


def speakers(quotes: list[Quote], kind: str = "direct") -> list[str | None]:
    return [q.speaker for q in quotes if q.kind == kind]


def test_name_and_apposition_before_a_subjectless_verb_speak(quotes_of: Callable) -> None:
    """'In the port of X, General Y, head of the navy, said ...': the parser hangs the name on the
    fronted phrase; the name and its apposition just before the verb are its subject."""
    text = (
        "Colonel Arvid Lenk inspected the harbour guard on Monday.\n"
        "In the northern port of Velmar, General Tomas Okonye, commander of the coastal fleet, "
        "said the ships were ready after a long drill.\n"
        'Asked about leave, he replied that "every crew has its orders" until spring.'
    )
    assert speakers(quotes_of(text)) == ["Tomas Okonye"]
    assert speakers(quotes_of(text, off=frozenset({"comma_name"}))) != ["Tomas Okonye"]


def test_name_apposed_to_a_noun_inside_the_speakers_phrase_is_the_speaker(quotes_of: Callable) -> None:
    """'The envoy to the river board, X, said': X is the envoy, not the board."""
    text = (
        "Trade Minister Halvard Soren opened the river talks in Dunmore.\n"
        "The Vantish representative to the nine-nation river board, Amina Toure, said that the "
        "board would keep its quotas unchanged.\n"
        '"I expect no change this season," she said.'
    )
    assert speakers(quotes_of(text)) == ["Amina Toure"]
    assert speakers(quotes_of(text, off=frozenset({"comma_name"}))) != ["Amina Toure"]


def test_lower_case_words_after_a_closing_mark_carry_its_tag(quotes_of: Callable) -> None:
    """'"Out, X!" marchers shouted as ...': the parser ends the sentence at the mark, yet no
    sentence opens in lower case; the tag is the quotation's, even with a long sentence after."""
    text = (
        "Organisers had called for a peaceful march to the Dunmore town hall on Sunday.\n"
        '"Down with the toll!" marchers shouted as the square filled with families carrying '
        "banners and drums from the valley villages."
    )
    assert speakers(quotes_of(text)) == ["marchers"]
    assert speakers(quotes_of(text, off=frozenset({"split_tag"}))) != ["marchers"]


def test_a_name_with_a_person_in_apposition_is_a_person_for_she(quotes_of: Callable) -> None:
    """'X, a deputy of the Greens, warned ...' makes X a person whatever the name's tag, so a
    later "she said" is hers, not an earlier man's."""
    text = (
        "Police said Marek Dolan had been arrested on Friday.\n"
        "Marit Haugen-Strand, a deputy of the Free Harbour Party, warned that the ruling came too early.\n"
        'On local radio she later told listeners that ministers ought to "cool their words."'
    )
    assert speakers(quotes_of(text)) == ["Marit Haugen-Strand"]
    assert speakers(quotes_of(text, off=frozenset({"apposed_person"}))) != ["Marit Haugen-Strand"]


def test_the_role_refers_back_to_its_apposed_holder_not_one_named_later(quotes_of: Callable) -> None:
    """'A spokesman, X, urged ... "...," the spokesman said' is X, even when the people index
    knows only a spokesman the text names further down."""
    text = (
        'A palace spokesman, Edvin Marsk, urged the rebels to "lay down arms at once."\n'
        '"No other road leads to peace," the spokesman added.\n'
        'Later, ministry spokesman Jonas Feldt said: "We agree with the palace."'
    )
    got = speakers(quotes_of(text))
    assert got[:2] == ["Edvin Marsk", "Edvin Marsk"]
    assert speakers(quotes_of(text, off=frozenset({"later_holder"})))[1] == "Jonas Feldt"

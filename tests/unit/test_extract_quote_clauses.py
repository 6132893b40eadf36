"""Indirect-quote text: a that-clause opens at its "that"; words of the reporting clause the parser
hung before it are not the reported words. Invented text, each rule also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.models import Quote

pytestmark = pytest.mark.slow

RULE = frozenset({"complementizer_start"})

ADVERB_BEFORE = (
    "Ivo Marek said earlier that Lena Vask, who has since left the council, had approved the new "
    "road before the vote."
)
SETTING_BEFORE = (
    "Ivo Marek, head of the Tarvik harbour office, told the Northern Fisheries Forum convened in May, "
    "that it is wrong to blame the port for the late grain shipments."
)


def texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes if q.kind == "indirect"]


def test_adverb_of_the_saying_is_not_reported(quotes_of: Callable) -> None:
    """'said earlier that X ...': the clause starts after "that"; with the rule off "earlier" leaks in."""
    assert texts(quotes_of(ADVERB_BEFORE)) == [
        "Lena Vask, who has since left the council, had approved the new road before the vote"
    ]
    assert texts(quotes_of(ADVERB_BEFORE, off=RULE))[0].startswith("earlier that")


def test_setting_of_the_saying_is_not_reported(quotes_of: Callable) -> None:
    """'told the assembly convened in May, that ...': the setting the parser took for the clause stays out."""
    assert texts(quotes_of(SETTING_BEFORE)) == [
        "it is wrong to blame the port for the late grain shipments"
    ]
    assert texts(quotes_of(SETTING_BEFORE, off=RULE))[0].startswith("convened in May")


TAG_RULE = frozenset({"complementizer_tag"})
TAGGED_THAT = "Ana Tosk told the assembly that poor planning of the new roads had left the villages cut off."


def test_complementizer_read_as_determiner_is_dropped(quotes_of: Callable) -> None:
    """'told X that poor planning ...': a "that" tagged IN but parsed det opens the clause and goes."""
    assert texts(quotes_of(TAGGED_THAT)) == ["poor planning of the new roads had left the villages cut off"]
    assert texts(quotes_of(TAGGED_THAT, off=TAG_RULE))[0].startswith("that poor")


ORPHAN = frozenset({"orphan_complementizer"})


def test_complementizer_the_parser_hung_elsewhere_opens_the_clause(quotes_of: Callable) -> None:
    """'X insisted that far from the coast, ...': the parser hangs "that" inside a fronted phrase
    and leaves the saying without a clause; the clause after "that" is X's. Off: nothing."""
    text = "Ilse Brandt insisted that far from the coast, nobody in Varde wanted a new road through the marsh."
    assert texts(quotes_of(text)) == ["far from the coast, nobody in Varde wanted a new road through the marsh"]
    assert texts(quotes_of(text, off=ORPHAN)) == []


def test_participle_saying_keeps_to_its_own_clause(quotes_of: Callable) -> None:
    """'Adding that A, the board thanked B': no quote runs on into the main clause."""
    text = ("Adding that the ferry would run again in May, the harbour board thanked the islanders for "
            "their patience over the winter.")
    assert not any(", the harbour board thanked" in t for t in texts(quotes_of(text)))

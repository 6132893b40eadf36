"""Speech tags: one set off by commas inside the clause it reports keeps the clause's own subject
in the indirect quote ("The new bridge, she said, will open in May"); one closing a quotation
('"...," said X') names the speaker before a verb of wishing that holds the quotation. Invented
text, each rule also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.models import Quote

pytestmark = pytest.mark.slow

RULE = frozenset({"subject_before_tag"})


def indirect(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "indirect"]


def test_subject_before_a_mid_sentence_tag_is_reported(quotes_of: Callable) -> None:
    """'The road, X said on Monday, would open ...': the road is what was said of; with the rule off
    the quote starts after the tag."""
    text = "The new coast road, Peter Marek said on Monday, would open to lorries in May after the vote."
    assert indirect(quotes_of(text)) == [
        ("Peter Marek", "The new coast road, Peter Marek said on Monday, would open to lorries in May after the vote")
    ]
    assert indirect(quotes_of(text, off=RULE)) == [("Peter Marek", "would open to lorries in May after the vote")]


def test_long_subject_before_the_tag(quotes_of: Callable) -> None:
    """A subject with its own modifiers is kept whole."""
    text = "The talks between the two harbour towns, the mayor said, had been useful for both."
    assert [t for _s, t in indirect(quotes_of(text))] == [
        "The talks between the two harbour towns, the mayor said, had been useful for both"
    ]
    assert [t for _s, t in indirect(quotes_of(text, off=RULE))] == ["had been useful for both"]


def test_fronted_phrase_and_relative_pronoun_stay_out(quotes_of: Callable) -> None:
    """'Besides, X said, ...' and 'Since May, X said, ...' report what follows the tag; 'which, he
    said, ...' is no subject of a statement."""
    assert indirect(quotes_of("Besides, Peter Marek said, the road has been closed to all lorries.")) == [
        ("Peter Marek", "the road has been closed to all lorries")
    ]
    assert indirect(quotes_of("Since May, Peter Marek said, the road has been closed to all lorries.")) == [
        ("Peter Marek", "the road has been closed to all lorries")
    ]
    found = indirect(quotes_of(
        "Peter Marek opened the bridge, which, he said, will change life in the valley for good."))
    assert all(not t.startswith("which") for _s, t in found)


CLOSING = frozenset({"closing_tag"})


def direct(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    return [(q.speaker, q.text) for q in quotes if q.kind == "direct"]


def test_closing_tag_names_the_speaker_over_a_verb_of_wishing(quotes_of: Callable) -> None:
    """'Many farmers hope to win a hearing "...," said X': the tag closing the quotation names who
    spoke; with the rule off "hope" keeps the quotation for its own subject."""
    text = ('Many farmers hope to win a hearing "so the children can reach school by boat," '
            "said the harbour master Peter Marek.")
    assert direct(quotes_of(text)) == [("Peter Marek", "so the children can reach school by boat,")]
    assert direct(quotes_of(text, off=CLOSING)) == [("Many farmers", "so the children can reach school by boat,")]


def test_naming_verb_keeps_its_own_words(quotes_of: Callable) -> None:
    """'Y called the plan "...," said X': a verb of naming keeps the quoted words its subject's."""
    text = 'Lena Vask called the plan "a disaster for the whole valley," said Peter Marek.'
    assert direct(quotes_of(text)) == [("Lena Vask", "a disaster for the whole valley,")]


APPENDED = frozenset({"appended_subject"})


def test_closing_tag_read_as_an_apposition_still_names_the_speaker(quotes_of: Callable) -> None:
    """'A sold its boats to the harbour company, a senior figure in the party said': the parser
    hangs the tag's subject on "company" as an apposition; it is the speaker, and no part of the
    quote. Off: the saying has no subject and nothing is reported."""
    text = "The ferry line has sold its last two boats to the harbour company, a senior figure in the party said."
    assert indirect(quotes_of(text)) == [
        ("a senior figure in the party", "The ferry line has sold its last two boats to the harbour company")
    ]
    assert indirect(quotes_of(text, off=APPENDED)) == []


def test_tag_after_a_named_person_is_not_that_person(quotes_of: Callable) -> None:
    """'... at the bakery of X, a police spokesman said': the spokesman speaks, not X. The parser
    reads "a police spokesman" as the subject of "said", so the rule is not needed there; in '...
    of X, a senior figure in the police said' it hangs the phrase on X as an apposition, and the
    article keeps the whole phrase the speaker. Off: that saying has no subject, nothing is reported."""
    text = "Two men were held on Friday after a fire at the bakery of Jon Varde, a police spokesman said."
    found = indirect(quotes_of(text))
    assert found == [("a police spokesman", "Two men were held on Friday after a fire at the bakery of Jon Varde")]
    assert indirect(quotes_of(text, off=APPENDED)) == found
    text = "Two men were held on Friday after a fire at the bakery of Jon Varde, a senior figure in the police said."
    assert indirect(quotes_of(text)) == [
        ("a senior figure in the police", "Two men were held on Friday after a fire at the bakery of Jon Varde")
    ]
    assert indirect(quotes_of(text, off=APPENDED)) == []


OUTSIDE = frozenset({"speaker_outside_clause"})


def test_speaker_hung_inside_the_clause_is_cut_off(quotes_of: Callable) -> None:
    """'A flooded the house of the village doctor, X, spokesman for Y, said': the parser hangs the
    speaker's name on "doctor"; the quote ends before it. Off: the name and role run on in it."""
    text = ("The storm cut power to the farms and flooded the house of the village doctor, Jon Varde, "
            "spokesman for the harbour office, said on Monday.")
    assert indirect(quotes_of(text)) == [
        ("Jon Varde", "The storm cut power to the farms and flooded the house of the village doctor")
    ]
    assert indirect(quotes_of(text, off=OUTSIDE))[0][1].endswith("spokesman for the harbour office")

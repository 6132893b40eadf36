"""Quote speakers in a story's lead (a role phrase is the person quoted next) and lower-case heads the
tagger takes for names; invented text, each rule also switched off by name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.extract.meeting_rules import rules_off
from bot.models import Quote

pytestmark = pytest.mark.slow

LEDE_RULE = frozenset({"role_named_by_next_speaker"})

LEAGUE = (
    "TARVIK, May 2 (Wire) -- The league's chief said on Friday that the spring season would "
    "start a week late because of flooded pitches.\n"
    "Ivo Marek, president of the Ruritanian football league, said the clubs had agreed to the "
    "delay when they met in Varnes."
)


def speakers(quotes: list[Quote], kind: str = "indirect") -> list[str | None]:
    return [q.speaker for q in quotes if q.kind == kind]


def test_lede_role_with_possessor_is_the_person_named_next(quotes_of: Callable) -> None:
    """'The league's chief said ...' then 'Ivo Marek, president of the league, said ...': one person."""
    assert speakers(quotes_of(LEAGUE)) == ["Ivo Marek", "Ivo Marek"]
    with rules_off(frozenset({"role_kind_holders"})):  # "chief" may name a president: a second road to Marek
        assert speakers(quotes_of(LEAGUE, off=LEDE_RULE)) == ["The league's chief", "Ivo Marek"]


def test_lede_role_goes_off_with_the_people_layers_lead_rule(quotes_of: Callable) -> None:
    """The people layer's lead rule and this one read one construction: off together."""
    with rules_off(frozenset({"lead_role_named_next", "role_kind_holders"})):
        assert speakers(quotes_of(LEAGUE)) == ["The league's chief", "Ivo Marek"]


def test_lede_lawyer_is_the_person_quoted_next(quotes_of: Callable) -> None:
    """'Her lawyer said ...' then a quotation of Ana Tosk, named there first: the lawyer is Tosk."""
    text = (
        "VARNES, May 2 (Wire) -- Her lawyer said on Tuesday that the singer would appeal against "
        "the fine.\n"
        '"The court never heard our witnesses," Ana Tosk told reporters outside the court.'
    )
    assert speakers(quotes_of(text)) == ["Ana Tosk"]
    assert speakers(quotes_of(text, off=LEDE_RULE)) == ["Her lawyer"]


def test_lede_role_is_not_a_commentator_named_next(quotes_of: Callable) -> None:
    """An economist quoted after 'the union's chief said' is someone else."""
    text = (
        "TARVIK, May 2 (Wire) -- The union's chief said on Tuesday that grain prices would stay "
        "fixed until the harvest.\n"
        '"Prices will rise anyway," said Ivo Marek, an economist at Tarvik University.'
    )
    assert speakers(quotes_of(text)) == ["The union's chief"]


def test_lede_unnamed_official_stays_unnamed(quotes_of: Callable) -> None:
    """'A senior official said ...' then Ivo Marek quoted: often two people, so the phrase stays."""
    text = (
        "TARVIK, May 2 (Wire) -- A senior official said on Tuesday that grain prices would stay "
        "fixed until the harvest.\n"
        '"Prices will rise anyway," said Ivo Marek, who chairs the farmers union.'
    )
    assert speakers(quotes_of(text)) == ["A senior official"]


def test_role_after_the_lead_is_not_read_forward(quotes_of: Callable) -> None:
    """A role phrase past the story's opening sentence keeps its words."""
    text = (
        "Ruritania opened its new grain port on Monday.\n"
        "Exports would double next year, the port's chief said on Tuesday.\n"
        "Ivo Marek told a news conference that the harvest had been the best in a decade."
    )
    assert speakers(quotes_of(text))[0] == "the port's chief"


LOWER_RULE = frozenset({"lowercase_common"})


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ferry sank off Tarvik on Monday, the Ruritanian foreign ministry said.",
         "the Ruritanian foreign ministry"),
        ('"The camps must close," the outgoing secretary general told a meeting of donors in Tarvik.',
         "the outgoing secretary general"),
        ('"The vote was fair," the national daily said on Monday.', "the national daily"),
    ],
)
def test_lower_case_head_is_read_as_a_common_noun(quotes_of: Callable, text: str, speaker: str) -> None:
    """A lower-case head the tagger took for a name keeps its whole phrase, not the bare word."""
    said = [q.speaker for q in quotes_of(text)]
    assert said == [speaker]
    assert [q.speaker for q in quotes_of(text, off=LOWER_RULE)] != [speaker]


def test_lower_case_part_of_a_name_stays_in_the_name(quotes_of: Callable) -> None:
    """A name's hyphened lower-case part ('Sung-hoo') stays in the name: the speaker is the whole name."""
    text = '"We agree on the agenda," said Ruritanian envoy Park Sung-hoo in Tarvik on Monday.'
    assert [q.speaker for q in quotes_of(text)] == ["Park Sung-hoo"]

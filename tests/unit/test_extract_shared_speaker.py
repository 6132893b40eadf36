"""One reading of a pronoun that speaks: the person the quote layer finds saying the words is the
person the meeting in the same clause is with."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.coref import Coref
from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.pipeline import Extractor

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)
TEXT = (
    'Mediator Pedro Alvarez said the two sides were "closer than ever" to a deal on fishing rights.\n'
    "Officials said Karl Berg and Tom Lake would join the next round of talks in Bergen.\n"
    '"We are not there yet," he said after talks with Governor Jon Dahl at the harbour office.'
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_a_pronoun_that_speaks_is_the_same_person_in_the_meeting(extractor: Extractor) -> None:
    """Checked: the quotation and the meeting of "he said after talks with X" both
    go to the mediator who spoke before, not to a man named in the reported clause between; with
    the rule off the meeting layer's own reading takes the nearer name."""
    result = extractor.extract("t", None, TEXT, PUBLISHED)
    said = [q.speaker for q in result.quotes if q.text.startswith("We are not there yet")]
    assert said == ["Pedro Alvarez"]
    assert [m.participants for m in result.meetings] == [("Pedro Alvarez", "Jon Dahl")]
    with rules_off(frozenset({"pronoun_speaker_shared"})):
        off = extractor.extract("t", None, TEXT, PUBLISHED)
    assert [m.participants for m in off.meetings] == [("Karl Berg", "Jon Dahl")]


def test_only_a_named_person_noted_as_speaking_is_the_he(extractor: Extractor) -> None:
    """Checked: a speaker the quote layer noted for a he/she that is no person the text names
    ("Officials", as a misread tag may give) is not taken for the pronoun; a named person is."""
    doc = extractor.nlp('Mediator Pedro Alvarez arrived on Monday. "We are not there yet," he said after '
                        'talks with Governor Jon Dahl at the harbour office.')
    people = build_people_index(doc)
    he = next(t for t in doc if t.lower_ == "he")
    grouped = Coref(doc, people)
    grouped.note_speaker(he.head.i, "Officials", True, spoke=True)
    assert Coref(doc, people).knowing_who_spoke(grouped).name(he) != "Officials"
    person = Coref(doc, people)
    person.note_speaker(he.head.i, "Pedro Alvarez", True, spoke=True)
    assert Coref(doc, people).knowing_who_spoke(person).name(he) == "Pedro Alvarez"

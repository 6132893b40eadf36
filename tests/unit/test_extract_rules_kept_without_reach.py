"""Rules that `make reach` finds changing no record of the agency copy, kept because each reads a
general construction of English or of news prose: each test shows the construction it reads, with
the rule on and with it off, on an invented text.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.extract.meeting_rules import rules_off, trigger_rule
from tests.unit.conftest import direct, indirect

pytestmark = pytest.mark.slow


def _parties(meetings_in: Callable[..., list], text: str, off: frozenset[str] = frozenset()) -> list:
    """(participants, type, status) of each meeting the text tells, with the named rules left out."""
    with rules_off(off):
        return [(m.participants, m.type, m.status) for m in meetings_in(text)]


def test_a_first_person_among_the_subjects_tells_no_reported_meeting(meetings_in):
    """skip_first_person: "Mayor Tay and I met X" is the writer's own meeting, not news told."""
    text = "Mayor Corwin Tay and I met Governor Ottilie Pell in Dunmarrow on Monday."
    assert _parties(meetings_in, text) == []
    assert _parties(meetings_in, text, frozenset({"skip_first_person"})) != []


def test_a_refused_meeting_is_no_meeting(meetings_in):
    """refusal_verbs: "declined to meet X" tells a meeting that will not take place."""
    text = "Governor Ottilie Pell declined to meet Mayor Corwin Tay at the mill."
    assert _parties(meetings_in, text) == []
    assert _parties(meetings_in, text, frozenset({"refusal_verbs"})) != []


def test_every_partner_of_a_topic_with_phrase_takes_part(meetings_in):
    """talk_partner_on_topic: "discussed the X with A and B" with the with-phrase hung on the topic:
    both coordinated partners are parties, not only the first.
    """
    text = "Governor Ottilie Pell discussed the grain deal with Mayor Corwin Tay and Premier Hanne Mork on Monday."
    on = _parties(meetings_in, text)
    off = _parties(meetings_in, text, frozenset({"talk_partner_on_topic"}))
    assert on
    assert "Hanne Mork" in on[0][0]
    assert all("Hanne Mork" not in parties for parties, _type, _status in off)


def test_talks_by_phone_are_a_call(meetings_in):
    """talks_by_phone_call: "talked with X by phone" is a call, not talks face to face."""
    text = "Governor Ottilie Pell talked with Mayor Corwin Tay by phone on Monday."
    assert [kind for _p, kind, _s in _parties(meetings_in, text)] == ["call"]
    assert [kind for _p, kind, _s in _parties(meetings_in, text, frozenset({"talks_by_phone_call"}))] == ["talks"]


def test_last_met_is_background(meetings_in):
    """past_last_met: "A and B last met in X" tells an earlier meeting, background to the news."""
    text = "Governor Ottilie Pell and Mayor Corwin Tay last met in Dunmarrow."
    assert [s for _p, _k, s in _parties(meetings_in, text)] == ["reported-past"]
    assert [s for _p, _k, s in _parties(meetings_in, text, frozenset({"past_last_met"}))] == ["happened"]


def test_an_unnamed_office_holder_is_a_party(meetings_in):
    """role_unnamed_holder: "the chancellor" with no name is kept as the office holder met."""
    text = "Mayor Corwin Tay held talks with the chancellor at the mill on Monday."
    assert [parties for parties, _k, _s in _parties(meetings_in, text)] == [("Corwin Tay", "the chancellor")]
    assert _parties(meetings_in, text, frozenset({"role_unnamed_holder"})) == []


@pytest.mark.parametrize(("word", "text"), [
    ("phone", "Governor Ottilie Pell phoned Mayor Corwin Tay on Monday."),
    ("confer", "Governor Ottilie Pell conferred with Mayor Corwin Tay on Monday."),
    ("negotiate", "Governor Ottilie Pell negotiated with Mayor Corwin Tay at the mill on Monday."),
    ("encounter", "Governor Ottilie Pell spoke of her encounter with Mayor Corwin Tay at the mill on Monday."),
    ("videoconference", "Governor Ottilie Pell held an online videoconference with Mayor Corwin Tay on Monday."),
    # a capitalised plural the tagger reads as a proper noun keeps its own form as its lemma, so
    # only the word's written form finds it
    ("talks", "Governor Ottilie Pell and Mayor Corwin Tay opened Talks on Monday."),
    ("negotiations", "Governor Ottilie Pell held NEGOTIATIONS with Mayor Corwin Tay on Monday."),
])
def test_a_trigger_word_finds_its_meeting(meetings_in, word, text):
    """Each trigger word tells the meeting on its own: none left out, one found; the word's rule
    left out, none.
    """
    assert len(_parties(meetings_in, text)) == 1
    assert _parties(meetings_in, text, frozenset({trigger_rule(word)})) == []


def test_a_counterpart_of_a_nationality_is_the_minister_so_marked(quotes_of):
    """counterpart_holds_the_role and role_marked_nationality: "met his Varmish counterpart X"
    gives X the office of the one met, so "the Varmish minister" is X; with either rule left out,
    the reference goes to the other minister.
    """
    text = ("Foreign Minister Oskar Pellan met his Varmish counterpart Ilse Torvald in Brisk on Tuesday.\n"
            "The Varmish minister said the ferry treaty was close.")
    assert [s for s, _t in indirect(quotes_of(text))] == ["Ilse Torvald"]
    for rule in ("counterpart_holds_the_role", "role_marked_nationality"):
        with rules_off(frozenset({rule})):
            assert [s for s, _t in indirect(quotes_of(text))] == ["Oskar Pellan"]


def test_a_name_and_colon_before_a_quotation_is_its_speaker(quotes_of):
    """colon_label: 'Name: "..."', the transcript style with no reporting verb, names the speaker."""
    text = 'Governor Ottilie Pell met Mayor Corwin Tay on Monday.\nPell: "The sluice gates stay shut."'
    assert direct(quotes_of(text)) == [("Ottilie Pell", "The sluice gates stay shut.")]
    assert direct(quotes_of(text, off=frozenset({"colon_label"}))) == []


def test_an_apposed_person_noun_makes_a_speaker_a_person_beyond_the_next_sentence(quotes_of):
    """apposed_person: "X, a widow from the valley, told ..." makes an untagged one-word name a
    person, so a "she" that speaks two sentences on is X; the saying right before a pronoun
    (untagged_sayer) does not reach so far, and with the family left out she is the man named first.
    """
    text = ("Police questioned a man named Tomas Vell on Sunday.\n"
            "Ozolnieka, a widow from the valley, told the panel that the dam had cracked.\n"
            "The panel broke for lunch.\n"
            'Later she said the owners "knew everything."')
    assert direct(quotes_of(text)) == [("Ozolnieka", "knew everything.")]
    assert direct(quotes_of(text, off=frozenset({"apposed_person"}))) == [("Tomas Vell", "knew everything.")]


def test_a_short_tag_after_a_question_lends_any_reporting_verb(quotes_of):
    """short_tag: '"...?" Pell wondered aloud.' split off after the question mark is the quotation's
    tag though "wonder" is no speech verb; with the family left out the quotation has no speaker.
    """
    text = ('Governor Ottilie Pell met Mayor Corwin Tay on Monday.\n'
            '"Who will pay for the sluice gates?" Pell wondered aloud.')
    assert direct(quotes_of(text)) == [("Ottilie Pell", "Who will pay for the sluice gates?")]
    assert direct(quotes_of(text, off=frozenset({"short_tag"}))) == []

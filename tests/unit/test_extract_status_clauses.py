"""Status read from the right clause and the right day: a date of another clause or of another
event is not the trigger's, "earlier in the day" is news, "later Wednesday" is still ahead, and
unnamed parties keep their noun without their whereabouts; joined verbs share their "had" and
time word, an event in a clause of a verb dated long ago is as old, and a bare present after
"before" or "after" is to come."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meeting_rules import rules_off
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday


def _meetings(text: str, off: frozenset[str] = frozenset()) -> dict[frozenset[str], str]:
    doc = get_nlp()(text)
    with rules_off(off):
        found = extract_meetings(doc, build_people_index(doc), PUBLISHED)
    return {frozenset(m.participants): m.status for m in found}


@pytest.mark.parametrize(("text", "parties", "status", "rule", "without"), [
    # "earlier in the day" is the news's own day, not an earlier meeting cited as background
    ("Envoy Tomas Vrey arrived in Norland earlier in the day and toured a dairy.",
     {"Tomas Vrey"}, "happened", "earlier_same_day_is_news", "reported-past"),
    # a progressive with "later Wednesday" on the day of publication is still ahead
    ("Governor Ada Quist said the regional chiefs were holding a meeting later Wednesday to weigh the budget.",
     {"the regional chiefs"}, "planned", "planned_later_same_day", "happened"),
    # the year dates the row of the relative clause, not the talks
    ("Mayor Rune Falk held talks with Governor Ada Quist on a bridge toll row that first erupted in 2019.",
     {"Rune Falk", "Ada Quist"}, "happened", "date_of_another_clause", "reported-past"),
    # "hoped" is read "hop" by the lemmatizer: the written form is a plan word
    ("Premier Ada Quist said on Tuesday that she hoped to visit Governor Rune Falk soon.",
     {"Ada Quist", "Rune Falk"}, "planned", "planned_plan_word", "happened"),
    # a to-infinitive parsed as a clause of its own has no tense: the plan word above it decides
    ("Ivo Brandt wants the Norland envoys to meet with Kai Brandt.",
     {"the Norland envoys", "Kai Brandt"}, "planned", "planned_plan_word_infinitive_clause", "happened"),
    # the past perfect's auxiliary is stated once for both joined verbs
    ("The Norland envoys had toured the port of Tarvik and held talks with Governor Ada Quist.",
     {"The Norland envoys", "Ada Quist"}, "reported-past", "past_conjunct_shares_time", "happened"),
    # a time adverbial on the first verb dates the second, which has none of its own
    ("Envoy Ivo Marek flew to Tarvik a week ago and held talks with Governor Ada Quist.",
     {"Ivo Marek", "Ada Quist"}, "reported-past", "past_conjunct_shares_time", "happened"),
    # an event in a time clause of a verb dated years back is as old as that verb's event
    ("The Ruritanian cabinet changed course in 1998 after Premier Ivo Marek met Governor Ada Quist in Tarvik.",
     {"Ivo Marek", "Ada Quist"}, "reported-past", "past_host_long_ago", "happened"),
    # an event noun in a phrase of a verb dated years back takes that verb's date
    ("In 2001, crowds greeted Premier Ivo Marek for his first visit to Ruritania.",
     {"Ivo Marek"}, "reported-past", "past_host_long_ago", "happened"),
    # a bare present in a before-clause tells a coming event
    ("Markets steadied in Tarvik on Tuesday, days before the Ruritanian central bank board meets to weigh rates.",
     {"the Ruritanian central bank board"}, "planned", "planned_present_in_time_clause", "happened"),
    # so does one in an after-clause, with the event noun as its object
    ("The new dam in Tarvik will open after Premier Ivo Marek ends his visit to Ruritania.",
     {"Ivo Marek"}, "planned", "planned_present_in_time_clause", "happened"),
    # "recent" names an earlier event, as "previous" does
    ("Premier Ivo Marek recalled his recent visit to Ruritania.",
     {"Ivo Marek"}, "reported-past", "past_earlier_modifier", "happened"),
    # "early this year" dates an event months back
    ("The two farm boards met early this year in Tarvik.",
     {"The two farm boards"}, "reported-past", "past_long_ago_adverbial", "happened"),
])
def test_status_rule_decides_and_fails_without_it(text, parties, status, rule, without):
    """Each rule gives the stated status; with it switched off the old reading comes back."""
    assert _meetings(text)[frozenset(parties)] == status
    assert _meetings(text, frozenset({rule})).get(frozenset(parties)) == without


def test_later_in_the_simple_past_narrates_what_followed():
    """"held a meeting later Wednesday" in the simple past is no plan."""
    found = _meetings("Governor Ada Quist held a meeting with the chiefs later Wednesday.")
    assert found[frozenset({"Ada Quist", "the chiefs"})] == "happened"


def test_party_phrase_leaves_its_place_to_the_location():
    """"the delegation in Lisbon" names the delegation; the place is not part of the party."""
    text = "The Norland delegation in Lisbon met Governor Ines Calder on Tuesday."
    assert frozenset({"The Norland delegation", "Ines Calder"}) in _meetings(text)
    assert frozenset({"The Norland delegation in Lisbon", "Ines Calder"}) in _meetings(
        text, frozenset({"party_phrase_drops_place"}))


def test_observers_are_an_unnamed_party():
    """"observers" are people: the noun phrase is a party of the meeting."""
    text = "The observers met Mayor Ines Calder in Tarsk on Tuesday."
    assert frozenset({"The observers", "Ines Calder"}) in _meetings(text)
    assert not _meetings(text, frozenset({"party_nouns_unnamed"}))


@pytest.mark.parametrize(("text", "parties", "status"), [
    # a joined verb with a day of its own keeps it
    ("Envoy Ivo Marek arrived in Tarvik a week ago and met Governor Ada Quist on Tuesday.",
     {"Ivo Marek", "Ada Quist"}, "happened"),
    # a "before" clause points ahead of its host's date, so that date is not the meeting's
    ("The Ruritanian cabinet changed course in 1998, well before Premier Ivo Marek met Governor Ada Quist.",
     {"Ivo Marek", "Ada Quist"}, "happened"),
    # a past tense in a time clause stays what it was
    ("Markets steadied in Tarvik on Tuesday after the Ruritanian central bank board met to weigh rates.",
     {"the Ruritanian central bank board"}, "happened"),
    # reported speech shifted back is no background, in the second verb as in the first
    ("Governor Ada Quist said the two envoys had toured the port and met the mayor.",
     {"the two envoys", "the mayor"}, "happened"),
])
def test_joined_verb_keeps_what_is_its_own(text, parties, status):
    """The first conjunct's time or perfect does not override the second's own, nor a reporting frame."""
    assert _meetings(text)[frozenset(parties)] == status

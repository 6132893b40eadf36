"""Status reasons of the time and setting an event is told in: a condition ("if the truce holds"),
"on the eve of" an event, a date inside a nested event's phrase, the occasion a commitment was made
on. Invented sentences; each rule is also switched off by name."""

from __future__ import annotations

import pytest

from tests.unit.conftest import status_of

pytestmark = pytest.mark.slow

OFF_CONDITIONAL = frozenset({"planned_conditional"})
OFF_EVE = frozenset({"planned_on_the_eve_of"})
OFF_NESTED_DATE = frozenset({"date_of_nested_event"})
OFF_OCCASION = frozenset({"occasion_of_a_commitment"})


def test_a_trip_told_as_a_condition_is_planned():
    """"would back the plan if he paid a visit to Tallinn": the visit has not been paid."""
    text = "The board said it would back the plan if Karl Brenner paid a visit to Tallinn."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF_CONDITIONAL) == "happened"


def test_a_bare_present_under_a_condition_is_planned():
    """"visits Lima if the ceasefire holds": the visit depends on what is still to come."""
    text = "Karl Brenner visits Lima if the ceasefire holds, an aide said."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF_CONDITIONAL) == "happened"


def test_a_whether_question_is_no_condition():
    """"met X on Tuesday, ... asking if the talks would resume": the meeting took place."""
    text = "Karl Brenner met Marten Ruud on Tuesday, officials said, asking if the talks would resume."
    assert status_of(text, "meeting") == "happened"


def test_a_visit_on_whose_eve_the_news_comes_is_planned():
    """"spoke on Wednesday on the eve of his visit to Lima": the visit is still to come."""
    text = "Karl Brenner spoke on Wednesday on the eve of his visit to Lima."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF_EVE) == "happened"


def test_an_event_noun_after_the_eve_of_is_planned_whatever_the_tense():
    """"the talks came on the eve of a visit by X": the visit is the next day's."""
    text = "The talks came on the eve of a visit by Karl Brenner to Lima."
    assert status_of(text, "visit") == "planned"
    assert status_of(text, "visit", OFF_EVE) == "happened"


def test_the_meeting_held_on_the_eve_keeps_its_own_tense():
    """"met X on the eve of the summit": the meeting itself took place."""
    text = "German Foreign Minister Karl Brenner met his counterpart Marten Ruud on the eve of the summit."
    assert status_of(text, "meeting") == "happened"


def test_until_the_eve_of_does_not_plan_the_event():
    """"lasted until the eve of a visit": only "on the eve of" puts the clause the day before the
    event; the rule leaves the visit to the other reasons.
    """
    text = "The strike lasted until the eve of a visit by Karl Brenner to Lima."
    assert status_of(text, "visit") == "happened"
    assert status_of(text, "visit", OFF_EVE) == "happened"


def test_the_date_of_a_summit_on_the_agenda_does_not_plan_the_talks():
    """"held talks on Tuesday about the agenda for the summit scheduled for March 20": the talks took place."""
    text = "Karl Brenner on Tuesday held talks with Marten Ruud about the agenda for the trade summit scheduled for March 20."
    assert status_of(text, "talks") == "happened"
    assert status_of(text, "talks", OFF_NESTED_DATE) == "planned"


def test_the_noun_s_own_date_still_plans_it():
    """"the talks slated for March 20": the noun's own clause dates it."""
    text = "The talks between Karl Brenner and Marten Ruud slated for March 20 will focus on trade."
    assert status_of(text, "talks") == "planned"


def test_the_meeting_an_agreement_was_made_at_took_place():
    """"agreed to pool their data at a meeting of A and B": the meeting is the agreement's occasion."""
    text = "The two ministries agreed to pool their fishing data at a meeting of Karl Brenner and Marten Ruud."
    assert status_of(text, "meeting") == "happened"
    assert status_of(text, "meeting", OFF_OCCASION) == "planned"


def test_an_expectation_still_plans_its_occasion():
    """"is expected to sign the accord during his visit": the visit is still ahead."""
    text = "Karl Brenner is expected to sign the accord during his visit to Lima next week."
    assert status_of(text, "visit") == "planned"

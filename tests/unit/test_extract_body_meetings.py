"""Meeting recall: a body's own meeting told as held ("the cabinet opened its meeting", "the guild
began its annual meeting") and the one phoned as a call's partner. All sentences are invented."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _parties(found: list) -> set[frozenset[str]]:
    return {frozenset(m.participants) for m in found}


@pytest.mark.parametrize(("text", "parties"), [
    ("The OPEC meeting opened in the old palace on Monday.", {"OPEC"}),
    ("A cabinet meeting chaired by Premier Ivo Marek was held in the old palace on Monday.", {"cabinet", "Ivo Marek"}),
    ("The Tarvik Dairy Guild began its annual meeting near the lake on Thursday.", {"Tarvik Dairy Guild"}),
])
def test_a_bodys_own_meeting_is_told_with_the_body(meetings_in, text, parties) -> None:
    """A body named before a meeting told as held, or owning it with "its", is who meets; with the
    rule off the meeting has no party and is not told (a chair the text names joins the body).
    """
    assert _parties(meetings_in(text)) == {frozenset(parties)}
    assert meetings_in(text, off=frozenset({"meeting_of_body"})) == []


def test_a_body_holding_its_meeting_is_one_party(meetings_in) -> None:
    """"the river committee began its first session": the holder and the owner are one body, told once."""
    found = meetings_in("Once the towns agreed, a committee charged with mapping the river held its first meeting on Sunday.")
    assert [len(m.participants) for m in found] == [1]


def test_a_forum_named_with_two_bodies_is_no_bodys_meeting(meetings_in) -> None:
    """"the Nordic Union and Baltic Meeting": a forum's name coordinating bodies is no meeting of the first."""
    text = "Ruritania and Borduvia kept close ties within the Nordic Union and Baltic Meeting, Ana Tosk said."
    assert meetings_in(text) == []


def test_a_meeting_with_a_partner_is_not_the_bodys(meetings_in) -> None:
    """"a cabinet meeting with the unions": the sides are told by the with-phrase, not the body alone."""
    found = meetings_in("Premier Ivo Marek held a cabinet meeting with the Tarvik unions on Monday.")
    assert frozenset({"cabinet"}) not in _parties(found)


def test_a_bodys_conference_is_its_meeting(meetings_in) -> None:
    """"the OPEC conference": a conference a body is named before is that body's meeting (lexicon)."""
    text = "Ruritania is hosting the twelfth OPEC conference at a lakeside inn near Tarvik."
    assert frozenset({"OPEC"}) in _parties(meetings_in(text))
    assert frozenset({"OPEC"}) not in _parties(meetings_in(text, off=frozenset({"meeting_of_body"})))


def test_a_news_conference_is_no_bodys_meeting(meetings_in) -> None:
    """"told a news conference": a briefing is no meeting of anyone."""
    assert meetings_in("Ana Tosk told a news conference in Tarvik that the deal was done.") == []


@pytest.mark.parametrize("text", [
    "Output was cut again at the last OPEC meeting, officials in Tarvik said.",
    "Ana Tosk settled the price at a board meeting of the dairy on Friday.",
])
def test_a_bodys_meeting_named_aside_is_not_told(meetings_in, text) -> None:
    """"at the last OPEC meeting": a body's meeting named only as a time or place is no held meeting told."""
    assert meetings_in(text) == []


@pytest.mark.parametrize(("text", "pair"), [
    ("Chancellor Rosa Quispe voiced her sympathy on Tuesday in a phone call to Premier Rolf Brandt.",
     {"Rosa Quispe", "Rolf Brandt"}),
    ("Rolf Brandt said he had talked to Carla Ibarra by phone twice this week.", {"Rolf Brandt", "Carla Ibarra"}),
    ("Ruritanian President Rolf Brandt has personally telephoned Carla Ibarra to congratulate her on her election.",
     {"Rolf Brandt", "Carla Ibarra"}),
])
def test_the_one_phoned_is_the_calls_partner(meetings_in, text, pair) -> None:
    """"her evening call to X", "talked to X by phone", "telephoned X to congratulate her": X is the partner
    of the call; with the rule off the call has no partner and is not told.
    """
    calls = [frozenset(m.participants) for m in meetings_in(text) if m.type == "call"]
    assert frozenset(pair) in calls
    off = meetings_in(text, off=frozenset({"phone_contact_partner"}))
    assert frozenset(pair) not in _parties(off)


def test_calling_someone_a_name_is_no_call(meetings_in) -> None:
    """"called X a liar": naming someone is no phone call."""
    assert meetings_in("Rolf Brandt called Carla Ibarra a liar.") == []


@pytest.mark.parametrize(("text", "party"), [
    ("The Tarvik Grain Board meeting is to take place in Valmora next month.", "Tarvik Grain Board"),
    ("The OPEC conference is expected to be held in Valmora in June.", "OPEC"),
])
def test_a_bodys_meeting_raised_to_a_gathering_verb_is_held(meetings_in, text, party) -> None:
    """"the board meeting is to take place": the to-clause tells the meeting held, as "will take
    place" does; with the rule off the noun hangs on "is" and is not told.
    """
    assert [(m.participants, m.status) for m in meetings_in(text)] == [((party,), "planned")]
    assert meetings_in(text, off=frozenset({"held_by_raising_verb"})) == []


@pytest.mark.parametrize(("text", "party", "status"), [
    ("Brokers in Valmora said prices would stay firm until next week's OPEC meeting.", "OPEC", "planned"),
    ("The quota was agreed at the OPEC meeting in Valmora in March.", "OPEC", "reported-past"),
    ("Delegates from Tarvik arrived ahead of a meeting of the Organization of Grain Exporters in Valmora next month.",
     "Organization of Grain Exporters", "planned"),
])
def test_a_bodys_meeting_named_aside_with_a_date_is_told(meetings_in, text, party, status) -> None:
    """"until next week's OPEC meeting", "at the OPEC meeting in March": a body's meeting the text
    dates is an event, though named only as a time or place; with the rule off it is not told.
    """
    assert [(m.participants, m.status) for m in meetings_in(text)] == [((party,), status)]
    assert meetings_in(text, off=frozenset({"body_meeting_with_own_date"})) == []


def test_a_body_in_the_of_phrase_is_who_meets(meetings_in) -> None:
    """"a meeting of the Organization of Grain Exporters next month": the of-phrase names the body."""
    text = "Delegates from Tarvik arrived ahead of a meeting of the Organization of Grain Exporters in Valmora next month."
    assert [m.participants for m in meetings_in(text)] == [("Organization of Grain Exporters",)]
    assert meetings_in(text, off=frozenset({"meeting_of_named_body"})) == []


def test_a_meeting_dated_ahead_does_not_take_a_held_ones_place(meetings_in) -> None:
    """"next weekend's OPEC meeting" after "the board meeting held in Valmora on Monday": another
    meeting, so not placed in Valmora; with the rule off it takes the held one's place.
    """
    text = ("The Tarvik Grain Board meeting held in Valmora on Monday approved the plan. "
            "Ana Tosk will take the plan to next weekend's OPEC meeting.")
    places = {m.participants: m.location for m in meetings_in(text)}
    assert places == {("Tarvik Grain Board",): "Valmora", ("OPEC",): None}
    off = meetings_in(text, off=frozenset({"planned_gathering_not_held_one"}))
    assert {m.participants: m.location for m in off}[("OPEC",)] == "Valmora"

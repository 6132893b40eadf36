"""Meetings read from parses: participants, place, status, type, date; one record per event."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.fixture
def meetings(nlp):
    def run(text: str, published: datetime | None = PUBLISHED):
        doc = nlp(text)
        return extract_meetings(doc, build_people_index(doc), published)

    return run


def _by_parties(found):
    return {frozenset(m.participants): m for m in found}


def test_arrival_is_a_visit_that_happened_and_expected_meeting_is_planned(meetings):
    """"arrived in Oslo on Monday" is a happened visit dated that Monday; the expected meeting
    "there" is planned in Oslo.
    """
    found = _by_parties(meetings(
        "Foreign Secretary Anna Lind arrived in Oslo on Monday and is expected to hold a meeting "
        "with Prime Minister Erik Dahl there."
    ))
    visit = found[frozenset({"Anna Lind"})]
    assert (visit.type, visit.location, visit.status) == ("visit", "Oslo", "happened")
    assert visit.date == date(2021, 3, 8)
    meeting = found[frozenset({"Anna Lind", "Erik Dahl"})]
    assert (meeting.location, meeting.status) == ("Oslo", "planned")


def test_will_travel_to_two_cities_gives_two_planned_visits(meetings):
    """"will travel to A and B" gives a planned visit to each city with the traveller alone."""
    found = meetings("Trade Minister Paul Okoye will travel to Riga and Madrid next week.")
    assert sorted(m.location for m in found) == ["Madrid", "Riga"]
    assert {m.status for m in found} == {"planned"}
    assert all(m.participants == ("Paul Okoye",) for m in found)


def test_talks_with_two_named_counterparts_are_one_meeting_of_three(meetings):
    """"talks with A and B" is one meeting of all three parties (N-ary), not two pairs."""
    found = _by_parties(meetings(
        "On Tuesday Mr Dahl had talks in Copenhagen with his Swedish opposite number, Karl Berg, "
        "and the Finnish premier, Ola Hansen."
    ))
    assert set(found) == {frozenset({"Dahl", "Karl Berg", "Ola Hansen"})}
    meeting = found[frozenset({"Dahl", "Karl Berg", "Ola Hansen"})]
    assert (meeting.type, meeting.status, meeting.location) == ("talks", "happened", "Copenhagen")


@pytest.mark.parametrize("text", [
    "Chancellor Petra Vogel met Raul Ortega and Ivo Marek in Lima on Monday.",
    "Chancellor Petra Vogel met President Raul Ortega and Prime Minister Ivo Marek in Lima on Monday.",
    "Chancellor Petra Vogel held talks with President Raul Ortega, Prime Minister Ivo Marek and "
    "King Omar Saleh in Lima on Monday.",
    "Chancellor Petra Vogel met Peruvian President Raul Ortega, Bolivian Prime Minister Ivo Marek and "
    "Chilean Foreign Minister Jorge Salas in Lima on Monday.",
    "Chancellor Petra Vogel met President Raul Ortega, Prime Minister Ivo Marek and army chief Jorge "
    "Salas jointly in Lima on Monday.",
    "Chancellor Petra Vogel met rebel leader Raul Ortega, opposition leader Ivo Marek and union leader "
    "Jorge Salas in Lima on Monday.",
    "Chancellor Petra Vogel had a meeting with President Raul Ortega, Prime Minister Ivo Marek and "
    "army chief Jorge Salas in Lima on Monday.",
])
def test_a_subject_meeting_a_list_of_people_is_one_meeting_of_all(meetings, text):
    """"A met B and C", "talks with B, C and D", a list of office holders or of several nations,
    "jointly" and "a meeting with A, B and C" each keep one record holding every party.
    """
    found = meetings(text)
    assert len(found) == 1
    assert found[0].participants[0] == "Petra Vogel"
    assert {"Raul Ortega", "Ivo Marek"} <= set(found[0].participants)
    assert found[0].location == "Lima"


def test_counterparts_joined_by_as_well_as_are_a_list(meetings):
    """"met A as well as B" coordinates the two counterparts: both are parties of the meeting."""
    found = meetings(
        "In Geneva, Foreign Minister Anna Lind met Secretary General Omar Diallo as well as "
        "Parliament President Jens Kolb on Tuesday."
    )
    assert [set(m.participants) for m in found] == [{"Anna Lind", "Omar Diallo", "Jens Kolb"}]


def test_a_delegation_meeting_office_holders_is_one_meeting(meetings):
    """A group on the traveller's side ("the trade delegation") meets the list as one meeting."""
    found = meetings(
        "The trade delegation will meet President Raul Ortega and Foreign Minister Ivo Marek in Lima."
    )
    assert len(found) == 1
    assert {"Raul Ortega", "Ivo Marek"} <= set(found[0].participants)


def test_one_named_host_with_his_aides_is_one_meeting(meetings):
    """A list of one named person and an unnamed group stays one meeting of all."""
    found = meetings("Chancellor Petra Vogel met President Raul Ortega and his senior aides in Lima on Monday.")
    assert len(found) == 1
    assert found[0].participants[:2] == ("Petra Vogel", "Raul Ortega")


@pytest.mark.parametrize("text", [
    "President Raul Ortega, Prime Minister Ivo Marek and King Omar Saleh held talks in Lima on Monday.",
    "A summit between President Raul Ortega, Prime Minister Ivo Marek and King Omar Saleh took place "
    "in Lima on Monday.",
])
def test_three_named_leaders_holding_talks_together_are_one_meeting(meetings, text):
    """A list of parties on one side ("A, B and C held talks", "a summit between A, B and C") keeps
    one meeting of all three, even when the parser reads B as apposed to A.
    """
    found = meetings(text)
    assert [set(m.participants) for m in found] == [{"Raul Ortega", "Ivo Marek", "Omar Saleh"}]
    assert found[0].location == "Lima"


@pytest.mark.parametrize("text", [
    "Chancellor Petra Vogel met President Raul Ortega and Prime Minister Ivo Marek separately on Monday.",
    "Chancellor Petra Vogel held separate meetings with President Raul Ortega and Prime Minister "
    "Ivo Marek on Monday.",
])
def test_separately_gives_one_meeting_per_party(meetings, text):
    """A distributive word ("separately", "separate") keeps one record per counterpart."""
    found = _by_parties(meetings(text))
    assert set(found) == {frozenset({"Petra Vogel", "Raul Ortega"}), frozenset({"Petra Vogel", "Ivo Marek"})}


def test_an_earlier_summit_cited_as_background_is_reported_past(meetings):
    """A summit "last month" cited as background is reported-past, dated to that month, with the
    leaders as party.
    """
    found = meetings(
        "The truce was agreed after a summit of the two countries' leaders last month, "
        "President Marta Ruiz said."
    )
    assert len(found) == 1
    summit = found[0]
    assert summit.type == "summit"
    assert summit.status == "reported-past"
    assert "leaders" in summit.participants[0]
    assert summit.date == date(2021, 2, 1)


def test_a_meeting_inside_quotation_marks_is_speech_not_an_event(meetings):
    """A meeting inside a quotation is speech and gives no record; the visit outside it does."""
    found = meetings(
        '"I will meet him in Geneva next week," Ruiz told reporters. Trade Minister Paul Okoye '
        "visited Nairobi on Tuesday."
    )
    assert [(m.participants, m.location) for m in found] == [(("Paul Okoye",), "Nairobi")]


def test_an_unnamed_group_that_met_is_one_participant_with_its_place(meetings):
    """An unnamed group that "met in <city>" is the one party of a happened meeting placed there."""
    found = meetings("Foreign ministers of the Nordic countries met in Reykjavik on Wednesday.")
    assert len(found) == 1
    assert found[0].participants[0].startswith("Foreign ministers")
    assert found[0].location == "Reykjavik"
    assert found[0].status == "happened"


def test_scheduled_talks_are_planned_and_keep_their_place(meetings):
    """"are scheduled to hold talks in Lima" gives planned talks placed in Lima."""
    found = meetings("Ministers from Chile and Peru are scheduled to hold talks in Lima next month.")
    assert len(found) == 1
    assert (found[0].type, found[0].status, found[0].location) == ("talks", "planned", "Lima")


def test_a_visit_to_a_group_keeps_the_group_and_the_city(meetings):
    """A planned visit to a group in a city keeps the visitor, the group and the city."""
    found = meetings("Trade Minister Paul Okoye plans to visit Nigerian students in Hamburg this weekend.")
    assert len(found) == 1
    assert found[0].participants[0] == "Paul Okoye"
    assert "students" in found[0].participants[1]
    assert found[0].location == "Hamburg"
    assert found[0].status == "planned"


def test_hosting_names_host_and_guest(meetings):
    """"X hosted Y at his residence in <city>" is a hosting of both, placed in the city."""
    found = meetings(
        "Prime Minister Kenji Sato hosted President Lee at his residence in Osaka on "
        "Sunday."
    )
    assert len(found) == 1
    assert set(found[0].participants) == {"Kenji Sato", "Lee"}
    assert found[0].type == "hosting"
    assert found[0].location == "Osaka"


def test_she_is_not_the_man_he_refers_to_in_the_same_sentence(meetings):
    """Pronoun gender: "he" binds the subject, so "she" is the woman he called, not him."""
    found = _by_parties(meetings(
        "Premier Karl Brandt said he called Chancellor Ulla Berg on Sunday, a day before she flew "
        "to Odense to meet President Lars Holm."
    ))
    assert frozenset({"Ulla Berg", "Lars Holm"}) in found
    assert frozenset({"Karl Brandt", "Lars Holm"}) not in found


def test_pronoun_participants_resolve_to_the_subject_before(meetings):
    """"He met X at the palace" takes "he" from the sentence before and the palace as the place."""
    found = meetings(
        "Trade Minister Paul Okoye landed in Accra on Monday. He met President Kwame Asante at "
        "the presidential palace."
    )
    meeting = next(m for m in found if len(m.participants) == 2)
    assert set(meeting.participants) == {"Paul Okoye", "Kwame Asante"}
    assert meeting.location == "the presidential palace"


def test_the_same_meeting_told_twice_is_one_record(meetings):
    """A meeting restated in the next sentence is one record, placed where it was first told."""
    found = meetings(
        "President Marta Ruiz met Chancellor Petra Vogel in Berlin on Tuesday. Ruiz and Vogel "
        "met for two hours, officials said."
    )
    pairs = [m for m in found if len(m.participants) == 2]
    assert len(pairs) == 1
    assert pairs[0].location == "Berlin"


def test_a_visit_and_the_meeting_during_it_are_two_records(meetings):
    """The visit that sets the scene is kept beside the meeting held during it."""
    found = _by_parties(meetings(
        "President Erik Dahl, who is in Oslo for a state visit, met Prime Minister Ana Ruiz at the palace "
        "on Monday."
    ))
    assert set(found) == {frozenset({"Erik Dahl", "Ana Ruiz"}), frozenset({"Erik Dahl"})}
    visit = found[frozenset({"Erik Dahl"})]
    assert (visit.type, visit.location) == ("visit", "Oslo")


def test_words_that_only_look_like_triggers_give_nothing(meetings):
    """"failed to meet its targets", "a failure" and "press conference" give no meeting."""
    text = (
        "The company failed to meet its targets. Critics called the plan a failure. "
        "The press conference ended early."
    )
    assert meetings(text) == []


def test_a_single_person_meeting_nobody_is_not_a_meeting(meetings):
    """A lone subject that "met" nobody gives no meeting."""
    assert meetings("Erik Dahl met on Monday.") == []


def test_without_a_published_date_relative_dates_stay_unknown(meetings):
    """Without a publication date the visit is still found but its weekday gives no date."""
    found = meetings("Trade Minister Paul Okoye visited Nairobi on Tuesday.", published=None)
    assert found
    assert found[0].date is None


def test_a_meeting_that_did_not_happen_is_not_reported(meetings):
    """A negated ("had not met") and a refused meeting give no record."""
    assert meetings("Ruiz and Vogel had not met since 2011, officials said.") == []
    assert meetings("President Marta Ruiz refused to meet Chancellor Petra Vogel in Berlin.") == []


def test_last_met_is_background(meetings):
    """"last met in Paris in 2019" is a reported-past meeting placed in Paris."""
    found = meetings("The two leaders last met in Paris in 2019.")
    assert [(m.status, m.location) for m in found] == [("reported-past", "Paris")]


def test_is_to_meet_is_planned(meetings):
    """"is to meet" is a planned meeting of both parties."""
    found = meetings("Chancellor Petra Vogel is to meet President Marta Ruiz in Madrid on Friday.")
    assert [(set(m.participants), m.status) for m in found] == [
        ({"Petra Vogel", "Marta Ruiz"}, "planned")
    ]


def test_a_hyphenated_pair_before_summit_names_both_sides(meetings):
    """"the Dahl-Berg summit in Oslo" names both sides and keeps the place."""
    found = meetings("The Dahl-Berg summit in Oslo ended without a deal.")
    assert [(set(m.participants), m.location) for m in found] == [({"Dahl", "Berg"}, "Oslo")]


def test_a_subjects_title_place_is_not_the_venue(meetings):
    """The place in the subject's title ("envoy in Yemen") is not the venue; the trip's city is."""
    found = meetings(
        "The UN envoy in Yemen, Karl Berg, met President Ahmad Noori on an unannounced trip to "
        "Kabul on Wednesday."
    )
    talks = next(m for m in found if len(m.participants) == 2)
    assert set(talks.participants) == {"Karl Berg", "Ahmad Noori"}
    assert talks.location == "Kabul"


def test_speaking_after_talks_makes_the_speaker_a_party(meetings):
    """"Speaking after talks with X in <city>, Y said" is a happened meeting of Y and X there."""
    found = meetings(
        "Speaking after talks with Chinese President Li Wei in Beijing, Mr Dahl said trade "
        "would double."
    )
    assert [(set(m.participants), m.location, m.status) for m in found] == [
        ({"Dahl", "Li Wei"}, "Beijing", "happened")
    ]


def test_a_summit_that_will_take_place_somewhere_is_there(meetings):
    """A summit "set to take place in Quito" is a planned summit placed in Quito."""
    found = meetings("A summit of the Andean leaders is set to take place in Quito later this month.")
    assert [(m.location, m.status, m.type) for m in found] == [("Quito", "planned", "summit")]


def test_a_pronoun_before_the_main_subject_points_forward_to_it(meetings):
    """"Fresh from his talks with Lind, X flew home": "his" is X, so X and Lind met."""
    found = meetings(
        "Foreign Secretary Anna Lind spoke first. Fresh from his talks with Lind, President "
        "Kwame Asante flew home."
    )
    assert any(set(m.participants) == {"Kwame Asante", "Anna Lind"} for m in found)


@pytest.mark.parametrize(
    ("headline", "parties", "status", "place"),
    [
        ("President Joe Biden to meet President Vladimir Putin in Geneva", {"Joe Biden", "Vladimir Putin"},
         "planned", "Geneva"),
        ("Chancellor Erik Dahl meets President Lena Ortiz in Quito", {"Erik Dahl", "Lena Ortiz"}, "happened",
         "Quito"),
        ("Johnson to visit India next month", {"Johnson"}, "planned", "India"),
        ("President Lena Ortiz and Chancellor Erik Dahl hold summit in Oslo", {"Lena Ortiz", "Erik Dahl"},
         "happened", "Oslo"),
    ],
)
def test_headline_style(meetings, headline, parties, status, place):
    """A note-style headline gives parties, place, and status: "to meet" planned, "meets" happened.
    """
    found = meetings(headline)
    assert [(set(m.participants), m.status, m.location) for m in found] == [(parties, status, place)]


def test_a_press_conference_is_no_meeting(meetings):
    """A modifier listed in the lexicon ("press") turns an event noun into no meeting."""
    assert meetings("President Lena Ortiz held a press conference with reporters on Monday.") == []


def test_present_tense_with_a_future_time_is_planned(meetings):
    """"is meeting ... next week" is planned; a "next week" in a later clause leaves a past meeting
    happened.
    """
    found = meetings("Chancellor Petra Vogel is meeting President Marta Ruiz in Madrid next week.")
    assert [m.status for m in found] == ["planned"]
    found = meetings("Chancellor Petra Vogel met President Marta Ruiz in Madrid, and trade talks follow next week.")
    assert [m.status for m in found if len(m.participants) == 2] == ["happened"]


def test_an_invitation_names_the_invited_traveller_and_is_planned(meetings):
    """"invited X to visit Oslo" is a planned visit by X alone; "urged X to meet" is planned too."""
    found = meetings("Prime Minister Erik Dahl invited President Marta Ruiz to visit Oslo next spring.")
    assert [(m.participants, m.location, m.status) for m in found] == [(("Marta Ruiz",), "Oslo", "planned")]
    urged = meetings("Mr Dahl urged Ms Lind to meet the rebels.")
    assert [m.status for m in urged] == ["planned"]


def test_unnamed_office_holders_are_parties(meetings):
    """Unnamed office holders ("The Queen", "the Chilean president") are the parties of a planned
    hosting.
    """
    found = meetings("The Queen will host the Chilean president at the palace.")
    assert [(m.participants, m.status, m.type) for m in found] == [
        (("The Queen", "the Chilean president"), "planned", "hosting")
    ]


def test_being_on_a_visit_is_news_and_the_meeting_there_is_planned(meetings):
    """"on a visit to China, where he will meet X" gives the visit and a planned meeting in China.
    """
    found = _by_parties(meetings(
        "The chancellor is on a three-day visit to China, where he will meet Premier Li Wei."
    ))
    assert found[frozenset({"The chancellor"})].location == "China"
    meeting = found[frozenset({"The chancellor", "Li Wei"})]
    assert (meeting.location, meeting.status) == ("China", "planned")


def test_a_meeting_in_a_relative_clause_last_month_is_background(meetings):
    """A meeting in a "who met ... last month" clause is reported-past and keeps its place."""
    found = meetings("Mr Dahl, who met Chilean officials in Santiago last month, said progress had been made.")
    assert [(m.status, m.location) for m in found] == [("reported-past", "Santiago")]


def test_a_video_conference_between_leaders_is_a_call(meetings):
    """A video conference between two leaders is a call."""
    found = meetings(
        "President Marta Ruiz held a video conference with Chancellor Petra Vogel on Tuesday."
    )
    assert [(set(m.participants), m.type) for m in found] == [({"Marta Ruiz", "Petra Vogel"}, "call")]


def test_a_where_clause_takes_the_place_before_it(meetings):
    """"flew to Oslo, where she will ... meet the mayor" is a planned meeting placed in Oslo."""
    found = meetings("Ms Lind then flew to Oslo, where she will open a consulate and meet the mayor.")
    meeting = next(m for m in found if len(m.participants) == 2)
    assert meeting.participants == ("Lind", "the mayor")
    assert (meeting.location, meeting.status) == ("Oslo", "planned")


def test_a_surname_that_is_also_a_common_noun_stays_a_person(meetings):
    """Parties whose surnames are also common nouns ("Park", "Hall") stay people in the meeting."""
    found = meetings("Senator Grace Park met Mayor Tom Hall in Boston on Monday.")
    assert [(set(m.participants), m.location) for m in found] == [({"Grace Park", "Tom Hall"}, "Boston")]


def test_a_visit_before_the_main_event_is_still_a_visit(meetings):
    """"After visiting Kenya" is a happened visit beside the main one; "before visiting Uganda"
    after a plan is planned.
    """
    found = meetings("After visiting Kenya on Monday, Foreign Minister Ravi Menon flew to Kampala.")
    assert sorted((m.location, m.status) for m in found) == [("Kampala", "happened"), ("Kenya", "happened")]
    planned = meetings("Foreign Minister Ravi Menon will meet Kenyan officials before visiting Uganda.")
    assert ("Uganda", "planned") in [(m.location, m.status) for m in planned]


def test_the_two_refers_back_to_the_pair_just_named(meetings):
    """"The two had previously met in Brussels" is the pair just named, in a reported-past meeting.
    """
    found = meetings(
        "President Lena Ortiz met Chancellor Petra Vogel in Madrid on Monday. The two had "
        "previously met in Brussels last year."
    )
    assert sorted((m.location, m.status) for m in found) == [("Brussels", "reported-past"), ("Madrid", "happened")]
    assert {m.participants for m in found} == {("Lena Ortiz", "Petra Vogel")}


def test_the_subjects_of_a_clause_after_a_summit_took_part_in_it(meetings):
    """The subject of a clause "after a summit in <city>" is its party; "Prices rose after the
    summit" gives none.
    """
    found = meetings("The two delegations agreed to a ceasefire after a summit in Barcelona, officials said.")
    assert [(m.participants, m.location, m.type) for m in found] == [(("The two delegations",), "Barcelona", "summit")]
    assert meetings("Prices rose after the summit in Rome.") == []


def test_a_headline_verb_hung_on_its_subject_is_planned(meetings):
    """A headline "X to visit Y", the verb parsed under its subject, is a planned visit to Y."""
    found = meetings("Chilean president to visit Canberra next month")
    assert [(m.location, m.status) for m in found] == [("Canberra", "planned")]


def test_a_called_off_meeting_is_not_reported_but_a_skipped_one_still_takes_place(meetings):
    """A postponed meeting gives no record; a meeting one person will skip is still planned, with
    its group.
    """
    assert meetings("A meeting between Ortiz and Vogel has been postponed.") == []
    skipped = meetings("Ms Vogel will skip a meeting of EU farm ministers in Brussels next week.")
    assert [(m.participants[0].startswith("EU farm ministers"), m.location, m.status) for m in skipped] == [
        (True, "Brussels", "planned")
    ]


def test_a_meeting_in_an_earlier_year_is_background(meetings):
    """A meeting dated to an earlier year ("in 2015") is reported-past."""
    found = meetings("Mr Dahl and Ms Vogel met in Bonn in 2015, long before either held office.")
    assert [(m.location, m.status) for m in found] == [("Bonn", "reported-past")]


def test_talks_that_resume_or_open_somewhere_are_placed_there(meetings):
    """Talks that "resumed in Doha" and a summit that "opened in Quito" are placed there."""
    found = meetings("Talks between Ortiz and Vogel resumed in Doha on Monday.")
    assert [(set(m.participants), m.location) for m in found] == [({"Ortiz", "Vogel"}, "Doha")]
    found = meetings("The summit between Ortiz and Vogel opened in Quito on Monday.")
    assert [m.location for m in found] == ["Quito"]


def test_a_headline_holding_talks_is_planned(meetings):
    """A headline "X to hold talks with Y in Rabat" gives planned talks in Rabat."""
    found = meetings("Spanish Prime Minister Pedro Ruiz to hold talks with King Hassan in Rabat")
    assert [(m.type, m.location, m.status) for m in found] == [("talks", "Rabat", "planned")]


def test_the_pair_refers_back_to_the_two_people_just_named(meetings):
    """"The pair last met in Lisbon" is the two just named, in a reported-past meeting."""
    found = meetings(
        "Foreign Minister Ana Silva met Greek Foreign Minister Nikos Pappas in Athens on Monday. "
        "The pair last met in Lisbon in May."
    )
    assert sorted((m.participants, m.location, m.status) for m in found) == [
        (("Ana Silva", "Nikos Pappas"), "Athens", "happened"),
        (("Ana Silva", "Nikos Pappas"), "Lisbon", "reported-past"),
    ]


def test_had_met_in_reported_speech_is_the_same_meeting_not_background(meetings):
    """"Aides said the two had met for three hours" restates the day's meeting; "had met ... before
    the war" is background.
    """
    found = meetings(
        "Prime Minister Erik Dahl met President Kwame Asante in Accra on Monday. Aides said the "
        "two had met for three hours."
    )
    assert [(set(m.participants), m.location, m.status) for m in found] == [
        ({"Erik Dahl", "Kwame Asante"}, "Accra", "happened")
    ]
    assert [m.status for m in meetings(
        "President Marta Ruiz and Chancellor Petra Vogel had met in Lima before the war.")] == ["reported-past"]


@pytest.mark.parametrize("text", [
    # two prime ministers: the one last told as a subject
    "Prime Minister Jan Kowal arrived in Riga on Monday. He was welcomed by Prime Minister Ivars "
    "Berzins at the airport. On Tuesday the prime minister will meet President Andris Ozols.",
    # nobody titled foreign minister: the untitled person last a subject, never the prime minister
    "Poland wants more trade, the Polish foreign minister said on Friday. Jan Kowal told reporters "
    "the ties were good after he met Prime Minister Ivars Berzins. The foreign minister will "
    "meet President Andris Ozols on Saturday.",
])
def test_a_role_reference_is_the_protagonist_who_fits_it(meetings, text):
    """"the prime minister" / "the foreign minister" resolve to Jan Kowal, not Ivars Berzins."""
    found = _by_parties(meetings(text))
    assert frozenset({"Jan Kowal", "Andris Ozols"}) in found
    assert frozenset({"Ivars Berzins", "Andris Ozols"}) not in found


def test_a_journey_for_talks_gives_the_trip_and_the_talks_there(meetings):
    """"headed for X for talks with Y": a visit to X and planned talks with Y placed in X."""
    found = _by_parties(meetings(
        "Premier Omar Nasser headed for Oman on Wednesday for talks with Sultan Faisal Haddad on water rights."
    ))
    visit = found[frozenset({"Omar Nasser"})]
    assert (visit.type, visit.location) == ("visit", "Oman")
    talks = found[frozenset({"Omar Nasser", "Faisal Haddad"})]
    assert (talks.location, talks.status) == ("Oman", "planned")


def test_receiving_a_telephone_call_makes_a_call_between_both(meetings):
    """The subject of "received a call from X" is a party of the call."""
    found = meetings("President Omar Nasser received a telephone call from Secretary of State Ann Webb.")
    assert [(set(m.participants), m.type) for m in found] == [({"Omar Nasser", "Ann Webb"}, "call")]


def test_a_mediation_between_two_leaders_is_one_event_of_three(meetings):
    """"his mediation between A and B" is one event of the mediator and both sides."""
    found = meetings("The envoy Karl Lund pursued his mediation between President Ivo Petrov and "
                     "Prime Minister Dan Marin.")
    assert [set(m.participants) for m in found] == [{"Karl Lund", "Ivo Petrov", "Dan Marin"}]


def test_a_summit_of_a_named_body_is_its_members_meeting(meetings):
    """"the summit of the Organization of X" gives one summit whose party is the body."""
    found = meetings("Leaders will gather in Innsbruck in June for the annual summit of the Organization of Alpine Regions.")
    assert [(m.participants, m.location, m.status) for m in found] == [
        (("Organization of Alpine Regions",), "Innsbruck", "planned")]


def test_a_speaker_at_a_groups_meeting_took_part_in_it(meetings):
    """"At a ministers' meeting, X said": X and the group, with no stray article on the group."""
    found = meetings("During a Danube Forum transport ministers' meeting last Thursday, Transport "
                     "Secretary Ann Webb said her ministry would fund two new bridges.")
    assert [set(m.participants) for m in found] == [{"Danube Forum transport ministers", "Ann Webb"}]


@pytest.mark.parametrize("text", [
    "Senate leader Tom Baxter met Icelandic President Lee Wen-hui Friday to discuss fishing quotas.",
    "Premier Karl Brandt says he called Governor Ulla Berg minutes after the dam broke.",
])
def test_a_name_the_parser_hangs_under_a_time_word_is_still_the_object(meetings, text):
    """"met President Lee Friday" / "called Governor Berg minutes after" (the name parsed
    under the time word) names the person right after the verb as the other party.
    """
    found = [set(m.participants) for m in meetings(text)]
    assert {"Tom Baxter", "Lee Wen-hui"} in found or {"Karl Brandt", "Ulla Berg"} in found


def test_the_agent_of_a_passive_meet_is_a_party(meetings):
    """"X was met at the airport by Y" gives a meeting of X and Y."""
    found = meetings("Envoy Ivan Petrov was met at the railway station by the deputy mayor, Sara Quist.")
    assert [set(m.participants) for m in found] == [{"Ivan Petrov", "Sara Quist"}]


@pytest.mark.parametrize(("text", "party"), [
    ("The Association of Coastal Fishing Nations meets in Lisbon on Sunday.",
     "Association of Coastal Fishing Nations"),
    ("The steering committee of the opposition alliance meets in Tartu on Sunday.",
     "The steering committee of the opposition alliance"),
])
def test_a_body_or_committee_meeting_alone_is_a_meeting(meetings, text, party):
    """An organisation or a collective noun as the lone subject of "meets" is a group meeting."""
    found = meetings(text)
    assert [m.participants for m in found] == [(party,)]
    assert found[0].location in ("Lisbon", "Tartu")


def test_their_summit_is_the_two_people_named_before(meetings):
    """"their" on an event noun refers to the two people the sentence named before it."""
    found = meetings("Prime Minister Ken Sato plans to raise the fishing dispute with President Omar Haddad at "
                     "their summit in May.")
    assert [(set(m.participants), m.type) for m in found] == [({"Ken Sato", "Omar Haddad"}, "summit")]


def test_a_journey_in_the_present_with_its_day_is_a_planned_trip(meetings):
    """"who leaves for Brussels on Friday" is a planned visit to Brussels on the coming Friday."""
    found = meetings("Minister Carla Mendez, who leaves for Brussels on Friday, said the deal was fair.")
    assert [(m.participants, m.location, m.status, m.date) for m in found] == [
        (("Carla Mendez",), "Brussels", "planned", date(2021, 3, 12))]


def test_a_name_after_counterpart_is_the_person_met(meetings):
    """"his Finnish counterpart Ivars Berzins" names Berzins even when the model does not tag him as
    a person: "counterpart" is a title before a name.
    """
    found = meetings("Estonian Defence Minister Jan Kowal met here on Tuesday with his Finnish counterpart "
                     "Ivars Berzins and praised the joint exercises.")
    assert [set(m.participants) for m in found] == [{"Jan Kowal", "Ivars Berzins"}]


@pytest.mark.parametrize("text", [
    "Dan Levin is the first Finnish defence chief to visit Iceland in forty years.",
    "Dan Levin, who is the first Finnish defence chief to visit Iceland in forty years, met President Ali Ben Salem.",
])
def test_the_first_minister_to_visit_is_the_subject_of_the_copula(meetings, text):
    """"X is the first minister to visit Y": the visitor is X, not the phrase "the first minister".
    """
    found = _by_parties(meetings(text))
    assert found[frozenset({"Dan Levin"})].location == "Iceland"


def test_two_subjects_parsed_as_siblings_are_both_parties(meetings):
    """"A and B agreed to meet", parsed as two subjects of one verb, names both."""
    found = meetings("Foreign Minister Ana Ruiz and Foreign Minister Piet Vos agreed to meet in Ghent.")
    assert [(set(m.participants), m.status) for m in found] == [({"Ana Ruiz", "Piet Vos"}, "planned")]


def test_a_headline_naming_a_party_by_role_restates_the_body(nlp):
    """A headline event with an unresolved role party adds no record beside the body's."""
    from bot.extract.pipeline import Extractor

    found = Extractor(nlp=nlp).extract(
        "x", "Party chief meets visiting treasury secretary",
        "General Secretary Tran Van Linh met US Treasury Secretary Robert Ruben in Hanoi on Monday.",
        PUBLISHED).meetings
    assert [set(m.participants) for m in found] == [{"Tran Van Linh", "Robert Ruben"}]

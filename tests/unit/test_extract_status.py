"""Status reasons: background told by time words and clause structure, plans told by purpose and dates."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp
from bot.extract.status import event_status

pytestmark = pytest.mark.slow

PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)  # a Wednesday


@pytest.fixture(scope="module")
def statuses():
    nlp = get_nlp()

    def run(text: str) -> dict[frozenset[str], str]:
        doc = nlp(text)
        return {frozenset(m.participants): m.status for m in extract_meetings(doc, build_people_index(doc), PUBLISHED)}

    return run


def test_talks_dated_earlier_this_month_are_background(statuses):
    """An event noun with its own "earlier this month" is reported-past even under "will"."""
    found = statuses("Mayor Tom Reed will discuss the results of his talks with Governor Ann Lutz earlier this month.")
    assert found[frozenset({"Tom Reed", "Ann Lutz"})] == "reported-past"


def test_a_visit_months_ago_is_background(statuses):
    """"two months ago" on the verb itself makes the visit background."""
    found = statuses("Chancellor Petra Vogel visited Lisbon two months ago.")
    assert found[frozenset({"Petra Vogel"})] == "reported-past"


def test_past_relative_clause_under_a_future_main_clause_is_background(statuses):
    """"who visited X" before "will hold talks" is an earlier leg, the talks are planned."""
    found = statuses(
        "Minister Olga Berg, who visited Quito and Lima, will hold talks with President Raul Ortega in Bogota."
    )
    assert found[frozenset({"Olga Berg"})] == "reported-past"
    assert found[frozenset({"Olga Berg", "Raul Ortega"})] == "planned"


def test_a_visit_in_a_since_clause_is_background(statuses):
    """An event in a "since" clause under a present-perfect main clause is reported-past."""
    found = statuses("Relations have been tense since Premier Ivo Marek visited Riga.")
    assert found[frozenset({"Ivo Marek"})] == "reported-past"


def test_a_past_relative_clause_under_a_past_main_clause_stays_news(statuses):
    """The rule does not fire when the main clause is itself past: the meeting is the news."""
    found = statuses("Diplomats said Senator Ann Lutz, who met Mayor Tom Reed on Monday, left at noon.")
    assert found[frozenset({"Ann Lutz", "Tom Reed"})] == "happened"


def test_talks_that_are_the_purpose_of_a_journey_are_planned(statuses):
    """"arrived ... to meet X": the journey happened, the meeting is still ahead."""
    found = statuses("Foreign Minister Ines Halvorsen arrived in Oslo on Tuesday to meet Prime Minister Carl Brandt.")
    assert found[frozenset({"Ines Halvorsen"})] == "happened"
    assert found[frozenset({"Ines Halvorsen", "Carl Brandt"})] == "planned"


def test_present_tense_meeting_on_a_later_date_is_planned(statuses):
    """"meet on March 15" in a story published on March 10 is planned, not happened."""
    found = statuses("Prime Minister Carl Brandt and President Raul Ortega meet in Geneva on March 15.")
    assert found[frozenset({"Carl Brandt", "Raul Ortega"})] == "planned"


def test_a_counted_present_perfect_meeting_is_background(statuses):
    """"has met X twice" counts earlier meetings: reported-past, not the news."""
    found = statuses("Governor Ann Lutz has met Mayor Tom Reed twice.")
    assert found[frozenset({"Ann Lutz", "Tom Reed"})] == "reported-past"


def test_arriving_for_a_visit_starts_it(statuses):
    """The purpose reason leaves visits alone: "arrived for a three-day visit" happened."""
    found = statuses("President Raul Ortega arrived in Lima on Monday for a three-day official visit.")
    assert found[frozenset({"Raul Ortega"})] == "happened"


def test_a_counted_past_perfect_is_not_the_experiential_reason(statuses):
    """Only the present perfect counts earlier meetings: "had met before" under "said" is reported
    speech shifted back, so the meeting keeps the news status.
    """
    found = statuses("Diplomats said Governor Ann Lutz had met Mayor Tom Reed before.")
    assert found[frozenset({"Ann Lutz", "Tom Reed"})] == "happened"


def test_a_visit_counted_this_year_is_current_news_not_background(statuses):
    """"his third visit to X this year" beside talks held on a day this week stays happened: "this
    year" names no date months back.
    """
    found = statuses(
        "Foreign Minister Ines Halvorsen held talks with Prime Minister Carl Brandt in Oslo on Monday, "
        "her third visit to Norway this year."
    )
    assert found[frozenset({"Ines Halvorsen", "Carl Brandt"})] == "happened"
    assert "reported-past" not in found.values()


@pytest.mark.parametrize(("text", "trigger", "value", "reason"), [
    ("Prime Minister Ana Ruiz will meet President Omar Haddad.", "meet", "planned", "planned_modal"),
    ("Ruiz met Haddad in Lima in 2009.", "met", "reported-past", "past_long_ago_adverbial"),
    ("Ruiz, who met Haddad in Lima, will fly to Quito.", "met", "reported-past", "past_clause_under_present"),
    ("Ruiz has met Haddad twice.", "met", "reported-past", "past_experiential_perfect"),
    ("Ruiz arrived in Quito for talks with Haddad.", "talks", "planned", "planned_purpose_of_journey"),
    ("Ruiz met Haddad in Lima.", "met", "happened", "tense"),
    ("Ruiz meets Haddad on March 15.", "meets", "planned", "planned_dated_after_publication"),
    # a past "where" clause under a present one: an earlier leg of the journey
    ("Rosa Tamayo, who arrives from Asia where she visited Vietnam, will hold talks with Olav Brekke.",
     "visited", "reported-past", "past_clause_under_present"),
    # a past relative clause under a clause with "would", inside reported speech
    ("The aide said Ruiz would brief the king about envoy Karl Berg, who met Ana Lind in Lima.",
     "met", "reported-past", "past_clause_under_present"),
    # the light verb's "last week" dates the event noun
    ("Foreign Minister Jan Kowal made a trip to Peru last week.", "trip", "reported-past", "past_long_ago_adverbial"),
    # "be due in <place>": the visit lies ahead
    ("Health Minister Ada Mirren is due in Uruguay for a visit to the new children's hospital.", "visit", "planned",
     "planned_plan_word"),
    # a simple present with a weekday after publication (a Wednesday) is a timetable
    ("Fisheries Minister Rosa Tamayo arrives in Chile on Friday.", "arrives", "planned", "planned_present_schedule"),
    # a headline present with no day is not a timetable
    ("Prime Minister Ana Ruiz meets President Omar Haddad in Lima.", "meets", "happened", "tense"),
    # the subject of "was held" takes the verb's year
    ("A summit on river trade was held in Asuncion in 1987.", "summit", "reported-past",
     "past_long_ago_adverbial"),
    # a year after the publication year is no background
    ("Ruiz and Haddad will meet again in 2022.", "meet", "planned", "planned_modal"),
    ("During an earlier visit to Quito, Ruiz met Haddad.", "visit", "reported-past", "past_earlier_modifier"),
    ("Ruiz is in Lima to attend the regional summit.", "summit", "planned", "planned_purpose_of_journey"),
    ("A trade conference to be held in Quito opened its registration.", "conference", "planned",
     "planned_noun_clause"),
    ("Leaders have been invited to the regional summit slated for March 20-21.", "summit", "planned",
     "planned_noun_clause"),
    # an infinitive of purpose on the event noun is no plan
    ("During the summit held in Lima to mark the anniversary of the pact, Ruiz proposed a fund.", "summit",
     "happened", "tense"),
    ("Delegates prepared for next week's summit in Lima.", "summit", "planned", "planned_future_time_words"),
    ("Ruiz confirmed her visit to Lima next week.", "visit", "planned", "planned_future_time_words"),
    # more than a week before publication (a Wednesday, March 10) is background; five days is news
    ("Ruiz met Haddad in Lima on February 25.", "met", "reported-past", "past_dated_long_before"),
    ("Ruiz met Haddad in Lima on March 5.", "met", "happened", "tense"),
    # a past verb keeps its tense when the parser hangs a later event's time on it
    ("Ruiz met Haddad on Monday and discussed a visit next month.", "discussed", "happened", "tense"),
    # a present progressive with a weekday is an arrangement (published on a Wednesday)
    ("Governor Ann Lutz is chairing a meeting of the river boards on Friday.", "meeting", "planned",
     "planned_present_schedule"),
    ("Ruiz is meeting Haddad on Friday in Lima.", "meeting", "planned", "planned_present_schedule"),
    ("Ruiz is meeting Haddad in Lima today.", "meeting", "happened", "tense"),
    ("Last month's talks between Ruiz and Haddad ended without a deal.", "talks", "reported-past",
     "past_long_ago_adverbial"),
    ("The prospect of a summit between Ruiz and Haddad lifted markets.", "summit", "planned", "planned_plan_noun"),
    ("Ruiz turned down an offer to visit Quito.", "visit", "planned", "planned_plan_noun"),
    ("Hopes of a summit between Governor Ida Brandt and Mayor Olav Kern faded on Tuesday.", "summit", "planned",
     "planned_plan_noun"),
    ("Ruiz agreed to meet Haddad during a video call.", "meet", "planned", "planned_plan_word"),
    # a yearless date ten days after publication lies ahead, whatever the tense of the clause
    ("Ruiz praised the summit of March 20 in Lima.", "summit", "planned", "planned_dated_after_publication"),
    ("The ministers prepared the agenda of the March 20 summit.", "summit", "planned",
     "planned_dated_after_publication"),
])
def test_each_status_names_the_reason_that_decided_it(text, trigger, value, reason):
    """event_status gives the status with the name of the one reason that decided it."""
    doc = get_nlp()(text)
    tok = next(t for t in doc if t.text == trigger)
    status, _ = event_status(tok, doc, PUBLISHED)
    assert (status.value, status.reason) == (value, reason)


def test_a_yearless_date_is_the_nearest_occurrence():
    """"March 20" in a paper of March 10 is ten days ahead; "February 12" is four weeks back."""
    from bot.extract.status import _nearest_day

    day = PUBLISHED.date()
    assert _nearest_day("on March 20", day) == day.replace(day=20)
    assert _nearest_day("on February 12", day) == day.replace(month=2, day=12)
    assert _nearest_day("on Friday", day) is not None


@pytest.mark.parametrize("text", [
    "", "in", "in 1994", "x" * 5000, "Die Minister trafen sich am 3. Mai 1994 in Berlin.",
    "He met her on \"March 40, 19999.",
])
def test_status_of_odd_text_never_raises(text):
    """Status and date reading return something for empty, foreign or malformed text."""
    from bot.extract.status import _nearest_day, _years_before

    doc = get_nlp()(text)
    for tok in doc:
        event_status(tok, doc, PUBLISHED)
    _nearest_day(text, PUBLISHED.date())
    _years_before(text, None)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Governor Elsa Marrow said she hoped her current visit to Tarnby would open a new chapter for the two "
     "river towns.", "visit"),
    ("The ongoing summit of coastal mayors will adopt a water charter, the host city said.", "summit"),
])
def test_an_event_under_way_has_happened(text, trigger):
    """"her current visit", "the ongoing summit": under way at the time of the news, whatever hope or modal
    governs the clause; with the rule off the plan word or the modal decides."""
    from bot.extract.meeting_rules import rules_off

    doc = get_nlp()(text)
    tok = next(t for t in doc if t.text == trigger)
    status, _ = event_status(tok, doc, PUBLISHED)
    assert (status.value, status.reason) == ("happened", "happened_ongoing_modifier")
    with rules_off(frozenset({"happened_ongoing_modifier"})):
        status, _ = event_status(tok, doc, PUBLISHED)
    assert status.value == "planned"


def test_a_hyphenated_part_of_a_month_dates_the_event():
    """"in mid-October" in a paper of March is five months back: background; with the rule off no date is
    read and the past tense says only that it happened."""
    from bot.extract.meeting_rules import rules_off

    doc = get_nlp()("Trade envoy Pia Lundqvist toured the harbour works of Varna in mid-October.")
    tok = next(t for t in doc if t.text == "toured")
    status, when = event_status(tok, doc, PUBLISHED)
    assert (status.value, when) == ("reported-past", datetime(2020, 10, 1, tzinfo=UTC).date())
    with rules_off(frozenset({"date_month_part_hyphen"})):
        status, when = event_status(tok, doc, PUBLISHED)
    assert (status.value, when) == ("happened", None)

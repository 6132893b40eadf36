"""Plans reconciled with what happened, background told apart, one quote per event, digest order."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.events import (
    best_quote,
    cut,
    event_day,
    merge_events,
    newest_first,
    quote_score,
    stop_as_visit,
)
from bot.models import Event, Meeting, Quote, SourceRef, TripStop


def _src(name: str, day: int, hour: int = 0, month: int = 10) -> SourceRef:
    return SourceRef(
        f"{name} story {day}", f"https://{name}.example/{month}/{day}/{hour}", name,
        datetime(2018, month, day, hour, tzinfo=UTC),
    )


# ---------------------------------------------------------------- planned → happened


def test_a_plan_is_dated_by_its_planned_day_not_the_report() -> None:
    """'Due to meet on 13 Oct', reported on 6 Oct, is dated 13 Oct; an undated plan has no date
    and sorts by the day it was announced."""
    dated, undated = merge_events([
        (Meeting(("Tarik Osei", "Lena Brandt"), "Accra", "planned", date=date(2018, 10, 13)), _src("a", 6)),
        (Meeting(("Tarik Osei", "Paulo Reis"), None, "planned"), _src("b", 8)),
    ])[::-1]
    assert dated.meeting.date == date(2018, 10, 13)
    assert dated.meeting.status == "planned"
    assert undated.meeting.date is None
    assert event_day(undated) == date(2018, 10, 8)
    assert dated.announced is None
    assert undated.announced is None


def test_an_undated_plan_is_fulfilled_by_a_later_meeting_and_the_plan_date_is_used() -> None:
    """An undated plan and a report days later that they met are one event; when the report
    states no day but a plan did, the planned day (not after the report) dates it."""
    events = merge_events([
        (Meeting(("Osei", "Brandt"), None, "planned"), _src("a", 2)),
        (Meeting(("Osei", "Brandt"), "Accra", "planned", date=date(2018, 10, 9)), _src("b", 5)),
        (Meeting(("Tarik Osei", "Lena Brandt"), "Accra", "happened"), _src("c", 10)),
    ])
    assert len(events) == 1
    event = events[0]
    assert event.meeting.status == "happened"
    assert event.announced == date(2018, 10, 2)
    assert event.meeting.date == date(2018, 10, 9)
    assert event.meeting.participants == ("Tarik Osei", "Lena Brandt")


def test_no_date_is_made_up_for_what_happened() -> None:
    """Neither the plan nor the report of the meeting states a day: the event has no date and
    sorts by the first report of the meeting, not by the announcement."""
    [event] = merge_events([
        (Meeting(("Osei", "Brandt"), None, "planned"), _src("a", 2)),
        (Meeting(("Osei", "Brandt"), None, "happened"), _src("b", 6)),
        (Meeting(("Osei", "Brandt"), None, "happened"), _src("c", 7)),
    ])
    assert event.meeting.date is None
    assert event.announced == date(2018, 10, 2)
    assert event_day(event) == date(2018, 10, 6)


def test_a_visit_plan_and_the_visit_reconcile() -> None:
    """'Due to visit' a country and 'visited' its capital are one visit, named by the city."""
    [event] = merge_events([
        (Meeting(("Osei",), "Ghana", "planned", "visit", country="Ghana"), _src("a", 3)),
        (Meeting(("Tarik Osei",), "Accra", "happened", "visit", date=date(2018, 10, 11), country="Ghana"), _src("b", 12)),
    ])
    assert (event.meeting.status, event.meeting.location, event.announced) == ("happened", "Accra", date(2018, 10, 3))


def test_an_itinerary_stop_is_a_visit_report() -> None:
    """A planned trip stop and a later visit report merge like two visit reports."""
    stop = TripStop("Lisbon", "planned", "Portugal", date(2018, 10, 15))
    [event] = merge_events([
        (stop_as_visit("Tarik Osei", stop), _src("a", 9)),
        (Meeting(("Osei",), "Lisbon", "happened", "visit"), _src("b", 15)),
    ])
    assert event.meeting.type == "visit"
    assert event.meeting.status == "happened"
    assert event.meeting.date == date(2018, 10, 15)
    assert event.announced == date(2018, 10, 9)


def test_a_plan_told_after_the_meeting_is_another_meeting() -> None:
    """'Will meet again', first reported after they met, is not the plan of that meeting."""
    events = merge_events([
        (Meeting(("Osei", "Brandt"), "Accra", "happened", date=date(2018, 10, 7)), _src("a", 7)),
        (Meeting(("Osei", "Brandt"), None, "planned"), _src("b", 9)),
    ])
    assert sorted(e.meeting.status for e in events) == ["happened", "planned"]


def test_one_article_with_a_meeting_and_a_plan_tells_two_events() -> None:
    """An article saying they met and will meet again keeps both, even within the date window;
    so does one telling today's meeting and, undated, their first one."""
    s = _src("a", 7)
    events = merge_events([
        (Meeting(("Osei", "Brandt"), None, "happened"), s),
        (Meeting(("Osei", "Brandt"), None, "planned"), s),
        (Meeting(("Brandt", "Osei"), None, "reported-past"), s),
    ])
    assert sorted(e.meeting.status for e in events) == ["happened", "planned", "reported-past"]


def test_a_plan_for_another_day_or_long_unfulfilled_stays_apart() -> None:
    """A plan dated weeks after the meeting, or an undated plan months before it, is another event."""
    events = merge_events([
        (Meeting(("Osei", "Brandt"), None, "planned", date=date(2018, 11, 20)), _src("a", 6)),
        (Meeting(("Osei", "Brandt"), None, "planned"), _src("b", 1, month=7)),
        (Meeting(("Osei", "Brandt"), None, "happened", date=date(2018, 10, 9)), _src("c", 9)),
    ])
    assert [(e.meeting.status, e.announced) for e in events] == [
        ("planned", None), ("happened", None), ("planned", None)
    ]


def test_an_outlet_that_told_the_plan_and_the_outcome_is_listed_once_with_the_outcome() -> None:
    """One outlet reporting the plan and then the meeting appears once, linking the meeting report."""
    plan, done = _src("wire", 4), _src("wire", 9)
    [event] = merge_events([
        (Meeting(("Osei", "Brandt"), None, "planned"), plan),
        (Meeting(("Osei", "Brandt"), None, "happened"), done),
    ])
    assert event.sources == (done,)
    assert event.announced == date(2018, 10, 4)


def test_a_lone_visit_and_a_meeting_of_one_named_group_stay_apart() -> None:
    """One traveller's visit and a summit where only that traveller is named are two events."""
    events = merge_events([
        (Meeting(("Osei",), "Accra", "happened", "visit"), _src("a", 7)),
        (Meeting(("Osei",), "Accra", "happened", "summit"), _src("b", 7)),
    ])
    assert sorted(e.meeting.type for e in events) == ["summit", "visit"]


# ---------------------------------------------------------------- background


def test_a_meeting_only_cited_as_context_is_background() -> None:
    """A meeting every report mentions as earlier context is background, with no quote."""
    s = _src("a", 20)
    quote = Quote("Lena Brandt", "We will keep talking until there is an agreement on the border.")
    [event] = merge_events(
        [(Meeting(("Osei", "Brandt"), "Accra", "reported-past", "summit", date=date(2018, 9, 1)), s)],
        {s: [quote]},
    )
    assert event.background
    assert event.meeting.status == "reported-past"
    assert event.quote is None


def test_a_meeting_dated_weeks_before_its_report_is_background() -> None:
    """Told in the past tense but dated three weeks before the report: context, not news."""
    [event] = merge_events([
        (Meeting(("Osei", "Brandt"), None, "happened", date=date(2018, 9, 28)), _src("a", 19)),
    ])
    assert event.background
    assert event.meeting.status == "reported-past"


def test_news_with_a_later_mention_as_context_stays_news() -> None:
    """The meeting reported as news, then cited as background next day, is news."""
    [event] = merge_events([
        (Meeting(("Osei", "Brandt"), None, "happened", date=date(2018, 10, 7)), _src("a", 7)),
        (Meeting(("Osei", "Brandt"), None, "reported-past"), _src("b", 8)),
    ])
    assert not event.background
    assert event.meeting.status == "happened"


# ---------------------------------------------------------------- quotes


def test_quote_score_prefers_participants_direct_words_and_sensible_length() -> None:
    """A participant beats a bystander, direct beats indirect, a fragment scores lower, and a quote
    without speaker or text is never shown."""
    people = ("Tarik Osei", "Lena Brandt")
    long_enough = "The talks were frank and we agreed to meet again within the month."
    by_participant = quote_score(Quote("Osei", long_enough), people)
    by_bystander = quote_score(Quote("Anna Kowal", long_enough), people)
    indirect = quote_score(Quote("Brandt", long_enough, kind="indirect"), people)
    fragment = quote_score(Quote("Brandt", "frank"), people)
    speech = quote_score(Quote("Brandt", "word " * 100), people)
    assert by_participant > indirect > by_bystander
    assert by_participant > fragment
    assert by_participant > speech
    assert quote_score(Quote(None, long_enough), people) < 0
    assert quote_score(Quote("Osei", "   "), people) < 0


def test_best_quote_breaks_ties_by_first_published() -> None:
    """Two equally good quotes: the earlier report's is chosen, whatever the order given."""
    q1 = Quote("Osei", "We have agreed on a timetable for the next round of negotiations.")
    q2 = Quote("Brandt", "Both delegations left the room with a draft that everyone can sign.")
    early, late = _src("a", 7), _src("b", 8)
    for candidates in ([(q1, late), (q2, early)], [(q2, early), (q1, late)]):
        assert best_quote(candidates, ("Osei", "Brandt")) == (q2, early)
    assert best_quote([], ("Osei",)) is None


def test_each_event_gets_the_best_quote_of_its_own_sources() -> None:
    """The quote comes from the event's reports, attributed to a participant when one spoke."""
    a, b, c = _src("a", 7), _src("b", 7, 3), _src("c", 7, 5)
    bystander = Quote("Anna Kowal", "Nobody expected the two delegations to agree so quickly.")
    participant = Quote("Brandt", "We agreed to reopen the border crossings next spring.", kind="indirect")
    other = Quote("Paulo Reis", "Our ministry will publish the text of the treaty this week.")
    events = merge_events(
        [
            (Meeting(("Osei", "Brandt"), None, "happened"), a),
            (Meeting(("Osei", "Brandt"), None, "happened"), b),
            (Meeting(("Osei", "Reis"), "Lagos", "happened"), c),
        ],
        {a: [bystander], b: [participant], c: [other]},
    )
    by_people = {e.meeting.participants: e for e in events}
    assert (by_people[("Osei", "Brandt")].quote, by_people[("Osei", "Brandt")].quote_source) == (participant, b)
    assert by_people[("Osei", "Reis")].quote == other


def test_a_bystanders_words_are_not_shown_with_an_event() -> None:
    """Only a bystander spoke: the event shows no quote rather than theirs."""
    s = _src("a", 7)
    bystander = Quote("Anna Kowal", "Nobody expected the two delegations to agree so quickly.")
    [event] = merge_events([(Meeting(("Osei", "Brandt"), None, "happened"), s)], {s: [bystander]})
    assert event.quote is None


def test_a_quote_is_shown_once_and_the_meeting_chooses_first() -> None:
    """One article, a meeting and the traveller's visit: the better quote goes to the meeting, the
    visit gets the other, and neither is shown twice."""
    s = _src("a", 7)
    best = Quote("Osei", "We agreed to reopen the border crossings next spring, step by step.")
    second = Quote("Osei", "The journey here was long but worth every hour of it.", kind="indirect")
    events = merge_events(
        [
            (Meeting(("Osei",), "Accra", "happened", "visit"), s),
            (Meeting(("Osei", "Brandt"), "Accra", "happened", "talks"), s),
        ],
        {s: [second, best]},
    )
    by_type = {e.meeting.type: e.quote for e in events}
    assert by_type == {"talks": best, "visit": second}


# ---------------------------------------------------------------- digest order


def _event(day: int, background: bool = False) -> Event:
    return Event(Meeting(("Osei", f"Person {day}"), None, "happened", date=date(2018, 10, day)),
                 (_src("a", day),), background=background)


def test_newest_first_with_background_after_the_news() -> None:
    """News by newest report first, then background, also newest first."""
    events = [_event(3), _event(9, background=True), _event(5), _event(2, background=True), _event(7)]
    assert [(e.background, e.meeting.date.day) for e in newest_first(events)] == [
        (False, 7), (False, 5), (False, 3), (True, 9), (True, 2)
    ]


def test_cut_says_how_many_were_left_out() -> None:
    """Cutting at N keeps the first N and counts the rest; a short list loses nothing."""
    events = newest_first(_event(d) for d in range(1, 8))
    kept, left_out = cut(events, 5)
    assert [e.meeting.date.day for e in kept] == [7, 6, 5, 4, 3]
    assert left_out == 2
    assert cut(events, 10) == (tuple(events), 0)


def test_places_are_compared_as_places() -> None:
    """'North Korea' and 'South Korea' are two places (the words that are titles in a name count
    here); 'Seoul' and 'Seoul, South Korea' are one."""
    from bot.events import same_place

    assert not same_place("North Korea", "South Korea")
    assert same_place("Seoul", "Seoul, South Korea")
    events = merge_events([
        (Meeting(("Osei", "Brandt"), "North Korea", "happened"), _src("a", 7)),
        (Meeting(("Osei", "Brandt"), "South Korea", "happened"), _src("b", 7)),
    ])
    assert len(events) == 2


def test_a_meeting_there_fulfils_a_participants_planned_visit() -> None:
    """'Due to visit Accra' and a later 'met Brandt in Accra' make the visit happened, sourced by
    the meeting's report; the meeting's quote stays with the meeting; nobody else gets a visit."""
    plan, done = _src("a", 5), _src("b", 9)
    said = Quote("Osei", "We agreed on a timetable for reopening the border crossings.")
    events = merge_events(
        [
            (Meeting(("Tarik Osei",), "Accra", "planned", "visit", date(2018, 10, 9)), plan),
            (Meeting(("Osei", "Lena Brandt"), "Accra", "happened", "talks", date(2018, 10, 9)), done),
        ],
        {done: [said]},
    )
    visit, talks = sorted(events, key=lambda e: e.meeting.type, reverse=True)
    assert (visit.meeting.type, visit.meeting.status, visit.announced) == ("visit", "happened", date(2018, 10, 5))
    assert visit.sources == (plan, done)
    assert visit.quote is None
    assert talks.quote == said
    assert len(events) == 2  # no visit appears for Brandt, who had none planned


def test_a_meeting_elsewhere_or_weeks_later_leaves_the_plan_open() -> None:
    """A meeting in another city, or long after the planned day, does not fulfil the visit."""
    events = merge_events([
        (Meeting(("Osei",), "Accra", "planned", "visit", date(2018, 10, 9)), _src("a", 5)),
        (Meeting(("Osei", "Brandt"), "Lagos", "happened", date=date(2018, 10, 9)), _src("b", 9)),
        (Meeting(("Osei", "Brandt"), "Accra", "happened", date=date(2018, 10, 30)), _src("c", 30)),
    ])
    [visit] = [e for e in events if e.meeting.type == "visit"]
    assert visit.meeting.status == "planned"


def test_told_in_dates_a_lone_visit_by_its_stop_and_adds_the_other_stops() -> None:
    """The lone visit that is also a trip stop takes the stop's date; a stop no meeting tells is
    added as a visit, so a trip's last stop reaches the digest."""
    from bot.events import told_in
    from bot.models import Extraction, Trip

    extraction = Extraction(
        "a1",
        meetings=(Meeting(("Tarik Osei",), "Accra", "happened", "visit"),),
        trips=(Trip("Tarik Osei", (
            TripStop("Accra", "happened", "Ghana", date(2018, 10, 4)),
            TripStop("Lagos", "planned", "Nigeria", date(2018, 10, 8)),
        )),),
    )
    assert told_in(extraction) == [
        Meeting(("Tarik Osei",), "Accra", "happened", "visit", date(2018, 10, 4), "Ghana"),
        Meeting(("Tarik Osei",), "Lagos", "planned", "visit", date(2018, 10, 8), "Nigeria"),
    ]


def test_told_in_takes_a_city_stop_as_the_lone_visit_to_its_country() -> None:
    """An article's lone visit to a country and its trip's stop in a city of that country ("visited
    the North", "talks in the capital") are one visit: no second visit is added for the city."""
    from bot.events import told_in
    from bot.models import Extraction, Trip

    extraction = Extraction(
        "a1",
        meetings=(Meeting(("Tarik Osei",), "Ghana", "happened", "visit"),),
        trips=(Trip("Tarik Osei", (TripStop("Accra", "happened", "Ghana", date(2018, 10, 4)),)),),
    )
    assert told_in(extraction) == [
        Meeting(("Tarik Osei",), "Ghana", "happened", "visit", date(2018, 10, 4), "Ghana"),
    ]

"""Properties of merging reports into events: the input's order does not matter, no outlet that
reported an event is lost, and each event lists an outlet once."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.events import event_day, merge_events, same_event, same_person, worth_showing
from bot.events.briefed import Briefed, Told, place
from bot.models import Meeting, Quote, SourceRef

_PEOPLE = [("Tarik Osei", "Lena Brandt"), ("Osei", "Brandt"), ("Osei", "Paulo Reis"), ("Tarik Osei",), ("Lena Brandt",)]
_PLACES = [None, "Accra", "Ghana", "Lisbon"]
_OUTLETS = ["north", "south", "east", "west"]

_meeting = st.builds(
    Meeting,
    participants=st.sampled_from(_PEOPLE),
    location=st.sampled_from(_PLACES),
    status=st.sampled_from(["planned", "happened", "reported-past"]),
    type=st.sampled_from(["meeting", "visit", "talks"]),
    date=st.none() | st.dates(date(2018, 9, 1), date(2018, 11, 30)),
    country=st.sampled_from(["", "Ghana"]),
)
_source = st.builds(
    lambda outlet, day, hour: SourceRef(
        f"{outlet} {day}", f"https://{outlet}.example/{day}/{hour}", outlet,
        datetime(2018, 10, day, hour, tzinfo=UTC),
    ),
    st.sampled_from(_OUTLETS), st.integers(1, 31), st.integers(0, 2),
)
_reports = st.lists(st.tuples(_meeting, _source), max_size=12)


@settings(max_examples=150, deadline=None)
@given(_reports, st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_the_order_of_reports(reports, rnd) -> None:
    """Shuffling the reports gives exactly the same events (with the same quotes)."""
    quotes = {s: [Quote(s.source_name.title(), f"Words reported by {s.url} about the talks today.")] for _, s in reports}
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert merge_events(shuffled, quotes) == merge_events(reports, quotes)


@settings(max_examples=150, deadline=None)
@given(_reports)
def test_every_outlet_of_a_shown_report_is_a_source_of_a_matching_event(reports) -> None:
    """Each report worth showing has its outlet among the sources of an event with its people."""
    events = merge_events(reports)
    for meeting, source in reports:
        if not worth_showing(meeting):
            continue
        assert any(
            source.source_name in {s.source_name for s in e.sources}
            and len(e.meeting.participants) == len(meeting.participants)
            and all(any(same_person(p, q) for q in e.meeting.participants) for p in meeting.participants)
            for e in events
        ), (meeting, source)


@settings(max_examples=150, deadline=None)
@given(_reports)
def test_an_event_lists_each_outlet_once_and_is_consistent(reports) -> None:
    """Sources are unique per outlet and by publication; a plan never carries an announcement;
    background is never planned; the events come in time order."""
    events = merge_events(reports)
    for e in events:
        names = [s.source_name for s in e.sources]
        assert len(names) == len(set(names))
        assert [s.published for s in e.sources] == sorted(s.published for s in e.sources)
        if e.meeting.status == "planned":
            assert e.announced is None
            assert not e.background
        assert e.background == (e.meeting.status == "reported-past")
        if e.announced is not None:
            assert e.announced <= event_day(e)
    days = [event_day(e) for e in events]
    assert days == sorted(days)


def _told(reports: list[tuple[Meeting, SourceRef]]) -> list[Told]:
    return [Told(s.url or "", m, s) for m, s in reports]


@settings(max_examples=150, deadline=None)
@given(_reports, _reports)
def test_an_article_is_either_briefed_or_updates_messages_of_its_own_events(briefed, article) -> None:
    """Per chat an article is briefed, or every news event it tells joins a message carrying
    the same event, each report to one message only; nothing it tells is dropped unless it is
    background no message carries."""
    messages = [
        Briefed(i + 1, 7, "s", t.article_id, f"briefing:{t.article_id}:s:0", 1, (t,))
        for i, t in enumerate(_told(briefed))
    ]
    told = [Told("new-article", t.meeting, t.source) for t in _told(article)]
    placement = place("new-article", told, messages)
    if placement.brief:
        assert placement.updates == ()
        return
    gained = [r for _, reports in placement.updates for r in reports]
    assert len(gained) == len({id(r) for r in gained})  # one message per report
    for message, reports in placement.updates:
        for r in reports:
            assert any(same_event(c.meeting, c.source, r.meeting, r.source) for c in message.reports)
    for r in told:
        if r.meeting.status != "reported-past":
            assert any(r is g for g in gained), r

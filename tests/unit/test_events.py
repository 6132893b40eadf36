"""Merging one meeting reported by several outlets into one event with all its sources."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.events import merge_events, same_person
from bot.models import Meeting, SourceRef


def _src(name: str, day: int, hour: int = 0) -> SourceRef:
    return SourceRef(f"{name} story", f"https://{name}.example/{day}", name, datetime(2018, 10, day, hour, tzinfo=UTC))


def test_same_person_by_name_tokens() -> None:
    """Titles are ignored and a shorter form matches the full name."""
    assert same_person("Secretary of State Mike Pompeo", "Pompeo")
    assert same_person("Mr Kim", "Kim Jong Un")
    assert not same_person("Moon Jae-in", "Kim Jong Un")


def test_five_outlets_one_event() -> None:
    """Five reports of the same meeting become one event listing five sources, fullest names kept."""
    reports = [
        (Meeting(("Pompeo", "Kim"), None, "happened"), _src("a", 7, 1)),
        (Meeting(("Mike Pompeo", "Kim Jong Un"), "Pyongyang", "happened"), _src("b", 7, 2)),
        (Meeting(("Kim Jong Un", "Pompeo"), "Pyongyang", "happened", date=date(2018, 10, 7)), _src("c", 7, 3)),
        (Meeting(("Secretary Pompeo", "Kim"), None, "happened"), _src("d", 8)),
        (Meeting(("Pompeo", "Kim"), "Pyongyang", "happened"), _src("e", 8, 5)),
    ]
    events = merge_events(reports)
    assert len(events) == 1
    ev = events[0]
    assert [s.source_name for s in ev.sources] == ["a", "b", "c", "d", "e"]
    assert set(ev.meeting.participants) == {"Mike Pompeo", "Kim Jong Un"}
    assert ev.meeting.location == "Pyongyang"
    assert ev.meeting.date == date(2018, 10, 7)


def test_planned_then_happened_is_one_event_that_remembers_its_announcement() -> None:
    """A plan and the later report that it took place are one happened event, with both outlets
    and the day the plan was first reported."""
    reports = [
        (Meeting(("Pompeo", "Kim"), "Pyongyang", "planned"), _src("a", 6)),
        (Meeting(("Mike Pompeo", "Kim Jong Un"), "Pyongyang", "happened", date=date(2018, 10, 7)), _src("b", 8)),
    ]
    [event] = merge_events(reports)
    assert event.meeting.status == "happened"
    assert event.announced == date(2018, 10, 6)
    assert event.meeting.date == date(2018, 10, 7)
    assert [s.source_name for s in event.sources] == ["a", "b"]
    assert not event.background


def test_different_people_places_or_weeks_stay_apart() -> None:
    """Other participants, another city or a date weeks apart make separate events."""
    reports = [
        (Meeting(("Pompeo", "Abe"), "Tokyo", "happened"), _src("a", 6)),
        (Meeting(("Pompeo", "Moon"), "Seoul", "happened"), _src("b", 7)),
        (Meeting(("Pompeo", "Abe"), "Osaka", "happened"), _src("c", 7)),
        (Meeting(("Pompeo", "Abe"), "Tokyo", "happened"), _src("d", 28)),
    ]
    assert len(merge_events(reports)) == 4


def test_same_url_listed_once() -> None:
    """The same article seen twice does not list its source twice."""
    s = _src("a", 6)
    events = merge_events([(Meeting(("Pompeo", "Abe"), "Tokyo", "happened"), s)] * 2)
    assert len(events) == 1
    assert len(events[0].sources) == 1


def test_second_story_from_same_outlet_adds_no_source() -> None:
    """Two stories from one outlet about one meeting list that outlet once."""
    a = SourceRef("first", "https://a.example/1", "Wire", datetime(2018, 10, 7, 1, tzinfo=UTC))
    b = SourceRef("second", "https://a.example/2", "Wire", datetime(2018, 10, 7, 5, tzinfo=UTC))
    events = merge_events([(Meeting(("Pompeo", "Kim"), None, "happened"), a), (Meeting(("Pompeo", "Kim"), None, "happened"), b)])
    assert [s.title for s in events[0].sources] == ["first"]


def test_meeting_phrases_read_as_sentences() -> None:
    """Phrases name both sides, keep planned apart, and handle one named party or a visit."""
    from bot.briefings.views import meeting_phrase

    assert meeting_phrase(Meeting(("Mike Pompeo", "Kim Jong Un"), "Pyongyang", "happened")) == "Mike Pompeo met Kim Jong Un in Pyongyang"
    assert meeting_phrase(Meeting(("Mike Pompeo", "Moon Jae-in", "Kang Kyung-wha"), None, "planned", "talks")) == "Mike Pompeo is due to hold talks with Moon Jae-in and Kang Kyung-wha"
    assert meeting_phrase(Meeting(("Mike Pompeo",), "Seoul", "planned", "visit")) == "Mike Pompeo is due to visit Seoul"
    assert meeting_phrase(Meeting(("the foreign ministers",), "Santiago", "happened")) == "Meeting of the foreign ministers in Santiago"
    assert meeting_phrase(Meeting(("The foreign ministers",), "Santiago", "happened")) == "Meeting of the foreign ministers in Santiago"
    # A group that opened the reporter's sentence keeps its words but not its capital letter.
    assert meeting_phrase(Meeting(("A panel of judges",), None, "planned")) == "Planned meeting of a panel of judges"
    assert meeting_phrase(Meeting(("Lena Hartmann", "An envoy of the council"), "Doha", "happened")) == "Lena Hartmann met an envoy of the council in Doha"
    assert meeting_phrase(Meeting(("Anders Lund",), None, "planned")) == "Planned meeting of Anders Lund"


def test_news_and_background_of_the_same_meeting_merge_as_happened() -> None:
    """'Met on Sunday' and 'after their talks' (background) of one meeting are one past event."""
    events = merge_events([
        (Meeting(("Pompeo", "Kim"), "Pyongyang", "happened"), _src("a", 7)),
        (Meeting(("Mike Pompeo", "Kim Jong Un"), None, "reported-past"), _src("b", 8)),
    ])
    assert len(events) == 1
    assert events[0].meeting.status == "happened"
    assert [s.source_name for s in events[0].sources] == ["a", "b"]


def test_a_lone_visit_without_a_place_is_not_shown() -> None:
    """'Pompeo visited' with no place and no counterpart is dropped; with a place it stays."""
    events = merge_events([
        (Meeting(("Pompeo",), None, "happened", "visit"), _src("a", 7)),
        (Meeting(("Pompeo",), "Seoul", "happened", "visit"), _src("b", 7)),
    ])
    assert [e.meeting.location for e in events] == ["Seoul"]

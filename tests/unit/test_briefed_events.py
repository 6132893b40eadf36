"""One message per event: which briefing a report belongs to, and the edited text or follow-up."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.briefings.render import render_follow_up
from bot.briefings.updates import EDIT_WINDOW, can_edit, edited_text, follow_up_view, merged
from bot.briefings.views import BriefingView, source_of
from bot.events.briefed import BRIEF, NOTHING, Briefed, Told, place, reports_of
from bot.models import Article, Extraction, Match, Meeting, SourceRef, Trip, TripStop
from bot.tgtext.units import utf16_len

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _article(name: str, hours: int, title: str = "Envoy story") -> Article:
    return Article(
        id=f"{name}-article", feed_url=f"https://{name}.example/rss", guid=None,
        url=f"https://{name}.example/story", title=title, text="", published=T0 + timedelta(hours=hours),
        published_missing=False, content_hash=name, fetched_at=T0, source_name=name.capitalize(),
    )


def _told(name: str, hours: int, meeting: Meeting) -> Told:
    article = _article(name, hours)
    return Told(article.id, meeting, source_of(article))


PLAN = Meeting(("Mara Kessel", "Ivo Brand"), "Tallinn", "planned", "talks", date(2026, 3, 4))
TALKS = Meeting(("Kessel", "Ivo Brand"), "Tallinn", "happened", "talks", date(2026, 3, 4))
OTHER = Meeting(("Mara Kessel", "Lea Roos"), "Riga", "happened")
EARLIER = Meeting(("Mara Kessel", "Ivo Brand"), "Tallinn", "reported-past", date=date(2024, 5, 1))


def _briefed(*reports: Told, id: int = 1, pieces: int = 1) -> Briefed:
    first = reports[0].article_id
    return Briefed(id, 7, "envoy", first, f"briefing:{first}:envoy:0", pieces, reports)


def test_a_second_outlet_of_the_same_event_updates_the_first_message():
    """The same talks told by another outlet belong to the chat's message about them."""
    message = _briefed(_told("wire", 0, TALKS))
    report = _told("herald", 3, TALKS)
    placement = place(report.article_id, [report], [message])
    assert not placement.brief
    assert placement.updates == ((message, (report,)),)


def test_an_article_with_an_event_new_to_the_chat_is_briefed():
    """One new event among known ones: the article gets its own briefing."""
    message = _briefed(_told("wire", 0, TALKS))
    reports = [_told("herald", 3, TALKS), _told("herald", 3, OTHER)]
    assert place("herald-article", reports, [message]) == BRIEF
    assert place("herald-article", reports, []) == BRIEF


def test_an_article_without_events_is_briefed_and_one_already_carried_changes_nothing():
    """No extracted event: a briefing as always; the same article again (a restart): nothing."""
    message = _briefed(_told("wire", 0, TALKS))
    assert place("herald-article", [], [message]) == BRIEF
    assert place("wire-article", [_told("wire", 0, TALKS)], [message]) == NOTHING


def test_background_rides_along_but_never_makes_a_briefing():
    """An earlier meeting an article cites is context: it neither forces a new briefing nor is
    attached to a message that does not tell it."""
    message = _briefed(_told("wire", 0, TALKS))
    news, context = _told("herald", 3, TALKS), _told("herald", 3, EARLIER)
    placement = place("herald-article", [news, context], [message])
    assert placement.updates == ((message, (news,)),)


def test_the_plan_becomes_happened_in_the_edited_briefing_with_both_sources():
    """The message briefed the plan; the report that the talks took place turns it into one
    happened event dated by the talks, announced on the plan's day, with both outlets named."""
    wire = _article("wire", 0, "Kessel to hold talks in Tallinn")
    plan = Told(wire.id, PLAN, source_of(wire))
    done = _told("herald", 50, TALKS)
    view = BriefingView("Envoy tour", "envoy", wire, Match(wire.id, "envoy", 1.0), Extraction(wire.id, meetings=(PLAN,)))
    assert "🗓" in edited_text(view, [plan], 1)  # as first sent: planned
    text = edited_text(view, [plan, done], 1)
    assert text is not None
    assert "🗓" not in text
    assert "✅ Mara Kessel held talks with Ivo Brand in Tallinn" in text
    assert "announced Mon 2 Mar 2026" in text
    assert 'href="https://herald.example/story">Herald</a>' in text
    assert "(2 sources)" in text
    assert [s.source_name for s in merged(view, [plan, done]).sources] == ["Wire", "Herald"]


def test_a_briefing_of_several_messages_is_followed_up_not_edited():
    """Editing one piece of a split briefing would leave the others wrong: no edit text."""
    wire = _article("wire", 0)
    view = BriefingView("Envoy tour", "envoy", wire, Match(wire.id, "envoy", 1.0), None)
    assert edited_text(view, [_told("wire", 0, TALKS)], 2) is None


def test_the_follow_up_names_the_event_and_the_new_outlet_within_one_message():
    """Past the edit window the follow-up tells which event gained which outlet, short enough
    for one Telegram message even with a 5,000-character title."""
    carried = [_told("wire", 0, TALKS), _told("herald", 50, TALKS)]
    view = follow_up_view("Envoy tour " + "x" * 5000, "envoy", carried, carried[1:])
    assert [s.source_name for s in view.new_sources] == ["Herald"]
    text = render_follow_up(view)
    assert utf16_len(text) <= 4096
    short = render_follow_up(follow_up_view("Envoy tour", "envoy", carried, carried[1:]))
    assert short.startswith("➕ <b>More reports</b> · <i>Envoy tour</i>")
    assert "✅ Kessel held talks with Ivo Brand in Tallinn" in short
    assert "(2 sources)" in short


def test_the_edit_window_is_telegrams_48_hours_less_a_margin():
    """A message sent 47 hours ago is edited; one sent 48 hours ago (or never) is followed up."""
    assert can_edit(T0, T0 + timedelta(hours=47))
    assert not can_edit(T0, T0 + EDIT_WINDOW)
    assert not can_edit(None, T0)


def test_reports_of_an_article_are_its_meetings_and_trip_stops_worth_showing():
    """An extraction's meetings and its itinerary's stops are what a briefing carries; a lone
    placeless visit is not; no extraction carries nothing."""
    stop = TripStop("Vilnius", "planned", "Lithuania", date(2026, 3, 5))
    extraction = Extraction(
        "a", meetings=(TALKS, Meeting(("Kessel",), None, "happened", "visit")),
        trips=(Trip("Mara Kessel", (stop,)),),
    )
    source = SourceRef("t", "https://wire.example/a", "Wire", T0)
    reports = reports_of("a", source, extraction)
    assert [r.meeting.location for r in reports] == ["Tallinn", "Vilnius"]
    assert reports_of("a", source, None) == ()

"""A storyline's timeline from its events: itinerary stops and meetings in date order (pure).

The events already hold a stop and the lone visit it is as one, and a plan with its outcome as
one; entries dated well outside the storyline's window are background, not the story, and are
left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from bot.briefings.views import TimelineEntry, TimelineView, meeting_phrase
from bot.events import event_day
from bot.models import Event, Storyline

# How far outside the storyline's window a dated entry may fall and still be part of it.
TIMELINE_SLACK = timedelta(days=3)


def timeline_view(slug: str, story: Storyline | None, events: Sequence[Event]) -> TimelineView:
    """The timeline of a storyline's `events` (from `views.events_in`), oldest first."""
    entries = [
        TimelineEntry(event_day(e), _kind(e), meeting_phrase(e.meeting), e.meeting.status, e.sources, e)
        for e in events
    ]
    entries = [e for e in entries if story is None or in_window(e, story)]
    entries.sort(key=lambda e: (e.when is None, e.when, e.kind != "stop"))
    return TimelineView(story.title if story else slug, slug, tuple(entries))


def _kind(event: Event) -> str:
    """A lone traveller's visit is a stop of an itinerary; anything else is a meeting."""
    m = event.meeting
    return "stop" if m.type == "visit" and len(m.participants) == 1 else "meeting"


def in_window(entry: TimelineEntry, story: Storyline) -> bool:
    """An undated entry, or one dated within the storyline's window (with some slack)."""
    if entry.when is None:
        return True
    if story.window_start and entry.when < story.window_start - TIMELINE_SLACK:
        return False
    # A plan for after the window is still news about the story; what happened after it is not.
    return not (
        story.window_end
        and entry.status != "planned"
        and entry.when > story.window_end + TIMELINE_SLACK
    )

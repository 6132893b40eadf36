"""When an event is, and the order a digest lists events in."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TypeVar

from bot.models import Event

T = TypeVar("T")


def event_day(e: Event) -> date:
    """The event's stated date, else the day it was first reported: for a plan its announcement,
    for a plan that then took place the first report after the announcement.
    """
    if e.meeting.date:
        return e.meeting.date
    days = [s.published.date() for s in e.sources]
    if e.announced:
        days = [d for d in days if d > e.announced] or [e.announced]
    return min(days)


def first_told(e: Event) -> datetime:
    """When the first of its sources was published."""
    return e.sources[0].published


def last_told(e: Event) -> datetime:
    """When the latest of its sources was published: how new the event is to a reader."""
    return max(s.published for s in e.sources)


def newest_first(events: Iterable[Event]) -> list[Event]:
    """The news, newest report first, then the background, newest first; on a tie a meeting
    before the visits it was part of.
    """
    return sorted(
        events,
        key=lambda e: (
            e.background,
            -last_told(e).timestamp(),
            -event_day(e).toordinal(),
            -len(e.meeting.participants),
        ),
    )


def cut(entries: Sequence[T], limit: int) -> tuple[tuple[T, ...], int]:
    """The first `limit` entries and how many were left out, so a view can say "+N more"."""
    kept = tuple(entries[: max(limit, 0)])
    return kept, len(entries) - len(kept)

"""Whether two reports tell of one event: the same people, place and kind, dates that agree."""

from __future__ import annotations

from datetime import date, timedelta

from bot.events.names import same_person, same_place
from bot.events.reports import PLANNED
from bot.models import Meeting, SourceRef

# Two reports of one event may date it this far apart (time zones, "on Sunday" told on Monday).
SAME_EVENT_WINDOW = timedelta(days=3)
# An undated plan ("is due to visit Seoul") can be fulfilled this long after it was announced.
PLAN_HORIZON = timedelta(days=45)


def _same_people(a: Meeting, b: Meeting) -> bool:
    if len(a.participants) != len(b.participants):
        return False
    return all(any(same_person(x, y) for y in b.participants) for x in a.participants) and all(
        any(same_person(y, x) for x in a.participants) for y in b.participants
    )


def _same_kind(a: Meeting, b: Meeting) -> bool:
    """One traveller's visit and a meeting of one named group are different things."""
    return len(a.participants) > 1 or (a.type == "visit") == (b.type == "visit")


def places_agree(a: Meeting, b: Meeting) -> bool:
    """No stated place fits any; a city fits the country it is in."""
    if not a.location or not b.location:
        return True
    return (
        same_place(a.location, b.location)
        or bool(a.country) and same_place(a.country, b.location)
        or bool(b.country) and same_place(b.country, a.location)
    )


def _span(m: Meeting, s: SourceRef) -> tuple[date, date]:
    """The days the event may fall on as one report tells it: its stated date, else the report's
    day, or for an undated plan any day from its announcement to the plan horizon.
    """
    if m.date:
        return m.date, m.date
    day = s.published.date()
    return (day, day + PLAN_HORIZON) if m.status == PLANNED else (day, day)


def _plan_before_event(plan: Meeting, ps: SourceRef, done: Meeting, ds: SourceRef) -> bool:
    """A plan first told after the event was over is a plan of another one ("will meet again")."""
    if plan.status != PLANNED or done.status == PLANNED:
        return True
    return _span(done, ds)[1] >= ps.published.date()


def _dates_agree(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    (a0, a1), (b0, b1) = _span(a, sa), _span(b, sb)
    return (
        max(a0, b0) - min(a1, b1) <= SAME_EVENT_WINDOW
        and _plan_before_event(a, sa, b, sb)
        and _plan_before_event(b, sb, a, sa)
    )


def one_article_two_events(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    """Two records from one article are two events: the extractor has already merged what one
    article tells of one event ("met on Sunday" and "first met in 2019" stay apart).
    """
    same_article = sa == sb or (sa.url is not None and sa.url == sb.url)
    return same_article and a != b


def same_event(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    """Two reports describe one event: same people, same place or none, dates that agree. A plan
    and the report that it happened are one event.
    """
    return (
        _same_people(a, b)
        and _same_kind(a, b)
        and places_agree(a, b)
        and _dates_agree(a, sa, b, sb)
        and not one_article_two_events(a, sa, b, sb)
    )

"""Events across articles: the same meeting from many outlets is one Event, a plan and the later
report that it happened are one Event, and background is told apart from the news (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bot.models import Event, Meeting, Quote, SourceRef, TripStop

_TITLE_WORDS = frozenset(
    "mr mrs ms dr sir president vice prime minister secretary state foreign general leader "
    "chairman premier chancellor king queen prince senator governor ambassador envoy special "
    "deputy chief of the us north south".split()
)
_WORD = re.compile(r"[\w-]+")
PLANNED, HAPPENED, BACKGROUND = "planned", "happened", "reported-past"
PAST = frozenset({HAPPENED, BACKGROUND})
# Two reports of one event may date it this far apart (time zones, "on Sunday" told on Monday).
SAME_EVENT_WINDOW = timedelta(days=3)
# An undated plan ("is due to visit Seoul") can be fulfilled this long after it was announced.
PLAN_HORIZON = timedelta(days=45)
# An event dated this long before its first report is context for that report, not news.
BACKGROUND_AGE = timedelta(days=14)
# A quote shorter than this says little; longer ones are cut by the templates anyway.
QUOTE_LENGTH = (40, 300)


def name_tokens(name: str) -> frozenset[str]:
    """Lower-cased name words without titles: 'Secretary of State Mike Pompeo' → {mike, pompeo}."""
    words = [w for w in _WORD.findall(name.lower().replace("'s", "")) if w not in _TITLE_WORDS]
    return frozenset(words or _WORD.findall(name.lower()))


def same_person(a: str, b: str) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def fullness(name: str) -> tuple[int, int]:
    """More name words first ('Mike Pompeo' over 'Secretary Pompeo'), then the longer text."""
    return len(name_tokens(name)), len(name)


def worth_showing(m: Meeting) -> bool:
    """A lone visit with no place says nothing a reader can use."""
    return bool(m.location) or m.type != "visit" or len(m.participants) > 1


def stop_as_visit(traveller: str, stop: TripStop) -> Meeting:
    """An itinerary stop told as the visit it is, so it reconciles like any other report."""
    status = PLANNED if stop.status == PLANNED else HAPPENED
    return Meeting((traveller,), stop.place, status, "visit", stop.date, stop.country, stop.evidence)


# ---------------------------------------------------------------- is it the same event?


def _same_people(a: Meeting, b: Meeting) -> bool:
    if len(a.participants) != len(b.participants):
        return False
    return all(any(same_person(x, y) for y in b.participants) for x in a.participants) and all(
        any(same_person(y, x) for x in a.participants) for y in b.participants
    )


def _same_kind(a: Meeting, b: Meeting) -> bool:
    """One traveller's visit and a meeting of one named group are different things."""
    return len(a.participants) > 1 or (a.type == "visit") == (b.type == "visit")


def _place_words(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.lower())) - {"the", "of", "city"}


def same_place(a: str, b: str) -> bool:
    """'Seoul' and 'Seoul, South Korea' are one place; 'North Korea' and 'South Korea' are not."""
    ta, tb = _place_words(a), _place_words(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def _places_agree(a: Meeting, b: Meeting) -> bool:
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
    day, or for an undated plan any day from its announcement to the plan horizon."""
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


def _one_article_two_events(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    """One article telling a meeting and a plan of the same people tells of two events."""
    return sa.url is not None and sa.url == sb.url and (a.status == PLANNED) != (b.status == PLANNED)


def same_event(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    """Two reports describe one event: same people, same place or none, dates that agree. A plan
    and the report that it happened are one event."""
    return (
        _same_people(a, b)
        and _same_kind(a, b)
        and _places_agree(a, b)
        and _dates_agree(a, sa, b, sb)
        and not _one_article_two_events(a, sa, b, sb)
    )


# ---------------------------------------------------------------- what one event says


@dataclass(frozen=True, slots=True)
class _Report:
    meeting: Meeting
    source: SourceRef

    def key(self) -> tuple[object, ...]:
        """A total order on reports, so that grouping does not depend on the input's order."""
        m, s = self.meeting, self.source
        return (
            s.published, s.source_name, s.url or "", s.title, m.status, m.participants,
            m.location or "", m.type, m.date or date.min, m.country, m.evidence,
        )


def event_status(statuses: Iterable[str], background: bool) -> str:
    """Planned until any report says it took place; background when only cited as context."""
    statuses = set(statuses)
    if statuses <= {PLANNED}:
        return PLANNED
    return BACKGROUND if background else HAPPENED


def is_background(reports: Sequence[_Report]) -> bool:
    """Only ever cited as context (every report "reported-past"), or dated long before any report."""
    past = [r for r in reports if r.meeting.status in PAST]
    if not past:
        return False
    if all(r.meeting.status == BACKGROUND for r in reports):
        return True
    stated = [r.meeting.date for r in past if r.meeting.date]
    first_told = min(r.source.published.date() for r in reports)
    return bool(stated) and first_told - min(stated) > BACKGROUND_AGE


def _event_date(reports: Sequence[_Report], status: str) -> date | None:
    """The date the reports state: for a plan the planned day; for what happened the day a report
    of it gives, else the planned day if not after the first such report. None when none does."""
    planned = [r.meeting.date for r in reports if r.meeting.status == PLANNED and r.meeting.date]
    if status == PLANNED:
        return planned[0] if planned else None
    past = [r for r in reports if r.meeting.status in PAST]
    for wanted in (HAPPENED, BACKGROUND):
        stated = [r.meeting.date for r in past if r.meeting.status == wanted and r.meeting.date]
        if stated:
            return stated[0]
    first_told = past[0].source.published.date()
    return next((d for d in planned if d <= first_told), None)


def _announced(reports: Sequence[_Report], status: str, day: date | None) -> date | None:
    """The day a plan that then took place was first reported."""
    if status == PLANNED:
        return None
    first = next((r.source.published.date() for r in reports if r.meeting.status == PLANNED), None)
    return first if first and (day is None or first <= day) else None


def _sources(reports: Sequence[_Report], status: str) -> tuple[SourceRef, ...]:
    """One entry per outlet, by publication: its first report of what the event now is (the
    report that it happened rather than the announcement), else its first report."""
    current = {PLANNED} if status == PLANNED else PAST
    chosen: dict[str, tuple[int, SourceRef]] = {}
    for r in reports:  # in publication order
        outlet = r.source.source_name or r.source.url or r.source.title
        rank = 0 if r.meeting.status in current else 1
        if outlet not in chosen or rank < chosen[outlet][0]:
            chosen[outlet] = (rank, r.source)
    out: list[SourceRef] = []
    for _, s in sorted(chosen.values(), key=lambda x: (x[1].published, x[1].source_name, x[1].url or "")):
        if not (s.url and any(o.url == s.url for o in out)):  # one article under two outlet names
            out.append(s)
    return tuple(out)


def _fullest_names(reports: Sequence[_Report]) -> tuple[str, ...]:
    everyone = [p for r in reports for p in r.meeting.participants]
    return tuple(
        max([x, *[y for y in everyone if same_person(x, y)]], key=lambda n: (*fullness(n), n))
        for x in reports[0].meeting.participants
    )


def _place(reports: Sequence[_Report]) -> tuple[str | None, str]:
    """The most precise stated place: a city over the country it is in."""
    countries = {r.meeting.country.lower() for r in reports if r.meeting.country}
    stated = [r.meeting for r in reports if r.meeting.location]
    precise = [m for m in stated if m.location and m.location.lower() not in countries] or stated
    if not precise:
        return None, next((r.meeting.country for r in reports if r.meeting.country), "")
    best = precise[0]
    return best.location, best.country or next((m.country for m in stated if m.country), "")


def quote_score(quote: Quote, participants: Sequence[str]) -> int:
    """How informative a quote is for an event: said by a participant, in their own words, and
    neither a fragment nor a speech. Below zero: not a quote to show (no speaker, no text)."""
    if not quote.speaker or not quote.text.strip():
        return -1
    score = 4 if any(same_person(quote.speaker, p) for p in participants) else 0
    score += 2 if quote.kind == "direct" else 0
    shortest, longest = QUOTE_LENGTH
    return score + (1 if shortest <= len(quote.text.strip()) <= longest else 0)


def best_quote(
    candidates: Iterable[tuple[Quote, SourceRef]], participants: Sequence[str]
) -> tuple[Quote, SourceRef] | None:
    """The highest-scoring quote; among equals the first published."""
    scored = [(quote_score(q, participants), q, s) for q, s in candidates]
    scored = [x for x in scored if x[0] >= 0]
    if not scored:
        return None
    _, quote, source = min(scored, key=lambda x: (-x[0], x[2].published, x[1].text, x[1].speaker or ""))
    return quote, source


def _summarise(reports: Sequence[_Report], quotes: Mapping[SourceRef, Sequence[Quote]]) -> Event:
    background = is_background(reports)
    status = event_status((r.meeting.status for r in reports), background)
    day = _event_date(reports, status)
    location, country = _place(reports)
    told_now = [r for r in reports if (r.meeting.status == PLANNED) == (status == PLANNED)]
    participants = _fullest_names(reports)
    meeting = replace(
        reports[0].meeting,
        participants=participants,
        status=status,
        location=location,
        country=country,
        date=day,
        evidence=next((r.meeting.evidence for r in told_now if r.meeting.evidence), ""),
    )
    # Background gets no quote: what is said today is about the news, not the earlier meeting.
    said = [] if background else [(q, s) for s in dict.fromkeys(r.source for r in reports) for q in quotes.get(s, ())]
    picked = best_quote(said, participants)
    return Event(
        meeting=meeting,
        sources=_sources(reports, status),
        announced=_announced(reports, status, day),
        background=background,
        quote=picked[0] if picked else None,
        quote_source=picked[1] if picked else None,
    )


def _fits(group: list[_Report], r: _Report) -> bool:
    """Same event as one report of the group, and no clash of place or article with any of them."""
    m, s = r.meeting, r.source
    return any(same_event(g.meeting, g.source, m, s) for g in group) and all(
        _places_agree(g.meeting, m) and not _one_article_two_events(g.meeting, g.source, m, s) for g in group
    )


def merge_events(
    reports: Iterable[tuple[Meeting, SourceRef]],
    quotes: Mapping[SourceRef, Sequence[Quote]] | None = None,
) -> list[Event]:
    """Group reports of the same event into Events, in time order; `quotes` are each source's.

    The result does not depend on the order of `reports`, and every outlet that reported an event
    is among its sources.
    """
    ordered = sorted((_Report(m, s) for m, s in reports if worth_showing(m)), key=_Report.key)
    groups: list[list[_Report]] = []
    for report in ordered:
        group = next((g for g in groups if _fits(g, report)), None)
        if group is None:
            groups.append([report])
        else:
            group.append(report)
    events = [_summarise(g, quotes or {}) for g in groups]
    return sorted(events, key=lambda e: (event_day(e), first_told(e)))


# ---------------------------------------------------------------- digest order


def event_day(e: Event) -> date:
    """The event's stated date, else the day it was first reported: for a plan its announcement,
    for a plan that then took place the first report after the announcement."""
    if e.meeting.date:
        return e.meeting.date
    days = [s.published.date() for s in e.sources]
    if e.announced:
        days = [d for d in days if d > e.announced] or [e.announced]
    return min(days)


def first_told(e: Event) -> datetime:
    return e.sources[0].published


def last_told(e: Event) -> datetime:
    return max(s.published for s in e.sources)


def newest_first(events: Iterable[Event]) -> list[Event]:
    """The news, newest report first, then the background, newest first."""
    return sorted(events, key=lambda e: (e.background, -last_told(e).timestamp(), -event_day(e).toordinal()))


def cut(events: Sequence[Event], limit: int) -> tuple[tuple[Event, ...], int]:
    """The first `limit` events and how many were left out, so a view can say "+N more"."""
    kept = tuple(events[: max(limit, 0)])
    return kept, len(events) - len(kept)

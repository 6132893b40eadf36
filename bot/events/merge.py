"""Reports grouped into events: many outlets, a plan and its outcome, as one Event each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from bot.events.names import fullness, same_person
from bot.events.order import event_day, first_told
from bot.events.quotes import Said, one_each, ranked_quotes
from bot.events.reports import BACKGROUND, HAPPENED, PAST, PLANNED, worth_showing
from bot.events.same import one_article_two_events, places_agree, same_event
from bot.models import Event, Meeting, Quote, SourceRef

# An event dated this long before its first report is context for that report, not news.
BACKGROUND_AGE = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class _Report:
    meeting: Meeting
    source: SourceRef
    implied: bool = False  # a participant's visit that a meeting there shows took place

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
    earliest = min(r.source.published.date() for r in reports)
    return bool(stated) and earliest - min(stated) > BACKGROUND_AGE


def _event_date(reports: Sequence[_Report], status: str) -> date | None:
    """The date the reports state: for a plan the planned day; for what happened the day a report
    of it gives, else the planned day if not after the first such report. None when none does.
    """
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
    report that it happened rather than the announcement), else its first report.
    """
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


def _summarise(reports: Sequence[_Report], said: Said | None) -> Event:
    background = is_background(reports)
    status = event_status((r.meeting.status for r in reports), background)
    day = _event_date(reports, status)
    location, country = _place(reports)
    told_now = [r for r in reports if (r.meeting.status == PLANNED) == (status == PLANNED)]
    meeting = replace(
        reports[0].meeting,
        participants=_fullest_names(reports),
        status=status,
        location=location,
        country=country,
        date=day,
        evidence=next((r.meeting.evidence for r in told_now if r.meeting.evidence), ""),
    )
    return Event(
        meeting=meeting,
        sources=_sources(reports, status),
        announced=_announced(reports, status, day),
        background=background,
        quote=said[0] if said else None,
        quote_source=said[1] if said else None,
    )


def _quote_choices(reports: Sequence[_Report], quotes: Mapping[SourceRef, Sequence[Quote]]) -> list[Said]:
    """The quotes an event may show, best first: those of the reports telling it as it now is
    (what was said after the meeting, not before), then the others'. Background gets none: what
    is said today is about the news. A visit a meeting implies takes none of the meeting's.
    """
    background = is_background(reports)
    if background:
        return []
    planned = event_status((r.meeting.status for r in reports), background) == PLANNED
    real = [r for r in reports if not r.implied]
    now = dict.fromkeys(r.source for r in real if (r.meeting.status == PLANNED) == planned)
    rest = dict.fromkeys(r.source for r in real if r.source not in now)
    people = _fullest_names(reports)
    return [
        said
        for sources in (now, rest)
        for said in ranked_quotes(((q, s) for s in sources for q in quotes.get(s, ())), people)
    ]


def _fits(group: list[_Report], r: _Report) -> bool:
    """Same event as one report of the group, and no clash of place or article with any of them."""
    m, s = r.meeting, r.source
    return any(same_event(g.meeting, g.source, m, s) for g in group) and all(
        places_agree(g.meeting, m) and not one_article_two_events(g.meeting, g.source, m, s) for g in group
    )


def _implied_visits(reports: Sequence[_Report]) -> list[_Report]:
    """A meeting that took place somewhere shows each participant was there: "X met Y in Doha"
    tells that X's planned visit to Doha took place.
    """
    return sorted(
        (
            _Report(Meeting((p,), m.location, HAPPENED, "visit", m.date, m.country, m.evidence), r.source, True)
            for r in reports
            if (m := r.meeting).status == HAPPENED and m.location and len(m.participants) > 1
            for p in m.participants
        ),
        key=_Report.key,
    )


def _plans_a_visit(group: Sequence[_Report]) -> bool:
    return any(r.meeting.type == "visit" and r.meeting.status == PLANNED for r in group)


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
    for implied in _implied_visits(ordered):  # they fulfil plans, never start an event
        group = next((g for g in groups if _plans_a_visit(g) and _fits(g, implied)), None)
        if group is not None:
            group.append(implied)
    choices = [_quote_choices(g, quotes or {}) for g in groups]
    # A quote is shown once: a meeting chooses before the lone visits it was part of.
    order = sorted(range(len(groups)), key=lambda i: -len(groups[i][0].meeting.participants))
    events = [_summarise(g, said) for g, said in zip(groups, one_each(choices, order), strict=True)]
    return sorted(events, key=lambda e: (event_day(e), first_told(e)))

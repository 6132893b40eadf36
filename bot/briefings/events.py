"""Merge the same meeting reported by several outlets into one Event that lists every source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import timedelta

from bot.models import Event, Meeting, SourceRef

_TITLE_WORDS = frozenset(
    "mr mrs ms dr sir president vice prime minister secretary state foreign general leader "
    "chairman premier chancellor king queen prince senator governor ambassador envoy special "
    "deputy chief of the us north south".split()
)
_WORD = re.compile(r"[\w-]+")
SAME_EVENT_WINDOW = timedelta(days=3)


def name_tokens(name: str) -> frozenset[str]:
    """Lower-cased name words without titles: 'Secretary of State Mike Pompeo' → {mike, pompeo}."""
    words = [w for w in _WORD.findall(name.lower().replace("'s", "")) if w not in _TITLE_WORDS]
    return frozenset(words or _WORD.findall(name.lower()))


def same_person(a: str, b: str) -> bool:
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def _same_people(a: Meeting, b: Meeting) -> bool:
    if len(a.participants) != len(b.participants):
        return False
    return all(any(same_person(x, y) for y in b.participants) for x in a.participants) and all(
        any(same_person(y, x) for x in a.participants) for y in b.participants
    )


def _same_place(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return same_person(a, b)  # the same token-subset rule works for place names


def _when(meeting: Meeting, source: SourceRef):
    return meeting.date or source.published.date()


PAST = frozenset({"happened", "reported-past"})


def worth_showing(m: Meeting) -> bool:
    """A lone visit with no place says nothing a reader can use."""
    return bool(m.location) or m.type != "visit" or len(m.participants) > 1


def _same_status(a: Meeting, b: Meeting) -> bool:
    # One outlet's news ("met on Sunday") is another's background ("after their talks"):
    # both are the past; planned stays apart from what happened.
    return a.status == b.status or (a.status in PAST and b.status in PAST)


def same_event(a: Meeting, sa: SourceRef, b: Meeting, sb: SourceRef) -> bool:
    """Two reports describe one event: same people, both past or both planned, compatible place and dates."""
    return (
        _same_status(a, b)
        and _same_people(a, b)
        and _same_place(a.location, b.location)
        and abs(_when(a, sa) - _when(b, sb)) <= SAME_EVENT_WINDOW
    )


def fullness(name: str) -> tuple[int, int]:
    """More name words first ('Mike Pompeo' over 'Secretary Pompeo'), then the longer text."""
    return len(name_tokens(name)), len(name)


def _fuller(a: Meeting, b: Meeting) -> Meeting:
    """Keep the fullest name forms, a stated place and an exact date from either report."""
    names = tuple(
        max([x, *[y for y in b.participants if same_person(x, y)]], key=fullness) for x in a.participants
    )
    return replace(
        a,
        participants=names,
        status="happened" if "happened" in (a.status, b.status) else a.status,
        location=a.location or b.location,
        country=a.country or b.country,
        date=a.date or b.date,
        evidence=a.evidence or b.evidence,
    )


def merge_events(reports: Iterable[tuple[Meeting, SourceRef]]) -> list[Event]:
    """Group reports of the same event; events come out in time order, sources by publication."""
    groups: list[tuple[Meeting, list[SourceRef], SourceRef]] = []
    for meeting, source in sorted(reports, key=lambda r: r[1].published):
        if not worth_showing(meeting):
            continue
        for i, (merged, sources, first) in enumerate(groups):
            if same_event(merged, first, meeting, source):
                # One entry per outlet: a second story from the same outlet adds no new source.
                if all(s.url != source.url and s.source_name != source.source_name for s in sources):
                    sources.append(source)
                groups[i] = (_fuller(merged, meeting), sources, first)
                break
        else:
            groups.append((meeting, [source], source))
    events = [Event(meeting=m, sources=tuple(s)) for m, s, _ in groups]
    return sorted(events, key=lambda e: _when(e.meeting, e.sources[0]))

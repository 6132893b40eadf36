"""Which message a chat already has for an article's events: one message per event (pure).

A chat's instant briefing carries the events its article told. When another outlet reports the
same events, the chat's first message for them is updated instead of sending a new briefing;
an article with any event new to the chat is briefed as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.events.reports import BACKGROUND, told_in, worth_showing
from bot.events.same import PLAN_HORIZON, SAME_EVENT_WINDOW, same_event
from bot.models import Extraction, Meeting, SourceRef

# How long a briefed message can still gain reports: an undated plan may be fulfilled this late.
BRIEFED_HORIZON = PLAN_HORIZON + SAME_EVENT_WINDOW + timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Told:
    """One report an article makes, as a briefed message carries it."""

    article_id: str
    meeting: Meeting
    source: SourceRef


@dataclass(frozen=True, slots=True)
class Briefed:
    """A chat's briefing message: the article it was rendered from and every report it carries."""

    id: int
    chat_id: int
    slug: str
    article_id: str
    outbox_key: str  # the outbox row of its first piece, whose Telegram message is updated
    pieces: int  # how many Telegram messages the briefing took
    reports: tuple[Told, ...]

    @property
    def articles(self) -> frozenset[str]:
        """The articles whose reports it carries (its own first)."""
        return frozenset(r.article_id for r in self.reports) | {self.article_id}


@dataclass(frozen=True, slots=True)
class Placement:
    """What one chat gets for an article: a new briefing, or updates of messages it has."""

    brief: bool
    updates: tuple[tuple[Briefed, tuple[Told, ...]], ...] = ()  # (message, the reports it gains)


BRIEF = Placement(brief=True)
NOTHING = Placement(brief=False)


def reports_of(article_id: str, source: SourceRef, extraction: Extraction | None) -> tuple[Told, ...]:
    """The events an article tells, as reports a briefing can carry."""
    if extraction is None:
        return ()
    return tuple(Told(article_id, m, source) for m in told_in(extraction) if worth_showing(m))


def is_news(report: Told) -> bool:
    """Background an article cites is context, not an event that needs its own briefing."""
    return report.meeting.status != BACKGROUND


def carrier(report: Told, briefed: Sequence[Briefed]) -> Briefed | None:
    """The chat's first message that carries a report of the same event, if any."""
    for message in sorted(briefed, key=lambda b: b.id):
        if any(same_event(c.meeting, c.source, report.meeting, report.source) for c in message.reports):
            return message
    return None


def place(article_id: str, reports: Sequence[Told], briefed: Sequence[Briefed]) -> Placement:
    """A new briefing when the article tells an event the chat has no message for (or tells no
    event at all); else the messages that gain its reports. An article a message already carries
    changes nothing (a re-run after a restart).
    """
    if any(article_id in message.articles for message in briefed):
        return NOTHING
    news = [r for r in reports if is_news(r)]
    if not news:
        return BRIEF
    gains: dict[int, tuple[Briefed, list[Told]]] = {}
    for report in reports:
        message = carrier(report, briefed)
        if message is None:
            if is_news(report):
                return BRIEF
            continue  # background no message carries: context, left out of the update
        gains.setdefault(message.id, (message, []))[1].append(report)
    return Placement(
        brief=False, updates=tuple((message, tuple(told)) for message, told in gains.values())
    )

"""A person's page: their meetings and quotes across storylines (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.briefings.views import PersonView, source_of
from bot.events import fullness, same_person
from bot.models import Article, Event, Extraction, Quote, SourceRef

MAX_QUOTES = 10


@dataclass(frozen=True, slots=True)
class StoryMaterial:
    """What one storyline holds: its title, merged events, and its articles' extractions."""

    title: str
    events: Sequence[Event]
    items: Sequence[tuple[Article, Extraction | None]]


def person_view(name: str, stories: Sequence[StoryMaterial]) -> PersonView:
    """The meetings `name` took part in and what they said, under the fullest form of the name
    found (asked for "Pompeo", shown as "Mike Pompeo"). A quote found in several storylines'
    articles is listed once.
    """
    events: list[tuple[str, Event]] = []
    quotes: list[tuple[Quote, SourceRef]] = []
    seen_quotes: set[tuple[str, str]] = set()
    for story in stories:
        for event in story.events:
            if any(same_person(name, p) for p in event.meeting.participants):
                events.append((story.title, event))
        for article, extraction in story.items:
            for q in extraction.quotes if extraction else ():
                key = (q.text, article.id)
                if q.speaker and same_person(name, q.speaker) and key not in seen_quotes:
                    seen_quotes.add(key)
                    quotes.append((q, source_of(article)))
    names = [name] + [
        p for _, e in events for p in e.meeting.participants if same_person(name, p)
    ]
    return PersonView(max(names, key=fullness), tuple(events), tuple(quotes[:MAX_QUOTES]))

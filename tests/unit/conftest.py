"""Fixtures shared by the unit tests of meeting and quote extraction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp
from bot.extract.quotes import extract_quotes
from bot.extract.text import clean_text
from bot.models import Quote

# The publication date the meeting tests read their invented texts against (a Wednesday).
PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)
# The publication date the place tests read their invented texts against.
PLACES_PUBLISHED = datetime(2021, 5, 7, tzinfo=UTC)


def statuses(meetings_in: Callable, text: str, off: frozenset[str] = frozenset(),
             dateline: str = "VALMORA, March 9 (Xinhua)\n") -> list[tuple[tuple[str, ...], str]]:
    """(participants, status) of each meeting `text` tells under `dateline` (`off`: rules left out)."""
    return [(m.participants, m.status) for m in meetings_in(dateline + text, off=off)]


def status_of(text: str, kind: str, off: frozenset[str] = frozenset()) -> str | None:
    """The status of the first meeting of type `kind` told in `text` under an Oslo dateline of
    PUBLISHED's day (`off`: rules left out), None when there is none.
    """
    doc = get_nlp()("OSLO, March 10 (AFP)\n" + text)
    found = extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)
    return next((m.status for m in found if m.type == kind), None)


def direct(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    """(speaker, text) of the direct quotes."""
    return [(q.speaker, q.text) for q in quotes if q.kind == "direct"]


def indirect(quotes: list[Quote]) -> list[tuple[str | None, str]]:
    """(speaker, text) of the indirect quotes."""
    return [(q.speaker, q.text) for q in quotes if q.kind == "indirect"]


def speakers(quotes: list[Quote], kind: str = "direct") -> list[str | None]:
    """The speakers of the quotes of one kind, in order."""
    return [q.speaker for q in quotes if q.kind == kind]


@pytest.fixture(scope="session")
def meetings_in() -> Callable[[str], list]:
    """Text → the meetings extracted from it, published at PUBLISHED (`off`: rules left out)."""
    nlp = get_nlp()

    def run(text: str, off: frozenset[str] = frozenset()) -> list:
        doc = nlp(text)
        return extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)

    return run


@pytest.fixture(scope="session")
def meetings(meetings_in: Callable[..., list]) -> Callable[..., list]:
    """`meetings_in` under the name the meeting tests use."""
    return meetings_in


@pytest.fixture(scope="session")
def places() -> Callable[..., dict[frozenset[str], str | None]]:
    """Text → {participants: location} of the meetings extracted from it, published at
    PLACES_PUBLISHED (`off`: rules left out).
    """
    nlp = get_nlp()

    def run(text: str, off: frozenset[str] = frozenset()) -> dict[frozenset[str], str | None]:
        doc = nlp(text)
        found = extract_meetings(doc, build_people_index(doc), PLACES_PUBLISHED, off=off)
        return {frozenset(m.participants): m.location for m in found}

    return run


@pytest.fixture(scope="session")
def quotes_of() -> Callable[..., list[Quote]]:
    """Text → the quotes extracted from it, as the pipeline cleans it first (`off`: families left out)."""
    nlp = get_nlp()

    def run(text: str, **kwargs: Any) -> list[Quote]:
        doc = nlp(clean_text(text))
        return extract_quotes(doc, build_people_index(doc), source_text=text, **kwargs)

    return run

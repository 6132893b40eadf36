"""Fixtures shared by the unit tests of meeting extraction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from bot.extract.entities import build_people_index
from bot.extract.meetings import extract_meetings
from bot.extract.nlp import get_nlp

# The publication date the meeting tests read their invented texts against.
PUBLISHED = datetime(2021, 3, 10, 12, tzinfo=UTC)


@pytest.fixture(scope="session")
def meetings_in() -> Callable[[str], list]:
    """Text → the meetings extracted from it, published at PUBLISHED (`off`: rules left out)."""
    nlp = get_nlp()

    def run(text: str, off: frozenset[str] = frozenset()) -> list:
        doc = nlp(text)
        return extract_meetings(doc, build_people_index(doc), PUBLISHED, off=off)

    return run

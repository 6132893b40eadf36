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


@pytest.fixture(scope="session")
def quotes_of() -> Callable[..., list[Quote]]:
    """Text → the quotes extracted from it, as the pipeline cleans it first (`off`: families left out)."""
    nlp = get_nlp()

    def run(text: str, **kwargs: Any) -> list[Quote]:
        doc = nlp(clean_text(text))
        return extract_quotes(doc, build_people_index(doc), source_text=text, **kwargs)

    return run

"""The extractor's chain of layers on one parsed text, with rules switched off: what the ablation
and the reach measurement run for every rule they measure.

It mirrors `Extractor._from_doc`: people, then quotes (whose resolver learns who spoke through each
saying verb), then meetings. A meeting rule may be asked about in any of these layers (a name the
people index completes, a pronoun the quote layer resolves), so every layer runs inside the rules'
`rules_off` block; a test checks that the chain, all rules on, gives the extractor's meetings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Parsed:
    """One article, parsed once: what every rule variant is run on."""

    id: str
    doc: Any
    original: str  # the article's text as published: quotes and evidence are cut from it
    title_end: int
    published: datetime | None


def parse(extractor: Any, item_id: str, title: str | None, text: str,
          published: datetime | None) -> Parsed | None:
    """The article as the extractor parses it, or None when the extractor skips it."""
    prepared = extractor._prepare(item_id, title, text, published)
    if prepared.skip:
        return None
    return Parsed(item_id, extractor.nlp(prepared.cleaned), prepared.original, prepared.title_end,
                  prepared.published)


def layers(art: Parsed, off: frozenset[str] = frozenset()) -> tuple[list[Any], list[Any]]:
    """The article's quotes and meetings with the named meeting rules left out of every layer."""
    from bot.extract.coref import Coref
    from bot.extract.entities import build_people_index
    from bot.extract.meeting_rules import rules_off
    from bot.extract.meetings import read_events, to_meetings
    from bot.extract.quotes import extract_quotes

    with rules_off(off):
        people = build_people_index(art.doc)
        speaking = Coref(art.doc, people)
        quotes = extract_quotes(art.doc, people, source_text=art.original, coref=speaking)
        events = read_events(art.doc, people, art.published, title_end=art.title_end,
                             source=art.original, off=off,
                             coref=Coref(art.doc, people).knowing_who_spoke(speaking))
        return quotes, to_meetings(events, off=off)


def meetings(art: Parsed, off: frozenset[str] = frozenset()) -> list[Any]:
    """The article's meetings with the named meeting rules left out of every layer."""
    return layers(art, off)[1]


def quotes(art: Parsed, people: Any, off: frozenset[str] = frozenset()) -> list[Any]:
    """The article's quotes with the named quote rule families left out."""
    from bot.extract.quotes import extract_quotes

    return extract_quotes(art.doc, people, source_text=art.original, off=off)

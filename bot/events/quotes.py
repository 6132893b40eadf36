"""The quote shown for an event: the most informative one its reports give."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.events.names import same_person
from bot.models import Quote, SourceRef

# A quote shorter than this says little; longer ones are cut by the templates anyway.
QUOTE_LENGTH = (40, 300)
BY_PARTICIPANT = 4
# Only what the event's own people said is shown with it: a bystander's words, or a fragment
# such as "good atmosphere", are about the story, not this event.
SHOWN_FROM = BY_PARTICIPANT


def quote_score(quote: Quote, participants: Sequence[str]) -> int:
    """How informative a quote is for an event: said by a participant, in their own words, and
    neither a fragment nor a speech. Below SHOWN_FROM it is not shown; below zero it is no quote
    at all (no speaker, no text).
    """
    if not quote.speaker or not quote.text.strip():
        return -1
    score = BY_PARTICIPANT if any(same_person(quote.speaker, p) for p in participants) else 0
    score += 2 if quote.kind == "direct" else 0
    shortest, longest = QUOTE_LENGTH
    return score + (1 if shortest <= len(quote.text.strip()) <= longest else 0)


Said = tuple[Quote, SourceRef]  # a quote and the report it is in


def ranked_quotes(candidates: Iterable[Said], participants: Sequence[str]) -> list[Said]:
    """The quotes worth showing, the most informative first; among equals the first published."""
    scored = [(quote_score(q, participants), q, s) for q, s in candidates]
    best_first = sorted(
        (x for x in scored if x[0] >= SHOWN_FROM),
        key=lambda x: (-x[0], x[2].published, x[1].text, x[1].speaker or ""),
    )
    return [(q, s) for _, q, s in best_first]


def best_quote(candidates: Iterable[Said], participants: Sequence[str]) -> Said | None:
    """The highest-scoring quote; among equals the first published."""
    ranked = ranked_quotes(candidates, participants)
    return ranked[0] if ranked else None


def one_each(choices: Sequence[Sequence[Said]], order: Sequence[int]) -> list[Said | None]:
    """A quote for each event from its `choices` (best first), no quote shown twice: events pick
    in `order` (indexes into `choices`), each its best one not yet taken.
    """
    picked: list[Said | None] = [None] * len(choices)
    taken: set[tuple[str, str | None, str | None]] = set()
    for i in order:
        for quote, source in choices[i]:
            key = (quote.text, quote.speaker, source.url)
            if key not in taken:
                taken.add(key)
                picked[i] = (quote, source)
                break
    return picked

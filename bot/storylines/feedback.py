"""Relevance feedback from readers: confirmed examples turned into per-storyline term weights (pure).

A confirmed "not about this story" lowers, for that storyline only, the weight of every term the
item matched on; a confirmed "more like this" on an item the storyline missed raises the weight
of the storyline's terms that item names. Each example multiplies a term's weight by a fixed
factor, and the product stays within [LOWEST, HIGHEST]: many reports make a term weak, never
worthless or overwhelming. The factors are global: no storyline or outlet has its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.storylines.scoring import SCORING

# One confirmed "not about this story" multiplies the weight of each term it matched on by this.
NEGATIVE_FACTOR = SCORING.negative
# One confirmed "more like this" multiplies the weight of each storyline term it names by this.
POSITIVE_FACTOR = SCORING.positive
LOWEST = SCORING.lowest
HIGHEST = SCORING.highest
NOT_ABOUT = "not"
MORE_LIKE = "more"
VERDICTS = (NOT_ABOUT, MORE_LIKE)


@dataclass(frozen=True, slots=True)
class Example:
    """One confirmed judgement: item `article_id` is (`more`) or is not (`not`) about `slug`;
    `terms` are the storyline's terms (folded patterns) the item names.
    """

    slug: str
    article_id: str
    verdict: str
    terms: tuple[str, ...]

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(
                f"feedback verdict must be one of {', '.join(VERDICTS)}, got {self.verdict!r}"
            )
        if not self.slug or not self.article_id:
            raise ValueError("feedback needs a storyline slug and an article id")


def term_factor(negatives: int, positives: int) -> float:
    """The weight factor of a term after `negatives` and `positives` examples that name it."""
    if negatives < 0 or positives < 0:
        raise ValueError("example counts cannot be negative")
    value = NEGATIVE_FACTOR**negatives * POSITIVE_FACTOR**positives
    return min(HIGHEST, max(LOWEST, value))


class FeedbackWeights:
    """Term factors per storyline from confirmed examples; an item counts once per storyline
    (its latest verdict wins: a reader may change their mind).
    """

    __slots__ = ("_factors", "examples")

    def __init__(self, examples: Iterable[Example] = ()) -> None:
        latest: dict[tuple[str, str], Example] = {}
        for e in examples:
            latest[(e.slug, e.article_id)] = e
        self.examples: tuple[Example, ...] = tuple(latest.values())
        counts: dict[str, dict[str, list[int]]] = {}
        for e in self.examples:
            per = counts.setdefault(e.slug, {})
            for term in set(e.terms):
                pair = per.setdefault(term, [0, 0])
                pair[0 if e.verdict == NOT_ABOUT else 1] += 1
        self._factors: dict[str, dict[str, float]] = {
            slug: {t: term_factor(n, p) for t, (n, p) in per.items()}
            for slug, per in counts.items()
        }

    def __bool__(self) -> bool:
        return bool(self._factors)

    def for_storyline(self, slug: str) -> Mapping[str, float]:
        """Term (folded pattern) → factor for one storyline; empty without feedback."""
        return self._factors.get(slug, {})

    def factor(self, slug: str, pattern: str) -> float:
        """The factor of one term of one storyline (1 without feedback)."""
        return self._factors.get(slug, {}).get(pattern, 1.0)

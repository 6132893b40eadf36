"""Distinctiveness of storyline terms, learned from the archive's document frequency (pure).

A term found in a large share of recent articles tells little about which story an item is
about: "Beijing" in a Chinese agency's feed, "Washington" in an American one. `TermStats`
counts, for each storyline term, how many of the recent articles name it; `factor` turns that
share into a weight from 1 (rare) down to a floor (in most articles). A prior of unseen
articles keeps a small archive from calling everything common.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from bot.storylines.scoring import SCORING

# A term in at most this share of the archive is fully distinctive.
RARE_SHARE = SCORING.rare_share
# The weight a term keeps however common it is: it still says something about the item.
FLOOR = SCORING.floor
# Articles assumed to lack every term before any is counted: a ten-item file where the story
# fills half the items must not make the story's own names "common".
PRIOR_DOCS = SCORING.prior_docs


class TermStats:
    """Document frequency of storyline terms (folded patterns) over a set of articles."""

    __slots__ = ("docs", "df", "prior_docs", "seen")

    def __init__(self, prior_docs: int = PRIOR_DOCS) -> None:
        self.docs = 0
        self.df: Counter[str] = Counter()
        self.prior_docs = prior_docs
        self.seen: set[str] = set()  # ids of the articles counted, when given

    def add(self, patterns: Iterable[str], key: str | None = None) -> None:
        """Count one article that names `patterns` (each counted once); an article given by
        `key` is counted only the first time (re-processing must not count it twice).
        """
        if key is not None:
            if key in self.seen:
                return
            self.seen.add(key)
        self.docs += 1
        self.df.update(set(patterns))

    def remove(self, patterns: Iterable[str]) -> None:
        """Forget one article counted before (it left the recent window)."""
        if self.docs:
            self.docs -= 1
        for p in set(patterns):
            if self.df[p] > 1:
                self.df[p] -= 1
            else:
                self.df.pop(p, None)

    def share(self, pattern: str) -> float:
        """Smoothed share of articles naming `pattern`."""
        return self.df.get(pattern, 0) / (self.docs + self.prior_docs)

    def factor(self, pattern: str) -> float:
        """Weight factor: 1 for a rare term, falling with the log of its share to FLOOR."""
        return distinctiveness(self.share(pattern))


def distinctiveness(share: float) -> float:
    """An IDF scaled so a term in RARE_SHARE of the articles or fewer weighs 1."""
    if share <= RARE_SHARE:
        return 1.0
    return max(FLOOR, math.log(1.0 / share) / math.log(1.0 / RARE_SHARE))


# The archive the bot keeps statistics over: articles of the last four weeks. A file of items
# stands in for that archive with the items published within two weeks either side of each one.
ARCHIVE_DAYS = SCORING.archive_days


def rolling(
    days: Sequence[int | None], terms: Sequence[Iterable[str]], half_window: int = ARCHIVE_DAYS // 2
) -> Iterator[tuple[int, TermStats]]:
    """Visit items in date order with statistics over the items within `half_window` days of
    each (day ordinals; None = undated). Undated items come last, with statistics over all.
    """
    sets = [frozenset(t) for t in terms]
    dated = sorted((d, i) for i, d in enumerate(days) if d is not None)
    stats = TermStats()
    lo = hi = 0
    for day, index in dated:
        while hi < len(dated) and dated[hi][0] <= day + half_window:
            stats.add(sets[dated[hi][1]])
            hi += 1
        while dated[lo][0] < day - half_window:
            stats.remove(sets[dated[lo][1]])
            lo += 1
        yield index, stats
    undated = [i for i, d in enumerate(days) if d is None]
    if undated:
        everything = TermStats()
        for s in sets:
            everything.add(s)
        for index in undated:
            yield index, everything

"""Storyline matching throughput with 1, 100 and 1,000 storylines (synthetic, generated here).

Storylines get distinct invented names, places and keywords; items are ~500-word texts of
invented prose that mention a few storylines' terms. The same items run through each matcher, so
the figures show how cost grows with the number of storylines (it should hardly grow at all).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime

from bot.models import Actor, Storyline
from bot.storylines.matcher import Matcher

SIZES = (1, 100, 1000)
ITEMS = 200
REPEATS = 5
WORDS_PER_ITEM = 500

_SYLLABLES = [a + b for a in "bcdfghklmnprstvz" for b in "aeiou"]
_COMMON = (
    "the minister said on talks were held after a long delay and officials from both sides met in "
    "capital to discuss trade security border agreement week government spokesman told reporters "
    "that progress had been made but several issues remained open before next round"
).split()


def _word(rnd: random.Random, syllables: int) -> str:
    return "".join(rnd.choice(_SYLLABLES) for _ in range(syllables)).capitalize()


def make_storylines(n: int, seed: int = 7) -> list[Storyline]:
    rnd = random.Random(seed)
    seen: set[str] = set()

    def fresh(syllables: int) -> str:
        while True:
            w = _word(rnd, syllables)
            if w.lower() not in seen:
                seen.add(w.lower())
                return w

    out = []
    for i in range(n):
        actors = tuple(
            Actor(f"{fresh(2)} {surname}", (surname,)) for surname in (fresh(3) for _ in range(4))
        )
        out.append(
            Storyline(
                slug=f"synthetic-{i:04d}",
                title=f"Synthetic story {i}",
                window_start=date(2020, 1, 1),
                window_end=date(2020, 12, 31),
                actors=actors,
                places=tuple(fresh(3) for _ in range(4)),
                keywords=tuple(fresh(4).lower() for _ in range(4)),
            )
        )
    return out


def make_items(storylines: list[Storyline], n: int, seed: int = 11) -> list[tuple[str, str]]:
    """(title, text) pairs; each names terms of up to three storylines among common prose."""
    rnd = random.Random(seed)
    items = []
    for _ in range(n):
        chosen = rnd.sample(storylines, k=min(3, len(storylines)))
        terms = [t for s in chosen for t in (*[a.name for a in s.actors], *s.places, *s.keywords)]
        words = [rnd.choice(_COMMON) for _ in range(WORDS_PER_ITEM)]
        for _ in range(12):
            words[rnd.randrange(len(words))] = rnd.choice(terms)
        text = ""
        for i in range(0, len(words), 60):  # paragraphs of 60 words
            text += " ".join(words[i : i + 60]).capitalize() + ".\n"
        title = " ".join([rnd.choice(terms), rnd.choice(_COMMON), rnd.choice(terms)])
        items.append((title, text))
    return items


def _items_per_s(matcher: Matcher, items: list[tuple[str, str]], published: datetime) -> float:
    runs = []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        for i, (title, text) in enumerate(items):
            matcher.match(str(i), title, text, published)
        runs.append(len(items) / (time.perf_counter() - t0))
    return statistics.median(runs)


def run() -> dict[str, float]:
    pool = make_storylines(max(SIZES))
    # Items mention storylines from the whole pool, so every matcher sees the same text.
    items = make_items(pool, ITEMS)
    published = datetime(2020, 6, 1, tzinfo=UTC)
    figures: dict[str, float] = {}
    for n in SIZES:
        t0 = time.perf_counter()
        matcher = Matcher(pool[:n])
        build = time.perf_counter() - t0
        rate = _items_per_s(matcher, items, published)
        print(f"  {n:>5} storylines: build {build:.3f} s, {rate:,.0f} items/s", file=sys.stderr)
        figures[f"match_items_per_s_{n}"] = round(rate, 1)
        figures[f"match_build_s_{n}"] = round(build, 4)
    figures["match_cost_ratio_1000_vs_1"] = round(
        figures["match_items_per_s_1"] / figures["match_items_per_s_1000"], 3
    )
    return figures

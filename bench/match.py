"""Storyline matching throughput with 1, 100, 1,000 and 10,000 storylines (synthetic, generated here).

Storylines get distinct invented names, places and keywords; items are ~500-word texts of
invented prose about one storyline that also name, in passing, people and places of others.
The same items run through matchers of 1 to 10,000 storylines, each with document
frequencies counted over the items (as the bot counts its recent articles). In the main figures the
names in passing are untracked, so only the size of the index changes; the "_dense" figures
use names of tracked storylines instead, so with 1,000 storylines each item hits three times
as many terms (cost grows with the hits found, not with the number of storylines).
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime

from bot.models import Actor, Storyline
from bot.storylines.distinct import TermStats
from bot.storylines.matcher import Matcher

SIZES = (1, 100, 1000, 10000)
ITEMS = 200
REPEATS = 7
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
            Actor(f"{fresh(3)} {surname}", (surname,)) for surname in (fresh(4) for _ in range(4))
        )
        out.append(
            Storyline(
                slug=f"synthetic-{i:04d}",
                title=f"Synthetic story {i}",
                window_start=date(2020, 1, 1),
                window_end=date(2020, 12, 31),
                actors=actors,
                places=tuple(fresh(4) for _ in range(4)),
                keywords=tuple(fresh(5).lower() for _ in range(4)),
            )
        )
    return out


def _terms(s: Storyline) -> list[str]:
    return [*(a.name for a in s.actors), *s.places, *s.keywords]


def make_items(
    about: Storyline, mentioned: list[Storyline], n: int, seed: int = 11
) -> list[tuple[str, str]]:
    """(title, text) pairs of ~500 words: each item is about `about` (its terms in the title,
    the lead and the body) and also names, in passing, terms of two storylines from
    `mentioned`."""
    rnd = random.Random(seed)
    main = _terms(about)
    items = []
    for _ in range(n):
        others = [t for s in rnd.sample(mentioned, k=2) for t in _terms(s)]
        words = [rnd.choice(_COMMON) for _ in range(WORDS_PER_ITEM)]
        for k in range(6):  # the subject: twice in the lead, then through the body
            pos = rnd.randrange(40) if k < 2 else rnd.randrange(len(words))
            words[pos] = rnd.choice(main)
        for _ in range(6):
            words[rnd.randrange(len(words))] = rnd.choice(others)
        text = ""
        for i in range(0, len(words), 60):  # paragraphs of 60 words
            text += " ".join(words[i : i + 60]).capitalize() + ".\n"
        title = " ".join([rnd.choice(main), rnd.choice(_COMMON), rnd.choice(main)])
        items.append((title, text))
    return items


def _run_once(matcher: Matcher, items: list[tuple[str, str]], published: datetime) -> float:
    # CPU time of this process: other work on a shared machine distorts it less than wall time.
    t0 = time.process_time()
    for i, (title, text) in enumerate(items):
        matcher.match(str(i), title, text, published)
    return len(items) / max(time.process_time() - t0, 1e-9)


def run() -> dict[str, float]:
    # 1,000 tracked storylines, and 200 more whose names appear in the news but are not tracked.
    everything = make_storylines(max(SIZES) + 200)
    pool, untracked = everything[: max(SIZES)], everything[max(SIZES) :]
    published = datetime(2020, 6, 1, tzinfo=UTC)
    # Main figures: items about storyline 0 (tracked in every set) that also name untracked
    # people and places, so every matcher finds the same story and only the index size varies.
    items = make_items(pool[0], untracked, ITEMS)
    # Dense variant: the names in passing belong to tracked storylines too, so with 1,000
    # storylines each item hits three storylines' terms instead of one.
    dense = make_items(pool[0], pool[1:], ITEMS)
    figures: dict[str, float] = {}
    matchers: dict[int, Matcher] = {}
    for n in SIZES:
        t0 = time.perf_counter()
        matchers[n] = Matcher(pool[:n], stats=TermStats())
        figures[f"match_build_s_{n}"] = round(time.perf_counter() - t0, 4)
        for title, text in items + dense:
            matchers[n].stats.add(matchers[n].terms_in(title, text))
        _run_once(matchers[n], items[:20], published)  # warm caches before timing
    runs = [(n, "", items) for n in SIZES] + [(1, "_dense", dense), (max(SIZES), "_dense", dense)]
    # Repeats interleave the cases, so a busy moment on the machine hits all of them alike.
    rates: dict[tuple[int, str], list[float]] = {(n, tag): [] for n, tag, _ in runs}
    for _ in range(REPEATS):
        for n, tag, batch in runs:
            rates[(n, tag)].append(_run_once(matchers[n], batch, published))
    for (n, tag), values in rates.items():
        rate = statistics.median(values)
        figures[f"match_items_per_s_{n}{tag}"] = round(rate, 1)
        print(
            f"  {n:>5} storylines{tag or '':<7} {rate:>10,.0f} items/s (median of {REPEATS}); "
            f"build {figures[f'match_build_s_{n}']:.3f} s",
            file=sys.stderr,
        )
    top = max(SIZES)
    for n in SIZES[2:]:
        figures[f"match_cost_ratio_{n}_vs_1"] = round(
            figures["match_items_per_s_1"] / figures[f"match_items_per_s_{n}"], 3
        )
    figures[f"match_cost_ratio_{top}_vs_1_dense"] = round(
        figures["match_items_per_s_1_dense"] / figures[f"match_items_per_s_{top}_dense"], 3
    )
    return figures

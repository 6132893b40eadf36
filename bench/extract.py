"""Extraction throughput and memory: the whole extractor against bare `nlp.pipe` on the same articles.

The batch is the seed article, articles composed here from a few sentence patterns, and, when the
shared evaluation folder sits next to the repository, its dev articles (read at run time only).
Times are CPU seconds of the measuring process, the median of alternating rounds; the speed ratio
is the median of the per-round ratios. `extract_rule_layer_calls` counts the Python calls made in
the project's own code over one more, profiled pass: a figure the machine's load does not move.
The measurement runs in a child process so that the peak RSS is the extractor's own, not that of
the benchmarks run before it in the same interpreter.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# ATTACHE_SHARED names the shared folder when it is not beside the repository.
SHARED_ARTICLES = (Path(os.environ.get("ATTACHE_SHARED") or ROOT.parent / "shared")
                   / "eval" / "dev" / "articles.jsonl")

_PEOPLE = ["Anna Lind", "Erik Dahl", "Marta Ruiz", "Kofi Mensah", "Li Wei", "Omar Haddad"]
_ROLES = ["Foreign Minister", "Prime Minister", "President", "Defence Secretary"]
_PLACES = ["Oslo", "Madrid", "Accra", "Beijing", "Cairo", "Lima", "Hanoi"]
_SENTENCES = [
    "{role} {a} landed in {p} on {day} and is expected to see {b} there.",
    "{a_last} held talks with {b} in {p} on the crisis.",
    '"We had a frank exchange of views," {a_last} told reporters after the meeting.',
    "{a_last} will also travel to {p} and {q} later this month.",
    "Officials said the two leaders discussed trade, security and climate policy.",
    "Since a summit of the two sides last month, {b} has said progress was possible.",
    "{b} is due to host {a_last} at the presidential palace in {q} next week.",
    "Critics said the visit achieved little, but {a_last} insisted that talks would continue.",
]
ROUNDS = 5
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def composed_articles(n: int, seed: int = 7) -> list[str]:
    """`n` articles of 12–20 sentences built from the patterns above (no outside text)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(12, 20)):
            a, b = rng.sample(_PEOPLE, 2)
            p, q = rng.sample(_PLACES, 2)
            sentences.append(rng.choice(_SENTENCES).format(
                role=rng.choice(_ROLES), a=a, a_last=a.split()[-1], b=b, p=p, q=q,
                day=rng.choice(_DAYS)))
        paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        out.append("\n".join(paragraphs))
    return out


def batch_texts() -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    if SHARED_ARTICLES.exists():
        with SHARED_ARTICLES.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                title = record.get("title") or ""
                texts.append(f"{title}\n\n{record.get('text') or ''}")
    texts.extend(composed_articles(40))
    return texts


def run() -> dict[str, float]:
    """Figures from a fresh interpreter (see the module docstring); its stderr passes through."""
    done = subprocess.run([sys.executable, "-m", "bench.extract"], cwd=ROOT, check=True,
                          stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def rule_layer_calls(extractor: Any, items: list[Any]) -> int:
    """Python calls made in the project's own code (bot/) over one pass of the batch.

    A count does not depend on the machine's load, so it shows what a change of the rule layers
    costs where the wall clock and even CPU seconds of a shared machine spread by a quarter.
    """
    profile = cProfile.Profile()
    profile.runcall(lambda: list(extractor.extract_many(items)))
    own = str(ROOT / "bot")
    stats: dict[Any, Any] = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    return sum(calls for (path, _line, _name), (_prim, calls, *_rest) in stats.items() if path.startswith(own))


def measure() -> dict[str, float]:
    from bot.config import ExtractSettings
    from bot.extract.nlp import get_nlp
    from bot.extract.pipeline import Extractor

    nlp = get_nlp()
    texts = batch_texts()
    words = sum(len(t.split()) for t in texts)
    items = [(str(i), None, t, None) for i, t in enumerate(texts)]
    # Both sides use the configured batch size: the comparison is of the rules, not of batching.
    batch = ExtractSettings().batch_size
    extractor = Extractor(nlp=nlp, batch_size=batch)
    list(nlp.pipe(texts[:4], batch_size=batch))  # warm-up: first calls allocate
    list(extractor.extract_many(items[:4]))

    def cpu_seconds(fn) -> float:
        # CPU time of this process, not wall time: on a shared machine other processes stretch
        # the wall clock of one side more than the other, but not the work done here.
        t0 = time.process_time()
        fn()
        return time.process_time() - t0

    # Rounds alternate spaCy and the extractor; the speed ratio is taken per round (the two sides
    # of one round ran under the same load) and the median of the rounds counts.
    spacy_times, extract_times, ratios = [], [], []
    for _ in range(ROUNDS):
        spacy_times.append(cpu_seconds(lambda: list(nlp.pipe(texts, batch_size=batch))))
        extract_times.append(cpu_seconds(lambda: list(extractor.extract_many(items))))
        ratios.append(spacy_times[-1] / extract_times[-1])
    spacy_s, extract_s = statistics.median(spacy_times), statistics.median(extract_times)
    ratio = statistics.median(ratios)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # before the profiled pass adds its own
    calls = rule_layer_calls(extractor, items)
    print(f"extract: {len(texts)} articles, {words} words; spacy {spacy_s:.2f}s, "
          f"extractor {extract_s:.2f}s (CPU, median of {ROUNDS} rounds); speed ratio per round "
          + ", ".join(f"{r:.3f}" for r in ratios), file=sys.stderr)
    return {
        "extract_words_per_s": round(words / extract_s, 1),
        "spacy_words_per_s": round(words / spacy_s, 1),
        "extract_peak_rss_mb": round(peak_kb / 1024, 1),
        "extract_overhead_ratio": round(1 / ratio, 3),
        "extract_speed_ratio": round(ratio, 3),
        "extract_speed_ratio_min": round(min(ratios), 3),
        "extract_speed_ratio_max": round(max(ratios), 3),
        "extract_rounds": ROUNDS,
        "extract_batch_size": batch,
        "extract_rule_layer_calls": calls,
    }


if __name__ == "__main__":
    print(json.dumps(measure(), sort_keys=True))

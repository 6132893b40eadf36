"""Ablation of the quote rule families: gold quotes each family wins and loses on dev/ and wire/.

A family that keeps false direct quotes out shows a negative "extra direct" figure.
The shared evaluation sets are read at run time (ATTACHE_SHARED, default ../shared beside the
repository); nothing of their text is written anywhere. Each article is parsed once; its quotes
are then extracted with every family on, and again with each family off in turn. A family *wins*
the gold quotes that are attributed correctly only with it, and *loses* those attributed correctly
only without it. One line per family; the last line is one JSON object.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ATTACHE_SHARED") or ROOT.parent / "shared")
SETS = ("dev", "wire")


def _scorer() -> Any:
    """The evaluation's own score.py, so that matching here is exactly the scored matching."""
    spec = importlib.util.spec_from_file_location("attache_eval_score", SHARED / "eval" / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"{SHARED / 'eval' / 'score.py'} not found: set ATTACHE_SHARED")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _parsed(name: str) -> list[tuple[str, Any, Any, str, dict[str, Any]]]:
    """(id, doc, people, original text, gold record) for every gold article of one set."""
    from bot.clock import parse_published
    from bot.extract.entities import build_people_index
    from bot.extract.pipeline import Extractor

    folder = SHARED / "eval" / name
    gold = {g["id"]: g for g in _read(folder / "gold.jsonl")}
    extractor = Extractor()
    out = []
    for record in _read(folder / "articles.jsonl"):
        if record["id"] not in gold:
            continue
        prepared = extractor._prepare(record["id"], record.get("title"), record.get("text") or "",
                                      parse_published(record.get("published")))
        if prepared.skip:
            continue
        doc = extractor.nlp(prepared.cleaned)
        out.append((record["id"], doc, build_people_index(doc), prepared.original,
                    gold[record["id"]]))
    return out


def _attributed(score: Any, articles: list, off: frozenset[str]) -> tuple[set, int, int]:
    """Gold quotes (id, kind, index) attributed correctly, the number of quotes predicted, and
    the number of direct quotes predicted that match no gold quote (indirect gold is not
    exhaustive, so only direct ones count as extra)."""
    from bot.extract.quotes import extract_quotes

    found: set[tuple[str, str, int]] = set()
    predicted = extra = 0
    for aid, doc, people, original, gold in articles:
        quotes = extract_quotes(doc, people, source_text=original, off=off)
        predicted += len(quotes)
        for kind in ("direct", "indirect"):
            g = [q for q in gold.get("quotes", []) if q.get("kind", "direct") == kind]
            p = [{"speaker": q.speaker, "text": q.text} for q in quotes if q.kind == kind]
            pairs = score.match_quotes(g, p)
            if kind == "direct":
                extra += len(p) - len(pairs)
            for gi, pi in pairs:
                if score.speaker_equivalent(g[gi].get("speaker"), p[pi]["speaker"]):
                    found.add((aid, kind, gi))
    return found, predicted, extra


def run() -> dict[str, Any]:
    from bot.extract.quotes import RULE_FAMILIES

    score = _scorer()
    articles = [a for name in SETS for a in _parsed(name)]
    base, base_n, base_extra = _attributed(score, articles, frozenset())
    figures: dict[str, Any] = {"articles": len(articles), "attributed": len(base), "families": {}}
    print(f"{len(articles)} articles ({' + '.join(SETS)}); all rules on: {len(base)} gold quotes "
          f"attributed, {base_n} predicted, {base_extra} direct ones matching no gold")
    print(f"{'family':22} {'direct +/-':>11} {'indirect +/-':>13} {'predicted':>10} "
          f"{'extra direct':>13}")
    for family in sorted(RULE_FAMILIES):
        without, n, extra = _attributed(score, articles, frozenset({family}))
        won, lost = base - without, without - base
        row = {
            "direct_won": sum(1 for k in won if k[1] == "direct"),
            "direct_lost": sum(1 for k in lost if k[1] == "direct"),
            "indirect_won": sum(1 for k in won if k[1] == "indirect"),
            "indirect_lost": sum(1 for k in lost if k[1] == "indirect"),
            "predicted_delta": base_n - n,
            # negative: the family keeps that many false direct quotes out
            "extra_direct_delta": base_extra - extra,
        }
        figures["families"][family] = row
        print(f"{family:22} {row['direct_won']:>5} / {row['direct_lost']:<4} "
              f"{row['indirect_won']:>6} / {row['indirect_lost']:<5} {row['predicted_delta']:>+9} "
              f"{row['extra_direct_delta']:>+13}")
    idle = sorted(f for f, r in figures["families"].items()
                  if not (r["direct_won"] or r["indirect_won"] or r["extra_direct_delta"] < 0))
    figures["families_winning_nothing"] = idle
    return figures


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, sort_keys=True))
    sys.exit(0)

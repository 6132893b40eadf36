"""Ablation of the extraction rules: gold quotes and meetings each rule wins and loses on dev/ and wire/.

The shared evaluation sets are read at run time (ATTACHE_SHARED, default ../shared beside the
repository); nothing of their text is written anywhere, only counts. Each article is parsed once;
its quotes and meetings are then extracted with every rule on, and again with each rule off in
turn. A meeting rule is switched off in every layer, people and quotes included (`bench/chain.py`),
and only for the articles whose text asks about it: the others read the same without it. A rule
*wins* the gold items that are right only with it, and *loses* those right only without it.

Quotes: one line per rule family (RULE_FAMILIES in bot/extract/quotes.py); a family that keeps
false direct quotes out shows a negative "extra direct" figure.
Meetings: one line per meeting rule (bot/extract/meeting_rules.py, trigger words included): gold
meetings matched, with the right status, with the right place, false meetings kept out, and the
number of distinct sentences and articles behind its wins.
`--wire-half even|odd` keeps only the wire articles of that index parity in gold order, so that
rules can be judged on one half while the other stays unseen. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import chain

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


@dataclass(frozen=True)
class _Article:
    """One gold article, parsed once: what every rule variant is run on."""

    id: str
    parsed: chain.Parsed
    people: Any  # the people index with every rule on, which the quote families read
    gold: dict[str, Any]


def _parsed(name: str, half: str | None = None) -> list[_Article]:
    """Every gold article of one set, parsed; `half` keeps the even or odd ones in gold order."""
    from bot.clock import parse_published
    from bot.extract.entities import build_people_index
    from bot.extract.pipeline import Extractor

    folder = SHARED / "eval" / name
    order = [g["id"] for g in _read(folder / "gold.jsonl")]
    gold = {g["id"]: g for g in _read(folder / "gold.jsonl")}
    if half is not None:
        parity = 0 if half == "even" else 1
        gold = {i: gold[i] for n, i in enumerate(order) if n % 2 == parity}
    extractor = Extractor()
    out = []
    for record in _read(folder / "articles.jsonl"):
        if record["id"] not in gold:
            continue
        parsed = chain.parse(extractor, record["id"], record.get("title"), record.get("text") or "",
                             parse_published(record.get("published")))
        if parsed is None:
            continue
        out.append(_Article(f"{name}/{record['id']}", parsed, build_people_index(parsed.doc),
                            gold[record["id"]]))
    return out


def _attributed(score: Any, articles: list[_Article], off: frozenset[str]) -> tuple[set, int, int]:
    """Gold quotes (id, kind, index) attributed correctly, the number of quotes predicted, and
    the number of direct quotes predicted that match no gold quote (indirect gold is not
    exhaustive, so only direct ones count as extra)."""
    found: set[tuple[str, str, int]] = set()
    predicted = extra = 0
    for art in articles:
        quotes = chain.quotes(art.parsed, art.people, off)
        predicted += len(quotes)
        for kind in ("direct", "indirect"):
            g = [q for q in art.gold.get("quotes", []) if q.get("kind", "direct") == kind]
            p = [{"speaker": q.speaker, "text": q.text} for q in quotes if q.kind == kind]
            pairs = score.match_quotes(g, p)
            if kind == "direct":
                extra += len(p) - len(pairs)
            for gi, pi in pairs:
                if score.speaker_equivalent(g[gi].get("speaker"), p[pi]["speaker"]):
                    found.add((art.id, kind, gi))
    return found, predicted, extra


def quote_families(score: Any, articles: list[_Article]) -> dict[str, Any]:
    """The quote section: one line per rule family."""
    from bot.extract.quotes import RULE_FAMILIES

    base, base_n, base_extra = _attributed(score, articles, frozenset())
    figures: dict[str, Any] = {"attributed": len(base), "families": {}}
    print(f"quotes, all rules on: {len(base)} gold quotes attributed, {base_n} predicted, "
          f"{base_extra} direct ones matching no gold")
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
    figures["families_winning_nothing"] = sorted(
        f for f, r in figures["families"].items()
        if not (r["direct_won"] or r["indirect_won"] or r["extra_direct_delta"] < 0))
    return figures


@dataclass
class _MeetingOutcome:
    """What one rule variant gets right: gold meetings matched, with the right status and place,
    the predictions matching no gold meeting, and the sentence each right or false one came from."""

    matched: set[tuple[str, int]] = field(default_factory=set)
    status: set[tuple[str, int]] = field(default_factory=set)
    location: set[tuple[str, int]] = field(default_factory=set)
    false: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)
    sentence: dict[tuple[str, int], str] = field(default_factory=dict)


Predictions = dict[str, list[dict[str, Any]]]  # article id → its meetings as the scorer reads them


def _predict(art: _Article, off: frozenset[str]) -> list[dict[str, Any]]:
    """The article's meetings with the named rules off, in the shape the scorer reads."""
    return [{"participants": list(m.participants), "location": m.location, "status": m.status,
             "evidence": m.evidence} for m in chain.meetings(art.parsed, off)]


def _meetings(score: Any, articles: list[_Article], predictions: Predictions) -> _MeetingOutcome:
    """What one rule variant's predictions get right and wrong against the gold meetings."""
    out = _MeetingOutcome()
    for art in articles:
        predicted = predictions[art.id]
        gold = art.gold.get("meetings", [])
        used = set()
        for gi, pi in score.match_meetings(gold, predicted):
            key = (art.id, gi)
            used.add(pi)
            out.matched.add(key)
            out.sentence[key] = predicted[pi]["evidence"]
            if gold[gi].get("status") == predicted[pi]["status"]:
                out.status.add(key)
            if score.location_equivalent(gold[gi].get("location"), predicted[pi]["location"]):
                out.location.add(key)
        out.false.update((art.id, p["evidence"], tuple(p["participants"]))
                         for pi, p in enumerate(predicted) if pi not in used)
    return out


def meeting_rules(score: Any, articles: list[_Article]) -> dict[str, Any]:
    """The meeting section: one line per meeting rule."""
    from bot.extract.meeting_rules import all_rules, rules_asked

    base_predictions: Predictions = {}
    asked: dict[str, set[str]] = {}
    for art in articles:
        with rules_asked() as asked[art.id]:
            base_predictions[art.id] = _predict(art, frozenset())
    base = _meetings(score, articles, base_predictions)
    figures: dict[str, Any] = {"matched": len(base.matched), "status_right": len(base.status),
                               "location_right": len(base.location), "false": len(base.false),
                               "rules": {}}
    print(f"meetings, all rules on: {len(base.matched)} gold meetings matched, {len(base.status)} "
          f"with the right status, {len(base.location)} with the right place, "
          f"{len(base.false)} predicted matching no gold")
    print(f"{'rule':36} {'match +/-':>9} {'status +/-':>10} {'place +/-':>9} {'kept out':>8} "
          f"{'sentences':>9} {'articles':>8}")
    for rule in all_rules():
        # an article that never asks about the rule reads the same without it
        without = _meetings(score, articles, {
            art.id: _predict(art, frozenset({rule})) if rule in asked[art.id] else base_predictions[art.id]
            for art in articles})
        wins = [(base.matched - without.matched), (base.status - without.status),
                (base.location - without.location)]
        losses = [(without.matched - base.matched), (without.status - base.status),
                  (without.location - base.location)]
        kept_out = without.false - base.false
        # the sentences behind the wins: the right meetings' and the false ones kept out
        behind = {(k[0], base.sentence[k]) for won in wins for k in won}
        behind |= {(f[0], f[1]) for f in kept_out}
        row = {
            "match_won": len(wins[0]), "match_lost": len(losses[0]),
            "status_won": len(wins[1]), "status_lost": len(losses[1]),
            "location_won": len(wins[2]), "location_lost": len(losses[2]),
            "kept_out": len(kept_out), "let_in": len(base.false - without.false),
            "sentences": len(behind), "articles": len({a for a, _ in behind}),
        }
        figures["rules"][rule] = row
        print(f"{rule:36} {row['match_won']:>4} / {row['match_lost']:<3} "
              f"{row['status_won']:>5} / {row['status_lost']:<3} "
              f"{row['location_won']:>4} / {row['location_lost']:<3} "
              f"{row['kept_out'] - row['let_in']:>+8} {row['sentences']:>9} {row['articles']:>8}")
    figures["rules_winning_nothing"] = sorted(r for r, v in figures["rules"].items() if not v["sentences"])
    figures["rules_below_support"] = sorted(
        r for r, v in figures["rules"].items() if v["sentences"] < 3 or v["articles"] < 2)
    return figures


def run(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.ablation", description=__doc__.splitlines()[0])
    parser.add_argument("--wire-half", choices=("even", "odd"), help="only this half of wire/")
    parser.add_argument("--only", choices=("quotes", "meetings"), help="one section only")
    args = parser.parse_args(argv)
    score = _scorer()
    articles = [a for name in SETS for a in _parsed(name, args.wire_half if name == "wire" else None)]
    half = f" ({args.wire_half} half of wire)" if args.wire_half else ""
    print(f"{len(articles)} articles ({' + '.join(SETS)}){half}")
    figures: dict[str, Any] = {"articles": len(articles), "wire_half": args.wire_half}
    if args.only != "meetings":
        figures["quotes"] = quote_families(score, articles)
    if args.only != "quotes":
        figures["meetings"] = meeting_rules(score, articles)
    return figures


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, sort_keys=True))
    sys.exit(0)

"""Reach of the extraction rules on unlabelled news: the records each rule changes, and where.

`make ablation` says what a rule wins and loses against gold; this says how often it acts at all on
news nobody labelled, so a rule with no reach there and no win on gold shows as dead weight, and a
rule's support can be counted in sentences and articles. The items (FORMAT.md §1 JSONL: id, title,
text, published) are read at run time, by default the shared agency items; nothing of their text
is written anywhere, only counts and rule names.

Each item is parsed once. Its meetings and quotes are extracted with every rule on, recording which
rules the text asks about; only those can change its outcome, so each is then switched off in turn
(in every layer, `bench/chain.py`) and the records that differ are counted: for a meeting rule,
meetings and quotes alike. The last line is one
JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import chain

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ATTACHE_SHARED") or ROOT.parent / "shared")
DEFAULT_ITEMS = SHARED / "eval" / "wire" / "items.jsonl"


class _AskedFamilies(frozenset[str]):
    """An empty set of quote rule families switched off that records every family asked about."""

    asked: set[str]

    def __new__(cls) -> _AskedFamilies:
        new = super().__new__(cls)
        new.asked = set()
        return new

    def __contains__(self, family: object) -> bool:
        if isinstance(family, str):
            self.asked.add(family)
        return False


@dataclass
class _Reach:
    """How far one rule reaches: the records it changes, in which sentences and articles."""

    asked_in: int = 0  # items whose text asked about the rule
    records: int = 0  # records added or removed when the rule is off, both counted
    sentences: set[tuple[str, str]] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)

    def add(self, item_id: str, changed: set[tuple[Any, ...]]) -> None:
        self.records += len(changed)
        self.sentences.update((item_id, record[-1]) for record in changed)
        if changed:
            self.articles.add(item_id)

    def row(self) -> dict[str, int]:
        return {"asked_in": self.asked_in, "records": self.records,
                "sentences": len(self.sentences), "articles": len(self.articles)}


def _meeting_keys(meetings: list[Any]) -> set[tuple[Any, ...]]:
    """A meeting record as compared here, its evidence sentence last."""
    return {("meeting", tuple(m.participants), m.location, m.status, m.evidence) for m in meetings}


def _quote_keys(quotes: list[Any]) -> set[tuple[Any, ...]]:
    """A quote record as compared here, its evidence sentence last."""
    return {("quote", q.speaker, q.text, q.kind, q.evidence) for q in quotes}


def measure(items: list[dict[str, Any]]) -> tuple[dict[str, _Reach], dict[str, _Reach]]:
    """Meeting rules' and quote families' reach over the items."""
    from bot.extract.meeting_rules import all_rules
    from bot.extract.pipeline import Extractor
    from bot.extract.quotes import RULE_FAMILIES
    from bot.progress import Progress

    meeting_reach = {rule: _Reach() for rule in all_rules()}
    quote_reach = {family: _Reach() for family in sorted(RULE_FAMILIES)}
    extractor = Extractor()
    with Progress("Reach", len(items)) as progress:
        for record in items:
            _measure_item(extractor, record, meeting_reach, quote_reach)
            progress.advance()
    return meeting_reach, quote_reach


def _measure_item(extractor: Any, record: dict[str, Any], meeting_reach: dict[str, _Reach],
                  quote_reach: dict[str, _Reach]) -> None:
    """One item: its records with every rule on, then with each rule it asks about off."""
    from bot.clock import parse_published
    from bot.extract.entities import build_people_index
    from bot.extract.meeting_rules import rules_asked

    art = chain.parse(extractor, record["id"], record.get("title"), record.get("text") or "",
                      parse_published(record.get("published")))
    if art is None:
        return
    people = build_people_index(art.doc)
    asked_families = _AskedFamilies()
    base_quotes = _quote_keys(chain.quotes(art, people, asked_families))
    for family in asked_families.asked & quote_reach.keys():
        quote_reach[family].asked_in += 1
        quote_reach[family].add(art.id, base_quotes ^ _quote_keys(chain.quotes(art, people, frozenset({family}))))

    def records(off: frozenset[str]) -> set[tuple[Any, ...]]:
        # a meeting rule may change quotes too (a name it completes, a pronoun it reads)
        quotes, meetings = chain.layers(art, off)
        return _quote_keys(quotes) | _meeting_keys(meetings)

    with rules_asked() as asked_rules:
        base_records = records(frozenset())
    for rule in asked_rules & meeting_reach.keys():
        meeting_reach[rule].asked_in += 1
        meeting_reach[rule].add(art.id, base_records ^ records(frozenset({rule})))


def _section(title: str, reach: dict[str, _Reach]) -> dict[str, Any]:
    """Print one section, one line per rule; return its figures."""
    print(f"{title:40} {'asked in':>8} {'records':>8} {'sentences':>9} {'articles':>8}")
    rows = {name: r.row() for name, r in reach.items()}
    for name, row in rows.items():
        print(f"{name:40} {row['asked_in']:>8} {row['records']:>8} {row['sentences']:>9} {row['articles']:>8}")
    return {
        "rules": rows,
        "no_reach": sorted(n for n, row in rows.items() if not row["records"]),
        "below_support": sorted(n for n, row in rows.items()
                                if row["records"] and (row["sentences"] < 3 or row["articles"] < 2)),
    }


def run(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m bench.reach", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help="JSONL items to read")
    parser.add_argument("--sample", type=int, help="a seeded random sample of this many items")
    args = parser.parse_args(argv)
    if not args.items.is_file():
        raise SystemExit(f"{args.items} not found: set ATTACHE_SHARED or pass --items")
    with args.items.open(encoding="utf-8") as fh:
        items = [json.loads(line) for line in fh if line.strip()]
    if args.sample is not None and args.sample < len(items):
        items = random.Random(0).sample(items, args.sample)
    print(f"{len(items)} items", flush=True)
    meeting_reach, quote_reach = measure(items)
    meetings = _section("meeting rule", meeting_reach)
    quotes = _section("quote family", quote_reach)
    figures = {"items": len(items), "meetings": meetings, "quotes": quotes}
    print(f"meeting rules: {len(meeting_reach)}, {len(meetings['no_reach'])} with no reach, "
          f"{len(meetings['below_support'])} below three sentences in two articles; "
          f"quote families: {len(quote_reach)}, {len(quotes['no_reach'])} with no reach, "
          f"{len(quotes['below_support'])} below support")
    return figures


if __name__ == "__main__":
    result = run()
    print(json.dumps(result, sort_keys=True))
    sys.exit(0)

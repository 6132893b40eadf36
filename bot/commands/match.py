"""`attache match ITEMS.jsonl --storylines FILE_OR_DIR [-o OUT.jsonl]`: storyline labels per item."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack
from typing import TextIO

from bot.commands.items import Item, open_items
from bot.storylines.definitions import load_storylines
from bot.storylines.distinct import rolling
from bot.storylines.feedback import VERDICTS, Example, FeedbackWeights
from bot.storylines.matcher import Matcher


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "match",
        help="label JSONL items with the storylines they are about",
        description='Writes {"id", "storylines", "explanations"} per input line.',
    )
    p.add_argument("items", help="JSONL file of {id, title, text, published} ('-' = stdin)")
    p.add_argument(
        "--storylines",
        "-s",
        required=True,
        action="append",
        help="storyline file (.toml/.json) or directory; may be repeated",
    )
    p.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    p.add_argument("--min-score", type=float, default=None, help="score threshold (default 1.0)")
    p.add_argument(
        "--why",
        action="store_true",
        help='add "rejected": {slug: reason} for storylines named but not matched, and "why": '
        "one line per decision, with the terms that weighed less for being common and those "
        "readers' feedback reweighed (saying when feedback decided)",
    )
    p.add_argument(
        "--feedback",
        help='JSONL of readers\' judgements {"slug", "id", "verdict": "not"|"more"} about items '
        "of ITEMS, weighed as the bot weighs confirmed feedback",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    storylines = load_storylines(args.storylines)
    kwargs = {} if args.min_score is None else {"min_score": args.min_score}
    # Distinctiveness comes from the file's own items, as it comes from the archive in the bot:
    # read them all, count the documents naming each term, then match.
    items = list(open_items(args.items))
    matcher = Matcher(storylines, **kwargs)
    if args.feedback:
        matcher.feedback = load_feedback(args.feedback, matcher, items)
    days = [i.published.date().toordinal() if i.published else None for i in items]
    terms = [matcher.terms_in(i.title, i.text) for i in items]
    records: list[dict[str, object]] = [{} for _ in items]
    for index, stats in rolling(days, terms):
        matcher.stats = stats
        records[index] = _record(matcher, items[index], why=args.why)
    with ExitStack() as stack:
        out: TextIO = sys.stdout
        if args.output != "-":
            out = stack.enter_context(open(args.output, "w", encoding="utf-8"))
        count = matched = 0
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            matched += bool(record["storylines"])
    print(
        f"matched {matched} of {count} items against {len(storylines)} storylines", file=sys.stderr
    )
    return 0


def load_feedback(path: str, matcher: Matcher, items: list[Item]) -> FeedbackWeights:
    """Readers' judgements from a JSONL file, each about an item of the items file; a line
    naming an unknown item, storyline or verdict raises ValueError with its line number."""
    by_id = {i.id: i for i in items}
    slugs = {s.slug for s in matcher.storylines}
    examples = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                slug, item_id, verdict = entry["slug"], entry["id"], entry["verdict"]
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(
                    f"{path}:{number}: expected {{\"slug\", \"id\", \"verdict\"}} ({exc})"
                ) from None
            if slug not in slugs:
                raise ValueError(f"{path}:{number}: no storyline {slug!r}")
            if item_id not in by_id:
                raise ValueError(f"{path}:{number}: no item {item_id!r} in the items file")
            if verdict not in VERDICTS:
                raise ValueError(f"{path}:{number}: verdict must be one of {', '.join(VERDICTS)}")
            item = by_id[item_id]
            terms = matcher.storyline_terms(slug, item.title, item.text)
            examples.append(Example(slug, item_id, verdict, terms))
    return FeedbackWeights(examples)


def _record(matcher: Matcher, item: Item, *, why: bool) -> dict[str, object]:
    """The output line for one item: its storylines, why each matched, and (with --why) why
    each storyline it names did not."""
    matches = matcher.match(item.id, item.title, item.text, item.published)
    record: dict[str, object] = {
        "id": item.id,
        "storylines": [m.slug for m in matches],
        "explanations": {m.slug: f"score {m.score:.2f}: {m.explain()}" for m in matches},
    }
    if why:
        verdicts = matcher.diagnose(item.id, item.title, item.text, item.published)
        record["rejected"] = {v.slug or "*": v.reason for v in verdicts if not v.matched}
        record["why"] = [v.line() for v in verdicts]
    return record

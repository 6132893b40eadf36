"""`attache extract IN.jsonl [-o OUT.jsonl] [--only-ids GOLD.jsonl]`: meetings, trips, quotes per article."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from bot.clock import parse_published
from bot.models import Extraction

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "extract",
        help="extract meetings, trips and quotes from JSONL articles",
        description='Writes one JSON object per article: {"id", "meetings", "quotes", "trips", "people"}.',
    )
    p.add_argument("articles", help='JSONL file of {"id", "title", "text", "published"} (- = stdin)')
    p.add_argument("-o", "--output", default="-", help="output JSONL (default: stdout)")
    p.add_argument("--only-ids", metavar="FILE", help="only the ids present in this JSONL file")
    p.add_argument("--model", default=None, help="spaCy model (default: the configured one)")
    p.add_argument("--batch-size", type=int, default=None, help="documents per nlp.pipe batch")
    p.add_argument("--config", metavar="FILE", help="TOML settings")
    p.set_defaults(func=run)


def read_ids(path: str) -> set[str]:
    """The "id" of every JSON line of a file."""
    ids: set[str] = set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON: {exc.msg}") from None
            if isinstance(record, dict) and record.get("id") is not None:
                ids.add(str(record["id"]))
    return ids


def read_articles(stream: TextIO, source: str) -> Iterator[tuple[str, Any, Any, Any]]:
    """(id, title, text, published) per line; a malformed line is logged and skipped."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            log.warning("%s:%d: skipped, not valid JSON: %s", source, n, exc.msg)
            continue
        if not isinstance(record, dict) or record.get("id") in (None, ""):
            log.warning("%s:%d: skipped, not an object with an 'id'", source, n)
            continue
        # Only the input fields of the format: evaluation metadata must not steer extraction.
        yield (str(record["id"]), record.get("title"), record.get("text") or "",
               parse_published(record.get("published")))


def to_json(ex: Extraction) -> dict[str, Any]:
    """The output record of the evaluation format, with trips and people as extra keys."""
    return {
        "id": ex.article_id,
        "meetings": [
            {
                "participants": list(m.participants),
                "location": m.location,
                "status": m.status,
                "evidence": m.evidence,
                "type": m.type,
                "date": m.date.isoformat() if m.date else None,
                "country": m.country or None,
            }
            for m in ex.meetings
        ],
        "quotes": [
            {"speaker": q.speaker, "text": q.text, "kind": q.kind, "verb": q.verb,
             "audience": q.audience or None}
            for q in ex.quotes
        ],
        "trips": [
            {"traveller": t.traveller,
             "stops": [{"place": s.place, "status": s.status, "country": s.country or None,
                        "date": s.date.isoformat() if s.date else None} for s in t.stops]}
            for t in ex.trips
        ],
        "people": [{"name": p.name, "role": p.role or None} for p in ex.people],
        "notes": list(ex.notes),
        "extractor_version": ex.extractor_version,
    }


class _Progress:
    """A one-line progress counter on stderr, drawn only when stderr is a terminal."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.enabled = sys.stderr.isatty()
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self.total:
            width = 30
            filled = int(width * self.done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\rextract [{bar}] {self.done}/{self.total}")
        else:
            sys.stderr.write(f"\rextract {self.done}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\n")


def run(args: argparse.Namespace) -> int:
    from bot.commands.common import settings_from
    from bot.extract.pipeline import Extractor

    settings = settings_from(args)
    model = args.model or settings.extract.model
    batch_size = args.batch_size or settings.extract.batch_size
    wanted = read_ids(args.only_ids) if args.only_ids else None
    extractor = Extractor(model, batch_size=batch_size, max_chars=settings.extract.max_chars)

    with ExitStack() as stack:
        if args.articles == "-":
            articles = list(read_articles(sys.stdin, "<stdin>"))
        else:
            path = Path(args.articles)
            if not path.exists():
                raise FileNotFoundError(f"{path}: no such file")
            fh = stack.enter_context(path.open(encoding="utf-8"))
            articles = list(read_articles(fh, path.name))
        if wanted is not None:
            articles = [a for a in articles if a[0] in wanted]
        out: TextIO = sys.stdout
        if args.output != "-":
            out = stack.enter_context(open(args.output, "w", encoding="utf-8"))
        progress = _Progress(len(articles))
        meetings = quotes = 0
        for ex in extractor.extract_many(articles):
            out.write(json.dumps(to_json(ex), ensure_ascii=False) + "\n")
            meetings += len(ex.meetings)
            quotes += len(ex.quotes)
            progress.step()
        progress.close()
    print(f"extracted {meetings} meetings and {quotes} quotes from {len(articles)} articles",
          file=sys.stderr)
    return 0

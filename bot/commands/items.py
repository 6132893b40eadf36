"""Reading match input: JSONL items ({"id", "title", "text", "published"}) with lenient dates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.clock import parse_published  # also imported from here by tests and the match command


class ItemError(ValueError):
    """A malformed input line, named by file and line number."""


@dataclass(frozen=True, slots=True)
class Item:
    """One item to match: what the matcher needs and nothing else."""

    id: str
    title: str | None
    text: str
    published: datetime | None
    line: int = 0


def read_items(stream: TextIO, source: str = "<stdin>") -> Iterator[Item]:
    """Yield items from JSONL; blank lines are skipped, a bad line raises ItemError."""
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ItemError(f"{source}:{n}: not valid JSON: {exc.msg}") from None
        if not isinstance(raw, dict):
            raise ItemError(f"{source}:{n}: expected a JSON object, got {type(raw).__name__}")
        item_id = raw.get("id")
        if not isinstance(item_id, str | int) or isinstance(item_id, bool) or item_id == "":
            raise ItemError(f"{source}:{n}: missing or invalid 'id'; expected a string")
        title = raw.get("title")
        text = raw.get("text")
        if title is not None and not isinstance(title, str):
            raise ItemError(f"{source}:{n}: 'title' must be a string or null")
        if text is not None and not isinstance(text, str):
            raise ItemError(f"{source}:{n}: 'text' must be a string or null")
        yield Item(str(item_id), title, text or "", parse_published(raw.get("published")), n)


def open_items(path: str | Path) -> Iterator[Item]:
    """Items from a JSONL file ("-" reads standard input)."""
    import sys

    if str(path) == "-":
        yield from read_items(sys.stdin)
        return
    p = Path(path)
    with p.open(encoding="utf-8") as fh:
        yield from read_items(fh, p.name)

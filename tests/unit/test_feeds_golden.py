"""Golden files: each tests/golden/feeds/*.xml parses and normalises to the JSON beside it.

Regenerate deliberately with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_feeds_golden.py`
and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.feeds.normalize import normalize
from bot.feeds.parse import parse_feed

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "feeds"
FEEDS = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".xml", ".atom"))
NOW = datetime(2018, 10, 10, 12, 0, tzinfo=UTC)


def render(path: Path) -> dict:
    url = f"https://feeds.example/{path.name}"
    parsed = parse_feed(path.read_bytes(), {"content-type": "application/xml"}, url)
    articles = []
    for item in parsed.items:
        article = asdict(normalize(item, feed_url=url, now=NOW, source_name=parsed.title))
        for key in ("published", "fetched_at"):
            article[key] = article[key].isoformat()
        articles.append(article)
    return {
        "title": parsed.title,
        "version": parsed.version,
        "warnings": list(parsed.warnings),
        "articles": articles,
    }


def test_golden_files_exist():
    """The golden folder holds feeds to check, each with its expected JSON."""
    assert len(FEEDS) >= 6
    if not os.environ.get("UPDATE_GOLDEN"):
        for path in FEEDS:
            assert path.with_suffix(".json").exists(), f"{path.name} has no golden JSON"


@pytest.mark.parametrize("path", FEEDS, ids=[p.name for p in FEEDS])
def test_feed_parses_to_its_golden_json(path: Path):
    """Parsing + normalising the feed gives exactly the recorded articles and warnings."""
    actual = render(path)
    expected_path = path.with_suffix(".json")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_path.write_text(
            json.dumps(actual, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected

"""Golden files: each invented article in tests/golden/extract/ extracts to the JSON beside it.

The articles are invented agency-style prose covering datelines, role-named leaders, meetings of
three, planned and past events, calls, visits, and quotations of every kind. Regenerate on
purpose with `UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_extract_golden.py` and
review the diff (`git diff tests/golden/extract`) before committing: a change there is a change
in what the extractor says.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from bot.clock import parse_published
from bot.commands.extract import to_json
from bot.extract.pipeline import Extractor

pytestmark = pytest.mark.slow

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "extract"
ARTICLES = sorted(GOLDEN.glob("*.article.json"))


def expected_path(article: Path) -> Path:
    return article.with_name(article.name.replace(".article.json", ".expected.json"))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def render(extractor: Extractor, article: Path) -> dict[str, Any]:
    record = json.loads(article.read_text(encoding="utf-8"))
    ex = extractor.extract(record["id"], record.get("title"), record["text"],
                           parse_published(record.get("published")))
    out = to_json(ex)
    out.pop("extractor_version")  # a version bump alone is not a change of output
    return out


def test_golden_articles_exist_each_with_expected_json():
    """15–20 invented articles, each with its recorded extraction."""
    assert 15 <= len(ARTICLES) <= 20
    if not os.environ.get("UPDATE_GOLDEN"):
        for path in ARTICLES:
            assert expected_path(path).exists(), f"{path.name} has no expected JSON"


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name.split(".")[0] for p in ARTICLES])
def test_article_extracts_to_its_golden_json(extractor: Extractor, article: Path):
    """Meetings, quotes, trips, people and notes are exactly the recorded ones."""
    actual = render(extractor, article)
    target = expected_path(article)
    if os.environ.get("UPDATE_GOLDEN"):
        target.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert actual == json.loads(target.read_text(encoding="utf-8"))

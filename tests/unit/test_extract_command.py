"""`attache extract`: JSONL in, one JSON object per article out, in the evaluation format."""

from __future__ import annotations

import json

import pytest

from bot.cli import main

pytestmark = pytest.mark.slow

ARTICLES = [
    {
        "id": "a1",
        "title": "Lind lands in Oslo",
        "text": "Foreign Secretary Anna Lind landed in Oslo on Monday and is expected to hold a "
        "meeting with Prime Minister Erik Dahl there.",
        "published": "Wed, 10 Mar 2021 12:00:00 GMT",
        "label": "evaluation metadata the extractor must ignore",
    },
    {"id": "a2", "title": None, "text": ""},
    {"id": "a3", "title": "Nothing here", "text": "Markets were calm on Tuesday."},
]


def _write(path, records, extra_lines=()):
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_output_line_per_article_in_the_evaluation_format(tmp_path, capsys):
    """extract writes one record per article in input order, each meeting with its parties, status,
    place and evidence cut from the text; an empty text gets a note and the count goes to stderr.
    """
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(src, ARTICLES)
    assert main(["extract", str(src), "-o", str(out)]) == 0
    records = _read(out)
    assert [r["id"] for r in records] == ["a1", "a2", "a3"]
    first = records[0]
    assert set(first) >= {"id", "meetings", "quotes", "trips", "people"}
    meeting = next(m for m in first["meetings"] if len(m["participants"]) == 2)
    assert set(meeting["participants"]) == {"Anna Lind", "Erik Dahl"}
    assert meeting["status"] == "planned"
    assert meeting["location"] == "Oslo"
    assert meeting["evidence"] in ARTICLES[0]["text"]
    assert set(meeting) >= {"participants", "location", "status", "evidence", "type", "date"}
    assert records[1]["meetings"] == []
    assert records[1]["notes"] == ["empty text"]
    assert "3 articles" in capsys.readouterr().err


def test_only_ids_restricts_to_the_ids_of_another_file(tmp_path):
    """--only-ids keeps only the articles whose ids appear in the other file."""
    src, gold, out = tmp_path / "in.jsonl", tmp_path / "gold.jsonl", tmp_path / "out.jsonl"
    _write(src, ARTICLES)
    _write(gold, [{"id": "a3", "meetings": []}])
    assert main(["extract", str(src), "--only-ids", str(gold), "-o", str(out)]) == 0
    assert [r["id"] for r in _read(out)] == ["a3"]


def test_malformed_lines_are_skipped_and_the_rest_extracted(tmp_path, caplog):
    """Non-JSON, non-object and id-less lines are skipped and logged; the valid line is extracted.
    """
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _write(src, ARTICLES[2:], extra_lines=["{not json", '["a list"]', '{"no": "id"}'])
    assert main(["extract", str(src), "-o", str(out)]) == 0
    assert [r["id"] for r in _read(out)] == ["a3"]
    assert "not valid JSON" in caplog.text


def test_a_missing_input_file_is_a_clear_error(tmp_path, capsys):
    """A missing input file exits with status 2 and names the file on stderr."""
    assert main(["extract", str(tmp_path / "nope.jsonl")]) == 2
    assert "nope.jsonl" in capsys.readouterr().err

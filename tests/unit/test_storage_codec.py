"""bot.storage.codec: models to JSON and back, exactly; malformed JSON gives a clear CodecError."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.models import Evidence, Extraction, Match, Meeting, SourceRef, Storyline
from bot.storage.codec import (
    CodecError,
    dumps,
    evidence_from_json,
    evidence_to_json,
    extraction_from_json,
    extraction_to_json,
    from_jsonable,
    loads,
    match_explanation,
    match_from_row,
    storyline_from_json,
    storyline_to_json,
    to_jsonable,
)


@given(st.from_type(Extraction))
def test_any_extraction_round_trips_exactly(extraction: Extraction) -> None:
    """decode(encode(x)) == x for every Extraction, through JSON text as well."""
    assert extraction_from_json(extraction_to_json(extraction)) == extraction
    assert loads(Extraction, dumps(extraction)) == extraction


@given(st.from_type(Storyline))
def test_any_storyline_round_trips_exactly(storyline: Storyline) -> None:
    """decode(encode(x)) == x for every Storyline, window dates included."""
    assert storyline_from_json(json.loads(json.dumps(storyline_to_json(storyline)))) == storyline


@given(st.lists(st.from_type(Evidence), max_size=5).map(tuple))
def test_any_evidence_round_trips_exactly(evidence: tuple[Evidence, ...]) -> None:
    """Match evidence tuples survive the JSON trip unchanged."""
    assert evidence_from_json(json.loads(json.dumps(evidence_to_json(evidence)))) == evidence


def test_match_explanation_carries_summary_and_evidence() -> None:
    """The stored explanation has the readable line and rebuilds the same Match."""
    m = Match("a1", "s", 1.5, (Evidence("place", "Osaka", "Osaka", "lead", 3),))
    data = match_explanation(m)
    assert data["summary"] == m.explain()
    assert match_from_row("a1", "s", 1.5, json.loads(json.dumps(data))) == m
    assert "feedback" not in data
    taught = Match("a1", "s", 1.5, m.evidence, "Osaka \u00d71.50 (it decided: without it, not matched)")
    kept = match_explanation(taught)
    assert kept["feedback"] == taught.feedback
    assert match_from_row("a1", "s", 1.5, json.loads(json.dumps(kept))) == taught
    with pytest.raises(CodecError, match="feedback must be a string"):
        match_from_row("a1", "s", 1.5, {**kept, "feedback": 3})


def test_dates_and_aware_datetimes_are_iso_strings_in_utc() -> None:
    """Dates encode as YYYY-MM-DD; datetimes as ISO in UTC and come back as the same instant."""
    ref = SourceRef(
        "t", None, "Example", datetime(2019, 3, 2, 9, 0, tzinfo=timezone(timedelta(hours=1)))
    )
    data = to_jsonable(ref)
    assert data["published"] == "2019-03-02T08:00:00+00:00"
    back = from_jsonable(SourceRef, data)
    assert back == ref
    assert back.published.tzinfo == UTC
    assert (
        to_jsonable(Meeting(("A",), None, "planned", date=date(2019, 3, 4)))["date"] == "2019-03-04"
    )


def test_naive_datetimes_are_refused() -> None:
    """Encoding a naive datetime fails instead of silently picking a zone."""
    with pytest.raises(ValueError, match="naive"):
        to_jsonable(SourceRef("t", None, "x", datetime(2019, 3, 2)))  # noqa: DTZ001


def test_unknown_keys_are_ignored_and_missing_ones_take_defaults() -> None:
    """Data written by another version still loads: extra keys are skipped, defaults fill gaps."""
    got = extraction_from_json({"article_id": "a1", "added_later": [1, 2]})
    assert got == Extraction(article_id="a1")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "expected an object"),
        ({"article_id": 5}, "Extraction.article_id: expected str"),
        ({"article_id": "a", "meetings": {}}, "meetings: expected a list"),
        (
            {
                "article_id": "a",
                "meetings": [
                    {"participants": [], "status": "x", "location": None, "date": "2019-13-01"}
                ],
            },
            "not an ISO date",
        ),
        ({}, "article_id"),
    ],
)
def test_malformed_data_raises_codec_error_with_the_path(data: object, message: str) -> None:
    """Wrong shapes or types raise CodecError naming where in the structure the problem is."""
    with pytest.raises(CodecError, match=message):
        extraction_from_json(data)


def test_invalid_json_text_raises_codec_error() -> None:
    """Text that is not JSON at all is a CodecError, not a JSONDecodeError."""
    with pytest.raises(CodecError, match="not valid JSON"):
        loads(Extraction, "{not json")

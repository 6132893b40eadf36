"""`attache match` and `attache storylines check/list`: output format, dates, errors, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.commands.items import ItemError, open_items, parse_published

STORY = {
    "slug": "lakeside-talks-2021",
    "title": "Lakeside water talks",
    "window": {"start": "2021-03-01", "end": "2021-04-30"},
    "actors": [{"name": "Anna Berg", "aliases": ["Berg"]}],
    "places": ["Lakeside", "Northland"],
    "keywords": ["water treaty"],
}


def _items(tmp_path: Path, rows: list[dict]) -> Path:
    p = tmp_path / "items.jsonl"
    p.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return p


def _story_file(tmp_path: Path) -> Path:
    p = tmp_path / "stories.json"
    p.write_text(json.dumps([STORY]), encoding="utf-8")
    return p


def test_match_writes_one_line_per_item_with_explanations(tmp_path: Path) -> None:
    """Every input line gets {"id", "storylines", "explanations"}, in input order, whatever the
    date format (RSS, ISO, missing) and even with a null title."""
    rows = [
        {
            "id": "rss",
            "title": "Berg signs water treaty in Lakeside",
            "text": "Northland agreed.",
            "published": "Sat, 20 Mar 2021 09:30:00 +0000",
        },
        {
            "id": "iso",
            "title": "Berg signs water treaty in Lakeside",
            "text": "",
            "published": "2021-03-20T09:30:00Z",
        },
        {
            "id": "late",
            "title": "Berg signs water treaty in Lakeside",
            "text": "",
            "published": "2022-01-01",
        },
        {"id": "undated", "title": None, "text": "Berg signed the Lakeside water treaty today."},
        {"id": "other", "title": "Spring fair returns", "text": "Crowds in the square."},
    ]
    out = tmp_path / "out.jsonl"
    code = main(
        [
            "match",
            str(_items(tmp_path, rows)),
            "--storylines",
            str(_story_file(tmp_path)),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["rss", "iso", "late", "undated", "other"]
    got = {x["id"]: x["storylines"] for x in lines}
    assert got == {
        "rss": ["lakeside-talks-2021"],
        "iso": ["lakeside-talks-2021"],
        "late": [],
        "undated": ["lakeside-talks-2021"],
        "other": [],
    }
    explanation = lines[0]["explanations"]["lakeside-talks-2021"]
    assert "Anna Berg" in explanation
    assert "Lakeside" in explanation
    assert lines[4]["explanations"] == {}


def test_match_reports_bad_input_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed line or a broken storyline file gives exit code 2 and a one-line reason."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "title": "x", "text": "y"}\nnot json\n', encoding="utf-8")
    assert (
        main(
            [
                "match",
                str(bad),
                "--storylines",
                str(_story_file(tmp_path)),
                "-o",
                str(tmp_path / "o"),
            ]
        )
        == 2
    )
    assert "bad.jsonl:2: not valid JSON" in capsys.readouterr().err
    typo = tmp_path / "typo.json"
    typo.write_text(json.dumps([{**STORY, "actros": []}]), encoding="utf-8")
    assert main(["match", str(bad), "--storylines", str(typo)]) == 2
    assert "unknown key 'actros'" in capsys.readouterr().err


def test_item_reader_validates_fields(tmp_path: Path) -> None:
    """Items need an id; title and text must be strings or null."""
    for row, reason in [
        ({"title": "x", "text": "y"}, "missing or invalid 'id'"),
        ({"id": "a", "title": 3, "text": "y"}, "'title' must be a string"),
        ({"id": "a", "title": "x", "text": ["y"]}, "'text' must be a string"),
        ([1, 2], "expected a JSON object"),
    ]:
        path = tmp_path / "i.jsonl"
        path.write_text(json.dumps(row) + "\n", encoding="utf-8")
        with pytest.raises(ItemError, match=reason):
            list(open_items(path))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Wed, 01 Jan 2020 03:39:18 +0000", datetime(2020, 1, 1, 3, 39, 18, tzinfo=UTC)),
        ("Mon, 20 Mar 2017 21:03:45 -0400", datetime(2017, 3, 21, 1, 3, 45, tzinfo=UTC)),
        ("Wed, 08 May 2019 14:29:04 GMT", datetime(2019, 5, 8, 14, 29, 4, tzinfo=UTC)),
        ("2016-11-10 23:18:47", datetime(2016, 11, 10, 23, 18, 47, tzinfo=UTC)),
        ("2018-01-01T01:14:43", datetime(2018, 1, 1, 1, 14, 43, tzinfo=UTC)),
        ("2018-10-07T10:00:00Z", datetime(2018, 10, 7, 10, 0, tzinfo=UTC)),
        ("2018-10-07", datetime(2018, 10, 7, tzinfo=UTC)),
        (1538905200, datetime(2018, 10, 7, 9, 40, tzinfo=UTC)),
        ("", None),
        (None, None),
        ("next Tuesday", None),
        ([2018], None),
    ],
)
def test_published_dates_parse_to_aware_utc(raw: object, expected: datetime | None) -> None:
    """RSS pubDate, ISO 8601 (naive = UTC) and Unix times parse to aware UTC; junk gives None."""
    got = parse_published(raw)
    assert got == expected
    assert got is None or got.tzinfo is not None


def test_storylines_check_prints_one_line_per_storyline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`storylines check` lists slug, title, window and counts for each valid storyline; exit 0."""
    assert main(["storylines", "check", str(_story_file(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "lakeside-talks-2021" in out
    assert "Lakeside water talks" in out
    assert "2021-03-01..2021-04-30" in out
    assert "1 actors" in out
    assert "2 places" in out


def test_storylines_check_reports_errors_with_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo'd key makes `storylines check` print the problem and exit 1."""
    p = tmp_path / "X.toml"
    p.write_text('slug = "x"\ntitle = "X"\nactros = []\nplaces = ["Y"]\n', encoding="utf-8")
    assert main(["storylines", "check", str(p)]) == 1
    err = capsys.readouterr().err
    assert "X.toml: unknown key 'actros'; expected one of" in err


def test_storylines_check_defaults_to_configured_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without PATH, `storylines check` validates the configured storyline paths (the seeds)."""
    monkeypatch.chdir(tmp_path)  # no config.toml here: the defaults point at seeds/storylines
    assert main(["storylines", "check"]) == 0
    assert "pompeo-asia-trip-2018" in capsys.readouterr().out


def test_storylines_list_json_round_trips(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`storylines list --json` prints definitions in the schema the loader reads."""
    assert main(["storylines", "list", "--json", str(_story_file(tmp_path))]) == 0
    [story] = json.loads(capsys.readouterr().out)
    assert story["slug"] == STORY["slug"]
    assert story["window"] == STORY["window"]


def test_match_why_lists_reasons_for_rejected_storylines(tmp_path: Path) -> None:
    """`attache match --why` adds the reason each named-but-unmatched storyline was left out."""
    rows = [
        {
            "id": "late",
            "title": "Berg signs water treaty in Lakeside",
            "text": "",
            "published": "2022-01-01",
        }
    ]
    out = tmp_path / "out.jsonl"
    args = ["match", str(_items(tmp_path, rows)), "--storylines", str(_story_file(tmp_path))]
    assert main([*args, "-o", str(out), "--why"]) == 0
    [line] = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert line["storylines"] == []
    assert "outside the window" in line["rejected"]["lakeside-talks-2021"]


def test_match_learns_distinctiveness_from_the_file(tmp_path: Path) -> None:
    """Document frequency comes from the file's own items near each item's date: with 300
    items naming Northland in the same fortnight, --why says Northland weighed less for the
    matched item; the same item five weeks later is judged without them."""
    filler = [
        {
            "id": f"n{i}",
            "title": "Northland weather",
            "text": "Rain in Northland.",
            "published": "2021-03-19",
        }
        for i in range(300)
    ]
    story = {
        "id": "story",
        "title": "Berg signs water treaty in Lakeside",
        "text": "Northland agreed.",
        "published": "2021-03-20",
    }
    late = {**story, "id": "late", "published": "2021-04-25"}
    out = tmp_path / "out.jsonl"
    args = ["match", str(_items(tmp_path, [*filler, story, late])), "--why", "-o", str(out)]
    assert main([*args, "--storylines", str(_story_file(tmp_path))]) == 0
    lines = {x["id"]: x for x in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert lines["story"]["storylines"] == ["lakeside-talks-2021"]
    assert "common in recent articles: Northland" in lines["story"]["why"][0]
    assert lines["late"]["storylines"] == ["lakeside-talks-2021"]
    assert "common" not in lines["late"]["why"][0]


def test_match_feedback_file_decides_and_why_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A "not about this story" judgement on one item lowers the terms it matched on: a like
    item is no longer matched and --why says feedback decided; a judgement naming an item not
    in the file is refused with its line number."""
    visit = {
        "id": "visit",
        "title": "Berg visits Lakeside",
        "text": "Anna Berg toured the Lakeside harbour.",
        "published": "2021-03-20",
    }
    again = {**visit, "id": "again", "title": "Berg returns to Lakeside"}
    items = _items(tmp_path, [visit, again])
    args = ["match", str(items), "--storylines", str(_story_file(tmp_path)), "--why"]
    before = tmp_path / "before.jsonl"
    assert main([*args, "-o", str(before)]) == 0
    assert json.loads(before.read_text().splitlines()[1])["storylines"] == ["lakeside-talks-2021"]
    feedback = tmp_path / "feedback.jsonl"
    feedback.write_text(
        json.dumps({"slug": "lakeside-talks-2021", "id": "visit", "verdict": "not"}) + "\n"
    )
    after = tmp_path / "after.jsonl"
    assert main([*args, "--feedback", str(feedback), "-o", str(after)]) == 0
    line = json.loads(after.read_text().splitlines()[1])
    assert line["storylines"] == []
    assert "readers' feedback: Anna Berg" in line["why"][0]
    assert "feedback decided: without it, matched" in line["why"][0]
    feedback.write_text(json.dumps({"slug": "lakeside-talks-2021", "id": "x", "verdict": "not"}))
    assert main([*args, "--feedback", str(feedback), "-o", str(after)]) == 2
    assert "feedback.jsonl:1: no item 'x'" in capsys.readouterr().err

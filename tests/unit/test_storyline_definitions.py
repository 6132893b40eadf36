"""Storyline definitions: loading TOML and JSON files, and every validation error."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.models import Actor
from bot.storylines.definitions import (
    DEFAULT_REQUIRE,
    StorylineError,
    check_storylines,
    load_storylines,
    parse_storyline,
    storyline_to_dict,
)

REPO = Path(__file__).resolve().parents[2]

GOOD_TOML = """
slug = "lakeside-talks-2021"
title = "Lakeside water talks, 2021"
description = "Two neighbours negotiate over a shared lake."
places = ["Lakeside", "Northland"]
keywords = ["water treaty", "dam"]
require = ["actor", "place|keyword"]

[window]
start = 2021-03-01
end = 2021-04-30

[[actors]]
name = "Anna Berg"
aliases = ["Berg", "Minister Berg"]
role = "Foreign Minister of Northland"

[[actors]]
name = "Tomas Vale"
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _problems(tmp_path: Path, name: str, text: str) -> str:
    path = _write(tmp_path, name, text)
    with pytest.raises(StorylineError) as info:
        load_storylines(path)
    return str(info.value)


def test_toml_file_loads_every_field(tmp_path: Path) -> None:
    """A complete TOML storyline becomes a Storyline with all fields, dates as dates."""
    [s] = load_storylines(_write(tmp_path, "lake.toml", GOOD_TOML))
    assert s.slug == "lakeside-talks-2021"
    assert s.title == "Lakeside water talks, 2021"
    assert s.window_start == date(2021, 3, 1)
    assert s.window_end == date(2021, 4, 30)
    assert s.actors[0] == Actor(
        "Anna Berg", ("Berg", "Minister Berg"), "Foreign Minister of Northland"
    )
    assert s.actors[1] == Actor("Tomas Vale")
    assert s.places == ("Lakeside", "Northland")
    assert s.keywords == ("water treaty", "dam")
    assert s.require == ("actor", "place|keyword")
    assert s.source.endswith("lake.toml")


def test_toml_dates_may_be_strings(tmp_path: Path) -> None:
    """A window given as quoted ISO strings loads like TOML dates."""
    text = GOOD_TOML.replace("2021-03-01", '"2021-03-01"').replace("2021-04-30", '"2021-04-30"')
    [s] = load_storylines(_write(tmp_path, "lake.toml", text))
    assert (s.window_start, s.window_end) == (date(2021, 3, 1), date(2021, 4, 30))


def test_json_list_and_wrapped_object_load_the_same(tmp_path: Path) -> None:
    """JSON as a bare list and as {"storylines": [...]} give the same storylines; a missing
    `require` gets the documented default."""
    entry = {
        "slug": "harbour-dispute",
        "title": "Harbour dispute",
        "window": {"start": "2020-01-01", "end": "2020-02-01"},
        "actors": [{"name": "Ola Strand", "aliases": ["Strand"]}],
        "places": ["Port Grey"],
        "keywords": ["harbour"],
    }
    a = load_storylines(_write(tmp_path, "a.json", json.dumps([entry])))
    b = load_storylines(_write(tmp_path, "b.json", json.dumps({"storylines": [entry]})))
    assert [s.slug for s in a] == [s.slug for s in b] == ["harbour-dispute"]
    assert a[0].require == DEFAULT_REQUIRE
    assert a[0].actors == (Actor("Ola Strand", ("Strand",)),)


def test_directory_loads_toml_and_json_sorted(tmp_path: Path) -> None:
    """A directory yields the storylines of all its .toml and .json files; other files are ignored."""
    _write(tmp_path, "b.toml", GOOD_TOML)
    _write(tmp_path, "a.json", json.dumps([{"slug": "aaa", "title": "A", "places": ["X"]}]))
    _write(tmp_path, "notes.txt", "not a storyline")
    assert [s.slug for s in load_storylines(tmp_path)] == ["aaa", "lakeside-talks-2021"]


def test_shipped_seed_storylines_are_valid() -> None:
    """Every file in seeds/storylines loads, and the Pompeo seed has its window and actors."""
    storylines = {s.slug: s for s in load_storylines(REPO / "seeds" / "storylines")}
    pompeo = storylines["pompeo-asia-trip-2018"]
    assert pompeo.window_start == date(2018, 9, 20)
    assert pompeo.window_end == date(2018, 10, 31)
    names = {a.name for a in pompeo.actors}
    assert {"Mike Pompeo", "Kim Jong Un", "Shinzo Abe", "Taro Kono", "Kang Kyung-wha"} <= names
    assert {"Tokyo", "Pyongyang", "Seoul", "Beijing"} <= set(pompeo.places)


def test_typo_key_names_file_key_and_expected(tmp_path: Path) -> None:
    """A misspelt key is reported with the file, the key, the allowed keys and a suggestion."""
    msg = _problems(tmp_path, "typo.toml", GOOD_TOML.replace("[[actors]]", "[[actros]]", 1))
    assert "typo.toml" in msg
    assert "unknown key 'actros'" in msg
    assert "expected one of slug, title" in msg
    assert "did you mean 'actors'" in msg


def test_key_after_table_header_gets_toml_hint(tmp_path: Path) -> None:
    """A top-level key written after [[actors]] lands in the actor table; the error says why."""
    msg = _problems(tmp_path, "late.toml", GOOD_TOML + '\nkeywords = ["late"]\n')
    assert "actors[1]: unknown key 'keywords'" in msg
    assert "before the first [window] or [[actors]]" in msg


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("start = 2021-03-01", 'start = "March 1st"', "window.start = 'March 1st' is not a date"),
        ("end = 2021-04-30", "end = 2021-01-01", "is after window.end"),
        ('slug = "lakeside-talks-2021"', 'slug = ""', "slug is empty"),
        ('slug = "lakeside-talks-2021"', 'slug = "Lake Side!"', "slug 'Lake Side!' is not valid"),
        ('slug = "lakeside-talks-2021"\n', "", "missing key 'slug'"),
        ('title = "Lakeside water talks, 2021"', "title = 5", "title must be a string, got int"),
        ('places = ["Lakeside", "Northland"]', 'places = "Lakeside"', "places must be a list"),
        ('keywords = ["water treaty", "dam"]', 'keywords = ["dam", ""]', "keywords[1] = ''"),
        (
            'require = ["actor", "place|keyword"]',
            'require = ["actor", "place|mood"]',
            "unknown kind 'mood'",
        ),
        ('name = "Tomas Vale"', 'name = ""', "actors[1]: name is empty"),
        (
            "start = 2021-03-01\n",
            "start = 2021-03-01\nbegin = 2021-01-01\n",
            "window: unknown key 'begin'",
        ),
    ],
)
def test_each_validation_error_is_explained(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    """Each kind of mistake yields a message naming the file and what was expected."""
    assert old in GOOD_TOML
    msg = _problems(tmp_path, "bad.toml", GOOD_TOML.replace(old, new, 1))
    assert "bad.toml" in msg
    assert expected in msg


def test_storyline_without_terms_is_rejected(tmp_path: Path) -> None:
    """A storyline with no actor, place or keyword could never match: it is an error."""
    msg = _problems(tmp_path, "empty.json", json.dumps([{"slug": "empty", "title": "Empty"}]))
    assert "no actors, places or keywords" in msg


def test_duplicate_slug_across_files_names_both_files(tmp_path: Path) -> None:
    """The same slug in two files is an error naming both files."""
    _write(tmp_path, "one.toml", GOOD_TOML)
    _write(tmp_path, "two.toml", GOOD_TOML)
    with pytest.raises(StorylineError) as info:
        load_storylines(tmp_path)
    msg = str(info.value)
    assert "duplicate slug 'lakeside-talks-2021'" in msg
    assert "one.toml" in msg
    assert "two.toml" in msg


def test_invalid_toml_and_json_syntax_are_reported(tmp_path: Path) -> None:
    """Broken syntax names the file and the format, without a traceback."""
    assert "not valid TOML" in _problems(tmp_path, "broken.toml", "slug = \n")
    assert "not valid JSON" in _problems(tmp_path, "broken.json", "[{")
    assert "expected a list of storylines" in _problems(tmp_path, "num.json", "42")


def test_missing_path_and_wrong_suffix_are_reported(tmp_path: Path) -> None:
    """A path that does not exist, or a file that is neither TOML nor JSON, is a clear error."""
    with pytest.raises(StorylineError, match="not found"):
        load_storylines(tmp_path / "nope.toml")
    with pytest.raises(StorylineError, match="unsupported file type"):
        load_storylines(_write(tmp_path, "story.yaml", "slug: x"))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(StorylineError, match="no storyline files"):
        load_storylines(empty)


def test_check_returns_good_storylines_and_all_problems(tmp_path: Path) -> None:
    """check_storylines keeps the valid storylines and lists the problems of the others."""
    _write(tmp_path, "good.toml", GOOD_TOML)
    _write(tmp_path, "bad.json", json.dumps([{"slug": "b", "title": "B", "places": [1]}]))
    result = check_storylines(tmp_path)
    assert [s.slug for s in result.storylines] == ["lakeside-talks-2021"]
    assert not result.ok
    assert any("places[0] = 1" in p for p in result.problems)


def test_to_dict_round_trips_through_the_loader(tmp_path: Path) -> None:
    """storyline_to_dict writes the schema the loader reads: loading it back is lossless."""
    [s] = load_storylines(_write(tmp_path, "lake.toml", GOOD_TOML))
    [back] = load_storylines(_write(tmp_path, "back.json", json.dumps([storyline_to_dict(s)])))
    assert back == parse_storyline(storyline_to_dict(s), back.source)
    assert (back.slug, back.actors, back.places, back.keywords, back.require) == (
        s.slug,
        s.actors,
        s.places,
        s.keywords,
        s.require,
    )
    assert (back.window_start, back.window_end) == (s.window_start, s.window_end)

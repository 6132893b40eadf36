"""Storyline definitions: load TOML or JSON files into validated `Storyline` values (no matching here).

A TOML file holds one storyline; a JSON file holds a list of storylines (or {"storylines": [...]}),
in the schema of the evaluation's storylines.json. Every problem is reported with the file, the
key and what was expected; all problems of all files are collected before failing.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.models import Actor, Storyline

KINDS = ("actor", "place", "keyword")

# Used when a file gives no `require`: one "who or where" plus a second, different "who or what".
# A bare list of keywords ("protests", "tear gas") says what happened but not to whom or where, and
# two places alone ("Iran", "Tehran") say where but not what: neither makes an item part of a story.
DEFAULT_REQUIRE: tuple[str, ...] = ("actor|place", "actor|keyword")

STORYLINE_KEYS = (
    "slug",
    "title",
    "description",
    "window",
    "actors",
    "places",
    "keywords",
    "require",
)
WINDOW_KEYS = ("start", "end")
ACTOR_KEYS = ("name", "aliases", "role")
SUFFIXES = (".toml", ".json")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class StorylineError(ValueError):
    """One or more problems in storyline files, each naming the file, the key and the expectation."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What `check_storylines` found: the storylines that loaded and the problems of the rest."""

    storylines: tuple[Storyline, ...]
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def load_storylines(path: str | Path | Iterable[str | Path]) -> list[Storyline]:
    """Load every storyline from a file, a directory (its *.toml and *.json) or several of them.

    Raises StorylineError listing every problem found, including duplicate slugs across files.
    """
    result = check_storylines(path)
    if result.problems:
        raise StorylineError(result.problems)
    return list(result.storylines)


def check_storylines(path: str | Path | Iterable[str | Path]) -> CheckResult:
    """Validate like `load_storylines`, but return the good storylines and the problems."""
    paths = [Path(path)] if isinstance(path, str | Path) else [Path(p) for p in path]
    problems: list[str] = []
    loaded: list[Storyline] = []
    for file in _expand(paths, problems):
        storylines, file_problems = _load_file(file)
        problems.extend(file_problems)
        loaded.extend(storylines)
    seen: dict[str, Storyline] = {}
    unique: list[Storyline] = []
    for s in loaded:
        first = seen.get(s.slug)
        if first is not None:
            problems.append(
                f"{s.source}: duplicate slug {s.slug!r} (already defined in {first.source}); "
                "expected every slug to be unique"
            )
            continue
        seen[s.slug] = s
        unique.append(s)
    return CheckResult(tuple(unique), tuple(problems))


def parse_storyline(raw: Any, source: str) -> Storyline:
    """Validate one storyline given as a mapping (from TOML or JSON); raise StorylineError."""
    problems: list[str] = []
    storyline = _parse(raw, source, problems)
    if problems or storyline is None:
        raise StorylineError(problems or [f"{source}: not a storyline"])
    return storyline


def storyline_to_dict(storyline: Storyline) -> dict[str, Any]:
    """The JSON form of a storyline, in the same schema the loader reads."""
    out: dict[str, Any] = {"slug": storyline.slug, "title": storyline.title}
    if storyline.description:
        out["description"] = storyline.description
    if storyline.window_start or storyline.window_end:
        out["window"] = {
            k: v.isoformat()
            for k, v in (("start", storyline.window_start), ("end", storyline.window_end))
            if v is not None
        }
    out["actors"] = [
        {"name": a.name, "aliases": list(a.aliases), **({"role": a.role} if a.role else {})}
        for a in storyline.actors
    ]
    out["places"] = list(storyline.places)
    out["keywords"] = list(storyline.keywords)
    out["require"] = list(storyline.require)
    return out


# ---------------------------------------------------------------- files


def _expand(paths: Sequence[Path], problems: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES)
            if not found:
                problems.append(f"{p}: no storyline files; expected *.toml or *.json files in it")
            files.extend(found)
        elif p.is_file():
            if p.suffix.lower() not in SUFFIXES:
                problems.append(f"{p}: unsupported file type; expected a .toml or .json file")
            else:
                files.append(p)
        else:
            problems.append(f"{p}: not found; expected a storyline file or a directory of them")
    return files


def _load_file(file: Path) -> tuple[list[Storyline], list[str]]:
    source = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{file}: cannot be read: {exc}"]
    problems: list[str] = []
    if file.suffix.lower() == ".toml":
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            return [], [f"{source}: not valid TOML: {exc}"]
        s = _parse(raw, source, problems)
        return ([s] if s is not None else []), problems
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"{source}: not valid JSON: {exc}"]
    if isinstance(data, Mapping) and "storylines" in data:
        extra = sorted(set(data) - {"storylines"})
        if extra:
            problems.append(f"{source}: unknown key {extra[0]!r}; expected only 'storylines'")
        data = data["storylines"]
    elif isinstance(data, Mapping):
        data = [data]  # a single storyline object
    if not isinstance(data, list):
        return [], [f'{source}: expected a list of storylines or {{"storylines": [...]}}']
    out: list[Storyline] = []
    for i, raw in enumerate(data):
        s = _parse(raw, f"{source}[{i}]", problems)
        if s is not None:
            out.append(s)
    return out, problems


# ---------------------------------------------------------------- validation


def _unknown(
    raw: Mapping[str, Any], allowed: Sequence[str], where: str, problems: list[str]
) -> None:
    for key in raw:
        if key not in allowed:
            hint = ""
            close = difflib.get_close_matches(str(key), allowed, n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            elif key in STORYLINE_KEYS and allowed is not STORYLINE_KEYS:
                # TOML puts every key after a [table] header into that table.
                hint = " (in TOML, write top-level keys before the first [window] or [[actors]])"
            problems.append(
                f"{where}: unknown key {key!r}; expected one of {', '.join(allowed)}{hint}"
            )


def _parse(raw: Any, source: str, problems: list[str]) -> Storyline | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{source}: a storyline must be a table/object, got {type(raw).__name__}")
        return None
    before = len(problems)
    _unknown(raw, STORYLINE_KEYS, source, problems)
    slug = _text(raw, "slug", source, problems, required=True)
    where = f"{source} ({slug})" if slug else source
    if slug and not _SLUG.match(slug):
        problems.append(
            f"{source}: slug {slug!r} is not valid; expected lower-case letters, digits and '-'"
        )
    title = _text(raw, "title", where, problems, required=True)
    description = _text(raw, "description", where, problems, required=False)
    start, end = _window(raw.get("window"), where, problems)
    actors = _actors(raw.get("actors", []), where, problems)
    places = _strings(raw.get("places", []), "places", where, problems)
    keywords = _strings(raw.get("keywords", []), "keywords", where, problems)
    require = _require(raw.get("require"), where, problems)
    if not (actors or places or keywords):
        problems.append(f"{where}: no actors, places or keywords; expected at least one term")
    if len(problems) > before:
        return None
    return Storyline(
        slug=slug,
        title=title,
        description=description,
        window_start=start,
        window_end=end,
        actors=actors,
        places=places,
        keywords=keywords,
        require=require,
        source=source,
    )


def _text(
    raw: Mapping[str, Any], key: str, where: str, problems: list[str], *, required: bool
) -> str:
    value = raw.get(key)
    if value is None:
        if required:
            problems.append(f"{where}: missing key {key!r}; expected a non-empty string")
        return ""
    if not isinstance(value, str):
        problems.append(f"{where}: {key} must be a string, got {type(value).__name__}")
        return ""
    value = value.strip()
    if required and not value:
        problems.append(f"{where}: {key} is empty; expected a non-empty string")
    return value


def _date(value: Any, key: str, where: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.append(f"{where}: {key} = {value!r} is not a date; expected YYYY-MM-DD")
    return None


def _window(raw: Any, where: str, problems: list[str]) -> tuple[date | None, date | None]:
    if raw is None:
        return None, None
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: window must be a table {{start, end}}, got {type(raw).__name__}")
        return None, None
    _unknown(raw, WINDOW_KEYS, f"{where}: window", problems)
    start = _date(raw.get("start"), "window.start", where, problems)
    end = _date(raw.get("end"), "window.end", where, problems)
    if start and end and start > end:
        problems.append(
            f"{where}: window.start {start} is after window.end {end}; expected start <= end"
        )
    return start, end


def _strings(raw: Any, key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    if not isinstance(raw, list):
        problems.append(f"{where}: {key} must be a list of strings, got {type(raw).__name__}")
        return ()
    out: list[str] = []
    for i, v in enumerate(raw):
        if not isinstance(v, str) or not v.strip():
            problems.append(f"{where}: {key}[{i}] = {v!r}; expected a non-empty string")
            continue
        if v.strip() not in out:
            out.append(v.strip())
    return tuple(out)


def _actors(raw: Any, where: str, problems: list[str]) -> tuple[Actor, ...]:
    if not isinstance(raw, list):
        problems.append(f"{where}: actors must be a list of tables, got {type(raw).__name__}")
        return ()
    out: list[Actor] = []
    for i, a in enumerate(raw):
        at = f"{where}: actors[{i}]"
        if not isinstance(a, Mapping):
            problems.append(f"{at} must be a table with name/aliases/role, got {type(a).__name__}")
            continue
        _unknown(a, ACTOR_KEYS, at, problems)
        name = _text(a, "name", at, problems, required=True)
        aliases = _strings(a.get("aliases", []), "aliases", at, problems)
        role = _text(a, "role", at, problems, required=False)
        if name:
            out.append(Actor(name=name, aliases=tuple(x for x in aliases if x != name), role=role))
    return tuple(out)


def _require(raw: Any, where: str, problems: list[str]) -> tuple[str, ...]:
    if raw is None:
        return DEFAULT_REQUIRE
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list):
        problems.append(f'{where}: require must be a list like ["actor", "place|keyword"]')
        return DEFAULT_REQUIRE
    out: list[str] = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, str):
            problems.append(f"{where}: require[{i}] = {entry!r}; expected a string such as 'actor'")
            continue
        kinds = [k.strip() for k in entry.split("|")]
        bad = [k for k in kinds if k not in KINDS]
        if bad:
            problems.append(
                f"{where}: require[{i}] has unknown kind {bad[0]!r}; expected "
                f"{' | '.join(KINDS)} (alternatives joined by '|')"
            )
            continue
        out.append("|".join(kinds))
    return tuple(out)

"""Storyline definitions: load TOML or JSON files into validated `Storyline` values (no matching here).

A TOML file holds one storyline; a JSON file holds a list of storylines (or {"storylines": [...]}),
in the schema of the evaluation's storylines.json. Every problem is reported with the file, the
key and what was expected; all problems of all files are collected before failing.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from bot.models import Actor, Storyline
from bot.storylines.schema import DEFAULT_REQUIRE as DEFAULT_REQUIRE
from bot.storylines.schema import StorylineDefinition, WindowDefinition
from bot.validation import did_you_mean, error_text, field_names, key_path, type_name

# The top-level keys of a definition, in the order the documentation lists them.
STORYLINE_KEYS = field_names(StorylineDefinition, ())
SUFFIXES = (".toml", ".json")

_SCHEMA = TypeAdapter(StorylineDefinition)


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
        """True when every file loaded without a problem."""
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


def _parse(raw: Any, source: str, problems: list[str]) -> Storyline | None:
    if not isinstance(raw, Mapping):
        problems.append(f"{source}: a storyline must be a table/object, got {type_name(raw)}")
        return None
    try:
        definition = _SCHEMA.validate_python(dict(raw))
    except ValidationError as exc:
        where = _where(raw, source)
        problems.extend(_describe(error, source, where) for error in exc.errors())
        return None
    return to_storyline(definition, source)


def to_storyline(definition: StorylineDefinition, source: str) -> Storyline:
    """The domain value of a validated definition; an actor's aliases never repeat its name."""
    window = definition.window or WindowDefinition()
    return Storyline(
        slug=definition.slug,
        title=definition.title,
        description=definition.description,
        window_start=window.start,
        window_end=window.end,
        actors=tuple(
            Actor(name=a.name, aliases=tuple(x for x in a.aliases if x != a.name), role=a.role)
            for a in definition.actors
        ),
        places=definition.places,
        keywords=definition.keywords,
        require=definition.require,
        source=source,
    )


def _where(raw: Mapping[str, Any], source: str) -> str:
    """The file, and the slug when it has one, so a reader finds the storyline in a long list."""
    slug = raw.get("slug")
    return f"{source} ({slug.strip()})" if isinstance(slug, str) and slug.strip() else source


def _describe(error: ErrorDetails, source: str, where: str) -> str:
    """One pydantic error as `file (slug): key ...; expected ...`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind in ("unexpected_keyword_argument", "missing"):
        table, key = loc[:-1], str(loc[-1])
        at = f"{where}: {key_path(table)}" if table else where
        if kind == "missing":
            return f"{at}: missing key {key!r}; expected a non-empty string"
        allowed = field_names(StorylineDefinition, table)
        hint = did_you_mean(key, allowed)
        if not hint and key in STORYLINE_KEYS and table:
            # TOML puts every key after a [table] header into that table.
            hint = " (in TOML, write top-level keys before the first [window] or [[actors]])"
        at = at if table else source
        return f"{at}: unknown key {key!r}; expected one of {', '.join(allowed)}{hint}"
    text = error_text(error)
    if loc == ("slug",):
        where = source  # a bad slug does not name the storyline
    return f"{where}: {key_path(loc)} {text}" if loc else f"{where}: {text}"

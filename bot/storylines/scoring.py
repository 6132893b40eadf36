"""The matcher's scoring parameters, global for every storyline and outlet, read from one data
file (data/scoring.toml) and checked: an unknown, missing or out-of-range value is an error
naming it, so a typo cannot silently fall back to a default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

SCORING_FILE = Path(__file__).with_name("data") / "scoring.toml"
KINDS = ("actor", "keyword", "place", "topic")
FIELDS = ("title", "lead", "body")


@dataclass(frozen=True, slots=True)
class Scoring:
    """Every parameter of the scoring function (see data/scoring.toml for what each means)."""

    kind_weight: MappingProxyType[str, float]
    field_weight: MappingProxyType[str, float]
    repeat: float
    repeat_cap: int
    demonym: float
    country: float
    date_prior: float
    min_score: float
    window_slack_days: int
    lead_share: float
    relative_min_share: float
    co_subject_share: float
    principal_actors: int
    generic_below: float
    distinct_from: float
    famous_from: int
    telling_terms: float
    topic_telling: float
    rare_share: float
    floor: float
    prior_docs: int
    archive_days: int
    negative: float
    positive: float
    lowest: float
    highest: float


def load_scoring(path: Path = SCORING_FILE) -> Scoring:
    """Read and check the parameters; ValueError names the file and the offending key."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    sections = {"term", "rules", "distinct", "feedback"}
    if set(raw) != sections:
        raise ValueError(f"{path}: sections must be exactly {sorted(sections)}, got {sorted(raw)}")
    term = dict(raw["term"])
    values: dict[str, Any] = {
        "kind_weight": _weights(path, "term.kind", term.pop("kind", None), KINDS),
        "field_weight": _weights(path, "term.field", term.pop("field", None), FIELDS),
    }
    for section in ("term", "rules", "distinct", "feedback"):
        values.update(term if section == "term" else raw[section])
    known = {f.name: f.type for f in fields(Scoring)}
    unknown = sorted(set(values) - set(known))
    missing = sorted(set(known) - set(values))
    if unknown or missing:
        raise ValueError(f"{path}: unknown parameters {unknown}, missing parameters {missing}")
    for name, kind in known.items():
        value = values[name]
        if kind in ("int", "float"):
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{path}: {name} must be a positive number, got {value!r}")
            if kind == "int" and not isinstance(value, int):
                raise ValueError(f"{path}: {name} must be a whole number, got {value!r}")
            values[name] = value if kind == "int" else float(value)
    return Scoring(**values)


def _weights(
    path: Path, key: str, table: object, names: tuple[str, ...]
) -> MappingProxyType[str, float]:
    if not isinstance(table, dict) or set(table) != set(names):
        raise ValueError(f"{path}: {key} must give exactly {', '.join(names)}")
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise ValueError(f"{path}: {key}.{name} must be a positive number, got {value!r}")
    return MappingProxyType({n: float(table[n]) for n in names})


SCORING = load_scoring()

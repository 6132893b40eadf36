"""The extractor's word lists, read once from lexicon.toml: titles, roles, triggers, status words."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

_PATH = Path(__file__).with_name("lexicon.toml")


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with _PATH.open("rb") as fh:
        return tomllib.load(fh)


def words(section: str, name: str) -> frozenset[str]:
    """One word list of a section ("people", "events", "status")."""
    return frozenset(_data()[section][name])


def table(name: str) -> dict[str, Any]:
    """One top-level table: word → value (a type, a role word, a canonical name)."""
    return dict(_data()[name])

"""Meeting trigger words as spaCy Matcher patterns, read once from triggers.toml.

`find_triggers` runs one Matcher over a parsed document and gives each trigger token with the
trigger it matched (the first listed, when several match one token). The meeting rules then
read the token's arguments; which role ("verb" or "noun") decides how.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_PATH = Path(__file__).with_name("triggers.toml")
ROLES = ("verb", "noun")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger word: its switch name, the meeting type it gives, its role and pattern."""

    name: str
    type: str
    role: str
    pattern: tuple[dict[str, Any], ...]
    head: int = 0

    @property
    def key(self) -> str:
        """The Matcher key: a verb and a noun may share a name ("visit")."""
        return f"{self.role}:{self.name}"


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    """Every trigger of the data file, in its order; a malformed entry is an error at load."""
    with _PATH.open("rb") as fh:
        data = tomllib.load(fh)
    out: list[Trigger] = []
    for entry in data["trigger"]:
        trig = Trigger(name=entry["name"], type=entry["type"], role=entry["role"],
                       pattern=tuple(entry["pattern"]), head=int(entry.get("head", 0)))
        if trig.role not in ROLES or not 0 <= trig.head < len(trig.pattern):
            raise ValueError(f"bad trigger in {_PATH.name}: {entry}")
        out.append(trig)
    return tuple(out)


def trigger_types(role: str) -> dict[str, str]:
    """Trigger name → meeting type, for one role ("verb" or "noun")."""
    return {t.name: t.type for t in triggers() if t.role == role}


def _any_case(token_pattern: dict[str, Any]) -> dict[str, Any]:
    """A LEMMA given as one word matches it in any case: a proper noun keeps its capital ("Summit")."""
    lemma = token_pattern.get("LEMMA")
    if not isinstance(lemma, str):
        return token_pattern
    return {**token_pattern, "LEMMA": {"IN": sorted({lemma, lemma.capitalize(), lemma.upper()})}}


@lru_cache(maxsize=4)
def _matcher(vocab: Any) -> Any:
    """One Matcher per vocabulary (one per loaded model), built on first use."""
    from spacy.matcher import Matcher  # spaCy is imported lazily: importing it costs about a second

    matcher = Matcher(vocab)
    for trig in triggers():
        matcher.add(trig.key, [[_any_case(p) for p in trig.pattern]])
    return matcher


def find_triggers(doc: Any) -> list[tuple[int, Trigger]]:
    """(token index, trigger) for each trigger token of the document, in text order."""
    if len(doc) == 0:
        return []
    by_key = {t.key: t for t in triggers()}
    rank = {t.key: i for i, t in enumerate(triggers())}
    strings = doc.vocab.strings
    best: dict[int, Trigger] = {}
    for match_id, start, _end in _matcher(doc.vocab)(doc):
        trig = by_key[strings[match_id]]
        i = start + trig.head
        if i not in best or rank[trig.key] < rank[best[i].key]:
            best[i] = trig
    return sorted(best.items())

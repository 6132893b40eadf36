"""Meeting trigger words as spaCy Matcher patterns, read once from triggers.toml.

`find_triggers` gives each trigger token of a parsed document with the trigger it matched (the
first listed, when several match one token): the token arrays pick the few tokens a trigger can
be, and one spaCy Matcher (built once per model) checks the patterns around each. The meeting
rules then read the token's arguments; the trigger's role ("verb" or "noun") decides how.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.extract.syntax import columns

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


def _alternatives(token_pattern: dict[str, Any]) -> list[dict[str, Any]]:
    """One token pattern as patterns of plain values: a set ({"IN": [...]}) becomes one pattern per
    value, and a LEMMA matches in any case (a proper noun keeps its capital: "the Lima Summit").
    Plain values are compared in spaCy's compiled code; a set is a Python predicate per token.
    """
    out: list[dict[str, Any]] = [{}]
    for attr, value in token_pattern.items():
        if isinstance(value, dict) and set(value) == {"IN"}:
            values = list(value["IN"])
        elif attr == "LEMMA" and isinstance(value, str):
            values = sorted({value, value.capitalize(), value.upper()})
        else:
            values = [value]
        out = [{**done, attr: v} for done in out for v in values]
    return out


def _expand(pattern: tuple[dict[str, Any], ...]) -> list[list[dict[str, Any]]]:
    """Every plain-valued pattern a data pattern stands for."""
    out: list[list[dict[str, Any]]] = [[]]
    for token_pattern in pattern:
        out = [[*done, alt] for done in out for alt in _alternatives(token_pattern)]
    return out


@lru_cache(maxsize=4)
def _matcher(vocab: Any) -> Any:
    """One Matcher per vocabulary (one per loaded model), built on first use."""
    from spacy.matcher import Matcher  # spaCy is imported lazily: importing it costs about a second

    matcher = Matcher(vocab)
    for trig in triggers():
        matcher.add(trig.key, _expand(trig.pattern))
    return matcher


@lru_cache(maxsize=1)
def _anchor_words() -> frozenset[str]:
    """The words a trigger token can be (its LEMMA or LOWER values, lower-cased): the fast filter."""
    words: set[str] = set()
    for trig in triggers():
        head = trig.pattern[trig.head]
        for attr in ("LEMMA", "LOWER"):
            value = head.get(attr)
            values = value["IN"] if isinstance(value, dict) else [value] if isinstance(value, str) else []
            words.update(v.lower() for v in values)
    return frozenset(words)


def _longest() -> int:
    return max(len(t.pattern) for t in triggers())


@lru_cache(maxsize=1)
def _window() -> tuple[int, int]:
    """How many tokens a match can reach before its trigger token and from it on: a match starts
    `head` tokens before the trigger and is at most as long as its pattern (unless an operator
    repeats a token: then the window of the longest pattern on either side).
    """
    if any(p.get("OP", "?") not in ("?", "!") for t in triggers() for p in t.pattern):
        reach = _longest()
        return reach - 1, reach
    return max(t.head for t in triggers()), max(len(t.pattern) - t.head for t in triggers())


@lru_cache(maxsize=4)
def _anchor_ids(vocab: Any) -> frozenset[int]:
    """The string ids of the anchor words in every case (a lemma keeps a proper noun's capital)."""
    strings = vocab.strings
    return frozenset(strings.add(v) for w in _anchor_words() for v in (w, w.capitalize(), w.upper()))


@lru_cache(maxsize=4)
def _head_ids(vocab: Any) -> tuple[tuple[str, frozenset[int] | None, frozenset[int] | None], ...]:
    """Per trigger: its key and the LOWER and LEMMA ids its trigger token can have (None when the
    pattern leaves one open, or when an optional token before the trigger shifts where it is).
    """
    out = []
    for t in triggers():
        alternatives = _alternatives(t.pattern[t.head])
        shifts = any("OP" in p for p in t.pattern[: t.head + 1])
        fixed: list[frozenset[int] | None] = []
        for attr in ("LOWER", "LEMMA"):
            values = [alt.get(attr) for alt in alternatives]
            plain = not shifts and all(isinstance(v, str) for v in values)
            fixed.append(frozenset(vocab.strings.add(v) for v in values) if plain else None)
        out.append((t.key, fixed[0], fixed[1]))
    return tuple(out)


@lru_cache(maxsize=256)
def _sub_matcher(vocab: Any, keys: tuple[str, ...]) -> Any:
    """A Matcher of only the triggers named: those a token's word and lemma leave possible (the
    Matcher tries every pattern at every token, so fewer patterns cost less).
    """
    from spacy.matcher import Matcher

    matcher = Matcher(vocab)
    for trig in triggers():
        if trig.key in keys:
            matcher.add(trig.key, _expand(trig.pattern))
    return matcher


@lru_cache(maxsize=1)
def _ranked() -> tuple[dict[str, Trigger], dict[str, int]]:
    """Trigger by Matcher key, and each key's place in the data file (the first listed wins)."""
    return {t.key: t for t in triggers()}, {t.key: i for i, t in enumerate(triggers())}


def find_triggers(doc: Any) -> list[tuple[int, Trigger]]:
    """(token index, trigger) for each trigger token of the document, in text order.

    The token arrays give the few tokens that can be triggers; the Matcher then runs on a small
    window around each (matching every token of a long text against every pattern costs more
    than the rules themselves).
    """
    if len(doc) == 0:
        return []
    strings = doc.vocab.strings
    anchors = _anchor_ids(doc.vocab)
    cols = columns(doc)
    lowers, lemmas = cols["LOWER"], cols["LEMMA"]
    candidates = [i for i, lower in enumerate(lowers) if lower in anchors or lemmas[i] in anchors]
    if not candidates:
        return []
    by_key, rank = _ranked()
    heads = _head_ids(doc.vocab)
    before, after = _window()
    best: dict[int, Trigger] = {}
    for k, c in enumerate(candidates):
        lo, hi = max(0, c - before), min(len(doc), c + after)
        if k == 0:
            # The whole Matcher, which checks that the document has POS and lemmas by scanning
            # all of it (and raises when they are missing): once per document is enough.
            found = _matcher(doc.vocab)(doc[lo:hi])
        else:
            lower, lemma = lowers[c], lemmas[c]
            keys = tuple(key for key, lowers, lemmas in heads
                         if (lowers is None or lower in lowers) and (lemmas is None or lemma in lemmas))
            if not keys:
                continue
            found = _sub_matcher(doc.vocab, keys)(doc[lo:hi], allow_missing=True)
        for match_id, start, _end in found:
            trig = by_key[strings[match_id]]
            i = lo + start + trig.head
            if i == c and (i not in best or rank[trig.key] < rank[best[i].key]):
                best[i] = trig
    return sorted(best.items())

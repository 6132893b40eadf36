"""Text folding for term matching: case, accents, dashes and spacing folded, offsets kept.

Pure string functions; the matcher runs its automaton over the folded text and maps every hit
back to the original characters through the offset table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Hyphens and dashes fold to a space so that "Kim Jong-un" meets "Kim Jong Un" and "Trump-Kim"
# still yields both names.
_SPACE_LIKE = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00a0\u200b/_")
_APOSTROPHES = frozenset("\u2018\u2019\u02bc\u0060\u00b4")
_DOUBLE_QUOTES = frozenset("\u201c\u201d\u201e\u00ab\u00bb")


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text, and where its characters came from: folded index i maps to original index
    i + shifts[k] for the last k with starts[k] <= i (runs of spaces were collapsed).
    """

    text: str
    starts: tuple[int, ...] = (0,)
    shifts: tuple[int, ...] = (0,)

    def orig(self, i: int) -> int:
        """Original index of the folded character i."""
        return i + self.shifts[bisect_right(self.starts, i) - 1]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the folded slice [start, end)."""
        return self.orig(start), self.orig(end - 1) + 1


def _fold_char(c: str) -> str:
    if c.isspace() or c in _SPACE_LIKE:
        return " "
    if c in _APOSTROPHES:
        return "'"
    if c in _DOUBLE_QUOTES:
        return '"'
    if c.isascii():
        return c.lower()
    base = unicodedata.normalize("NFKD", c)
    for b in base:
        if not unicodedata.combining(b):
            low = b.lower()
            return low if len(low) == 1 else b
    return c


class _FoldTable(dict[int, str]):
    """str.translate table built on demand: every character folds to exactly one character."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()
_SPACES = re.compile(r" {2,}")


def fold(text: str) -> Folded:
    """Fold `text` for matching; runs of spaces collapse to one, so offsets need the table."""
    t = text.translate(_TABLE)
    lead = len(t) - len(t.lstrip(" "))
    t = t.strip(" ")
    if "  " not in t:
        return Folded(t, (0,), (lead,))
    parts: list[str] = []
    starts, shifts = [0], [lead]
    pos = removed = 0
    for m in _SPACES.finditer(t):
        parts.append(t[pos : m.start() + 1])  # keep one space of the run
        removed += m.end() - m.start() - 1
        pos = m.end()
        starts.append(m.start() + 1 - (removed - (m.end() - m.start() - 1)))
        shifts.append(lead + removed)
    parts.append(t[pos:])
    return Folded("".join(parts), tuple(starts), tuple(shifts))


def fold_term(term: str) -> str:
    """The folded form of a storyline term (alias, place or keyword)."""
    return fold(term.strip()).text


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s|$)")


def lead_end(text: str, min_chars: int = 250, max_chars: int = 700) -> int:
    """Where the lead (the opening sentences) of `text` ends: the first sentence end after
    `min_chars`, but never beyond `max_chars`.
    """
    if len(text) <= min_chars:
        return len(text)
    m = _SENTENCE_END.search(text, min_chars)
    if m is None or m.end() > max_chars:
        return min(len(text), max_chars)
    return m.end()


# "SEOUL, Dec 15 , 2006 (AFP)" or "BEIJING, Nov. 3 (Xinhua) --": a capitalised place, a comma,
# a date, on a line of its own or ending in the agency's name and a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'\u2019-]{1,40}(?:,[^\n.]{0,40})?,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}\b[^\n]{0,40}?"
    r"(?:\n|\)\s*(?:--|-|\u2014)\s*)"
)


def dateline_end(text: str) -> int:
    """Where a leading news dateline ends (0 when the text has none)."""
    m = _DATELINE.match(text)
    return m.end() if m else 0


def first_sentence_end(text: str, start: int = 0, max_chars: int = 400) -> int:
    """Where the first sentence from `start` ends (at most `max_chars` on, or the text's end)."""
    m = _SENTENCE_END.search(text, start)
    if m is None or m.end() - start > max_chars:
        newline = text.find("\n", start)
        return min(len(text), start + max_chars) if newline < 0 else newline
    return m.end()


@cache
def word_list(name: str) -> frozenset[str]:
    """A word list of data/NAME: one entry a line, lower-cased, "#" lines are comments."""
    lines = (Path(__file__).with_name("data") / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))

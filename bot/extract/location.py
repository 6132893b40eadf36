"""Where a story was filed: the dateline city ("CITY, Month D (AGENCY)") and what "here" points to.

Pure: reads the first line of an article's text. Agency copy opens with the city in capitals,
then the date or the agency; "here" in the story means that city.
"""

from __future__ import annotations

import re
from typing import Any

from bot.extract.dates import MONTHS

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
# CITY[, Region], then a month and day or an agency in brackets ("(AFP)", "(Reuters) -").
_DATELINE = re.compile(
    rf"^[ \t]*(?P<city>[A-Z][A-Z.'\- ]*[A-Z.])(?:,[ \t]+(?P<region>[A-Z][A-Za-z.' ]+?))?"
    rf"(?:,[ \t]+(?:{_MONTH_RE})\.?[ \t]+\d{{1,2}}\b|[ \t]*\([A-Za-z][\w .-]*\))",
    re.I,
)


def _title_case(word: str) -> str:
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def dateline_place(text: str) -> str | None:
    """The city of a dateline on the text's first non-blank line, or None without one."""
    stripped = text.lstrip()
    line = stripped.split("\n", 1)[0][:120]
    m = _DATELINE.match(line)
    if not m:
        return None
    city = m.group("city").strip()
    if not city.isupper() or len(city) < 3:
        return None  # a sentence that starts "Monday, April 5" is not a dateline
    return " ".join(_title_case(w) for w in city.split())


def says_here(tok: Any) -> bool:
    """The word governs "here" as a place adverb ("arrived here", "talks here")."""
    return any(c.lower_ == "here" and c.dep_ in ("advmod", "npadvmod", "pobj", "dobj") for c in tok.children)

"""Whether two names are one person or one place, and which form of a name is the fullest."""

from __future__ import annotations

import re

_TITLE_WORDS = frozenset(
    "mr mrs ms dr sir president vice prime minister secretary state foreign general leader "
    "chairman premier chancellor king queen prince senator governor ambassador envoy special "
    "deputy chief of the us north south".split()
)
_WORD = re.compile(r"[\w-]+")


def name_tokens(name: str) -> frozenset[str]:
    """Lower-cased name words without titles: 'Secretary of State Mike Pompeo' → {mike, pompeo}."""
    words = [w for w in _WORD.findall(name.lower().replace("'s", "")) if w not in _TITLE_WORDS]
    return frozenset(words or _WORD.findall(name.lower()))


def same_person(a: str, b: str) -> bool:
    """One name's words (titles aside) are all in the other's: 'Mr Kim' and 'Kim Jong Un'."""
    ta, tb = name_tokens(a), name_tokens(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)


def fullness(name: str) -> tuple[int, int]:
    """More name words first ('Mike Pompeo' over 'Secretary Pompeo'), then the longer text."""
    return len(name_tokens(name)), len(name)


def _place_words(name: str) -> frozenset[str]:
    return frozenset(_WORD.findall(name.lower())) - {"the", "of", "city"}


def same_place(a: str, b: str) -> bool:
    """'Seoul' and 'Seoul, South Korea' are one place; 'North Korea' and 'South Korea' are not."""
    ta, tb = _place_words(a), _place_words(b)
    return bool(ta) and bool(tb) and (ta <= tb or tb <= ta)

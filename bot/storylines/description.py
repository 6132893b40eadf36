"""Evidence from a storyline's description: its named things, and which actors it centres on (pure).

Users describe a story in a sentence or two ("the assassination of Pierre Gemayel, the mass
sit-in in Beirut, Arab League mediation"). The capitalised phrases of that text name the
story's people, places and bodies; those not already listed become low-weight "topic" terms,
and the listed actors it names count among the storyline's principal actors.
"""

from __future__ import annotations

import re

from bot.models import Storyline
from bot.storylines.text import fold_term, word_list

# A run of capitalised words, allowing "of"/"on"/"for"/"and" inside ("Forum on China-Africa
# Cooperation", "Bank of Japan").
_PHRASE = re.compile(
    r"[A-Z][\w'\u2019.]*(?:-[A-Za-z][\w'\u2019.]*)*"
    r"(?:\s+(?:(?:of|on|for|and|the)\s+)?[A-Z][\w'\u2019.]*(?:-[A-Za-z][\w'\u2019.]*)*)*"
)
_POSSESSIVE = re.compile(r"['\u2019]s?$")
# "Hezbollah-led", "Italian-backed": the name before a lower-case hyphenated tail.
_TAIL = re.compile(r"-[a-z][\w]*$")
_LOWER_TAIL = re.compile(r"-(?=[a-z])")
_DANGLING = re.compile(r"\s+(?:of|on|for|and|the)$")


def skip_words() -> frozenset[str]:
    """Words that are capitalised only by position (data/description_skip.txt)."""
    return word_list("description_skip.txt")


def _clean(phrase: str) -> str:
    words = phrase.split()
    skip = skip_words()
    while words and words[0].lower() in skip:
        words = words[1:]
    text = " ".join(words)
    text = _TAIL.sub("", _POSSESSIVE.sub("", text.rstrip(".")))
    return _DANGLING.sub("", text).strip()


def named_phrases(description: str) -> list[str]:
    """The capitalised phrases of a description, cleaned: "Pierre Gemayel", "Arab League".

    "EU3/US/Russia" and "Seoul and Beijing" name several things; "Iran-backed"
    names Iran; a lone capitalised word opening a sentence is only capitalised by position.
    """
    text = _LOWER_TAIL.sub(" ", description)
    out: list[str] = []
    for m in _PHRASE.finditer(text):
        listed = text.startswith("/", m.end())  # "EU3/US": a list, not a sentence's first word
        if " " not in m.group(0) and not listed and _sentence_start(text, m.start()):
            continue
        for part in re.split(r"/| and ", m.group(0)):
            phrase = _clean(part)
            if len(phrase) >= 2 and phrase.lower() not in skip_words() and phrase not in out:
                out.append(phrase)
    return out


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip()
    return not before or before[-1] in '.:;!?("'


def _listed(s: Storyline) -> set[str]:
    names = {fold_term(n) for a in s.actors for n in a.all_names}
    return names | {fold_term(p) for p in s.places} | {fold_term(k) for k in s.keywords}


def topic_terms(s: Storyline) -> list[str]:
    """Named phrases of the description that are not already among the storyline's terms."""
    listed = _listed(s)
    names = {fold_term(n) for a in s.actors for n in a.all_names}
    out = []
    for p in named_phrases(s.description):
        folded = f" {fold_term(p)} "
        if fold_term(p) in listed or any(f" {n} " in folded for n in names):
            continue  # already a term, or a listed person with a title ("President Hu Jintao")
        out.append(p)
    return out


def described_actors(s: Storyline) -> frozenset[str]:
    """The listed actors (by name) whom the description names by any of their names."""
    text = f" {_words(s.description)} "
    return frozenset(
        a.name for a in s.actors if any(f" {p} " in text for p in map(_words, a.all_names) if p)
    )


def _words(text: str) -> str:
    """Folded words separated by single spaces ("Brey's" → "brey s"), for whole-word search."""
    return " ".join(re.sub(r"[^\w.]", " ", fold_term(text)).split())

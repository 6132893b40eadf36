"""Title quality: which part of a feed title is a headline, and when there is none (pure).

Agency and feed titles are not always headlines: a slug ("mideast-talks"), an editing note
("ATTENTION - ADDS background ///"), a service tag before the headline ("URGENT: ..."), a byline
("by Jane Doe") or a single word ("minister"). `headline` keeps what reads as a headline and
returns "" when nothing does, so the matcher lets the item's first sentence carry the anchor.
"""

from __future__ import annotations

import re

from bot.storylines.text import word_list

_WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
# "... by Stephane Bentura", "by Phil Hazlewood": a byline of one to three capitalised names.
_BYLINE = re.compile(r"(?:^|\s)by\s+(?:[A-Z][\w'\u2019.-]*\s*){1,3}$")
# A slug: one run of lower-case words or digits joined by hyphens, underscores or dots.
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)+$")
# Separators agencies put after a tag or at the end of a note: ":", " - ", "///", "--".
_SEPARATOR = re.compile(r"^\s*(?::|-{1,2}|\u2013|\u2014|/{2,}|\|)\s*")
_TRAILING_MARKS = re.compile(r"\s*(?:/{2,}|-{2,}|\*{2,}|#{2,})\s*$")
MIN_WORDS = 2
SLUG_WORDS = 3


def note_words() -> frozenset[str]:
    """Editing-note and service-tag words (data/title_notes.txt)."""
    return word_list("title_notes.txt")


def _strip_tag(title: str) -> tuple[str, bool]:
    """Remove leading all-caps note words ("URGENT:", "ATTENTION - ADDS"); also say whether the
    tag announced an editing note (then the rest describes the edit, not the story).
    """
    notes = note_words()
    rest, tagged = title, False
    while True:
        m = re.match(r"\s*([A-Z]{2,})\b", rest)
        if m is None or m.group(1).lower() not in notes:
            break
        tagged = True
        rest = rest[m.end() :]
        sep = _SEPARATOR.match(rest)
        if sep:
            rest = rest[sep.end() :]
    return rest.strip(), tagged


def _is_editing_note(title: str, tagged: bool) -> bool:
    """An edit description ("ADDS background ///"): tagged, and ending in a note mark or
    starting with a note verb.
    """
    if _TRAILING_MARKS.search(title):
        return True
    return tagged and bool(re.match(r"(?i)(?:adds|recasts|updates|fixes|corrects)\b", title))


def headline(title: str | None) -> str:
    """The headline part of a title, or "" when the title is a slug, an editing note, a byline
    or a single word.
    """
    text = (title or "").strip()
    if not text or _SLUG.match(text):
        return ""
    text, tagged = _strip_tag(text)
    if _is_editing_note(text, tagged):
        return ""
    text = _BYLINE.sub("", text).strip()
    words = _WORD.findall(text)
    if len(words) < MIN_WORDS:
        return ""
    # English headlines start with a capital; a short all-lower-case title ("nuke program")
    # is a desk's keyword line.
    if len(words) <= SLUG_WORDS and not any(c.isupper() for c in text):
        return ""
    return text

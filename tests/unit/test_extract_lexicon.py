"""The lexicon data file: every list loads once, is lower case, and trigger types are known ones."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.extract import lexicon, triggers

LEXICON = Path(lexicon.__file__).with_name("lexicon.toml")
KNOWN_TYPES = {"meeting", "talks", "summit", "visit", "hosting", "negotiation", "call", "briefing"}


def _lists():
    data = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    for section in ("people", "events", "status"):
        for name, value in data[section].items():
            yield section, name, value


def test_every_word_list_is_a_nonempty_lowercase_list_without_repeats():
    """The data file keeps the conventions the rules rely on (lower-case, no duplicates)."""
    seen = 0
    for section, name, value in _lists():
        seen += 1
        assert isinstance(value, list), (section, name)
        assert value, (section, name)
        assert all(w == w.lower() and w.strip() == w for w in value), (section, name)
        assert len(set(value)) == len(value), (section, name)
    assert seen >= 30


def test_triggers_give_known_meeting_types_and_roles():
    """Each trigger of triggers.toml maps to a meeting type the rest of the code knows."""
    assert {t.type for t in triggers.triggers()} <= KNOWN_TYPES
    assert {t.role for t in triggers.triggers()} == set(triggers.ROLES)


def test_words_are_loaded_once_and_shared():
    """The file is parsed once: two look-ups return equal sets from one cached load."""
    assert lexicon.words("people", "title_words") == lexicon.words("people", "title_words")
    assert lexicon._data() is lexicon._data()


def test_an_unknown_list_name_is_a_clear_error():
    """A typo in a list name fails loudly instead of giving an empty list."""
    with pytest.raises(KeyError, match="no_such_list"):
        lexicon.words("people", "no_such_list")

"""Storylines: definitions (TOML/JSON load and validation) and the matcher. Never imports telegram."""

from bot.storylines.definitions import (
    DEFAULT_REQUIRE,
    CheckResult,
    StorylineError,
    check_storylines,
    load_storylines,
    parse_storyline,
    storyline_to_dict,
)
from bot.storylines.matcher import Matcher, match_many

__all__ = [
    "DEFAULT_REQUIRE",
    "CheckResult",
    "Matcher",
    "StorylineError",
    "check_storylines",
    "load_storylines",
    "match_many",
    "parse_storyline",
    "storyline_to_dict",
]

"""The storyline file schema as frozen pydantic dataclasses: what a definition may say, nothing else.

Each validator raises a ValueError worded for the person who wrote the file ("is empty; expected
a non-empty string"); `definitions.py` puts the file and the key in front of it. Loading files
and turning a definition into a `Storyline` happen in `definitions.py`, not here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, model_validator
from pydantic.dataclasses import dataclass
from pydantic_core import PydanticCustomError

from bot.validation import FORBID_EXTRA, type_name

KINDS = ("actor", "place", "keyword")

# Used when a file gives no `require`: one "who or where" plus a second, different "who or what".
# A bare list of keywords ("protests", "tear gas") says what happened but not to whom or where, and
# two places alone ("Iran", "Tehran") say where but not what: neither makes an item part of a story.
DEFAULT_REQUIRE: tuple[str, ...] = ("actor|place", "actor|keyword")

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _required_text(value: object) -> str:
    if value is None:  # JSON null reads as an absent key
        raise PydanticCustomError("missing", "Field required")
    return _non_empty(_optional_text(value))


def _optional_text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"must be a string, got {type_name(value)}")
    return value.strip()


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("is empty; expected a non-empty string")
    return value


def _slug_pattern(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"{value!r} is not valid; expected lower-case letters, digits and '-'")
    return value


def _term(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"= {value!r}; expected a non-empty string")
    return value.strip()


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _list_of(what: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if not isinstance(value, list | tuple):
            raise ValueError(f"must be a list of {what}, got {type_name(value)}")
        return value

    return check


def _table(expected: str) -> Callable[[object], object]:
    def check(value: object) -> object:
        if value is not None and not isinstance(value, Mapping):
            raise ValueError(f"must be a table {expected}, got {type_name(value)}")
        return value

    return check


def _iso_date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):  # TOML allows a full timestamp; the window is by day
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"= {value!r} is not a date; expected YYYY-MM-DD")


def _require_list(value: object) -> object:
    if value is None:
        return list(DEFAULT_REQUIRE)
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list | tuple):
        raise ValueError('must be a list like ["actor", "place|keyword"]')
    return value


def _require_entry(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"= {value!r}; expected a string such as 'actor'")
    kinds = [k.strip() for k in value.split("|")]
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise ValueError(
            f"has unknown kind {bad[0]!r}; expected {' | '.join(KINDS)} (alternatives joined by '|')"
        )
    return "|".join(kinds)


RequiredText = Annotated[str, BeforeValidator(_required_text)]
OptionalText = Annotated[str, BeforeValidator(_optional_text)]
Slug = Annotated[RequiredText, AfterValidator(_slug_pattern)]
Term = Annotated[str, BeforeValidator(_term)]
Terms = Annotated[tuple[Term, ...], BeforeValidator(_list_of("strings")), AfterValidator(_unique)]
IsoDate = Annotated[date | None, BeforeValidator(_iso_date)]
RequireEntry = Annotated[str, BeforeValidator(_require_entry)]
Require = Annotated[tuple[RequireEntry, ...], BeforeValidator(_require_list)]


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class WindowDefinition:
    """The dates a storyline covers; either end may be open."""

    start: IsoDate = None
    end: IsoDate = None


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class ActorDefinition:
    """A person or body a storyline follows, with the other names the news uses for them."""

    name: RequiredText
    aliases: Terms = ()
    role: OptionalText = ""


ActorEntry = Annotated[ActorDefinition, BeforeValidator(_table("with name/aliases/role"))]


@dataclass(frozen=True, slots=True, config=FORBID_EXTRA)
class StorylineDefinition:
    """One storyline as a file states it; `definitions.to_storyline` makes the domain value."""

    slug: Slug
    title: RequiredText
    description: OptionalText = ""
    window: Annotated[WindowDefinition | None, BeforeValidator(_table("{start, end}"))] = None
    actors: Annotated[tuple[ActorEntry, ...], BeforeValidator(_list_of("tables"))] = ()
    places: Terms = ()
    keywords: Terms = ()
    require: Require = DEFAULT_REQUIRE

    @model_validator(mode="after")
    def _coherent(self) -> StorylineDefinition:
        """A window that ends before it starts, or a storyline with no terms, can never match."""
        window = self.window or WindowDefinition()
        if window.start and window.end and window.start > window.end:
            raise ValueError(
                f"window.start {window.start} is after window.end {window.end}; "
                "expected start <= end"
            )
        if not (self.actors or self.places or self.keywords):
            raise ValueError("no actors, places or keywords; expected at least one term")
        return self


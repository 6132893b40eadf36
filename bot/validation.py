"""Shared pieces of the pydantic schemas: the strict model config and error-to-wording helpers.

The schemas (settings, storyline definitions) are pydantic dataclasses, so `dataclasses.replace`
and `dataclasses.fields` keep working for their callers; this module only helps them phrase a
`ValidationError` in the project's words (key path, unknown key, "did you mean").
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from collections.abc import Sequence
from typing import Annotated, Any, get_args, get_origin

from pydantic import ConfigDict
from pydantic_core import ErrorDetails

# Every schema refuses keys it does not know: a typo must fail loudly, not be ignored.
FORBID_EXTRA = ConfigDict(extra="forbid")

Loc = tuple[int | str, ...]


def key_path(loc: Loc) -> str:
    """`("feeds", "sources", 0, "url")` → `feeds.sources[0].url`; a key after an index gets ": ".

    The ": " form (`actors[1]: name`) reads as "in this entry of the list, the key ...".
    """
    out = ""
    previous: int | str | None = None
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not out:
            out = part
        else:
            out += (": " if isinstance(previous, int) else ".") + part
        previous = part
    return out


def dotted_path(loc: Loc) -> str:
    """`("feeds", "sources", 0, "url")` → `feeds.sources[0].url` (no ": " after indexes)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out


def field_names(root: type, loc: Loc) -> tuple[str, ...]:
    """The keys the dataclass reached by following `loc` from `root` accepts, in field order."""
    tp: Any = root
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            args = get_args(tp)
            tp = args[0] if args else Any
        elif dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp, include_extras=True)
            tp = hints.get(part, Any)
        else:
            return ()
    tp = _unwrap(tp)
    if not dataclasses.is_dataclass(tp):
        return ()
    return tuple(f.name for f in dataclasses.fields(tp))


def _unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and `X | None` down to X."""
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in get_args(tp) if a is not type(None)]
            if len(rest) != 1:
                return tp
            tp = rest[0]
        else:
            return tp


def did_you_mean(key: str, allowed: Sequence[str]) -> str:
    """` (did you mean 'x'?)` when `key` looks like a misspelling of an allowed key, else ""."""
    close = difflib.get_close_matches(key, allowed, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def type_name(value: object) -> str:
    """The short type name a person sees in an error: str, int, list, NoneType ..."""
    return type(value).__name__


def error_text(error: ErrorDetails) -> str:
    """The wording of a ValueError raised by one of our validators, else pydantic's message."""
    cause = (error.get("ctx") or {}).get("error")
    if error["type"] == "value_error" and cause is not None:
        return str(cause)
    return str(error["msg"])

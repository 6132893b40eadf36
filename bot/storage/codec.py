"""JSON for the frozen models: Storyline, Extraction and Match evidence, to and from, exactly.

Encoding turns dataclasses into dicts, tuples into lists and dates into ISO strings; decoding is
driven by the dataclasses' type hints, so a value comes back equal to the one stored. Unknown keys
are ignored (data written by a newer version still loads); missing keys take the field default.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, TypeVar

from bot.models import Evidence, Extraction, Match, Storyline

T = TypeVar("T")


class CodecError(ValueError):
    """Stored JSON does not fit the model it is decoded into."""


def to_jsonable(value: Any) -> Any:
    """A value made only of dict, list, str, int, float, bool and None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def from_jsonable(tp: type[T], data: Any) -> T:
    """Rebuild a value of type `tp` (a dataclass or a typed container) from `to_jsonable` output."""
    return typing.cast(T, _decode(tp, data, tp.__name__ if isinstance(tp, type) else str(tp)))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if tp is Any:
        return data
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        if not isinstance(data, dict):
            raise CodecError(f"{where}: expected an object, got {type(data).__name__}")
        hints = _hints(tp)
        kwargs = {
            f.name: _decode(hints[f.name], data[f.name], f"{where}.{f.name}")
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        try:
            return tp(**kwargs)
        except TypeError as exc:
            raise CodecError(f"{where}: {exc}") from None
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        if data is None:
            if type(None) in args:
                return None
            raise CodecError(f"{where}: null where {tp} was expected")
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _decode(arg, data, where)
            except CodecError as exc:
                errors.append(str(exc))
        raise CodecError("; ".join(errors))
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise CodecError(f"{where}: expected a list, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v, f"{where}[{i}]") for i, v in enumerate(data))
        if len(args) != len(data):
            raise CodecError(f"{where}: expected {len(args)} items, got {len(data)}")
        return tuple(
            _decode(a, v, f"{where}[{i}]") for i, (a, v) in enumerate(zip(args, data, strict=True))
        )
    if origin is list:
        (arg,) = typing.get_args(tp)
        if not isinstance(data, list):
            raise CodecError(f"{where}: expected a list, got {type(data).__name__}")
        return [_decode(arg, v, f"{where}[{i}]") for i, v in enumerate(data)]
    if tp is datetime:
        if not isinstance(data, str):
            raise CodecError(f"{where}: expected an ISO datetime string, got {data!r}")
        try:
            value = datetime.fromisoformat(data)
        except ValueError:
            raise CodecError(f"{where}: not an ISO datetime: {data!r}") from None
        if value.tzinfo is None:
            raise CodecError(f"{where}: datetime without a time zone: {data!r}")
        return value.astimezone(UTC)
    if tp is date:
        if not isinstance(data, str):
            raise CodecError(f"{where}: expected an ISO date string, got {data!r}")
        try:
            return date.fromisoformat(data)
        except ValueError:
            raise CodecError(f"{where}: not an ISO date: {data!r}") from None
    if tp is float:
        if isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        raise CodecError(f"{where}: expected a number, got {data!r}")
    if tp in (str, int, bool):
        if isinstance(data, tp) and not (tp is int and isinstance(data, bool)):
            return data
        raise CodecError(f"{where}: expected {tp.__name__}, got {data!r}")
    raise CodecError(f"{where}: cannot decode into {tp}")


def dumps(value: Any) -> str:
    """Compact, stable JSON text for a model value."""
    return json.dumps(to_jsonable(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def loads(tp: type[T], text: str | bytes) -> T:
    """The inverse of `dumps` for a value of type `tp`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CodecError(f"{getattr(tp, '__name__', tp)}: not valid JSON: {exc}") from None
    return from_jsonable(tp, data)


# ---------------------------------------------------------------- named helpers


def storyline_to_json(storyline: Storyline) -> dict[str, Any]:
    return typing.cast(dict[str, Any], to_jsonable(storyline))


def storyline_from_json(data: Any) -> Storyline:
    return from_jsonable(Storyline, data)


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    return typing.cast(dict[str, Any], to_jsonable(extraction))


def extraction_from_json(data: Any) -> Extraction:
    return from_jsonable(Extraction, data)


def evidence_to_json(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return typing.cast(list[dict[str, Any]], to_jsonable(evidence))


def evidence_from_json(data: Any) -> tuple[Evidence, ...]:
    return from_jsonable(tuple[Evidence, ...], data)  # type: ignore[arg-type]


def match_explanation(match: Match) -> dict[str, Any]:
    """What the matches table keeps as `explanation`: the readable line and the evidence."""
    kept = {"summary": match.explain(), "evidence": evidence_to_json(match.evidence)}
    if match.feedback:
        kept["feedback"] = match.feedback
    return kept


def match_from_row(article_id: str, slug: str, score: float, explanation: Any) -> Match:
    """A Match rebuilt from a matches row."""
    if not isinstance(explanation, dict):
        raise CodecError(f"match {article_id}/{slug}: explanation must be an object")
    evidence = evidence_from_json(explanation.get("evidence", []))
    feedback = explanation.get("feedback", "")
    if not isinstance(feedback, str):
        raise CodecError(f"match {article_id}/{slug}: feedback must be a string")
    return Match(article_id, slug, float(score), evidence, feedback)

"""The base of every repository: an engine, a clock and dialect-aware INSERT ... ON CONFLICT."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import Clock

T = TypeVar("T")

# Keeps IN (...) lists and multi-row inserts well under every backend's bound-parameter limit.
CHUNK = 500


class Repo:
    """Shared plumbing for repositories. Subclasses add the domain methods."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    def _now(self) -> Any:
        return self._clock()

    def _insert(self, table: Table) -> Any:
        """An INSERT that supports on_conflict_do_nothing / on_conflict_do_update on both backends."""
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        if self._engine.dialect.name == "sqlite":
            return sqlite.insert(table)
        raise NotImplementedError(f"unsupported database dialect {self._engine.dialect.name!r}")


def chunks(items: Sequence[T] | Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    """Split `items` into lists of at most `size`."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch

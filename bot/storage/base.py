"""The base of every repository: an engine, a clock and dialect-aware INSERT ... ON CONFLICT."""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from sqlalchemy import Table, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

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

    @asynccontextmanager
    async def _write(self, lock: str | None = None) -> AsyncIterator[AsyncConnection]:
        """A write transaction that cannot fail half-way for lack of a lock.

        On SQLite it starts with BEGIN IMMEDIATE: a deferred transaction that reads and then
        writes can meet SQLITE_BUSY after another writer commits, which no timeout cures.
        On PostgreSQL, `lock` names an advisory lock held until commit, for writers whose rows
        may clash on several unique keys at once (concurrent upserts there can deadlock).
        """
        async with self._engine.connect() as conn:
            if self._engine.dialect.name == "sqlite":
                await conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            async with conn.begin():
                if lock is not None and self._engine.dialect.name == "postgresql":
                    key = zlib.crc32(lock.encode("utf-8"))
                    await conn.execute(select(func.pg_advisory_xact_lock(key)))
                yield conn

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


CUT_MARK = "…"


def cut_text(value: str, limit: int) -> str:
    """`value` if it has at most `limit` characters, else its start ending in CUT_MARK."""
    if len(value) <= limit:
        return value
    return value[: limit - len(CUT_MARK)].rstrip() + CUT_MARK

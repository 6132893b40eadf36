"""Shared fixtures: `storage`, an open Storage on SQLite and, when configured, on PostgreSQL.

Set ATTACHE_TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test) to run
every test that uses `storage` against PostgreSQL as well. Each PostgreSQL test works in a schema
of its own, created before and dropped after it, so tests are independent, re-runnable and can run
side by side. When the variable is set and the server does not answer, those tests fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.clock import ManualClock
from bot.storage import Storage

TEST_DATABASE_ENV = "ATTACHE_TEST_DATABASE_URL"

# A fixed start keeps stored timestamps reproducible; tests move it with storage_clock.advance().
CLOCK_START = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)


def _backends() -> list[Any]:
    params = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(TEST_DATABASE_ENV):
        params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres))
    return params


@dataclass(frozen=True)
class StorageTarget:
    """Where a test's database lives; `open()` can be called more than once (re-open, migrate)."""

    backend: str
    url: str
    schema: str | None = None

    async def open(self, **kwargs: Any) -> Storage:
        return await Storage.open(self.url, schema=self.schema, **kwargs)


async def _pg_execute(url: str, sql: str) -> None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            await conn.execute(text(sql))
    finally:
        await engine.dispose()


@pytest.fixture(params=_backends())
async def storage_target(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[StorageTarget]:
    """An empty database for one test: a fresh SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield StorageTarget("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'attache-test.db'}")
        return
    url = os.environ[TEST_DATABASE_ENV]
    schema = f"attache_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    try:
        await _pg_execute(url, f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001 - any failure here means the server is unusable
        pytest.fail(
            f"{TEST_DATABASE_ENV} is set but PostgreSQL is not usable: {exc}", pytrace=False
        )
    try:
        yield StorageTarget("postgresql", url, schema)
    finally:
        await _pg_execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def storage_clock() -> ManualClock:
    """The clock the `storage` fixture stamps rows with; starts at CLOCK_START."""
    return ManualClock(CLOCK_START)


@pytest.fixture
async def storage(
    storage_target: StorageTarget, storage_clock: ManualClock
) -> AsyncIterator[Storage]:
    """An open, migrated, empty Storage; closed after the test."""
    opened = await storage_target.open(clock=storage_clock)
    try:
        yield opened
    finally:
        await opened.close()

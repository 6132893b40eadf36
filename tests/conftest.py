"""Shared fixtures: `storage`, an open Storage on SQLite and, when configured, on PostgreSQL.

Set ATTACHE_TEST_DATABASE_URL (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test) to run
every test that uses `storage` against PostgreSQL as well. PostgreSQL tests work in schemas named
after the test process, so test runs can go side by side: `storage` empties every table of its
process's schema before each test; `storage_target` gives a never-migrated schema of its own.
The schemas are dropped at the end. When the variable is set and the server does not answer,
those tests fail.
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
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from bot.clock import ManualClock
from bot.storage import Storage
from bot.storage.schema import metadata

TEST_DATABASE_ENV = "ATTACHE_TEST_DATABASE_URL"
TEST_REDIS_ENV = "ATTACHE_TEST_REDIS_URL"
DEFAULT_TEST_REDIS = "redis://127.0.0.1:6379"

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
def storage_backend(request: pytest.FixtureRequest) -> str:
    """ "sqlite", and also "postgresql" when ATTACHE_TEST_DATABASE_URL is set."""
    return str(request.param)


def _pg_url() -> str:
    return os.environ[TEST_DATABASE_ENV]


async def _pg_new_schema(url: str) -> str:
    schema = f"attache_test_{os.getpid()}_{uuid.uuid4().hex[:10]}"
    try:
        await _pg_execute(url, f'CREATE SCHEMA "{schema}"')
    except Exception as exc:  # noqa: BLE001 - any failure here means the server is unusable
        pytest.fail(
            f"{TEST_DATABASE_ENV} is set but PostgreSQL is not usable: {exc}", pytrace=False
        )
    return schema


@pytest.fixture
async def storage_target(storage_backend: str, tmp_path: Path) -> AsyncIterator[StorageTarget]:
    """A never-migrated, empty database of its own: a fresh SQLite file or PostgreSQL schema."""
    if storage_backend == "sqlite":
        yield StorageTarget("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'attache-test.db'}")
        return
    url = _pg_url()
    schema = await _pg_new_schema(url)
    try:
        yield StorageTarget("postgresql", url, schema)
    finally:
        await _pg_execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


# Migrating a PostgreSQL schema costs far more than emptying one, so `storage` reuses one
# migrated schema per test process and truncates every table before each test.
_shared_pg_schema: dict[str, str] = {}


async def _pg_clean_shared_schema(url: str) -> str:
    schema = _shared_pg_schema.get(url)
    if schema is None:
        schema = _shared_pg_schema[url] = await _pg_new_schema(url)
        return schema
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.begin() as conn:
            names = (
                (
                    await conn.execute(
                        text(
                            "SELECT tablename FROM pg_tables"
                            " WHERE schemaname = :schema AND tablename <> 'alembic_version'"
                        ),
                        {"schema": schema},
                    )
                )
                .scalars()
                .all()
            )
            # Children before parents, so the order works even without ON DELETE CASCADE.
            order = [t.name for t in reversed(metadata.sorted_tables)]
            names = sorted(names, key=lambda n: order.index(n) if n in order else -1)
            # DELETE beats TRUNCATE on tables this small (TRUNCATE swaps files on disk).
            for name in names:
                await conn.execute(text(f'DELETE FROM "{schema}"."{name}"'))
            sequences = (
                (
                    await conn.execute(
                        text("SELECT sequencename FROM pg_sequences WHERE schemaname = :schema"),
                        {"schema": schema},
                    )
                )
                .scalars()
                .all()
            )
            for name in sequences:
                await conn.execute(text(f'ALTER SEQUENCE "{schema}"."{name}" RESTART'))
    finally:
        await engine.dispose()
    return schema


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Drop the shared PostgreSQL schemas this process created."""
    import asyncio

    for url, schema in list(_shared_pg_schema.items()):
        asyncio.run(_pg_execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        del _shared_pg_schema[url]


@pytest.fixture
def storage_clock() -> ManualClock:
    """The clock the `storage` fixture stamps rows with; starts at CLOCK_START."""
    return ManualClock(CLOCK_START)


@pytest.fixture
async def storage(
    storage_backend: str, tmp_path: Path, storage_clock: ManualClock
) -> AsyncIterator[Storage]:
    """An open, migrated Storage with every table empty; closed after the test."""
    if storage_backend == "sqlite":
        target = StorageTarget("sqlite", f"sqlite+aiosqlite:///{tmp_path / 'attache-test.db'}")
    else:
        url = _pg_url()
        target = StorageTarget("postgresql", url, await _pg_clean_shared_schema(url))
    opened = await target.open(clock=storage_clock)
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def redis_url() -> str:
    """A Redis that answers: ATTACHE_TEST_REDIS_URL, or the local default.

    In CI (CI=true) or when the variable is set, a Redis that does not answer fails the test;
    elsewhere the test is skipped with the reason, so a checkout without Redis still tests.
    """
    import asyncio

    url = os.environ.get(TEST_REDIS_ENV) or DEFAULT_TEST_REDIS
    parsed = make_url(url)
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(parsed.host or "127.0.0.1", parsed.port or 6379), 2
        )
        writer.close()
        await writer.wait_closed()
    except (OSError, TimeoutError) as exc:
        reason = f"Redis at {url} does not answer: {exc}"
        if os.environ.get("CI") == "true" or os.environ.get(TEST_REDIS_ENV):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return url

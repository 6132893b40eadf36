"""The suite's own PostgreSQL database: made fresh before a run, dropped after. Never CI's `test`."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

SERVER = os.environ.get("ATTACHE_RELIABILITY_PG", "postgresql://postgres@127.0.0.1:5432")
NAME = "rel_suite"


@asynccontextmanager
async def fresh_database(name: str = NAME) -> AsyncIterator[str]:
    """Yields a SQLAlchemy URL of an empty database `name`; raises if the server is down."""
    admin = await asyncpg.connect(f"{SERVER}/postgres", timeout=10)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    try:
        yield SERVER.replace("postgresql://", "postgresql+asyncpg://", 1) + f"/{name}"
    finally:
        admin = await asyncpg.connect(f"{SERVER}/postgres", timeout=10)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()

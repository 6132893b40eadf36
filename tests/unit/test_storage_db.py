"""Storage.open: migrations create every table, re-opening is harmless, bad URLs fail clearly."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from bot.storage import Storage, StorageError, migrate
from bot.storage.db import normalise_url
from bot.storage.schema import feeds, metadata

ALL_TABLES = {
    "feeds",
    "articles",
    "storylines",
    "matches",
    "extractions",
    "chats",
    "subscriptions",
    "outbox",
}


async def test_open_creates_every_table_at_head_revision(storage: Storage) -> None:
    """A fresh database is migrated to the newest revision with all eight tables."""
    async with storage.engine.connect() as conn:
        names = await conn.run_sync(lambda c: set(inspect(c).get_table_names()))
        revision = await conn.run_sync(migrate.current_revision)
    assert ALL_TABLES <= names
    assert revision == migrate.head_revision() == "0008"


async def test_migrated_schema_matches_the_table_definitions(storage: Storage) -> None:
    """The migration and schema.py describe the same tables, columns and constraints."""

    def diff(sync_conn: object) -> list[object]:
        ctx = MigrationContext.configure(sync_conn, opts={"compare_type": True})  # type: ignore[arg-type]
        return list(compare_metadata(ctx, metadata))

    async with storage.engine.connect() as conn:
        differences = await conn.run_sync(diff)
    assert differences == []


async def test_reopening_is_idempotent_and_keeps_data(storage_target) -> None:  # type: ignore[no-untyped-def]
    """Opening an already migrated database twice more changes nothing and loses nothing."""
    first = await storage_target.open()
    await first.feeds.add("https://example.org/rss", "Example")
    await first.close()
    for _ in range(2):
        again = await storage_target.open()
        try:
            assert [f.url for f in await again.feeds.list()] == ["https://example.org/rss"]
            async with again.engine.connect() as conn:
                assert await conn.run_sync(migrate.current_revision) == migrate.head_revision()
        finally:
            await again.close()


async def test_datetimes_come_back_aware_utc_whatever_zone_went_in(storage: Storage) -> None:
    """A time stored with a +09:00 offset is read back as the same instant, tz-aware, in UTC."""
    seoul = timezone(timedelta(hours=9))
    state = await storage.feeds.add("https://example.org/a")
    when = datetime(2018, 10, 7, 15, 30, 12, 345678, tzinfo=seoul)
    from dataclasses import replace

    await storage.feeds.save(replace(state, next_poll_at=when, last_polled_at=when))
    got = await storage.feeds.get("https://example.org/a")
    assert got is not None
    assert got.next_poll_at == when
    assert got.next_poll_at.tzinfo is not None
    assert got.next_poll_at.utcoffset() == timedelta(0)
    assert got.last_polled_at == datetime(2018, 10, 7, 6, 30, 12, 345678, tzinfo=UTC)
    async with storage.engine.connect() as conn:
        created = (await conn.execute(select(feeds.c.created_at))).scalar_one()
    assert created.tzinfo is not None


async def test_naive_datetime_is_refused_with_a_clear_error(storage: Storage) -> None:
    """Storing a naive datetime raises an error that says so, instead of guessing a zone."""
    with pytest.raises(Exception, match="naive datetime"):
        async with storage.engine.begin() as conn:
            await conn.execute(
                feeds.insert().values(url="u", next_poll_at=datetime(2018, 1, 1))  # noqa: DTZ001
            )


async def test_sqlite_uses_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A file SQLite database runs in WAL mode with foreign keys enforced on every connection."""
    storage = await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    try:
        async with storage.engine.connect() as conn:
            mode = (await conn.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
            fks = (await conn.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
        assert (mode, fks) == ("wal", 1)
    finally:
        await storage.close()


async def test_in_memory_sqlite_keeps_its_tables_and_serialises_writers() -> None:
    """sqlite+aiosqlite:// (in memory) keeps one connection: tables stay, concurrent calls queue."""
    import asyncio

    async with await Storage.open("sqlite+aiosqlite://") as storage:
        urls = [f"https://example.org/{n}.rss" for n in range(20)]
        await asyncio.gather(*(storage.feeds.add(u) for u in urls))
        assert [f.url for f in await storage.feeds.list()] == sorted(urls)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql+aiomysql://u@127.0.0.1/db", "unsupported database"),
        ("sqlite+pysqlite:///x.db", "through sqlite\\+aiosqlite"),
    ],
)
async def test_bad_urls_fail_with_a_clear_message(url: str, message: str) -> None:
    """Unparseable or unsupported URLs raise StorageError naming the problem."""
    with pytest.raises(StorageError, match=message):
        await Storage.open(url)


async def test_missing_sqlite_folder_fails_clearly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A SQLite path in a folder that does not exist is reported, not a bare sqlite3 error."""
    with pytest.raises(StorageError, match="no folder"):
        await Storage.open(f"sqlite+aiosqlite:///{tmp_path / 'missing' / 'x.db'}")


async def test_unreachable_postgresql_raises_storage_error() -> None:
    """A PostgreSQL URL whose server does not answer gives StorageError, not a hang or a crash."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port once the socket is closed.
    with pytest.raises(StorageError, match="cannot open database"):
        await Storage.open(f"postgresql+asyncpg://postgres@127.0.0.1:{port}/test")


def test_plain_driver_names_get_the_async_drivers() -> None:
    """sqlite:// and postgresql:// URLs are mapped to aiosqlite and asyncpg."""
    assert normalise_url("sqlite:///a.db").drivername == "sqlite+aiosqlite"
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+asyncpg"


async def test_every_table_starts_empty_and_ids_start_at_one(storage: Storage) -> None:
    """The `storage` fixture hands each test empty tables, even when earlier tests wrote rows."""
    from sqlalchemy import func

    from bot.storage.schema import outbox

    async with storage.engine.begin() as conn:
        for table in metadata.sorted_tables:
            count = (await conn.execute(select(func.count()).select_from(table))).scalar_one()
            assert (table.name, count) == (table.name, 0)
        new_id = (
            await conn.execute(
                outbox.insert()
                .values(chat_id=1, dedupe_key="k", kind="notice", text="hi")
                .returning(outbox.c.id)
            )
        ).scalar_one()
    assert new_id == 1


async def test_a_database_from_a_newer_version_is_refused_clearly(storage_target) -> None:  # type: ignore[no-untyped-def]
    """A schema revision this code does not know raises StorageError instead of migrating."""
    from sqlalchemy import text

    storage = await storage_target.open()
    async with storage.engine.begin() as conn:
        await conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    await storage.close()
    with pytest.raises(StorageError, match="9999"):
        await storage_target.open()


async def test_chat_and_outbox_repositories_are_attached_once(storage: Storage) -> None:
    """storage.chats and storage.outbox are built on first use and then reused."""
    from bot.storage.chats import ChatRepo
    from bot.storage.outbox import OutboxRepo

    assert isinstance(storage.chats, ChatRepo)
    assert storage.chats is storage.chats
    assert isinstance(storage.outbox, OutboxRepo)
    assert storage.outbox is storage.outbox

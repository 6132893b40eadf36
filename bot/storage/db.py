"""Opening the database: engine set-up per backend, automatic migration, the repositories."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from alembic.util import CommandError
from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool

from bot.clock import Clock, utc_now
from bot.storage import migrate
from bot.storage.articles import ArticleRepo
from bot.storage.errors import StorageError
from bot.storage.extractions import ExtractionRepo
from bot.storage.feedback import FeedbackRepo
from bot.storage.feeds import FeedRepo
from bot.storage.figures import FiguresRepo
from bot.storage.instances import Instances
from bot.storage.matches import MatchRepo
from bot.storage.storylines import StorylineRepo

if TYPE_CHECKING:
    from bot.storage.briefed import BriefedRepo
    from bot.storage.chats import ChatRepo
    from bot.storage.outbox import OutboxRepo

log = logging.getLogger(__name__)

DEFAULT_URL = "sqlite+aiosqlite:///attache.db"

# Any constant works; it only has to be the same for every process migrating this database.
_MIGRATION_LOCK_ID = 0x417474616368
# quick_check reports at most this many problems: enough to say what is wrong in one line.
_QUICK_CHECK_ROWS = 3


def normalise_url(url: str | URL) -> URL:
    """The async-driver URL for `url`; plain sqlite:// and postgresql:// get aiosqlite / asyncpg."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise StorageError(f"not a database URL: {url!r} ({exc})") from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    wanted = {"sqlite": "aiosqlite", "postgresql": "asyncpg"}.get(backend)
    if wanted is None:
        raise StorageError(
            f"unsupported database {parsed.drivername!r} in {parsed.render_as_string()}: "
            "use sqlite+aiosqlite:///FILE or postgresql+asyncpg://USER@HOST/DB"
        )
    if driver and driver != wanted:
        raise StorageError(f"{backend} is supported through {backend}+{wanted}, not +{driver}")
    return parsed.set(drivername=f"{backend}+{wanted}")


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or "mode=memory" in str(url)


def _sqlite_engine(url: URL, echo: bool) -> AsyncEngine:
    if not _is_memory(url) and url.database:
        parent = Path(url.database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StorageError(f"cannot create SQLite database {url.database}: no folder {parent}")
    # An in-memory database lives and dies with its one connection: keep exactly one, and make
    # concurrent users queue for it rather than interleave their transactions on it.
    extra: dict[str, Any] = (
        {"poolclass": AsyncAdaptedQueuePool, "pool_size": 1, "max_overflow": 0}
        if _is_memory(url)
        else {}
    )
    engine = create_async_engine(url, echo=echo, **extra)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if not _is_memory(url):
            # WAL lets readers proceed while one writer commits.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        # "BEGIN IMMEDIATE" takes the write lock up front for transactions that read then write.
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine


def _postgres_engine(url: URL, echo: bool, schema: str | None) -> AsyncEngine:
    connect_args: dict[str, Any] = {}
    if schema:
        connect_args["server_settings"] = {"search_path": schema}
    return create_async_engine(url, echo=echo, pool_pre_ping=True, connect_args=connect_args)


def create_engine_for(
    url: str | URL, *, echo: bool = False, schema: str | None = None
) -> AsyncEngine:
    """An async engine configured for the backend of `url` (not yet connected or migrated)."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if schema:
            raise StorageError("a schema can only be chosen on PostgreSQL")
        return _sqlite_engine(parsed, echo)
    return _postgres_engine(parsed, echo, schema)


async def migrate_engine(engine: AsyncEngine) -> None:
    """Apply every pending migration in one transaction, one process at a time."""
    async with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn = await conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        async with conn.begin():
            if engine.dialect.name == "postgresql":
                await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_ID})"))
            await conn.run_sync(_refuse_newer)
            await conn.run_sync(migrate.upgrade)


def _refuse_newer(connection: Any) -> None:
    """A database migrated by a newer Attaché is left alone, with a message that says so."""
    current = migrate.current_revision(connection)
    if current is not None and current not in migrate.known_revisions():
        raise StorageError(
            f"the database was written by a newer version of Attaché (schema revision "
            f"{current}; this version knows up to {migrate.head_revision()}): upgrade Attaché "
            "or point [database] url at another database"
        )


async def check_sqlite_integrity(engine: AsyncEngine) -> None:
    """SQLite's quick_check at open: a file with damaged pages, or one that is not a database,
    is refused before the engine touches it."""
    if engine.dialect.name != "sqlite" or _is_memory(engine.url) or not engine.url.database:
        return
    problems = await asyncio.to_thread(_quick_check, engine.url.database)
    if problems:
        raise StorageError(
            f"the database is damaged (SQLite quick_check: {'; '.join(problems)}): restore it "
            "from a backup or move it aside to start afresh"
        )


def _quick_check(database: str) -> list[str]:
    """What quick_check finds wrong, read-only, on a connection of its own. It runs before the
    pool connects, so a file SQLite cannot use never leaves a half-opened driver connection."""
    path = Path(database).expanduser()
    if not path.exists():
        return []  # a new database
    if not path.is_file():
        raise StorageError(f"{path} is not a database file (it is a folder or a device)")
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute(f"PRAGMA quick_check({_QUICK_CHECK_ROWS})").fetchall()
    except sqlite3.OperationalError as exc:
        if "unable to open" in str(exc):
            raise StorageError(f"cannot read {path}: {exc}") from None
        return []  # busy or locked: the engine waits for the lock or says why
    except sqlite3.DatabaseError as exc:  # not a database, or damage that stops the check
        rows = [(str(exc),)]
    return [" ".join(str(row[0]).split()) for row in rows if str(row[0]) != "ok"]


def _reason(exc: BaseException) -> str:
    """The driver's own words, without SQLAlchemy's statement echo and background link."""
    orig = getattr(exc, "orig", None)
    text_ = str(orig if orig is not None else exc)
    return " ".join(text_.split())


class Storage:
    """The open database and its repositories. Build it with `await Storage.open(url)`."""

    def __init__(self, engine: AsyncEngine, clock: Clock = utc_now) -> None:
        self.engine = engine
        self.clock = clock
        self.feeds = FeedRepo(engine, clock)
        self.articles = ArticleRepo(engine, clock)
        self.storylines = StorylineRepo(engine, clock)
        self.matches = MatchRepo(engine, clock)
        self.extractions = ExtractionRepo(engine, clock)
        self.instances = Instances(engine, clock)
        self.figures = FiguresRepo(engine, clock)
        self.feedback = FeedbackRepo(engine, clock)
        self._extra: dict[str, Any] = {}

    @classmethod
    async def open(
        cls,
        url: str | URL = DEFAULT_URL,
        *,
        clock: Clock = utc_now,
        echo: bool = False,
        schema: str | None = None,
    ) -> Storage:
        """Connect, create or migrate the schema, and return the repositories.

        `schema` (PostgreSQL only) selects the schema to work in; it must exist already.
        """
        engine = create_engine_for(url, echo=echo, schema=schema)
        where = engine.url.render_as_string(hide_password=True)
        try:
            await check_sqlite_integrity(engine)
            await migrate_engine(engine)
        except StorageError as exc:
            await engine.dispose()
            raise StorageError(f"cannot open database {where}: {exc}") from None
        except (SQLAlchemyError, OSError, CommandError) as exc:
            await engine.dispose()
            raise StorageError(f"cannot open database {where}: {_reason(exc)}") from exc
        except BaseException:
            await engine.dispose()
            raise
        log.debug("database %s ready", engine.url.render_as_string(hide_password=True))
        return cls(engine, clock)

    async def close(self) -> None:
        await self.instances.leave()
        await self.engine.dispose()

    async def __aenter__(self) -> Storage:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    # The chat, outbox and briefed repositories are loaded on first use: commands that never touch
    # Telegram state do not import them.
    @property
    def chats(self) -> ChatRepo:
        return self._repo("chats", "bot.storage.chats", "ChatRepo")  # type: ignore[no-any-return]

    @property
    def outbox(self) -> OutboxRepo:
        return self._repo("outbox", "bot.storage.outbox", "OutboxRepo")  # type: ignore[no-any-return]

    @property
    def briefed(self) -> BriefedRepo:
        return self._repo("briefed", "bot.storage.briefed", "BriefedRepo")  # type: ignore[no-any-return]

    def _repo(self, key: str, module: str, name: str) -> Any:
        if key not in self._extra:
            import importlib

            cls = getattr(importlib.import_module(module), name)
            self._extra[key] = cls(self.engine, self.clock)
        return self._extra[key]

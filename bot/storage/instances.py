"""Which `attache run` processes share this database, and which of them are alive (PostgreSQL).

Each instance registers a row under an id of its own and holds a session-level advisory lock on
that id over a dedicated connection for as long as it runs. When the process dies (even by
SIGKILL) PostgreSQL ends its session and frees the lock at once, so another instance can tell a
dead holder of a lease from a slow one without waiting for the lease to run out. The same
connection holds the "leader" locks (one long-polling instance at a time).

Lock keys are computed by PostgreSQL from the schema and a name, so several databases or schemas
on one server (test runs side by side) never share a lock. On SQLite, a single-process database,
every instance is alone: it leads, and nothing else is ever dead.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.clock import Clock
from bot.storage import schema
from bot.storage.base import Repo, chunks

log = logging.getLogger(__name__)


def lock_key(kind: str, name: sa.ColumnElement[Any] | str) -> sa.ColumnElement[Any]:
    """The advisory-lock key for (`kind`, `name`) in the current schema, as a SQL expression."""
    prefix = sa.func.current_schema() + sa.literal(f":{kind}:", sa.Text)
    return sa.func.hashtextextended(prefix + name, 0)


async def dead_instances(conn: AsyncConnection) -> list[str]:
    """Registered instances whose session is gone (PostgreSQL; [] elsewhere).

    Trying an instance's lock is how a dead one is known: the try succeeds only when no session
    holds it. The transaction-level lock taken by a successful try ends with the caller's
    transaction, and no live instance ever needs it again (ids are never reused).
    """
    if conn.dialect.name != "postgresql":
        return []
    t = schema.instances
    query = sa.select(t.c.id).where(sa.func.pg_try_advisory_xact_lock(lock_key("instance", t.c.id)))
    return list((await conn.execute(query)).scalars())


def holder_gone(holder: sa.ColumnElement[Any], until: sa.ColumnElement[Any], now: Any, dead: Sequence[str]) -> Any:
    """A lease that may be taken over: none, run out, or held by a dead instance."""
    free = [holder.is_(None), until.is_(None), until <= now]
    if dead:
        free.append(holder.in_(list(dead)))
    return sa.or_(*free)


async def take_leases(
    conn: AsyncConnection,
    table: sa.Table,
    key: sa.Column[Any],
    pick: sa.Select[Any],
    values: dict[str, Any],
) -> list[Any]:
    """Set `values` (holder, lease end) on the rows whose `key` `pick` selects, and return the
    rows in pick order. On PostgreSQL the picked rows are locked with SKIP LOCKED, so instances
    picking at the same moment take disjoint rows."""
    if conn.dialect.name == "postgresql":
        pick = pick.with_for_update(skip_locked=True)
    keys = list((await conn.execute(pick)).scalars())
    rows = []
    for batch in chunks(keys):
        await conn.execute(sa.update(table).where(key.in_(batch)).values(**values))
        rows.extend((await conn.execute(sa.select(table).where(key.in_(batch)))).all())
    by_key = {getattr(row, key.name): row for row in rows}
    return [by_key[k] for k in keys]


class Instances(Repo):
    """This process's identity on the database, its liveness lock and its leader locks."""

    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        super().__init__(engine, clock)
        host = socket.gethostname() or "attache"
        self.coordinated = engine.dialect.name == "postgresql"
        # On SQLite the host name is enough: a restarted process takes back its own claims by it.
        self.id = f"{host}:{os.getpid()}:{secrets.token_hex(3)}" if self.coordinated else host
        self._host = host
        self._conn: AsyncConnection | None = None
        self._leading: set[str] = set()
        self.session_pid: int | None = None  # the PostgreSQL backend holding this instance's locks

    @property
    def joined(self) -> bool:
        return self._conn is not None

    async def join(self) -> None:
        """Register this instance and take its liveness lock (PostgreSQL; nothing on SQLite)."""
        if not self.coordinated or self._conn is not None:
            return
        conn = await self._engine.connect()
        try:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(sa.select(sa.func.pg_advisory_lock(lock_key("instance", self.id))))
            row = {"id": self.id, "host": self._host, "pid": os.getpid(), "started_at": self._now()}
            # A rejoin after a lost session finds its row still there.
            await conn.execute(self._insert(schema.instances).values(row).on_conflict_do_nothing())
            self.session_pid = int((await conn.execute(sa.select(sa.func.pg_backend_pid()))).scalar_one())
        except BaseException:
            await _end_session(conn)
            raise
        self._conn = conn
        log.info("instance %s joined the database", self.id)

    async def leave(self) -> None:
        """Unregister and let go of every lock (a clean stop)."""
        conn, self._conn = self._conn, None
        self._leading.clear()
        if conn is None:
            return
        try:
            await conn.execute(sa.delete(schema.instances).where(schema.instances.c.id == self.id))
        except SQLAlchemyError as exc:  # the session is gone anyway: its locks went with it
            log.info("instance %s could not unregister: %s", self.id, exc)
        finally:
            await _end_session(conn)

    async def lead(self, name: str) -> bool:
        """Become the one instance doing `name` (e.g. "polling") if no live instance is; True
        while this instance leads. Always True on SQLite."""
        if not self.coordinated:
            return True
        if name in self._leading:
            return True
        if self._conn is None:
            raise RuntimeError("join() the database before asking to lead")
        query = sa.select(sa.func.pg_try_advisory_lock(lock_key("lead", name)))
        if bool((await self._conn.execute(query)).scalar()):
            self._leading.add(name)
            return True
        return False

    async def still_holding(self) -> bool:
        """False when the dedicated connection (and so every lock on it) has been lost."""
        if not self.coordinated:
            return True
        if self._conn is None:
            return False
        try:
            await self._conn.execute(sa.select(1))
        except (SQLAlchemyError, OSError) as exc:
            log.warning("instance %s lost its database session (%s); its locks are gone", self.id, exc)
            await self._drop_connection()
            return False
        return True

    async def running(self) -> list[str]:
        """The ids of the live registered instances (PostgreSQL), or just this one."""
        if not self.coordinated:
            return [self.id]
        async with self._engine.begin() as conn:
            dead = set(await dead_instances(conn))
            ids = (await conn.execute(sa.select(schema.instances.c.id))).scalars()
            return sorted(i for i in ids if i not in dead)

    async def forget_dead(self) -> int:
        """Unregister dead instances whose claims have all been taken over; how many."""
        if not self.coordinated:
            return 0
        t, outbox, feeds, chats = schema.instances, schema.outbox, schema.feeds, schema.chats
        async with self._engine.begin() as conn:
            dead = await dead_instances(conn)
            if not dead:
                return 0
            holders = sa.union(
                sa.select(outbox.c.claimed_by).where(
                    outbox.c.status == "sending", outbox.c.claimed_by.in_(dead)
                ),
                sa.select(feeds.c.leased_by).where(feeds.c.leased_by.in_(dead)),
                sa.select(chats.c.digest_leased_by).where(chats.c.digest_leased_by.in_(dead)),
            )
            holding = set((await conn.execute(holders)).scalars())
            gone = [i for i in dead if i not in holding]
            if gone:
                await conn.execute(sa.delete(t).where(t.c.id.in_(gone)))
        return len(gone)

    async def _drop_connection(self) -> None:
        conn, self._conn = self._conn, None
        self._leading.clear()
        if conn is not None:
            await _end_session(conn)


async def _end_session(conn: AsyncConnection) -> None:
    """Close the session itself, not just hand the connection back to the pool: a pooled
    session would keep its advisory locks for the next user."""
    try:
        await conn.invalidate()
        await conn.close()
    except (SQLAlchemyError, OSError):
        pass

"""ChatRepo: Telegram chats (timezone, digest times, quiet hours, pause) and their subscriptions.

Only storage: what is due, who follows what. Deciding *when* a digest is due is done by the
caller (`bot.briefings.digest`), which passes the computed `next_digest_at` in.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.storage import schema
from bot.storage.base import Repo, chunks
from bot.storage.instances import dead_instances, holder_gone, take_leases

CHAT_TYPES = ("private", "group", "supergroup", "channel")
MODES = ("instant", "digest", "both")
INSTANT_MODES = ("instant", "both")
DIGEST_MODES = ("digest", "both")


@dataclass(frozen=True, slots=True)
class ChatState:
    chat_id: int
    type: str
    title: str
    timezone: str
    digest_times: tuple[str, ...]
    quiet_start: str | None
    quiet_end: str | None
    paused: bool
    active: bool
    failure_count: int
    last_digest_at: datetime | None
    next_digest_at: datetime | None
    created_at: datetime | None
    show_why: bool = True  # the "🔎 Why" line under each briefing
    silent: bool = False  # briefings and digests arrive without a notification sound
    link_previews: bool = False  # Telegram shows a preview of the source's link
    trip_maps: bool = True  # a trip's briefing is followed by its itinerary map

    @property
    def quiet(self) -> tuple[str, str] | None:
        if self.quiet_start and self.quiet_end:
            return (self.quiet_start, self.quiet_end)
        return None


@dataclass(frozen=True, slots=True)
class Subscription:
    chat_id: int
    slug: str
    mode: str
    thread_id: int | None
    last_digest_at: datetime | None
    created_at: datetime | None


_CHAT_FIELDS = {
    "type",
    "title",
    "timezone",
    "digest_times",
    "quiet_start",
    "quiet_end",
    "paused",
    "active",
    "failure_count",
    "last_digest_at",
    "next_digest_at",
    "show_why",
    "silent",
    "link_previews",
    "trip_maps",
}


class ChatRepo(Repo):
    """Chats and subscriptions over the `chats` and `subscriptions` tables."""

    def __init__(self, engine: Any, clock: Any) -> None:
        super().__init__(engine, clock)
        self._chats = schema.chats
        self._subs = schema.subscriptions

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[Any]:
        """A transaction that reads then writes. On SQLite it takes the write lock up front:
        upgrading a read transaction fails at once with "database is locked" when another
        connection (the poller, the sender) wrote in between."""
        async with self._engine.connect() as conn:
            if self._engine.dialect.name == "sqlite":
                await conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
            async with conn.begin():
                yield conn

    # ------------------------------------------------------------ chats

    async def ensure(
        self,
        chat_id: int,
        type: str = "private",
        title: str = "",
        *,
        timezone: str = "UTC",
        digest_times: Sequence[str] = ("08:00",),
        now: datetime | None = None,
    ) -> ChatState:
        """The chat's state, created with these defaults the first time it is seen.

        A chat seen again is re-activated (it talks to us, so it has not blocked us) and its
        title kept current; its settings are left alone.
        """
        _check_type(type)
        existing = await self.get(chat_id)
        async with self._engine.begin() as conn:
            if existing is None:
                values: dict[str, Any] = {
                    "chat_id": chat_id,
                    "type": type,
                    "title": title[:255],
                    "timezone": timezone,
                    "digest_times": _times_json(digest_times),
                    "quiet_start": None,
                    "quiet_end": None,
                    "paused": False,
                    "active": True,
                    "failure_count": 0,
                }
                values["created_at"] = now or self._now()
                try:
                    await conn.execute(sa.insert(self._chats).values(**values))
                except sa.exc.IntegrityError:
                    pass  # created concurrently by another handler: fine, read it back below
            elif not existing.active or existing.title != title[:255] or existing.type != type:
                await conn.execute(
                    sa.update(self._chats)
                    .where(self._chats.c.chat_id == chat_id)
                    .values(active=True, failure_count=0, title=title[:255], type=type)
                )
        state = await self.get(chat_id)
        assert state is not None
        return state

    async def get(self, chat_id: int) -> ChatState | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(sa.select(self._chats).where(self._chats.c.chat_id == chat_id))
            ).first()
        return _chat(row) if row is not None else None

    async def get_many(self, chat_ids: Iterable[int]) -> dict[int, ChatState]:
        out: dict[int, ChatState] = {}
        async with self._engine.connect() as conn:
            for part in chunks(list(dict.fromkeys(chat_ids))):
                query = sa.select(self._chats).where(self._chats.c.chat_id.in_(part))
                out.update((int(row.chat_id), _chat(row)) for row in await conn.execute(query))
        return out

    async def list(
        self, *, active_only: bool = False, chat_type: str | None = None
    ) -> list[ChatState]:
        query = sa.select(self._chats).order_by(self._chats.c.chat_id)
        if active_only:
            query = query.where(self._chats.c.active == sa.true())
        if chat_type is not None:
            query = query.where(self._chats.c.type == chat_type)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_chat(r) for r in rows]

    async def update(self, chat_id: int, **changes: Any) -> ChatState | None:
        """Change some of a chat's settings; None when the chat is unknown."""
        unknown = set(changes) - _CHAT_FIELDS
        if unknown:
            raise ValueError(f"unknown chat field(s): {', '.join(sorted(unknown))}")
        if "digest_times" in changes:
            changes["digest_times"] = _times_json(changes["digest_times"])
        if "type" in changes:
            _check_type(changes["type"])
        if changes:
            async with self._engine.begin() as conn:
                await conn.execute(
                    sa.update(self._chats).where(self._chats.c.chat_id == chat_id).values(**changes)
                )
        return await self.get(chat_id)

    async def count(self, *, active_only: bool = True) -> int:
        query = sa.select(sa.func.count()).select_from(self._chats)
        if active_only:
            query = query.where(self._chats.c.active == sa.true())
        async with self._engine.connect() as conn:
            return int((await conn.execute(query)).scalar_one())

    async def due_digests(self, now: datetime, limit: int | None = None) -> list[ChatState]:
        """Active, unpaused chats whose next digest time has come."""
        c = self._chats.c
        query = (
            sa.select(self._chats)
            .where(c.active == sa.true(), c.paused == sa.false(), c.next_digest_at.is_not(None))
            .where(c.next_digest_at <= now)
            .order_by(c.next_digest_at, c.chat_id)
        )
        if limit is not None:
            query = query.limit(limit)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_chat(r) for r in rows]

    async def claim_due_digests(
        self, now: datetime, holder: str, lease: timedelta, limit: int | None = None
    ) -> list[ChatState]:
        """The due digests (as due_digests) that no live instance is producing, taken for
        `holder` until `now + lease`: with several instances, each due digest is made by one.

        FOR UPDATE SKIP LOCKED on PostgreSQL; a lease of a dead instance is taken over at once.
        mark_digest() ends the lease.
        """
        if lease <= timedelta(0):
            raise ValueError("a digest lease must be longer than zero")
        c = self._chats.c
        async with self._write() as conn:
            dead = await dead_instances(conn)
            pick = (
                sa.select(c.chat_id)
                .where(c.active == sa.true(), c.paused == sa.false(), c.next_digest_at.is_not(None))
                .where(c.next_digest_at <= now)
                .where(holder_gone(c.digest_leased_by, c.digest_lease_until, now, dead))
                .order_by(c.next_digest_at, c.chat_id)
            )
            if limit is not None:
                pick = pick.limit(limit)
            lease_values = {"digest_leased_by": holder, "digest_lease_until": now + lease}
            rows = await take_leases(conn, self._chats, c.chat_id, pick, lease_values)
        return [_chat(r) for r in rows]

    async def mark_digest(self, chat_id: int, at: datetime, next_at: datetime | None) -> None:
        """Record a digest as produced at `at` for the chat and all its subscriptions."""
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.update(self._chats)
                .where(self._chats.c.chat_id == chat_id)
                .values(
                    last_digest_at=at,
                    next_digest_at=next_at,
                    digest_leased_by=None,
                    digest_lease_until=None,
                )
            )
            await conn.execute(
                sa.update(self._subs)
                .where(self._subs.c.chat_id == chat_id)
                .values(last_digest_at=at)
            )

    async def set_next_digests(self, schedule: Mapping[int, datetime]) -> None:
        """Give each chat in `schedule` its next digest time, in one transaction; a chat that
        has been given one meanwhile (a settings change, another instance) keeps its own."""
        c = self._chats.c
        rows = [{"id": chat_id, "at": at} for chat_id, at in schedule.items()]
        if not rows:
            return
        stmt = (
            sa.update(self._chats)
            .where(c.chat_id == sa.bindparam("id"), c.next_digest_at.is_(None))
            .values(next_digest_at=sa.bindparam("at"))
        )
        async with self._engine.begin() as conn:
            await conn.execute(stmt, rows)

    async def record_failure(self, chat_id: int, deactivate_after: int) -> ChatState | None:
        """One more consecutive delivery failure; the chat turns inactive at the threshold."""
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.update(self._chats)
                .where(self._chats.c.chat_id == chat_id)
                .values(failure_count=self._chats.c.failure_count + 1)
            )
            await conn.execute(
                sa.update(self._chats)
                .where(
                    self._chats.c.chat_id == chat_id,
                    self._chats.c.failure_count >= deactivate_after,
                )
                .values(active=False)
            )
        return await self.get(chat_id)

    async def record_success(self, chat_id: int) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                sa.update(self._chats)
                .where(self._chats.c.chat_id == chat_id, self._chats.c.failure_count != 0)
                .values(failure_count=0)
            )

    async def deactivate(self, chat_id: int) -> None:
        await self.update(chat_id, active=False)

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move the chat, its subscriptions and storylines to the new id."""
        if old_id == new_id:
            return
        old = await self.get(old_id)
        if old is None:
            return
        async with self._write() as conn:
            exists = (
                await conn.execute(sa.select(self._chats.c.chat_id).where(self._chats.c.chat_id == new_id))
            ).first()
            if exists is None:
                await conn.execute(
                    sa.insert(self._chats).values(
                        chat_id=new_id,
                        type="supergroup",
                        title=old.title,
                        timezone=old.timezone,
                        digest_times=_times_json(old.digest_times),
                        quiet_start=old.quiet_start,
                        quiet_end=old.quiet_end,
                        paused=old.paused,
                        show_why=old.show_why,
                        silent=old.silent,
                        link_previews=old.link_previews,
                        trip_maps=old.trip_maps,
                        active=True,
                        failure_count=0,
                        last_digest_at=old.last_digest_at,
                        next_digest_at=old.next_digest_at,
                    )
                )
            taken = {
                r[0]
                for r in (
                    await conn.execute(sa.select(self._subs.c.slug).where(self._subs.c.chat_id == new_id))
                ).all()
            }
            rows = (await conn.execute(sa.select(self._subs).where(self._subs.c.chat_id == old_id))).all()
            for row in rows:
                if row.slug not in taken:
                    await conn.execute(
                        sa.update(self._subs)
                        .where(self._subs.c.chat_id == old_id, self._subs.c.slug == row.slug)
                        .values(chat_id=new_id)
                    )
            await conn.execute(sa.delete(self._subs).where(self._subs.c.chat_id == old_id))
            # the group's own /track storylines stay its own under the new id
            await conn.execute(
                sa.update(schema.storylines)
                .where(schema.storylines.c.owner_chat_id == old_id)
                .values(owner_chat_id=new_id)
            )
            await conn.execute(
                sa.update(self._chats).where(self._chats.c.chat_id == old_id).values(active=False)
            )

    # ------------------------------------------------------------ subscriptions

    async def subscribe(
        self,
        chat_id: int,
        slug: str,
        mode: str = "both",
        thread_id: int | None = None,
        *,
        now: datetime | None = None,
    ) -> bool:
        """Follow a storyline; True when new. Subscribing again keeps the mode, updates the topic."""
        _check_mode(mode)
        async with self._write() as conn:
            row = (
                await conn.execute(
                    sa.select(self._subs.c.thread_id).where(
                        self._subs.c.chat_id == chat_id, self._subs.c.slug == slug
                    )
                )
            ).first()
            if row is not None:
                if row.thread_id != thread_id:
                    await conn.execute(
                        sa.update(self._subs)
                        .where(self._subs.c.chat_id == chat_id, self._subs.c.slug == slug)
                        .values(thread_id=thread_id)
                    )
                return False
            values: dict[str, Any] = {
                "chat_id": chat_id,
                "slug": slug,
                "mode": mode,
                "thread_id": thread_id,
                # no last digest yet: the first digest covers the app's default look-back
                "last_digest_at": None,
            }
            values["created_at"] = now or self._now()
            try:
                async with conn.begin_nested():
                    await conn.execute(sa.insert(self._subs).values(**values))
            except sa.exc.IntegrityError:
                return False
            return True

    async def unsubscribe(self, chat_id: int, slug: str) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.delete(self._subs).where(self._subs.c.chat_id == chat_id, self._subs.c.slug == slug)
            )
        return bool(result.rowcount)

    async def set_mode(self, chat_id: int, slug: str, mode: str) -> bool:
        _check_mode(mode)
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.update(self._subs)
                .where(self._subs.c.chat_id == chat_id, self._subs.c.slug == slug)
                .values(mode=mode)
            )
        return bool(result.rowcount)

    async def subscriptions(self, chat_id: int) -> list[Subscription]:
        query = (
            sa.select(self._subs)
            .where(self._subs.c.chat_id == chat_id)
            .order_by(self._subs.c.slug)
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_sub(r) for r in rows]

    async def subscriptions_of(self, chat_ids: Iterable[int]) -> dict[int, list[Subscription]]:
        out: dict[int, list[Subscription]] = {}
        async with self._engine.connect() as conn:
            for part in chunks(list(dict.fromkeys(chat_ids))):
                query = (
                    sa.select(self._subs)
                    .where(self._subs.c.chat_id.in_(part))
                    .order_by(self._subs.c.chat_id, self._subs.c.slug)
                )
                for row in await conn.execute(query):
                    out.setdefault(int(row.chat_id), []).append(_sub(row))
        return out

    async def subscribers(
        self, slug: str, modes: Iterable[str] = INSTANT_MODES, *, include_paused: bool = False
    ) -> list[Subscription]:
        """Subscriptions to `slug` in these modes, of chats that are active (and not paused,
        unless `include_paused`: a paused chat's briefings are held for its /resume)."""
        modes = tuple(modes)
        for mode in modes:
            _check_mode(mode)
        where = [
            self._subs.c.slug == slug,
            self._subs.c.mode.in_(modes),
            self._chats.c.active == sa.true(),
        ]
        if not include_paused:
            where.append(self._chats.c.paused == sa.false())
        query = (
            sa.select(self._subs)
            .join(self._chats, self._chats.c.chat_id == self._subs.c.chat_id)
            .where(*where)
            .order_by(self._subs.c.chat_id)
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [_sub(r) for r in rows]

    async def subscriber_counts(self) -> dict[str, int]:
        query = sa.select(self._subs.c.slug, sa.func.count()).group_by(self._subs.c.slug)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {slug: int(n) for slug, n in rows}


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"subscription mode must be one of {', '.join(MODES)}, got {mode!r}")


def _check_type(chat_type: str) -> None:
    if chat_type not in CHAT_TYPES:
        raise ValueError(f"chat type must be one of {', '.join(CHAT_TYPES)}, got {chat_type!r}")


def _times_json(times: Sequence[str]) -> Any:
    return sorted(set(times))


def _load_times(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = json.loads(value)
    return tuple(str(t) for t in value)


def _chat(row: Any) -> ChatState:
    return ChatState(
        chat_id=int(row.chat_id),
        type=row.type,
        title=row.title or "",
        timezone=row.timezone or "UTC",
        digest_times=_load_times(row.digest_times),
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        paused=bool(row.paused),
        active=bool(row.active),
        failure_count=int(row.failure_count or 0),
        last_digest_at=row.last_digest_at,
        next_digest_at=row.next_digest_at,
        created_at=row.created_at,
        show_why=bool(row.show_why),
        silent=bool(row.silent),
        link_previews=bool(row.link_previews),
        trip_maps=bool(row.trip_maps),
    )


def _sub(row: Any) -> Subscription:
    return Subscription(
        chat_id=int(row.chat_id),
        slug=row.slug,
        mode=row.mode,
        thread_id=row.thread_id,
        last_digest_at=row.last_digest_at,
        created_at=row.created_at,
    )

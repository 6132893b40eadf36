"""OutboxRepo: the queue of Telegram messages to send, over the `outbox` table.

A row is unique per (chat_id, dedupe_key), so queueing the same briefing for the same chat twice
— from a re-poll, a retry, or a restart — stores it once. Rows move pending → sending (claimed,
with a lease) → sent | failed | dropped; a pending row may be rescheduled (`not_before`).
A briefing for a paused chat is stored "held": never claimed, at most `held_limit` per chat
(the oldest are dropped as HELD_OVERFLOW), and on resume `merge_held` turns them, in one
transaction, into one catch-up message queued as pending ("merged").

While a row is "sending", its `not_before` holds the end of its lease: a process that died
mid-send leaves it "sending", and `recover()` returns it to "pending" once the lease is over.
Within a chat, rows leave in queue order (lowest id first) and one at a time, so the parts of a
split message arrive in order and a chat is never sent two messages at once.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bot.redact import error_text
from bot.storage import schema
from bot.storage.base import Repo
from bot.storage.errors import MessageTooLong
from bot.storage.instances import dead_instances
from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

# A "post" is a briefing for a channel: the same text, sent without feedback buttons. An "edit"
# updates a message sent before (see OutboxRepo.enqueue). A "map" is a photo of a storyline's
# itinerary drawn when it is sent; its text is the storyline's slug (bot.briefings.tripmaps).
KINDS = ("briefing", "post", "digest", "notice", "edit", "map")
STATUSES = ("pending", "sending", "sent", "failed", "dropped", "held", "merged")
# last_error of a held row dropped because the chat's hold was full; once reported, the other.
HELD_OVERFLOW = "held while paused: dropped, the hold was full"
HELD_OVERFLOW_REPORTED = HELD_OVERFLOW + " (reported)"
# What a catch-up is made of: the held rows in order and how many were dropped → its texts.
CatchUp = Callable[[Sequence["OutboxMessage"], int], Sequence[str]]
DEFAULT_LEASE = timedelta(seconds=120)
# Chat ids per IN (...) list: well within SQLite's and asyncpg's bound parameters.
_IN_CHUNK = 500


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    id: int
    chat_id: int
    thread_id: int | None
    dedupe_key: str
    kind: str
    text: str
    status: str
    attempts: int
    not_before: datetime
    last_error: str | None
    telegram_message_id: int | None
    created_at: datetime | None
    sent_at: datetime | None
    silent: bool = False  # sent without a notification sound (the chat's option)
    link_previews: bool = False  # Telegram may show the link's preview (the chat's option)
    edit_of: str | None = None  # an "edit": the dedupe key of the row whose message it updates
    follow_up: str | None = None  # an "edit": what is sent instead once it cannot be edited


@dataclass(frozen=True, slots=True)
class OutboxStats:
    pending: int
    sending: int
    sent: int
    failed: int
    dropped: int
    oldest_pending_at: datetime | None  # when the longest-waiting pending row was queued

    @property
    def depth(self) -> int:
        return self.pending + self.sending


class OutboxRepo(Repo):
    """Queue, claim and settle outgoing messages. Every time comes in as an argument or the clock."""

    def __init__(self, engine: Any, clock: Any) -> None:
        super().__init__(engine, clock)
        self._t = schema.outbox

    # ------------------------------------------------------------ queueing

    async def enqueue(
        self,
        chat_id: int,
        text: str,
        dedupe_key: str,
        kind: str,
        thread_id: int | None = None,
        now: datetime | None = None,
        *,
        not_before: datetime | None = None,
        held_limit: int | None = None,
        silent: bool = False,
        link_previews: bool = False,
        edit_of: str | None = None,
        follow_up: str | None = None,
    ) -> bool:
        """Queue one message; False when (chat_id, dedupe_key) was queued before (exactly once).

        The text is stored as given: a text longer than one Telegram message raises
        MessageTooLong (splitting belongs to rendering, see bot.tgtext.split).
        With `held_limit` the row is held (the chat is paused), and the chat keeps at most
        that many held rows: the oldest beyond it are dropped as HELD_OVERFLOW.
        An "edit" names the row whose message it updates (`edit_of`, same chat) and carries the
        `follow_up` sent when that message can no longer be edited.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown outbox kind {kind!r}; expected one of {', '.join(KINDS)}")
        if not isinstance(chat_id, int) or isinstance(chat_id, bool):
            raise TypeError(f"chat_id must be an int, got {type(chat_id).__name__}")
        if not dedupe_key or len(dedupe_key) > 512:
            raise ValueError("dedupe_key must be 1..512 characters")
        if not text or not text.strip():
            raise ValueError("refusing to queue an empty message")
        if (kind == "edit") != (edit_of is not None and follow_up is not None):
            raise ValueError("an edit, and only an edit, names the message it updates and its follow-up")
        for body in (text, follow_up or ""):
            length = utf16_len(body)
            if length > MAX_MESSAGE_UTF16:
                raise MessageTooLong(chat_id, dedupe_key, length, MAX_MESSAGE_UTF16)
        when = now or self._now()
        row = {
            "chat_id": chat_id,
            "thread_id": thread_id,
            "dedupe_key": dedupe_key,
            "kind": kind,
            "text": text,
            "status": "pending" if held_limit is None else "held",
            "attempts": 0,
            "not_before": not_before or when,
            "created_at": when,
            "silent": silent,
            "link_previews": link_previews,
            "edit_of": edit_of,
            "follow_up": follow_up,
        }
        stmt = self._insert(self._t).values(row).on_conflict_do_nothing(
            index_elements=["chat_id", "dedupe_key"]
        )
        async with self._engine.begin() as conn:
            result = await conn.execute(stmt)
            added = bool(result.rowcount and result.rowcount > 0)
            if added and held_limit is not None:
                await self._trim_held(conn, chat_id, max(held_limit, 1))
        return added

    async def _trim_held(self, conn: Any, chat_id: int, limit: int) -> None:
        """Drop a chat's oldest held rows beyond `limit`, marked so the catch-up can count them."""
        t = self._t
        ids = (
            await conn.execute(
                sa.select(t.c.id)
                .where(t.c.chat_id == chat_id, t.c.status == "held")
                .order_by(t.c.id.desc())
                .offset(limit)
            )
        ).scalars().all()
        if ids:
            await conn.execute(
                sa.update(t).where(t.c.id.in_(list(ids))).values(status="dropped", last_error=HELD_OVERFLOW)
            )

    async def merge_held(
        self,
        chat_id: int,
        compose: CatchUp,
        key: str,
        now: datetime,
        thread_id: int | None = None,
        *,
        silent: bool = False,
        link_previews: bool = False,
    ) -> int:
        """The chat resumed: its held rows become one catch-up (`compose` writes its texts, each
        within one message), queued due now under `key`; the held rows turn "merged". All in one
        transaction, so a crash leaves either the held rows or the catch-up, never neither.
        Returns how many held rows it carries (0 and nothing queued when none were held and
        none dropped)."""
        t = self._t
        async with self._begin_write() as conn:
            rows = [
                _message(r)
                for r in (
                    await conn.execute(
                        sa.select(t).where(t.c.chat_id == chat_id, t.c.status == "held").order_by(t.c.id)
                    )
                ).all()
            ]
            overflow = sa.and_(
                t.c.chat_id == chat_id, t.c.status == "dropped", t.c.last_error == HELD_OVERFLOW
            )
            dropped = int(
                (await conn.execute(sa.select(sa.func.count()).where(overflow))).scalar() or 0
            )
            if not rows and not dropped:
                return 0
            for i, text in enumerate(compose(rows, dropped)):
                length = utf16_len(text)
                if length > MAX_MESSAGE_UTF16:
                    raise MessageTooLong(chat_id, key, length, MAX_MESSAGE_UTF16)
                await conn.execute(
                    self._insert(t)
                    .values(
                        chat_id=chat_id, thread_id=thread_id, dedupe_key=f"{key}:{i}",
                        kind="briefing", text=text, status="pending", attempts=0,
                        not_before=now, created_at=now, silent=silent,
                        link_previews=link_previews,
                    )
                    .on_conflict_do_nothing(index_elements=["chat_id", "dedupe_key"])
                )
            if rows:
                await conn.execute(
                    sa.update(t).where(t.c.id.in_([r.id for r in rows])).values(status="merged")
                )
            await conn.execute(sa.update(t).where(overflow).values(last_error=HELD_OVERFLOW_REPORTED))
        return len(rows)

    async def chats_keyed_since(
        self, prefix: str, since: datetime, chat_ids: Collection[int]
    ) -> set[int]:
        """Which of `chat_ids` had a row queued at `since` or later under a key that starts with
        `prefix` (whatever became of it): "did this chat get a map of this storyline lately"."""
        t = self._t
        ids = sorted(set(chat_ids))
        found: set[int] = set()
        async with self._engine.connect() as conn:
            for start in range(0, len(ids), _IN_CHUNK):
                rows = await conn.execute(
                    sa.select(t.c.chat_id).distinct().where(
                        t.c.chat_id.in_(ids[start:start + _IN_CHUNK]),
                        t.c.dedupe_key.startswith(prefix, autoescape=True),
                        t.c.created_at >= since,
                    )
                )
                found.update(int(chat_id) for chat_id in rows.scalars())
        return found

    async def held_count(self, chat_id: int) -> int:
        """How many briefings wait for the chat's /resume."""
        t = self._t
        async with self._engine.connect() as conn:
            value = (
                await conn.execute(
                    sa.select(sa.func.count()).where(t.c.chat_id == chat_id, t.c.status == "held")
                )
            ).scalar()
        return int(value or 0)

    # ------------------------------------------------------------ claiming

    async def claim(
        self,
        now: datetime,
        limit: int = 50,
        *,
        lease: timedelta = DEFAULT_LEASE,
        claimant: str | None = None,
    ) -> list[OutboxMessage]:
        """Take up to `limit` due messages, at most one per chat (its oldest), and lease them
        to `claimant` (the sender instance; see release_claims).

        A chat whose oldest unsent row is not due yet, or is already being sent, is skipped, so
        per-chat order holds. Safe to call from several processes: a row is claimed once.
        """
        if limit <= 0:
            return []
        t = self._t
        unsent = t.c.status.in_(("pending", "sending"))
        heads = (
            sa.select(sa.func.min(t.c.id).label("head")).where(unsent).group_by(t.c.chat_id)
        ).subquery()
        pick = (
            sa.select(t.c.id)
            .join(heads, t.c.id == heads.c.head)
            .where(t.c.status == "pending", t.c.not_before <= now)
            .order_by(t.c.not_before, t.c.id)
            .limit(limit)
        )
        async with self._begin_write() as conn:
            if self._engine.dialect.name == "postgresql":
                pick = pick.with_for_update(of=t, skip_locked=True)
            ids = [row[0] for row in (await conn.execute(pick)).all()]
            if not ids:
                return []
            await conn.execute(
                sa.update(t)
                .where(t.c.id.in_(ids), t.c.status == "pending")
                .values(status="sending", not_before=now + lease, claimed_by=claimant)
            )
            rows = (await conn.execute(sa.select(t).where(t.c.id.in_(ids)))).all()
        by_id = {row.id: _message(row) for row in rows}
        return [by_id[i] for i in ids if i in by_id and by_id[i].status == "sending"]

    async def recover(self, now: datetime, *, exclude: Collection[int] = ()) -> int:
        """Return rows whose sender died mid-send (lease over, still "sending") to "pending".

        A row claimed by an instance that has died (PostgreSQL knows at once) is returned too.
        Such a row may or may not have reached Telegram; it is re-sent, because it was never
        confirmed (see bot.telegram.delivery for why that window is as small as it can be).
        `exclude` names rows the caller itself still has in flight: never taken back from it.
        """
        t = self._t
        async with self._engine.begin() as conn:
            # On PostgreSQL, rows held by an instance that has died are taken back at once,
            # without waiting for their lease (see bot.storage.instances).
            dead = await dead_instances(conn)
            over = t.c.not_before <= now
            if dead:
                over = sa.or_(over, t.c.claimed_by.in_(dead))
            where = [t.c.status == "sending", over]
            if exclude:
                where.append(t.c.id.not_in(list(exclude)))
            result = await conn.execute(
                sa.update(t).where(*where).values(status="pending", not_before=now)
            )
        return int(result.rowcount or 0)

    async def release_claims(self, claimant: str, now: datetime) -> int:
        """At start-up: rows `claimant` had claimed before it stopped go back to "pending", due
        now, instead of waiting for their lease to run out. Each may have reached Telegram
        just before the stop (the one gap described in bot.telegram.delivery)."""
        t = self._t
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.update(t)
                .where(t.c.status == "sending", t.c.claimed_by == claimant)
                .values(status="pending", not_before=now, claimed_by=None)
            )
        return int(result.rowcount or 0)

    async def next_due_at(self) -> datetime | None:
        """When the earliest pending row becomes due (None when nothing is pending)."""
        t = self._t
        async with self._engine.connect() as conn:
            return (
                await conn.execute(sa.select(sa.func.min(t.c.not_before)).where(t.c.status == "pending"))
            ).scalar()

    # ------------------------------------------------------------ settling

    async def mark_sent(self, id: int, message_id: int | None, now: datetime) -> bool:
        """Telegram accepted the message. False if the row was not being sent (already settled)."""
        return await self._settle(
            id,
            ("sending", "pending"),
            status="sent",
            telegram_message_id=message_id,
            sent_at=now,
            attempts=self._t.c.attempts + 1,
        )

    async def retry(self, id: int, error: str, not_before: datetime) -> bool:
        """A temporary failure: back to pending, due again at `not_before`."""
        return await self._settle(
            id,
            ("sending", "pending"),
            status="pending",
            last_error=error_text(error),
            not_before=not_before,
            attempts=self._t.c.attempts + 1,
        )

    async def release(self, id: int, not_before: datetime) -> bool:
        """Give a claimed row back unsent (not an attempt), due again at `not_before`."""
        return await self._settle(id, ("sending",), status="pending", not_before=not_before)

    async def mark_failed(self, id: int, error: str) -> bool:
        """A permanent failure: the message will not be sent."""
        return await self._settle(
            id,
            ("sending", "pending"),
            status="failed",
            last_error=error_text(error),
            attempts=self._t.c.attempts + 1,
        )

    async def drop(self, id: int, reason: str) -> bool:
        """Give up on a message that should no longer be sent (not a failure of sending)."""
        return await self._settle(id, ("sending", "pending"), status="dropped", last_error=error_text(reason))

    async def drop_chat(self, chat_id: int, reason: str) -> int:
        """Drop every unsent row of a chat (it blocked us or was removed)."""
        t = self._t
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.update(t)
                .where(t.c.chat_id == chat_id, t.c.status.in_(("pending", "sending", "held")))
                .values(status="dropped", last_error=error_text(reason))
            )
        return int(result.rowcount or 0)

    async def drop_inactive_chats(self, reason: str = "chat inactive") -> int:
        """Drop pending rows addressed to chats marked inactive."""
        t, chats = self._t, schema.chats
        inactive = sa.select(chats.c.chat_id).where(chats.c.active.is_(False))
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.update(t)
                .where(t.c.status.in_(("pending", "held")), t.c.chat_id.in_(inactive))
                .values(status="dropped", last_error=reason)
            )
        return int(result.rowcount or 0)

    async def move_chat(self, old_id: int, new_id: int, now: datetime) -> int:
        """A group became a supergroup: its unsent rows go to the new id, due now.

        A row whose key is already queued for the new id is dropped instead (it would be a
        duplicate there). Returns how many rows moved.
        """
        t = self._t
        async with self._begin_write() as conn:
            taken = set(
                (
                    await conn.execute(sa.select(t.c.dedupe_key).where(t.c.chat_id == new_id))
                ).scalars()
            )
            rows = (
                await conn.execute(
                    sa.select(t.c.id, t.c.dedupe_key, t.c.status).where(
                        t.c.chat_id == old_id, t.c.status.in_(("pending", "sending", "held"))
                    )
                )
            ).all()
            moved = [r.id for r in rows if r.dedupe_key not in taken and r.status != "held"]
            held = [r.id for r in rows if r.dedupe_key not in taken and r.status == "held"]
            dupes = [r.id for r in rows if r.dedupe_key in taken]
            if moved:
                await conn.execute(
                    sa.update(t)
                    .where(t.c.id.in_(moved))
                    .values(chat_id=new_id, status="pending", not_before=now)
                )
            if held:  # still held: the chat is still paused under its new id
                await conn.execute(sa.update(t).where(t.c.id.in_(held)).values(chat_id=new_id))
            if dupes:
                await conn.execute(
                    sa.update(t)
                    .where(t.c.id.in_(dupes))
                    .values(status="dropped", last_error=f"already queued for migrated chat {new_id}")
                )
        return len(moved) + len(held)

    # ------------------------------------------------------------ reading

    async def get(self, id: int) -> OutboxMessage | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(sa.select(self._t).where(self._t.c.id == id))).first()
        return _message(row) if row is not None else None

    async def by_key(self, chat_id: int, dedupe_key: str) -> OutboxMessage | None:
        """The chat's row queued under `dedupe_key`, or None."""
        t = self._t
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(sa.select(t).where(t.c.chat_id == chat_id, t.c.dedupe_key == dedupe_key))
            ).first()
        return _message(row) if row is not None else None

    async def for_chat(self, chat_id: int, statuses: Sequence[str] | None = None) -> list[OutboxMessage]:
        """A chat's rows in queue order, optionally only those in `statuses`."""
        t = self._t
        query = sa.select(t).where(t.c.chat_id == chat_id).order_by(t.c.id)
        if statuses:
            query = query.where(t.c.status.in_(tuple(statuses)))
        async with self._engine.connect() as conn:
            return [_message(r) for r in (await conn.execute(query)).all()]

    async def depth(self) -> int:
        """How many messages are waiting to be sent (pending or being sent)."""
        t = self._t
        async with self._engine.connect() as conn:
            value = (
                await conn.execute(
                    sa.select(sa.func.count()).where(t.c.status.in_(("pending", "sending")))
                )
            ).scalar()
        return int(value or 0)

    async def stats(self) -> OutboxStats:
        t = self._t
        async with self._engine.connect() as conn:
            counts = dict(
                (await conn.execute(sa.select(t.c.status, sa.func.count()).group_by(t.c.status))).all()
            )
            oldest = (
                await conn.execute(sa.select(sa.func.min(t.c.created_at)).where(t.c.status == "pending"))
            ).scalar()
        return OutboxStats(
            pending=int(counts.get("pending", 0)),
            sending=int(counts.get("sending", 0)),
            sent=int(counts.get("sent", 0)),
            failed=int(counts.get("failed", 0)),
            dropped=int(counts.get("dropped", 0)),
            oldest_pending_at=oldest,
        )

    # ------------------------------------------------------------ internals

    def _begin_write(self) -> Any:
        """A transaction that takes SQLite's write lock up front (read-then-write safely)."""
        if self._engine.dialect.name == "sqlite":
            return _SqliteImmediate(self._engine)
        return self._engine.begin()

    async def _settle(self, id: int, from_statuses: tuple[str, ...], **values: Any) -> bool:
        t = self._t
        async with self._engine.begin() as conn:
            result = await conn.execute(
                sa.update(t).where(t.c.id == id, t.c.status.in_(from_statuses)).values(**values)
            )
        return bool(result.rowcount)


class _SqliteImmediate:
    """`async with` a connection in a BEGIN IMMEDIATE transaction (SQLite only)."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._conn: Any = None
        self._tx: Any = None

    async def __aenter__(self) -> Any:
        self._conn = await self._engine.connect()
        conn = await self._conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._tx = conn.begin()
        await self._tx.__aenter__()
        return conn

    async def __aexit__(self, *exc: Any) -> None:
        try:
            await self._tx.__aexit__(*exc)
        finally:
            await self._conn.close()


def _message(row: Any) -> OutboxMessage:
    return OutboxMessage(
        id=int(row.id),
        chat_id=int(row.chat_id),
        thread_id=int(row.thread_id) if row.thread_id is not None else None,
        dedupe_key=row.dedupe_key,
        kind=row.kind,
        text=row.text,
        status=row.status,
        attempts=int(row.attempts),
        not_before=row.not_before,
        last_error=row.last_error,
        telegram_message_id=(
            int(row.telegram_message_id) if row.telegram_message_id is not None else None
        ),
        created_at=row.created_at,
        sent_at=row.sent_at,
        silent=bool(row.silent),
        link_previews=bool(row.link_previews),
        edit_of=row.edit_of,
        follow_up=row.follow_up,
    )

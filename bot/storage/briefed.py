"""BriefedRepo: which of a chat's briefing messages carries which events (the `briefed_events` table)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from bot.events.briefed import Briefed, Told
from bot.storage import schema
from bot.storage.base import Repo, chunks
from bot.storage.codec import from_jsonable, to_jsonable


class BriefedRepo(Repo):
    """A briefing message is recorded once per (chat, outbox key); it gains reports as more
    outlets tell its events, each article's once."""

    async def recent(
        self, slug: str, chat_ids: Iterable[int], since: datetime
    ) -> dict[int, list[Briefed]]:
        """The messages of these chats for `slug` recorded at or after `since`, by chat, oldest
        first."""
        t = schema.briefed_events
        out: dict[int, list[Briefed]] = {}
        async with self._engine.connect() as conn:
            for part in chunks(list(dict.fromkeys(chat_ids))):
                rows = await conn.execute(
                    sa.select(t)
                    .where(t.c.slug == slug, t.c.created_at >= since, t.c.chat_id.in_(part))
                    .order_by(t.c.id)
                )
                for row in rows:
                    out.setdefault(int(row.chat_id), []).append(_briefed(row))
        return out

    async def add_many(
        self, messages: Sequence[Briefed], now: datetime, *, forget_before: datetime | None = None
    ) -> None:
        """Record new briefing messages (their ids are assigned here); one recorded before under
        the same (chat, outbox key) is left as it is. Records of their storylines made before
        `forget_before` go at the same time: no later report can update those briefings."""
        if not messages:
            return
        t = schema.briefed_events
        async with self._write() as conn:
            if forget_before is not None:
                slugs = sorted({m.slug for m in messages})
                await conn.execute(
                    sa.delete(t).where(t.c.slug.in_(slugs), t.c.created_at < forget_before)
                )
            for part in chunks(list(messages)):
                stmt = self._insert(t).values([
                    {
                        "chat_id": m.chat_id, "slug": m.slug, "article_id": m.article_id,
                        "outbox_key": m.outbox_key, "pieces": m.pieces,
                        "reports": to_jsonable(m.reports), "created_at": now, "updated_at": now,
                    }
                    for m in part
                ])
                await conn.execute(stmt.on_conflict_do_nothing(index_elements=["chat_id", "outbox_key"]))

    async def carry(self, message_id: int, reports: Sequence[Told], now: datetime) -> Briefed | None:
        """The message with `reports` added (those of an article it carries already are not);
        None when it is not recorded."""
        t = schema.briefed_events
        async with self._write() as conn:
            row = (await conn.execute(sa.select(t).where(t.c.id == message_id))).first()
            if row is None:
                return None
            current = _briefed(row)
            added = tuple(r for r in reports if r.article_id not in current.articles)
            if not added:
                return current
            carried = current.reports + added
            await conn.execute(
                sa.update(t)
                .where(t.c.id == message_id)
                .values(reports=to_jsonable(carried), updated_at=now)
            )
        return Briefed(
            current.id, current.chat_id, current.slug, current.article_id, current.outbox_key,
            current.pieces, carried,
        )


def _briefed(row: Any) -> Briefed:
    return Briefed(
        id=int(row.id),
        chat_id=int(row.chat_id),
        slug=row.slug,
        article_id=row.article_id,
        outbox_key=row.outbox_key,
        pieces=int(row.pieces),
        reports=from_jsonable(tuple[Told, ...], row.reports),
    )

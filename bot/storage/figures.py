"""The bot's durable figures in one read: what /status, `attache status`, /healthz and /metrics show.

Everything here is counted from the tables, so every instance on one database (and the same
instance after a restart) reports the same figures.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, true

from bot.ops.figures import FailingFeed, Figures
from bot.storage.base import Repo
from bot.storage.schema import articles, chats, extractions, feeds, matches, outbox, storylines
from bot.storage.types import require_aware

# Enough failing feeds to act on; the full list is `attache feeds list`.
FAILING_FEEDS_SHOWN = 5


class FiguresRepo(Repo):
    """Read-only counts over every table, on one connection."""

    async def read(self, since: datetime, now: datetime) -> Figures:
        """The figures now; `items_since` counts articles fetched at or after `since`."""
        require_aware(since, "since")
        require_aware(now, "now")
        async with self._engine.connect() as conn:

            async def scalar(stmt: Any) -> Any:
                return (await conn.execute(stmt)).scalar()

            async def count(table: Any, *where: Any) -> int:
                return int(await scalar(select(func.count()).select_from(table).where(*where)) or 0)

            by_state = (
                await conn.execute(select(feeds.c.state, func.count()).group_by(feeds.c.state))
            ).all()
            failing = (
                await conn.execute(
                    select(feeds.c.url, feeds.c.title, feeds.c.state, feeds.c.error_count, feeds.c.last_error)
                    .where(feeds.c.state != "active", feeds.c.last_error.is_not(None))
                    .order_by(feeds.c.error_count.desc(), feeds.c.url)
                    .limit(FAILING_FEEDS_SHOWN)
                )
            ).all()
            by_status = (
                await conn.execute(select(outbox.c.status, func.count()).group_by(outbox.c.status))
            ).all()
            return Figures(
                feeds_by_state={str(s): int(n) for s, n in by_state},
                last_poll_at=await scalar(select(func.max(feeds.c.last_polled_at))),
                failing_feeds=tuple(FailingFeed(*row) for row in failing),
                storylines=await count(storylines),
                chats_active=await count(chats, chats.c.active == true()),
                items=await count(articles),
                items_since=await count(articles, articles.c.fetched_at >= since),
                matches=await count(matches),
                extractions=await count(extractions),
                outbox_by_status={str(s): int(n) for s, n in by_status},
                oldest_due_at=await scalar(
                    select(func.min(outbox.c.not_before)).where(
                        outbox.c.status == "pending", outbox.c.not_before <= now
                    )
                ),
            )

"""The bot's durable figures in one read: what /status, `attache status`, /healthz and /metrics show.

Everything here is counted from the tables, so every instance on one database (and the same
instance after a restart) reports the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, true

from bot.storage.base import Repo
from bot.storage.schema import articles, chats, extractions, feeds, matches, outbox, storylines
from bot.storage.types import require_aware

# Enough failing feeds to act on; the full list is `attache feeds list`.
FAILING_FEEDS_SHOWN = 5


@dataclass(frozen=True, slots=True)
class FailingFeed:
    """A feed that is backing off or disabled, with the error that put it there."""

    url: str
    title: str
    state: str
    error_count: int
    last_error: str


@dataclass(frozen=True, slots=True)
class Figures:
    """Counts and timestamps read from the database at one moment (datetimes aware UTC)."""

    feeds_by_state: Mapping[str, int]
    last_poll_at: datetime | None  # the latest poll of any feed, by any instance
    failing_feeds: tuple[FailingFeed, ...]  # the worst few, most failures first
    storylines: int
    chats_active: int
    items: int  # articles stored
    items_since: int  # articles fetched since the `since` given to `read`
    matches: int
    extractions: int
    outbox_by_status: Mapping[str, int]
    oldest_due_at: datetime | None  # when the longest-overdue pending message became due

    @property
    def feeds(self) -> int:
        return sum(self.feeds_by_state.values())

    @property
    def feeds_pollable(self) -> int:
        """Feeds the bot still polls (active or backing off; not disabled)."""
        return sum(n for state, n in self.feeds_by_state.items() if state != "disabled")

    @property
    def outbox_depth(self) -> int:
        """Messages waiting to be sent: pending or being sent."""
        return self.outbox_by_status.get("pending", 0) + self.outbox_by_status.get("sending", 0)


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

"""The bot's durable figures as plain data: what the status view, /healthz and /metrics read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


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
        """Every feed, whatever its state."""
        return sum(self.feeds_by_state.values())

    @property
    def feeds_pollable(self) -> int:
        """Feeds the bot still polls (active or backing off; not disabled)."""
        return sum(n for state, n in self.feeds_by_state.items() if state != "disabled")

    @property
    def outbox_depth(self) -> int:
        """Messages waiting to be sent: pending or being sent."""
        return self.outbox_by_status.get("pending", 0) + self.outbox_by_status.get("sending", 0)

"""Is the bot healthy? A pure verdict over the database figures (or the error reading them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.ops.figures import Figures
from bot.redact import redact


@dataclass(frozen=True, slots=True)
class Health:
    """The verdict and what it rests on; `as_json()` is the /healthz body."""

    healthy: bool
    reasons: tuple[str, ...]
    database: str  # "ok" or why it could not be read
    last_poll_at: datetime | None
    last_poll_age_s: float | None
    outbox_depth: int | None
    feeds_pollable: int | None

    def as_json(self) -> dict[str, Any]:
        """The /healthz body: plain JSON types, times as ISO 8601."""
        return {
            "status": "ok" if self.healthy else "unhealthy",
            "reasons": list(self.reasons),
            "database": self.database,
            "last_poll_at": self.last_poll_at.isoformat() if self.last_poll_at else None,
            "last_poll_age_s": None if self.last_poll_age_s is None else round(self.last_poll_age_s, 3),
            "outbox_depth": self.outbox_depth,
            "feeds_pollable": self.feeds_pollable,
        }


def assess(
    figures: Figures | None,
    now: datetime,
    *,
    stale_poll_s: float,
    started_at: datetime,
    database_error: str | None = None,
) -> Health:
    """Unhealthy when the database cannot be read, or when feeds are due to be polled and no
    poll has happened for `stale_poll_s` seconds. Before the first poll ever, the wait counts
    from `started_at` (this process's start), so a fresh start is not reported stale at once.
    """
    if figures is None:
        why = redact(database_error or "no figures")
        return Health(False, (f"database unreachable: {why}",), why, None, None, None, None)
    age = None if figures.last_poll_at is None else (now - figures.last_poll_at).total_seconds()
    reasons: list[str] = []
    if figures.feeds_pollable:
        waited = age if age is not None else (now - started_at).total_seconds()
        if waited > stale_poll_s:
            last = "no poll yet" if age is None else f"last poll {age:.0f} s ago"
            reasons.append(f"polling stalled: {last}, more than {stale_poll_s:g} s")
    return Health(
        healthy=not reasons,
        reasons=tuple(reasons),
        database="ok",
        last_poll_at=figures.last_poll_at,
        last_poll_age_s=age,
        outbox_depth=figures.outbox_depth,
        feeds_pollable=figures.feeds_pollable,
    )

"""The status view /status and `attache status` both show: pure lines over the database figures."""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from bot.ops.figures import Figures
from bot.redact import redact

# "New items" in the status counts what was fetched within this window.
RECENT = timedelta(hours=24)
FEED_STATE_ORDER = ("active", "backoff", "disabled")
ERROR_CHARS_SHOWN = 100


def span(seconds: int) -> str:
    """A duration for a person: 45s, 12 min, 5 h, 3 d."""
    if seconds < 90:
        return f"{seconds}s"
    if seconds < 5400:
        return f"{seconds // 60} min"
    if seconds < 172800:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def ago(then: datetime | None, now: datetime) -> str:
    """`then` relative to `now`: "never", "3 min ago" or "in 2 h"."""
    if then is None:
        return "never"
    seconds = int((now - then).total_seconds())
    if seconds < 0:
        return f"in {span(-seconds)}"
    return f"{span(seconds)} ago"


def stamp(when: datetime) -> str:
    """An absolute time as the status shows it, in UTC."""
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def status_lines(figures: Figures, now: datetime) -> list[str]:
    """The status as plain lines (no markup), the title first."""
    f = figures
    states = sorted(f.feeds_by_state, key=lambda s: (FEED_STATE_ORDER + (s,)).index(s))
    feed_line = ", ".join(f"{f.feeds_by_state[s]} {s}" for s in states) or "none"
    last_poll = ago(f.last_poll_at, now)
    if f.last_poll_at is not None:
        last_poll += f" ({stamp(f.last_poll_at)})"
    box = f.outbox_by_status
    waiting = f"{f.outbox_depth} waiting"
    if f.oldest_due_at is not None:
        waiting += f" (oldest due {ago(f.oldest_due_at, now)})"
    lines = [
        "Status",
        f"Feeds: {feed_line}",
        f"Last poll: {last_poll}",
        f"Items: {f.items} stored, {f.items_since} new in the last {span(int(RECENT.total_seconds()))}",
        f"Matches: {f.matches}; extractions cached: {f.extractions}",
        f"Storylines: {f.storylines}",
        f"Chats: {f.chats_active} active",
        f"Outbox: {waiting}; {box.get('sent', 0)} sent, {box.get('failed', 0)} failed, "
        f"{box.get('dropped', 0)} dropped",
    ]
    for feed in f.failing_feeds:
        error = " ".join(feed.last_error.split())[:ERROR_CHARS_SHOWN]
        lines.append(
            f"⚠️ {feed.title or feed.url} ({feed.state}, {feed.error_count} failure{'' if feed.error_count == 1 else 's'}): {error}"
        )
    return [redact(line) for line in lines]  # an error text can quote a URL with a secret


def render_status(figures: Figures, now: datetime, fmt: str = "text") -> str:
    """The status as terminal text or Telegram HTML (the title in bold, everything escaped)."""
    title, *rest = status_lines(figures, now)
    if fmt == "text":
        return "\n".join([title, *rest])
    if fmt == "html":
        return "\n".join([f"<b>{title}</b>", *(html.escape(line, quote=False) for line in rest)])
    raise ValueError(f"status format must be 'text' or 'html', got {fmt!r}")


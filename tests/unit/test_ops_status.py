"""The durable figures (one database read) and the status view /status and `attache status` share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.ops.figures import Figures
from bot.ops.status import ago, render_status, status_lines
from bot.services.status import StatusService
from bot.storage import Storage
from tests.opsfigures import FEED_DEAD, FEED_FLAKY, TOKEN, fill


async def test_figures_count_every_table_in_one_read(storage: Storage, storage_clock: ManualClock):
    """Feeds by state, the latest poll of any feed, items (all and recent), matches,
    extractions, active chats and outbox rows by status are what was stored; the oldest due
    message ignores a row held for later."""
    now = storage_clock()
    await fill(storage, now)
    f = await StatusService(storage, storage_clock).figures(now)
    assert dict(f.feeds_by_state) == {"active": 1, "backoff": 1, "disabled": 1}
    assert f.feeds == 3
    assert f.feeds_pollable == 2
    assert f.last_poll_at == now - timedelta(minutes=5)
    assert f.items == 3
    assert f.items_since == 2
    assert (f.matches, f.extractions, f.chats_active) == (2, 1, 2)
    assert dict(f.outbox_by_status) == {"sent": 1, "failed": 1, "dropped": 1, "pending": 2}
    assert f.outbox_depth == 2
    assert f.oldest_due_at == now - timedelta(minutes=3)
    # the worst feed first; the active feed is not failing
    assert [(x.url, x.state, x.error_count) for x in f.failing_feeds] == [
        (FEED_DEAD, "disabled", 10),
        (FEED_FLAKY, "backoff", 2),
    ]


async def test_figures_of_an_empty_database_are_zero(storage: Storage, storage_clock: ManualClock):
    """No rows: zero counts, no last poll, no oldest due message."""
    f = await StatusService(storage, storage_clock).figures()
    assert f.feeds == 0
    assert f.last_poll_at is None
    assert f.oldest_due_at is None
    assert (f.items, f.matches, f.outbox_depth, f.storylines) == (0, 0, 0, 0)


async def test_figures_refuse_a_naive_time(storage: Storage):
    """A naive datetime is a caller's bug: refused with the argument's name."""
    with pytest.raises(ValueError, match="now must be an aware datetime"):
        await storage.figures.read(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1))  # noqa: DTZ001


NOW = datetime(2026, 12, 6, 16, 30, tzinfo=UTC)


def figures(**changes: object) -> Figures:
    base: dict[str, object] = {
        "feeds_by_state": {"disabled": 1, "active": 4},
        "last_poll_at": NOW - timedelta(minutes=4),
        "failing_feeds": (),
        "storylines": 3,
        "chats_active": 7,
        "items": 120,
        "items_since": 14,
        "matches": 33,
        "extractions": 12,
        "outbox_by_status": {"pending": 2, "sent": 340, "failed": 1},
        "oldest_due_at": NOW - timedelta(seconds=75),
    }
    base.update(changes)
    return Figures(**base)  # type: ignore[arg-type]


def test_status_lines_say_each_figure_once_in_a_fixed_order():
    """Feed states in the order active, backoff, disabled; the last poll relative and absolute;
    the outbox with its oldest due message."""
    assert status_lines(figures(), NOW) == [
        "Status",
        "Feeds: 4 active, 1 disabled",
        "Last poll: 4 min ago (2026-12-06 16:26:00 UTC)",
        "Items: 120 stored, 14 new in the last 24 h",
        "Matches: 33; extractions cached: 12",
        "Storylines: 3",
        "Chats: 7 active",
        "Outbox: 2 waiting (oldest due 75s ago); 340 sent, 1 failed, 0 dropped",
    ]


def test_status_before_any_poll_says_never():
    """No feed polled yet, nothing waiting: "never", "none" and no oldest-due note."""
    text = render_status(
        figures(feeds_by_state={}, last_poll_at=None, oldest_due_at=None, outbox_by_status={}),
        NOW,
    )
    assert "Feeds: none" in text
    assert "Last poll: never" in text
    assert "Outbox: 0 waiting; 0 sent" in text


async def test_html_status_escapes_titles_and_hides_tokens(storage: Storage, storage_clock: ManualClock):
    """The Telegram rendering bolds the title and escapes a feed's markup; an error that quotes
    a token shows "[token]" in both renderings."""
    now = storage_clock()
    await fill(storage, now)
    f = await StatusService(storage, storage_clock).figures(now)
    html = render_status(f, now, "html")
    text = render_status(f, now, "text")
    assert html.startswith("<b>Status</b>\n")
    assert TOKEN not in html
    assert TOKEN not in text
    assert "[token]" in text
    assert f"⚠️ {FEED_DEAD} (disabled, 10 failures): HTTP 404 at" in text
    # the same lines, only escaped for HTML
    assert html.split("\n")[1:] == [line.replace("<", "&lt;").replace(">", "&gt;") for line in text.split("\n")[1:]]


def test_render_status_refuses_an_unknown_format():
    """A format other than text or html is a clear error."""
    with pytest.raises(ValueError, match="'text' or 'html'"):
        render_status(figures(), NOW, "markdown")


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(None, "never"), (5, "5s ago"), (600, "10 min ago"), (7200, "2 h ago"), (3 * 86400, "3 d ago"),
     (-120, "in 2 min")],
)
def test_ago_reads_like_a_person_would_say_it(seconds, said):
    """Durations pick the unit a person would use; a future time reads "in ..."."""
    then = None if seconds is None else NOW - timedelta(seconds=seconds)
    assert ago(then, NOW) == said

"""FeedRepo: idempotent add, polling schedule (due), save/enable/remove, validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.clock import ManualClock
from bot.storage import FeedState, Storage

URL_A = "https://news.example.org/world.rss"
URL_B = "https://wire.example.com/asia.atom"
URL_C = "file:seeds/feeds/local.xml"


async def test_add_registers_a_feed_due_now(storage: Storage, storage_clock: ManualClock) -> None:
    """A new feed is active, has no validators or errors, and is due at the current time."""
    state = await storage.feeds.add(URL_A, "World news")
    assert state == FeedState(
        url=URL_A,
        title="World news",
        etag=None,
        last_modified=None,
        next_poll_at=storage_clock(),
        last_polled_at=None,
        error_count=0,
        state="active",
        last_error=None,
        created_at=storage_clock(),
    )
    assert await storage.feeds.get(URL_A) == state


async def test_add_twice_changes_nothing(storage: Storage, storage_clock: ManualClock) -> None:
    """Adding a known feed returns the stored state untouched, even later with another title."""
    first = await storage.feeds.add(URL_A, "World news")
    await storage.feeds.save(replace(first, etag='"v1"', error_count=2, state="backoff"))
    storage_clock.advance(hours=1)
    again = await storage.feeds.add(URL_A, "Another title")
    assert again == replace(first, etag='"v1"', error_count=2, state="backoff")
    assert len(await storage.feeds.list()) == 1


async def test_add_fills_in_a_missing_title(storage: Storage) -> None:
    """A feed first added without a title takes the title given when it is added again."""
    await storage.feeds.add(URL_A)
    state = await storage.feeds.add(URL_A, "World news")
    assert state.title == "World news"


@pytest.mark.parametrize("bad", ["", "   ", None, 42])
async def test_add_rejects_an_empty_or_non_string_url(storage: Storage, bad: object) -> None:
    """A missing url is a ValueError naming the problem."""
    with pytest.raises(ValueError, match="non-empty"):
        await storage.feeds.add(bad)  # type: ignore[arg-type]


async def test_due_returns_active_and_backoff_feeds_whose_time_has_come(
    storage: Storage, storage_clock: ManualClock
) -> None:
    """due(now) lists active/backoff feeds with next_poll_at <= now, most overdue first."""
    now = storage_clock()
    a = await storage.feeds.add(URL_A)
    b = await storage.feeds.add(URL_B)
    c = await storage.feeds.add(URL_C)
    await storage.feeds.save(replace(a, next_poll_at=now - timedelta(minutes=5)))
    await storage.feeds.save(replace(b, state="backoff", next_poll_at=now - timedelta(minutes=30)))
    await storage.feeds.save(replace(c, state="disabled", next_poll_at=now - timedelta(hours=9)))
    assert [f.url for f in await storage.feeds.due(now)] == [URL_B, URL_A]
    assert [f.url for f in await storage.feeds.due(now, limit=1)] == [URL_B]
    assert await storage.feeds.due(now - timedelta(hours=1)) == []


async def test_due_includes_a_feed_due_exactly_now(
    storage: Storage, storage_clock: ManualClock
) -> None:
    """The boundary next_poll_at == now counts as due; one microsecond earlier does not."""
    await storage.feeds.add(URL_A)
    assert [f.url for f in await storage.feeds.due(storage_clock())] == [URL_A]
    assert await storage.feeds.due(storage_clock() - timedelta(microseconds=1)) == []


async def test_save_persists_every_field(storage: Storage, storage_clock: ManualClock) -> None:
    """save() stores validators, schedule, error count, state and last error as given."""
    state = await storage.feeds.add(URL_A)
    later = storage_clock.advance(minutes=15)
    updated = replace(
        state,
        title="Renamed",
        etag='W/"abc"',
        last_modified="Sat, 06 Oct 2018 10:00:00 GMT",
        next_poll_at=later + timedelta(minutes=20),
        last_polled_at=later,
        error_count=3,
        state="backoff",
        last_error="HTTP 503",
    )
    await storage.feeds.save(updated)
    assert await storage.feeds.get(URL_A) == updated


async def test_save_inserts_an_unknown_feed(storage: Storage, storage_clock: ManualClock) -> None:
    """save() of a feed not yet stored creates it."""
    now = storage_clock()
    state = FeedState(URL_B, "", None, None, now, None, 0, "active", None, now)
    await storage.feeds.save(state)
    assert await storage.feeds.list() == [state]


def test_feed_state_rejects_unknown_states_and_naive_times(storage_clock: ManualClock) -> None:
    """FeedState validates its state name and refuses naive datetimes."""
    now = storage_clock()
    with pytest.raises(ValueError, match="state must be one of"):
        FeedState(URL_A, "", None, None, now, None, 0, "paused", None, now)
    with pytest.raises(ValueError, match="aware"):
        FeedState(URL_A, "", None, None, now.replace(tzinfo=None), None, 0, "active", None, now)


async def test_enable_brings_a_disabled_feed_back(
    storage: Storage, storage_clock: ManualClock
) -> None:
    """enable() makes a disabled feed active, clears its errors and schedules it now."""
    state = await storage.feeds.add(URL_A)
    await storage.feeds.save(
        replace(state, state="disabled", error_count=10, last_error="DNS failure")
    )
    now = storage_clock.advance(days=2)
    enabled = await storage.feeds.enable(URL_A)
    assert enabled is not None
    assert (enabled.state, enabled.error_count, enabled.last_error) == ("active", 0, None)
    assert enabled.next_poll_at == now
    assert await storage.feeds.enable("https://unknown.example/rss") is None


async def test_remove_reports_whether_the_feed_existed(storage: Storage) -> None:
    """remove() deletes a feed and says True; removing it again says False."""
    await storage.feeds.add(URL_A)
    await storage.feeds.add(URL_B)
    assert await storage.feeds.remove(URL_A) is True
    assert await storage.feeds.remove(URL_A) is False
    assert [f.url for f in await storage.feeds.list()] == [URL_B]
    assert await storage.feeds.get(URL_A) is None


async def test_list_is_sorted_by_url(storage: Storage) -> None:
    """list() returns every feed in url order, whatever the order they were added in."""
    for url in (URL_B, URL_C, URL_A):
        await storage.feeds.add(url)
    assert [f.url for f in await storage.feeds.list()] == sorted([URL_A, URL_B, URL_C])


async def test_due_refuses_a_naive_now(storage: Storage) -> None:
    """due() with a naive `now` raises ValueError naming the argument."""
    with pytest.raises(ValueError, match="now must be an aware datetime"):
        await storage.feeds.due(datetime(2018, 10, 6))  # noqa: DTZ001

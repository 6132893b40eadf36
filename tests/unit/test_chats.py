"""ChatRepo: chats, their settings and subscriptions, on every configured database backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

NOW = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)


async def test_ensure_creates_a_chat_once_with_defaults_and_keeps_settings(storage):
    """A new chat gets defaults; seeing it again keeps its settings and refreshes its title."""
    chats = storage.chats
    state = await chats.ensure(42, "private", "Ann", timezone="Asia/Tokyo", digest_times=["08:00"])
    assert (state.chat_id, state.timezone, state.digest_times) == (42, "Asia/Tokyo", ("08:00",))
    assert state.active
    assert not state.paused
    assert state.failure_count == 0
    await chats.update(42, digest_times=["18:00", "07:00"], quiet_start="22:00", quiet_end="07:00")
    again = await chats.ensure(42, "private", "Ann B.", timezone="UTC", digest_times=["09:00"])
    assert again.timezone == "Asia/Tokyo"
    assert again.digest_times == ("07:00", "18:00")
    assert again.quiet == ("22:00", "07:00")
    assert again.title == "Ann B."
    assert again.created_at is not None
    assert again.created_at.tzinfo is not None
    assert await chats.count() == 1


async def test_update_refuses_unknown_fields_and_bad_chat_types(storage):
    """Typos in field names and impossible chat types fail loudly instead of being ignored."""
    await storage.chats.ensure(1)
    with pytest.raises(ValueError, match="unknown chat field"):
        await storage.chats.update(1, timezon="UTC")
    with pytest.raises(ValueError, match="chat type"):
        await storage.chats.ensure(2, "planet")


async def test_subscribe_is_idempotent_and_keeps_the_chosen_mode(storage):
    """Subscribing twice stores one subscription; the mode set later survives a re-subscribe."""
    chats = storage.chats
    await chats.ensure(7)
    assert await chats.subscribe(7, "story-a", now=NOW) is True
    assert await chats.subscribe(7, "story-a", now=NOW) is False
    assert await chats.set_mode(7, "story-a", "digest") is True
    await chats.subscribe(7, "story-a", thread_id=99)
    [sub] = await chats.subscriptions(7)
    assert (sub.slug, sub.mode, sub.thread_id) == ("story-a", "digest", 99)
    assert sub.last_digest_at is None
    assert sub.created_at == NOW
    with pytest.raises(ValueError, match="mode"):
        await chats.set_mode(7, "story-a", "loud")
    assert await chats.unsubscribe(7, "story-a") is True
    assert await chats.unsubscribe(7, "story-a") is False
    assert await chats.subscriptions(7) == []


async def test_subscribers_filter_by_mode_and_skip_paused_or_inactive_chats(storage):
    """Instant briefings go only to active, unpaused chats subscribed in instant or both mode."""
    chats = storage.chats
    for chat_id in (1, 2, 3, 4, 5):
        await chats.ensure(chat_id)
        await chats.subscribe(chat_id, "s")
    await chats.set_mode(2, "s", "digest")
    await chats.set_mode(3, "s", "instant")
    await chats.update(4, paused=True)
    await chats.deactivate(5)
    instant = [s.chat_id for s in await chats.subscribers("s")]
    assert instant == [1, 3]
    digest = [s.chat_id for s in await chats.subscribers("s", modes=("digest", "both"))]
    assert digest == [1, 2]
    assert await chats.subscriber_counts() == {"s": 5}


async def test_many_chats_and_their_subscriptions_are_read_together(storage):
    """get_many and subscriptions_of return exactly the known chats asked for, across more ids
    than one query takes (the reads go in chunks), and list can keep to one chat type."""
    chats = storage.chats
    ids = list(range(1, 506))  # more than one chunk of 500
    for chat_id in ids:
        await chats.ensure(chat_id, "channel" if chat_id % 100 == 0 else "private", f"c{chat_id}")
    await chats.subscribe(3, "b-story")
    await chats.subscribe(3, "a-story")
    await chats.subscribe(504, "a-story")
    asked = [*ids, 9999, 3]  # an unknown id and a repeated one
    many = await chats.get_many(asked)
    assert sorted(many) == ids
    assert many[504] == await chats.get(504)
    assert await chats.get_many([]) == {}
    subs = await chats.subscriptions_of(asked)
    assert {k: [s.slug for s in v] for k, v in subs.items()} == {
        3: ["a-story", "b-story"],
        504: ["a-story"],
    }
    channels = await chats.list(chat_type="channel")
    assert [c.chat_id for c in channels] == [100, 200, 300, 400, 500]
    await chats.deactivate(200)
    assert [c.chat_id for c in await chats.list(active_only=True, chat_type="channel")] == [
        100, 300, 400, 500,
    ]


async def test_due_digests_and_mark_digest_move_the_schedule(storage):
    """Chats come due when next_digest_at has passed; marking the digest stores the next time."""
    chats = storage.chats
    await chats.ensure(10)
    await chats.ensure(11)
    await chats.ensure(12)
    await chats.subscribe(10, "s")
    await chats.update(10, next_digest_at=NOW - timedelta(minutes=1))
    await chats.update(11, next_digest_at=NOW + timedelta(hours=1))
    await chats.update(12, next_digest_at=NOW - timedelta(hours=1), paused=True)
    assert [c.chat_id for c in await chats.due_digests(NOW)] == [10]
    await chats.mark_digest(10, NOW, NOW + timedelta(days=1))
    state = await chats.get(10)
    assert state.last_digest_at == NOW
    assert state.next_digest_at == NOW + timedelta(days=1)
    [sub] = await chats.subscriptions(10)
    assert sub.last_digest_at == NOW
    assert await chats.due_digests(NOW) == []


async def test_failures_deactivate_after_the_threshold_and_a_new_message_reactivates(storage):
    """Consecutive delivery failures turn the chat inactive at N; talking to the bot revives it."""
    chats = storage.chats
    await chats.ensure(20)
    await chats.ensure(21)
    for _ in range(2):
        state = await chats.record_failure(20, deactivate_after=3)
    assert state.active
    assert state.failure_count == 2
    state = await chats.record_failure(20, deactivate_after=3)
    assert not state.active
    assert (await chats.get(21)).active  # other chats unaffected
    revived = await chats.ensure(20)
    assert revived.active
    assert revived.failure_count == 0
    await chats.record_failure(21, deactivate_after=3)
    await chats.record_success(21)
    assert (await chats.get(21)).failure_count == 0


async def test_migrate_moves_settings_and_subscriptions_to_the_new_chat_id(storage):
    """A group upgraded to a supergroup keeps its subscriptions and settings under the new id."""
    chats = storage.chats
    await chats.ensure(-100, "group", "Desk", timezone="Europe/Paris")
    await chats.subscribe(-100, "a", mode="instant")
    await chats.subscribe(-100, "b", thread_id=5)
    await chats.migrate(-100, -1001234)
    new = await chats.get(-1001234)
    assert new.type == "supergroup"
    assert new.timezone == "Europe/Paris"
    assert new.active
    subs = {s.slug: s for s in await chats.subscriptions(-1001234)}
    assert set(subs) == {"a", "b"}
    assert subs["a"].mode == "instant"
    assert subs["b"].thread_id == 5
    assert await chats.subscriptions(-100) == []
    assert not (await chats.get(-100)).active
    await chats.migrate(-999, -1000)  # unknown chat: nothing happens, nothing breaks
    assert await chats.get(-1000) is None


async def test_subscribe_survives_concurrent_writers(storage):
    """Subscriptions made while other repositories write at the same time all succeed (SQLite
    would refuse a read transaction's upgrade to a write with 'database is locked')."""
    import asyncio

    chats = storage.chats
    for chat_id in range(30):
        await chats.ensure(chat_id)

    async def writer(i: int) -> None:
        await storage.feeds.add(f"https://feeds.example/{i}.xml")
        await chats.record_failure(i, deactivate_after=99)

    results = await asyncio.gather(
        *(chats.subscribe(i, "s") for i in range(30)),
        *(writer(i) for i in range(30)),
        *(chats.migrate(i, 1000 + i) for i in range(25, 30)),
        return_exceptions=True,
    )
    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    assert len(await storage.feeds.list()) == 30

"""OutboxRepo: exactly-once queueing, claiming with leases, settling, migration, on every backend."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.storage.errors import MessageTooLong
from bot.storage.outbox import OutboxStats

NOW = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)


async def test_enqueue_is_exactly_once_per_chat_and_key(storage):
    """The same (chat, dedupe_key) is stored once; another chat or key is a new row."""
    outbox = storage.outbox
    assert await outbox.enqueue(1, "<b>Hi</b>", "briefing:a:s", "briefing", now=NOW) is True
    assert await outbox.enqueue(1, "<b>Hi again</b>", "briefing:a:s", "briefing", now=NOW) is False
    assert await outbox.enqueue(2, "<b>Hi</b>", "briefing:a:s", "briefing", now=NOW) is True
    assert await outbox.enqueue(1, "<b>Hi</b>", "briefing:b:s", "briefing", now=NOW) is True
    rows = await outbox.for_chat(1)
    assert [r.text for r in rows] == ["<b>Hi</b>", "<b>Hi</b>"]
    assert await outbox.depth() == 3


async def test_enqueue_refuses_bad_input_with_clear_errors(storage):
    """Unknown kinds, empty text, empty keys and non-integer chat ids are refused."""
    outbox = storage.outbox
    with pytest.raises(ValueError, match="kind"):
        await outbox.enqueue(1, "x", "k", "spam", now=NOW)
    with pytest.raises(ValueError, match="empty"):
        await outbox.enqueue(1, "  ", "k", "notice", now=NOW)
    with pytest.raises(ValueError, match="dedupe_key"):
        await outbox.enqueue(1, "x", "", "notice", now=NOW)
    with pytest.raises(TypeError, match="chat_id"):
        await outbox.enqueue("1", "x", "k", "notice", now=NOW)  # type: ignore[arg-type]
    assert await outbox.depth() == 0


async def test_enqueue_refuses_a_text_longer_than_one_message_and_stores_nothing(storage):
    """Over 4096 UTF-16 units (an astral emoji counts two) is refused with MessageTooLong naming
    the chat, the key and the length; exactly 4096 is stored as given, in one row."""
    outbox = storage.outbox
    with pytest.raises(MessageTooLong) as refused:
        await outbox.enqueue(5, "\U0001f30d" * 2049, "digest:x", "digest", now=NOW)
    assert (refused.value.chat_id, refused.value.dedupe_key) == (5, "digest:x")
    assert (refused.value.length, refused.value.limit) == (4098, 4096)
    assert "digest:x" in str(refused.value)
    assert "4098" in str(refused.value)
    assert await outbox.depth() == 0
    fits = "<b>" + "a" * 4089 + "</b>"
    assert await outbox.enqueue(5, fits, "digest:x", "digest", now=NOW)
    assert [r.text for r in await outbox.for_chat(5)] == [fits]


async def test_claim_takes_due_rows_one_per_chat_in_queue_order(storage):
    """Claim leases due rows, at most one per chat (the oldest), and skips future ones."""
    outbox = storage.outbox
    await outbox.enqueue(1, "first", "k1", "notice", now=NOW)
    await outbox.enqueue(1, "second", "k2", "notice", now=NOW)
    await outbox.enqueue(2, "other", "k1", "notice", now=NOW)
    await outbox.enqueue(3, "later", "k1", "notice", now=NOW, not_before=NOW + timedelta(minutes=5))
    claimed = await outbox.claim(NOW, limit=10)
    assert sorted((m.chat_id, m.text) for m in claimed) == [(1, "first"), (2, "other")]
    assert all(m.status == "sending" for m in claimed)
    # Chat 1's second row waits while its first is in flight.
    assert await outbox.claim(NOW, limit=10) == []
    first = next(m for m in claimed if m.chat_id == 1)
    assert await outbox.mark_sent(first.id, 77, NOW)
    again = await outbox.claim(NOW, limit=10)
    assert [(m.chat_id, m.text) for m in again] == [(1, "second")]


async def test_claim_respects_the_limit_and_orders_by_due_time(storage):
    """The earliest due rows are claimed first, never more than `limit`."""
    for chat in range(10):
        await storage.outbox.enqueue(
            chat, "x", "k", "notice", now=NOW, not_before=NOW - timedelta(seconds=chat)
        )
    claimed = await storage.outbox.claim(NOW, limit=3)
    assert [m.chat_id for m in claimed] == [9, 8, 7]


async def test_a_retried_head_row_keeps_later_rows_of_that_chat_waiting(storage):
    """Per-chat order survives a retry: part 2 does not overtake a rescheduled part 1."""
    outbox = storage.outbox
    await outbox.enqueue(1, "part 1", "k#1", "briefing", now=NOW)
    await outbox.enqueue(1, "part 2", "k#2", "briefing", now=NOW)
    [head] = await outbox.claim(NOW)
    assert await outbox.retry(head.id, "429", NOW + timedelta(seconds=5))
    assert await outbox.claim(NOW + timedelta(seconds=1)) == []
    [again] = await outbox.claim(NOW + timedelta(seconds=5))
    assert again.text == "part 1"
    assert again.attempts == 1
    assert again.last_error == "429"


async def test_recover_returns_stuck_sending_rows_after_their_lease(storage):
    """A row left "sending" by a crashed process is pending again once its lease is over."""
    outbox = storage.outbox
    await outbox.enqueue(1, "x", "k", "notice", now=NOW)
    [row] = await outbox.claim(NOW, lease=timedelta(seconds=60))
    assert await outbox.recover(NOW + timedelta(seconds=30)) == 0
    assert await outbox.recover(NOW + timedelta(seconds=60)) == 1
    [again] = await outbox.claim(NOW + timedelta(seconds=61))
    assert again.id == row.id


async def test_release_claims_frees_only_the_named_instances_rows_at_once(storage):
    """After a crash, an instance takes back the rows it had claimed, due now, without waiting
    for the lease; rows another instance holds, and settled rows, stay as they are."""
    outbox = storage.outbox
    for chat in (1, 2, 3):
        await outbox.enqueue(chat, "x", "k", "notice", now=NOW)
    lease = timedelta(seconds=180)
    [mine] = await outbox.claim(NOW, 1, lease=lease, claimant="host-a")
    [theirs] = await outbox.claim(NOW, 1, lease=lease, claimant="host-b")
    [sent] = await outbox.claim(NOW, 1, lease=lease, claimant="host-a")
    await outbox.mark_sent(sent.id, 7, NOW)
    later = NOW + timedelta(seconds=5)  # long before the lease runs out
    assert await outbox.release_claims("host-a", later) == 1
    assert (await outbox.get(mine.id)).status == "pending"
    assert (await outbox.get(theirs.id)).status == "sending"
    assert (await outbox.get(sent.id)).status == "sent"
    [again] = await outbox.claim(later, 5, claimant="host-a")
    assert again.id == mine.id
    assert await outbox.release_claims("host-c", later) == 0


async def test_settled_rows_are_never_claimed_or_recovered_again(storage):
    """sent, failed and dropped are final: nothing brings them back to pending."""
    outbox = storage.outbox
    for key in ("a", "b", "c"):
        await outbox.enqueue(int(ord(key)), "x", key, "notice", now=NOW)
    rows = await outbox.claim(NOW)
    sent, failed, dropped = sorted(rows, key=lambda m: m.chat_id)
    assert await outbox.mark_sent(sent.id, 5, NOW)
    assert await outbox.mark_failed(failed.id, "Bad Request: chat not found")
    assert await outbox.drop(dropped.id, "chat inactive")
    assert await outbox.mark_sent(sent.id, 6, NOW) is False
    assert await outbox.retry(failed.id, "again", NOW) is False
    assert await outbox.recover(NOW + timedelta(days=1)) == 0
    assert await outbox.claim(NOW + timedelta(days=1)) == []
    stored = await outbox.get(sent.id)
    assert stored is not None
    assert stored.status == "sent"
    assert stored.telegram_message_id == 5
    assert stored.sent_at == NOW
    assert stored.sent_at.tzinfo is not None


async def test_release_gives_a_claim_back_without_counting_an_attempt(storage):
    """release() reschedules a claimed row and leaves attempts alone."""
    await storage.outbox.enqueue(1, "x", "k", "notice", now=NOW)
    [row] = await storage.outbox.claim(NOW)
    assert await storage.outbox.release(row.id, NOW + timedelta(seconds=1))
    [again] = await storage.outbox.claim(NOW + timedelta(seconds=1))
    assert again.attempts == 0


async def test_move_chat_moves_unsent_rows_and_drops_duplicates(storage):
    """Migration moves pending rows to the new id; a key already queued there is dropped."""
    outbox = storage.outbox
    await outbox.enqueue(-5, "a", "k1", "briefing", now=NOW)
    await outbox.enqueue(-5, "b", "k2", "briefing", now=NOW)
    await outbox.enqueue(-1005, "b", "k2", "briefing", now=NOW)
    assert await outbox.move_chat(-5, -1005, NOW) == 1
    assert [r.dedupe_key for r in await outbox.for_chat(-1005, ["pending"])] == ["k1", "k2"]
    assert [r.status for r in await outbox.for_chat(-5)] == ["dropped"]
    assert await outbox.enqueue(-1005, "a", "k1", "briefing", now=NOW) is False


async def test_drop_chat_and_drop_inactive_chats(storage):
    """A blocked chat's unsent rows are dropped; rows for chats marked inactive too."""
    outbox = storage.outbox
    await storage.chats.ensure(1)
    await storage.chats.ensure(2)
    await outbox.enqueue(1, "a", "k", "notice", now=NOW)
    await outbox.enqueue(2, "b", "k", "notice", now=NOW)
    await outbox.enqueue(3, "c", "k", "notice", now=NOW)
    assert await outbox.drop_chat(1, "blocked") == 1
    await storage.chats.deactivate(2)
    assert await outbox.drop_inactive_chats() == 1
    assert [m.chat_id for m in await outbox.claim(NOW)] == [3]


async def test_stats_count_each_status_and_next_due(storage):
    """stats() counts rows per status; next_due_at is the earliest pending not_before."""
    outbox = storage.outbox
    assert await outbox.stats() == OutboxStats(0, 0, 0, 0, 0, None)
    assert await outbox.next_due_at() is None
    await outbox.enqueue(1, "a", "k", "notice", now=NOW)
    await outbox.enqueue(2, "b", "k", "notice", now=NOW, not_before=NOW + timedelta(hours=1))
    [row] = await outbox.claim(NOW)
    await outbox.mark_sent(row.id, 1, NOW)
    stats = await outbox.stats()
    assert (stats.pending, stats.sending, stats.sent, stats.depth) == (1, 0, 1, 1)
    assert stats.oldest_pending_at == NOW
    assert await outbox.next_due_at() == NOW + timedelta(hours=1)


async def test_concurrent_claims_never_hand_out_the_same_row(storage):
    """Two claimers racing get disjoint rows and together all of them."""
    for chat in range(40):
        await storage.outbox.enqueue(chat, "x", "k", "notice", now=NOW)
    a, b = await asyncio.gather(
        storage.outbox.claim(NOW, limit=25), storage.outbox.claim(NOW, limit=25)
    )
    ids_a, ids_b = {m.id for m in a}, {m.id for m in b}
    assert not ids_a & ids_b
    assert len(ids_a | ids_b) == 40


async def test_recover_leaves_rows_the_caller_still_sends(storage):
    """Rows named in `exclude` (still in flight here) stay leased even after the lease ends."""
    outbox = storage.outbox
    await outbox.enqueue(1, "x", "k", "notice", now=NOW)
    await outbox.enqueue(2, "y", "k", "notice", now=NOW)
    rows = await outbox.claim(NOW, lease=timedelta(seconds=60))
    mine = rows[0].id
    later = NOW + timedelta(seconds=120)
    assert await outbox.recover(later, exclude={mine}) == 1
    assert (await outbox.get(mine)).status == "sending"

"""OutboxRepo's hold for paused chats: held rows are never sent, bounded, merged into one catch-up."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from bot.briefings.catchup import catch_up_messages
from bot.storage.errors import MessageTooLong
from bot.storage.outbox import HELD_OVERFLOW, HELD_OVERFLOW_REPORTED, OutboxMessage
from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

NOW = datetime(2018, 10, 8, 6, 0, tzinfo=UTC)


def joined(rows: Sequence[OutboxMessage], dropped: int) -> list[str]:
    return [f"{dropped} dropped | " + " | ".join(r.text for r in rows)]


async def test_held_rows_are_never_claimed_and_do_not_block_other_rows(storage):
    """A held briefing stays put; a notice queued after it for the same chat is sent."""
    outbox = storage.outbox
    assert await outbox.enqueue(1, "held one", "b:1", "briefing", now=NOW, held_limit=5)
    assert await outbox.enqueue(1, "a notice", "n:1", "notice", now=NOW)
    claimed = await outbox.claim(NOW, 10)
    assert [r.text for r in claimed] == ["a notice"]
    assert await outbox.held_count(1) == 1
    assert await outbox.depth() == 1  # held rows are not waiting to be sent


async def test_a_full_hold_drops_its_oldest_rows_as_overflow(storage):
    """Beyond the limit the oldest held rows turn dropped with HELD_OVERFLOW; newest stay."""
    outbox = storage.outbox
    for n in range(5):
        await outbox.enqueue(7, f"b{n}", f"b:{n}", "briefing", now=NOW, held_limit=2)
    held = await outbox.for_chat(7, ["held"])
    assert [r.text for r in held] == ["b3", "b4"]
    dropped = await outbox.for_chat(7, ["dropped"])
    assert [r.last_error for r in dropped] == [HELD_OVERFLOW] * 3
    assert await outbox.held_count(8) == 0  # another chat's hold is its own


async def test_merge_held_queues_one_catch_up_and_counts_the_dropped_once(storage):
    """The held rows and the overflow count go to `compose`; the catch-up is pending and due
    now, the held rows become merged, and a second merge finds nothing to do."""
    outbox = storage.outbox
    for n in range(3):
        await outbox.enqueue(7, f"b{n}", f"b:{n}", "briefing", now=NOW, held_limit=2)
    assert await outbox.merge_held(7, joined, "catch-up:x", NOW) == 2
    pending = await outbox.for_chat(7, ["pending"])
    assert [r.text for r in pending] == ["1 dropped | b1 | b2"]
    assert pending[0].not_before == NOW
    assert pending[0].dedupe_key == "catch-up:x:0"
    assert [r.text for r in await outbox.for_chat(7, ["merged"])] == ["b1", "b2"]
    assert [r.last_error for r in await outbox.for_chat(7, ["dropped"])] == [HELD_OVERFLOW_REPORTED]
    assert await outbox.merge_held(7, joined, "catch-up:y", NOW) == 0
    assert len(await outbox.for_chat(7, ["pending"])) == 1
    # the same briefing queued again after the resume is still refused: exactly once
    assert await outbox.enqueue(7, "b2", "b:2", "briefing", now=NOW) is False


async def test_merge_held_refuses_a_too_long_text_and_keeps_the_hold(storage):
    """A composer that writes more than one message raises; nothing changes (one transaction)."""
    outbox = storage.outbox
    await outbox.enqueue(3, "b0", "b:0", "briefing", now=NOW, held_limit=5)
    with pytest.raises(MessageTooLong):
        await outbox.merge_held(3, lambda rows, dropped: ["x" * (MAX_MESSAGE_UTF16 + 1)], "c", NOW)
    assert await outbox.held_count(3) == 1
    assert await outbox.for_chat(3, ["pending"]) == []


async def test_held_rows_follow_a_migrated_group_and_go_with_a_blocked_chat(storage):
    """move_chat keeps held rows held under the new id; drop_chat drops them too."""
    outbox = storage.outbox
    await outbox.enqueue(-10, "b0", "b:0", "briefing", now=NOW, held_limit=5)
    assert await outbox.move_chat(-10, -1000010, NOW) == 1
    assert [r.status for r in await outbox.for_chat(-1000010)] == ["held"]
    assert await outbox.drop_chat(-1000010, "blocked") == 1
    assert await outbox.held_count(-1000010) == 0


def test_catch_up_is_one_message_with_a_count_and_every_briefing_in_order():
    """Headed by the count, then each briefing in the order given."""
    [text] = catch_up_messages(["<b>First</b>", "<b>Second</b>"], 0, 50)
    assert text.startswith("<b>⏸ While this chat was paused: 2 briefings</b>")
    assert text.index("First") < text.index("Second")
    assert "dropped" not in text


def test_catch_up_names_what_was_dropped_and_splits_only_when_too_long():
    """Dropped briefings are counted with the hold's size; a long catch-up is split into
    messages each within Telegram's limit, and nothing of the briefings is lost."""
    briefings = [f"<b>Item {n}</b> " + "word " * 300 for n in range(12)]
    pieces = catch_up_messages(briefings, 4, 12)
    assert len(pieces) > 1
    assert all(utf16_len(p) <= MAX_MESSAGE_UTF16 for p in pieces)
    assert "4 older briefings were dropped" in pieces[0]
    assert "latest 12" in pieces[0]
    whole = "".join(pieces)
    assert all(f"Item {n}" in whole for n in range(12))
    [only] = catch_up_messages([], 2, 5)
    assert "0 briefings" in only
    assert "2 older briefings were dropped" in only


async def test_options_are_stored_on_the_row_and_carried_by_the_catch_up(storage):
    """silent and link_previews queued with a message come back with it, and a catch-up takes
    the options it is merged with."""
    outbox = storage.outbox
    await outbox.enqueue(4, "plain", "n:1", "notice", now=NOW)
    await outbox.enqueue(4, "quiet", "n:2", "notice", now=NOW, silent=True, link_previews=True)
    plain, quiet = await outbox.for_chat(4)
    assert (plain.silent, plain.link_previews) == (False, False)
    assert (quiet.silent, quiet.link_previews) == (True, True)
    await outbox.enqueue(5, "held", "b:1", "briefing", now=NOW, held_limit=3)
    await outbox.merge_held(5, joined, "c", NOW, silent=True)
    [catch_up] = await outbox.for_chat(5, ["pending"])
    assert (catch_up.silent, catch_up.link_previews) == (True, False)

"""A command's answer is capped at a few messages, and a cut answer says what was left out."""

from __future__ import annotations

import pytest

from bot.telegram.handlers import reading


@pytest.fixture
def sent(monkeypatch):
    """What reply_capped hands to reply_many, instead of Telegram."""
    out: list[list[str]] = []

    async def record(update, messages):
        out.append(list(messages))

    monkeypatch.setattr(reading, "reply_many", record)
    return out


async def test_short_answers_go_out_whole(sent):
    """Up to the cap, every message is sent as it is and no note is added."""
    messages = [f"event {n}" for n in range(reading.MAX_REPLY_MESSAGES)]
    await reading.reply_capped(None, messages, "See elsewhere.")
    assert sent == [messages]


async def test_long_answers_end_with_a_count_of_what_was_left_out(sent):
    """Over the cap: the first messages, then one note with the exact count left out and the hint."""
    messages = [f"event {n}" for n in range(10)]
    await reading.reply_capped(None, messages, "The newest briefings: /latest x")
    (batch,) = sent
    assert len(batch) == reading.MAX_REPLY_MESSAGES
    assert batch[:-1] == messages[: reading.MAX_REPLY_MESSAGES - 1]
    kept = reading.MAX_REPLY_MESSAGES - 1
    assert batch[-1] == f"… and {10 - kept} more messages not shown here. The newest briefings: /latest x"


async def test_the_count_includes_the_message_the_note_replaces(sent):
    """One over the cap: the note takes the last slot, so two messages are counted as left out."""
    messages = [f"event {n}" for n in range(reading.MAX_REPLY_MESSAGES + 1)]
    await reading.reply_capped(None, messages, "Hint.")
    assert sent[0][-1].startswith("… and 2 more messages")

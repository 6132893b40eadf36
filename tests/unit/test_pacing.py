"""Per-chat pacing of sends: which requests count, and turns handed out a spacing apart."""

from __future__ import annotations

from bot.config import TelegramSettings
from bot.telegram.budget import local_limiter
from bot.telegram.pacing import ChatPacer, PacedRateLimiter, counts_as_message, private_chat


def test_turns_for_one_chat_are_spaced_and_other_chats_do_not_wait():
    """Three sends at once to one chat wait 0, 1 and 2 s; another chat waits nothing."""
    pacer = ChatPacer(1.0)
    assert [pacer.reserve(5, 100.0) for _ in range(3)] == [0.0, 1.0, 2.0]
    assert pacer.reserve(6, 100.0) == 0.0
    assert pacer.reserve(5, 110.0) == 0.0  # long after: no wait


def test_pacer_forgets_chats_whose_turn_has_passed():
    """The map of chats stays bounded: entries in the past are dropped when it grows."""
    pacer = ChatPacer(1.0)
    for chat in range(5000):
        pacer.reserve(chat, 0.0)
    pacer.reserve(99999, 10.0)
    assert len(pacer._next) < 10


def test_only_messages_to_private_chats_are_paced():
    """sendMessage and other sends count; chat actions and edits do not; groups are left to
    the per-group limiter."""
    assert counts_as_message("sendMessage")
    assert counts_as_message("sendDocument")
    assert not counts_as_message("sendChatAction")
    assert not counts_as_message("editMessageText")
    assert private_chat(101)
    assert private_chat("101")
    assert not private_chat(-100123)
    assert not private_chat("@channel")
    assert not private_chat(None)


def test_the_local_limiter_paces_at_the_configured_spacing():
    """The limiter from config is the pacing one, at per_chat_spacing_s."""
    limiter = local_limiter(TelegramSettings(per_chat_spacing_s=2.5))
    assert isinstance(limiter, PacedRateLimiter)
    assert limiter._pacer.spacing_s == 2.5

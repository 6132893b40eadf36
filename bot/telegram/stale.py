"""Telegram refusals that mean a message or button is simply gone (deleted, too old): expected
in a live chat, so they are logged briefly, never as errors with a traceback."""

from __future__ import annotations

from telegram.error import BadRequest

# Phrases of Telegram's 400 answers for a message or callback query that no longer exists.
STALE_PHRASES = (
    "message to edit not found",
    "message can't be edited",
    "message to delete not found",
    "message not found",
    "query is too old",
    "query id is invalid",
)


def is_stale(error: BaseException | None) -> bool:
    """True when Telegram refused because the message or the callback query is gone."""
    if not isinstance(error, BadRequest):
        return False
    text = str(error).lower()
    return any(phrase in text for phrase in STALE_PHRASES)

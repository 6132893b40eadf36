"""Errors the storage layer raises, phrased for the person running the bot."""

from __future__ import annotations


class StorageError(Exception):
    """The database could not be opened, migrated or written as asked."""


class MessageTooLong(ValueError):
    """A message longer than Telegram accepts was handed to the outbox; it was not stored.

    Splitting is presentation and happens once, when a briefing or digest is rendered
    (bot.tgtext.split); storage keeps what it is given and refuses what cannot be sent.
    """

    def __init__(self, chat_id: int, dedupe_key: str, length: int, limit: int) -> None:
        self.chat_id = chat_id
        self.dedupe_key = dedupe_key
        self.length = length
        self.limit = limit
        super().__init__(
            f"message {dedupe_key!r} for chat {chat_id} is {length} UTF-16 units long; "
            f"Telegram accepts at most {limit}: split it when it is rendered"
        )

"""Per-chat pacing for every message the bot sends, replies included: one a second per private chat.

PTB's AIORateLimiter counts an overall rate and each group's rate per minute, but never a
private chat's one message a second, so a command answered with several messages (/latest's
three, then /timeline) drew a 429 from Telegram. The sender spaces its own queue; this spaces
whatever goes out, because replies are sent from handlers, outside the queue.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from telegram.ext import AIORateLimiter

# Requests that put a message in a chat (Telegram's per-chat limit counts these).
_NOT_A_MESSAGE = frozenset({"sendchataction"})
_FORGET_AFTER = 4096  # chats remembered before those whose turn has passed are forgotten


def counts_as_message(endpoint: str) -> bool:
    name = endpoint.lower()
    return name.startswith(("send", "copymessage", "forwardmessage")) and name not in _NOT_A_MESSAGE


def private_chat(chat_id: Any) -> bool:
    """Private chats have positive ids; groups and channels negative ones or an @username."""
    if isinstance(chat_id, str):
        with contextlib.suppress(ValueError):
            return int(chat_id) > 0
        return False
    return isinstance(chat_id, int) and not isinstance(chat_id, bool) and chat_id > 0


class ChatPacer:
    """Hands out send times per chat, `spacing_s` apart; waiting is the caller's await."""

    def __init__(self, spacing_s: float) -> None:
        self.spacing_s = max(0.0, spacing_s)
        self._next: dict[int | str, float] = {}

    def reserve(self, chat_id: int | str, now: float) -> float:
        """Seconds to wait before sending to `chat_id`; the turn is taken at once, so two
        requests for the same chat never get the same slot."""
        if len(self._next) >= _FORGET_AFTER:
            self._next = {chat: at for chat, at in self._next.items() if at > now}
        start = max(now, self._next.get(chat_id, now))
        self._next[chat_id] = start + self.spacing_s
        return start - now

    async def wait_turn(self, chat_id: int | str) -> None:
        delay = self.reserve(chat_id, asyncio.get_running_loop().time())
        if delay > 0:
            await asyncio.sleep(delay)


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter (overall and per-group limits, retries after a 429) that also spaces
    the messages to each private chat `private_spacing_s` apart."""

    def __init__(self, *, private_spacing_s: float, **options: Any) -> None:
        super().__init__(**options)
        self._pacer = ChatPacer(private_spacing_s)

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        chat_id = data.get("chat_id")
        if self._pacer.spacing_s > 0 and counts_as_message(endpoint) and private_chat(chat_id):
            await self._pacer.wait_turn(chat_id)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )

"""The fake Bot API's world and its test driver: chats, users' moves, the bot's messages as seen.

Tests act as users (``user_sends``, ``user_presses``, ``block``, ``migrate`` ...) and observe what
the bot did (``messages``, ``wait_for_message``, ``wait_until``). The HTTP side that the bot talks
to lives in `server.py`; both share the state kept here.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.telegram.fake.documents import Document
from bot.telegram.fake.photos import Photo
from bot.telegram.fake.rules import JSON
from bot.tgtext.units import utf16_len

_COMMAND_AT_START = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?")


@dataclass(frozen=True, slots=True)
class BotMessage:
    """A message the bot sent, in its current (possibly edited) state."""

    chat_id: int
    message_id: int
    text: str  # as the user sees it (after HTML parsing)
    raw_text: str  # as the bot sent it
    parse_mode: str | None
    entities: tuple[JSON, ...]
    reply_markup: JSON | None
    thread_id: int | None
    date: int
    edits: int = 0
    photo: Photo | None = None  # a photo message: `text` is then its caption
    document: Document | None = None  # a file message: `text` is then its caption
    reply_to: int | None = None  # the message it replies to, when that one still existed

    @property
    def buttons(self) -> list[JSON]:
        """All inline buttons, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]


@dataclass(frozen=True, slots=True)
class RequestRecord:
    method: str
    params: JSON
    status: int
    description: str | None
    at: float


@dataclass(slots=True)
class Counters:
    sent: int = 0
    edited: int = 0
    rejected_400: int = 0
    rejected_403: int = 0
    rejected_429: int = 0
    per_chat_sent: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class _Event:
    seq: int
    message: BotMessage


class ChatWorld:
    """Chats, users and the bot's messages in memory, with the moves a test makes as a user."""

    def __init__(self, bot_id: int, bot_username: str, bot_name: str) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.counters = Counters()
        self.wall: Callable[[], float] = time.time  # message dates; tests move it to age messages
        self._chats: dict[int, JSON] = {}
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._admins: dict[int, list[int]] = {}
        # The bot's standing in a channel: None when it is not an administrator there, else
        # whether it may post messages (a channel given no standing: it may).
        self._channel_rights: dict[int, bool | None] = {}
        self._deleted_topics: set[tuple[int, int]] = set()
        self._messages: dict[int, dict[int, BotMessage]] = {}
        self._user_messages: dict[int, set[int]] = {}  # what users wrote: the bot cannot edit it
        self._next_message_id: dict[int, int] = {}
        self._updates: list[JSON] = []
        self._next_update_id = 1
        self._open_queries: dict[str, JSON] = {}
        self._next_query_id = 1
        self._events: list[_Event] = []
        self._seq = 0
        self._mark = 0
        self._changed = asyncio.Event()
        self._new_update = asyncio.Event()
        self._poll_waiting = asyncio.Event()

    # ------------------------------------------------------------------ users' moves

    def add_chat(
        self,
        chat_id: int,
        chat_type: str | None = None,
        *,
        title: str | None = None,
        username: str | None = None,
    ) -> JSON:
        """Make a chat known (a user who pressed Start, a group the bot was added to)."""
        if chat_id in self._chats and chat_type is None and title is None and username is None:
            return self._chats[chat_id]
        kind = chat_type or ("private" if chat_id > 0 else "group")
        if kind not in ("private", "group", "supergroup", "channel"):
            raise ValueError(f"unknown chat type {kind!r}")
        chat: JSON = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = title or f"User{chat_id}"
        else:
            chat["title"] = title or f"Group {chat_id}"
        if username:
            chat["username"] = username
        self._chats[chat_id] = chat
        return chat

    def add_channel(
        self,
        chat_id: int,
        username: str | None,
        *,
        title: str | None = None,
        bot_admin: bool = True,
        can_post: bool = True,
        creator: int = 1_000,
    ) -> JSON:
        """A channel (public when it has a @username) made by user `creator`, where the bot is
        an administrator allowed to post, an administrator without that right, or not there."""
        if chat_id >= 0:
            raise ValueError("a channel's id is negative")
        chat = self.add_chat(chat_id, "channel", title=title or f"Channel {chat_id}", username=username)
        self.set_channel_rights(chat_id, bot_admin=bot_admin, can_post=can_post, creator=creator)
        return chat

    def set_channel_rights(
        self, chat_id: int, *, bot_admin: bool, can_post: bool = True, creator: int = 1_000
    ) -> None:
        """Promote or demote the bot in a channel: an administrator (posting or not) or absent."""
        self._channel_rights[chat_id] = can_post if bot_admin else None
        self._admins[chat_id] = [creator, self.bot_id] if bot_admin else [creator]

    def user_sends(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str | None = None,
        thread_id: int | None = None,
        first_name: str = "Test",
        username: str | None = None,
    ) -> JSON:
        """Queue an update: a user writes `text` in `chat_id`. Returns the message object."""
        chat = self.add_chat(chat_id, chat_type)
        if user_id is None:
            user_id = chat_id if chat["type"] == "private" else 1_000
        sender: JSON = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            sender["username"] = username
        message_id = self._take_message_id(chat_id)
        self._user_messages.setdefault(chat_id, set()).add(message_id)
        message: JSON = {
            "message_id": message_id,
            "date": int(self.wall()),
            "chat": dict(chat),
            "from": sender,
            "text": text,
        }
        command = _COMMAND_AT_START.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}
            ]
        if thread_id is not None:
            message["message_thread_id"] = thread_id
            message["is_topic_message"] = True
        self._push_update({"message": message})
        return message

    def user_presses(
        self,
        chat_id: int,
        message_id: int,
        callback_data: str,
        *,
        user_id: int | None = None,
    ) -> str:
        """Queue a callback query: a user presses a button under one of the bot's messages.

        `callback_data` need not be one of the message's buttons, so tests can forge data.
        Returns the callback query id.
        """
        bot_message = self._messages.get(chat_id, {}).get(message_id)
        if bot_message is None:
            raise KeyError(f"the bot sent no message {message_id} in chat {chat_id}")
        chat = self.add_chat(chat_id)
        if user_id is None:
            user_id = chat_id if chat["type"] == "private" else 1_000
        query_id = str(self._next_query_id)
        self._next_query_id += 1
        query: JSON = {
            "id": query_id,
            "from": {"id": user_id, "is_bot": False, "first_name": "Test"},
            "chat_instance": str(chat_id),
            "data": callback_data,
            "message": self._message_json(bot_message),
        }
        self._open_queries[query_id] = query
        self._push_update({"callback_query": query})
        return query_id

    def delete_message(self, chat_id: int, message_id: int) -> None:
        """A user (or an admin) deletes one of the bot's messages from the chat."""
        if self._messages.get(chat_id, {}).pop(message_id, None) is None:
            raise KeyError(f"the bot has no message {message_id} in chat {chat_id}")

    def block(self, chat_id: int) -> None:
        """The user blocks the bot: every send to the chat now fails with 403."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    def migrate(self, chat_id: int, new_id: int) -> None:
        """The group became a supergroup with id `new_id`; sends to the old id fail with 400."""
        old = self.add_chat(chat_id)
        self._migrated[chat_id] = new_id
        self.add_chat(new_id, "supergroup", title=old.get("title"))

    def delete_topic(self, chat_id: int, thread_id: int) -> None:
        """A forum topic is deleted: sends into it fail with 400 message thread not found."""
        self.add_chat(chat_id, "supergroup")
        self._deleted_topics.add((chat_id, thread_id))

    def set_admins(self, chat_id: int, user_ids: list[int]) -> None:
        """Who administers a group (first id is its creator)."""
        self.add_chat(chat_id)
        self._admins[chat_id] = list(dict.fromkeys(user_ids))

    def _bot_rights(self, chat_id: int) -> bool | None:
        """The bot's standing in a channel (see _channel_rights)."""
        return self._channel_rights.get(chat_id, True)

    # ------------------------------------------------------------------ observing the bot

    def messages(self, chat_id: int) -> list[BotMessage]:
        """The bot's messages in `chat_id`, oldest first, each in its latest (edited) state."""
        return sorted(self._messages.get(chat_id, {}).values(), key=lambda m: m.message_id)

    def all_messages(self) -> list[BotMessage]:
        return [m for chat in self._messages for m in self.messages(chat)]

    @property
    def mark(self) -> int:
        """The event sequence number now; pass it as `since` to wait for later events only."""
        return self._seq

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[BotMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109 -- the driver API promises a plain timeout
        *,
        since: int | None = None,
    ) -> BotMessage:
        """Wait until the bot sends or edits a message in `chat_id` that satisfies `predicate`.

        Only events after `since` count; by default, after the last user action
        (``user_sends``/``user_presses``), so an older reply is never mistaken for the new one.
        Raises TimeoutError (with what was seen) if nothing matches within `timeout` seconds.
        """
        start = self._mark if since is None else since

        def find() -> BotMessage | None:
            for event in self._events:
                if event.seq > start and event.message.chat_id == chat_id:
                    if predicate is None or predicate(event.message):
                        return event.message
            return None

        async def watch() -> BotMessage:
            while True:
                self._changed.clear()
                found = find()
                if found is not None:
                    return found
                await self._changed.wait()

        try:
            return await asyncio.wait_for(watch(), timeout)
        except TimeoutError:
            seen = [e.message.text[:80] for e in self._events if e.seq > start]
            raise TimeoutError(
                f"no matching message in chat {chat_id} within {timeout}s; seen since: {seen}"
            ) from None

    async def wait_until(
        self,
        condition: Callable[[], bool],
        timeout: float = 5.0,  # noqa: ASYNC109 -- the driver API promises a plain timeout
    ) -> None:
        """Wait until `condition()` holds, re-checking whenever the bot sends or edits."""

        async def watch() -> None:
            while True:
                self._changed.clear()
                if condition():
                    return
                await self._changed.wait()

        try:
            await asyncio.wait_for(watch(), timeout)
        except TimeoutError:
            raise TimeoutError(f"condition not met within {timeout}s") from None

    async def wait_for_poll(self, timeout: float = 5.0) -> None:  # noqa: ASYNC109 -- driver API
        """Wait until a client is parked in a long getUpdates poll (the bot is listening)."""
        await asyncio.wait_for(self._poll_waiting.wait(), timeout)

    def pending_updates(self) -> int:
        return len(self._updates)

    # ------------------------------------------------------------------ shared state

    def _push_update(self, payload: JSON) -> None:
        update = {"update_id": self._next_update_id, **payload}
        self._next_update_id += 1
        self._updates.append(update)
        self._mark = self._seq
        self._new_update.set()

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _record(self, message: BotMessage) -> None:
        self._messages.setdefault(message.chat_id, {})[message.message_id] = message
        self._seq += 1
        self._events.append(_Event(self._seq, message))
        self._changed.set()

    def _bot_user(self) -> JSON:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    def _message_json(self, message: BotMessage) -> JSON:
        out: JSON = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": dict(self._chats.get(message.chat_id) or self.add_chat(message.chat_id)),
            "from": self._bot_user(),
        }
        if message.photo is None and message.document is None:
            out["text"] = message.text
            if message.entities:
                out["entities"] = list(message.entities)
        else:
            if message.photo is not None:
                out["photo"] = message.photo.sizes_json()
            if message.document is not None:
                out["document"] = message.document.json()
            if message.text:
                out["caption"] = message.text
            if message.entities:
                out["caption_entities"] = list(message.entities)
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            # Telegram returns only inline keyboards; force_reply and reply keyboards are not echoed
            out["reply_markup"] = message.reply_markup
        if message.thread_id is not None:
            out["message_thread_id"] = message.thread_id
        if message.edits:
            out["edit_date"] = message.date
        return out

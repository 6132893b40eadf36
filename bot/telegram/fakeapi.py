"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp, real HTTP) that validates like Telegram.

It is not Telegram: it keeps everything in memory, serves one bot token, and knows only the
methods the bot uses. But where it answers, it answers as Telegram does — the same JSON shapes,
the same error bodies (400 on bad HTML, a too-long text or bad callback_data; 403 for a chat
that blocked the bot; 400 with ``migrate_to_chat_id`` for an upgraded group; 429 with
``retry_after`` above the flood limits), so the real PTB application can run against it in
tests, in benchmarks and in ``attache chat``.

Tests drive the "users" through Python methods (``user_sends``, ``user_presses``, ``block``,
``migrate``, ...) and observe what the bot did (``messages``, ``wait_for_message``, ``counters``,
``requests``). Rate limits read an injectable monotonic clock so tests move time instead of
sleeping. The token never appears in the server's logs or request records.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from bot.tgtext.html import HtmlParseError, parse_html
from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

log = logging.getLogger(__name__)

JSON = dict[str, Any]
MonotonicClock = Callable[[], float]

DEFAULT_TOKEN = "123456789:FAKE-TOKEN-for-local-tests-only"
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
# Form bodies (what PTB posts) carry every non-string value JSON-encoded.
_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "allowed_updates",
        "entities",
        "link_preview_options",
        "reply_parameters",
    }
)
_INT_FIELDS = frozenset(
    {"message_id", "offset", "limit", "timeout", "message_thread_id", "user_id", "cache_time"}
)
_BOOL_FIELDS = frozenset(
    {"disable_notification", "protect_content", "show_alert", "drop_pending_updates"}
)


class ApiError(Exception):
    """An error answer, shaped exactly like Telegram's."""

    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        out: JSON = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            out["parameters"] = self.parameters
        return out


def _bad(description: str, parameters: JSON | None = None) -> ApiError:
    return ApiError(400, f"Bad Request: {description}", parameters)


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Token buckets modelled on Telegram's flood limits (capacity, refill per second)."""

    overall_per_s: float = 30.0
    overall_burst: float = 30.0
    private_per_s: float = 1.0
    private_burst: float = 3.0  # Telegram tolerates short bursts in a private chat
    group_per_minute: float = 20.0
    group_burst: float = 20.0
    enabled: bool = True
    # Edits count too on Telegram, but more leniently; only sends are limited here by default.
    limited_methods: frozenset[str] = frozenset({"sendmessage"})


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "stamp")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        self._refill(now)
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


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


class FakeBotAPI:
    """An in-memory Bot API on 127.0.0.1. ``async with FakeBotAPI() as api: api.base_url``."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        clock: MonotonicClock = time.monotonic,
        limits: RateLimits | None = None,
        bot_id: int | None = None,
        bot_username: str = "attache_test_bot",
        bot_name: str = "Attaché",
        strict_chats: bool = False,
    ) -> None:
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the fake Bot API only listens on the loopback interface")
        self.token = token
        self._host = host
        self._port = port
        self.clock = clock
        self.limits = limits or RateLimits()
        self.bot_id = bot_id if bot_id is not None else int(token.split(":", 1)[0] or 1)
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.strict_chats = strict_chats
        self.counters = Counters()
        self.requests: list[RequestRecord] = []
        self.callback_answers: list[JSON] = []
        self.commands: dict[str, list[JSON]] = {}
        self.webhook: JSON | None = None  # what setWebhook was given last
        self._chats: dict[int, JSON] = {}
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._admins: dict[int, list[int]] = {}
        self._deleted_topics: set[tuple[int, int]] = set()
        self._messages: dict[int, dict[int, BotMessage]] = {}
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
        self._overall: _Bucket | None = None
        self._chat_buckets: dict[int, _Bucket] = {}
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._handlers: dict[str, Callable[[JSON], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "deletewebhook": self._delete_webhook,
            "setwebhook": self._set_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "sendchataction": self._send_chat_action,
            "deletemessage": self._delete_message,
        }

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeBotAPI:
        if self._runner is not None:
            return self
        app = web.Application(client_max_size=2 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._dispatch)
        # access_log=None: the access log would print the request path, which holds the token.
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._host, self._port)
        await site.start()
        server = site._server
        assert server is not None and getattr(server, "sockets", None)
        self._port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._closing = False
        return self

    async def stop(self) -> None:
        self._closing = True
        self._new_update.set()  # release long polls
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotAPI:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        if self._runner is None:
            raise RuntimeError("the fake Bot API is not running: call start() first")
        return self._port

    @property
    def base_url(self) -> str:
        """What PTB's ``base_url`` wants: the token is appended to it."""
        return f"http://{self._host}:{self.port}/bot"

    # ------------------------------------------------------------------ test driver: users

    def add_chat(
        self, chat_id: int, chat_type: str | None = None, *, title: str | None = None
    ) -> JSON:
        """Make a chat known (a user who pressed Start, a group the bot was added to)."""
        if chat_id in self._chats and chat_type is None and title is None:
            return self._chats[chat_id]
        kind = chat_type or ("private" if chat_id > 0 else "group")
        if kind not in ("private", "group", "supergroup", "channel"):
            raise ValueError(f"unknown chat type {kind!r}")
        chat: JSON = {"id": chat_id, "type": kind}
        if kind == "private":
            chat["first_name"] = title or f"User{chat_id}"
        else:
            chat["title"] = title or f"Group {chat_id}"
        self._chats[chat_id] = chat
        return chat

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
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": dict(chat),
            "from": sender,
            "text": text,
        }
        command = re.match(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
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

    # ------------------------------------------------------------------ test driver: observing

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

    # ------------------------------------------------------------------ HTTP

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._reply(method, {}, ApiError(401, "Unauthorized"))
        handler = self._handlers.get(method.lower())
        if handler is None:
            return self._reply(method, {}, ApiError(404, "Not Found"))
        try:
            params = await self._read_params(request)
        except ApiError as exc:
            return self._reply(method, {}, exc)
        try:
            result = await handler(params)
        except ApiError as exc:
            return self._reply(method, params, exc)
        return self._reply(method, params, result)

    def _reply(self, method: str, params: JSON, outcome: Any) -> web.Response:
        if isinstance(outcome, ApiError):
            status, body, description = outcome.code, outcome.body(), outcome.description
            if status == 400:
                self.counters.rejected_400 += 1
            elif status == 403:
                self.counters.rejected_403 += 1
            elif status == 429:
                self.counters.rejected_429 += 1
            log.debug("fake Bot API %s → %s %s", method, status, description)
        else:
            status, body, description = 200, {"ok": True, "result": outcome}, None
        self.requests.append(RequestRecord(method, params, status, description, self.clock()))
        return web.json_response(body, status=status)

    async def _read_params(self, request: web.Request) -> JSON:
        raw: JSON = dict(request.query)
        if request.can_read_body:
            ctype = request.content_type
            if ctype == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON object") from None
                if not isinstance(body, dict):
                    raise _bad("JSON object expected")
                return {**raw, **body}
            if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, str):
                        raw[key] = value
            elif ctype:
                raise _bad(f"unsupported content type {ctype}")
        return {key: self._coerce(key, value) for key, value in raw.items()}

    @staticmethod
    def _coerce(key: str, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        if key in _JSON_FIELDS:
            try:
                return json.loads(value)
            except ValueError:
                if key == "reply_markup":
                    raise _bad("can't parse reply keyboard markup JSON object") from None
                raise _bad(f"can't parse {key} JSON object") from None
        if key in _INT_FIELDS or key == "chat_id":
            try:
                return int(value)
            except ValueError:
                if key == "chat_id":
                    return value  # "@channelusername"
                raise _bad(f"field \"{key}\" must be a Number") from None
        if key in _BOOL_FIELDS:
            return value.lower() in ("true", "1")
        return value

    # ------------------------------------------------------------------ internals

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
            "text": message.text,
        }
        if message.entities:
            out["entities"] = list(message.entities)
        if message.reply_markup and "inline_keyboard" in message.reply_markup:
            # Telegram returns only inline keyboards; force_reply and reply keyboards are not echoed
            out["reply_markup"] = message.reply_markup
        if message.thread_id is not None:
            out["message_thread_id"] = message.thread_id
        if message.edits:
            out["edit_date"] = message.date
        return out

    def _chat_id(self, params: JSON) -> int:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise _bad("chat_id is empty")
        if isinstance(chat_id, bool) or not isinstance(chat_id, int):
            if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
                return int(chat_id)
            raise _bad("chat not found")
        return chat_id

    def _check_reachable(self, chat_id: int) -> None:
        if chat_id in self._migrated:
            raise _bad(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id in self._blocked:
            kind = self._chats.get(chat_id, {}).get("type", "private")
            if kind == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        if chat_id not in self._chats:
            if self.strict_chats:
                raise _bad("chat not found")
            self.add_chat(chat_id)

    def _parse_text(self, params: JSON) -> tuple[str, tuple[JSON, ...]]:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise _bad("message text is empty")
        parse_mode = params.get("parse_mode")
        if parse_mode in (None, ""):
            plain, entities = text, tuple(params.get("entities") or ())
        elif str(parse_mode).lower() == "html":
            try:
                parsed = parse_html(text)
            except HtmlParseError as exc:
                raise _bad(f"can't parse entities: {exc}") from None
            plain, entities = parsed.text, tuple(e.to_dict() for e in parsed.entities)
        elif str(parse_mode).lower() in ("markdown", "markdownv2"):
            # The bot only speaks HTML; Markdown is passed through unparsed here.
            plain, entities = text, ()
        else:
            raise _bad(f"unsupported parse_mode \"{parse_mode}\"")
        if not plain.strip():
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_MESSAGE_UTF16:
            raise _bad("message is too long")
        return plain, entities

    @staticmethod
    def _check_markup(params: JSON) -> JSON | None:
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return markup  # reply keyboards and removals are passed through
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                    raise _bad("BUTTON_TEXT_INVALID")
                if "callback_data" in button:
                    data = button["callback_data"]
                    if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
                elif "url" in button:
                    if not re.match(r"^(https?|tg)://\S+$", str(button["url"])):
                        raise _bad("BUTTON_URL_INVALID")
                elif not any(k in button for k in ("switch_inline_query", "login_url", "web_app",
                                                   "switch_inline_query_current_chat", "pay",
                                                   "copy_text", "callback_game",
                                                   "switch_inline_query_chosen_chat")):
                    raise _bad("can't find field \"callback_data\" or \"url\" in the button")
        return markup

    def _check_rate(self, method: str, chat_id: int) -> None:
        limits = self.limits
        if not limits.enabled or method not in limits.limited_methods:
            return
        now = self.clock()
        if self._overall is None:
            self._overall = _Bucket(limits.overall_burst, limits.overall_per_s, now)
        bucket = self._chat_buckets.get(chat_id)
        if bucket is None:
            if self._chats.get(chat_id, {}).get("type", "private") == "private":
                bucket = _Bucket(limits.private_burst, limits.private_per_s, now)
            else:
                bucket = _Bucket(limits.group_burst, limits.group_per_minute / 60.0, now)
            self._chat_buckets[chat_id] = bucket
        wait = max(self._overall.wait_needed(now), bucket.wait_needed(now))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        self._overall.take()
        bucket.take()

    def _own_message(self, params: JSON) -> BotMessage:
        if "inline_message_id" in params:
            raise _bad("inline messages are not supported by this server")
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise _bad("message identifier is not specified")
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None:
            raise _bad("message to edit not found")
        return message

    # ------------------------------------------------------------------ methods

    async def _get_me(self, params: JSON) -> JSON:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_updates(self, params: JSON) -> list[JSON]:
        offset = params.get("offset")
        limit = params.get("limit") or 100
        timeout = params.get("timeout") or 0
        if not isinstance(limit, int) or not 1 <= limit <= 100:
            limit = 100
        if isinstance(offset, int) and offset > 0:
            # Telegram forgets every update before the offset: they are confirmed.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and isinstance(timeout, int) and timeout > 0 and not self._closing:
            self._new_update.clear()
            self._poll_waiting.set()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                pass
            finally:
                self._poll_waiting.clear()
        return self._updates[:limit]

    async def _send_message(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        self._check_reachable(chat_id)
        plain, entities = self._parse_text(params)
        markup = self._check_markup(params)
        thread_id = params.get("message_thread_id")
        if (chat_id, thread_id) in self._deleted_topics:
            raise _bad("message thread not found")
        self._check_rate("sendmessage", chat_id)
        message = BotMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=plain,
            raw_text=params["text"],
            parse_mode=params.get("parse_mode") or None,
            entities=entities,
            reply_markup=markup,
            thread_id=thread_id if isinstance(thread_id, int) else None,
            date=int(time.time()),
        )
        self._record(message)
        self.counters.sent += 1
        self.counters.per_chat_sent[chat_id] += 1
        return self._message_json(message)

    async def _edit_message_text(self, params: JSON) -> JSON:
        message = self._own_message(params)
        self._check_reachable(message.chat_id)
        plain, entities = self._parse_text(params)
        markup = self._check_markup(params)
        if plain == message.text and entities == message.entities and markup == message.reply_markup:
            raise _bad(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        self._check_rate("editmessagetext", message.chat_id)
        edited = replace(
            message,
            text=plain,
            raw_text=params["text"],
            parse_mode=params.get("parse_mode") or None,
            entities=entities,
            reply_markup=markup,
            edits=message.edits + 1,
        )
        self._record(edited)
        self.counters.edited += 1
        return self._message_json(edited)

    async def _edit_message_reply_markup(self, params: JSON) -> JSON:
        message = self._own_message(params)
        self._check_reachable(message.chat_id)
        markup = self._check_markup(params)
        if markup == message.reply_markup:
            raise _bad(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        self._check_rate("editmessagereplymarkup", message.chat_id)
        edited = replace(message, reply_markup=markup, edits=message.edits + 1)
        self._record(edited)
        self.counters.edited += 1
        return self._message_json(edited)

    async def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        query = self._open_queries.pop(query_id, None)
        if query is None:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        self.callback_answers.append(
            {"callback_query_id": query_id, "text": text, "show_alert": bool(params.get("show_alert"))}
        )
        return True

    @staticmethod
    def _scope_key(params: JSON) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    async def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("parameter \"commands\" is required")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        clean: list[JSON] = []
        for item in commands:
            if not isinstance(item, dict):
                raise _bad("BOT_COMMAND_INVALID")
            command = str(item.get("command", ""))
            description = str(item.get("description", ""))
            if not _COMMAND_RE.match(command.lower()):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            clean.append({"command": command.lower(), "description": description})
        self.commands[self._scope_key(params)] = clean
        return True

    async def _get_my_commands(self, params: JSON) -> list[JSON]:
        return self.commands.get(self._scope_key(params), [])

    async def _delete_my_commands(self, params: JSON) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    async def _delete_webhook(self, params: JSON) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    async def _set_webhook(self, params: JSON) -> bool:
        url = str(params.get("url") or "")
        if url and not url.startswith("https://"):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": params.get("secret_token")} if url else None
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _get_chat(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        chat = self._chats.get(chat_id)
        if chat is None:
            raise _bad("chat not found")
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False}}

    def _member_json(self, chat_id: int, user_id: int) -> JSON:
        user = {"id": user_id, "is_bot": user_id == self.bot_id, "first_name": f"User{user_id}"}
        order = self._admins.get(chat_id, [])
        chat_type = self._chats.get(chat_id, {}).get("type", "private")
        if chat_type == "private" and user_id == chat_id:
            return {"status": "member", "user": user}
        if order and order[0] == user_id:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user_id in order:
            rights = dict.fromkeys(
                (
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                    "can_restrict_members", "can_promote_members", "can_change_info",
                    "can_invite_users", "can_post_stories", "can_edit_stories",
                    "can_delete_stories",
                ),
                True,
            )
            return {"status": "administrator", "user": user, "can_be_edited": False,
                    "is_anonymous": False, **rights}
        return {"status": "member", "user": user}

    async def _get_chat_member(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        if chat_id not in self._chats:
            raise _bad("chat not found")
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise _bad("PARTICIPANT_ID_INVALID")
        return self._member_json(chat_id, user_id)

    async def _get_chat_administrators(self, params: JSON) -> list[JSON]:
        chat_id = self._chat_id(params)
        if chat_id not in self._chats:
            raise _bad("chat not found")
        order = self._admins.get(chat_id, [])
        return [self._member_json(chat_id, uid) for uid in order]

    async def _send_chat_action(self, params: JSON) -> bool:
        chat_id = self._chat_id(params)
        self._check_reachable(chat_id)
        return True

    async def _delete_message(self, params: JSON) -> bool:
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        if self._messages.get(chat_id, {}).pop(message_id, None) is None:  # type: ignore[arg-type]
            raise _bad("message to delete not found")
        return True

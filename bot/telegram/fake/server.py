"""A fake Telegram Bot API server on 127.0.0.1 (aiohttp, real HTTP) that validates like Telegram.

It is not Telegram: it keeps everything in memory, serves one bot token, and knows only the
methods the bot uses. But where it answers, it answers as Telegram does — the same JSON shapes,
the same error bodies (400 on bad HTML, a too-long text or bad callback_data; 403 for a chat
that blocked the bot; 400 with ``migrate_to_chat_id`` for an upgraded group; 429 with
``retry_after`` above the flood limits), so the real PTB application can run against it in
tests, in benchmarks and in ``attache chat``. What is accepted is decided in `rules.py` (with
`bot.tgtext` as the oracle for text) and `flood.py`; the chats and the test driver are in
`driver.py`. The token never appears in the server's logs or request records.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any, TypeVar

from aiohttp import web

from bot.telegram.fake import documents, photos, rules
from bot.telegram.fake.driver import BotMessage, ChatWorld, RequestRecord
from bot.telegram.fake.flood import FloodGate, MonotonicClock, RateLimits
from bot.telegram.fake.rules import JSON, ApiError, bad

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:FAKE-TOKEN-for-local-tests-only"
# A bot may edit its message for 48 hours after sending it; later Telegram refuses.
EDIT_WINDOW_S = 48 * 3600


class FakeBotAPI(ChatWorld):
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
        super().__init__(
            bot_id if bot_id is not None else int(token.split(":", 1)[0] or 1), bot_username, bot_name
        )
        self.token = token
        self._host = host
        self._port = port
        self.clock = clock
        self._flood = FloodGate(limits or RateLimits(), clock)
        self.strict_chats = strict_chats
        self.requests: list[RequestRecord] = []
        self.callback_answers: list[JSON] = []
        self.commands: dict[str, list[JSON]] = {}
        self.webhook: JSON | None = None  # what setWebhook was given last
        self._photos: dict[str, photos.Photo] = {}  # by file_id, so a photo can be sent again
        self._documents: dict[str, documents.Document] = {}  # the same for files
        self._runner: web.AppRunner | None = None
        self._closing = False
        self._handlers: dict[str, Callable[[JSON], Awaitable[Any]]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
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

    @property
    def limits(self) -> RateLimits:
        return self._flood.limits

    @limits.setter
    def limits(self, value: RateLimits) -> None:
        self._flood.limits = value

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> FakeBotAPI:
        if self._runner is not None:
            return self
        # Room for the largest upload a bot may make; past it aiohttp answers 413, as Telegram does.
        app = web.Application(client_max_size=photos.MAX_UPLOAD_BYTES)
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
                    raise bad("can't parse JSON object") from None
                if not isinstance(body, dict):
                    raise bad("JSON object expected")
                return {**raw, **body}
            if ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.post()
                for key, value in form.items():
                    if isinstance(value, str):
                        raw[key] = value
                    elif isinstance(value, web.FileField):
                        raw[key] = photos.Upload(value.file.read(), value.filename,
                                                 value.content_type)
            elif ctype:
                raise bad(f"unsupported content type {ctype}")
        return {key: rules.coerce(key, value) for key, value in raw.items()}

    # ------------------------------------------------------------------ checks with state

    def _chat_id(self, params: JSON) -> int:
        """The numeric chat id of a request; a public chat may be named by its @username."""
        given = params.get("chat_id")
        if isinstance(given, str) and given.startswith("@"):
            name = given[1:].lower()
            for chat_id, chat in self._chats.items():
                if str(chat.get("username", "")).lower() == name:
                    return chat_id
            raise bad("chat not found")
        return rules.chat_id_of(params)

    def _check_reachable(self, chat_id: int) -> None:
        if chat_id in self._migrated:
            raise bad(
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
                raise bad("chat not found")
            self.add_chat(chat_id)
        if self._chats[chat_id]["type"] == "channel":
            _check_may_post(self._bot_rights(chat_id))

    def _check_rate(self, method: str, chat_id: int) -> None:
        private = self._chats.get(chat_id, {}).get("type", "private") == "private"
        self._flood.admit(method, chat_id, private)

    def _own_message(self, params: JSON) -> BotMessage:
        if "inline_message_id" in params:
            raise bad("inline messages are not supported by this server")
        chat_id = self._chat_id(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise bad("message identifier is not specified")
        message = self._messages.get(chat_id, {}).get(message_id)
        if message is None:
            if message_id in self._user_messages.get(chat_id, ()):
                raise bad("message can't be edited")  # a user's message, not the bot's
            raise bad("message to edit not found")
        if self.wall() - message.date > EDIT_WINDOW_S:
            raise bad("message can't be edited")
        return message

    def _reply_to(self, chat_id: int, params: JSON) -> int | None:
        """The message a new one replies to; one that is gone is refused unless the request
        allows sending without it, as Telegram does."""
        wanted = params.get("reply_parameters")
        if wanted is None:
            return None
        if not isinstance(wanted, dict) or not isinstance(wanted.get("message_id"), int):
            raise bad("can't parse reply parameters JSON object")
        target = int(wanted["message_id"])
        if target in self._messages.get(chat_id, {}) or target in self._user_messages.get(chat_id, ()):
            return target
        if wanted.get("allow_sending_without_reply"):
            return None
        raise bad("message to be replied not found")

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
        plain, entities = rules.message_text(params)
        return self._deliver("sendmessage", chat_id, params, plain, params["text"], entities)

    async def _send_photo(self, params: JSON) -> JSON:
        return self._send_file("sendphoto", params)

    async def _send_document(self, params: JSON) -> JSON:
        return self._send_file("senddocument", params)

    def _send_file(self, method: str, params: JSON) -> JSON:
        """sendPhoto or sendDocument: the file, then its caption, then the message."""
        chat_id = self._chat_id(params)
        self._check_reachable(chat_id)
        if method == "sendphoto":
            kind: dict[str, Any] = {"photo": self._photo(params)}
        else:
            kind = {"document": self._document(params)}
        plain, entities = photos.caption(params)
        raw = params.get("caption")
        return self._deliver(method, chat_id, params, plain, raw if isinstance(raw, str) else "",
                             entities, **kind)

    def _document(self, params: JSON) -> documents.Document:
        """The file a sendDocument names: a fresh upload, or one sent before, by its file_id."""
        given = photos.upload_for(params, "document")
        return _stored_file(given, self._documents, documents.document_from_upload)

    def _photo(self, params: JSON) -> photos.Photo:
        """The photo a sendPhoto names: a fresh upload, or one sent before, by its file_id."""
        return _stored_file(photos.upload_for(params), self._photos, photos.photo_from_upload)

    def _deliver(
        self,
        method: str,
        chat_id: int,
        params: JSON,
        plain: str,
        raw: str,
        entities: tuple[JSON, ...],
        photo: photos.Photo | None = None,
        document: documents.Document | None = None,
    ) -> JSON:
        """A new message from the bot, once the method's own checks have passed."""
        markup = rules.reply_markup(params)
        thread_id = params.get("message_thread_id")
        if (chat_id, thread_id) in self._deleted_topics:
            raise bad("message thread not found")
        reply_to = self._reply_to(chat_id, params)
        self._check_rate(method, chat_id)
        message = BotMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=plain,
            raw_text=raw,
            parse_mode=params.get("parse_mode") or None,
            entities=entities,
            reply_markup=markup,
            thread_id=thread_id if isinstance(thread_id, int) else None,
            date=int(self.wall()),
            photo=photo,
            document=document,
            reply_to=reply_to,
        )
        self._record(message)
        self.counters.sent += 1
        self.counters.per_chat_sent[chat_id] += 1
        return self._message_json(message)

    async def _edit_message_text(self, params: JSON) -> JSON:
        message = self._own_message(params)
        self._check_reachable(message.chat_id)
        if message.photo is not None or message.document is not None:
            raise bad("there is no text in the message to edit")
        plain, entities = rules.message_text(params)
        markup = rules.reply_markup(params)
        if plain == message.text and entities == message.entities and markup == message.reply_markup:
            raise bad(
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
        markup = rules.reply_markup(params)
        if markup == message.reply_markup:
            raise bad(
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
            raise bad("query is too old and response timeout expired or query ID is invalid")
        text = rules.callback_answer_text(params)
        self.callback_answers.append(
            {"callback_query_id": query_id, "text": text, "show_alert": bool(params.get("show_alert"))}
        )
        return True

    @staticmethod
    def _scope_key(params: JSON) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    async def _set_my_commands(self, params: JSON) -> bool:
        clean = rules.bot_commands(params)
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
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = {"url": url, "secret_token": params.get("secret_token")} if url else None
        return True

    async def _get_webhook_info(self, params: JSON) -> JSON:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    async def _get_chat(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        chat = self._chats.get(chat_id)
        if chat is None or self._hidden_channel(chat):
            raise bad("chat not found")
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False}}

    def _hidden_channel(self, chat: JSON) -> bool:
        """A private channel (no @username) is unknown to a bot that is not in it."""
        return (chat["type"] == "channel" and not chat.get("username")
                and self._bot_rights(chat["id"]) is None)

    def _member_json(self, chat_id: int, user_id: int) -> JSON:
        user = {"id": user_id, "is_bot": user_id == self.bot_id, "first_name": f"User{user_id}"}
        order = self._admins.get(chat_id, [])
        chat_type = self._chats.get(chat_id, {}).get("type", "private")
        if chat_type == "private" and user_id == chat_id:
            return {"status": "member", "user": user}
        if chat_type == "channel":
            return self._channel_member_json(chat_id, user, order)
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

    def _channel_member_json(self, chat_id: int, user: JSON, order: list[int]) -> JSON:
        """A channel member as Telegram shows it: the bot may always ask about itself; about
        anyone else only as an administrator of the channel."""
        rights = self._bot_rights(chat_id)
        if user["id"] == self.bot_id:
            if rights is None:
                return {"status": "left", "user": user}
            return {"status": "administrator", "user": user, **_channel_admin_rights(rights)}
        if rights is None:
            raise bad("member list is inaccessible")
        if order and order[0] == user["id"]:
            return {"status": "creator", "user": user, "is_anonymous": False}
        if user["id"] in order:
            return {"status": "administrator", "user": user, **_channel_admin_rights(True)}
        return {"status": "left", "user": user}

    async def _get_chat_member(self, params: JSON) -> JSON:
        chat_id = self._chat_id(params)
        if chat_id not in self._chats:
            raise bad("chat not found")
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise bad("PARTICIPANT_ID_INVALID")
        return self._member_json(chat_id, user_id)

    async def _get_chat_administrators(self, params: JSON) -> list[JSON]:
        chat_id = self._chat_id(params)
        if chat_id not in self._chats:
            raise bad("chat not found")
        if self._chats[chat_id]["type"] == "channel" and self._bot_rights(chat_id) is None:
            raise bad("member list is inaccessible")
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
            raise bad("message to delete not found")
        return True


_File = TypeVar("_File", photos.Photo, documents.Document)


def _check_may_post(rights: bool | None) -> None:
    """What Telegram answers a bot posting to a channel it is not an administrator of (403), or
    administers without the right to post messages (400)."""
    if rights is None:
        raise ApiError(403, "Forbidden: bot is not a member of the channel chat")
    if not rights:
        raise bad("need administrator rights in the channel chat")


def _channel_admin_rights(can_post: bool) -> JSON:
    """An administrator's rights in a channel (Bot API ChatMemberAdministrator)."""
    rights: JSON = dict.fromkeys(
        (
            "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_promote_members", "can_change_info",
            "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories",
        ),
        False,
    )
    rights.update(can_manage_chat=True, can_post_messages=can_post, can_edit_messages=can_post,
                  can_be_edited=False, is_anonymous=False)
    return rights


def _stored_file(
    given: photos.Upload | str, store: dict[str, _File], make: Callable[[photos.Upload], _File]
) -> _File:
    """A fresh upload made into a file and kept by its file_id, or a file kept before."""
    if isinstance(given, photos.Upload):
        made = make(given)
        store[made.file_id] = made
        return made
    if given.startswith(("http://", "https://")):
        raise bad("failed to get HTTP URL content")  # this server never reaches out
    known = store.get(given)
    if known is None:
        raise bad("wrong file identifier/HTTP URL specified")
    return known

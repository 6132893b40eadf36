"""What the Bot API accepts, as pure checks: parameters, message text (tgtext is the oracle), buttons.

Each check raises ApiError shaped like Telegram's error answer; nothing here holds state or does I/O.
"""

from __future__ import annotations

import json
import re
from typing import Any

from bot.tgtext.html import HtmlParseError, parse_html
from bot.tgtext.units import MAX_CALLBACK_DATA_BYTES, MAX_MESSAGE_UTF16, utf16_len

JSON = dict[str, Any]

MAX_COMMANDS = 100
MAX_COMMAND_DESCRIPTION = 256
MAX_CALLBACK_ANSWER = 200
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_BUTTON_URL_RE = re.compile(r"^(https?|tg)://\S+$")
_OTHER_BUTTON_KINDS = (
    "switch_inline_query",
    "login_url",
    "web_app",
    "switch_inline_query_current_chat",
    "pay",
    "copy_text",
    "callback_game",
    "switch_inline_query_chosen_chat",
)
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


def bad(description: str, parameters: JSON | None = None) -> ApiError:
    """A 400 Bad Request answer."""
    return ApiError(400, f"Bad Request: {description}", parameters)


def coerce(key: str, value: Any) -> Any:
    """A form field as the JSON value Telegram reads it as (numbers, booleans, JSON objects)."""
    if not isinstance(value, str):
        return value
    if key in _JSON_FIELDS:
        try:
            return json.loads(value)
        except ValueError:
            if key == "reply_markup":
                raise bad("can't parse reply keyboard markup JSON object") from None
            raise bad(f"can't parse {key} JSON object") from None
    if key in _INT_FIELDS or key == "chat_id":
        try:
            return int(value)
        except ValueError:
            if key == "chat_id":
                return value  # "@channelusername"
            raise bad(f"field \"{key}\" must be a Number") from None
    if key in _BOOL_FIELDS:
        return value.lower() in ("true", "1")
    return value


def chat_id_of(params: JSON) -> int:
    """The numeric chat id of a request (a channel's @name is not a chat this server knows)."""
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise bad("chat_id is empty")
    if isinstance(chat_id, bool) or not isinstance(chat_id, int):
        if isinstance(chat_id, str) and re.fullmatch(r"-?\d+", chat_id):
            return int(chat_id)
        raise bad("chat not found")
    return chat_id


def message_text(params: JSON) -> tuple[str, tuple[JSON, ...]]:
    """The text a user sees and its entities; Telegram's HTML rules and length limit via tgtext."""
    text = params.get("text")
    if not isinstance(text, str) or not text.strip():
        raise bad("message text is empty")
    plain, entities = parsed_text(text, params.get("parse_mode"), params.get("entities"))
    if not plain.strip():
        raise bad("message text is empty")
    if utf16_len(plain) > MAX_MESSAGE_UTF16:
        raise bad("message is too long")
    return plain, entities


def parsed_text(text: str, parse_mode: Any, entities: Any) -> tuple[str, tuple[JSON, ...]]:
    """A text or caption as the user sees it, and its entities, under the request's parse_mode
    (the `entities` given are used when there is none)."""
    if parse_mode in (None, ""):
        return text, tuple(entities or ())
    if str(parse_mode).lower() == "html":
        try:
            parsed = parse_html(text)
        except HtmlParseError as exc:
            raise bad(f"can't parse entities: {exc}") from None
        return parsed.text, tuple(e.to_dict() for e in parsed.entities)
    if str(parse_mode).lower() in ("markdown", "markdownv2"):
        # The bot only speaks HTML; Markdown is passed through unparsed here.
        return text, ()
    raise bad(f"unsupported parse_mode \"{parse_mode}\"")


def reply_markup(params: JSON) -> JSON | None:
    """The request's reply markup, with every inline button checked as Telegram checks it."""
    markup = params.get("reply_markup")
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        return markup  # reply keyboards and removals are passed through
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise bad("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array of Arrays")
    for row in rows:
        for button in row:
            _check_button(button)
    return markup


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not str(button.get("text", "")).strip():
        raise bad("BUTTON_TEXT_INVALID")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA_BYTES:
            raise bad("BUTTON_DATA_INVALID")
    elif "url" in button:
        if not _BUTTON_URL_RE.match(str(button["url"])):
            raise bad("BUTTON_URL_INVALID")
    elif not any(kind in button for kind in _OTHER_BUTTON_KINDS):
        raise bad("can't find field \"callback_data\" or \"url\" in the button")


def bot_commands(params: JSON) -> list[JSON]:
    """setMyCommands' list, lower-cased, or the error Telegram gives for it."""
    commands = params.get("commands")
    if not isinstance(commands, list):
        raise bad("parameter \"commands\" is required")
    if len(commands) > MAX_COMMANDS:
        raise bad("BOT_COMMANDS_TOO_MUCH")
    clean: list[JSON] = []
    for item in commands:
        if not isinstance(item, dict):
            raise bad("BOT_COMMAND_INVALID")
        command = str(item.get("command", ""))
        description = str(item.get("description", ""))
        if not _COMMAND_RE.match(command.lower()):
            raise bad("BOT_COMMAND_INVALID")
        if not 1 <= len(description) <= MAX_COMMAND_DESCRIPTION:
            raise bad("BOT_COMMAND_DESCRIPTION_INVALID")
        clean.append({"command": command.lower(), "description": description})
    return clean


def callback_answer_text(params: JSON) -> Any:
    """answerCallbackQuery's text (None when absent); Telegram caps it at 200 characters."""
    text = params.get("text")
    if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
        raise bad("MESSAGE_TOO_LONG")
    return text

"""Is an update shaped as Telegram sends it? The limits and invariants a real update obeys.

Checked: exactly one payload kind, texts of at most 4096 UTF-16 units, entities inside the
text, a bot_command entity wherever a command starts the text, callback data of 1–64 bytes,
chat ids and types that agree (users positive, groups negative, channels -100…), a sender on
everything but channel posts, an edit date on edits; and PTB parses it into the same kind.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Update

from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

KINDS = ("message", "edited_message", "channel_post", "edited_channel_post", "callback_query", "my_chat_member")
CHAT_TYPES = ("private", "group", "supergroup", "channel")
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?")


def problems(update: dict[str, Any]) -> list[str]:
    """Everything wrong with `update` (an empty list: Telegram could have sent it)."""
    out: list[str] = []
    kinds = [k for k in KINDS if k in update]
    if len(kinds) != 1 or not isinstance(update.get("update_id"), int):
        return [f"needs an update_id and exactly one of {KINDS}, has {kinds}"]
    kind = kinds[0]
    body = update[kind]
    if kind == "callback_query":
        out += _callback(body)
    elif kind == "my_chat_member":
        out += _chat(body.get("chat") or {})
        if not {"from", "date", "old_chat_member", "new_chat_member"} <= set(body):
            out.append("my_chat_member lacks from/date/old/new member")
    else:
        out += _message(body, channel=kind.endswith("channel_post"), edited=kind.startswith("edited"))
    if not out:
        parsed = Update.de_json(update, None)
        if parsed is None or getattr(parsed, kind) is None:
            out.append(f"PTB does not read it as a {kind}")
    return out


def _chat(chat: dict[str, Any]) -> list[str]:
    kind, cid = chat.get("type"), chat.get("id")
    if kind not in CHAT_TYPES or not isinstance(cid, int):
        return [f"bad chat {chat}"]
    if (kind == "private") != (cid > 0):
        return [f"a {kind} chat cannot have id {cid}"]
    if kind in ("supergroup", "channel") and not str(cid).startswith("-100"):
        return [f"a {kind} id starts with -100, got {cid}"]
    if kind == "private" and "first_name" not in chat:
        return ["a private chat has the user's first_name"]
    if kind != "private" and "title" not in chat:
        return [f"a {kind} has a title"]
    return []


def _message(msg: dict[str, Any], *, channel: bool, edited: bool) -> list[str]:
    out = _chat(msg.get("chat") or {})
    if not isinstance(msg.get("message_id"), int) or not isinstance(msg.get("date"), int):
        out.append("message_id and date are integers")
    chat = msg.get("chat") or {}
    if channel != (chat.get("type") == "channel"):
        out.append("channel posts, and only they, come from channels")
    if channel and "from" in msg:
        out.append("a channel post has sender_chat, not from")
    if not channel and not isinstance((msg.get("from") or {}).get("id"), int):
        out.append("a message has a sender")
    if chat.get("type") == "private" and (msg.get("from") or {}).get("id") != chat.get("id"):
        out.append("in a private chat the sender is the chat")
    if edited and not isinstance(msg.get("edit_date"), int):
        out.append("an edit has an edit_date")
    text = msg.get("text")
    if text is not None:
        out += _text(text, msg.get("entities") or [])
    return out


def _text(text: str, entities: list[dict[str, Any]]) -> list[str]:
    out = []
    size = utf16_len(text)
    if not text or size > MAX_MESSAGE_UTF16:
        out.append(f"text of {size} UTF-16 units (Telegram: 1..{MAX_MESSAGE_UTF16})")
    for e in entities:
        if e.get("offset", -1) < 0 or e.get("length", 0) < 1 or e["offset"] + e["length"] > size:
            out.append(f"entity outside the text: {e}")
    command = _COMMAND.match(text)
    if command and not any(e.get("type") == "bot_command" and e.get("offset") == 0 for e in entities):
        out.append("a leading command carries a bot_command entity")
    return out


def _callback(query: dict[str, Any]) -> list[str]:
    out = []
    data = query.get("data")
    if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= 64:
        out.append(f"callback data must be 1-64 bytes, got {data!r}")
    if not isinstance((query.get("from") or {}).get("id"), int) or not query.get("id"):
        out.append("a callback query has an id and a sender")
    if "message" not in query and "inline_message_id" not in query:
        out.append("a callback query comes from a message")
    if "chat_instance" not in query:
        out.append("a callback query has chat_instance")
    return out

"""Generated Telegram updates: odd commands, emoji, long pastes, edits, groups, channels, forgery.

Pure and seeded: given the people, a message-id source and (for callbacks) the bot's messages,
it returns update payloads as Telegram would send them. Every text here is invented.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.tgtext.units import MAX_MESSAGE_UTF16, utf16_len

JSON = dict[str, Any]
NextId = Callable[[int], int]

ODD_ARGS = (
    "", " ", "🇺🇦🔥💥🤝", "\u200b\u200b\u200b", "\u202ereversed\u202c", "x" * 300,
    "../../../etc/passwd", "'; DROP TABLE chats; --", "%s%s%n{0}{}", "<b>bold</b> & <i>",
    "Europe", "Europe/", "Etc/GMT+14", "UTC+25", "America/New_York extra words", "12:99",
    "\n\n", "null", "-1", "0", "99999999999999999999", "ℌ𝔢𝔩𝔩𝔬 𝔴𝔬𝔯𝔩𝔡", "no-such-storyline",
    "relay-orlo-talks", "RELAY-ORLO-TALKS", "Zürich", "@somechannel", "Tamsin Orlo", "Orlo",
    "a\tb\tc", "\\x00", "😀" * 40,
)
# Internal addresses an admin might paste into /addfeed; none is ever fetched by this part.
INTERNAL_FEEDS = (
    "http://127.0.0.1/feed", "http://localhost:8080/rss", "http://[::1]/feed",
    "http://2130706433/feed", "http://0x7f000001/feed", "http://0177.0.0.1/feed",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/feed", "http://192.168.1.1/rss",
    "http://172.16.0.5/rss", "http://[fe80::1]/feed", "http://[::ffff:10.0.0.1]/feed",
    "http://0.0.0.0/feed", "http://224.0.0.1/feed", "http://100.64.0.1/feed",
    "file:///etc/passwd", "file:relative/feed.xml",
)
UNKNOWN = ("/frobnicate", "/x", "/admin", "/sudo rm", "/start_", "/STARTX", "/help@other_bot extra")
FREE_TEXT = (
    "hello", "what can you do?", "Orlo met Quell", "🤝", "¿Qué tal?", "مرحبا", "你好", "…",
    "/ not a command", "hello /start", "<script>alert(1)</script>", "&amp; &lt;",
)


@dataclass(frozen=True, slots=True)
class People:
    admin: int  # a bot administrator, by user id in the settings
    users: tuple[int, ...]  # private chats: the chat id is the user id
    groups: tuple[int, ...]  # basic groups (negative ids)
    supergroups: tuple[int, ...]  # -100…
    channel: int  # -100…
    bot_username: str


def chat_json(chat_id: int, kind: str) -> JSON:
    chat: JSON = {"id": chat_id, "type": kind}
    if kind == "private":
        chat["first_name"] = f"Reader{chat_id}"
    else:
        chat["title"] = f"{kind.title()} {abs(chat_id)}"
    return chat


def _kind(chat_id: int, people: People) -> str:
    if chat_id > 0:
        return "private"
    if chat_id == people.channel:
        return "channel"
    return "supergroup" if chat_id in people.supergroups else "group"


def _entities(text: str) -> list[JSON]:
    command = re.match(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{5,32})?", text)
    if not command:
        return []
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command.group(0))}]


def message(
    people: People, next_id: NextId, chat_id: int, user: int | None, text: str, *,
    edited: bool = False, date: int | None = None,
) -> JSON:
    """One text message (or its edit) as Telegram delivers it."""
    kind = _kind(chat_id, people)
    now = date or int(time.time())
    msg: JSON = {"message_id": next_id(chat_id), "date": now - (60 if edited else 0),
                 "chat": chat_json(chat_id, kind), "text": text}
    if kind == "channel":
        msg["sender_chat"] = chat_json(chat_id, kind)
    else:
        msg["from"] = {"id": user, "is_bot": False, "first_name": f"Person{user}", "language_code": "en"}
    entities = _entities(text)
    if entities:
        msg["entities"] = entities
    if edited:
        msg["edit_date"] = now
    prefix = "channel_post" if kind == "channel" else "message"
    return {("edited_" + prefix) if edited else prefix: msg}


def split_paste(text: str, limit: int = MAX_MESSAGE_UTF16) -> list[str]:
    """A long paste as Telegram clients send it: consecutive messages of at most `limit` units."""
    parts: list[str] = []
    start = units = 0
    for i, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1  # outside the BMP: a surrogate pair in UTF-16
        if units + width > limit:
            parts.append(text[start:i])
            start, units = i, 0
        units += width
    return [p for p in [*parts, text[start:]] if p]


def commands(rng: random.Random, people: People, next_id: NextId, names: Sequence[str]) -> list[JSON]:
    """Every command with every odd argument, from ordinary users in private chats."""
    out = []
    for name in names:
        for arg in ODD_ARGS:
            user = rng.choice(people.users)
            text = f"/{name} {arg}".rstrip() if arg.strip() else f"/{name}{arg}"
            out.append(message(people, next_id, user, user, text.strip() or f"/{name}"))
    for arg in INTERNAL_FEEDS + ("https://relay.example/rss",):
        out.append(message(people, next_id, people.admin, people.admin, f"/addfeed {arg}"))
    for arg in ("Europe", "Europe/", "America", "Etc", "posix/Europe", "../zoneinfo", "Asia/Tokyo"):
        out.append(message(people, next_id, people.admin, people.admin, f"/timezone {arg}"))
    return out


def chatter(rng: random.Random, people: People, next_id: NextId) -> list[JSON]:
    """Unknown commands, free text, emoji, long pastes, addressed commands and edits."""
    out = []
    for _ in range(60):
        user = rng.choice(people.users)
        out.append(message(people, next_id, user, user, rng.choice(UNKNOWN + FREE_TEXT)))
    for n in range(12):
        user = rng.choice(people.users)
        paste = ("Orlo 🤝 Quell, Talvik. " * 300)[: 5000 + n]
        out += [message(people, next_id, user, user, part) for part in split_paste(paste)]
        out += [message(people, next_id, user, user, part) for part in split_paste("/who " + paste)]
    for suffix in (f"@{people.bot_username}", "@other_bot", "@" + people.bot_username.upper()):
        for user in people.users[:5]:
            out.append(message(people, next_id, user, user, f"/start{suffix}"))
    for _ in range(80):  # editing old messages, commands included, must not run them again
        user = rng.choice(people.users)
        text = rng.choice(("/start", "/subscribe relay-orlo-talks", "/pause", "edited words", "/track"))
        out.append(message(people, next_id, user, user, text, edited=True))
    return out


def groups(rng: random.Random, people: People, next_id: NextId, names: Sequence[str]) -> list[JSON]:
    """Commands in groups, supergroups and a channel, from members and admins, edited or not."""
    out = []
    rooms = people.groups + people.supergroups
    for _ in range(150):
        room = rng.choice(rooms)
        user = rng.choice(people.users + (people.admin,))
        name = rng.choice(names)
        suffix = rng.choice(("", f"@{people.bot_username}", "@other_bot"))
        arg = rng.choice(ODD_ARGS[:12])
        text = f"/{name}{suffix} {arg}".strip()
        out.append(message(people, next_id, room, user, text, edited=rng.random() < 0.15))
    for _ in range(50):
        name = rng.choice(names)
        out.append(message(people, next_id, people.channel, None, f"/{name} {rng.choice(ODD_ARGS[:8])}".strip(),
                           edited=rng.random() < 0.2))
    for room in rooms:  # the bot is removed from a group and added back
        for old, new in (("member", "left"), ("left", "member"), ("member", "administrator")):
            out.append(member_change(people, room, old, new))
    out.append(member_change(people, people.channel, "left", "administrator"))
    for user in people.users[:5]:
        out.append(member_change(people, user, "member", "kicked"))
        out.append(member_change(people, user, "kicked", "member"))
    return out


def member_change(people: People, chat_id: int, old: str, new: str) -> JSON:
    bot = {"id": 6600112233, "is_bot": True, "first_name": "Attaché", "username": people.bot_username}

    def member(status: str) -> JSON:
        extra: JSON = {}
        if status == "administrator":
            extra = {"can_be_edited": False, "is_anonymous": False, **dict.fromkeys((
                "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
                "can_restrict_members", "can_promote_members", "can_change_info",
                "can_invite_users", "can_post_stories", "can_edit_stories",
                "can_delete_stories"), False)}
        if status == "kicked":
            extra = {"until_date": 0}
        return {"status": status, "user": bot, **extra}

    kind = _kind(chat_id, people)
    actor = chat_id if kind == "private" else people.admin
    return {"my_chat_member": {
        "chat": chat_json(chat_id, kind), "date": int(time.time()),
        "from": {"id": actor, "is_bot": False, "first_name": f"Person{actor}"},
        "old_chat_member": member(old), "new_chat_member": member(new),
    }}


def forged_callbacks(
    rng: random.Random, people: People, bot_messages: Sequence[JSON], count: int
) -> list[JSON]:
    """Button presses by non-admins on the bot's messages: their own buttons, admin buttons,
    stale and forged data. `bot_messages` are message objects as Telegram echoes them."""
    datas: list[str] = []
    for msg in bot_messages:
        for row in (msg.get("reply_markup") or {}).get("inline_keyboard") or []:
            datas += [b["callback_data"] for b in row if "callback_data" in b]
    forged = ["rf:0123456789", "rf:ffffffffff", "sub:no-such:0", "sub:relay-orlo-talks:999",
              "pg:9999", "tz:Europe", "tz:../../etc", "m:relay-orlo-talks:z", "tk:x", "q:2500",
              "dt:2460", "set:nothing", "x" * 64, "🤝" * 16, ":", "sub", "sub:::::", "0"]
    out = []
    for n in range(count):
        if not bot_messages:
            break
        msg = rng.choice(bot_messages)
        chat = msg["chat"]
        user = chat["id"] if chat["type"] == "private" else rng.choice(people.users)
        data = rng.choice(datas + forged) if datas else rng.choice(forged)
        out.append({"callback_query": {
            "id": f"rel-{n}", "from": {"id": user, "is_bot": False, "first_name": f"Person{user}"},
            "chat_instance": str(chat["id"]), "data": data, "message": msg,
        }})
    return out

"""Inline keyboards and the compact, validated callback-data codec (≤ 64 bytes) behind them.

Callback data is untrusted input: anyone can forge it, and old messages keep stale buttons.
`decode` accepts only the actions and argument shapes listed in ACTIONS and raises
CallbackError with a message a user can read for anything else.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.tgtext.units import MAX_CALLBACK_DATA_BYTES

MAX_CALLBACK_BYTES = MAX_CALLBACK_DATA_BYTES
PAGE_SIZE = 5
MAX_PICKS = 10  # storylines offered as buttons under one question
SEP = ":"

# Timezones offered by button; the index goes into callback data, the name never does.
TIMEZONES: tuple[str, ...] = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Moscow",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Shanghai",
    "Asia/Seoul",
    "Asia/Tokyo",
    "Australia/Sydney",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
)
DIGEST_TIMES: tuple[str, ...] = ("06:00", "07:00", "08:00", "09:00", "12:00", "18:00", "20:00", "22:00")
QUIET_PRESETS: tuple[tuple[str, str] | None, ...] = (
    None,
    ("22:00", "07:00"),
    ("23:00", "08:00"),
    ("00:00", "06:00"),
)
MODES = {"i": "instant", "d": "digest", "b": "both"}
MODE_CODES = {v: k for k, v in MODES.items()}

_INT = re.compile(r"^\d{1,4}$")
_TOKEN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$|^~[0-9a-f]{10}$")
_HHMM = re.compile(r"^([01]\d|2[0-3])([0-5]\d)$")
_HASH = re.compile(r"^[0-9a-f]{10}$")
_REF = re.compile(r"^[0-9a-f]{16}$")
_STAMP = re.compile(r"^\d{9,11}$")
_CHAT = re.compile(r"^-\d{1,16}$")  # a group's or a channel's id

# action -> argument kinds; every callback the bot emits is one of these.
ACTIONS: dict[str, tuple[str, ...]] = {
    "pg": ("int",),  # storylines page
    "sub": ("slug", "int"),  # subscribe, then redraw that page
    "uns": ("slug", "int"),  # unsubscribe, then redraw that page
    "set": (),  # settings main menu
    "tzm": (),  # timezone menu
    "tz": ("int",),  # pick TIMEZONES[i]
    "dtm": (),  # digest-times menu
    "dt": ("hhmm",),  # toggle a digest time
    "qm": (),  # quiet-hours menu
    "q": ("int",),  # pick QUIET_PRESETS[i]
    "mm": (),  # per-storyline mode menu
    "m": ("slug", "mode"),  # set a subscription's mode
    "rf": ("hash",),  # remove a feed (admins)
    "tk": ("word",),  # /track conversation choices
    "fb": ("step", "slug", "ref"),  # relevance feedback on an item for a storyline
    "pk": ("word", "slug"),  # run a command (PICK_COMMANDS) for the storyline picked
    "inf": ("slug",),  # show a storyline's description
    "opt": ("word",),  # switch a reader option (OPTION_LABELS) on or off
    "rd": ("stamp",),  # mark the digest shown at that moment (Unix seconds) as read
    "unp": ("chat", "slug"),  # stop publishing a storyline to a channel (admins)
}
# Feedback steps: ask to confirm (n: not about this story, m: more like this), confirm, cancel.
FEEDBACK_STEPS = ("n", "m", "yn", "ym", "cn", "cm")


class CallbackError(ValueError):
    """Callback data that is forged, malformed or from an older version of the bot."""


@dataclass(frozen=True, slots=True)
class Callback:
    action: str
    args: tuple[str, ...] = ()

    def int_arg(self, i: int) -> int:
        return int(self.args[i])


def slug_token(slug: str) -> str:
    """A slug short enough for callback data; long slugs become a stable hash reference."""
    if _TOKEN.match(slug) and not slug.startswith("~"):
        return slug
    return "~" + short_hash(slug)


def short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def resolve_slug(token: str, known: Iterable[str]) -> str | None:
    """The slug a token refers to, or None when no current storyline has it."""
    known = list(known)
    if token.startswith("~"):
        for slug in known:
            if "~" + short_hash(slug) == token:
                return slug
        return None
    return token if token in known else None


def encode(action: str, *args: str | int) -> str:
    """Callback data for one button; raises ValueError when it would be invalid to send."""
    if action not in ACTIONS:
        raise ValueError(f"unknown callback action {action!r}")
    parts = [action, *(str(a) for a in args)]
    data = SEP.join(parts)
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data too long ({len(data.encode('utf-8'))} bytes): {data!r}")
    decode(data)  # what we emit must be what we accept
    return data


def decode(data: object) -> Callback:
    """Parse and validate callback data; CallbackError says why it is refused."""
    if not isinstance(data, str) or not data:
        raise CallbackError("This button has no data.")
    if len(data.encode("utf-8")) > MAX_CALLBACK_BYTES:
        raise CallbackError("This button is not valid.")
    action, *args = data.split(SEP)
    kinds = ACTIONS.get(action)
    if kinds is None or len(args) != len(kinds):
        raise CallbackError("This button is no longer valid. Send /start for fresh buttons.")
    for kind, arg in zip(kinds, args, strict=True):
        if not _valid(kind, arg):
            raise CallbackError("This button is not valid. Send /start for fresh buttons.")
    return Callback(action, tuple(args))


def _valid(kind: str, arg: str) -> bool:
    if kind == "int":
        return bool(_INT.match(arg))
    if kind == "slug":
        return bool(_TOKEN.match(arg))
    if kind == "hhmm":
        return bool(_HHMM.match(arg))
    if kind == "mode":
        return arg in MODES
    if kind == "hash":
        return bool(_HASH.match(arg))
    if kind == "step":
        return arg in FEEDBACK_STEPS
    if kind == "ref":
        return bool(_REF.match(arg))
    if kind == "stamp":
        return bool(_STAMP.match(arg))
    if kind == "chat":
        return bool(_CHAT.match(arg))
    if kind == "word":
        return bool(re.match(r"^[a-z]{1,12}$", arg))
    return False


def hhmm_code(hhmm: str) -> str:
    return hhmm.replace(":", "")


def hhmm_from_code(code: str) -> str:
    return f"{code[:2]}:{code[2:]}"


# ---------------------------------------------------------------- keyboards


def _button(text: str, action: str, *args: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(text, callback_data=encode(action, *args))


def page_count(total: int, size: int = PAGE_SIZE) -> int:
    return max(1, -(-total // size))


def clamp_page(page: int, total: int, size: int = PAGE_SIZE) -> int:
    return min(max(page, 0), page_count(total, size) - 1)


def storylines_keyboard(
    storylines: Sequence[tuple[str, str]], subscribed: set[str], page: int
) -> InlineKeyboardMarkup:
    """One row per storyline on this page (a Subscribe/Unsubscribe toggle), then paging."""
    page = clamp_page(page, len(storylines))
    rows: list[list[InlineKeyboardButton]] = []
    shown = storylines[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
    for (slug, _title), label in zip(shown, distinct_labels(shown, 40), strict=True):
        token = slug_token(slug)
        info = _button("ℹ️", "inf", token)
        if slug in subscribed:
            rows.append([_button(f"✅ {label} — Unsubscribe", "uns", token, page), info])
        else:
            rows.append([_button(f"➕ {label} — Subscribe", "sub", token, page), info])
    pages = page_count(len(storylines))
    if pages > 1:
        nav: list[InlineKeyboardButton] = []
        if page > 0:
            nav.append(_button("‹ Previous", "pg", page - 1))
        nav.append(_button(f"{page + 1}/{pages}", "pg", page))
        if page < pages - 1:
            nav.append(_button("Next ›", "pg", page + 1))
        rows.append(nav)
    return InlineKeyboardMarkup(rows)


def pick_keyboard(command: str, storylines: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per storyline (at most MAX_PICKS) that runs `command` for it."""
    shown = storylines[:MAX_PICKS]
    return InlineKeyboardMarkup(
        [
            [_button(label, "pk", command, slug_token(slug))]
            for (slug, _title), label in zip(shown, distinct_labels(shown, 48), strict=True)
        ]
    )


def distinct_labels(storylines: Sequence[tuple[str, str]], limit: int) -> list[str]:
    """Button labels for (slug, title) pairs, no two alike: a title cut to the same beginning
    as another keeps its end instead, and identical titles are told apart by their slugs."""
    labels = [_short(title, limit) for _slug, title in storylines]
    clash = Counter(labels)
    labels = [
        _ends(title, limit) if clash[label] > 1 else label
        for (_slug, title), label in zip(storylines, labels, strict=True)
    ]
    clash = Counter(labels)
    return [
        _short(f"{label} ({slug})", limit) if clash[label] > 1 else label
        for (slug, _title), label in zip(storylines, labels, strict=True)
    ]


def _ends(text: str, limit: int) -> str:
    """The beginning and the end of `text` within `limit` characters, the middle cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head].rstrip() + "…" + text[-(limit - 1 - head) :].lstrip()


# Reader options by the word in their callback data: (chat option, label).
OPTION_LABELS: dict[str, tuple[str, str]] = {
    "why": ("show_why", "🔎 Why it matched"),
    "silent": ("silent", "🔕 Silent"),
    "preview": ("link_previews", "🔗 Link previews"),
    "map": ("trip_maps", "🗺 Trip maps"),
}


def settings_keyboard(options: dict[str, bool] | None = None) -> InlineKeyboardMarkup:
    """The settings menu; `options` (chat option → on) adds a toggle per reader option."""
    rows = [
        [_button("🌍 Timezone", "tzm"), _button("🕗 Digest times", "dtm")],
        [_button("🌙 Quiet hours", "qm"), _button("📬 Delivery per storyline", "mm")],
    ]
    if options is not None:
        toggles = [
            _button(("✅ " if options.get(name) else "▫️ ") + label, "opt", word)
            for word, (name, label) in OPTION_LABELS.items()
        ]
        rows.extend(toggles[i:i + 2] for i in range(0, len(toggles), 2))  # two fit a phone's width
    return InlineKeyboardMarkup(rows)


def _back() -> list[InlineKeyboardButton]:
    return [_button("‹ Back to settings", "set")]


def timezone_keyboard(current: str) -> InlineKeyboardMarkup:
    buttons = [
        _button(("• " if tz == current else "") + tz, "tz", i) for i, tz in enumerate(TIMEZONES)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return InlineKeyboardMarkup([*rows, _back()])


def digest_times_keyboard(current: Sequence[str]) -> InlineKeyboardMarkup:
    buttons = [
        _button(("✅ " if t in current else "▫️ ") + t, "dt", hhmm_code(t)) for t in DIGEST_TIMES
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    return InlineKeyboardMarkup([*rows, _back()])


def quiet_label(preset: tuple[str, str] | None) -> str:
    return "Off" if preset is None else f"{preset[0]}–{preset[1]}"


def quiet_keyboard(current: tuple[str, str] | None) -> InlineKeyboardMarkup:
    rows = [
        [_button(("• " if p == current else "") + quiet_label(p), "q", i)]
        for i, p in enumerate(QUIET_PRESETS)
    ]
    return InlineKeyboardMarkup([*rows, _back()])


def modes_keyboard(subs: Sequence[tuple[str, str, str]]) -> InlineKeyboardMarkup:
    """subs: (slug, title, mode). One row per subscription: title, then the three modes."""
    rows: list[list[InlineKeyboardButton]] = []
    for slug, title, mode in subs[:20]:
        token = slug_token(slug)
        rows.append([_button(_short(title, 30), "mm")])
        rows.append(
            [
                _button(("• " if mode == name else "") + name.capitalize(), "m", token, code)
                for code, name in MODES.items()
            ]
        )
    return InlineKeyboardMarkup([*rows, _back()])


def mark_read_keyboard(shown_at: int) -> InlineKeyboardMarkup:
    """Under a digest asked for with /digest: move the "since" mark to when it was shown."""
    return InlineKeyboardMarkup([[_button("✓ Mark as read", "rd", shown_at)]])


def remove_feeds_keyboard(feeds: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """feeds: (url, title). A feed is named in callback data by a short hash of its URL."""
    rows = [[_button("🗑 " + _short(title or url, 45), "rf", short_hash(url))] for url, title in feeds]
    return InlineKeyboardMarkup(rows)


def publications_keyboard(pubs: Sequence[tuple[int, str, str, str]]) -> InlineKeyboardMarkup:
    """pubs: (channel id, slug, storyline title, channel title); a "Stop" button for each."""
    return InlineKeyboardMarkup(
        [
            [_button(f"🛑 Stop {_short(title, 28)} → {_short(channel, 20)}", "unp", chat_id, slug_token(slug))]
            for chat_id, slug, title, channel in pubs
        ]
    )


def choices_keyboard(choices: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """Buttons for a guided conversation: (label, word)."""
    return InlineKeyboardMarkup([[_button(label, "tk", word)] for label, word in choices])


def more_like_keyboard(slug: str, ref: str, title: str) -> InlineKeyboardMarkup:
    """Under an item storyline `slug` (titled `title`) missed: teach it that items like this
    belong to it (asks to confirm first)."""
    label = f"➕ More like this for {_short(title, 40)}"
    return InlineKeyboardMarkup([[_button(label, "fb", "m", slug_token(slug), ref)]])


def feedback_keyboard(slug: str, ref: str, step: str = "", title: str = "") -> InlineKeyboardMarkup:
    """Relevance feedback on an item (`ref`: the start of its id) for a storyline: the offer
    ("" after a cancel: "cn"/"cm"), or, after "n"/"m", the confirm step for that verdict.
    A cancelled "more like this" names the storyline's `title` again when given.
    """
    if step == "cm" and title:
        return more_like_keyboard(slug, ref, title)
    token = slug_token(slug)
    if step in ("n", "m"):
        question = "not about this story" if step == "n" else "more like this"
        return InlineKeyboardMarkup(
            [
                [
                    _button(f"✅ Yes, {question}", "fb", "y" + step, token, ref),
                    _button("✖️ Cancel", "fb", "c" + step, token, ref),
                ]
            ]
        )
    if step == "cm":
        return InlineKeyboardMarkup([[_button("➕ More like this", "fb", "m", token, ref)]])
    return InlineKeyboardMarkup([[_button("🚫 Not about this story", "fb", "n", token, ref)]])


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"

"""/settings by buttons (timezone, digest times, quiet hours, delivery per storyline), /pause, /resume."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot.services.chats import ChatState
from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers.common import (
    GROUP_ADMINS_ONLY,
    can_manage_chat,
    ensure_chat,
    esc,
    reply,
    required_arg,
    wake_deliverer,
)

MODE_HELP = "Instant: a briefing as news arrives. Digest: only in your digest. Both: both."


def settings_text(state: ChatState, context: AttacheContext) -> str:
    times = ", ".join(state.digest_times) or "none (no digests)"
    if state.next_digest_at is not None and state.digest_times:
        from bot.briefings.digest import zone

        local = state.next_digest_at.astimezone(zone(state.timezone))
        nxt = f"\nNext digest: {local:%a %d %b, %H:%M}"
    else:
        nxt = ""
    status = "⏸ paused (/resume)" if state.paused else "▶️ active (/pause)"
    return (
        "<b>Settings</b>\n"
        f"Timezone: {esc(state.timezone)}\n"
        f"Digest times: {esc(times)}\n"
        f"Quiet hours: {esc(kb.quiet_label(state.quiet))}\n"
        f"Deliveries: {status}{nxt}\n"
        f"Briefings: {options_text(state)}"
    )


def options_text(state: ChatState) -> str:
    why = "with" if state.show_why else "without"
    sound = "silent" if state.silent else "with notification"
    preview = "link previews" if state.link_previews else "no link previews"
    maps = "trip maps" if state.trip_maps else "no trip maps"
    return f"{why} “Why it matched”, {sound}, {preview}, {maps}"


def options_of(state: ChatState) -> dict[str, bool]:
    return {
        "show_why": state.show_why, "silent": state.silent, "link_previews": state.link_previews,
        "trip_maps": state.trip_maps,
    }


async def settings(update: Update, context: AttacheContext) -> None:
    state = await ensure_chat(update, context)
    await reply(update, settings_text(state, context), kb.settings_keyboard(options_of(state)))


async def timezone_command(update: Update, context: AttacheContext) -> None:
    """/timezone Area/City: any IANA zone, for places the buttons do not list; a city alone
    ("berlin") or any capitalisation works, anything else gets close suggestions."""
    from bot.briefings.zones import resolve_zone

    text = await required_arg(
        update, context, "Usage: <code>/timezone Europe/Berlin</code>\nOr pick one in /settings."
    )
    if text is None:
        return
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return
    # A city the zone keys do not name is looked up in the gazetteer, whose first load takes
    # about half a second: in a thread, so other chats' updates are not held up meanwhile.
    answer = await asyncio.to_thread(resolve_zone, text)
    if answer.key is None:
        await reply(update, zone_refusal(text, answer.suggestions, answer.is_area))
        return
    state = await ensure_chat(update, context)
    state = await context.app.chats.set_timezone(state, answer.key)
    await reply(update, settings_text(state, context))


def zone_refusal(text: str, suggestions: tuple[str, ...], is_area: bool) -> str:
    """Why `text` is not a time zone, with the suggestions as commands to tap."""
    if is_area:
        head = f"<code>{esc(text)}</code> is a region, not a time zone: name a city in it."
    else:
        head = f"<code>{esc(text)}</code> is not a time zone I know."
    if suggestions:
        options = "\n".join(f"/timezone {esc(key)}" for key in suggestions)
        return f"{head}\nDid you mean:\n{options}"
    return f"{head}\nTry a city (<code>/timezone Berlin</code>) or Area/City (Asia/Tokyo)."


async def _set_paused(update: Update, context: AttacheContext, paused: bool) -> None:
    if not await can_manage_chat(update, context):
        await reply(update, GROUP_ADMINS_ONLY)
        return
    state = await ensure_chat(update, context)
    if state.paused == paused:
        await reply(update, "Deliveries are already paused." if paused else "Deliveries are already on.")
        return
    chats = context.app.chats
    held = 0 if paused else await chats.held_count(state.chat_id)
    await chats.set_paused(state, paused)
    if paused:
        await reply(
            update,
            "⏸ Paused. No digests, and briefings are kept (the latest "
            f"{chats.held_limit}) until you send /resume; then they come as one message.",
        )
        return
    follow = f"\n{held} briefing{'s' if held != 1 else ''} held while paused follow in one message." if held else ""
    await reply(update, f"▶️ Resumed. Briefings and digests are on again.{follow}")
    wake_deliverer(context)  # the catch-up is queued


async def pause(update: Update, context: AttacheContext) -> None:
    await _set_paused(update, context, True)


async def resume(update: Update, context: AttacheContext) -> None:
    await _set_paused(update, context, False)


async def on_settings_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """Every settings button: change one thing, then redraw the menu in place."""
    query = update.callback_query
    assert query is not None
    changes = cb.action in ("tz", "dt", "q", "m", "opt")
    if changes and not await can_manage_chat(update, context):
        return GROUP_ADMINS_ONLY
    state = await ensure_chat(update, context)
    chats = context.app.chats
    answer: str | None = None
    if cb.action == "tz":
        index = cb.int_arg(0)
        if index >= len(kb.TIMEZONES):
            return "That timezone is not offered any more. Open /settings again."
        state = await chats.set_timezone(state, kb.TIMEZONES[index])
        answer = f"Timezone: {kb.TIMEZONES[index]}"
    elif cb.action == "dt":
        hhmm = kb.hhmm_from_code(cb.args[0])
        if hhmm not in kb.DIGEST_TIMES:
            return "That time is not offered. Open /settings again."
        times = set(state.digest_times) ^ {hhmm}
        state = await chats.set_digest_times(state, times)
        answer = f"Digest at {hhmm}: {'on' if hhmm in times else 'off'}"
    elif cb.action == "q":
        index = cb.int_arg(0)
        if index >= len(kb.QUIET_PRESETS):
            return "That choice is not offered any more. Open /settings again."
        preset = kb.QUIET_PRESETS[index]
        state = await chats.set_quiet_hours(state, preset)
        answer = f"Quiet hours: {kb.quiet_label(preset)}"
    elif cb.action == "opt":
        option = kb.OPTION_LABELS.get(cb.args[0])
        if option is None:
            return "That option is not offered. Open /settings again."
        name, label = option
        state = await chats.set_option(state, name, not getattr(state, name))
        answer = f"{label}: {'on' if getattr(state, name) else 'off'}"
    elif cb.action == "m":
        slug = kb.resolve_slug(cb.args[0], [s.slug for s in await chats.subscriptions(state.chat_id)])
        if slug is None:
            return "This chat no longer follows that storyline. Open /settings again."
        mode = kb.MODES[cb.args[1]]
        await chats.set_mode(state.chat_id, slug, mode)
        answer = f"{mode.capitalize()} delivery"

    text, markup = await _menu(cb.action, state, context)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    return answer


async def _menu(action: str, state: ChatState, context: AttacheContext) -> tuple[str, InlineKeyboardMarkup]:
    head = settings_text(state, context)
    if action in ("tzm", "tz"):
        return head + "\n\n<b>Choose a timezone</b>", kb.timezone_keyboard(state.timezone)
    if action in ("dtm", "dt"):
        return head + "\n\n<b>Tap times to switch them on or off</b>", kb.digest_times_keyboard(state.digest_times)
    if action in ("qm", "q"):
        return head + "\n\n<b>No digests during</b>", kb.quiet_keyboard(state.quiet)
    if action in ("mm", "m"):
        subs = await context.app.chats.subscriptions(state.chat_id)
        if not subs:
            return head + "\n\nThis chat follows no storylines yet: see /storylines.", kb.settings_keyboard(options_of(state))
        rows = [(s.slug, context.app.storylines.title(s.slug), s.mode) for s in subs]
        return head + f"\n\n<b>Delivery per storyline</b>\n{MODE_HELP}", kb.modes_keyboard(rows)
    return head, kb.settings_keyboard(options_of(state))

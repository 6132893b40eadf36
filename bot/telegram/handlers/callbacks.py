"""One entry point for every inline button: decode, validate, dispatch, always answer the query."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import BadRequest, TelegramError

from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers import (
    admin,
    channels,
    feedback,
    picks,
    reading,
    settings,
    subscriptions,
    track,
)
from bot.telegram.stale import is_stale

log = logging.getLogger(__name__)

ButtonHandler = Callable[[Update, AttacheContext, kb.Callback], Awaitable[str | None]]

ROUTES: dict[str, ButtonHandler] = {
    "pg": subscriptions.on_storylines_button,
    "sub": subscriptions.on_storylines_button,
    "uns": subscriptions.on_storylines_button,
    "set": settings.on_settings_button,
    "tzm": settings.on_settings_button,
    "tz": settings.on_settings_button,
    "dtm": settings.on_settings_button,
    "dt": settings.on_settings_button,
    "qm": settings.on_settings_button,
    "q": settings.on_settings_button,
    "mm": settings.on_settings_button,
    "m": settings.on_settings_button,
    "rf": admin.on_remove_feed_button,
    "tk": track.on_track_button,
    "fb": feedback.on_feedback_button,
    "pk": picks.on_pick_button,
    "inf": subscriptions.on_info_button,
    "opt": settings.on_settings_button,
    "rd": reading.on_mark_read_button,
    "unp": channels.on_unpublish_button,
}
assert set(ROUTES) == set(kb.ACTIONS), "every callback action needs a route"


async def on_button(update: Update, context: AttacheContext) -> None:
    query = update.callback_query
    if query is None:
        return
    answer: str | None
    alert = False
    try:
        cb = kb.decode(query.data)
    except kb.CallbackError as exc:
        log.info("refused callback data %r from user %s", (query.data or "")[:64], query.from_user.id)
        answer, alert = str(exc), True
    else:
        if query.message is None or update.effective_chat is None:
            answer, alert = "This message is too old for its buttons. Send /start.", True
        else:
            try:
                answer = await ROUTES[cb.action](update, context, cb)
            except BadRequest as exc:
                if is_stale(exc):  # the message was deleted meanwhile: expected, not a bug
                    log.info("button %s on a message that is gone: %s", cb.action, exc)
                    answer = "That message is gone. Send /start for a fresh one."
                elif "not modified" in str(exc).lower():
                    answer = None  # pressing the button that is already selected
                else:
                    raise
    try:
        await query.answer(answer[:200] if answer else None, show_alert=alert)
    except TelegramError as exc:  # the query may have expired: nothing to tell the user
        log.info("could not answer callback query: %s", exc)

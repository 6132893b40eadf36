"""Storyline pick buttons: a bare /latest, /timeline, /subscribe or /unsubscribe (or a "did you
mean") offers storylines as buttons; a tap runs that command for the one picked."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from bot.telegram import keyboards as kb
from bot.telegram.context import AttacheContext
from bot.telegram.handlers import ownership, reading, subscriptions
from bot.telegram.handlers.common import storyline_titles

PickCommand = Callable[[Update, AttacheContext, str], Awaitable[None]]

# The commands a pick button may run; callback data names one of these words, nothing else.
PICK_COMMANDS: dict[str, PickCommand] = {
    "latest": reading.show_latest,
    "timeline": reading.show_timeline,
    "subscribe": subscriptions.subscribe_to,
    "unsubscribe": subscriptions.unsubscribe_from,
    "export": ownership.send_export,
}


async def on_pick_button(update: Update, context: AttacheContext, cb: kb.Callback) -> str | None:
    """Run the picked command for the picked storyline, if the chat may still see it."""
    command = PICK_COMMANDS.get(cb.args[0])
    if command is None:
        return "This button is no longer valid. Send the command again."
    visible = [slug for slug, _ in await storyline_titles(update, context)]
    slug = kb.resolve_slug(cb.args[1], visible)
    if slug is None:
        return "That storyline no longer exists. Send /storylines for the current list."
    await command(update, context, slug)
    return None

"""The registered commands: one list feeds the handlers, /help and setMyCommands."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import BotCommand

from bot.telegram.handlers import (
    admin,
    channels,
    ownership,
    reading,
    settings,
    start,
    subscriptions,
)

Callback = Callable[[Any, Any], Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    description: str
    callback: Callback | None  # None: handled by a conversation (see /track)
    args: str = ""
    admin: bool = False

    def help_line(self) -> str:
        args = f" {self.args}" if self.args else ""
        return f"/{self.name}{args.replace('<', '&lt;').replace('>', '&gt;')} — {self.description}"

    def bot_command(self) -> BotCommand:
        return BotCommand(self.name, self.description[:256])


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "What I do, and the storylines to follow", start.start),
    CommandSpec("help", "This list of commands", start.help_command),
    CommandSpec("storylines", "Browse storylines and subscribe", subscriptions.storylines),
    CommandSpec("subscribe", "Follow a storyline", subscriptions.subscribe, "<storyline>"),
    CommandSpec("unsubscribe", "Stop following a storyline", subscriptions.unsubscribe, "<storyline>"),
    CommandSpec("mysubs", "The storylines this chat follows", subscriptions.mysubs),
    CommandSpec("latest", "The newest briefings of a storyline", reading.latest, "<storyline>"),
    CommandSpec(
        "timeline", "Itinerary and meetings in order, with sources; a map of the trip",
        reading.timeline, "<storyline>",
    ),
    CommandSpec("who", "A person's meetings and quotes; a graph of who they met", reading.who, "<name>"),
    CommandSpec("digest", "My digest, now", reading.digest),
    CommandSpec("settings", "Timezone, digest times, quiet hours, delivery, options", settings.settings),
    CommandSpec("timezone", "Set the timezone by name", settings.timezone_command, "<city or Area/City>"),
    CommandSpec("track", "Create a storyline, step by step", None),
    CommandSpec("edit", "Redefine a storyline this chat made, step by step", None, "<storyline>"),
    CommandSpec("untrack", "Delete a storyline this chat made", ownership.untrack, "<storyline>"),
    CommandSpec("export", "A storyline's definition as a TOML file", ownership.export, "<storyline>"),
    CommandSpec("pause", "Pause all deliveries to this chat", settings.pause),
    CommandSpec("resume", "Resume deliveries", settings.resume),
    CommandSpec("feeds", "List feeds and their health", admin.feeds, admin=True),
    CommandSpec("addfeed", "Add a feed", admin.addfeed, "<url>", admin=True),
    CommandSpec("removefeed", "Remove a feed", admin.removefeed, admin=True),
    CommandSpec("status", "Feed health, outbox depth, last poll, errors", admin.status, admin=True),
    CommandSpec(
        "share", "Share a chat's private storyline with every chat", ownership.share,
        "[storyline]", admin=True,
    ),
    CommandSpec(
        "publish", "Post a storyline's briefings to a channel; bare: the publications",
        channels.publish, "[@channel storyline]", admin=True,
    ),
    CommandSpec(
        "unpublish", "Stop posting a storyline to a channel", channels.unpublish,
        "@channel storyline", admin=True,
    ),
)


def public_bot_commands() -> list[BotCommand]:
    """What setMyCommands advertises to everyone (admin commands stay out of the menu)."""
    return [spec.bot_command() for spec in COMMANDS if not spec.admin]

"""Typed PTB context: handlers reach the App and bot-wide state as attributes, not string keys."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.redact import error_text, redact

if TYPE_CHECKING:
    from bot.app import App
    from bot.telegram.handlers.registry import CommandSpec


@dataclass(frozen=True, slots=True)
class ErrorNote:
    """One error the bot survived, kept for /status."""

    at: datetime
    where: str
    message: str


class BotData:
    """Bot-wide state. PTB instantiates it with no arguments; build_application fills it in."""

    def __init__(self) -> None:
        self._app: App | None = None
        self.deliverer: Any = None
        self.commands: tuple[CommandSpec, ...] = ()
        self.last_tick_at: datetime | None = None
        self.errors: deque[ErrorNote] = deque(maxlen=20)
        self.tick_task: asyncio.Task[Any] | None = None  # the scheduler step running now
        self.delivering = False  # True while the deliverer's own loop drains the outbox
        self.migrations_seen = 0  # groups the deliverer found migrated, as last noticed
        self.webhook: Any = None  # the WebhookServer in webhook mode

    @property
    def app(self) -> App:
        if self._app is None:
            raise RuntimeError("the Telegram application was built without an App")
        return self._app

    @app.setter
    def app(self, value: App) -> None:
        self._app = value

    def note_error(self, at: datetime, where: str, error: BaseException | str | None) -> None:
        """Keep an error for /status, redacted (an error text can echo a Bot API URL)."""
        self.errors.append(ErrorNote(at, redact(where)[:100], error_text(error, 300)))


class AttacheContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context every handler receives."""

    @property
    def app(self) -> App:
        return self.bot_data.app

    @property
    def now(self) -> datetime:
        return self.bot_data.app.clock()


AttacheApplication = Application[
    ExtBot[None], AttacheContext, dict[Any, Any], dict[Any, Any], BotData, Any
]

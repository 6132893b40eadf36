"""Long polling by one instance at a time, and a 409 Conflict said in one line.

Telegram serves getUpdates to one client per bot: a second one gets 409 Conflict. With several
instances on one PostgreSQL database, the instance holding the "polling" advisory lock (see
bot.storage.instances) polls; the others keep polling feeds, producing digests and sending, and
try for the lock every second, so one of them takes over within about a second when the
holder dies. On SQLite there is one instance, and it polls at once.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram.error import Conflict, TelegramError

from bot.redact import error_text

log = logging.getLogger(__name__)

# A standby's try for the lock is one pg_try_advisory_lock query; at 2 s, a kill left Telegram's
# updates unread for 0.6-1.4 s (bench multi, multi_instance_takeover_s).
CHECK_S = 1.0


class PollingTurn:
    """Starts and stops `updater`'s long polling as this instance gains or loses the lock."""

    def __init__(
        self, updater: Any, instances: Any, *, poll_timeout: int, check_s: float = CHECK_S
    ) -> None:
        self._updater = updater
        self._instances = instances
        self._poll_timeout = poll_timeout
        self._check_s = check_s
        self._conflict_logged = False

    @property
    def polling(self) -> bool:
        return bool(self._updater.running)

    async def begin(self) -> None:
        """Poll now if this instance may (always on SQLite); else leave it to keep()."""
        if self._instances is None:  # storage without instance coordination: the only one
            await self._start()
            return
        try:
            await self._instances.join()
            leads = await self._instances.lead("polling")
        except (SQLAlchemyError, OSError) as exc:
            log.warning("polling lock not available yet (%s); trying again shortly", error_text(exc))
            return
        if leads:
            await self._start()
        else:
            log.info("another instance receives Telegram's updates; this one stands by for them")

    async def keep(self, stop: asyncio.Event) -> None:
        """Until `stop`: take over polling when the lock comes free, stop if it is lost."""
        if not getattr(self._instances, "coordinated", False):
            return
        while not stop.is_set():
            try:
                await asyncio.wait_for(stop.wait(), self._check_s)
                return
            except TimeoutError:
                pass
            try:
                await self._step()
            except (SQLAlchemyError, OSError) as exc:
                log.warning("polling lock check failed (%s); trying again", error_text(exc))

    async def _step(self) -> None:
        if self.polling:
            if not await self._instances.still_holding():
                await self._updater.stop()
                log.warning("lost the polling lock with the database session; polling stopped")
            return
        await self._instances.join()
        if await self._instances.lead("polling"):
            log.info("took over receiving Telegram's updates (long polling)")
            await self._start()

    async def _start(self) -> None:
        self._conflict_logged = False
        await self._updater.start_polling(
            poll_interval=0.0,
            timeout=self._poll_timeout,
            drop_pending_updates=False,
            error_callback=self._on_error,
        )

    def _on_error(self, exc: TelegramError) -> None:
        """PTB retries getUpdates by itself; say what went wrong in one line, a 409 once."""
        if isinstance(exc, Conflict):
            if not self._conflict_logged:
                self._conflict_logged = True
                log.warning(
                    "Telegram answered 409 Conflict: another process is receiving this bot's "
                    "updates (a second instance not sharing this database, or a webhook); "
                    "retrying quietly"
                )
            return
        log.warning("getUpdates failed: %s; retrying", error_text(exc))

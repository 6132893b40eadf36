"""The bot's status from the database: what /status, `attache status`, /healthz and /metrics
show, and the bot instances sharing the database.
"""

from __future__ import annotations

from datetime import datetime

from bot.clock import Clock
from bot.ops.figures import Figures
from bot.ops.status import RECENT, render_status
from bot.storage.ports import InstanceRegistry, StoragePort


class StatusService:
    """Reads the durable figures in one go and renders the status view over them."""

    def __init__(self, storage: StoragePort, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def figures(self, now: datetime | None = None) -> Figures:
        """The figures at `now` (default: the clock's now); "new items" are the last 24 h's."""
        at = now or self._clock()
        return await self._storage.figures.read(at - RECENT, at)

    async def render(self, fmt: str = "text") -> str:
        """The status view as terminal text or Telegram HTML."""
        now = self._clock()
        return render_status(await self.figures(now), now, fmt)

    async def instances_running(self) -> list[str] | None:
        """The ids of the instances running on this database; None when instances are not
        coordinated (SQLite, or a storage without a registry).
        """
        registry: InstanceRegistry | None = getattr(self._storage, "instances", None)
        if registry is None or not registry.coordinated:
            return None
        return await registry.running()

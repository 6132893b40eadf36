"""The figures behind /status and `attache status`: feeds, polls, items, outbox, failures."""

from __future__ import annotations

from datetime import datetime

from bot.ops.status import read_figures
from bot.storage.figures import Figures
from bot.storage.ports import StoragePort

__all__ = ["Figures", "StatusService"]


class StatusService:
    """Reads the status figures from the database in one go."""

    def __init__(self, storage: StoragePort) -> None:
        self._storage = storage

    async def figures(self, now: datetime) -> Figures:
        """The figures as of `now`."""
        return await read_figures(self._storage, now)

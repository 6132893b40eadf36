"""The figures behind /status and `attache status`: feeds, polls, items, outbox, failures, and
the bot instances sharing the database."""

from __future__ import annotations

from datetime import datetime

from bot.ops.status import read_figures
from bot.storage.figures import Figures
from bot.storage.ports import InstanceRegistry, StoragePort

__all__ = ["Figures", "StatusService"]


class StatusService:
    """Reads the status figures from the database in one go."""

    def __init__(self, storage: StoragePort) -> None:
        self._storage = storage

    async def figures(self, now: datetime) -> Figures:
        """The figures as of `now`."""
        return await read_figures(self._storage, now)

    async def instances_running(self) -> list[str] | None:
        """The ids of the instances running on this database; None when instances are not
        coordinated (SQLite, or a storage without a registry)."""
        registry: InstanceRegistry | None = getattr(self._storage, "instances", None)
        if registry is None or not registry.coordinated:
            return None
        return await registry.running()

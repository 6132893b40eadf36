"""The feeds the bot reads: listing, adding, removing and re-enabling them (admin commands).

Addresses are checked against the URL policy by the caller before `add`; every fetch checks
them again.
"""

from __future__ import annotations

import builtins

from bot.storage.feeds import FeedState
from bot.storage.ports import FeedRepository

__all__ = ["FeedService", "FeedState"]


class FeedService:
    """Feeds and their health, as stored."""

    def __init__(self, repo: FeedRepository) -> None:
        self._repo = repo

    async def list(self) -> builtins.list[FeedState]:
        """Every feed, disabled ones included."""
        return await self._repo.list()

    async def get(self, url: str) -> FeedState | None:
        """The feed's stored state, or None for a feed not registered."""
        return await self._repo.get(url)

    async def add(self, url: str, title: str = "") -> FeedState:
        """Read this feed from the next poll on (a known URL is left as it is)."""
        return await self._repo.add(url, title)

    async def remove(self, url: str) -> bool:
        """Stop reading a feed; what was read from it stays. False when it was unknown."""
        return await self._repo.remove(url)

    async def enable(self, url: str) -> FeedState | None:
        """Poll a disabled feed again from the next cycle; None when the URL is unknown."""
        return await self._repo.enable(url)

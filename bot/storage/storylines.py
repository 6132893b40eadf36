"""Stored storyline definitions: the full definition as JSON, plus slug, title and window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from bot.models import Storyline
from bot.storage.base import Repo
from bot.storage.codec import storyline_from_json, storyline_to_json
from bot.storage.schema import storylines


def _row(storyline: Any) -> dict[str, Any]:
    if not isinstance(storyline, Storyline):
        raise TypeError(f"expected a Storyline, got {type(storyline).__name__}")
    if not storyline.slug:
        raise ValueError("a storyline needs a non-empty slug")
    return {
        "slug": storyline.slug,
        "title": storyline.title,
        "window_start": storyline.window_start,
        "window_end": storyline.window_end,
        "definition": storyline_to_json(storyline),
    }


class StorylineRepo(Repo):
    """Storylines by slug."""

    async def sync(self, items: Sequence[Storyline]) -> None:
        """Insert or update each storyline by slug (the last one wins when a slug repeats).

        Storylines not in `items` are kept: subscriptions and matches may still refer to them.
        """
        rows = {s.slug: _row(s) for s in items}
        if not rows:
            return
        now = self._now()
        async with self._write() as conn:
            for row in rows.values():
                stmt = self._insert(storylines).values(**row, created_at=now, updated_at=now)
                stmt = stmt.on_conflict_do_update(
                    index_elements=["slug"],
                    set_={
                        "title": stmt.excluded.title,
                        "window_start": stmt.excluded.window_start,
                        "window_end": stmt.excluded.window_end,
                        "definition": stmt.excluded.definition,
                        "updated_at": stmt.excluded.updated_at,
                    },
                )
                await conn.execute(stmt)

    async def add(self, storyline: Storyline) -> Storyline:
        """Store one storyline (replacing the stored one with the same slug)."""
        await self.sync([storyline])
        return storyline

    async def list(self) -> list[Storyline]:
        """Every stored storyline, by slug."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(storylines.c.definition).order_by(storylines.c.slug))
            return [storyline_from_json(d) for d in rows.scalars()]

    async def get(self, slug: str) -> Storyline | None:
        async with self._engine.connect() as conn:
            data = (
                await conn.execute(select(storylines.c.definition).where(storylines.c.slug == slug))
            ).scalar_one_or_none()
        return storyline_from_json(data) if data is not None else None

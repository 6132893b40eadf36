"""Stored storyline definitions: the full definition as JSON, slug, title, window and owner chat."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, func, select, update

from bot.models import Storyline
from bot.storage.base import Repo
from bot.storage.codec import storyline_from_json, storyline_to_json
from bot.storage.schema import briefed_events, match_feedback, matches, storylines, subscriptions


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

    async def sync(self, items: Sequence[Storyline], owner_chat_id: int | None = None) -> None:
        """Insert or update each storyline by slug (the last one wins when a slug repeats),
        owned by `owner_chat_id` (None: shared with every chat, as storylines from files are).

        Storylines not in `items` are kept: subscriptions and matches may still refer to them.
        """
        rows = {s.slug: _row(s) for s in items}
        if not rows:
            return
        now = self._now()
        async with self._write() as conn:
            for row in rows.values():
                stmt = self._insert(storylines).values(
                    **row, created_at=now, updated_at=now, owner_chat_id=owner_chat_id
                )
                stmt = stmt.on_conflict_do_update(
                    index_elements=["slug"],
                    set_={
                        "title": stmt.excluded.title,
                        "window_start": stmt.excluded.window_start,
                        "window_end": stmt.excluded.window_end,
                        "definition": stmt.excluded.definition,
                        "updated_at": stmt.excluded.updated_at,
                        "owner_chat_id": stmt.excluded.owner_chat_id,
                    },
                )
                await conn.execute(stmt)

    async def add(self, storyline: Storyline, owner_chat_id: int | None = None) -> Storyline:
        """Store one storyline (replacing the stored one with the same slug)."""
        await self.sync([storyline], owner_chat_id)
        return storyline

    async def owners(self) -> dict[str, int]:
        """slug → owner chat of every private storyline (shared ones are not listed)."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(storylines.c.slug, storylines.c.owner_chat_id).where(
                    storylines.c.owner_chat_id.is_not(None)
                )
            )
            return {slug: int(owner) for slug, owner in rows.all()}

    async def count_owned(self, chat_id: int) -> int:
        """How many private storylines `chat_id` owns."""
        async with self._engine.connect() as conn:
            value = await conn.execute(
                select(func.count()).where(storylines.c.owner_chat_id == chat_id)
            )
            return int(value.scalar() or 0)

    async def set_owner(self, slug: str, owner_chat_id: int | None) -> bool:
        """Give a storyline to a chat, or share it with every chat (None); False if unknown."""
        async with self._write() as conn:
            result = await conn.execute(
                update(storylines)
                .where(storylines.c.slug == slug)
                .values(owner_chat_id=owner_chat_id, updated_at=self._now())
            )
        return bool(result.rowcount)

    async def remove(self, slug: str) -> bool:
        """Forget a storyline with its subscriptions, matches, feedback and briefing records (a slug
        used again later must not inherit them); False if it was not stored."""
        async with self._write() as conn:
            await conn.execute(delete(subscriptions).where(subscriptions.c.slug == slug))
            await conn.execute(delete(briefed_events).where(briefed_events.c.slug == slug))
            await conn.execute(delete(matches).where(matches.c.slug == slug))
            await conn.execute(delete(match_feedback).where(match_feedback.c.slug == slug))
            result = await conn.execute(delete(storylines).where(storylines.c.slug == slug))
        return bool(result.rowcount)

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

"""Readers' confirmed relevance feedback, one judgement per (storyline, article)."""

from __future__ import annotations

import re

from sqlalchemy import delete, select

from bot.storage.base import Repo
from bot.storage.errors import StorageError
from bot.storage.schema import articles, match_feedback
from bot.storylines.feedback import Example

# An article is named in callback data by the start of its id: 16 hex digits.
_REF = re.compile(r"^[0-9a-f]{16}$")


class FeedbackRepo(Repo):
    """Confirmed "not about this story" and "more like this" judgements."""

    async def record(self, example: Example, decided_by: int) -> None:
        """Store a judgement; the same (storyline, article) judged again is replaced. The
        article must be stored: otherwise StorageError names it and nothing is stored.
        """
        now = self._now()
        async with self._write() as conn:
            known = await conn.execute(
                select(articles.c.id).where(articles.c.id == example.article_id)
            )
            if known.scalar_one_or_none() is None:
                raise StorageError(
                    f"feedback refers to an article not stored: {example.article_id}"
                )
            stmt = self._insert(match_feedback).values(
                slug=example.slug,
                article_id=example.article_id,
                verdict=example.verdict,
                terms=list(example.terms),
                decided_by=decided_by,
                created_at=now,
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=["slug", "article_id"],
                set_={
                    "verdict": stmt.excluded.verdict,
                    "terms": stmt.excluded.terms,
                    "decided_by": stmt.excluded.decided_by,
                    "created_at": stmt.excluded.created_at,
                },
            )
            await conn.execute(stmt)

    async def examples(self) -> list[Example]:
        """Every stored judgement, oldest first."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(match_feedback).order_by(
                    match_feedback.c.created_at, match_feedback.c.slug, match_feedback.c.article_id
                )
            )
            return [
                Example(r.slug, r.article_id, r.verdict, tuple(r.terms)) for r in rows.mappings()
            ]

    async def forget_storyline(self, slug: str) -> int:
        """Drop a storyline's judgements (it was deleted); returns how many."""
        async with self._write() as conn:
            result = await conn.execute(delete(match_feedback).where(match_feedback.c.slug == slug))
            return int(result.rowcount or 0)

    async def article_by_ref(self, ref: str) -> str | None:
        """The id of the stored article whose id starts with `ref` (16 hex digits), or None."""
        if not _REF.match(ref):
            raise ValueError(f"an article reference is 16 hex digits, got {ref!r}")
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(articles.c.id).where(articles.c.id.startswith(ref, autoescape=True)).limit(2)
            )
            found = list(rows.scalars())
        return found[0] if len(found) == 1 else None

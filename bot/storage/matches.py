"""Stored storyline matches, with the evidence that explains each one."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.models import Article, Match
from bot.storage.articles import article_from_row
from bot.storage.base import Repo, chunks
from bot.storage.codec import match_explanation, match_from_row
from bot.storage.errors import StorageError
from bot.storage.schema import articles, matches
from bot.storage.types import require_aware


def _check(match: Any) -> Match:
    if not isinstance(match, Match):
        raise TypeError(f"expected a Match, got {type(match).__name__}")
    if not match.article_id or not match.slug:
        raise ValueError(f"a match needs an article id and a slug, got {match!r}")
    if not math.isfinite(match.score):
        raise ValueError(f"match {match.article_id}/{match.slug}: score must be finite")
    return match


class MatchRepo(Repo):
    """Which stored article matched which storyline, how strongly and why."""

    async def add_many(self, items: Sequence[Match]) -> None:
        """Store matches; storing (article_id, slug) again replaces its score and evidence.

        Every article must already be stored: a match for an unknown article is refused with
        StorageError naming it, and nothing from the batch is stored.
        """
        latest = {(m.article_id, m.slug): m for m in (_check(m) for m in items)}
        if not latest:
            return
        now = self._now()
        async with self._write() as conn:
            wanted = sorted({m.article_id for m in latest.values()})
            known: set[str] = set()
            for part in chunks(wanted):
                rows = await conn.execute(select(articles.c.id).where(articles.c.id.in_(part)))
                known.update(rows.scalars())
            missing = [i for i in wanted if i not in known]
            if missing:
                raise StorageError(
                    f"matches refer to {len(missing)} article(s) not stored: {', '.join(missing[:5])}"
                )
            stmt = self._insert(matches)
            stmt = stmt.on_conflict_do_update(
                index_elements=["article_id", "slug"],
                set_={"score": stmt.excluded.score, "explanation": stmt.excluded.explanation},
            )
            for part in chunks(list(latest.values())):
                rows = [
                    {
                        "article_id": m.article_id,
                        "slug": m.slug,
                        "score": float(m.score),
                        "explanation": match_explanation(m),
                        "created_at": now,
                    }
                    for m in part
                ]
                await conn.execute(stmt, rows)

    async def for_article(self, article_id: str) -> list[Match]:
        """The storylines an article matched, by slug."""
        stmt = select(matches).where(matches.c.article_id == article_id).order_by(matches.c.slug)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        return [match_from_row(r.article_id, r.slug, r.score, r.explanation) for r in rows]

    async def for_storyline(
        self,
        slug: str,
        since: datetime | None = None,
        limit: int = 50,
        *,
        matched_since: datetime | None = None,
    ) -> list[tuple[Match, Article]]:
        """A storyline's matched articles, newest published first.

        `since` keeps articles published from then on; `matched_since` keeps matches made from
        then on (what is new for a reader, even when an outlet published it late).
        """
        if limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        stmt = (
            select(
                matches.c.score,
                matches.c.explanation,
                matches.c.slug,
                *articles.c,
            )
            .join(articles, articles.c.id == matches.c.article_id)
            .where(matches.c.slug == slug)
            .order_by(articles.c.published.desc(), articles.c.id)
            .limit(limit)
        )
        if since is not None:
            require_aware(since, "since")
            stmt = stmt.where(articles.c.published >= since)
        if matched_since is not None:
            require_aware(matched_since, "matched_since")
            stmt = stmt.where(matches.c.created_at >= matched_since)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        return [
            (match_from_row(r.id, r.slug, r.score, r.explanation), article_from_row(r))
            for r in rows
        ]

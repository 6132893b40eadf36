"""Stored articles: insert-if-new with dedupe by id, canonical url and content hash."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Article
from bot.storage.base import Repo, chunks, cut_text
from bot.storage.schema import articles
from bot.storage.types import require_aware

# Held (PostgreSQL) by every transaction that inserts articles: rows clash on several keys.
ARTICLES_LOCK = "attache.articles"

_FIELDS = tuple(f.name for f in dataclasses.fields(Article))

log = logging.getLogger(__name__)

# What is stored of one article at most (a hostile feed can send megabytes in any field).
# Longer free text is cut and ends in base.CUT_MARK; a longer link is not stored at all, since a
# cut link leads nowhere (the article keeps its id and content hash for deduplication).
MAX_TITLE_CHARS = 1_000
MAX_TEXT_CHARS = 200_000
MAX_SOURCE_CHARS = 200
MAX_URL_CHARS = 2_048
_CAPS = {"title": MAX_TITLE_CHARS, "text": MAX_TEXT_CHARS, "source_name": MAX_SOURCE_CHARS}


# Free text may lose stray NULs; identifying fields must not change, so a NUL there is refused.
_TEXT_FIELDS = ("guid", "title", "text", "source_name")
_KEY_FIELDS = ("id", "feed_url", "url", "content_hash")


def article_row(article: Article) -> dict[str, Any]:
    """The articles row for `article`.

    NUL characters are dropped (PostgreSQL text cannot hold them, and they carry no meaning in
    news text). An empty url or content hash is stored as NULL so that it never clashes.
    """
    row = {name: getattr(article, name) for name in _FIELDS}
    for name in _TEXT_FIELDS:
        if isinstance(row[name], str) and "\x00" in row[name]:
            row[name] = row[name].replace("\x00", "")
    row["content_hash"] = row["content_hash"] or None
    row["url"] = row["url"] or None
    return row


def capped(article: Article) -> tuple[Article, tuple[str, ...]]:
    """`article` within the stored sizes, and the names of the fields that were cut."""
    changes: dict[str, Any] = {}
    for name, limit in _CAPS.items():
        value = getattr(article, name)
        if len(value) > limit:
            changes[name] = cut_text(value, limit)
    if article.url and len(article.url) > MAX_URL_CHARS:
        changes["url"] = None
    if not changes:
        return article, ()
    return dataclasses.replace(article, **changes), tuple(changes)


def capped_batch(batch: Iterable[Article]) -> list[Article]:
    """Every article checked (TypeError/ValueError when unfit) and within the stored sizes;
    one log line says what was cut, and where.
    """
    out: list[Article] = []
    cut: dict[str, int] = {}
    feeds: set[str] = set()
    for article in batch:
        article, names = capped(_check(article))
        for name in names:
            cut[name] = cut.get(name, 0) + 1
            feeds.add(article.feed_url[:200])
        out.append(article)
    if cut:
        what = ", ".join(f"{n} {name}" for name, n in sorted(cut.items()))
        log.warning(
            "articles over the stored sizes (fields cut, over-long links dropped): %s; from %s",
            what, ", ".join(sorted(feeds)[:3]),
        )
    return out


def article_from_row(row: Any) -> Article:
    values = {name: getattr(row, name) for name in _FIELDS}
    values["content_hash"] = values["content_hash"] or ""
    return Article(**values)


def _check(article: Any) -> Article:
    if not isinstance(article, Article):
        raise TypeError(f"expected an Article, got {type(article).__name__}")
    if not article.id:
        raise ValueError("an article needs a non-empty id")
    for name in _KEY_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str) and "\x00" in value:
            raise ValueError(f"article {article.id!r}: {name} contains a NUL character")
    for name in ("published", "fetched_at"):
        value = getattr(article, name)
        if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"article {article.id}: {name} must be an aware datetime")
    return article


def unique_in_batch(batch: Iterable[Article]) -> list[Article]:
    """The first of each group of articles sharing an id, a canonical url or a content hash."""
    seen_ids: set[str] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    kept: list[Article] = []
    for article in batch:
        if (
            article.id in seen_ids
            or (article.url and article.url in seen_urls)
            or (article.content_hash and article.content_hash in seen_hashes)
        ):
            continue
        seen_ids.add(article.id)
        if article.url:
            seen_urls.add(article.url)
        if article.content_hash:
            seen_hashes.add(article.content_hash)
        kept.append(article)
    return kept


async def insert_new(
    conn: AsyncConnection, insert: Any, candidates: Sequence[Article], now: datetime
) -> set[str]:
    """Insert `candidates` (checked, capped, unique among themselves) inside the caller's
    transaction; the ids of those stored, a clash with a stored article skipping the row.
    """
    stored: set[str] = set()
    # No conflict target: a clash on any unique key (id, url, hash) skips the row. Executed
    # with a parameter list, the statement is compiled once and sent in batches.
    stmt = insert.on_conflict_do_nothing().returning(articles.c.id)
    for part in chunks(candidates):
        rows = [{**article_row(a), "created_at": now} for a in part]
        stored.update((await conn.execute(stmt, rows)).scalars())
    return stored


class ArticleRepo(Repo):
    """Articles, deduplicated within and across feeds."""

    async def add_many(self, batch: Sequence[Article]) -> list[Article]:
        """Store the articles not seen before and return them (as stored: over-long fields
        cut, see `capped`), in input order.

        A duplicate (same id, canonical url or content hash as a stored article or an earlier one
        in the batch) is skipped; it never replaces or disturbs what is already stored.
        """
        candidates = unique_in_batch(capped_batch(batch))
        if not candidates:
            return []
        async with self._write(lock=ARTICLES_LOCK) as conn:
            stored = await insert_new(conn, self._insert(articles), candidates, self._now())
        return [a for a in candidates if a.id in stored]

    async def known_ids(self, ids: Iterable[str]) -> set[str]:
        """The ids among `ids` that are stored."""
        found: set[str] = set()
        async with self._engine.connect() as conn:
            for part in chunks(dict.fromkeys(ids)):
                rows = await conn.execute(select(articles.c.id).where(articles.c.id.in_(part)))
                found.update(rows.scalars())
        return found

    async def get(self, article_id: str) -> Article | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(select(articles).where(articles.c.id == article_id))
            ).one_or_none()
        return article_from_row(row) if row is not None else None

    async def by_ids(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles among `ids`, in the order asked; unknown ids are left out."""
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Article] = {}
        async with self._engine.connect() as conn:
            for part in chunks(wanted):
                rows = await conn.execute(select(articles).where(articles.c.id.in_(part)))
                for row in rows:
                    found[row.id] = article_from_row(row)
        return [found[i] for i in wanted if i in found]

    async def recent(self, since: datetime, limit: int = 100) -> list[Article]:
        """Articles published at or after `since`, newest first."""
        if limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        require_aware(since, "since")
        stmt = (
            select(articles)
            .where(articles.c.published >= since)
            .order_by(articles.c.published.desc(), articles.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        return [article_from_row(r) for r in rows]

    async def fetched_since(
        self, since: datetime, limit: int = 1000, *, after: tuple[datetime, str] | None = None
    ) -> list[Article]:
        """Articles first fetched at or after `since`, oldest first (for re-processing).

        `after` is the (fetched_at, id) of the last article of the previous page: pages read
        this way never repeat or skip an article, however many share a fetch time.
        """
        require_aware(since, "since")
        stmt = select(articles).where(articles.c.fetched_at >= since)
        if after is not None:
            at, last_id = after
            require_aware(at, "after")
            stmt = stmt.where(
                or_(
                    articles.c.fetched_at > at,
                    and_(articles.c.fetched_at == at, articles.c.id > last_id),
                )
            )
        stmt = stmt.order_by(articles.c.fetched_at, articles.c.id).limit(limit)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(stmt)).all()
        return [article_from_row(r) for r in rows]

    async def count(self) -> int:
        async with self._engine.connect() as conn:
            return int(
                (await conn.execute(select(func.count()).select_from(articles))).scalar_one()
            )

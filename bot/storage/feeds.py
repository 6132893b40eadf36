"""Feed polling state: what to send on the next conditional GET, when to poll, how it is failing."""

from __future__ import annotations

import builtins
import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update

from bot.models import Article
from bot.redact import error_text
from bot.storage.articles import ARTICLES_LOCK, capped_batch, insert_new, unique_in_batch
from bot.storage.base import Repo, cut_text
from bot.storage.instances import dead_instances, holder_gone, take_leases
from bot.storage.schema import articles, feeds
from bot.storage.types import require_aware

FEED_STATES = ("active", "backoff", "disabled")
MAX_FEED_TITLE_CHARS = 200


@dataclass(frozen=True, slots=True)
class FeedState:
    """One feed's row: conditional-GET validators, schedule, failures. Datetimes are aware UTC."""

    url: str
    title: str
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime
    last_polled_at: datetime | None
    error_count: int
    state: str  # "active" | "backoff" | "disabled"
    last_error: str | None
    created_at: datetime

    def __post_init__(self) -> None:
        if not isinstance(self.url, str) or not self.url.strip():
            raise ValueError("a feed needs a non-empty url")
        if self.state not in FEED_STATES:
            raise ValueError(
                f"feed {self.url}: state must be one of {FEED_STATES}, got {self.state!r}"
            )
        if self.error_count < 0:
            raise ValueError(f"feed {self.url}: error_count cannot be negative")
        for name in ("next_poll_at", "last_polled_at", "created_at"):
            value = getattr(self, name)
            if value is not None and (value.tzinfo is None or value.utcoffset() is None):
                raise ValueError(f"feed {self.url}: {name} must be an aware datetime")


_FEED_FIELDS = tuple(f.name for f in dataclasses.fields(FeedState))


def _state(row: Any) -> FeedState:
    return FeedState(**{f.name: getattr(row, f.name) for f in dataclasses.fields(FeedState)})


def feed_row(state: FeedState) -> dict[str, Any]:
    """The feeds row for `state`: title cut to size, error text redacted."""
    # Not dataclasses.asdict: it deep-copies every value, a tenth of an all-304 poll's time.
    values = {name: getattr(state, name) for name in _FEED_FIELDS}
    values["title"] = cut_text(state.title, MAX_FEED_TITLE_CHARS)  # a feed may send megabytes
    if state.last_error is not None:  # an error text can echo a URL with a secret in it
        values["last_error"] = error_text(state.last_error)
    return values


def _check_url(url: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"a feed url must be a non-empty string, got {url!r}")
    return url.strip()


class FeedRepo(Repo):
    """Feeds and their polling state."""

    async def add(self, url: str, title: str = "") -> FeedState:
        """Register a feed, due at once. Adding a known feed changes nothing but an empty title."""
        url = _check_url(url)
        now = self._now()
        async with self._write() as conn:
            stmt = self._insert(feeds).values(
                url=url, title=title or "", next_poll_at=now, created_at=now
            )
            await conn.execute(stmt.on_conflict_do_nothing(index_elements=["url"]))
            if title:
                await conn.execute(
                    update(feeds).where(feeds.c.url == url, feeds.c.title == "").values(title=title)
                )
            row = (await conn.execute(select(feeds).where(feeds.c.url == url))).one()
        return _state(row)

    async def get(self, url: str) -> FeedState | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(feeds).where(feeds.c.url == url))).one_or_none()
        return _state(row) if row is not None else None

    async def list(self) -> list[FeedState]:
        """Every feed, by url."""
        async with self._engine.connect() as conn:
            rows = (await conn.execute(select(feeds).order_by(feeds.c.url))).all()
        return [_state(r) for r in rows]

    async def due(self, now: datetime, limit: int | None = None) -> list[FeedState]:
        """Feeds to poll at `now`: active or backing off, next_poll_at reached, not being
        polled by a live instance (see lease_due); most overdue first."""
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        require_aware(now, "now")
        c = feeds.c
        async with self._engine.connect() as conn:
            dead = await dead_instances(conn)
            stmt = (
                select(feeds)
                .where(c.state.in_(("active", "backoff")), c.next_poll_at <= now)
                .where(holder_gone(c.leased_by, c.lease_until, now, dead))
                .order_by(c.next_poll_at, c.url)
            )
            if limit is not None:
                stmt = stmt.limit(limit)
            rows = (await conn.execute(stmt)).all()
        return [_state(r) for r in rows]

    async def lease_due(
        self, now: datetime, holder: str, lease: timedelta, limit: int | None = None
    ) -> list[FeedState]:
        """Take the feeds due at `now` that no live instance is polling, for `holder` until
        `now + lease`; most overdue first. save() of a feed ends its lease.

        On PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so instances asking at
        the same moment get disjoint feeds; a lease held by a dead instance is taken over at
        once, any other only once it has run out.
        """
        if limit is not None and limit < 0:
            raise ValueError(f"limit must be >= 0, got {limit}")
        require_aware(now, "now")
        if lease <= timedelta(0):
            raise ValueError("a feed lease must be longer than zero")
        c = feeds.c
        async with self._write() as conn:
            dead = await dead_instances(conn)
            pick = (
                select(c.url)
                .where(c.state.in_(("active", "backoff")), c.next_poll_at <= now)
                .where(holder_gone(c.leased_by, c.lease_until, now, dead))
                .order_by(c.next_poll_at, c.url)
            )
            if limit is not None:
                pick = pick.limit(limit)
            lease_values = {"leased_by": holder, "lease_until": now + lease}
            rows = await take_leases(conn, feeds, c.url, pick, lease_values)
        return [_state(r) for r in rows]

    async def end_leases(self, holder: str, urls: Iterable[str] | None = None) -> int:
        """Give back `holder`'s feed leases (all, or those of `urls`) without saving a poll."""
        c = feeds.c
        where = [c.leased_by == holder]
        if urls is not None:
            where.append(c.url.in_(list(urls)))
        async with self._write() as conn:
            result = await conn.execute(
                update(feeds).where(*where).values(leased_by=None, lease_until=None)
            )
        return int(result.rowcount or 0)

    async def remove(self, url: str) -> bool:
        """Forget a feed; True when it existed. Its stored articles stay."""
        async with self._write() as conn:
            result = await conn.execute(delete(feeds).where(feeds.c.url == url))
        return bool(result.rowcount)

    async def save(self, state: FeedState) -> FeedState:
        """Store `state` as the feed's row, inserting it when the feed is unknown."""
        if not isinstance(state, FeedState):
            raise TypeError(f"save() takes a FeedState, got {type(state).__name__}")
        values = feed_row(state)
        changes = {k: v for k, v in values.items() if k not in ("url", "created_at")}
        changes.update(leased_by=None, lease_until=None)  # the poll is done: its lease ends
        stmt = self._insert(feeds).values(**values)
        stmt = stmt.on_conflict_do_update(index_elements=["url"], set_=changes)
        async with self._write() as conn:
            await conn.execute(stmt)
        return state

    async def enable(self, url: str) -> FeedState | None:
        """Put a disabled or backing-off feed back to active, due now, errors cleared."""
        async with self._write() as conn:
            await conn.execute(
                update(feeds)
                .where(feeds.c.url == url)
                .values(state="active", error_count=0, last_error=None, next_poll_at=self._now())
            )
            row = (await conn.execute(select(feeds).where(feeds.c.url == url))).one_or_none()
        return _state(row) if row is not None else None

    # ---------------------------------------------------------- a poll's results, in batches

    async def save_polls(
        self, polls: Sequence[tuple[FeedState, Sequence[Article]]]
    ) -> builtins.list[builtins.list[Article]]:
        """Store several feeds' poll results in one transaction: each feed's articles not seen
        before, then each feed's state (inserted when unknown; its lease ended, as by save()).
        Returns, per feed in input order, its articles that were stored (as stored; see
        ArticleRepo.add_many).

        Articles are deduplicated across the whole batch as add_many does within one call: of
        two feeds carrying the same story, the earlier in `polls` keeps it.
        """
        for state, _ in polls:
            if not isinstance(state, FeedState):
                raise TypeError(f"save_polls() takes FeedStates, got {type(state).__name__}")
        per_feed = [capped_batch(batch) for _, batch in polls]
        candidates = unique_in_batch(a for batch in per_feed for a in batch)
        # One row per url, the last state winning; in url order, so that two writers touching
        # the same feeds lock their rows in the same order.
        rows = sorted({s.url: feed_row(s) for s, _ in polls}.values(), key=lambda r: r["url"])
        async with self._write(lock=ARTICLES_LOCK) as conn:
            stored = (
                await insert_new(conn, self._insert(articles), candidates, self._now())
                if candidates
                else set()
            )
            if rows:
                stmt = self._insert(feeds)
                changes: dict[str, Any] = {
                    k: stmt.excluded[k] for k in rows[0] if k not in ("url", "created_at")
                }
                changes.update(leased_by=None, lease_until=None)  # as save(): polls done
                await conn.execute(
                    stmt.on_conflict_do_update(index_elements=["url"], set_=changes), rows
                )
        claimed: set[str] = set()
        out: builtins.list[builtins.list[Article]] = []
        for batch in per_feed:
            mine = [a for a in batch if a.id in stored and a.id not in claimed]
            claimed.update(a.id for a in mine)
            out.append(mine)
        return out

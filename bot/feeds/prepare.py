"""One feed's bytes → Articles in steps a worker process can run: picklable in, picklable out.

`prepare_all` parses and normalises every item (a feed with nothing stored yet). For a feed
polled before, `parse_items` parses and gives each item's id where its guid or link decides
it; the poller asks storage which ids it holds and passes only the others to `normalize_items`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.feeds.dedupe import dedupe
from bot.feeds.normalize import early_id, normalize
from bot.feeds.parse import ParsedFeed, parse_feed
from bot.models import Article, RawItem


@dataclass(frozen=True, slots=True)
class ParseJob:
    """What parsing one fetched body needs; `title` is the feed's stored title (may be empty)."""

    body: bytes
    content_type: str | None
    base_url: str  # where the bytes came from, after redirects: resolves relative links
    feed_url: str
    now: datetime
    title: str = ""


@dataclass(frozen=True, slots=True)
class ParsedItems:
    """A parsed feed whose items are not normalised yet; `ids[i]` is items[i]'s id or None."""

    title: str
    warnings: tuple[str, ...]
    items: tuple[RawItem, ...]
    ids: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed feed's title and warnings, and its items as Articles (deduplicated)."""

    title: str
    warnings: tuple[str, ...]
    articles: list[Article]

    def __reduce__(self) -> tuple[Any, ...]:
        # Out of a worker process the articles go as tuples of their fields: pickling each
        # dataclass by its state costs three times as much, on both sides of the pipe.
        rows = [tuple(getattr(a, name) for name in _ARTICLE_FIELDS) for a in self.articles]
        return (_prepared_from_rows, (self.title, self.warnings, rows))


_ARTICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Article))


def _prepared_from_rows(
    title: str, warnings: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> Prepared:
    return Prepared(title=title, warnings=warnings, articles=[Article(*row) for row in rows])


def prepare_all(job: ParseJob) -> Prepared:
    """Parse, normalise and dedupe every item. Raises FeedParseError when it is no feed."""
    parsed = _parse(job)
    articles = normalize_items(parsed.items, job.feed_url, job.now, job.title or parsed.title)
    return Prepared(title=parsed.title, warnings=parsed.warnings, articles=articles)


def parse_items(job: ParseJob) -> ParsedItems:
    """Parse only, with each item's early id. Raises FeedParseError when it is no feed."""
    parsed = _parse(job)
    return ParsedItems(
        title=parsed.title,
        warnings=parsed.warnings,
        items=parsed.items,
        ids=tuple(early_id(item, job.feed_url) for item in parsed.items),
    )


def normalize_items(
    items: Sequence[RawItem], feed_url: str, now: datetime, source_name: str
) -> list[Article]:
    """The items as Articles, repeats within them dropped (first kept)."""
    return dedupe(
        normalize(item, feed_url=feed_url, now=now, source_name=source_name) for item in items
    )


def _parse(job: ParseJob) -> ParsedFeed:
    headers = {"content-type": job.content_type} if job.content_type else {}
    return parse_feed(job.body, headers, job.base_url)

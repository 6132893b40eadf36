"""Pure dedupe of a batch of Articles by id, guid, canonical link and content hash.

Storage dedupes against what is already stored; this only removes repeats inside a batch.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.models import Article


def dedupe(articles: Iterable[Article]) -> list[Article]:
    """Keep the first occurrence of each story, in order.

    Two articles are the same story when they share an id, a (feed, guid) pair, a canonical
    link or a content hash. Guids are only compared within a feed: different outlets reuse
    short guids such as "1" or "post-42".
    """
    seen_ids: set[str] = set()
    seen_guids: set[tuple[str, str]] = set()
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    kept: list[Article] = []
    for article in articles:
        guid_key = (article.feed_url, article.guid) if article.guid else None
        if (
            article.id in seen_ids
            or (guid_key is not None and guid_key in seen_guids)
            or (article.url is not None and article.url in seen_urls)
            or article.content_hash in seen_hashes
        ):
            continue
        kept.append(article)
        seen_ids.add(article.id)
        if guid_key is not None:
            seen_guids.add(guid_key)
        if article.url is not None:
            seen_urls.add(article.url)
        seen_hashes.add(article.content_hash)
    return kept

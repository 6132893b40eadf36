"""ArticleRepo: insert-if-new, dedupe by id / canonical url / content hash, reads, idempotence."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.models import Article
from bot.storage import Storage

T0 = datetime(2018, 10, 6, 9, 0, tzinfo=UTC)


def article(n: int, **changes: object) -> Article:
    """A small made-up article; `n` makes id, url and content hash distinct."""
    base = Article(
        id=f"art-{n}",
        feed_url="https://news.example.org/world.rss",
        guid=f"guid-{n}",
        url=f"https://news.example.org/2018/10/story-{n}",
        title=f"Envoys meet in a harbour city, round {n}",
        text=f"The two foreign ministers met for talks on day {n}.\nNo statement followed.",
        published=T0 + timedelta(hours=n),
        published_missing=False,
        content_hash=f"hash-{n}",
        fetched_at=T0 + timedelta(hours=n, minutes=5),
        source_name="Example News",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


async def test_add_many_stores_new_articles_and_returns_them(storage: Storage) -> None:
    """New articles are stored exactly as given and returned in input order."""
    batch = [article(1), article(2), article(3)]
    assert await storage.articles.add_many(batch) == batch
    assert await storage.articles.count() == 3
    for a in batch:
        assert await storage.articles.get(a.id) == a


async def test_storing_the_same_batch_twice_changes_nothing(storage: Storage) -> None:
    """A second add_many of the same articles returns [] and leaves the rows as they were."""
    batch = [article(1), article(2)]
    await storage.articles.add_many(batch)
    assert await storage.articles.add_many(batch) == []
    assert await storage.articles.count() == 2
    assert await storage.articles.by_ids(["art-1", "art-2"]) == batch


async def test_same_canonical_url_from_another_feed_is_a_duplicate(storage: Storage) -> None:
    """An item from a second feed with the same canonical url is not stored again."""
    first = article(1)
    echo = article(
        9,
        feed_url="https://aggregator.example.net/feed",
        url=first.url,
        title="Envoys meet (syndicated)",
    )
    await storage.articles.add_many([first])
    assert await storage.articles.add_many([echo]) == []
    assert await storage.articles.get(echo.id) is None
    assert await storage.articles.get(first.id) == first


async def test_same_content_hash_under_another_url_is_a_duplicate(storage: Storage) -> None:
    """An item with identical content (same hash) under a different url and feed is skipped."""
    first = article(1)
    copy = article(7, feed_url="https://mirror.example.com/rss", content_hash=first.content_hash)
    await storage.articles.add_many([first])
    assert await storage.articles.add_many([copy]) == []
    assert await storage.articles.count() == 1


async def test_same_id_with_changed_text_does_not_overwrite(storage: Storage) -> None:
    """Re-storing an id with edited text keeps the original row: storage never rewrites history."""
    first = article(1)
    edited = replace(first, text="Edited text.", content_hash="hash-edited", url=None)
    await storage.articles.add_many([first])
    assert await storage.articles.add_many([edited]) == []
    assert await storage.articles.get(first.id) == first


async def test_a_duplicate_in_a_batch_loses_nothing_already_stored(storage: Storage) -> None:
    """A batch mixing a known article and new ones stores the new ones and keeps the old intact."""
    kept = article(1)
    await storage.articles.add_many([kept, article(2)])
    batch = [
        article(3),
        replace(kept, title="A different title for the same id"),
        article(4),
        article(5, url=kept.url),
    ]
    new = await storage.articles.add_many(batch)
    assert [a.id for a in new] == ["art-3", "art-4"]
    assert await storage.articles.count() == 4
    assert await storage.articles.get(kept.id) == kept
    assert await storage.articles.get("art-2") == article(2)


async def test_duplicates_within_one_batch_keep_the_first(storage: Storage) -> None:
    """Inside one batch, the first article of each id / url / hash group wins."""
    batch = [
        article(1),
        article(2, url=article(1).url),
        article(3, content_hash="hash-1"),
        article(1, title="same id again"),
        article(4),
    ]
    new = await storage.articles.add_many(batch)
    assert [a.id for a in new] == ["art-1", "art-4"]
    assert await storage.articles.get("art-1") == article(1)


async def test_articles_without_url_or_hash_do_not_clash(storage: Storage) -> None:
    """A missing url or an empty hash is not an identity: such articles are all stored."""
    batch = [article(1, url=None, content_hash=""), article(2, url=None, content_hash="")]
    assert await storage.articles.add_many(batch) == batch
    assert await storage.articles.get("art-1") == batch[0]


async def test_large_batches_are_stored_whole(storage: Storage) -> None:
    """A batch larger than one insert chunk is stored completely and returned in order."""
    batch = [article(n) for n in range(1200)]
    new = await storage.articles.add_many(batch)
    assert [a.id for a in new] == [a.id for a in batch]
    assert await storage.articles.count() == 1200
    assert len(await storage.articles.by_ids([a.id for a in batch])) == 1200


async def test_by_ids_keeps_the_order_asked_and_skips_unknown(storage: Storage) -> None:
    """by_ids returns stored articles in the order of the ids, without the unknown ones."""
    await storage.articles.add_many([article(1), article(2), article(3)])
    got = await storage.articles.by_ids(["art-3", "missing", "art-1", "art-3"])
    assert [a.id for a in got] == ["art-3", "art-1"]
    assert await storage.articles.by_ids([]) == []


async def test_recent_is_newest_first_since_a_time(storage: Storage) -> None:
    """recent(since, limit) returns articles published at or after `since`, newest first."""
    await storage.articles.add_many([article(n) for n in range(1, 6)])
    got = await storage.articles.recent(T0 + timedelta(hours=3), limit=10)
    assert [a.id for a in got] == ["art-5", "art-4", "art-3"]
    assert [a.id for a in await storage.articles.recent(T0, limit=2)] == ["art-5", "art-4"]


async def test_published_times_come_back_aware_utc(storage: Storage) -> None:
    """Article datetimes are returned aware and in UTC on every backend."""
    await storage.articles.add_many([article(1)])
    got = await storage.articles.get("art-1")
    assert got is not None
    for value in (got.published, got.fetched_at):
        assert value.tzinfo is not None
        assert value.utcoffset() == timedelta(0)


async def test_nul_characters_are_dropped_from_free_text(storage: Storage) -> None:
    """A stray NUL in the text (which PostgreSQL cannot store) is removed, not a crash."""
    await storage.articles.add_many([article(1, text="Talks\x00 resumed.")])
    got = await storage.articles.get("art-1")
    assert got is not None
    assert got.text == "Talks resumed."


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (article(1, published=datetime(2018, 10, 6)), ValueError, "aware"),  # noqa: DTZ001
        (article(1, id=""), ValueError, "non-empty id"),
        (article(1, url="https://x.example/\x00"), ValueError, "NUL"),
        ("not an article", TypeError, "expected an Article"),
    ],
)
async def test_bad_articles_are_refused_before_anything_is_stored(
    storage: Storage, bad: object, error: type[Exception], message: str
) -> None:
    """Invalid input raises a clear error and the valid items of that batch are not half-stored."""
    with pytest.raises(error, match=message):
        await storage.articles.add_many([article(2), bad])  # type: ignore[list-item]
    assert await storage.articles.count() == 0


# ---------------------------------------------------------------- property: idempotence

# Small pools make collisions of ids, urls and hashes (within and across feeds) common.
ids = st.sampled_from(["a", "b", "c", "d", "e"])
urls = st.one_of(st.none(), st.sampled_from(["u1", "u2", "u3"]))
hashes = st.sampled_from(["", "h1", "h2", "h3", "h4"])
feeds = st.sampled_from(["https://one.example/rss", "https://two.example/atom"])
times = st.datetimes(
    min_value=datetime(2018, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive by API
    max_value=datetime(2019, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)
articles_st = st.builds(
    lambda i, u, h, f, t, title: Article(
        id=i,
        feed_url=f,
        guid=None,
        url=u,
        title=title,
        text=f"{title} body",
        published=t,
        published_missing=False,
        content_hash=h,
        fetched_at=t,
    ),
    ids,
    urls,
    hashes,
    feeds,
    times,
    st.text(alphabet="abc xyz", max_size=12),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(articles_st, max_size=8), second=st.lists(articles_st, max_size=8))
async def test_property_storing_twice_changes_nothing(
    storage: Storage, batch: list[Article], second: list[Article]
) -> None:
    """For any two batches: re-adding either stores nothing new and alters no stored row, and
    stored rows never share a url or a non-empty content hash."""
    # One database serves every example; a per-example prefix keeps examples apart.
    tag = uuid.uuid4().hex[:8] + "-"

    def scoped(a: Article) -> Article:
        return replace(
            a,
            id=tag + a.id,
            url=tag + a.url if a.url else None,
            content_hash=tag + a.content_hash if a.content_hash else "",
        )

    batch, second = [scoped(a) for a in batch], [scoped(a) for a in second]
    first_new = await storage.articles.add_many(batch)
    second_new = await storage.articles.add_many(second)
    all_ids = sorted({a.id for a in batch + second})
    snapshot = await storage.articles.by_ids(all_ids)
    assert sorted(a.id for a in snapshot) == sorted(a.id for a in first_new + second_new)
    assert await storage.articles.add_many(batch) == []
    assert await storage.articles.add_many(second) == []
    assert await storage.articles.by_ids(all_ids) == snapshot
    urls_seen = [a.url for a in snapshot if a.url]
    hashes_seen = [a.content_hash for a in snapshot if a.content_hash]
    assert len(urls_seen) == len(set(urls_seen))
    assert len(hashes_seen) == len(set(hashes_seen))
    for a in first_new + second_new:
        assert await storage.articles.get(a.id) == a


async def test_concurrent_overlapping_batches_store_each_article_once(storage: Storage) -> None:
    """Writers racing with overlapping batches (ids, urls, hashes) never fail or double-store."""
    import asyncio

    def batch(k: int) -> list[Article]:
        # Each batch overlaps its neighbours by id, by url and by content hash, in shuffled order.
        items = [article(n) for n in range(k, k + 30)]
        items += [
            article(100 + n, url=f"https://news.example.org/2018/10/story-{n}")
            for n in range(k, k + 5)
        ]
        items += [article(200 + n, content_hash=f"hash-{n}") for n in range(k, k + 5)]
        return items[::-1] if k % 2 else items

    results = await asyncio.gather(*(storage.articles.add_many(batch(k)) for k in range(0, 60, 10)))
    stored_ids = [a.id for new in results for a in new]
    assert len(stored_ids) == len(set(stored_ids))
    assert await storage.articles.count() == len(stored_ids)
    snapshot = await storage.articles.by_ids(stored_ids)
    assert (
        len({a.url for a in snapshot}) == len({a.content_hash for a in snapshot}) == len(snapshot)
    )


async def test_recent_refuses_a_naive_since(storage: Storage) -> None:
    """recent() with a naive `since` raises ValueError instead of comparing wrong times."""
    with pytest.raises(ValueError, match="aware"):
        await storage.articles.recent(datetime(2018, 10, 6), limit=5)  # noqa: DTZ001


async def test_over_long_fields_are_capped_with_the_cut_noted(storage: Storage, caplog) -> None:
    """A 1 MB title, a 300 KB text, a 1 MB outlet name and a 100 KB link (a hostile feed) are
    stored cut to the named sizes, ending in "…"; the link is dropped rather than cut (a cut
    link leads nowhere); one warning says what was cut; a normal article is untouched."""
    import logging

    from bot.storage.articles import (
        MAX_SOURCE_CHARS,
        MAX_TEXT_CHARS,
        MAX_TITLE_CHARS,
        MAX_URL_CHARS,
    )

    huge = article(
        1,
        title="Talks " * 200_000,
        text="word " * 60_000,
        source_name="W" * 1_000_000,
        url="https://wire.example/" + "a" * 100_000,
    )
    normal = article(2)
    caplog.set_level(logging.WARNING)
    returned = await storage.articles.add_many([huge, normal])
    stored = await storage.articles.get(huge.id)
    assert stored is not None
    assert returned[0] == stored
    assert len(stored.title) <= MAX_TITLE_CHARS
    assert stored.title.endswith("…")
    assert len(stored.text) <= MAX_TEXT_CHARS
    assert stored.text.endswith("…")
    assert len(stored.source_name) <= MAX_SOURCE_CHARS
    assert stored.source_name.endswith("…")
    assert stored.url is None
    assert len(huge.url or "") > MAX_URL_CHARS
    assert stored.title.startswith("Talks Talks")
    assert stored.content_hash == huge.content_hash
    assert await storage.articles.get(normal.id) == normal == returned[1]
    [warning] = [r for r in caplog.records if "over the stored sizes" in r.getMessage()]
    assert "1 title" in warning.getMessage()
    assert "1 url" in warning.getMessage()


async def test_fetched_since_pages_never_repeat_or_skip_an_article(storage: Storage) -> None:
    """Seven articles, four fetched at the same instant, read three at a time from the
    (fetched_at, id) of each page's last article: every article once, oldest first; a page
    after the last is empty, and a naive `after` is refused."""
    same = T0 + timedelta(hours=1)
    stored = [article(n, fetched_at=same if n < 4 else T0 + timedelta(hours=n)) for n in range(7)]
    await storage.articles.add_many(list(reversed(stored)))
    seen: list[str] = []
    after = None
    while True:
        page = await storage.articles.fetched_since(T0, limit=3, after=after)
        seen.extend(a.id for a in page)
        if len(page) < 3:
            break
        after = (page[-1].fetched_at, page[-1].id)
    assert seen == [f"art-{n}" for n in range(7)]
    last = await storage.articles.fetched_since(T0, limit=3, after=(T0 + timedelta(hours=6), "art-6"))
    assert last == []
    with pytest.raises(ValueError, match="aware"):
        await storage.articles.fetched_since(T0, after=(datetime(2018, 10, 6), "x"))  # noqa: DTZ001

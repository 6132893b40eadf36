"""FeedRepo.save_polls and ArticleRepo.known_ids: several feeds' results in one transaction,
deduplicated across the batch, all or nothing; ids looked up in bulk."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Article
from bot.storage import Storage

T0 = datetime(2018, 10, 6, 9, 0, tzinfo=UTC)


def article(feed: str, n: int, **changes: object) -> Article:
    """A made-up article of `feed`; `n` keeps id, url and hash distinct."""
    base = Article(
        id=f"{feed}-{n}",
        feed_url=f"https://{feed}.example/rss",
        guid=None,
        url=f"https://{feed}.example/story-{n}",
        title=f"Ministers meet on a ferry, part {n}",
        text=f"The ferry crossing lasted {n} hours.",
        published=T0,
        published_missing=False,
        content_hash=f"{feed}-hash-{n}",
        fetched_at=T0,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


async def test_two_feeds_stored_in_one_call(storage: Storage):
    """Each feed gets back its own new articles, and each state is saved (a known feed
    updated, an unknown one inserted)."""
    known = await storage.feeds.add("https://a.example/rss")
    polled = dataclasses.replace(known, etag='"a2"', last_polled_at=T0, next_poll_at=T0 + timedelta(minutes=15))
    fresh = dataclasses.replace(known, url="https://b.example/rss", title="B Desk", etag='"b1"')
    a_items = [article("a", 1), article("a", 2)]
    b_items = [article("b", 1)]
    out = await storage.feeds.save_polls([(polled, a_items), (fresh, b_items)])
    assert out == [a_items, b_items]
    assert (await storage.feeds.get(known.url)).etag == '"a2"'
    assert (await storage.feeds.get(known.url)).last_polled_at == T0
    assert (await storage.feeds.get(fresh.url)).title == "B Desk"
    assert await storage.articles.count() == 3


async def test_the_same_story_in_two_feeds_goes_to_the_first(storage: Storage):
    """A story with the url of an earlier feed's story in the batch, or of a stored one, is
    not stored again and is not reported as new."""
    a = await storage.feeds.add("https://a.example/rss")
    b = await storage.feeds.add("https://b.example/rss")
    await storage.articles.add_many([article("old", 1, url="https://wire.example/stored")])
    shared = "https://wire.example/shared"
    out = await storage.feeds.save_polls(
        [
            (a, [article("a", 1, url=shared)]),
            (b, [article("b", 1, url=shared), article("b", 2, url="https://wire.example/stored"), article("b", 3)]),
        ]
    )
    assert [x.id for x in out[0]] == ["a-1"]
    assert [x.id for x in out[1]] == ["b-3"]
    assert await storage.articles.count() == 3


async def test_a_state_given_twice_keeps_the_last(storage: Storage):
    """Two states of one feed in a batch: one row, the later state."""
    a = await storage.feeds.add("https://a.example/rss")
    out = await storage.feeds.save_polls(
        [(dataclasses.replace(a, etag='"1"'), []), (dataclasses.replace(a, etag='"2"'), [])]
    )
    assert out == [[], []]
    assert (await storage.feeds.get(a.url)).etag == '"2"'
    assert len(await storage.feeds.list()) == 1


async def test_an_unfit_article_stores_nothing_of_the_batch(storage: Storage):
    """A naive datetime in one feed's article refuses the whole call: no article and no state
    of the batch is written (the poller then stores each feed alone)."""
    a = await storage.feeds.add("https://a.example/rss")
    b = await storage.feeds.add("https://b.example/rss")
    naive = article("b", 1, published=datetime(2018, 10, 6, 9, 0))  # noqa: DTZ001
    with pytest.raises(ValueError, match="aware datetime"):
        await storage.feeds.save_polls(
            [(dataclasses.replace(a, etag='"new"'), [article("a", 1)]), (b, [naive])]
        )
    assert await storage.articles.count() == 0
    assert (await storage.feeds.get(a.url)).etag is None


async def test_error_text_and_title_are_kept_safe_in_a_batch(storage: Storage):
    """As save() does: the error text is redacted and an overlong title cut."""
    a = await storage.feeds.add("https://a.example/rss")
    token = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
    failing = dataclasses.replace(
        a,
        state="backoff",
        error_count=1,
        last_error=f"HTTP 500 at https://api.telegram.org/bot{token}/getMe",
        title="T" * 5000,
    )
    await storage.feeds.save_polls([(failing, [])])
    stored = await storage.feeds.get(a.url)
    assert token not in (stored.last_error or "")
    assert len(stored.title) <= 200


async def test_known_ids_finds_the_stored_ones(storage: Storage):
    """Of the ids asked, exactly the stored ones come back; repeats and unknowns are fine."""
    await storage.articles.add_many([article("a", 1), article("a", 2)])
    assert await storage.articles.known_ids(["a-1", "a-2", "a-1", "nope"]) == {"a-1", "a-2"}
    assert await storage.articles.known_ids([]) == set()
    many = [f"x-{n}" for n in range(1_200)] + ["a-2"]  # more than one IN list
    assert await storage.articles.known_ids(many) == {"a-2"}


async def test_save_polls_refuses_what_is_not_a_feed_state(storage: Storage):
    """A wrong type is a TypeError naming it, before anything is written."""
    with pytest.raises(TypeError, match="FeedStates, got dict"):
        await storage.feeds.save_polls([({"url": "x"}, [])])  # type: ignore[list-item]


async def test_a_stored_poll_ends_the_feed_s_lease(storage: Storage):
    """As save() does: a feed leased by one holder is free for another once its poll is stored
    through save_polls (here: due again straight away)."""
    now = storage.clock()
    a = await storage.feeds.add("https://a.example/rss")
    [leased] = await storage.feeds.lease_due(now, "holder-one", timedelta(minutes=10))
    assert await storage.feeds.lease_due(now, "holder-two", timedelta(minutes=10)) == []
    await storage.feeds.save_polls([(dataclasses.replace(leased, etag='"x"'), [])])
    [again] = await storage.feeds.lease_due(now, "holder-two", timedelta(minutes=10))
    assert again.url == a.url
    assert again.etag == '"x"'

"""Batch dedupe: by id, (feed, guid), canonical link and content hash; idempotent."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.feeds.dedupe import dedupe
from bot.models import Article

NOW = datetime(2018, 10, 10, tzinfo=UTC)


def art(id: str, *, feed="f1", guid=None, url=None, chash=None) -> Article:
    return Article(
        id=id,
        feed_url=feed,
        guid=guid,
        url=url,
        title=f"title {id}",
        text="text",
        published=NOW,
        published_missing=False,
        content_hash=chash or f"hash-{id}",
        fetched_at=NOW,
    )


def test_duplicate_guids_in_one_feed_keep_the_first():
    """Two entries of one feed with the same guid are one story; the first stays."""
    first, second = art("a", guid="7"), art("b", guid="7")
    assert dedupe([first, second]) == [first]


def test_same_guid_in_different_feeds_is_not_a_duplicate():
    """Outlets reuse short guids; across feeds a guid alone proves nothing."""
    a, b = art("a", feed="f1", guid="1"), art("b", feed="f2", guid="1")
    assert dedupe([a, b]) == [a, b]


def test_same_canonical_link_or_content_hash_is_a_duplicate():
    """A shared canonical URL or identical normalised content marks a repeat."""
    a = art("a", url="https://x.example/1")
    b = art("b", url="https://x.example/1", feed="f2")
    c = art("c", chash="same")
    d = art("d", chash="same", feed="f3")
    assert dedupe([a, b, c, d]) == [a, c]


def test_same_id_is_a_duplicate_and_order_is_kept():
    """Repeated ids collapse; the survivors keep their input order."""
    a, b, a2 = art("a"), art("b"), art("a")
    assert dedupe([a, b, a2]) == [a, b]


def test_empty_batch():
    """An empty batch stays empty."""
    assert dedupe([]) == []


articles = st.builds(
    art,
    st.sampled_from("abcdefgh"),
    feed=st.sampled_from(["f1", "f2"]),
    guid=st.none() | st.sampled_from(["1", "2", "3"]),
    url=st.none() | st.sampled_from(["https://x.example/1", "https://x.example/2"]),
    chash=st.none() | st.sampled_from(["h1", "h2"]),
)


@given(st.lists(articles, max_size=30))
def test_dedupe_is_idempotent_and_keeps_no_two_alike(batch):
    """Deduping twice changes nothing, and no two survivors share an id, link or hash."""
    once = dedupe(batch)
    assert dedupe(once) == once
    assert dedupe(batch + batch) == once
    assert len({a.id for a in once}) == len(once)
    assert len({a.content_hash for a in once}) == len(once)
    urls = [a.url for a in once if a.url]
    assert len(set(urls)) == len(urls)
    assert all(any(a is b for b in batch) for a in once)

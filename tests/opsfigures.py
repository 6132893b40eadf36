"""A database filled with known figures for the status, health and metrics tests (invented data)."""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta

from bot.models import Article, Extraction, Match
from bot.storage import Storage

FEED_OK = "https://news.example.org/world.rss"
FEED_FLAKY = "https://flaky.example.net/feed.xml"
FEED_DEAD = "https://gone.example.com/rss"
# A token-shaped string inside a stored error: it must never be shown.
TOKEN = "123456789:AAHfakefakefakefakefakefakefakefake12"


def article(n: int, fetched_at: datetime) -> Article:
    return Article(
        id=f"art-{n}",
        feed_url=FEED_OK,
        guid=f"guid-{n}",
        url=f"https://news.example.org/2026/story-{n}",
        title=f"Envoys meet in a harbour city, round {n}",
        text=f"The two envoys met for talks on day {n}.",
        published=fetched_at - timedelta(hours=1),
        published_missing=False,
        content_hash=f"hash-{n}",
        fetched_at=fetched_at,
        source_name="Example News",
    )


async def fill(storage: Storage, now: datetime) -> None:
    """Three feeds (active, backing off with an error, disabled), three items (two fetched in
    the last day), two matches, one cached extraction, two active chats and one inactive, and
    an outbox with one row of each settled status, one due pending row and one held row."""
    polls = {FEED_OK: now - timedelta(minutes=10), FEED_FLAKY: now - timedelta(minutes=5),
             FEED_DEAD: now - timedelta(hours=2)}
    for url, when in polls.items():
        state = await storage.feeds.add(url, "World <news>" if url == FEED_OK else "")
        changes: dict[str, object] = {"last_polled_at": when}
        if url == FEED_FLAKY:
            changes |= {"state": "backoff", "error_count": 2, "last_error": "HTTP 503 from the server"}
        if url == FEED_DEAD:
            changes |= {"state": "disabled", "error_count": 10,
                        "last_error": f"HTTP 404 at https://gone.example.com/bot{TOKEN}/rss"}
        await storage.feeds.save(dataclasses.replace(state, **changes))  # type: ignore[arg-type]
    items = [article(1, now - timedelta(days=3)), article(2, now - timedelta(hours=5)),
             article(3, now - timedelta(minutes=10))]
    await storage.articles.add_many(items)
    await storage.matches.add_many([Match("art-2", "summit", 2.0), Match("art-3", "summit", 1.5)])
    await storage.extractions.put("hash-2", "v-test", Extraction(article_id="art-2"))
    for chat_id in (11, 22, 33):
        await storage.chats.ensure(chat_id, now=now)
    await storage.chats.deactivate(33)
    outbox = storage.outbox
    await outbox.enqueue(11, "sent one", "k-sent", "briefing", now=now - timedelta(hours=1))
    await outbox.enqueue(11, "failed one", "k-failed", "briefing", now=now - timedelta(hours=1))
    await outbox.enqueue(22, "dropped one", "k-dropped", "briefing", now=now - timedelta(hours=1))
    await outbox.enqueue(22, "due one", "k-due", "briefing", now=now - timedelta(minutes=3))
    await outbox.enqueue(11, "held one", "k-held", "digest", now=now,
                         not_before=now + timedelta(hours=1))
    ids = {m.dedupe_key: m.id for chat in (11, 22) for m in await outbox.for_chat(chat)}
    await outbox.mark_sent(ids["k-sent"], 501, now - timedelta(minutes=50))
    await outbox.mark_failed(ids["k-failed"], "Forbidden: bot was blocked by the user")
    await outbox.drop(ids["k-dropped"], "chat inactive")

"""The poll → process flow: each feed's items go to matching and briefing as soon as that feed
is fetched, so a hanging feed delays only itself (real sockets on 127.0.0.1)."""

from __future__ import annotations

import asyncio

from aiohttp import web

from bot import app as app_module
from bot.clock import ManualClock
from bot.config import FeedEntry, FeedSettings, Settings
from tests.integration.test_bot_e2e import FEED_ITEM, START, STORY, NoExtraction
from tests.localsite import local_site

CHAT = 4242
TIMEOUT_S = 4.0


async def test_a_hanging_feed_does_not_hold_back_another_feeds_briefing(storage):
    """One feed answers at once with a matching item, the other never answers: the briefing for
    the first is in the outbox while the second is still waiting for its timeout."""
    release = asyncio.Event()

    async def quick(request: web.Request) -> web.Response:
        return web.Response(body=FEED_ITEM.encode(), content_type="application/rss+xml")

    async def hang(request: web.Request) -> web.Response:
        await release.wait()  # until the test ends; the fetch gives up long before
        return web.Response(body=b"", content_type="application/rss+xml")

    async with local_site({"/quick.xml": quick, "/hang.xml": hang}) as port:
        settings = Settings(
            feeds=FeedSettings(
                sources=(
                    FeedEntry(url=f"http://127.0.0.1:{port}/hang.xml"),
                    FeedEntry(url=f"http://127.0.0.1:{port}/quick.xml"),
                ),
                timeout_s=TIMEOUT_S,
                allow_private=True,  # the feed server is on loopback
            )
        )
        app = await app_module.build(
            settings,
            storage=storage,
            clock=ManualClock(START),
            storylines=[STORY],
            extractor=NoExtraction(),
        )
        try:
            await storage.chats.ensure(CHAT, now=START)
            await storage.chats.subscribe(CHAT, STORY.slug, "instant", now=START)
            cycle = asyncio.create_task(app.pipeline.poll_cycle())
            queued = []
            while not queued and not cycle.done():
                await asyncio.sleep(0.05)
                queued = await storage.outbox.for_chat(CHAT)
            assert queued, "the quick feed's briefing was only queued after the cycle ended"
            assert not cycle.done()  # the hanging feed has not timed out yet
            assert queued[0].kind == "briefing"
            assert "Hartmann" in queued[0].text
            reports = {r.url.rsplit("/", 1)[1]: r for r in await cycle}
        finally:
            release.set()
            await app.close()
    assert reports["quick.xml"].outcome == "new"
    assert reports["hang.xml"].outcome == "failed"
    assert "timed out" in (
        reports["hang.xml"].error or ""
    )
    assert len(await storage.outbox.for_chat(CHAT)) == len(queued)

"""Fan-out benchmark: one briefing to 1,000 subscribed private chats through the fake Bot API.

The fake server enforces Telegram's flood limits (30 messages/s overall, 1/s per chat, 20/min
per group) in real time; the sender is the real PTB bot with AIORateLimiter from config, reading
a fresh SQLite outbox. Figures: messages per second, 429 answers, duplicates and losses; then
the same 1,000 briefings edited (a second outlet's report) through the same outbox and limits:
edits per second, their 429 answers, edits missing and new messages sent instead; then the
trip's itinerary map to the 1,000 chats (sendPhoto): photos per second, 429 answers, maps
missing, and how often the map was drawn and uploaded (once each: the rest go by file_id). Then
`command_roundtrip_ms`: the median time from a user's /start to the bot's reply, with the real
application long-polling the same fake server (users 0.1 s apart, as people type, so the figure
is the bot's latency rather than the rate limiter's queue).
"""

from __future__ import annotations

import asyncio
import logging
import statistics
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.briefings.itinerary import build_itinerary, itinerary_caption
from bot.clock import utc_now
from bot.config import Settings
from bot.maps.coordinates import place_coordinates
from bot.maps.itinerary_png import render_itinerary_png
from bot.maps.picture import Picture
from bot.models import Actor, Extraction, Storyline, Trip, TripStop
from bot.storage import Storage
from bot.telegram.delivery import Deliverer, build_bot
from bot.telegram.fake import FakeBotAPI

CHATS = 1000
FIRST_CHAT = 10_000_000
SLUG = "bench-envoy-tour"
ROUNDTRIPS = 40

# Invented for the benchmark: the shape of an instant briefing, not any outlet's text.
BRIEFING = (
    "<b>Envoy Mara Kessel meets Foreign Minister Ilo Varga in Tallinn</b>\n"
    "<i>Bench envoy tour</i> · met (reported)\n\n"
    "• <b>Kessel</b> ↔ <b>Varga</b>, Tallinn, 14 March\n"
    "«We agreed to keep the channel open», Kessel said.\n\n"
    "Itinerary so far: Riga → Vilnius → <b>Tallinn</b>\n"
    'Why: actor "Kessel", place "Tallinn"\n'
    '<a href="https://news.example/envoy-tallinn">news.example</a>'
)

# What the edit adds, and the follow-up it would send past Telegram's edit window.
SECOND_SOURCE = '\n🗞 news.example · <a href="https://wire.example/envoy">wire.example</a> (2 sources)'
FOLLOW_UP = "➕ <b>More reports</b> · <i>Bench envoy tour</i>\nwire.example"


# The envoy's invented tour, as the map of the fan-out's storyline shows it.
TOUR = Trip("Mara Kessel", (
    TripStop("Riga", "happened", "Latvia", date(2026, 3, 12)),
    TripStop("Vilnius", "happened", "Lithuania", date(2026, 3, 13)),
    TripStop("Tallinn", "planned", "Estonia", date(2026, 3, 14)),
))


def _tour_picture(slug: str) -> Picture:
    view = build_itinerary([TOUR], title="Bench envoy tour", slug=slug, locate=place_coordinates)
    assert view is not None
    return Picture(render_itinerary_png(view), itinerary_caption(view))


async def _draw_tour(slug: str) -> Picture:
    """The deliverer's drawer: the tour's map, drawn in a thread as the bot draws it."""
    return await asyncio.to_thread(_tour_picture, slug)


class _NoExtraction:
    """The application needs an extractor; /start never uses it, so no model is loaded."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id)


async def _drain_all(deliverer: Deliverer, storage: Storage) -> float:
    """Deliver until the outbox is empty; returns the seconds it took."""
    started = time.perf_counter()
    while await storage.outbox.depth():
        report = await deliverer.drain()
        if report.claimed == 0:
            await asyncio.sleep(0.05)  # only rows waiting for a retry are left
    return time.perf_counter() - started


async def _fanout(tmp: Path) -> dict[str, Any]:
    settings = Settings()
    storage = await Storage.open(f"sqlite+aiosqlite:///{tmp / 'fanout.db'}")
    try:
        chats = range(FIRST_CHAT, FIRST_CHAT + CHATS)
        for chat_id in chats:
            await storage.chats.ensure(chat_id, "private", f"Reader {chat_id}")
            await storage.chats.subscribe(chat_id, SLUG, "instant")
        subscribers = await storage.chats.subscribers(SLUG, modes=("instant", "both"))
        now = utc_now()
        for sub in subscribers:
            await storage.outbox.enqueue(
                sub.chat_id, BRIEFING, f"briefing:bench-1:{SLUG}:0", "briefing",
                thread_id=sub.thread_id, now=now,
            )
        print(f"queued {len(subscribers)} messages", file=sys.stderr, flush=True)
        async with FakeBotAPI() as api:
            for chat_id in chats:
                api.add_chat(chat_id, "private")
            async with build_bot(api.token, settings, base_url=api.base_url) as bot:
                deliverer = Deliverer(
                    bot, storage, utc_now, settings, batch_size=200, pictures=_draw_tour
                )
                elapsed = await _drain_all(deliverer, storage)
                counts = [api.counters.per_chat_sent.get(chat_id, 0) for chat_id in chats]
                sent_429 = api.counters.rejected_429
                # A second outlet reports the same event: every chat's briefing is edited.
                for sub in subscribers:
                    await storage.outbox.enqueue(
                        sub.chat_id, BRIEFING + SECOND_SOURCE, f"edit:bench-2:briefing:bench-1:{SLUG}:0",
                        "edit", thread_id=sub.thread_id, now=utc_now(),
                        edit_of=f"briefing:bench-1:{SLUG}:0", follow_up=FOLLOW_UP,
                    )
                edit_elapsed = await _drain_all(deliverer, storage)
                sent_before_maps = sum(api.counters.per_chat_sent.values())
                edit_429 = api.counters.rejected_429 - sent_429
                # The envoy's trip: its map follows, to every chat, drawn once, uploaded once.
                for sub in subscribers:
                    await storage.outbox.enqueue(
                        sub.chat_id, SLUG, f"map:{SLUG}:bench-1", "map", thread_id=sub.thread_id,
                        now=utc_now(),
                    )
                map_elapsed = await _drain_all(deliverer, storage)
            delivered = sum(counts)
            edited = sum(1 for chat_id in chats for m in api.messages(chat_id) if m.edits == 1)
            photos = sum(1 for chat_id in chats if any(m.photo for m in api.messages(chat_id)))
            return {
                "fanout_msgs_per_s": round(delivered / elapsed, 2),
                "fanout_429": sent_429,
                "fanout_duplicates": sum(c - 1 for c in counts if c > 1),
                "fanout_lost": sum(1 for c in counts if c == 0),
                "fanout_seconds": round(elapsed, 2),
                "fanout_edits_per_s": round(edited / edit_elapsed, 2),
                "fanout_edit_429": edit_429,
                "fanout_edits_missing": CHATS - edited,
                "fanout_new_messages_on_edit": sent_before_maps - delivered,
                "fanout_map_photos_per_s": round(photos / map_elapsed, 2),
                "fanout_map_429": api.counters.rejected_429 - sent_429 - edit_429,
                "fanout_maps_missing": CHATS - photos,
                "fanout_map_draws": deliverer.maps.draws,
                "fanout_map_uploads": deliverer.maps.uploads,
            }
    finally:
        await storage.close()


async def _roundtrip(tmp: Path) -> dict[str, Any]:
    from bot import app as app_module
    from bot.telegram.application import build_application, serve

    settings = Settings()
    storage = await Storage.open(f"sqlite+aiosqlite:///{tmp / 'roundtrip.db'}")
    story = Storyline(
        slug=SLUG,
        title="Bench envoy tour",
        actors=(Actor("Mara Kessel", aliases=("Kessel",)),),
        places=("Tallinn",),
    )
    app = await app_module.build(
        settings, storage=storage, storylines=[story], extractor=_NoExtraction()
    )
    timings: list[float] = []
    try:
        async with FakeBotAPI() as api:
            application = build_application(app, api.token, base_url=api.base_url, tick_interval=None)
            stop = asyncio.Event()
            started = asyncio.Event()
            task = asyncio.create_task(
                serve(application, stop, poll_timeout=1, started=started, deliver_in_background=False)
            )
            try:
                await asyncio.wait_for(started.wait(), 30)
                for n in range(ROUNDTRIPS):
                    user = 20_000_000 + n
                    await api.wait_for_poll(timeout=10)
                    t0 = time.perf_counter()
                    api.user_sends(user, "/start")
                    await api.wait_for_message(user, timeout=10)
                    timings.append((time.perf_counter() - t0) * 1000)
                    await asyncio.sleep(0.1)  # users a tenth of a second apart
            finally:
                stop.set()
                await asyncio.wait_for(task, 30)
    finally:
        await app.close()
        await storage.close()
    return {"command_roundtrip_ms": round(statistics.median(timings), 2)}


def run() -> dict[str, Any]:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="attache-fanout-") as tmp:
        figures = asyncio.run(_fanout(Path(tmp)))
        print(f"fan-out done in {figures['fanout_seconds']} s", file=sys.stderr, flush=True)
        figures.update(asyncio.run(_roundtrip(Path(tmp))))
    return figures


if __name__ == "__main__":
    print(run())

"""End to end: an instant briefing of a trip report is followed by the storyline's itinerary map,
through the real PTB application, the outbox and the fake Bot API. The map is drawn and uploaded
once and sent to the other chats by file_id; a storyline without a trip gets no map; a map that
cannot be drawn, or that Telegram refuses, costs no briefing and stops no queue.
"""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PIL import Image

from bot.maps.itinerary_png import HEIGHT_PX, WIDTH_PX
from bot.maps.picture import Picture
from bot.models import Extraction, Trip, TripStop
from bot.telegram.application import run_due
from bot.telegram.fake import RateLimits
from bot.telegram.fake.photos import Upload
from bot.tgtext.units import MAX_CAPTION_UTF16, utf16_len
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

OTHER_USER = 102
SLUG = "gulf-tour-2025"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

class TourExtraction:
    """The extractor seam (no model): the first report tells the tour so far, Doha then Muscat;
    a later one tells the stop in its title, a new event of the same tour."""

    LATER_STOPS = {"Riyadh": ("Saudi Arabia", date(2025, 5, 13)), "Manama": ("Bahrain", date(2025, 5, 14))}

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        stops = tuple(
            TripStop(place, "happened", country, day)
            for place, (country, day) in self.LATER_STOPS.items()
            if place in title
        ) or (
            TripStop("Doha", "happened", "Qatar", date(2025, 5, 12)),
            TripStop("Muscat", "planned", "Oman", None),
        )
        return Extraction(article_id=article_id, trips=(Trip("Lena Hartmann", stops),))


def later_report(n: int, place: str, day: str) -> str:
    """Another invented report of the same tour: the minister arrives in `place` on `day`."""
    return f"""<item>
  <title>Hartmann arrives in {place} for talks</title>
  <link>https://wire.example/2025/05/hartmann-{n}</link>
  <guid>wire-{n + 1}</guid>
  <pubDate>{day} 2025 07:00:00 GMT</pubDate>
  <description>Foreign Minister Lena Hartmann arrived in {place} for talks on port fees,
  her office said.</description>
</item>"""


@pytest.fixture
async def env(storage, tmp_path: Path) -> AsyncIterator[BotEnv]:
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0,
        extractor=TourExtraction(),
    ) as bot_env:
        yield bot_env


async def _subscribed(env: BotEnv, *chats: int) -> None:
    for chat in chats:
        reply = await env.send(chat, f"/subscribe {SLUG}")
        assert "Subscribed" in reply.text, reply.text


async def _report_arrives(env: BotEnv, *items: str) -> None:
    """The wire carries `items` (the first test item when none) and the bot polls and sends."""
    feed = e2e.FEED_ITEM
    if items:
        feed = feed.replace("</channel>", "".join(items) + "</channel>")
    env.feed_path.write_text(feed)
    await run_due(env.application)


def _briefings_and_photos(env: BotEnv, chat: int) -> list[e2e.BotMessage]:
    return [m for m in env.api.messages(chat) if m.photo is not None or m.text.startswith("📰")]


def _photo_requests(env: BotEnv) -> list[object]:
    """What each successful sendPhoto named as its photo: an Upload, or a file_id string."""
    return [r.params["photo"] for r in env.api.requests if r.method.lower() == "sendphoto" and r.status == 200]


async def test_a_trip_briefing_brings_the_map_once_per_chat_uploaded_once(env: BotEnv) -> None:
    """Two chats follow the tour: each gets the briefing text, then one photo of the map (a PNG
    of the map's size, its caption within 1,024 units). The picture is uploaded once; the
    second chat's photo is sent by the file_id Telegram gave for the first."""
    await _subscribed(env, USER, OTHER_USER)
    await _report_arrives(env)
    for chat in (USER, OTHER_USER):
        text, photo = _briefings_and_photos(env, chat)
        assert text.photo is None
        assert "Hartmann" in text.text
        assert photo.photo is not None
        assert photo.message_id > text.message_id
        assert photo.photo.data.startswith(PNG_SIGNATURE)
        with Image.open(io.BytesIO(photo.photo.data)) as image:
            assert image.size == (WIDTH_PX, HEIGHT_PX)
        assert utf16_len(photo.text) <= MAX_CAPTION_UTF16
        assert photo.text.splitlines()[1:] == ["1. Doha · Mon 12 May ✅", "2. Muscat · date not given 🗓"]
    sent = _photo_requests(env)
    assert len(sent) == 2
    assert isinstance(sent[0], Upload)
    uploaded = next(m.photo for m in env.api.all_messages() if m.photo is not None)
    assert sent[1] == uploaded.file_id  # the other chat was sent the same photo by its file_id
    rows = [r for chat in (USER, OTHER_USER) for r in await env.app.storage.outbox.for_chat(chat)]
    assert sorted(r.status for r in rows if r.kind == "map") == ["sent", "sent"]


async def test_a_second_trip_report_within_hours_brings_no_second_map(env: BotEnv) -> None:
    """The tour is reported again the next morning: the chat is briefed on it, but the map it
    got yesterday evening still stands (one per storyline and chat per 6 hours). Past the window
    a later report brings the map again."""
    await _subscribed(env, USER)
    await _report_arrives(env)
    env.clock.advance(hours=2)
    riyadh = later_report(1, "Riyadh", "Tue, 13 May")
    await _report_arrives(env, riyadh)
    rows = await env.app.storage.outbox.for_chat(USER)
    assert [r.kind for r in rows if r.kind != "digest"] == ["briefing", "map", "briefing"]
    assert len([m for m in env.api.messages(USER) if m.photo is not None]) == 1
    env.clock.advance(hours=6)
    await _report_arrives(env, riyadh, later_report(2, "Manama", "Wed, 14 May"))
    rows = await env.app.storage.outbox.for_chat(USER)
    assert [r.kind for r in rows if r.kind != "digest"] == ["briefing", "map", "briefing", "briefing", "map"]
    photos = [m for m in env.api.messages(USER) if m.photo is not None]
    assert len(photos) == 2
    assert rows[-1].status == "sent"
    assert photos[1].text.splitlines()[1:] == [
        "1. Doha · Mon 12 May ✅", "2. Muscat · date not given 🗓", "3. Riyadh · Tue 13 May ✅",
        "4. Manama · Wed 14 May ✅",
    ]  # drawn when sent: the route as the storyline's reports tell it by then


async def test_a_storyline_without_a_trip_gets_its_briefing_and_no_map(
    storage, tmp_path: Path
) -> None:
    """No trip in the report: the briefing is the whole message; no photo, no map row."""
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0
    ) as env:
        await _subscribed(env, USER)
        await _report_arrives(env)
        assert [m.photo for m in _briefings_and_photos(env, USER)] == [None]
        assert [r.kind for r in await env.app.storage.outbox.for_chat(USER)] == ["briefing"]
        assert _photo_requests(env) == []


async def test_a_map_that_cannot_be_drawn_costs_no_briefing_and_stops_no_queue(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Drawing fails: both chats get their briefing, no photo; one log line says why (no
    traceback), the map rows are finished as dropped, and the next message is still sent."""

    async def failing(slug: str) -> Picture:
        raise RuntimeError("renderer out of order")

    monkeypatch.setattr(env.app.reading, "itinerary", failing)
    await _subscribed(env, USER, OTHER_USER)
    caplog.set_level(logging.INFO)
    await _report_arrives(env)
    for chat in (USER, OTHER_USER):
        assert [m.photo for m in _briefings_and_photos(env, chat)] == [None]
        maps = [r for r in await env.app.storage.outbox.for_chat(chat) if r.kind == "map"]
        assert [(r.status, r.last_error) for r in maps] == [
            ("dropped", "no map: not drawn: RuntimeError: renderer out of order")
        ]
    assert caplog.text.count("renderer out of order") == 1
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert await env.app.storage.outbox.depth() == 0
    reply = await env.send(USER, "/help")  # the chat is served as before
    assert reply.text.startswith("What I can do")


async def test_a_picture_telegram_refuses_is_tried_once_and_the_texts_stand(
    env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram refuses the upload (bytes that are no image): one upload is tried, not one per
    chat; one warning line; every chat keeps its briefing; the map rows are finished."""

    async def broken(slug: str) -> Picture:
        return Picture(b"these bytes are no picture", "<b>Map</b>")

    monkeypatch.setattr(env.app.reading, "itinerary", broken)
    await _subscribed(env, USER, OTHER_USER)
    caplog.set_level(logging.INFO)
    await _report_arrives(env)
    tried = [r for r in env.api.requests if r.method.lower() == "sendphoto"]
    assert [(r.status, r.description) for r in tried] == [(400, "Bad Request: IMAGE_PROCESS_FAILED")]
    for chat in (USER, OTHER_USER):
        assert [m.photo for m in _briefings_and_photos(env, chat)] == [None]
        maps = [r for r in await env.app.storage.outbox.for_chat(chat) if r.kind == "map"]
        assert [r.status for r in maps] == ["dropped"]
    assert caplog.text.lower().count("image_process_failed") == 1
    assert "Traceback" not in caplog.text


class OneStopExtraction:
    """The extractor seam: a trip with one stop the map can place and one it cannot."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id, trips=(Trip("Lena Hartmann", (
            TripStop("Doha", "happened", "Qatar", date(2025, 5, 12)),
            TripStop("Qwertyville", "planned", "", None),
        )),))


async def test_a_trip_the_map_cannot_show_as_a_route_brings_no_map(storage, tmp_path: Path) -> None:
    """One stop placed on the map is a place, not a route: the briefing goes alone."""
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0,
        extractor=OneStopExtraction(),
    ) as env:
        await _subscribed(env, USER)
        await _report_arrives(env)
        assert [m.photo for m in _briefings_and_photos(env, USER)] == [None]
        assert [r.kind for r in await env.app.storage.outbox.for_chat(USER)] == ["briefing"]


async def test_a_paused_chat_holds_the_briefing_and_gets_no_map(env: BotEnv) -> None:
    """Paused: the trip's briefing is held for the catch-up, and no map is queued (a catch-up
    is one text); the chat that is not paused gets both."""
    await _subscribed(env, USER, OTHER_USER)
    await env.send(USER, "/pause")
    await _report_arrives(env)
    assert [(r.kind, r.status) for r in await env.app.storage.outbox.for_chat(USER)] == [("briefing", "held")]
    assert [r.kind for r in await env.app.storage.outbox.for_chat(OTHER_USER)] == ["briefing", "map"]


async def test_a_chat_that_turned_trip_maps_off_gets_the_briefing_alone(env: BotEnv) -> None:
    """/settings' 🗺 Trip maps toggle: off, the chat gets the trip's briefing and no map; the
    other chat gets both. The settings say which."""
    await _subscribed(env, USER, OTHER_USER)
    menu = await env.send(USER, "/settings")
    assert "Briefings: with “Why it matched”, with notification, no link previews, trip maps" in menu.text
    answer = await env.press(menu, "opt:map", predicate=lambda m: "no trip maps" in m.text)
    assert answer["text"] == "🗺 Trip maps: off"
    chat = await env.app.storage.chats.get(USER)
    assert chat.trip_maps is False
    await _report_arrives(env)
    assert [m.photo for m in _briefings_and_photos(env, USER)] == [None]
    assert [m.photo is not None for m in _briefings_and_photos(env, OTHER_USER)] == [False, True]
    assert [r.kind for r in await env.app.storage.outbox.for_chat(USER)] == ["briefing"]

"""End to end: /timeline sends the itinerary map (sendPhoto) after the text, through the real PTB
application and the fake Bot API; a refused upload is said in one line and the text stays.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest

from bot.maps.itinerary_png import HEIGHT_PX, WIDTH_PX
from bot.maps.picture import Picture
from bot.models import Extraction, Trip, TripStop
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.pictures import photo_after, sent_until_help
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API


class TourExtraction:
    """The extractor seam: the test item's trip as the extractor reports it (no model loaded)."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id, trips=(Trip("Lena Hartmann", (
            TripStop("Doha", "happened", "Qatar", date(2025, 5, 12)),
            TripStop("Muscat", "planned", "Oman", None),
        )),))


async def _tour_stored(bot_env: BotEnv) -> None:
    bot_env.app.pipeline.extractions.extractor = TourExtraction()
    bot_env.feed_path.write_text(e2e.FEED_ITEM)
    await run_due(bot_env.application)


async def test_timeline_sends_the_itinerary_map_after_the_text(bot_env: BotEnv) -> None:
    """Two stops on the map: the text timeline comes first, then one photo: a PNG of the map's
    size, with a caption in Telegram's limit that numbers the stops as the map does."""
    await _tour_stored(bot_env)
    text = await bot_env.send(USER, "/timeline gulf-tour-2025")
    assert "Gulf tour" in text.text
    assert text.photo is None
    photo = await photo_after(bot_env, USER, text, (WIDTH_PX, HEIGHT_PX))
    assert photo.text.splitlines() == [
        "Lena Hartmann: Foreign minister's Gulf tour",
        "1. Doha · Mon 12 May ✅",
        "2. Muscat · date not given 🗓",
    ]
    assert [e["type"] for e in photo.entities] == ["bold"]


async def test_a_storyline_without_a_trip_gets_the_text_and_no_photo(bot_env: BotEnv) -> None:
    """No trip reported: the timeline is the whole answer; no photo and no apology follow."""
    bot_env.feed_path.write_text(e2e.FEED_ITEM)
    await run_due(bot_env.application)
    await bot_env.send(USER, "/timeline gulf-tour-2025")
    sent = await sent_until_help(bot_env, USER)
    assert [m for m in sent if m.photo is not None] == []
    assert not any("itinerary map" in m.text for m in sent)


async def test_a_refused_upload_gets_one_clear_line_and_the_text_stays(
    bot_env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram refuses the image (here: bytes that are no image): the timeline text was
    delivered, the reader is told in one line why the map is missing, and no traceback is
    logged."""
    await _tour_stored(bot_env)

    async def broken_picture(slug: str) -> Picture:
        return Picture(b"these bytes are no picture", "<b>Map</b>")

    monkeypatch.setattr(bot_env.app.reading, "itinerary", broken_picture)
    caplog.set_level(logging.WARNING)
    text = await bot_env.send(USER, "/timeline gulf-tour-2025")
    assert "Gulf tour" in text.text
    note = await bot_env.api.wait_for_message(USER, lambda m: "itinerary map" in m.text)
    assert note.text == (
        "The itinerary map could not be sent (Image_process_failed). "
        "The timeline above lists every stop."
    )
    assert [m for m in bot_env.api.messages(USER) if m.photo is not None] == []
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_map_that_cannot_be_drawn_leaves_the_answer_as_it_is(
    bot_env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A failure while drawing is logged in one line; the reader keeps the text answer."""
    await _tour_stored(bot_env)

    async def failing_picture(slug: str) -> Picture:
        raise RuntimeError("renderer out of order")

    monkeypatch.setattr(bot_env.app.reading, "itinerary", failing_picture)
    caplog.set_level(logging.WARNING)
    text = await bot_env.send(USER, "/timeline gulf-tour-2025")
    assert "Gulf tour" in text.text
    assert all(m.photo is None for m in await sent_until_help(bot_env, USER))
    assert "itinerary map for gulf-tour-2025 not drawn: RuntimeError('renderer out of order')" in caplog.text
    assert "Traceback" not in caplog.text

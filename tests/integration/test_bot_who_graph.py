"""End to end: /who sends the meeting graph (sendPhoto) after the text, through the real PTB
application and the fake Bot API; no meeting means no picture, and a refused upload is one line.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest

from bot.briefings.views import PersonView
from bot.maps.network_png import HEIGHT_PX, WIDTH_PX
from bot.maps.picture import Picture
from bot.models import Extraction, Meeting
from bot.telegram.application import run_due
from tests.integration import test_bot_e2e as e2e
from tests.integration.pictures import photo_after, sent_until_help
from tests.integration.test_bot_e2e import USER, BotEnv

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API


class TalksExtraction:
    """The extractor seam: the test item's meetings as the extractor reports them (no model)."""

    def extract(self, article_id: str, title: str, text: str, published: datetime) -> Extraction:
        return Extraction(article_id=article_id, meetings=(
            Meeting(("Lena Hartmann", "Sheikh Faisal Al Nour"), "Doha", "happened", "talks", date(2025, 5, 12)),
            Meeting(("Lena Hartmann", "Omar Haddad"), "Muscat", "planned", "meeting", None),
        ))


async def _talks_stored(bot_env: BotEnv) -> None:
    bot_env.app.pipeline.extractions.extractor = TalksExtraction()
    bot_env.feed_path.write_text(e2e.FEED_ITEM)
    await run_due(bot_env.application)


async def test_who_sends_the_meeting_graph_after_the_text(bot_env: BotEnv) -> None:
    """Two counterparts: the person's page comes first, then one photo, a PNG of the graph's size
    with a caption in Telegram's limit listing each counterpart and how many meetings."""
    await _talks_stored(bot_env)
    text = await bot_env.send(USER, "/who Hartmann")
    assert "Lena Hartmann" in text.text
    assert text.photo is None
    photo = await photo_after(bot_env, USER, text, (WIDTH_PX, HEIGHT_PX))
    assert photo.text.splitlines() == [
        "Who Lena Hartmann met",
        "Sheikh Faisal Al Nour · 1 meeting",
        "Omar Haddad · 1 meeting 🗓 planned",
    ]
    assert [e["type"] for e in photo.entities] == ["bold"]


async def test_who_without_meetings_gets_the_text_and_no_photo(bot_env: BotEnv) -> None:
    """Nobody met: the text is the whole answer; no photo and no apology follow."""
    bot_env.feed_path.write_text(e2e.FEED_ITEM)
    await run_due(bot_env.application)
    await bot_env.send(USER, "/who Hartmann")
    sent = await sent_until_help(bot_env, USER)
    assert [m for m in sent if m.photo is not None] == []
    assert not any("meeting graph" in m.text for m in sent)


async def test_a_refused_graph_upload_is_said_in_one_line(
    bot_env: BotEnv, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram refuses the image: the text answer stands, one line says why, no traceback."""
    await _talks_stored(bot_env)

    async def broken_graph(person: PersonView) -> Picture:
        return Picture(b"not an image at all", "<b>Graph</b>")

    monkeypatch.setattr(bot_env.app.reading, "who_graph", broken_graph)
    caplog.set_level(logging.WARNING)
    text = await bot_env.send(USER, "/who Hartmann")
    assert "Lena Hartmann" in text.text
    note = await bot_env.api.wait_for_message(USER, lambda m: "meeting graph" in m.text)
    assert note.text == (
        "The meeting graph could not be sent (Image_process_failed). "
        "The list above names every meeting."
    )
    assert "Traceback" not in caplog.text

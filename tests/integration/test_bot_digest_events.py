"""End to end through the fake Bot API with the real extractor: a planned meeting and the later
report that it took place are one digest entry, and a /digest can be marked as read."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.config import Settings
from bot.telegram.application import run_due
from bot.telegram.fake import RateLimits
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv, buttons

# Invented wire stories: the plan on Monday, the meeting reported on Wednesday.
PLAN = """<item>
  <title>Hartmann to travel to Doha for shipping talks</title>
  <link>https://wire.example/2025/05/hartmann-plan</link>
  <guid>wire-plan</guid>
  <pubDate>Mon, 12 May 2025 05:30:00 GMT</pubDate>
  <description><![CDATA[<p>Foreign Minister Lena Hartmann will meet Qatari Foreign Minister Khalid
  Al-Mansour in Doha on Wednesday to discuss shipping lanes, her office said on Monday.</p>
  <p>"We want the sea lanes open for everyone," Hartmann told reporters before leaving.</p>]]></description>
</item>"""
DONE = """<item>
  <title>Hartmann holds shipping talks in Doha</title>
  <link>https://herald.example/2025/05/hartmann-doha-talks</link>
  <guid>herald-done</guid>
  <pubDate>Wed, 14 May 2025 09:00:00 GMT</pubDate>
  <description><![CDATA[<p>Foreign Minister Lena Hartmann met Qatari Foreign Minister Khalid
  Al-Mansour in Doha on Wednesday.</p>
  <p>"Our talks were open and useful, and we agreed to meet again before the summer," Hartmann
  said after the meeting.</p>
  <p>The two ministers first met in 2019.</p>]]></description>
</item>"""


def _feed(*items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test Wire</title>'
        "<link>https://wire.example/</link><description>Test feed</description>"
        + "".join(items)
        + "</channel></rss>"
    )


@pytest.fixture
async def reading_env(storage, tmp_path: Path) -> AsyncIterator[BotEnv]:
    from bot.extract.pipeline import Extractor

    extractor = Extractor(Settings().extract.model)
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0, extractor=extractor
    ) as env:
        yield env


async def _digest(env: BotEnv) -> tuple[str, e2e.BotMessage]:
    """/digest now: the digest's text and the note under it (with its button)."""
    mark, before = env.api.mark, max((m.message_id for m in env.api.messages(USER)), default=0)
    env.api.user_sends(USER, "/digest")
    note = await env.api.wait_for_message(USER, lambda m: "✓ Mark as read" in buttons(m), since=mark)
    answers = [m for m in env.api.messages(USER) if before < m.message_id < note.message_id]
    return "\n".join(m.text for m in answers), note


async def test_a_plan_and_the_report_that_it_happened_are_one_digest_entry(reading_env: BotEnv):
    """Monday's digest shows the plan (dated by the planned Wednesday); after Wednesday's report
    the digest shows one happened meeting noting when it was announced, its quote, and the
    earlier meeting as background after the news; nothing is left "due", in the digest, /timeline
    or /who. Marking it as read moves the "since" mark to when it was shown, so the next /digest
    has nothing new."""
    env = reading_env
    await env.send(USER, "/subscribe gulf-tour-2025")
    menu = await env.send(USER, "/settings")
    await env.press(menu, "m:gulf-tour-2025:d")  # digest only: no instant briefings
    await env.press(menu, "dt:0800")  # no scheduled digest: only /digest moves anything
    env.feed_path.write_text(_feed(PLAN))
    await run_due(env.application)

    monday, _ = await _digest(env)
    assert "🗓 Lena Hartmann is due to meet Khalid Al-Mansour in Doha (Wed 14 May 2025)" in monday
    assert "✅" not in monday

    env.clock.advance(days=2, hours=4)  # Wednesday 10:00
    env.feed_path.write_text(_feed(PLAN, DONE))
    await run_due(env.application)
    wednesday, note = await _digest(env)
    assert "✅ Lena Hartmann met Khalid Al-Mansour in Doha (Wed 14 May 2025) — announced 12 May" in wednesday
    assert "is due to" not in wednesday  # the plan and the planned visit both took place
    assert "Our talks were open and useful" in wednesday
    assert wednesday.index("Earlier, for context") > wednesday.index("✅ Lena Hartmann met")
    assert "🕰" in wednesday
    assert "Hartmann to travel to Doha" not in wednesday  # its meeting is listed, not the item
    assert "does not move" in note.text
    timeline = await env.send(USER, "/timeline gulf-tour-2025", predicate=lambda m: "timeline" in m.text)
    assert "📍 Lena Hartmann visited Doha — announced 12 May" in timeline.text
    assert "🗓" not in timeline.text
    who = await env.send(USER, "/who Hartmann", predicate=lambda m: m.text.startswith("👤"))
    assert "✅ Lena Hartmann met Khalid Al-Mansour in Doha (Wed 14 May 2025) — announced 12 May" in who.text
    chat = await env.app.storage.chats.get(USER)
    assert chat.last_digest_at is None  # asking for the digest moved nothing

    data = buttons(note)["✓ Mark as read"]
    answer = await env.press(note, data)
    assert answer.get("text") == "Marked as read"
    assert "Marked as read" in env.current(note).text
    chat = await env.app.storage.chats.get(USER)
    assert chat.last_digest_at == datetime(2025, 5, 14, 10, 0, tzinfo=UTC)
    after = await env.send(USER, "/digest", predicate=lambda m: "Nothing new" in m.text)
    assert "since your last digest" in after.text


async def test_a_forged_or_stale_mark_as_read_moves_nothing_back_or_ahead(reading_env: BotEnv):
    """A button stamped in the future marks read only up to now; an older one after that changes
    nothing and says so; a malformed one is refused."""
    env = reading_env
    await env.send(USER, "/subscribe gulf-tour-2025")
    note = await env.send(USER, "/help")
    future = int(datetime(2030, 1, 1, tzinfo=UTC).timestamp())
    await env.press(note, f"rd:{future}")
    chat = await env.app.storage.chats.get(USER)
    assert chat.last_digest_at == e2e.START  # the clock's now, not 2030
    stale = await env.press(note, f"rd:{int(e2e.START.timestamp()) - 3600}")
    assert "Already read" in stale.get("text", "")
    assert (await env.app.storage.chats.get(USER)).last_digest_at == e2e.START
    refused = await env.press(note, "rd:soon")
    assert "not valid" in refused.get("text", "")

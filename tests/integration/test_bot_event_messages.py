"""End to end through the fake Bot API with the real extractor: one message per event. A second
outlet's report of a briefed event edits the first message (a plan becoming happened), past the
48-hour edit window or when the message is gone a follow-up is sent instead, and an edit is made
exactly once across a restart."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.config import FeedEntry, Settings
from bot.storage import schema
from bot.telegram.application import run_due
from bot.telegram.fake import RateLimits
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import USER, BotEnv

DAYS = {"Tuesday": "Tue, 13 May 2025", "Wednesday": "Wed, 14 May 2025"}


def plan(day: str) -> str:
    """The wire's invented Monday story: a meeting planned for `day`."""
    return f"""<item>
  <title>Hartmann to visit Muscat for port talks</title>
  <link>https://wire.example/2025/05/hartmann-muscat-plan</link>
  <guid>wire-muscat-plan</guid>
  <pubDate>Mon, 12 May 2025 05:30:00 GMT</pubDate>
  <description><![CDATA[<p>Foreign Minister Lena Hartmann will meet Omani Foreign Minister Salim
  Al-Harthy in Muscat on {day} to discuss port fees, her office said on Monday.</p>]]></description>
</item>"""


def done(day: str) -> str:
    """Another outlet's invented story, published on `day`: the meeting took place."""
    return f"""<item>
  <title>Hartmann and Al-Harthy hold port talks in Muscat</title>
  <link>https://herald.example/2025/05/muscat-port-talks</link>
  <guid>herald-muscat-done</guid>
  <pubDate>{DAYS[day]} 09:00:00 GMT</pubDate>
  <description><![CDATA[<p>Foreign Minister Lena Hartmann met Omani Foreign Minister Salim
  Al-Harthy in Muscat on {day}.</p>]]></description>
</item>"""


def _feed(title: str, *items: str) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}</title>'
        "<link>https://example.org/</link><description>Test feed</description>"
        + "".join(items)
        + "</channel></rss>"
    )


@pytest.fixture
async def env(storage, tmp_path: Path) -> AsyncIterator[BotEnv]:
    from bot.extract.pipeline import Extractor

    herald = tmp_path / "herald.xml"
    herald.write_text(_feed("Herald"))
    async with e2e.running_bot(
        storage, tmp_path, limits=RateLimits(enabled=False), per_chat_spacing_s=0.0,
        extractor=Extractor(Settings().extract.model),
        more_feeds=(FeedEntry(url=herald.as_uri(), title="Herald"),),
    ) as bot_env:
        yield bot_env


def _herald(env: BotEnv, day: str) -> None:
    (env.feed_path.parent / "herald.xml").write_text(_feed("Herald", done(day)))


async def _planned_briefing(env: BotEnv, day: str) -> e2e.BotMessage:
    """Subscribe and let the wire's plan arrive as an instant briefing."""
    await env.send(USER, "/subscribe gulf-tour-2025")
    env.feed_path.write_text(_feed("Test Wire", plan(day)))
    mark = env.api.mark
    await run_due(env.application)
    first = await env.api.wait_for_message(USER, lambda m: m.text.startswith("📰"), since=mark)
    assert "🗓 Lena Hartmann is due to hold talks with Salim Al-Harthy in Muscat" in first.text or (
        "🗓 Lena Hartmann is due to meet Salim Al-Harthy in Muscat" in first.text
    )
    return first


def _briefings(env: BotEnv) -> list[e2e.BotMessage]:
    return [m for m in env.api.messages(USER) if m.text.startswith(("📰", "➕"))]


async def test_a_second_outlet_edits_the_first_message_into_happened_with_two_sources(env: BotEnv):
    """Monday's briefing says the talks are planned; Tuesday another outlet reports them held:
    the same message now says they took place, when they were announced, and names both
    outlets; no second briefing is sent."""
    first = await _planned_briefing(env, "Tuesday")
    env.clock.advance(hours=28)  # Tuesday 10:00, well inside the 48-hour edit window
    _herald(env, "Tuesday")
    mark = env.api.mark
    await run_due(env.application)
    edited = await env.api.wait_for_message(USER, lambda m: m.edits == 1, since=mark)
    assert edited.message_id == first.message_id
    assert "✅ Lena Hartmann met Salim Al-Harthy in Muscat" in edited.text
    assert "— announced Mon 12 May 2025" in edited.text
    assert "🗓" not in edited.text
    assert "Test Wire · Herald (2 sources)" in edited.text
    assert 'href="https://herald.example/2025/05/muscat-port-talks"' in edited.raw_text
    assert edited.buttons == first.buttons  # the feedback button stays
    assert [m.message_id for m in _briefings(env)] == [first.message_id]
    env.clock.advance(hours=1)  # the next poll finds nothing new: nothing is edited again
    await run_due(env.application)
    assert env.api.counters.edited == 1


async def test_past_the_edit_window_a_follow_up_replies_to_the_briefing(env: BotEnv):
    """The other outlet reports on Wednesday, 52 hours after the briefing: it is not edited; a
    short follow-up, in reply to it, names the event and both outlets."""
    first = await _planned_briefing(env, "Wednesday")
    env.clock.advance(hours=52)
    _herald(env, "Wednesday")
    mark = env.api.mark
    await run_due(env.application)
    follow = await env.api.wait_for_message(USER, lambda m: m.text.startswith("➕"), since=mark)
    assert follow.reply_to == first.message_id
    assert "✅ Lena Hartmann met Salim Al-Harthy in Muscat" in follow.text
    assert "(2 sources)" in follow.text
    assert env.current(first).edits == 0
    assert env.api.counters.edited == 0


async def test_a_deleted_briefing_gets_the_follow_up_instead_of_an_edit(env: BotEnv):
    """The reader deleted the briefing: Telegram says there is no message to edit, so the
    follow-up is sent (not as a reply), nothing is lost and the row is settled as sent."""
    first = await _planned_briefing(env, "Tuesday")
    env.api.delete_message(USER, first.message_id)
    env.clock.advance(hours=28)
    _herald(env, "Tuesday")
    mark = env.api.mark
    await run_due(env.application)
    follow = await env.api.wait_for_message(USER, lambda m: m.text.startswith("➕"), since=mark)
    assert follow.reply_to is None
    assert "Herald" in follow.text
    [update] = [r for r in await env.app.storage.outbox.for_chat(USER) if r.kind == "edit"]
    assert update.kind == "edit"
    assert update.status == "sent"
    assert update.telegram_message_id == follow.message_id


async def test_an_edit_claimed_before_a_crash_is_made_once_after_the_restart(env: BotEnv):
    """The sender claims the edit and dies before sending it; after the restart the edit is made
    exactly once. Had it died after Telegram's OK but before recording it, the edit is made again
    and Telegram's "message is not modified" settles it: still one edit, no new message."""
    first = await _planned_briefing(env, "Tuesday")
    env.clock.advance(hours=28)
    _herald(env, "Tuesday")
    app = env.app
    await app.pipeline.poll_cycle()  # queued, not sent
    deliverer = env.application.bot_data.deliverer
    [claimed] = await app.storage.outbox.claim(app.clock(), 10, claimant=deliverer.instance)
    assert claimed.kind == "edit"
    assert await deliverer.release_own_claims() == 1  # the restart takes its claim back
    await run_due(env.application)
    await env.api.wait_until(lambda: env.current(first).edits == 1)
    # Now the crash after Telegram's OK: the row is "sending" again, unrecorded.
    async with app.storage.engine.begin() as conn:
        await conn.execute(
            sa.update(schema.outbox).where(schema.outbox.c.id == claimed.id).values(
                status="sending", claimed_by=deliverer.instance
            )
        )
    assert await deliverer.release_own_claims() == 1
    report = await deliverer.drain()
    assert report.sent == 1
    assert env.api.counters.edited == 1
    assert env.current(first).edits == 1
    assert [m.message_id for m in _briefings(env)] == [first.message_id]
    assert (await app.storage.outbox.get(claimed.id)).status == "sent"

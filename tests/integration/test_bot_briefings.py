"""End to end: a feed item arrives and the briefing is received; digests come when the clock says."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from bot.telegram.application import run_due
from bot.telegram.fake import DEFAULT_TOKEN
from tests.integration import test_bot_e2e as e2e
from tests.integration.test_bot_e2e import FEED_ITEM, USER, BotEnv

bot_env = e2e.bot_env  # the same fixture: the real application against the fake Bot API

OTHER_USER = 102


def publish(env: BotEnv) -> None:
    """The wire publishes the item: the local feed file now carries it."""
    env.feed_path.write_text(FEED_ITEM)


async def test_new_feed_item_reaches_subscribers_as_a_briefing(bot_env: BotEnv):
    """Subscribe, publish an item, one scheduler tick: the briefing arrives, exactly once."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    await bot_env.send(OTHER_USER, "/start")  # not subscribed: must get nothing
    publish(bot_env)
    mark = bot_env.api.mark
    done = await run_due(bot_env.application)
    assert done["feeds"] == 1
    assert done["delivered"] == 1
    briefing = await bot_env.api.wait_for_message(
        USER, lambda m: "Hartmann arrives in Doha" in m.text, since=mark
    )
    assert briefing.parse_mode == "HTML"
    assert "https://wire.example/2025/05/hartmann-doha" in briefing.raw_text
    # the next tick finds nothing new: the item is not briefed twice
    bot_env.clock.advance(hours=1)
    await run_due(bot_env.application)
    briefings = [m for m in bot_env.api.messages(USER) if "Hartmann arrives" in m.text]
    assert len(briefings) == 1
    assert [m for m in bot_env.api.messages(OTHER_USER) if "Hartmann" in m.text] == []


async def test_latest_shows_the_stored_briefing_on_request(bot_env: BotEnv):
    """/latest answers with the newest matched items of the storyline."""
    empty = await bot_env.send(USER, "/latest gulf-tour-2025")
    assert "Nothing matched" in empty.text
    publish(bot_env)
    await run_due(bot_env.application)
    latest = await bot_env.send(USER, "/latest gulf-tour-2025", predicate=lambda m: "Hartmann" in m.text)
    assert "Doha" in latest.text


async def test_digest_arrives_when_the_clock_reaches_the_chats_digest_time(bot_env: BotEnv):
    """A digest-mode subscriber gets no instant briefing, then one digest at 08:00, once."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    menu = await bot_env.send(USER, "/settings")
    await bot_env.press(menu, "m:gulf-tour-2025:d")
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.next_digest_at == datetime(2025, 5, 12, 8, 0, tzinfo=UTC)
    bot_env.clock.advance(minutes=10)  # 06:10
    publish(bot_env)
    before = len(bot_env.api.messages(USER))
    await run_due(bot_env.application)
    assert len(bot_env.api.messages(USER)) == before  # digest mode: no instant briefing
    bot_env.clock.advance(hours=1, minutes=45)  # 07:55: not yet
    assert (await run_due(bot_env.application))["digests"] == 0
    bot_env.clock.advance(minutes=5)  # 08:00
    mark = bot_env.api.mark
    done = await run_due(bot_env.application)
    assert done["digests"] >= 1
    digest = await bot_env.api.wait_for_message(USER, lambda m: "Hartmann" in m.text, since=mark)
    assert "Gulf tour" in digest.text
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.next_digest_at == datetime(2025, 5, 13, 8, 0, tzinfo=UTC)
    again = await run_due(bot_env.application)
    assert again["digests"] == 0
    assert again["delivered"] == 0


async def test_digest_command_answers_now(bot_env: BotEnv):
    """/digest gives the chat's digest on demand; without subscriptions it says so."""
    none = await bot_env.send(USER, "/digest")
    assert "follows no storylines" in none.text
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    menu = await bot_env.send(USER, "/settings")
    await bot_env.press(menu, "m:gulf-tour-2025:b")
    bot_env.clock.advance(minutes=10)
    publish(bot_env)
    await run_due(bot_env.application)
    digest = await bot_env.send(USER, "/digest", predicate=lambda m: "Hartmann" in m.text)
    assert "Doha" in digest.text


async def test_a_user_who_blocked_the_bot_does_not_affect_other_chats(bot_env: BotEnv):
    """Delivery to a blocked chat fails and is counted; the other subscriber still gets it."""
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    await bot_env.send(OTHER_USER, "/subscribe gulf-tour-2025")
    bot_env.api.block(USER)
    publish(bot_env)
    mark = bot_env.api.mark
    await run_due(bot_env.application)
    await bot_env.api.wait_for_message(OTHER_USER, lambda m: "Hartmann" in m.text, since=mark)
    chat = await bot_env.app.storage.chats.get(USER)
    assert chat.failure_count == 1
    assert [m for m in bot_env.api.messages(USER) if "Hartmann" in m.text] == []


async def test_the_token_never_appears_in_logs(bot_env: BotEnv, caplog):
    """Every log record of a session (commands, buttons, a briefing) is free of the bot token."""
    caplog.set_level(logging.DEBUG)
    await bot_env.send(USER, "/start")
    await bot_env.send(USER, "/subscribe gulf-tour-2025")
    publish(bot_env)
    await run_due(bot_env.application)
    await bot_env.send(USER, "/nonsense")
    # even a careless log line that includes the token comes out redacted
    logging.getLogger("bot.test").warning("calling %s/getMe", f"https://x/bot{DEFAULT_TOKEN}")
    assert caplog.records  # something was logged, and none of it leaks the secret
    secret = DEFAULT_TOKEN.split(":", 1)[1]
    for record in caplog.records:
        assert secret not in record.getMessage()
    assert secret not in caplog.text
    assert "[token]" in caplog.text


async def test_the_scheduled_tick_polls_and_the_background_sender_delivers(storage, tmp_path):
    """The production path: PTB's job queue ticks, the feed is polled, the deliverer's own loop
    sends the briefing. Waits on the fake server's events, never on a timer."""
    import asyncio

    from bot import app as app_module
    from bot.clock import ManualClock
    from bot.telegram.application import build_application, serve
    from bot.telegram.fake import FakeBotAPI

    feed = tmp_path / "wire.xml"
    feed.write_text(FEED_ITEM)
    app = await app_module.build(
        e2e.settings_for(tmp_path, feed.as_uri()),
        storage=storage,
        clock=ManualClock(e2e.START),
        storylines=[e2e.STORY],
        extractor=e2e.NoExtraction(),
    )
    await storage.chats.ensure(USER)
    await storage.chats.subscribe(USER, "gulf-tour-2025")
    async with FakeBotAPI() as api:
        application = build_application(app, DEFAULT_TOKEN, base_url=api.base_url, tick_interval=0.2)
        stop, started = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(serve(application, stop, poll_timeout=1, started=started))
        try:
            briefing = await api.wait_for_message(
                USER, lambda m: "Hartmann arrives in Doha" in m.text, timeout=20, since=0
            )
            assert briefing.parse_mode == "HTML"
        finally:
            stop.set()
            await asyncio.wait_for(task, 30)
            await app.http.aclose()
    assert (await storage.outbox.stats()).depth == 0

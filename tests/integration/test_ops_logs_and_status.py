"""Logs worth reading and a status that survives restarts: one INFO line per poll cycle and per
delivery batch (with their metrics), and /status read from the database like `attache status`."""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

import pytest
from telegram import Bot

from bot import app as app_module
from bot.clock import ManualClock
from bot.config import FeedEntry, FeedSettings, Settings, TelegramSettings
from bot.ops.metrics import Meters
from bot.telegram.delivery import Deliverer
from bot.telegram.fake import FakeBotAPI, RateLimits
from tests.integration.test_bot_e2e import ADMIN, BotEnv, bot_env  # noqa: F401 - the fixture
from tests.integration.test_status_command import FEED


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after (else PTB warns, and warnings are errors here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


async def test_a_poll_cycle_logs_one_info_line_and_counts_itself(storage, tmp_path: Path, caplog):
    """Two feeds, one with two new items and one missing: one INFO line from the pipeline with
    the feeds by outcome, the items and the milliseconds; the app's metrics count the cycle."""
    good = tmp_path / "good.xml"
    good.write_text(FEED, encoding="utf-8")
    missing = tmp_path / "missing.xml"
    settings = Settings(
        feeds=FeedSettings(
            sources=(FeedEntry(url=good.as_uri()), FeedEntry(url=missing.as_uri())),
            allow_private=True,
        )
    )
    app = await app_module.build(settings, storage=storage, storylines=[])
    try:
        with caplog.at_level(logging.INFO, logger="bot.services.pipeline"):
            await app.pipeline.poll_cycle(force=True, process=False)
    finally:
        await app.http.aclose()
    lines = [r for r in caplog.records if r.name == "bot.services.pipeline"]
    assert len(lines) == 1
    assert lines[0].levelno == logging.INFO
    assert re.fullmatch(
        r"poll cycle: 2 feeds polled \(1 new, 0 unchanged, 1 failed\), 2 items, \d+ ms",
        lines[0].getMessage(),
    )
    registry = app.meters.registry
    assert registry.get_sample_value("attache_poll_cycles_total") == 1
    assert registry.get_sample_value("attache_feed_polls_total", {"outcome": "new"}) == 1
    assert registry.get_sample_value("attache_feed_polls_total", {"outcome": "failed"}) == 1


async def test_a_delivery_batch_logs_one_info_line_and_counts_its_results(storage, storage_clock, caplog):
    """Three messages, one to a chat that blocked the bot: one INFO line with 2 sent and 1
    failed; an empty pass afterwards logs nothing; the results are counted."""
    meters = Meters()
    async with FakeBotAPI(limits=RateLimits(enabled=False)) as api:
        api.block(3)
        for chat in (1, 2, 3):
            await storage.chats.ensure(chat)
            await storage.outbox.enqueue(chat, "<b>Talks</b> resume", f"k{chat}", "briefing", now=storage_clock())
        async with Bot(api.token, base_url=api.base_url) as bot:
            deliverer = Deliverer(bot, storage, storage_clock, Settings(), meters=meters)
            with caplog.at_level(logging.INFO, logger="bot.telegram.delivery"):
                await deliverer.drain()
                await deliverer.drain_once()  # nothing left: no line
    batch = [r.getMessage() for r in caplog.records if r.getMessage().startswith("delivery batch:")]
    assert len(batch) == 1
    assert re.fullmatch(r"delivery batch: 2 sent, 0 retried, 1 failed, 0 dropped, \d+ ms", batch[0])
    assert meters.registry.get_sample_value("attache_deliveries_total", {"result": "sent"}) == 2
    assert meters.registry.get_sample_value("attache_deliveries_total", {"result": "failed"}) == 1


async def test_status_after_a_restart_shows_the_poll_the_database_recorded(bot_env: BotEnv):  # noqa: F811
    """A poll run outside this bot's scheduler (another process, or before a restart): /status
    reports it from the database, in the same lines `attache status` prints, then this
    process's own notes."""
    app = bot_env.app
    polled_at = bot_env.clock()
    await app.pipeline.poll_cycle(force=True)
    bot_env.clock.advance(minutes=7)
    answer = await bot_env.send(ADMIN, "/status")
    printed = (await app.status.render("text")).splitlines()
    assert f"Last poll: 7 min ago ({polled_at:%Y-%m-%d %H:%M:%S} UTC)" in printed
    shown = answer.text.splitlines()
    assert shown[: len(printed)] == [html.unescape(line) for line in printed]
    own = shown[len(printed):]  # this process: its send budget, its role on PostgreSQL, errors
    assert own[0] == "Send budget: this instance's own (no telegram.redis_url)"
    assert own[-1] == "No errors since this process started."


async def test_the_bot_counts_the_429s_its_rate_limiter_swallows(storage, tmp_path: Path):
    """The application's own bot uses the counting request: a 429 answered to a send that the
    limiter retries by itself still shows in the app's metrics."""
    from bot.telegram.application import build_application

    clock = ManualClock(storage.clock())
    # No pacing of private chats on our side, so the fake's limit is what answers 429.
    unpaced = Settings(telegram=TelegramSettings(per_chat_spacing_s=0.0))
    app = await app_module.build(unpaced, storage=storage, clock=clock, storylines=[])
    limits = RateLimits(private_burst=1.0, private_per_s=2.0)
    try:
        async with FakeBotAPI(limits=limits) as api:
            application = build_application(app, api.token, base_url=api.base_url, tick_interval=None)
            async with application:
                for n in range(2):
                    await application.bot.send_message(chat_id=77, text=f"note {n}")
            rejected = api.counters.rejected_429
    finally:
        await app.http.aclose()
    assert rejected >= 1
    assert app.meters.registry.get_sample_value("attache_telegram_429_total") == rejected
    assert [m.text for m in api.messages(77)] == ["note 0", "note 1"]


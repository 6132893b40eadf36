"""Delivery through PTB to the fake Bot API: limits honoured, chats isolated, exactly once."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from datetime import timedelta

import pytest
import sqlalchemy as sa
from telegram import Bot

from bot.briefings.render import as_messages
from bot.config import Settings
from bot.storage import schema
from bot.telegram.delivery import Deliverer, build_bot
from bot.telegram.fake import FakeBotAPI, RateLimits
from bot.tgtext.units import utf16_len


class FakeMonotonic:
    """The fake server's monotonic clock, moved by hand together with the storage clock."""

    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after (else PTB warns, and warnings are errors here)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


def settings_with(**telegram: object) -> Settings:
    base = Settings()
    return dataclasses.replace(base, telegram=dataclasses.replace(base.telegram, **telegram))


@pytest.fixture
def mono() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def advance(storage_clock, mono):
    """Move both clocks (the sender's UTC clock and the fake server's monotonic one)."""

    def move(seconds: float) -> None:
        storage_clock.advance(seconds=seconds)
        mono.now += seconds

    return move


async def make_api(mono: FakeMonotonic, limits: RateLimits | None = None) -> FakeBotAPI:
    return await FakeBotAPI(clock=mono, limits=limits).start()


@pytest.fixture
async def api(mono):
    server = await make_api(mono)
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def bot(api):
    async with Bot(api.token, base_url=api.base_url) as ptb_bot:
        yield ptb_bot


async def queue(storage, chat_id: int, key: str, text: str = "<b>Briefing</b>", **kw) -> bool:
    return await storage.outbox.enqueue(
        chat_id, text, key, kw.pop("kind", "briefing"), now=storage.clock(), **kw
    )


async def test_drain_sends_each_queued_message_once_and_records_the_telegram_id(
    storage, api, bot, storage_clock
):
    """Each queued row reaches its chat once; the row is sent with Telegram's message id."""
    for chat in (1, 2, 3):
        await storage.chats.ensure(chat)
        await queue(storage, chat, "briefing:a1:pompeo", "<b>Pompeo</b> meets Kim")
    deliverer = Deliverer(bot, storage, storage_clock, Settings())
    report = await deliverer.drain()
    assert report.sent == 3
    assert {chat: [m.text for m in api.messages(chat)] for chat in (1, 2, 3)} == {
        1: ["Pompeo meets Kim"], 2: ["Pompeo meets Kim"], 3: ["Pompeo meets Kim"],
    }
    [row] = await storage.outbox.for_chat(2)
    assert row.status == "sent"
    assert row.telegram_message_id == api.messages(2)[0].message_id
    # Queueing the same briefing again and draining again sends nothing more.
    assert await queue(storage, 1, "briefing:a1:pompeo") is False
    assert (await deliverer.drain()).sent == 0
    assert api.counters.sent == 3


async def test_message_goes_out_as_html_in_its_forum_topic(storage, api, bot, storage_clock):
    """parse_mode HTML and the subscription's message_thread_id are passed to Telegram."""
    await queue(storage, -200, "k", "<i>In the topic</i>", thread_id=9)
    await Deliverer(bot, storage, storage_clock).drain()
    [message] = api.messages(-200)
    assert message.parse_mode == "HTML"
    assert message.thread_id == 9
    assert message.entities == ({"type": "italic", "offset": 0, "length": 12},)


async def test_per_chat_spacing_defers_a_second_message_until_the_clock_moves(
    storage, api, bot, storage_clock, advance
):
    """Two messages for one chat leave a second apart: the second waits for the clock."""
    await queue(storage, 7, "k1", "first")
    await queue(storage, 7, "k2", "second")
    deliverer = Deliverer(bot, storage, storage_clock, settings_with(per_chat_spacing_s=1.0))
    await deliverer.drain()
    assert [m.text for m in api.messages(7)] == ["first"]
    advance(0.5)
    report = await deliverer.drain()
    assert report.sent == 0
    advance(0.5)
    await deliverer.drain()
    assert [m.text for m in api.messages(7)] == ["first", "second"]
    assert api.counters.rejected_429 == 0


async def test_429_retry_after_is_honoured_and_nothing_is_lost(
    storage, mono, storage_clock, advance
):
    """Above the overall limit Telegram says 429; rows wait retry_after and all arrive once."""
    api = await make_api(mono, RateLimits(overall_per_s=5, overall_burst=5))
    try:
        async with Bot(api.token, base_url=api.base_url) as bot:
            for chat in range(1, 13):
                await queue(storage, chat, "briefing:x:y")
            deliverer = Deliverer(bot, storage, storage_clock, Settings())
            first = await deliverer.drain_once()
            assert first.sent == 5
            assert first.retried == 7
            assert api.counters.rejected_429 == 7
            waiting = await storage.outbox.for_chat(12)
            assert waiting[0].status == "pending"
            assert waiting[0].not_before >= storage_clock() + timedelta(seconds=1)
            assert (await deliverer.drain()).sent == 0  # not due before retry_after
            for _ in range(5):
                advance(1.0)
                await deliverer.drain()
            assert {chat: api.counters.per_chat_sent[chat] for chat in range(1, 13)} == dict.fromkeys(
                range(1, 13), 1
            )
            assert (await storage.outbox.stats()).sent == 12
    finally:
        await api.stop()


async def test_per_chat_429_keeps_the_chats_messages_in_order(storage, mono, storage_clock, advance):
    """A chat limited by Telegram gets its queued parts later, in their original order."""
    api = await make_api(mono, RateLimits(private_burst=1, private_per_s=1))
    try:
        async with Bot(api.token, base_url=api.base_url) as bot:
            for n in range(1, 4):
                await queue(storage, 8, f"part{n}", f"part {n}")
            # No spacing on our side, so Telegram's own limit is what pushes back.
            deliverer = Deliverer(bot, storage, storage_clock, settings_with(per_chat_spacing_s=0.0))
            for _ in range(6):
                await deliverer.drain()
                advance(1.0)
            assert [m.text for m in api.messages(8)] == ["part 1", "part 2", "part 3"]
            assert api.counters.rejected_429 >= 1
    finally:
        await api.stop()


async def test_forbidden_deactivates_the_chat_after_n_consecutive_failures(
    storage, api, bot, storage_clock, advance
):
    """403 counts as a failure; at forbidden_after_failures the chat turns inactive, queue dropped."""
    await storage.chats.ensure(50)
    await storage.chats.subscribe(50, "pompeo-asia-2018")
    api.block(50)
    for n in range(5):
        await queue(storage, 50, f"k{n}", f"message {n}")
    deliverer = Deliverer(bot, storage, storage_clock, settings_with(forbidden_after_failures=3))
    for _ in range(4):
        await deliverer.drain()
        advance(2.0)
    chat = await storage.chats.get(50)
    assert chat is not None
    assert chat.active is False
    assert chat.failure_count == 3
    statuses = [r.status for r in await storage.outbox.for_chat(50)]
    assert statuses == ["failed", "failed", "failed", "dropped", "dropped"]
    assert api.counters.rejected_403 == 3
    assert api.messages(50) == []


async def test_a_success_resets_the_consecutive_failure_count(storage, api, bot, storage_clock, advance):
    """Failures must be consecutive: a delivered message sets the count back to zero."""
    await storage.chats.ensure(51)
    api.block(51)
    await queue(storage, 51, "k1")
    deliverer = Deliverer(bot, storage, storage_clock, settings_with(forbidden_after_failures=2))
    await deliverer.drain()
    assert (await storage.chats.get(51)).failure_count == 1
    api.unblock(51)
    await queue(storage, 51, "k2")
    advance(2.0)
    await deliverer.drain()
    state = await storage.chats.get(51)
    assert state.failure_count == 0
    assert state.active


async def test_one_blocked_chat_does_not_affect_the_others(storage, api, bot, storage_clock):
    """Nine chats receive their briefing while the tenth refuses it."""
    for chat in range(60, 70):
        await storage.chats.ensure(chat)
        await queue(storage, chat, "briefing:z")
    api.block(65)
    report = await Deliverer(bot, storage, storage_clock).drain()
    assert report.sent == 9
    assert report.failed == 1
    assert sorted(api.counters.per_chat_sent) == [c for c in range(60, 70) if c != 65]
    assert (await storage.chats.get(64)).failure_count == 0


async def test_migrated_group_moves_subscriptions_and_queue_and_resends_there(
    storage, api, bot, storage_clock, advance
):
    """ChatMigrated: subscriptions and queued rows follow the new id; messages arrive there."""
    await storage.chats.ensure(-5, "group", "Desk")
    await storage.chats.subscribe(-5, "pompeo-asia-2018")
    api.migrate(-5, -1005)
    await queue(storage, -5, "briefing:1", "first")
    await queue(storage, -5, "briefing:2", "second")
    deliverer = Deliverer(bot, storage, storage_clock)
    for _ in range(4):
        await deliverer.drain()
        advance(5.0)
    assert [m.text for m in api.messages(-1005)] == ["first", "second"]
    assert api.messages(-5) == []
    assert [s.slug for s in await storage.chats.subscriptions(-1005)] == ["pompeo-asia-2018"]
    assert await storage.chats.subscriptions(-5) == []
    assert deliverer.totals.migrated == 1


async def test_unparseable_html_is_logged_and_resent_as_plain_text(
    storage, api, bot, storage_clock, caplog
):
    """A 400 "can't parse entities" is logged (with the HTML, without the token); plain text follows."""
    caplog.set_level(logging.WARNING, logger="bot.telegram.delivery")
    broken = "<b>Talks in <marquee>Pyongyang</marquee></b> &amp; Seoul"
    await queue(storage, 70, "k", broken)
    report = await Deliverer(bot, storage, storage_clock).drain()
    assert report.plain_fallbacks == 1
    assert report.sent == 1
    [message] = api.messages(70)
    assert message.text == "Talks in Pyongyang & Seoul"
    assert message.parse_mode is None
    warning = next(r for r in caplog.records if r.levelno == logging.WARNING)
    assert broken in warning.getMessage()
    assert api.token.split(":")[1] not in caplog.text


async def test_nothing_over_4096_utf16_units_is_ever_sent(storage, api, bot, storage_clock, advance):
    """A long text split when rendered arrives in parts, in order; a raw over-long row that
    bypassed the outbox is sent as it is, refused by Telegram and marked failed with the reason
    (the sender does not cut: the limit is kept at render time and by the outbox)."""
    long_html = "\n\n".join(f"<b>Item {i}</b> " + "talks continued " * 30 for i in range(30))
    for i, piece in enumerate(as_messages(long_html)):
        await queue(storage, 80, f"digest:long:{i}", piece, kind="digest")
    async with storage.engine.begin() as conn:
        await conn.execute(
            sa.insert(schema.outbox).values(
                chat_id=81, dedupe_key="raw", kind="notice", text="\U0001f30d" * 3000,
                status="pending", attempts=0, not_before=storage_clock(), created_at=storage_clock(),
            )
        )
    deliverer = Deliverer(bot, storage, storage_clock)
    for _ in range(12):
        await deliverer.drain()
        advance(1.0)
    parts = api.messages(80)
    assert len(parts) >= 2
    assert "".join(m.text for m in parts).count("Item ") == 30
    assert [m.text.split()[1] for m in parts][0] == "0"
    assert api.messages(81) == []
    [raw] = await storage.outbox.for_chat(81)
    assert raw.status == "failed"
    assert "too long" in (raw.last_error or "")
    sent_texts = [r.params["text"] for r in api.requests if r.method == "sendMessage"]
    assert sent_texts
    assert all(utf16_len(t) <= 4096 for t in sent_texts if "\U0001f30d" not in t)
    assert api.counters.rejected_400 == 1


async def test_network_errors_are_retried_with_backoff_then_given_up(storage, mono, storage_clock, advance):
    """An unreachable API is retried later (not lost); after max_attempts the row fails."""
    api = await make_api(mono)
    async with Bot(api.token, base_url=api.base_url) as bot:
        await api.stop()  # nothing listens there any more
        await queue(storage, 90, "k")
        deliverer = Deliverer(bot, storage, storage_clock, max_attempts=2)
        first = await deliverer.drain()
        assert first.retried == 1
        [row] = await storage.outbox.for_chat(90)
        assert row.status == "pending"
        assert row.attempts == 1
        assert row.not_before == storage_clock() + timedelta(seconds=5)
        advance(5.0)
        await deliverer.drain()
        [row] = await storage.outbox.for_chat(90)
        assert row.status == "failed"
        assert "gave up after 2 attempts" in row.last_error


async def test_crash_halfway_through_a_fanout_then_restart_delivers_the_rest_exactly_once(
    storage_target, storage_clock, mono
):
    """Stop the sender mid-fan-out, reopen everything, recover: every chat has exactly one copy."""
    chats = list(range(1000, 1060))
    api = await make_api(mono, RateLimits(enabled=False))
    try:
        first = await storage_target.open(clock=storage_clock)
        for chat in chats:
            await queue(first, chat, "briefing:crash:test", "<b>Seoul</b> summit")
        async with Bot(api.token, base_url=api.base_url) as bot:
            deliverer = Deliverer(
                bot, first, storage_clock, settings_with(per_chat_spacing_s=0.0),
                batch_size=20, concurrency=4,
            )
            task = asyncio.create_task(deliverer.drain())
            await api.wait_until(lambda: api.counters.sent >= 25, timeout=30)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            await deliverer.wait_in_flight()
        stats = await first.outbox.stats()
        assert 25 <= stats.sent < len(chats)
        assert stats.sent == api.counters.sent
        assert stats.sending > 0  # claimed but never sent: the crash left them leased
        await first.close()

        storage_clock.advance(seconds=600)  # past the lease of the dead process
        second = await storage_target.open(clock=storage_clock)
        try:
            async with Bot(api.token, base_url=api.base_url) as bot:
                restarted = Deliverer(bot, second, storage_clock, settings_with(per_chat_spacing_s=0.0))
                report = await restarted.drain()
            assert report.recovered > 0
            assert {chat: api.counters.per_chat_sent[chat] for chat in chats} == dict.fromkeys(chats, 1)
            final = await second.outbox.stats()
            assert (final.sent, final.depth) == (len(chats), 0)
        finally:
            await second.close()
    finally:
        await api.stop()


async def test_rate_limited_bot_fans_out_under_telegram_limits_without_429(storage, storage_clock):
    """build_bot's AIORateLimiter keeps a 60-chat fan-out under the real-time limits: no 429."""
    async with FakeBotAPI() as api:  # real monotonic clock: the limiter sleeps for real
        settings = Settings()
        for chat in range(2000, 2060):
            await queue(storage, chat, "briefing:fan")
        async with build_bot(api.token, settings, base_url=api.base_url) as bot:
            report = await Deliverer(bot, storage, storage_clock, settings).drain()
        assert report.sent == 60
        assert api.counters.rejected_429 == 0
        assert set(api.counters.per_chat_sent.values()) == {1}


async def test_a_deleted_forum_topic_falls_back_to_the_main_chat(storage, api, bot, storage_clock):
    """400 "message thread not found" re-sends the message without the topic."""
    api.delete_topic(-300, 4)
    await queue(storage, -300, "k", "<b>Topic gone</b>", thread_id=4)
    report = await Deliverer(bot, storage, storage_clock).drain()
    assert report.sent == 1
    [message] = api.messages(-300)
    assert message.thread_id is None
    assert message.text == "Topic gone"


async def test_run_loop_delivers_when_woken_and_stops_cleanly(storage, api, bot, storage_clock):
    """run() idles until wake(), delivers what was queued, and returns once stop is set."""
    deliverer = Deliverer(bot, storage, storage_clock)
    stop = asyncio.Event()
    task = asyncio.create_task(deliverer.run(stop, idle_max_s=30))
    await queue(storage, 95, "k", "woken")
    deliverer.wake()
    message = await api.wait_for_message(95, timeout=10, since=0)
    assert message.text == "woken"
    stop.set()
    await asyncio.wait_for(task, 10)
    [row] = await storage.outbox.for_chat(95)
    assert row.status == "sent"


async def test_build_bot_never_logs_the_token(storage, storage_clock, caplog):
    """With every logger at DEBUG, a send through build_bot's bot leaves no token in the logs."""
    caplog.set_level(logging.DEBUG)
    async with FakeBotAPI() as api:
        async with build_bot(api.token, Settings(), base_url=api.base_url) as bot:
            await queue(storage, 96, "k")
            with pytest.raises(Exception):  # noqa: B017, PT011 -- any error is fine; we check the logs
                await bot.send_message(96, "<oops>", parse_mode="HTML")
            await Deliverer(bot, storage, storage_clock).drain()
    assert api.counters.sent == 1
    assert "[token]" in caplog.text  # PTB logged its API URL, redacted
    assert api.token.split(":", 1)[1] not in caplog.text


class GatedBot:
    """Wraps a PTB bot; sends wait until the test opens the gate (a slow, long-waiting send)."""

    def __init__(self, inner: Bot) -> None:
        self.inner = inner
        self.gate = asyncio.Event()
        self.waiting = asyncio.Event()

    async def send_message(self, **kwargs):
        self.waiting.set()
        await self.gate.wait()
        return await self.inner.send_message(**kwargs)


async def test_a_send_outliving_its_lease_is_not_taken_back_by_the_same_sender(
    storage, api, bot, storage_clock, advance
):
    """A send stuck longer than the lease (a long retry_after) is not re-sent by the next pass."""
    gated = GatedBot(bot)
    await queue(storage, 97, "k", "slow")
    deliverer = Deliverer(gated, storage, storage_clock, lease=timedelta(seconds=60))
    first = asyncio.create_task(deliverer.drain_once())
    await asyncio.wait_for(gated.waiting.wait(), 5)
    advance(600)  # far past the lease
    second = await deliverer.drain_once()
    assert (second.recovered, second.claimed) == (0, 0)
    gated.gate.set()
    await asyncio.wait_for(first, 10)
    assert api.counters.per_chat_sent[97] == 1
    [row] = await storage.outbox.for_chat(97)
    assert row.status == "sent"


async def test_a_restarted_sender_sends_what_it_had_claimed_at_once(storage, bot, api):
    """A sender killed after claiming rows (before sending) leaves them "sending" with a long
    lease; the restarted sender of the same instance releases them at start and sends them in
    its first pass, without the clock moving; another instance's claims are not touched."""
    for chat in (81, 82):
        await queue(storage, chat, "k", f"before the crash {chat}")
    crashed = Deliverer(bot, storage, storage.clock, instance="host-a")
    await storage.outbox.claim(storage.clock(), 1, lease=crashed.lease, claimant="host-a")
    await storage.outbox.claim(storage.clock(), 1, lease=crashed.lease, claimant="host-b")
    restarted = Deliverer(bot, storage, storage.clock, instance="host-a")
    assert (await restarted.drain()).sent == 0  # without releasing: the lease holds them
    assert await restarted.release_own_claims() == 1
    report = await restarted.drain()
    assert report.sent == 1
    assert [m.text for m in api.all_messages()] == ["before the crash 81"]
    [other] = await storage.outbox.for_chat(82)
    assert other.status == "sending"


async def _edit(storage, chat_id: int, target: str, text: str, follow_up: str = "➕ more") -> bool:
    return await queue(
        storage, chat_id, f"edit:b:{target}", text, kind="edit", edit_of=target, follow_up=follow_up
    )


async def test_an_edit_waits_for_its_briefing_and_then_edits_it(storage, api, bot, storage_clock, advance):
    """An edit queued before its briefing was sent is sent after it (per-chat order), as an edit
    of that very message with its button kept; a briefing whose send is retried makes the edit
    wait, not jump ahead."""
    await queue(storage, 41, "briefing:aaaaaaaaaaaaaaaa:story:0", "<b>One</b> source")
    await _edit(storage, 41, "briefing:aaaaaaaaaaaaaaaa:story:0", "<b>One</b> source + <i>two</i>")
    deliverer = Deliverer(bot, storage, storage_clock, settings_with(per_chat_spacing_s=1.0))
    await deliverer.drain()
    [briefing] = api.messages(41)
    assert briefing.edits == 0
    advance(1.0)
    await deliverer.drain()
    [edited] = api.messages(41)
    assert edited.message_id == briefing.message_id
    assert edited.text == "One source + two"
    assert edited.buttons == briefing.buttons != []
    rows = await storage.outbox.for_chat(41)
    assert [(r.kind, r.status, r.telegram_message_id) for r in rows] == [
        ("briefing", "sent", briefing.message_id), ("edit", "sent", briefing.message_id),
    ]


async def test_an_edit_of_a_briefing_never_delivered_sends_the_updated_briefing(
    storage, api, bot, storage_clock
):
    """The chat never got the briefing (Telegram refused it for good): the update is not lost,
    its full text is sent as a new message."""
    await queue(storage, 42, "briefing:bbbbbbbbbbbbbbbb:story:0", "first")
    [row] = await storage.outbox.for_chat(42)
    await storage.outbox.mark_failed(row.id, "refused")
    await _edit(storage, 42, "briefing:bbbbbbbbbbbbbbbb:story:0", "first, now with two sources")
    await Deliverer(bot, storage, storage_clock).drain()
    assert [m.text for m in api.messages(42)] == ["first, now with two sources"]


async def test_past_48_hours_the_sender_follows_up_in_reply(storage, api, bot, storage_clock, advance):
    """By the sender's clock the briefing is 48 hours old: no edit is tried; the follow-up goes
    out in reply to it."""
    await queue(storage, 43, "briefing:cccccccccccccccc:story:0", "first")
    deliverer = Deliverer(bot, storage, storage_clock)
    await deliverer.drain()
    advance(48 * 3600)
    await _edit(storage, 43, "briefing:cccccccccccccccc:story:0", "first + second", "➕ second outlet")
    await deliverer.drain()
    first, follow = api.messages(43)
    assert (first.text, first.edits) == ("first", 0)
    assert (follow.text, follow.reply_to) == ("➕ second outlet", first.message_id)
    assert api.counters.rejected_400 == 0  # decided by the clock, not by a refused request

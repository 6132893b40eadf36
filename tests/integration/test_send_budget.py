"""The shared send budget (bot.telegram.budget): two bots on one Redis stay under Telegram's
limits together; without Redis, sends go on through the local limiter and the bot says so."""

from __future__ import annotations

import asyncio
import logging
import socket
import uuid

import pytest
from telegram.ext import AIORateLimiter, ExtBot

from bot.telegram.budget import SharedBudget, redis_storage_url
from bot.telegram.fake import FakeBotAPI, RateLimits

CHATS = range(7000, 7090)  # 90 private chats: three seconds' worth of Telegram's 30/s


def _budget(url: str, namespace: str, **kwargs: object) -> SharedBudget:
    # max_retries=0: a 429 reaches the fake API's counter instead of being retried away. 25/s
    # leaves room for the time a request spends between taking its slot and reaching the server
    # when one event loop runs both bots and the server.
    options = {"overall_per_s": 25.0, **kwargs}
    return SharedBudget(url, AIORateLimiter(max_retries=0), namespace=namespace, max_retries=0, **options)


async def _send_from_two_bots(
    api: FakeBotAPI, first: SharedBudget, second: SharedBudget, chats: range = CHATS
) -> None:
    """Each bot sends to half of the chats, all at once, as two instances fanning out would."""
    async with (
        ExtBot(api.token, base_url=api.base_url, rate_limiter=first) as one,
        ExtBot(api.token, base_url=api.base_url, rate_limiter=second) as two,
    ):
        bots = (one, two)
        await asyncio.gather(
            *(
                bots[i % 2].send_message(chat, f"message {i}")
                for i, chat in enumerate(chats)
            ),
            return_exceptions=True,
        )


async def test_two_bots_sharing_one_redis_budget_draw_no_429(redis_url):
    """Two limiters on one Redis namespace: 90 sends at once from two bots, every one accepted."""
    namespace = f"test-{uuid.uuid4().hex}"
    async with FakeBotAPI() as api:
        for chat in CHATS:
            api.add_chat(chat, "private")
        first, second = _budget(redis_url, namespace), _budget(redis_url, namespace)
        await _send_from_two_bots(api, first, second)
        assert api.counters.rejected_429 == 0
        assert api.counters.sent == len(CHATS)
        assert first.shared
        assert second.shared


async def test_two_bots_with_budgets_of_their_own_overrun_the_limit(redis_url):
    """The contrast that shows the budget above is shared: separate namespaces draw 429s.

    The fake's overall limit is lowered to 10/s (burst 10) and each bot paces itself at 8/s, so
    the pair offers 16/s: well within what a loaded machine sends, and over the limit whatever
    the event loop's speed (40 sends need 3.0 s at 10/s; the pair takes 2.5 s)."""
    chats = range(7100, 7140)
    async with FakeBotAPI(limits=RateLimits(overall_per_s=10.0, overall_burst=10.0)) as api:
        for chat in chats:
            api.add_chat(chat, "private")
        first = _budget(redis_url, f"test-{uuid.uuid4().hex}", overall_per_s=8.0)
        second = _budget(redis_url, f"test-{uuid.uuid4().hex}", overall_per_s=8.0)
        await _send_from_two_bots(api, first, second, chats)
        assert api.counters.rejected_429 > 0


async def test_one_private_chat_gets_one_message_a_second_across_bots(redis_url):
    """Three sends to one chat from two bots: the chat's window in Redis spaces them 1 s apart."""
    namespace = f"test-{uuid.uuid4().hex}"
    async with FakeBotAPI() as api:
        api.add_chat(7500, "private")
        first, second = _budget(redis_url, namespace), _budget(redis_url, namespace)
        async with (
            ExtBot(api.token, base_url=api.base_url, rate_limiter=first) as one,
            ExtBot(api.token, base_url=api.base_url, rate_limiter=second) as two,
        ):
            await asyncio.gather(one.send_message(7500, "a"), two.send_message(7500, "b"), one.send_message(7500, "c"))
        stamps = sorted(r.at for r in api.requests if r.method.lower() == "sendmessage")
        assert len(stamps) == 3
        assert api.counters.rejected_429 == 0
        assert all(b - a >= 0.9 for a, b in zip(stamps, stamps[1:], strict=False))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_without_redis_sends_go_on_locally_with_one_warning(caplog):
    """Redis not answering: every message is still sent, the WARNING appears once, and
    describe() (shown by /status) says the budget is this instance's own."""
    caplog.set_level(logging.WARNING, logger="bot.telegram.budget")
    url = f"redis://:secret-pw@127.0.0.1:{_closed_port()}/0"
    budget = _budget(url, "test-down", timeout_s=0.5)
    async with FakeBotAPI() as api:
        for chat in range(7600, 7605):
            api.add_chat(chat, "private")
        async with ExtBot(api.token, base_url=api.base_url, rate_limiter=budget) as bot:
            for chat in range(7600, 7605):
                await bot.send_message(chat, "still delivered")
        assert api.counters.sent == 5
    warnings = [r for r in caplog.records if "not answering" in r.getMessage()]
    assert len(warnings) == 1
    assert not budget.shared
    assert "this instance's own" in budget.describe()
    assert "secret-pw" not in caplog.text
    assert "secret-pw" not in budget.describe()


def test_a_redis_url_of_another_kind_is_refused_with_its_name():
    """A wrong scheme is a clear error naming the key; the password is not echoed."""
    with pytest.raises(ValueError, match="telegram.redis_url") as info:
        redis_storage_url("http://user:pw@127.0.0.1:6379")
    assert "pw@" not in str(info.value)
    assert redis_storage_url("redis://127.0.0.1:6379/2") == "async+redis://127.0.0.1:6379/2"


def test_send_limiter_is_local_without_redis_and_shared_with_it():
    """No redis_url: PTB's own limiter, as for one instance. With one: the shared budget, keyed
    by the bot's id and never by the token's secret half."""
    import dataclasses

    from bot.config import TelegramSettings
    from bot.telegram.budget import send_limiter

    token = "123456:very-secret-half"
    assert isinstance(send_limiter(TelegramSettings(), token), AIORateLimiter)
    shared = send_limiter(dataclasses.replace(TelegramSettings(), redis_url="redis://127.0.0.1:6379"), token)
    assert isinstance(shared, SharedBudget)
    assert shared.namespace == "123456"

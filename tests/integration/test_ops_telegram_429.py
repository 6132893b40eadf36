"""429 answers from the Bot API are counted below any rate limiter, over real HTTP to the fake API."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.ops.metrics import Meters
from bot.telegram.fake import FakeBotAPI, RateLimits
from bot.telegram.metered import MeteredRequest


async def test_every_429_the_api_answers_is_counted_once():
    """A private chat allowed one message: the next three sends are refused with 429, and the
    counter agrees with the fake API's own count; successful sends count nothing."""
    meters = Meters()
    limits = RateLimits(private_burst=1.0, private_per_s=0.001)
    async with FakeBotAPI(limits=limits) as api:
        request = MeteredRequest(on_429=meters.telegram_429.inc)
        async with Bot(api.token, base_url=api.base_url, request=request) as bot:
            await bot.send_message(chat_id=42, text="first")
            for n in range(3):
                with pytest.raises(RetryAfter):
                    await bot.send_message(chat_id=42, text=f"again {n}")
            await bot.send_message(chat_id=43, text="another chat")
        assert api.counters.rejected_429 == 3
    assert meters.registry.get_sample_value("attache_telegram_429_total") == 3

"""A fake Telegram Bot API for tests, benchmarks and `attache chat`: server, rules, flood limits, driver."""

from bot.telegram.fake.driver import BotMessage, Counters, RequestRecord
from bot.telegram.fake.flood import RateLimits
from bot.telegram.fake.rules import ApiError
from bot.telegram.fake.server import DEFAULT_TOKEN, FakeBotAPI

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "BotMessage",
    "Counters",
    "FakeBotAPI",
    "RateLimits",
    "RequestRecord",
]

"""Telegram's flood limits for the fake Bot API: token buckets overall and per chat, on a given clock."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from bot.telegram.fake.rules import ApiError

MonotonicClock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Token buckets modelled on Telegram's flood limits (capacity, refill per second)."""

    overall_per_s: float = 30.0
    overall_burst: float = 30.0
    private_per_s: float = 1.0
    private_burst: float = 3.0  # Telegram tolerates short bursts in a private chat
    group_per_minute: float = 20.0
    group_burst: float = 20.0
    enabled: bool = True
    # Edits count too on Telegram, but more leniently; only sends are limited here by default.
    limited_methods: frozenset[str] = frozenset({"sendmessage", "sendphoto", "senddocument"})


class _Bucket:
    __slots__ = ("capacity", "rate", "tokens", "stamp")

    def __init__(self, capacity: float, rate: float, now: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.stamp = now

    def _refill(self, now: float) -> None:
        if now > self.stamp:
            self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
            self.stamp = now

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 if one is available now)."""
        self._refill(now)
        if self.tokens >= 1.0:
            return 0.0
        return (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


class FloodGate:
    """Admits a request or raises the 429 Telegram would answer, with its retry_after."""

    def __init__(self, limits: RateLimits, clock: MonotonicClock) -> None:
        self.limits = limits
        self.clock = clock
        self._overall: _Bucket | None = None
        self._chat_buckets: dict[int, _Bucket] = {}

    def admit(self, method: str, chat_id: int, private: bool) -> None:
        limits = self.limits
        if not limits.enabled or method not in limits.limited_methods:
            return
        now = self.clock()
        if self._overall is None:
            self._overall = _Bucket(limits.overall_burst, limits.overall_per_s, now)
        bucket = self._chat_buckets.get(chat_id)
        if bucket is None:
            if private:
                bucket = _Bucket(limits.private_burst, limits.private_per_s, now)
            else:
                bucket = _Bucket(limits.group_burst, limits.group_per_minute / 60.0, now)
            self._chat_buckets[chat_id] = bucket
        wait = max(self._overall.wait_needed(now), bucket.wait_needed(now))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
            )
        self._overall.take()
        bucket.take()

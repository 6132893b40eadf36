"""One send budget for every instance of the bot: Telegram's flood limits counted in Redis.

Telegram allows a bot about 30 messages a second in all, one a second in a private chat and 20
a minute in a group, however many processes send for it. Each instance's own limiter only sees
its own sends, so several instances together overrun the limit and draw 429s. Here every send
takes a slot from moving windows kept in Redis through the `limits` library (overall, and per
chat), so the instances share one budget.

A Redis that stops answering must not stop delivery: sends go on through the in-process limiter
(the one a single instance uses), a WARNING is logged once, /status says so, and Redis is tried
again every `retry_s` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import Any

from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from sqlalchemy.engine import make_url
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter

from bot.config import TelegramSettings
from bot.redact import error_text
from bot.telegram.pacing import PacedRateLimiter

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, JSONResult]]

# Waits for a free slot are re-checked at least this often: another instance may free nothing,
# but a window always moves on within its own length.
MAX_WAIT_S = 0.25
MIN_WAIT_S = 0.002


def redis_storage_url(url: str) -> str:
    """`redis://host:port/db` as `limits` wants it (`async+redis://...`)."""
    url = url.strip()
    if url.startswith(("redis://", "rediss://")):
        return "async+" + url
    if url.startswith(("async+redis://", "async+rediss://")):
        return url
    raise ValueError(f"telegram.redis_url must be a redis:// or rediss:// URL, got {shown_url(url)!r}")


def shown_url(url: str) -> str:
    """The URL without its password, for logs and /status."""
    try:
        return make_url(url.removeprefix("async+")).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - not even URL-shaped: say nothing of it
        return "<unreadable URL>"


def local_limiter(settings: TelegramSettings) -> AIORateLimiter:
    """This process's own limiter, from config; max_retries must be set (PTB's default is 0).
    It spaces each private chat's messages too, replies included (bot.telegram.pacing)."""
    return PacedRateLimiter(
        private_spacing_s=settings.per_chat_spacing_s,
        overall_max_rate=settings.overall_max_rate,
        overall_time_period=1,
        group_max_rate=settings.group_max_rate,
        group_time_period=60,
        max_retries=settings.max_retries,
    )


def send_limiter(settings: TelegramSettings, token: str) -> BaseRateLimiter[Any]:
    """The shared budget when `telegram.redis_url` is set, else this process's own limiter."""
    local = local_limiter(settings)
    if not settings.redis_url:
        return local
    spacing = settings.per_chat_spacing_s
    return SharedBudget(
        settings.redis_url,
        local,
        namespace=token.split(":", 1)[0],  # the bot's id: never the secret half
        overall_per_s=settings.shared_max_rate,
        private_per_s=1.0 / spacing if spacing > 0 else 0.0,
        group_per_minute=settings.group_max_rate,
        max_retries=settings.max_retries,
    )


class SharedBudget(BaseRateLimiter[int]):
    """A PTB rate limiter whose windows live in Redis, falling back to `fallback` without it.

    `namespace` separates bots sharing one Redis (the bot's numeric id is a good one; never the
    token). Requests without a chat_id (getUpdates, getMe, ...) are not counted.
    """

    def __init__(
        self,
        url: str,
        fallback: BaseRateLimiter[Any],
        *,
        namespace: str,
        overall_per_s: float = 30.0,
        private_per_s: float = 1.0,
        group_per_minute: float = 20.0,
        max_retries: int = 3,
        timeout_s: float = 1.0,
        retry_s: float = 30.0,
    ) -> None:
        if overall_per_s < 1 or private_per_s < 0 or group_per_minute < 1:
            raise ValueError("the shared send budget needs at least 1 message per window")
        self.url = shown_url(url)
        self.namespace = namespace
        self._storage = RedisStorage(
            redis_storage_url(url),
            wrap_exceptions=True,
            key_prefix=f"attache-budget:{namespace}",
            connect_timeout=timeout_s,
            stream_timeout=timeout_s,
        )
        # Moving windows: never more than the limit in any window, wherever it starts.
        self._limiter = MovingWindowRateLimiter(self._storage)
        # One request of this process at a time waits for the overall window: when a slot frees,
        # one waiter per instance asks Redis, not every request in flight.
        self._overall_turn = asyncio.Lock()
        self._overall: RateLimitItem = RateLimitItemPerSecond(int(overall_per_s))
        # One message every 1/private_per_s seconds: a window of that many seconds holding one.
        # 0: private chats are not spaced here (the sender spaces them itself).
        self._private: RateLimitItem | None = (
            RateLimitItemPerSecond(1, max(1, round(1 / private_per_s))) if private_per_s else None
        )
        self._group: RateLimitItem = RateLimitItemPerMinute(int(group_per_minute))
        self._fallback = fallback
        self._max_retries = max_retries
        self._timeout_s = timeout_s
        self._retry_s = retry_s
        self._down_since: datetime | None = None
        self._down_reason = ""
        self._next_try = 0.0

    # ------------------------------------------------------------ PTB's interface

    async def initialize(self) -> None:
        await self._fallback.initialize()
        try:
            await asyncio.wait_for(self._limiter.test(self._overall, "all"), self._timeout_s * 2)
        except (StorageError, OSError, TimeoutError) as exc:
            self._went_down(exc)
            return
        log.info("send budget shared through Redis at %s", self.url)

    async def shutdown(self) -> None:
        await self._fallback.shutdown()
        # `limits` has no close(): disconnect the Redis client's pool so no socket is left open.
        client = getattr(self._storage.bridge, "storage", None)
        pool = getattr(client, "connection_pool", None)
        if pool is not None:
            pool.disconnect()

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        if not self._redis_in_use():
            return await self._fallback.process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        chat_id = data.get("chat_id")
        retries = rate_limit_args if rate_limit_args is not None else self._max_retries
        for attempt in range(retries + 1):
            if chat_id is not None:
                try:
                    await self._take_slot(chat_id)
                except (StorageError, OSError, TimeoutError) as exc:
                    self._went_down(exc)
                    return await self._fallback.process_request(
                        callback, args, kwargs, endpoint, data, rate_limit_args
                    )
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == retries:
                    raise
                wait = _seconds(exc.retry_after) + 0.1
                log.info("Telegram asked to wait %.1f s (flood limit); retrying", wait)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    # ------------------------------------------------------------ state

    @property
    def shared(self) -> bool:
        """True while the budget is kept in Redis (False: this instance's own limiter)."""
        return self._down_since is None

    def describe(self) -> str:
        """One line for /status."""
        if self._down_since is None:
            return f"shared through Redis at {self.url}"
        since = self._down_since.strftime("%Y-%m-%d %H:%M UTC")
        return (
            f"this instance's own (Redis at {self.url} not answering since {since}: "
            f"{self._down_reason})"
        )

    # ------------------------------------------------------------ internals

    def _redis_in_use(self) -> bool:
        """Use Redis unless it failed lately; after `retry_s` one request tries it again."""
        if self._down_since is None:
            return True
        if time.monotonic() < self._next_try:
            return False
        self._next_try = time.monotonic() + self._retry_s
        return True

    async def _take_slot(self, chat_id: Any) -> None:
        """Wait until the chat's window and then the overall window each have room; take both."""
        chat_key = str(chat_id)
        chat_item = self._group if _is_group(chat_id) else self._private
        limiter, timeout = self._limiter, self._timeout_s
        while True:
            if chat_item is not None and not await asyncio.wait_for(
                limiter.test(chat_item, "chat", chat_key), timeout
            ):
                await self._wait_for(chat_item, "chat", chat_key)
                continue
            await self._take_overall()
            # Another instance may have taken the chat's slot since the test: then the overall
            # slot is spent unused, which only errs on the slow side.
            if chat_item is None or await asyncio.wait_for(
                limiter.hit(chat_item, "chat", chat_key), timeout
            ):
                self._came_back()
                return

    async def _take_overall(self) -> None:
        """Take a slot of the overall window, waiting for one."""
        async with self._overall_turn:
            while not await asyncio.wait_for(
                self._limiter.hit(self._overall, "all"), self._timeout_s
            ):
                await self._wait_for(self._overall, "all")

    async def _wait_for(self, item: RateLimitItem, *key: str) -> None:
        stats = await asyncio.wait_for(self._limiter.get_window_stats(item, *key), self._timeout_s)
        wait = stats.reset_time - time.time()
        await asyncio.sleep(min(max(wait, MIN_WAIT_S), MAX_WAIT_S))

    def _went_down(self, exc: BaseException) -> None:
        self._next_try = time.monotonic() + self._retry_s
        if self._down_since is not None:
            return
        self._down_since = datetime.now(UTC)
        self._down_reason = error_text(exc) if str(exc) else type(exc).__name__
        log.warning(
            "send budget: Redis at %s is not answering (%s); sending with this instance's own "
            "limiter until it answers again (several instances may now exceed Telegram's limits)",
            self.url,
            self._down_reason,
        )

    def _came_back(self) -> None:
        if self._down_since is not None:
            self._down_since = None
            log.warning("send budget: Redis at %s answers again; the budget is shared", self.url)


def _is_group(chat_id: Any) -> bool:
    """Groups, supergroups and channels have negative ids (or an @username)."""
    if isinstance(chat_id, str):
        with contextlib.suppress(ValueError):
            return int(chat_id) < 0
        return True
    return isinstance(chat_id, int) and chat_id < 0


def _seconds(value: Any) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if total is not None else float(value)

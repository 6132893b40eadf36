"""The Bot API request class that counts 429 answers, also those a rate limiter retries itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram.request import HTTPXRequest

TOO_MANY_REQUESTS = 429


class MeteredRequest(HTTPXRequest):
    """PTB's httpx request, calling `on_429()` for every 429 Too Many Requests answer.

    Counted here, below PTB's rate limiter, because the limiter retries a 429 on its own and
    the sender never hears of it.
    """

    def __init__(self, *args: Any, on_429: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._on_429 = on_429

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        code, payload = await super().do_request(*args, **kwargs)
        if code == TOO_MANY_REQUESTS:
            self._on_429()
        return code, payload

"""The fake Bot API with the suite's extra moves: raw updates, echoing error pages, held sends.

`push` queues an update exactly as given (the generator builds and validates it). `echo_every`
makes every n-th request fail with an HTML error page that repeats the request path, token and
all, as a misconfigured proxy in front of the Bot API does. `hold_sends` stops answering
sendMessage without accepting it, so a process can be killed with requests in flight that
Telegram never took.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web

from bot.telegram.fake import FakeBotAPI

# A fake token the suite looks for everywhere; its secret half is long enough to be unmistakable.
TOKEN = "6600112233:REL-suite-SECRET-token-9f4c1a7e5b2d8c3f"
SECRETS = (TOKEN, TOKEN.split(":", 1)[1])


class SuiteBotAPI(FakeBotAPI):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(TOKEN, **kwargs)
        self.echo_every = 0
        self.echoed = 0
        self._count = 0
        self.hold_sends = False
        self.held = 0
        self._release = asyncio.Event()

    def push(self, payload: dict[str, Any]) -> None:
        """Queue one update as Telegram would deliver it (update_id is assigned here)."""
        self._push_update(payload)

    def push_callback(self, payload: dict[str, Any]) -> None:
        """A button press; its query id is open until the bot answers it, as on Telegram."""
        query = payload["callback_query"]
        self._open_queries[query["id"]] = query
        self._push_update(payload)

    def next_message_id(self, chat_id: int) -> int:
        """Users' and the bot's messages share one numbering per chat, as on Telegram."""
        return self._take_message_id(chat_id)

    def message_objects(self) -> list[dict[str, Any]]:
        """The bot's messages as Telegram echoes them inside a callback query."""
        return [self._message_json(m) for m in self.all_messages()]

    def user_deletes(self, chat_id: int, message_id: int) -> None:
        """The user deletes one of the bot's messages (a later edit of it fails)."""
        self._messages.get(chat_id, {}).pop(message_id, None)

    def release_held(self) -> None:
        """Answer the held sends (a 502 to a client that is gone) and take new ones again."""
        self.hold_sends = False
        self._release.set()
        self._release = asyncio.Event()

    async def stop(self) -> None:
        self.release_held()  # a held request must not keep the server's shutdown waiting
        await super().stop()

    async def _dispatch(self, request: web.Request) -> web.Response:
        method = request.match_info["method"].lower()
        self._count += 1
        if self.echo_every and method != "getupdates" and self._count % self.echo_every == 0:
            self.echoed += 1
            page = (
                "<html><head><title>502 Bad Gateway</title></head><body>"
                f"<h1>Bad Gateway</h1><p>upstream failed for {request.path_qs}</p></body></html>"
            )
            return web.Response(status=502, text=page, content_type="text/html")
        if self.hold_sends and method == "sendmessage":
            self.held += 1
            await self._release.wait()  # never accepted: the caller dies or gives up first
            return web.Response(status=502, text="held", content_type="text/plain")
        return await super()._dispatch(request)


@asynccontextmanager
async def serving(application: Any, figures: dict[str, Any], watcher: Any, **options: Any) -> AsyncIterator[None]:
    """The real application running (long polling) inside the block; a failed stop is a crash."""
    from bot.telegram.application import serve

    stop, started = asyncio.Event(), asyncio.Event()
    task = asyncio.create_task(serve(application, stop, poll_timeout=1, started=started, **options))
    await asyncio.wait_for(started.wait(), 30)
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, 30)
        except Exception as exc:
            figures["crashes"] = figures.get("crashes", 0) + 1
            watcher.note_exception(f"application stopped with {type(exc).__name__}: {exc}")

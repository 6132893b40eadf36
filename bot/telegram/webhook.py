"""Webhook mode without extra dependencies: an aiohttp endpoint that feeds PTB's update queue.

Telegram POSTs each update to the public URL set with setWebhook; a reverse proxy terminates
HTTPS and forwards to this server. Requests must carry the secret token given to setWebhook
(header X-Telegram-Bot-Api-Secret-Token), so nobody else can inject updates.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1_000_000


class WebhookServer:
    """Receives updates on POST /<path> and hands them to the application."""

    def __init__(
        self, application: Any, *, listen: str, port: int, path: str, secret: str
    ) -> None:
        self.application = application
        self.listen = listen
        self.port = port
        self.path = path.strip("/")
        self.secret = secret
        self._runner: web.AppRunner | None = None

    async def start(self) -> int:
        """Listen; returns the bound port (useful when `port` is 0)."""
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(f"/{self.path}", self._handle)
        # no access log: paths are secret-ish and proxies already log requests
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.listen, self.port)
        await site.start()
        server = site._server
        if server is not None and getattr(server, "sockets", None):
            self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _handle(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request without the right secret token from %s", request.remote)
            return web.Response(status=403, text="forbidden")
        try:
            data = json.loads(await request.read())
        except (ValueError, UnicodeDecodeError):
            return web.Response(status=400, text="not JSON")
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return web.Response(status=400, text="not a Telegram update")
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("webhook update %s not understood: %s", data.get("update_id"), exc)
            return web.Response(status=400, text="not a Telegram update")
        await self.application.update_queue.put(update)
        return web.Response(text="ok")

"""The operations HTTP server: GET /healthz (JSON verdict) and GET /metrics (Prometheus text).

Off unless `[ops] listen` names a host:port. Meant for a local scraper or a container health
check: it serves no secret, but also no authentication, so keep it on a private address.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import Clock
from bot.ops.address import parse_listen
from bot.ops.figures import Figures
from bot.ops.health import assess
from bot.ops.metrics import Meters
from bot.redact import error_text
from bot.services.status import StatusService
from bot.storage.errors import StorageError

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger(__name__)

# A database that takes longer than this to count its rows is as good as unreachable here.
READ_TIMEOUT_S = 5.0


class OpsServer:
    """Serves /healthz and /metrics for one app; `start()` returns the bound port."""

    def __init__(
        self,
        status: StatusService,
        meters: Meters,
        clock: Clock,
        *,
        host: str,
        port: int,
        stale_poll_s: float,
    ) -> None:
        self.status = status
        self.meters = meters
        self.clock = clock
        self.host = host
        self.port = port
        self.stale_poll_s = stale_poll_s
        self.started_at: datetime = clock()
        self._runner: web.AppRunner | None = None

    async def start(self) -> int:
        """Listen; returns the bound port (the one chosen when 0 was asked for)."""
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/metrics", self._metrics)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        try:
            await site.start()
        except OSError:
            await self.stop()
            raise
        self.port = int(self._runner.addresses[0][1])  # the bound port when 0 was asked for
        self.started_at = self.clock()
        log.info("health and metrics on http://%s:%d/healthz and /metrics", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        """Stop listening; answers in progress finish first."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _figures(self, now: datetime) -> tuple[Figures | None, str | None]:
        """The figures, or None and why the database could not give them."""
        try:
            async with asyncio.timeout(READ_TIMEOUT_S):
                return await self.status.figures(now), None
        except TimeoutError:
            return None, f"no answer within {READ_TIMEOUT_S:g} s"
        except (SQLAlchemyError, StorageError, OSError) as exc:
            orig = getattr(exc, "orig", None)  # the driver's words, not SQLAlchemy's SQL echo
            return None, error_text(orig if isinstance(orig, BaseException) else exc, 300)

    async def _healthz(self, request: web.Request) -> web.Response:
        now = self.clock()
        figures, error = await self._figures(now)
        health = assess(
            figures, now, stale_poll_s=self.stale_poll_s, started_at=self.started_at,
            database_error=error,
        )
        if not health.healthy:
            log.warning("health check failed: %s", "; ".join(health.reasons))
        return web.Response(
            status=200 if health.healthy else 503,
            text=json.dumps(health.as_json()),
            content_type="application/json",
        )

    async def _metrics(self, request: web.Request) -> web.Response:
        now = self.clock()
        figures, _ = await self._figures(now)
        body, content_type = await self.meters.exposition(
            figures, now, request.headers.get("Accept", "")
        )
        response = web.Response(status=200, body=body)
        response.headers["Content-Type"] = content_type
        return response


async def start_ops_server(app: App) -> OpsServer | None:
    """The server `[ops] listen` asks for, listening; None when it is off. A port that cannot
    be bound raises OSError naming the address.
    """
    ops = app.settings.ops
    address = parse_listen(ops.listen)
    if address is None:
        return None
    if ops.stale_poll_s <= app.settings.feeds.poll_interval_s:
        log.warning(
            "ops.stale_poll_s (%g s) is not above feeds.poll_interval_s (%d s): /healthz will "
            "report healthy polling as stalled",
            ops.stale_poll_s,
            app.settings.feeds.poll_interval_s,
        )
    host, port = address
    server = OpsServer(
        app.status, app.meters, app.clock, host=host, port=port, stale_poll_s=ops.stale_poll_s
    )
    try:
        await server.start()
    except OSError as exc:
        raise OSError(f"cannot listen on {ops.listen} ([ops] listen): {exc.strerror or exc}") from None
    return server

"""A hostile feed server on 127.0.0.1 (aiohttp): serves `Hostile` answers and counts every hit.

Paths: /f/<name> for a hostile feed, /canary and /internal/<tag> for probes that must never be
reached (an external entity, an internal URL the policy should have refused).
"""

from __future__ import annotations

import asyncio
from collections import Counter

from aiohttp import web

from bench.reliability.hostile import Hostile

CHUNK = 64 * 1024
FILLER = b"<item><title>filler</title></item>" * (CHUNK // 34)


def _closed(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


class HostileServer:
    """`async with HostileServer(feeds) as server: server.url("malformed-truncated")`."""

    def __init__(self, feeds: list[Hostile]) -> None:
        self.feeds = {h.name: h for h in feeds}
        self.hits: Counter[str] = Counter()
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()

    async def __aenter__(self) -> HostileServer:
        app = web.Application()
        app.router.add_get("/f/{name}", self._feed)
        app.router.add_get("/canary", self._probe)
        app.router.add_get("/internal/{tag}", self._probe)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        try:  # the same port on ::1, so "[::1]" reaches this server too
            await web.TCPSite(self._runner, "::1", self.port).start()
        except OSError:
            pass
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()

    def url(self, name: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/f/{name}"

    async def _probe(self, request: web.Request) -> web.Response:
        self.hits[request.path] += 1
        return web.Response(text="internal secret page", content_type="application/xml")

    async def _feed(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.hits[request.path] += 1
        hostile = self.feeds.get(name)
        if hostile is None:
            return web.Response(status=404)
        if hostile.behaviour == "plain":
            return web.Response(body=hostile.body, status=hostile.status, headers=hostile.headers)
        if hostile.behaviour == "redirect":
            headers = {"Location": hostile.location} if hostile.location else {}
            return web.Response(status=hostile.status, headers=headers)
        response = web.StreamResponse(status=hostile.status, headers=hostile.headers)
        if hostile.behaviour == "stream":
            response.content_length = hostile.size
        elif hostile.behaviour == "lie-length":
            response.content_length = len(hostile.body) + 100_000
        await response.prepare(request)
        try:
            await self._write(request, response, hostile)
        except (ConnectionError, asyncio.CancelledError):
            pass  # the client gave up: that is what a bounded fetcher should do
        return response

    async def _write(self, request: web.Request, response: web.StreamResponse, hostile: Hostile) -> None:
        match hostile.behaviour:
            case "drip":  # one byte every half second: far slower than any sane timeout
                for byte in hostile.body:
                    if _closed(request) or self._stopping.is_set():
                        return
                    await response.write(bytes([byte]))
                    await asyncio.sleep(0.5)
            case "hang":  # headers sent, then silence until the client leaves
                while not _closed(request):
                    try:  # woken by shutdown, or every 0.2 s to see whether the client left
                        await asyncio.wait_for(self._stopping.wait(), 0.2)
                        return
                    except TimeoutError:
                        continue
            case "stream" | "stream-nolength":
                sent = 0
                while sent < hostile.size and not _closed(request):
                    piece = FILLER[: min(len(FILLER), hostile.size - sent)]
                    await response.write(piece)
                    sent += len(piece)
            case "lie-length":  # fewer bytes than declared, then the connection drops
                await response.write(hostile.body)
                if request.transport is not None:
                    request.transport.close()

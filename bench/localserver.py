"""A loopback aiohttp server for benchmarks, run in its own process until terminated."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import Any

Handler = Callable[[Any], Awaitable[Any]]


def serve_forever(routes: dict[str, Handler], port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Serves GET `path → handler` on a free port of 127.0.0.1 and puts the port on the queue."""
    from aiohttp import web

    async def main() -> None:
        app = web.Application()
        for path, handler in routes.items():
            app.router.add_get(path, handler)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port_queue.put(runner.addresses[0][1])
        await asyncio.Event().wait()

    asyncio.run(main())


@contextmanager
def server_process(target: Callable[[Any], None], timeout_s: float = 120) -> Iterator[int]:
    """Starts `target(port_queue)` in a spawned process; yields its port; stops it after."""
    ctx = multiprocessing.get_context("spawn")
    port_queue = ctx.Queue()
    server = ctx.Process(target=target, args=(port_queue,), daemon=True)
    server.start()
    try:
        yield port_queue.get(timeout=timeout_s)
    finally:
        server.terminate()
        server.join(10)

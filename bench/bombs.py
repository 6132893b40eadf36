"""Decompression-bomb benchmark: peak RSS of 16 gzip bombs fetched at once, against one ordinary
feed fetched alone, each in a fresh process, from a loopback aiohttp server.

Figures: the bombs' peak RSS above the one-feed baseline with the default byte budget, and the
same without a budget (each fetch still capped), to show what the budget holds back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import sys
import zlib

from bench.localserver import serve_forever, server_process

N_BOMBS = 16
BOMB_MB = 512  # decompressed size of each bomb; about 0.5 MB on the wire


def _bomb() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    return b"".join(packer.compress(block) for _ in range(BOMB_MB)) + packer.flush()


def _serve(port_queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from aiohttp import web

    bomb = _bomb()
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Plain</title>'
        + b"<item><title>Envoys meet</title><link>https://p.example/1</link></item>" * 40
        + b"</channel></rss>"
    )

    async def bomb_page(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Encoding": "gzip"})
        await response.prepare(request)
        # In 1 KB drips (about 1 MB once decoded), so all sixteen are part-read at once.
        try:
            for i in range(0, len(bomb), 1024):
                await response.write(bomb[i : i + 1024])
                await asyncio.sleep(0.02)
        except ConnectionError:  # the client gave up on the bomb, as it should
            pass
        return response

    async def feed_page(request: web.Request) -> web.Response:
        return web.Response(body=feed, content_type="application/rss+xml")

    serve_forever({"/bomb/{n}": bomb_page, "/feed": feed_page}, port_queue)


def _measure(port: int, scenario: str, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Runs in a fresh process: fetch, then report peak RSS (MB) and the outcomes."""
    from bot.config import FeedSettings
    from bot.feeds.fetch import Fetcher
    from bot.feeds.transport import feed_client

    budget = FeedSettings().max_bytes_in_flight if scenario != "unbudgeted" else 10**12
    settings = FeedSettings(allow_private=True, max_bytes_in_flight=budget)

    async def run() -> list[str]:
        async with feed_client(True, timeout=60.0, user_agent="bench") as client:
            fetcher = Fetcher(client, settings)
            if scenario == "baseline":
                urls = [f"http://127.0.0.1:{port}/feed"]
            else:
                urls = [f"http://127.0.0.1:{port}/bomb/{n}" for n in range(N_BOMBS)]
            results = await asyncio.gather(*(fetcher.fetch(u) for u in urls))
            return [r.error or "ok" for r in results], fetcher.budget.peak / 1e6

    outcomes, held_mb = asyncio.run(run())
    # VmHWM, not ru_maxrss: the latter keeps the forking parent's size across exec.
    peak_mb = _high_water_kb() / 1024
    out.put((peak_mb, held_mb, outcomes))


def _high_water_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def run() -> dict[str, float]:
    ctx = multiprocessing.get_context("spawn")
    with server_process(_serve) as port:
        peaks: dict[str, float] = {}
        for scenario in ("baseline", "bombs", "unbudgeted"):
            out = ctx.Queue()
            worker = ctx.Process(target=_measure, args=(port, scenario, out))
            worker.start()
            peak, held, outcomes = out.get(timeout=300)
            worker.join(60)
            refused = sum(o.startswith("body too large") for o in outcomes)
            print(
                f"{scenario}: peak RSS {peak:.1f} MB, body bytes held at once {held:.1f} MB; "
                f"{refused} of {len(outcomes)} refused as too large",
                file=sys.stderr,
            )
            if scenario != "baseline" and refused != N_BOMBS:
                raise RuntimeError(f"{scenario}: not every bomb was refused: {outcomes}")
            if scenario == "baseline" and outcomes != ["ok"]:
                raise RuntimeError(f"baseline fetch failed: {outcomes}")
            peaks[scenario] = peak
    return {
        "bombs_16_peak_rss_over_baseline_mb": round(peaks["bombs"] - peaks["baseline"], 1),
        "bombs_16_unbudgeted_over_baseline_mb": round(peaks["unbudgeted"] - peaks["baseline"], 1),
    }

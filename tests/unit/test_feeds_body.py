"""Bounded bodies: decompression stops at the cap while decompressing, encodings are decoded or
refused, and the shared budget bounds bytes in flight without deadlock."""

from __future__ import annotations

import asyncio
import gzip
import zlib
from collections.abc import AsyncIterator

import pytest
from aiohttp import web

from bot.config import FeedSettings
from bot.feeds.body import STEP, BodyError, ByteBudget, read_body
from bot.feeds.fetch import Fetcher
from bot.feeds.transport import feed_client
from tests.localsite import local_site

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Packed</title>'
    + b"<item><title>Talks resume</title><link>https://p.example/1</link></item>" * 50
    + b"</channel></rss>"
)
CAP = 1_000_000


def bomb(decompressed: int = 100_000_000) -> bytes:
    """gzip of `decompressed` zero bytes (about a thousandth of that on the wire)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(decompressed >> 20)]
    return b"".join(parts) + packer.flush()


BOMB = bomb()


class Counting:
    """A raw body stream in 16 KB chunks that counts what was taken from it."""

    def __init__(self, data: bytes, chunk: int = 16 * 1024) -> None:
        self.data, self.chunk, self.taken = data, chunk, 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for i in range(0, len(self.data), self.chunk):
            piece = self.data[i : i + self.chunk]
            self.taken += len(piece)
            yield piece


async def test_gzip_bomb_is_refused_at_the_cap_while_decompressing():
    """A 100 MB gzip bomb is refused with a clear reason once the decoded size passes the cap;
    no more than the cap (+ one 64 KB piece) was ever held, and the rest was not even read."""
    raw = Counting(BOMB)
    budget = ByteBudget(50_000_000)
    with pytest.raises(BodyError) as refused:
        await read_body(raw.__aiter__(), "gzip", CAP, budget)
    assert f"body too large: more than {CAP} bytes once decompressed" in str(refused.value)
    assert budget.peak <= CAP
    assert budget.used == 0
    assert raw.taken <= 2 * 16 * 1024  # of the ~97 KB on the wire


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress(RSS)),
        ("x-gzip", gzip.compress(RSS)),
        ("deflate", zlib.compress(RSS)),
        ("deflate", zlib.compress(RSS)[2:-4]),  # raw deflate without the zlib header
        ("", RSS),
        ("identity", RSS),
    ],
)
async def test_supported_encodings_are_decoded(encoding: str, packed: bytes):
    """gzip, deflate (with or without the zlib header) and identity bodies come out whole."""
    assert await read_body(Counting(packed).__aiter__(), encoding, CAP, ByteBudget(CAP)) == RSS


@pytest.mark.parametrize(
    ("encoding", "packed", "reason"),
    [
        ("br", RSS, "unsupported Content-Encoding 'br'"),
        ("gzip, gzip", RSS, "more than one"),
        ("gzip", b"not gzip at all", "bad gzip data"),
    ],
)
async def test_unsupported_or_broken_encodings_are_refused(encoding, packed, reason):
    """An encoding we did not ask for, stacked encodings and corrupt data fail with the reason."""
    with pytest.raises(BodyError, match=reason):
        await read_body(Counting(packed).__aiter__(), encoding, CAP, ByteBudget(CAP))


async def test_budget_bounds_sixteen_bombs_at_once():
    """Sixteen bombs decoded at the same time hold at most budget + one body's cap in total,
    and every one of them is refused."""
    budget = ByteBudget(2 * CAP)

    async def one() -> str:
        try:
            await read_body(Counting(BOMB).__aiter__(), "gzip", CAP, budget)
        except BodyError as exc:
            return str(exc)
        return "accepted"

    results = await asyncio.gather(*(one() for _ in range(16)))
    assert all(r.startswith("body too large") for r in results)
    assert budget.peak <= 3 * CAP
    assert budget.used == 0


async def test_budget_smaller_than_the_bodies_never_deadlocks():
    """Eight 600 KB bodies under a 1 MB budget all complete: one at a time may overdraw."""
    body = bytes(600_000)
    budget = ByteBudget(CAP)
    results = await asyncio.wait_for(
        asyncio.gather(
            *(read_body(Counting(body).__aiter__(), "", CAP, budget) for _ in range(8))
        ),
        timeout=10,
    )
    assert all(len(r) == len(body) for r in results)
    assert budget.peak <= CAP + len(body) + STEP
    assert budget.used == 0


@pytest.fixture
async def bomb_site():
    """A server on 127.0.0.1 sending a gzip bomb (no Content-Length) and a gzip feed."""

    async def bomb_page(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(
            headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}
        )
        await response.prepare(request)
        for i in range(0, len(BOMB), 64 * 1024):
            await response.write(BOMB[i : i + 64 * 1024])
        return response

    async def packed_feed(request: web.Request) -> web.Response:
        return web.Response(
            body=gzip.compress(RSS),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"},
        )

    async with local_site({"/bomb": bomb_page, "/feed": packed_feed}) as port:
        yield f"http://127.0.0.1:{port}"


async def test_fetcher_refuses_a_bomb_over_a_socket_and_reads_a_gzip_feed(bomb_site: str):
    """Over a real socket the fetcher asks for gzip/deflate only, decodes a gzip feed, and
    refuses a bomb with the reason."""
    settings = FeedSettings(timeout_s=10.0, max_body_bytes=CAP, allow_private=True)
    async with feed_client(True, timeout=10.0, user_agent="t") as client:
        fetcher = Fetcher(client, settings)
        good = await fetcher.fetch(f"{bomb_site}/feed")
        bad = await fetcher.fetch(f"{bomb_site}/bomb")
    assert good.ok
    assert good.body == RSS
    assert bad.error == f"body too large: more than {CAP} bytes once decompressed" + (
        bad.error.split("decompressed", 1)[1]
    )
    assert "received" in bad.error
    assert fetcher.budget.used == 0

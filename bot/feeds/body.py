"""Reading a response body under two bounds: a per-body cap on the DECODED size, enforced while
decompressing (a gzip bomb stops at the cap), and a shared budget of body bytes in flight.
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

# Decompressed output is produced in pieces of at most this size, so a small compressed chunk
# never turns into one huge allocation before the cap is checked.
STEP = 64 * 1024


class BodyError(ValueError):
    """The body could not be taken: too large, badly encoded, or in an unsupported encoding."""


class ByteBudget:
    """Body bytes held by all fetches at once stay under `limit`, plus one body's cap.

    A fetch that finds no room waits. When every holder waits, none would ever release: so
    one fetch at a time may overdraw (up to its own cap, which bounds it), finish, and free
    its bytes. Peak: limit + one body's cap.
    """

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self.used = 0
        self.peak = 0
        self._overdraft_free = True
        self._waiters: list[asyncio.Future[None]] = []

    @asynccontextmanager
    async def hold(self) -> AsyncIterator[Hold]:
        """A holder for one body; everything it took is given back on leaving."""
        holder = Hold(self)
        try:
            yield holder
        finally:
            holder.release()

    def _wake(self) -> None:
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            if not waiter.done():
                waiter.set_result(None)

    async def _wait(self) -> None:
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        await waiter


class Hold:
    """One body's share of a ByteBudget."""

    def __init__(self, budget: ByteBudget) -> None:
        self.budget = budget
        self.taken = 0
        self.overdrawing = False

    async def take(self, n: int) -> None:
        """Add `n` bytes to this holder's share, waiting while the budget has no room."""
        budget = self.budget
        while not self.overdrawing and budget.used + n > budget.limit:
            if budget._overdraft_free:
                budget._overdraft_free = False
                self.overdrawing = True
                break
            await budget._wait()
        budget.used += n
        budget.peak = max(budget.peak, budget.used)
        self.taken += n

    def release(self) -> None:
        """Give back everything this holder took and wake the fetches waiting for room."""
        budget = self.budget
        budget.used -= self.taken
        self.taken = 0
        if self.overdrawing:
            self.overdrawing = False
            budget._overdraft_free = True
        budget._wake()


class _Decoder:
    """Incremental decoding of one Content-Encoding with bounded output per call."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._started = False
        if encoding in ("", "identity"):
            self._z = None
        elif encoding in ("gzip", "x-gzip"):
            self._z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._z = zlib.decompressobj()
        else:
            raise BodyError(f"unsupported Content-Encoding {encoding!r}")

    def pieces(self, data: bytes) -> Iterator[bytes]:
        if self._z is None:
            yield data
            return
        try:
            yield from self._inflate(data)
            return
        except zlib.error as exc:
            error = exc
        if self.encoding == "deflate" and not self._started:
            # Some servers send raw deflate without the zlib header; try that once.
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            self._started = True
            try:
                yield from self._inflate(data)
                return
            except zlib.error as exc:
                error = exc
        raise BodyError(f"bad {self.encoding} data: {error}")

    def _inflate(self, data: bytes) -> Iterator[bytes]:
        assert self._z is not None
        while data:
            out = self._z.decompress(data, STEP)
            if out:
                self._started = True
                yield out
            data = self._z.unconsumed_tail

    def finish(self) -> bytes:
        if self._z is None:
            return b""
        try:
            return self._z.flush(STEP)
        except zlib.error as exc:
            raise BodyError(f"bad {self.encoding} data: {exc}") from None


def decoder_for(content_encoding: str) -> _Decoder:
    """The bounded decoder for a Content-Encoding header; BodyError when it names two codings."""
    codings = [c.strip().lower() for c in content_encoding.split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if len(codings) > 1:
        raise BodyError(f"unsupported Content-Encoding {content_encoding!r} (more than one)")
    return _Decoder(codings[0] if codings else "")


async def read_body(
    raw: AsyncIterator[bytes], content_encoding: str, cap: int, budget: ByteBudget
) -> bytes:
    """The decoded body, at most `cap` bytes; BodyError as soon as more would be produced.

    Decoded bytes are counted piece by piece as they come out of the decompressor, so a bomb
    costs at most `cap` (+ one piece) of memory, and each piece is taken from the budget first.
    """
    decoder = decoder_for(content_encoding)
    chunks: list[bytes] = []
    size = 0
    received = 0
    async with budget.hold() as hold:

        async def keep(piece: bytes) -> None:
            nonlocal size
            size += len(piece)
            if size > cap:
                raise BodyError(
                    f"body too large: more than {cap} bytes"
                    + (f" once decompressed ({received} bytes received)" if decoder._z else "")
                    + ", cut off"
                )
            await hold.take(len(piece))
            chunks.append(piece)

        async for data in raw:
            received += len(data)
            if received > cap:
                raise BodyError(f"body too large: more than {cap} bytes, cut off")
            for piece in decoder.pieces(data):
                await keep(piece)
        await keep(decoder.finish())
        return b"".join(chunks)

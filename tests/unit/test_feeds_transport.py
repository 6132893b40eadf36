"""The feed client's transport over real sockets: connections are kept and reused across
conditional GETs, and a server that stalls, hangs up or speaks garbage gives a clear error."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from bot.config import FeedSettings
from bot.feeds.fetch import Fetcher
from bot.feeds.transport import GuardedConnector, feed_client
from tests.localsite import local_site

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Kept</title></channel></rss>'
SETTINGS = FeedSettings(timeout_s=5.0, allow_private=True)


async def test_304s_reuse_one_connection_and_keep_the_validators():
    """Ten conditional GETs in a row travel over one connection; each 304 keeps its ETag, and
    the first (unconditional) GET got the body."""
    peers: list[tuple[str, int]] = []

    async def feed(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))  # type: ignore[union-attr]
        if request.headers.get("If-None-Match") == '"v7"':
            return web.Response(status=304, headers={"ETag": '"v7"'})
        return web.Response(body=RSS, headers={"ETag": '"v7"'}, content_type="application/rss+xml")

    async with local_site({"/feed": feed}) as port, feed_client(
        True, timeout=5.0, user_agent="t"
    ) as client:
        fetcher = Fetcher(client, SETTINGS)
        url = f"http://127.0.0.1:{port}/feed"
        first = await fetcher.fetch(url)
        later = [await fetcher.fetch(url, etag=first.etag) for _ in range(10)]
    assert first.status == 200
    assert first.body == RSS
    assert {r.status for r in later} == {304}
    assert {r.etag for r in later} == {'"v7"'}
    assert len(set(peers)) == 1  # one client port: the connection was kept alive


async def _serve_raw(
    answer: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]],
) -> AsyncIterator[int]:
    held: list[asyncio.StreamWriter] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)
        await reader.readuntil(b"\r\n\r\n")
        await answer(reader, writer)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        for writer in held:
            writer.close()
        server.close()
        await server.wait_closed()


async def _stall(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>")  # then silence


async def _hang_up(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n<rss>")
    await writer.drain()
    writer.close()


async def _garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    writer.write(b"NOT HTTP AT ALL\r\n\r\n")
    await writer.drain()
    writer.close()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (_stall, "timed out"),
        (_hang_up, "RemoteProtocolError"),
        (_garbage, "RemoteProtocolError"),
    ],
)
async def test_broken_servers_give_an_error_not_an_exception(answer, expected: str):
    """A body that stops mid-way, a connection closed mid-body and a reply that is not HTTP
    each come back as a FetchResult whose error names the problem, within the timeout."""
    settings = FeedSettings(timeout_s=0.5, allow_private=True)
    servers = _serve_raw(answer)
    port = await anext(servers)
    try:
        async with feed_client(True, timeout=0.5, user_agent="t") as client:
            result = await asyncio.wait_for(
                Fetcher(client, settings).fetch(f"http://127.0.0.1:{port}/rss"), timeout=10
            )
    finally:
        await servers.aclose()
    assert result.status == 0
    assert result.body is None
    assert result.error
    assert expected in result.error, result.error


async def test_closed_port_is_a_connection_error():
    """Nothing listening: the error says the connection failed, with no traceback."""
    servers = _serve_raw(_garbage)
    port = await anext(servers)
    await servers.aclose()  # the port is free again: nothing answers there now
    async with feed_client(True, timeout=2.0, user_agent="t") as client:
        result = await Fetcher(client, SETTINGS).fetch(f"http://127.0.0.1:{port}/rss")
    assert result.status == 0
    assert result.error
    assert result.error.startswith("connection failed:")


async def test_tls_certificates_and_host_names_are_checked():
    """The connections' TLS context requires a certificate that chains to a trusted root and
    names the host; an https URL whose server does not speak TLS is an error, not a hang."""
    connector = GuardedConnector(False)
    try:
        assert connector.tls.verify_mode == ssl.CERT_REQUIRED
        assert connector.tls.check_hostname
    finally:
        await connector.close()

    async def feed(request: web.Request) -> web.Response:
        return web.Response(body=RSS, content_type="application/rss+xml")

    async with local_site({"/feed": feed}) as port, feed_client(
        True, timeout=5.0, user_agent="t"
    ) as client:
        result = await Fetcher(client, SETTINGS).fetch(f"https://127.0.0.1:{port}/feed")
    assert result.status == 0
    assert result.body is None
    assert result.error
    assert result.error.startswith("connection failed:")
    assert "SSL" in result.error

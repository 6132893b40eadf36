"""Fetching: conditional headers, 304, redirects, size cap, timeouts, file: URLs, errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx

from bot.config import FeedSettings
from bot.feeds.fetch import Fetcher, fetch_file

SETTINGS = FeedSettings(
    timeout_s=2.0,
    max_body_bytes=1_000_000,
    max_redirects=3,
    user_agent="AttacheTest/1",
    allow_private=True,  # local servers and files; the URL policy has its own tests
)
RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'


def fetcher_for(handler, settings: FeedSettings = SETTINGS) -> tuple[Fetcher, httpx.AsyncClient]:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return Fetcher(client, settings), client


async def test_sends_user_agent_and_conditional_headers_and_reads_validators():
    """If-None-Match / If-Modified-Since / User-Agent are sent; ETag and Last-Modified kept."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(
            200,
            content=RSS,
            headers={
                "ETag": '"v2"',
                "Last-Modified": "Sun, 07 Oct 2018 10:00:00 GMT",
                "Content-Type": "application/rss+xml",
            },
        )

    fetcher, client = fetcher_for(handler)
    async with client:
        result = await fetcher.fetch(
            "https://x.example/rss", etag='"v1"', last_modified="Sat, 06 Oct 2018 10:00:00 GMT"
        )
    req = seen[0]
    assert req.headers["user-agent"] == "AttacheTest/1"
    assert req.headers["if-none-match"] == '"v1"'
    assert req.headers["if-modified-since"] == "Sat, 06 Oct 2018 10:00:00 GMT"
    assert result.ok
    assert result.status == 200
    assert result.body == RSS
    assert result.etag == '"v2"'
    assert result.last_modified == "Sun, 07 Oct 2018 10:00:00 GMT"
    assert result.content_type == "application/rss+xml"


async def test_304_has_no_body():
    """A 304 is "not modified": ok, no body, nothing to parse."""
    fetcher, client = fetcher_for(lambda r: httpx.Response(304, headers={"ETag": '"v1"'}))
    async with client:
        result = await fetcher.fetch("https://x.example/rss", etag='"v1"')
    assert result.ok
    assert result.not_modified
    assert result.body is None
    assert result.etag == '"v1"'


async def test_http_error_status_is_reported_not_raised():
    """A 404/500 answer becomes an error string with the status."""
    fetcher, client = fetcher_for(lambda r: httpx.Response(503))
    async with client:
        result = await fetcher.fetch("https://x.example/rss")
    assert not result.ok
    assert result.status == 503
    assert result.error == "HTTP 503 Service Unavailable"


async def test_retry_after_seconds_and_dates_are_read():
    """A 429/503 Retry-After (seconds, or a date against the Date header) is passed on."""
    answers = iter(
        [
            httpx.Response(429, headers={"Retry-After": "120"}),
            httpx.Response(
                503,
                headers={
                    "Retry-After": "Sun, 07 Oct 2018 10:30:00 GMT",
                    "Date": "Sun, 07 Oct 2018 10:00:00 GMT",
                },
            ),
            httpx.Response(503, headers={"Retry-After": "soon"}),
        ]
    )
    fetcher, client = fetcher_for(lambda r: next(answers))
    async with client:
        results = [await fetcher.fetch("https://x.example/rss") for _ in range(3)]
    assert [r.retry_after_s for r in results] == [120.0, 1800.0, None]
    assert results[0].error == "HTTP 429 Too Many Requests"


async def test_redirects_are_followed_and_bounded():
    """A redirect chain within the limit is followed; final_url says where it ended."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, content=RSS)

    fetcher, client = fetcher_for(handler)
    async with client:
        result = await fetcher.fetch("https://x.example/old")
    assert result.ok
    assert result.final_url == "https://x.example/new"


async def test_redirect_loop_fails_with_a_clear_error():
    """Endless redirects stop after max_redirects with "too many redirects"."""
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(302, headers={"Location": "/loop"})

    fetcher, client = fetcher_for(handler)
    async with client:
        result = await fetcher.fetch("https://x.example/loop")
    assert not result.ok
    assert "too many redirects" in (result.error or "")
    assert calls == SETTINGS.max_redirects + 1


async def test_redirect_to_a_file_url_is_refused():
    """A remote feed may not redirect us into the local file system."""
    fetcher, client = fetcher_for(
        lambda r: httpx.Response(302, headers={"Location": "file:///etc/passwd"})
    )
    async with client:
        result = await fetcher.fetch("https://x.example/rss")
    assert not result.ok
    assert "non-http" in (result.error or "")


class _Endless(httpx.AsyncByteStream):
    """50 MB served in 64 KB chunks, counting how much was actually pulled."""

    def __init__(self) -> None:
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunk = b"x" * 65536
        for _ in range(50 * 16):
            self.pulled += len(chunk)
            yield chunk

    async def aclose(self) -> None:
        pass


async def test_50_mb_body_is_cut_off_while_streaming():
    """A 50 MB body without Content-Length is cut at the cap; it is never read whole."""
    stream = _Endless()
    fetcher, client = fetcher_for(lambda r: httpx.Response(200, stream=stream))
    async with client:
        result = await fetcher.fetch("https://x.example/huge")
    assert not result.ok
    assert result.body is None
    assert "body too large" in (result.error or "")
    assert stream.pulled <= SETTINGS.max_body_bytes + 65536


async def test_declared_oversize_body_is_refused_before_reading():
    """A Content-Length above the cap fails before any of the body is read."""
    stream = _Endless()
    fetcher, client = fetcher_for(
        lambda r: httpx.Response(
            200, stream=stream, headers={"Content-Length": str(50 * 1024 * 1024)}
        )
    )
    async with client:
        result = await fetcher.fetch("https://x.example/huge")
    assert (
        result.error
        == f"body too large: {50 * 1024 * 1024} bytes declared, limit {SETTINGS.max_body_bytes}"
    )
    assert stream.pulled == 0


async def test_connection_refused_is_an_error_not_an_exception():
    """Network failures come back as a FetchResult with a readable error."""

    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Connection refused", request=request)

    fetcher, client = fetcher_for(handler)
    async with client:
        result = await fetcher.fetch("https://x.example/rss")
    assert result.status == 0
    assert result.error
    assert "connection failed" in result.error


async def test_server_that_never_answers_times_out():
    """A server that accepts the connection but never replies gives a bounded timeout error."""
    accepted: list[asyncio.StreamWriter] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)  # hold the socket open, say nothing

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    settings = FeedSettings(timeout_s=0.3, allow_private=True)
    async with httpx.AsyncClient() as client:
        result = await asyncio.wait_for(
            Fetcher(client, settings).fetch(f"http://127.0.0.1:{port}/rss"), timeout=10
        )
    for writer in accepted:
        writer.close()
    server.close()
    await server.wait_closed()
    assert result.status == 0
    assert result.error
    assert "timed out" in result.error


async def test_unsupported_scheme_is_an_error():
    """ftp:, gopher: and the like are refused by name."""
    fetcher, client = fetcher_for(lambda r: httpx.Response(200))
    async with client:
        result = await fetcher.fetch("ftp://x.example/rss")
    assert result.error == "refused: ftp://x.example/rss: a feed URL must be http://, https:// or file:"


async def test_file_url_is_read_and_then_not_modified(tmp_path):
    """A local feed is read through the same interface; unchanged, it answers 304."""
    path = tmp_path / "feed.xml"
    path.write_bytes(RSS)
    fetcher, client = fetcher_for(lambda r: httpx.Response(500))
    async with client:
        first = await fetcher.fetch(path.as_uri())
        second = await fetcher.fetch(path.as_uri(), etag=first.etag)
    assert first.ok
    assert first.body == RSS
    assert first.etag
    assert second.not_modified
    assert second.body is None


def test_relative_file_url_is_relative_to_the_working_directory(tmp_path, monkeypatch):
    """`file:seeds/x.xml` names a file relative to where the command runs."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "x.xml").write_bytes(RSS)
    monkeypatch.chdir(tmp_path)
    assert fetch_file("file:seeds/x.xml", 1000).body == RSS


def test_missing_and_oversized_files_are_errors(tmp_path):
    """A missing file or one above the cap is reported, not raised."""
    missing = fetch_file((tmp_path / "nope.xml").as_uri(), 1000)
    assert missing.error
    assert "file not found" in missing.error
    big = tmp_path / "big.xml"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB without writing them
    result = fetch_file(big.as_uri(), 1_000_000)
    assert result.error
    assert "body too large" in result.error
    assert result.body is None


def test_file_url_on_another_host_is_refused():
    """file://otherhost/... is not a local file."""
    result = fetch_file("file://otherhost/feed.xml", 1000)
    assert result.error
    assert "another host" in result.error


def test_directory_is_not_a_feed_file(tmp_path):
    """Pointing a file: URL at a folder fails clearly."""
    result = fetch_file(tmp_path.as_uri(), 1000)
    assert result.error
    assert "not a file" in result.error

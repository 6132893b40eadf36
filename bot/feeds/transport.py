"""An httpx transport for feeds over aiohttp's connection pool, whose resolver checks every
address a name resolves to against the URL policy; the connection goes to a checked address
(the Host header and TLS SNI keep the name).

Why aiohttp underneath: a poll where every feed answers 304 is nothing but requests, and
httpcore's pool spent about 1 ms of CPU on each (it re-examines every pooled connection per
request); aiohttp's pool and C parser take a tenth of that. Callers keep httpx's API.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import aiohttp
import httpx
import yarl
from aiohttp.abc import AbstractResolver, ResolveResult

from bot.feeds.urlpolicy import Resolver, refused_addresses, system_resolver

# Headers aiohttp writes itself from the URL and its pool; httpx's copies would be duplicates.
_OWN_HEADERS = frozenset({"host", "connection", "transfer-encoding"})
_CHUNK = 64 * 1024


class AddressRefused(OSError):
    """The host resolved to an address the URL policy does not connect to."""


class GuardedResolver(AbstractResolver):
    """Resolves a name once and refuses it when any address is internal (unless allowed).

    aiohttp dials the addresses this returns, never the name, so the address that was checked
    is the address that is connected to. IP literals skip the resolver: the URL policy
    has judged them, in every notation, at every hop before the request.
    """

    def __init__(self, allow_private: bool, resolver: Resolver = system_resolver) -> None:
        self.allow_private = allow_private
        self.resolver = resolver

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The checked addresses of `host`, or an OSError saying why there are none."""
        try:
            addresses = list(await self.resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise OSError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise OSError(f"cannot resolve {host}: no addresses")
        if not self.allow_private and (problem := refused_addresses(host, addresses)):
            raise AddressRefused(f"refused: {problem}")
        return [
            {
                "hostname": host,
                "host": address,
                "port": port,
                "family": socket.AF_INET6 if ":" in address else socket.AF_INET,
                "proto": 0,
                "flags": socket.AI_NUMERICHOST,
            }
            for address in addresses  # the resolver's order, as a plain connect would try them
        ]

    async def close(self) -> None:
        """Nothing to release: the lookups are the resolver's."""


class GuardedConnector(aiohttp.TCPConnector):
    """aiohttp's connection pool with the guarded resolver; no proxy (a proxy would resolve the
    name itself, out of the policy's sight), certificates checked as httpx checks them.
    """

    def __init__(
        self, allow_private: bool, resolver: Resolver = system_resolver, limit: int = 100
    ) -> None:
        # httpx's context (certifi's roots, host names checked), as the feed client had before.
        self.tls = httpx.create_ssl_context(trust_env=False)
        super().__init__(resolver=GuardedResolver(allow_private, resolver), limit=limit, ssl=self.tls)


class GuardedTransport(httpx.AsyncBaseTransport):
    """httpx requests sent through one aiohttp session (opened with the first request, as
    aiohttp wants a running loop); aiohttp's failures come back as httpx's exceptions.
    """

    def __init__(
        self,
        allow_private: bool,
        *,
        max_connections: int = 100,
        resolver: Resolver = system_resolver,
        connector: type[GuardedConnector] = GuardedConnector,
    ) -> None:
        self._allow_private = allow_private
        self._resolver = resolver
        self._max_connections = max_connections
        self._connector = connector
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=self._connector(
                    self._allow_private, self._resolver, limit=self._max_connections
                ),
                auto_decompress=False,  # bodies are decoded by bot.feeds.body, with bounds
                cookie_jar=aiohttp.DummyCookieJar(),
                trust_env=False,
                timeout=aiohttp.ClientTimeout(total=None),  # the request's own timeouts rule
            )
        return self._session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request` without following redirects; the body streams as it is read."""
        limits = request.extensions.get("timeout", {})
        timeout = aiohttp.ClientTimeout(
            total=None, sock_connect=limits.get("connect"), sock_read=limits.get("read")
        )
        headers = [(k, v) for k, v in request.headers.multi_items() if k not in _OWN_HEADERS]
        body = await request.aread()
        with _as_httpx(request):
            response = await self._client().request(
                request.method,
                yarl.URL(str(request.url), encoded=True),
                headers=headers,
                data=body or None,
                allow_redirects=False,
                timeout=timeout,
            )
        return httpx.Response(
            status_code=response.status,
            headers=list(response.raw_headers),
            stream=_Body(response, request),
            extensions={"reason_phrase": (response.reason or "").encode("latin-1", "replace")},
            request=request,
        )

    async def aclose(self) -> None:
        """Close the session and its pooled connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None


class _Body(httpx.AsyncByteStream):
    """A response body read from aiohttp as it arrives. Closing before the end drops the
    connection (aiohttp pools only connections whose body was read to the end).
    """

    def __init__(self, response: aiohttp.ClientResponse, request: httpx.Request) -> None:
        self._response = response
        self._request = request

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx(self._request):
            async for chunk in self._response.content.iter_chunked(_CHUNK):
                yield chunk

    async def aclose(self) -> None:
        self._response.release()


@contextmanager
def _as_httpx(request: httpx.Request) -> Iterator[None]:
    """Re-raises aiohttp's exceptions as the httpx ones callers of an httpx client expect."""
    try:
        yield
    except (TimeoutError, aiohttp.ClientError) as exc:
        raise _translated(exc, request) from _cause(exc)


def _cause(exc: BaseException) -> BaseException:
    # A refused address travels as the OSError of aiohttp's connector error; callers look for it.
    if isinstance(exc, aiohttp.ClientConnectorError):
        return exc.os_error
    return exc


def _translated(exc: BaseException, request: httpx.Request) -> httpx.TransportError:
    kind: type[httpx.TransportError]
    message = str(exc) or type(exc).__name__
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        kind = httpx.ConnectTimeout
    elif isinstance(exc, TimeoutError):  # aiohttp's read timeouts are TimeoutErrors too
        kind = httpx.ReadTimeout
    elif isinstance(exc, aiohttp.ClientConnectorError):
        kind, message = httpx.ConnectError, str(exc.os_error) or message
    elif isinstance(exc, aiohttp.ClientResponseError):  # its str() repeats the URL: not shown
        kind, message = httpx.RemoteProtocolError, " ".join(exc.message.split())
    elif isinstance(exc, aiohttp.ClientPayloadError):
        kind = httpx.RemoteProtocolError
    else:
        kind = httpx.ReadError
    return kind(message, request=request)


def feed_client(
    allow_private: bool,
    *,
    timeout: float,
    user_agent: str,
    max_connections: int = 100,
    resolver: Resolver = system_resolver,
    connector: type[GuardedConnector] = GuardedConnector,
) -> httpx.AsyncClient:
    """The AsyncClient feeds are fetched with: guarded transport, no environment proxies."""
    return httpx.AsyncClient(
        transport=GuardedTransport(
            allow_private, max_connections=max_connections, resolver=resolver, connector=connector
        ),
        timeout=timeout,
        headers={"User-Agent": user_agent},
        trust_env=False,
    )


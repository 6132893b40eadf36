"""An httpx transport for feeds that resolves each host once, checks every address against the
URL policy, and connects to the address it checked (Host header and TLS SNI keep the name).
"""

from __future__ import annotations

import typing

import httpcore
import httpx

from bot.feeds.urlpolicy import Resolver, refused_addresses, system_resolver

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


class AddressRefused(httpcore.ConnectError):
    """The host resolved to an address the URL policy does not connect to."""


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves the host itself and hands the inner backend an IP address, never a name, so
    the address that was checked is the address that is dialled (no second lookup).
    """

    def __init__(
        self,
        allow_private: bool,
        resolver: Resolver = system_resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.resolver = resolver
        self.inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        local_address: str | None = None,
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve `host` once, refuse it if any address is internal, dial the checked address."""
        try:
            addresses = list(await self.resolver(host, port))
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        if not self.allow_private and (problem := refused_addresses(host, addresses)):
            raise AddressRefused(f"refused: {problem}")
        error: Exception | None = None
        for address in addresses:  # the resolver's order, as a plain connect would try them
            try:
                return await self.inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's signature)
        socket_options: typing.Iterable[typing.Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Always refused: feeds are fetched over TCP only."""
        raise httpcore.ConnectError("feeds are not read over unix sockets")

    async def sleep(self, seconds: float) -> None:
        """Sleep as the inner backend does (httpcore uses it between retries)."""
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport over a GuardedBackend. No proxy: a proxy would resolve the name
    itself, out of the policy's sight.
    """

    def __init__(
        self,
        allow_private: bool,
        *,
        limits: httpx.Limits = DEFAULT_LIMITS,
        resolver: Resolver = system_resolver,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        super().__init__(limits=limits, trust_env=False)
        # The base class builds its pool without a network backend; this is the same pool
        # (same arguments as httpx passes) with the guard as its backend.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=False,
            network_backend=GuardedBackend(allow_private, resolver, inner),
        )


def feed_client(
    allow_private: bool,
    *,
    timeout: float,
    user_agent: str,
    max_connections: int = 100,
    resolver: Resolver = system_resolver,
    inner: httpcore.AsyncNetworkBackend | None = None,
) -> httpx.AsyncClient:
    """The AsyncClient feeds are fetched with: guarded transport, no environment proxies."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=20)
    return httpx.AsyncClient(
        transport=GuardedTransport(allow_private, limits=limits, resolver=resolver, inner=inner),
        timeout=timeout,
        headers={"User-Agent": user_agent},
        trust_env=False,
    )

"""The feed URL policy: internal addresses in every notation and file: are refused unless
allow_private; names are judged after DNS, at every redirect hop, and the connection goes to
the address that was checked."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

import httpx
import pytest
from aiohttp import web

from bot.config import FeedSettings
from bot.feeds.fetch import Fetcher
from bot.feeds.transport import GuardedConnector, feed_client
from bot.feeds.urlpolicy import (
    UrlRefused,
    address_problem,
    check_resolved,
    check_url,
    literal_address,
)
from tests.localsite import local_site

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title></channel></rss>'

INTERNAL = [
    ("http://127.0.0.1/rss", "loopback"),
    ("http://[::1]/rss", "loopback"),
    ("http://2130706433/rss", "loopback"),  # decimal
    ("http://0x7f.1/rss", "loopback"),  # hex, short
    ("http://0x7f000001/rss", "loopback"),
    ("http://0177.0.0.1/rss", "loopback"),  # octal
    ("http://127.1/rss", "loopback"),  # short
    ("http://[::ffff:127.0.0.1]/rss", "loopback"),  # IPv4-mapped IPv6
    ("http://[::ffff:7f00:1]/rss", "loopback"),
    ("http://localhost:8080/rss", "names this machine"),
    ("http://feeds.localhost/rss", "names this machine"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),  # cloud metadata
    ("http://10.0.0.1/rss", "private"),
    ("http://192.168.1.20/rss", "private"),
    ("http://172.16.5.4/rss", "private"),
    ("http://[fd00::1]/rss", "private"),
    ("http://[fe80::1]/rss", "link-local"),
    ("http://100.64.0.1/rss", "not a globally routable"),  # carrier-grade NAT
    ("http://224.0.0.1/rss", "multicast"),
    ("http://0.0.0.0/rss", "unspecified"),
    ("http://[::]/rss", "unspecified"),
    ("http://240.0.0.1/rss", "reserved"),
    ("http://[2002:7f00:1::]/rss", "loopback"),  # 6to4 wrapping 127.0.0.1
    ("file:///etc/passwd", "file: URLs"),
    ("file:seeds/feeds/seed.xml", "file: URLs"),
]


@pytest.mark.parametrize(("url", "reason"), INTERNAL)
def test_internal_addresses_in_every_notation_are_refused(url: str, reason: str):
    """Each notation of an internal address (and file:) is refused, naming the kind and the
    switch that would allow it."""
    with pytest.raises(UrlRefused) as refused:
        check_url(url, allow_private=False)
    assert reason in str(refused.value)
    assert "allow_private" in str(refused.value)


@pytest.mark.parametrize(("url", "_reason"), INTERNAL)
def test_allow_private_lets_every_internal_url_through(url: str, _reason: str):
    """With allow_private on, local and internal feeds are accepted as written."""
    assert check_url(url, allow_private=True) == url


@pytest.mark.parametrize(
    "url",
    ["https://news.example.org/rss", "http://93.184.216.34/feed", "http://[2606:4700::1]/rss"],
)
def test_public_names_and_addresses_pass(url: str):
    """Names (judged later, after DNS) and public addresses pass the check as written."""
    assert check_url(url, allow_private=False) == url


@pytest.mark.parametrize("url", ["ftp://x.example/f", "gopher://x.example/", "http:///rss"])
def test_other_schemes_and_hostless_urls_are_refused(url: str):
    """Only http(s) with a host (and file: when allowed) are feed URLs."""
    with pytest.raises(UrlRefused):
        check_url(url, allow_private=True)


def test_literal_notations_decode_like_a_c_resolver():
    """The short, hex, octal and decimal forms name the same address inet_aton gives."""
    assert literal_address("127.1") == ipaddress.ip_address("127.0.0.1")
    assert literal_address("0x7f.0.0.1") == ipaddress.ip_address("127.0.0.1")
    assert literal_address("10.1") == ipaddress.ip_address("10.0.0.1")
    assert literal_address("192.168.257") == ipaddress.ip_address("192.168.1.1")
    assert literal_address("3232235777") == ipaddress.ip_address("192.168.1.1")
    assert literal_address("[::1]") == ipaddress.ip_address("::1")
    # not addresses: names, or numbers out of range (a resolver would treat them as names)
    assert literal_address("news.example.org") is None
    assert literal_address("256.1.1.1") is None
    assert literal_address("1.2.3.4.5") is None
    assert address_problem(ipaddress.ip_address("8.8.8.8")) is None


def fake_resolver(table: dict[str, list[str]]):
    async def resolve(host: str, port: int) -> Sequence[str]:
        if host in table:
            return table[host]
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            raise OSError(f"unknown host {host}") from None

    return resolve


async def test_names_are_judged_by_what_they_resolve_to():
    """At add time a name resolving to an internal address (even one among public ones) is
    refused; a public one is kept; one that does not resolve now is accepted (each fetch checks)."""
    resolve = fake_resolver(
        {
            "intranet.example": ["10.20.30.40"],
            "mixed.example": ["93.184.216.34", "127.0.0.1"],
            "public.example": ["93.184.216.34"],
        }
    )
    for url in ("http://intranet.example/rss", "https://mixed.example/rss"):
        with pytest.raises(UrlRefused, match="resolves to"):
            await check_resolved(url, False, resolve)
    assert await check_resolved("https://public.example/rss", False, resolve)
    assert await check_resolved("https://gone.example/rss", False, resolve)
    assert await check_resolved("http://intranet.example/rss", True, resolve)


async def test_redirect_to_loopback_is_refused_at_the_hop():
    """A public-looking feed that redirects to an internal address (any notation) fails with
    the reason; the internal URL is never requested."""
    for target in ("http://127.0.0.1:8080/admin", "http://2130706433/", "http://[::1]/"):
        seen: list[str] = []

        def handler(
            request: httpx.Request, target: str = target, seen: list[str] = seen
        ) -> httpx.Response:
            seen.append(str(request.url))
            return httpx.Response(302, headers={"Location": target})

        settings = FeedSettings(timeout_s=2.0)
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            result = await Fetcher(client, settings).fetch("https://news.example.org/rss")
        assert seen == ["https://news.example.org/rss"]
        assert result.error
        assert result.error.startswith("redirect refused:")
        assert "loopback" in result.error


@pytest.fixture
async def recording_site():
    """A feed site on 127.0.0.1 that records the Host header of each request."""
    hosts: list[str] = []

    async def feed(request: web.Request) -> web.Response:
        hosts.append(request.headers.get("Host", ""))
        return web.Response(body=RSS, content_type="application/rss+xml")

    async def hop(request: web.Request) -> web.Response:
        hosts.append(request.headers.get("Host", ""))
        port = request.url.port
        raise web.HTTPFound(f"http://intranet.example:{port}/feed")

    async with local_site({"/feed": feed, "/hop": hop}) as port:
        yield port, hosts


def routed_connector(routes: dict[str, str], dialled: list[str]) -> type[GuardedConnector]:
    """The network, faked at its edge: a connector whose connections to a public address go
    to the local test server; records which address each connection was asked for."""

    class RoutedConnector(GuardedConnector):
        async def _wrap_create_connection(self, *args, addr_infos, **kwargs):  # type: ignore[no-untyped-def]
            routed = []
            for family, kind, proto, name, address in addr_infos:
                dialled.append(address[0])
                routed.append((family, kind, proto, name, (routes.get(address[0], address[0]), *address[1:])))
            return await super()._wrap_create_connection(*args, addr_infos=routed, **kwargs)

    return RoutedConnector


async def test_name_resolving_to_loopback_is_refused_before_connecting(recording_site):
    """A harmless-looking name that resolves to 127.0.0.1 is refused at connect time with the
    reason; no request reaches the server."""
    port, hosts = recording_site
    resolve = fake_resolver({"news.example": ["127.0.0.1"]})
    settings = FeedSettings(timeout_s=5.0)
    async with feed_client(False, timeout=5.0, user_agent="t", resolver=resolve) as client:
        result = await Fetcher(client, settings).fetch(f"http://news.example:{port}/feed")
    assert result.error
    assert "refused: news.example resolves to 127.0.0.1" in result.error
    assert hosts == []


async def test_allow_private_connects_to_the_checked_address_with_the_name_kept(recording_site):
    """With allow_private the local server is read; the connection goes to the address the
    resolver gave (the name itself resolves nowhere) and the Host header keeps the name."""
    port, hosts = recording_site
    resolve = fake_resolver({"news.example": ["127.0.0.1"]})
    settings = FeedSettings(timeout_s=5.0, allow_private=True)
    async with feed_client(True, timeout=5.0, user_agent="t", resolver=resolve) as client:
        result = await Fetcher(client, settings).fetch(f"http://news.example:{port}/feed")
    assert result.ok
    assert result.body == RSS
    assert hosts == [f"news.example:{port}"]


async def test_redirect_hop_to_a_name_resolving_inside_is_refused(recording_site):
    """A public feed (its address routed to the test server) redirects to a name that resolves
    to a private address: the hop is refused after DNS, the internal page is never fetched, and
    only checked addresses (never names) were dialled."""
    port, hosts = recording_site
    resolve = fake_resolver({"wire.example": ["93.184.216.34"], "intranet.example": ["10.9.8.7"]})
    dialled: list[str] = []
    network = routed_connector({"93.184.216.34": "127.0.0.1"}, dialled)
    settings = FeedSettings(timeout_s=5.0)
    async with feed_client(
        False, timeout=5.0, user_agent="t", resolver=resolve, connector=network
    ) as client:
        result = await Fetcher(client, settings).fetch(f"http://wire.example:{port}/hop")
    assert result.error
    assert "intranet.example resolves to 10.9.8.7" in result.error
    assert "redirected to" in result.error
    assert hosts == [f"wire.example:{port}"]  # the /feed behind the redirect was never asked
    assert dialled == ["93.184.216.34"]

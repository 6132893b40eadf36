"""Which feed URLs may be fetched: no internal addresses (in any notation) and no `file:`,
unless `[feeds] allow_private` is on. Pure checks plus one DNS-aware check; no connections.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port → the addresses (as text) the name stands for
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]

ALLOW_HINT = "set [feeds] allow_private = true to read internal or local feeds"


class UrlRefused(ValueError):
    """A feed URL the policy does not fetch; the message says why."""


def literal_address(host: str) -> IPAddress | None:
    """The address a host written as an IP literal names, in any notation a C resolver accepts:
    dotted quad, `[::1]`, decimal `2130706433`, hex `0x7f.1`, octal `0177.0.0.1`, short `127.1`.
    None when the host is a name.
    """
    host = host.strip().rstrip(".").lower()
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    return _inet_aton(host)


def _inet_aton(host: str) -> ipaddress.IPv4Address | None:
    # inet_aton's forms: a, a.b, a.b.c, a.b.c.d; each part decimal, 0x-hex or 0-octal;
    # the last part fills the bytes that remain. getaddrinfo accepts these, so must we.
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    values = []
    for part in parts:
        value = _number(part)
        if value is None:
            return None
        values.append(value)
    last_bytes = 5 - len(values)
    if any(v > 255 for v in values[:-1]) or values[-1] >= 256**last_bytes:
        return None
    number = 0
    for v in values[:-1]:
        number = number * 256 + v
    number = number * 256**last_bytes + values[-1]
    return ipaddress.IPv4Address(number)


def _number(part: str) -> int | None:
    try:
        if part.startswith("0x"):
            return int(part[2:] or "0", 16)
        if len(part) > 1 and part.startswith("0"):
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def address_problem(address: IPAddress) -> str | None:
    """Why an address is not a public internet host (None when it is one).

    IPv4 addresses wrapped in IPv6 (mapped, 6to4, Teredo) are judged by the IPv4 inside.
    """
    if isinstance(address, ipaddress.IPv6Address):
        inner = address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]
        if inner is not None:
            problem = address_problem(inner)
            return f"{problem} (inside {address})" if problem else None
    kinds = (
        ("is_unspecified", "an unspecified address"),
        ("is_loopback", "a loopback address"),
        ("is_link_local", "a link-local address"),
        ("is_multicast", "a multicast address"),
        ("is_reserved", "a reserved address"),
        ("is_private", "a private address"),
    )
    for attr, label in kinds:
        if getattr(address, attr):
            return f"{address} is {label}"
    if not address.is_global:  # e.g. 100.64.0.0/10, shared by carrier-grade NAT
        return f"{address} is not a globally routable address"
    return None


def _is_local_name(host: str) -> bool:
    # RFC 6761: localhost and every name under .localhost mean this machine.
    host = host.rstrip(".").lower()
    return host == "localhost" or host.endswith(".localhost")


def check_url(url: str, allow_private: bool) -> str:
    """The URL when the policy lets it be fetched as written; UrlRefused otherwise.

    Names are not resolved here: `check_resolved` (at add time) and the guarded transport (at
    every connection and redirect hop) judge the addresses a name stands for.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise UrlRefused(f"{url!r} is not a valid URL: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme == "file":
        if not allow_private:
            raise UrlRefused(f"{url}: file: URLs read this machine's disk; {ALLOW_HINT}")
        return url
    if scheme not in ("http", "https"):
        raise UrlRefused(f"{url}: a feed URL must be http://, https:// or file:")
    if not host:
        raise UrlRefused(f"{url}: no host name")
    if allow_private:
        return url
    if _is_local_name(host):
        raise UrlRefused(f"{url}: {host} names this machine; {ALLOW_HINT}")
    address = literal_address(host)
    if address is not None and (problem := address_problem(address)):
        raise UrlRefused(f"{url}: {problem}; {ALLOW_HINT}")
    return url


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for host (the same lookup a connect would do)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def refused_addresses(host: str, addresses: Sequence[str]) -> str | None:
    """Why a name that resolved to `addresses` may not be fetched (None when all are public).

    One internal address among public ones refuses the name: which one a connection would
    use is not ours to choose safely.
    """
    for text in addresses:
        address = ipaddress.ip_address(text.split("%", 1)[0])
        if problem := address_problem(address):
            return f"{host} resolves to {text}: {problem}; {ALLOW_HINT}"
    return None


async def check_resolved(
    url: str, allow_private: bool, resolver: Resolver = system_resolver
) -> str:
    """check_url, then (for http(s) names) a DNS lookup whose answers must all be public.

    A name that does not resolve now is accepted: every fetch checks again.
    """
    url = check_url(url, allow_private)
    parts = urlsplit(url)
    if allow_private or parts.scheme.lower() == "file":
        return url
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        addresses = await resolver(host, port)
    except (OSError, UnicodeError):
        return url
    if problem := refused_addresses(host, addresses):
        raise UrlRefused(f"{url}: {problem}")
    return url

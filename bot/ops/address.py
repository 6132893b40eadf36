"""The `[ops] listen` address: "HOST:PORT" or empty (the health and metrics server is off)."""

from __future__ import annotations


def parse_listen(value: str) -> tuple[str, int] | None:
    """"host:port" (IPv6 as "[::1]:9108") → (host, port); "" → None (the server is off)."""
    text = value.strip()
    if not text:
        return None
    host, sep, port = text.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"must be HOST:PORT, e.g. 127.0.0.1:9108, got {value!r}")
    return host, int(port)

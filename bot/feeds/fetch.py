"""Conditional GET of one feed (http(s) via a shared httpx client, or a local `file:` URL).

Bounded in time, size (decompressed size too, while decompressing), redirects and bytes in
flight across fetches; every URL and redirect hop passes the URL policy. Never raises for
network problems: the FetchResult's `error` says what happened.
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from bot.config import FeedSettings
from bot.feeds.body import BodyError, ByteBudget, read_body
from bot.feeds.transport import AddressRefused
from bot.feeds.urlpolicy import UrlRefused, check_url
from bot.models import FetchResult

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
# Only what bot.feeds.body decodes with a bound; a server sending anything else is refused.
ACCEPT_ENCODING = "gzip, deflate"


class FeedFetcher(Protocol):
    """What the poller needs: one conditional GET."""

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` with the validators of the last fetch; failures come back as a result."""
        ...


class Fetcher:
    """Fetches feeds with one injected AsyncClient; limits come from FeedSettings."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: FeedSettings,
        budget: ByteBudget | None = None,
    ) -> None:
        self.client = client
        self.settings = settings
        # Shared by every fetch of this Fetcher: bounds the body bytes held at once.
        self.budget = budget or ByteBudget(settings.max_bytes_in_flight)

    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` (conditional on `etag`/`last_modified`); never raises for network errors.

        A refused URL, a timeout, an HTTP error or an oversize body is a FetchResult with
        `error` set, so one bad feed never stops a poll cycle.
        """
        try:
            check_url(url, self.settings.allow_private)
        except UrlRefused as exc:
            return FetchResult(url=url, status=0, error=f"refused: {exc}")
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return await asyncio.to_thread(
                fetch_file, url, self.settings.max_body_bytes, etag, last_modified
            )
        try:
            async with asyncio.timeout(self.settings.timeout_s):
                return await self._fetch_http(url, etag, last_modified)
        except TimeoutError:
            return FetchResult(
                url=url, status=0, error=f"timed out after {self.settings.timeout_s:g} s"
            )

    async def _fetch_http(
        self, url: str, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        headers = {
            "User-Agent": self.settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        timeout = httpx.Timeout(self.settings.timeout_s)
        cap = self.settings.max_body_bytes
        current = url
        try:
            for _ in range(self.settings.max_redirects + 1):
                async with self.client.stream(
                    "GET", current, headers=headers, timeout=timeout, follow_redirects=False
                ) as response:
                    if response.status_code in REDIRECT_STATUSES:
                        location = response.headers.get("location")
                        if not location:
                            return _failed(url, response, "redirect without a Location header")
                        target = urljoin(current, location)
                        if urlsplit(target).scheme.lower() not in ("http", "https"):
                            return _failed(url, response, f"redirect to a non-http URL {target!r}")
                        try:  # every hop is judged as the first was
                            check_url(target, self.settings.allow_private)
                        except UrlRefused as exc:
                            return _failed(url, response, f"redirect refused: {exc}")
                        current = target
                        continue
                    return await _read(url, current, response, cap, self.budget)
            return FetchResult(
                url=url,
                status=0,
                final_url=current,
                error=f"too many redirects (more than {self.settings.max_redirects})",
            )
        except httpx.TimeoutException as exc:
            return FetchResult(url=url, status=0, error=f"timed out ({type(exc).__name__})")
        except httpx.ConnectError as exc:
            if isinstance(exc.__cause__, AddressRefused):
                hop = "" if current == url else f" (redirected to {current})"
                return FetchResult(url=url, status=0, error=f"{exc.__cause__}{hop}")
            return FetchResult(url=url, status=0, error=f"connection failed: {exc or 'refused'}")
        except httpx.InvalidURL as exc:
            return FetchResult(url=url, status=0, error=f"invalid URL: {exc}")
        except (httpx.HTTPError, httpx.StreamError) as exc:
            return FetchResult(url=url, status=0, error=f"{type(exc).__name__}: {exc}")
        except (OSError, ValueError, UnicodeError) as exc:  # odd URLs and sockets
            return FetchResult(url=url, status=0, error=f"{type(exc).__name__}: {exc}")


def _failed(url: str, response: httpx.Response, why: str) -> FetchResult:
    return FetchResult(url=url, status=response.status_code, error=why)


async def _read(
    url: str, final_url: str, response: httpx.Response, cap: int, budget: ByteBudget
) -> FetchResult:
    status = response.status_code
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    content_type = response.headers.get("content-type")
    final = final_url if final_url != url else None
    if status == 304:
        # A 304 has no body, but the connection goes back to the pool only once the end of the
        # message has been read; left unread, it is closed and the next fetch dials again.
        await response.aread()
        return FetchResult(
            url=url, status=304, etag=etag, last_modified=last_modified, final_url=final
        )
    if not 200 <= status < 300:
        reason = response.reason_phrase or ""
        return FetchResult(
            url=url,
            status=status,
            final_url=final,
            error=f"HTTP {status} {reason}".rstrip(),
            retry_after_s=retry_after(response.headers),
        )
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        return FetchResult(
            url=url,
            status=status,
            final_url=final,
            error=f"body too large: {int(declared)} bytes declared, limit {cap}",
        )
    if response.is_stream_consumed:
        # A response built in memory (a MockTransport's) arrives read and decoded already.
        raw, encoding = _once(response.content), ""
    else:
        raw, encoding = response.aiter_raw(), response.headers.get("content-encoding", "")
    try:
        body = await read_body(raw, encoding, cap, budget)
    except BodyError as exc:
        return FetchResult(url=url, status=status, final_url=final, error=str(exc))
    return FetchResult(
        url=url,
        status=status,
        body=body,
        etag=etag,
        last_modified=last_modified,
        content_type=content_type,
        final_url=final,
    )


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def retry_after(headers: httpx.Headers) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds, or a date measured against
    the response's own Date header); None when absent or unreadable.
    """
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
        sent = email.utils.parsedate_to_datetime(headers.get("date", ""))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None or sent.tzinfo is None:
        return None
    return max(0.0, (when - sent).total_seconds())


def file_path(url: str) -> Path:
    """The local path of a `file:` URL; `file:relative/path` is relative to the working dir."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise ValueError(f"file URL on another host: {url!r}")
    raw = unquote(parts.path)
    if parts.netloc or raw.startswith("/"):
        return Path(url2pathname(raw))
    return Path(raw)


def fetch_file(
    url: str, cap: int, etag: str | None = None, last_modified: str | None = None
) -> FetchResult:
    """Read a local feed, with the same size cap and a 304 when it has not changed."""
    try:
        path = file_path(url)
        stat = path.stat()
        if not path.is_file():
            return FetchResult(url=url, status=0, error=f"not a file: {path}")
        if stat.st_size > cap:
            return FetchResult(
                url=url, status=0, error=f"body too large: {stat.st_size} bytes, limit {cap}"
            )
        tag = (
            '"'
            + hashlib.sha256(f"{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:16]
            + '"'
        )
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if (etag and etag == tag) or (not etag and last_modified == modified):
            return FetchResult(url=url, status=304, etag=tag, last_modified=modified)
        with path.open("rb") as fh:
            body = fh.read(cap + 1)  # the file may have grown since stat
        if len(body) > cap:
            return FetchResult(url=url, status=0, error=f"body too large: more than {cap} bytes")
        return FetchResult(
            url=url,
            status=200,
            body=body,
            etag=tag,
            last_modified=modified,
            content_type=_guess_type(path),
        )
    except FileNotFoundError:
        return FetchResult(
            url=url, status=0, error=f"file not found: {unquote(urlsplit(url).path)}"
        )
    except (OSError, ValueError) as exc:
        return FetchResult(url=url, status=0, error=f"cannot read {url}: {exc}")


def _guess_type(path: Path) -> str:
    suffix = os.path.splitext(path.name)[1].lower()
    return {".atom": "application/atom+xml", ".rss": "application/rss+xml"}.get(
        suffix, "application/xml"
    )

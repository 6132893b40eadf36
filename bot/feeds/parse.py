"""Feed bytes + response headers → RawItems, via feedparser. Never given a URL to fetch."""

from __future__ import annotations

import calendar
import codecs
import html
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.models import RawItem

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html\b)", re.I | re.S
)


# A numeric character reference: feedparser's lenient parser turns each into a character with
# chr() and encodes it, so one naming a surrogate or a number past U+10FFFF raises.
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")
_CHARREF_TEXT = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,16})|([0-9]{1,20}));")

# feedparser flags these although the document parsed fine (a wrong Content-Type or charset).
_HARMLESS_BOZO = frozenset(
    {"NonXMLContentType", "CharacterEncodingOverride", "CharacterEncodingUnknown"}
)


class FeedParseError(ValueError):
    """The bytes are not a feed at all (an HTML page, empty, not XML); nothing to take."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a feed document held: its title, its entries, and what was wrong with it."""

    title: str
    items: tuple[RawItem, ...]
    version: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)


def parse_feed(body: bytes, headers: Mapping[str, str] | None = None, url: str = "") -> ParsedFeed:
    """Parse RSS 0.9x/1.0/2.0 or Atom. Malformed XML yields what could be read plus a warning.

    `url` is where the bytes came from (after redirects): it only resolves relative links.
    Raises FeedParseError when the document is not a feed.
    """
    if not body or not body.strip():
        raise FeedParseError("not a feed: empty document")
    body, replaced = replace_bad_charrefs(body)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if url:
        response_headers.setdefault("content-location", url)
    # A stream, not bytes or str: feedparser treats strings as URLs or file names.
    # No sanitising or link rewriting inside the HTML: normalisation reduces it to plain text
    # (scripts and styles dropped), so that work would be thrown away; it is a third of the time.
    try:
        parsed = feedparser.parse(
            io.BytesIO(body),
            response_headers=response_headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except (UnicodeError, ValueError, OverflowError) as exc:  # an encoding feedparser chokes on
        raise FeedParseError(f"not readable: {type(exc).__name__}: {exc}") from None
    version = parsed.get("version") or ""
    entries = parsed.get("entries") or []
    warnings: list[str] = []
    if replaced:
        warnings.append(
            f"{replaced} character reference{'s' if replaced != 1 else ''} to no character "
            "(e.g. a lone surrogate) replaced by U+FFFD"
        )
    if parsed.get("bozo"):
        reason = _describe(parsed.get("bozo_exception"))
        if not version and not entries:
            if _HTML_START.match(body[:4096]):
                raise FeedParseError("not a feed: looks like HTML")
            raise FeedParseError(f"not a feed: {reason}")
        if type(parsed.get("bozo_exception")).__name__ in _HARMLESS_BOZO:
            warnings.append(f"feed parsed despite: {reason}")
        else:
            warnings.append(f"malformed feed, kept what could be read: {reason}")
    elif not version:
        if _HTML_START.match(body[:4096]):
            raise FeedParseError("not a feed: looks like HTML")
        raise FeedParseError("not a feed: no RSS or Atom root element")
    items = tuple(_raw_item(entry) for entry in entries)
    title = " ".join(str(parsed.get("feed", {}).get("title", "")).split())
    return ParsedFeed(title=title, items=items, version=version, warnings=tuple(warnings))


def replace_bad_charrefs(body: bytes) -> tuple[bytes, int]:
    """The body with every numeric character reference that names no character (a surrogate,
    or past U+10FFFF) replaced by one to U+FFFD, and how many there were.

    ASCII-compatible encodings (UTF-8, Latin-1 ...) are fixed byte for byte; a UTF-16 or UTF-32
    body (known by its byte order mark) is decoded, fixed and encoded again.
    """
    bad: list[str] = []

    def fix(match: re.Match[Any]) -> Any:
        hex_digits, decimal = match.groups()
        value = int(hex_digits, 16) if hex_digits else int(decimal)
        if not (0xD800 <= value <= 0xDFFF or value > 0x10FFFF):
            return match.group(0)
        bad.append(match.group(0))
        return "&#xFFFD;" if isinstance(match.group(0), str) else b"&#xFFFD;"

    wide = _wide_encoding(body)
    if wide is None:
        if b"&#" not in body:  # the common case costs one scan
            return body, 0
        fixed = _CHARREF.sub(fix, body)
        return (fixed, len(bad)) if bad else (body, 0)
    try:
        text = body.decode(wide)
    except UnicodeDecodeError:
        return body, 0
    fixed_text = _CHARREF_TEXT.sub(fix, text)
    return (fixed_text.encode(wide), len(bad)) if bad else (body, 0)


def _wide_encoding(body: bytes) -> str | None:
    # UTF-32's little-endian mark begins with UTF-16's, so it is tried first.
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return codec
    return None


def _describe(exc: Any) -> str:
    if exc is None:
        return "unknown problem"
    text = str(exc).strip() or type(exc).__name__
    return text.removeprefix("<unknown>:")


def _raw_item(entry: dict[str, Any]) -> RawItem:
    content_html = _best_content(entry.get("content") or [])
    summary = entry.get("summary_detail") or {}
    summary_html = _as_html(summary.get("value") or entry.get("summary"), summary.get("type"))
    # Titles are treated as HTML whatever the feed declares: feeds routinely put entity-encoded
    # markup in "plain" RSS titles, and a lone "<" followed by a space still survives as text.
    title = entry.get("title")
    return RawItem(
        guid=_text(entry.get("id") or entry.get("guid")),
        link=_text(entry.get("link")) or _first_alternate(entry),
        title=title,
        summary_html=summary_html,
        content_html=content_html,
        published=_published(entry),
        author=_text(entry.get("author")),
    )


def _published(entry: dict[str, Any]) -> datetime | None:
    # dict.get, not entry.get: feedparser's key aliases warn (and warnings are errors in tests).
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = _utc(dict.get(entry, key))
        if value is not None:
            return value
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _first_alternate(entry: Mapping[str, Any]) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def _best_content(contents: list[Mapping[str, Any]]) -> str | None:
    best: str | None = None
    for content in contents:
        value = _as_html(content.get("value"), content.get("type"))
        if value and (best is None or len(value) > len(best)):
            best = value
    return best


def _as_html(value: Any, mime: str | None) -> str | None:
    """Every body field becomes HTML, so plain-text paragraphs survive the HTML cleaner."""
    if value is None or not str(value).strip():
        return None
    text = str(value)
    if mime == "text/plain":
        paragraphs = re.split(r"\n\s*\n", text)
        return "".join(
            f"<p>{html.escape(p.strip(), quote=False)}</p>" for p in paragraphs if p.strip()
        )
    return text


def _utc(parsed_time: Any) -> datetime | None:
    """Feedparser's struct_time (already UTC) → aware datetime; None when unusable."""
    if not parsed_time:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed_time), tz=UTC)
    except (OverflowError, ValueError, OSError, TypeError):
        return None

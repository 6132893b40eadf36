"""OPML import/export of feed lists, parsed safely with the stdlib (no DTDs, no entities)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import xml.parsers.expat
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from bot.models import FeedSource

MAX_OPML_BYTES = 5_000_000


class OpmlError(ValueError):
    """The document is not a usable OPML feed list."""


def _refuse_dtd(*_: object) -> None:
    raise OpmlError("OPML with a DTD or entity declarations is refused")


def _check_safe(data: bytes) -> None:
    """Reject DTDs and entity declarations (billion laughs, external entities) before parsing."""
    probe = xml.parsers.expat.ParserCreate()
    probe.StartDoctypeDeclHandler = _refuse_dtd
    probe.EntityDeclHandler = _refuse_dtd
    probe.ExternalEntityRefHandler = lambda *_: 0  # never resolve an external entity
    try:
        probe.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from None


def parse_opml(data: bytes, base_dir: str | Path | None = None) -> list[FeedSource]:
    """The feeds (outlines with an xmlUrl) of an OPML document, folders flattened, in order.

    A relative `file:` URL is resolved against `base_dir` (the OPML file's folder) so a feed
    list shipped next to its feeds works from any working directory.
    """
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError(f"OPML too large: {len(data)} bytes, limit {MAX_OPML_BYTES}")
    _check_safe(data)
    root = ET.fromstring(data)
    if root.tag != "opml":
        raise OpmlError(f"not OPML: root element is <{root.tag}>, expected <opml>")
    body = root.find("body")
    if body is None:
        raise OpmlError("not OPML: no <body> element")
    feeds: list[FeedSource] = []
    seen: set[str] = set()
    for outline in body.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        url = _resolve_file_url(url, base_dir)
        if url in seen:
            continue
        seen.add(url)
        title = (outline.get("title") or outline.get("text") or "").strip()
        feeds.append(FeedSource(url=url, title=title))
    return feeds


def _resolve_file_url(url: str, base_dir: str | Path | None) -> str:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or base_dir is None or parts.netloc:
        return url
    if parts.path.startswith("/"):
        return url
    return (Path(base_dir) / parts.path).resolve().as_uri()


def export_opml(feeds: Sequence[FeedSource], now: datetime, title: str = "Attaché feeds") -> str:
    """An OPML 2.0 document listing the feeds."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = format_datetime(now.astimezone(UTC), usegmt=True)
    body = ET.SubElement(root, "body")
    for feed in feeds:
        text = feed.title or feed.url
        ET.SubElement(body, "outline", type="rss", text=text, title=text, xmlUrl=feed.url)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

"""RawItem → Article: clean text, canonical link, UTC time, stable id. Pure: `now` is passed in."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from bot.models import Article, RawItem

# Dates before this are placeholders (epoch 0, year 1) or typos, not news times.
EARLIEST_PLAUSIBLE = datetime(1990, 1, 1, tzinfo=UTC)
# Feeds whose clocks or time zones are a little off publish slightly "in the future"; beyond
# this slack a date is a mistake and the fetch time is the better guess.
FUTURE_SLACK = timedelta(days=1)

TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
        "vero_conv", "vero_id", "wickedid", "twclid", "ttclid", "spm", "cmpid",
    }
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
DEFAULT_PORTS = {"http": "80", "https": "443"}

# Elements whose content is never prose.
DROP_CONTENT = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
     "head", "title", "button", "select", "textarea", "form", "canvas", "audio", "video"}
)  # fmt: skip
BLOCK = frozenset(
    {"p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
     "h6", "blockquote", "pre", "table", "tr", "td", "th", "section", "article", "header",
     "footer", "aside", "figure", "figcaption", "address", "main", "nav", "details", "summary"}
)  # fmt: skip
VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "col"})

# Raw-text elements are cut out before parsing too: a stray "<?" or "<!" before them can make
# the tokenizer swallow the opening tag and hand the script body over as text.
_RAW_TEXT_BLOCK = re.compile(
    r"<(script|style|noscript|template|iframe|textarea|xmp)\b[^>]*>.*?</\1\s*>", re.I | re.S
)
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_AD_MARKER = re.compile(r"\[\s*ad_\d+\s*\]", re.IGNORECASE)
# Lines that scrapers and blog engines append after the story.
_TRAILER_LINE = re.compile(
    r"^(?:source\s+link|read\s+more|continue\s+reading|read\s+the\s+full\s+(?:story|article)"
    r"|click\s+here\s+to\s+read\s+more|\[?\s*(?:…|\.\.\.)\s*\]?)\W*$",
    re.IGNORECASE,
)
_TRAILER_SUFFIX = re.compile(
    r"\s*(?:source\s+link|read\s+more|continue\s+reading)(?:\s*(?:»|→|\.\.\.|…|›))?\s*$",
    re.IGNORECASE,
)
_POST_APPEARED = re.compile(
    r"\s*The post\s.{1,400}?\sappeared first on\s[^\n]{1,200}?\.?\s*$", re.IGNORECASE | re.DOTALL
)


class _TextExtractor(HTMLParser):
    """Collects text; block elements become paragraph breaks; script/style vanish."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT and tag not in VOID:
            self._skip_depth += 1
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT and tag not in VOID:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data)


def html_to_text(html: str | None) -> str:
    """Plain text of an HTML fragment: paragraphs joined by one newline, whitespace collapsed.

    A blank line inside text also separates paragraphs: many feeds put plain text with blank
    lines in fields that are nominally HTML.
    """
    if not html:
        return ""
    html = _RAW_TEXT_BLOCK.sub(" ", html)
    parser = _TextExtractor()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser is lenient, but never let odd markup stop an item
        return _collapse(_strip_tags_crudely(html))
    return _collapse("".join(parser.parts))


def _strip_tags_crudely(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", html)
    return unescape(re.sub(r"<[^>]*>", " ", html))


def _collapse(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "")
    text = _BLANK_LINE.sub("\n\n", text)
    paragraphs = []
    for block in re.split(r"\n{2,}", text):
        line = _SPACES.sub(" ", block.replace("\n", " ")).strip()
        if line:
            paragraphs.append(line)
    return "\n".join(paragraphs)


def clean_title(title: str | None) -> str:
    """A title as one line of plain text, markup and scripts removed."""
    return " ".join(html_to_text(title).split())


def strip_boilerplate(text: str) -> str:
    """Remove ad markers and the trailers scrapers append ("Source link", "Read more", ...)."""
    text = _AD_MARKER.sub("\n", text)
    paragraphs = [p.strip() for p in text.split("\n")]
    paragraphs = [" ".join(p.split()) for p in paragraphs if p.strip()]
    changed = True
    while paragraphs and changed:
        changed = False
        last = paragraphs[-1]
        if _TRAILER_LINE.match(last):
            paragraphs.pop()
            changed = True
            continue
        trimmed = _POST_APPEARED.sub("", last)
        trimmed = _TRAILER_SUFFIX.sub("", trimmed).rstrip()
        if trimmed != last:
            changed = True
            if trimmed:
                paragraphs[-1] = trimmed
            else:
                paragraphs.pop()
    return "\n".join(paragraphs)


def canonical_link(link: str | None, base: str | None = None) -> str | None:
    """The link in a comparable form, or None when it is not an http(s) URL.

    Lower-cases scheme and host, drops default ports, fragments and tracking parameters.
    """
    if not link or not link.strip():
        return None
    link = link.strip()
    if base and not urlsplit(link).scheme:
        link = urljoin(base, link)
    try:
        parts = urlsplit(link)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and str(port) != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0] if "@" in parts.netloc else ""
    netloc = f"{userinfo}@{host}" if userinfo else host
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in TRACKING_PARAMS and not k.lower().startswith(TRACKING_PREFIXES)
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query, doseq=True), ""))


def plausible_published(published: datetime | None, now: datetime) -> datetime | None:
    """The publication time in UTC, or None when missing or absurd (far future, before 1990)."""
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)  # feedparser's times are UTC already
    published = published.astimezone(UTC)
    if published < EARLIEST_PLAUSIBLE or published > now + FUTURE_SLACK:
        return None
    return published


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def content_hash(title: str, text: str) -> str:
    """Hash of the normalised title and text: equal stories from two feeds hash equal."""
    return _digest(_folded(title), _folded(text))


def _folded(text: str) -> str:
    """Case- and whitespace-insensitive form, so trivial re-formatting keeps the hash."""
    return " ".join(text.casefold().split())


def article_id(feed_url: str, guid: str | None, url: str | None, chash: str) -> str:
    """Stable id: the same item of the same feed always gets the same id."""
    identity = guid or url or chash
    return _digest(feed_url, identity)


def _guid(raw: RawItem) -> str | None:
    return raw.guid.strip() if raw.guid and raw.guid.strip() else None


def early_id(raw: RawItem, feed_url: str) -> str | None:
    """The id `normalize` will give this item when its guid or link decides it, else None.

    Cheap (no text is cleaned), so the poller can leave items it already stored unnormalised;
    an item with neither guid nor usable link is known only by its content hash.
    """
    identity = _guid(raw) or canonical_link(raw.link, base=feed_url)
    return _digest(feed_url, identity) if identity else None


def normalize(raw: RawItem, *, feed_url: str, now: datetime, source_name: str = "") -> Article:
    """Turn one parsed entry into an Article. `now` is the fetch time (aware, UTC)."""
    if now.tzinfo is None:
        raise ValueError("normalize needs an aware `now`")
    now = now.astimezone(UTC)
    body_html = raw.content_html if raw.content_html and raw.content_html.strip() else None
    text = strip_boilerplate(html_to_text(body_html or raw.summary_html))
    if body_html and raw.summary_html:
        summary_text = strip_boilerplate(html_to_text(raw.summary_html))
        if len(summary_text) > len(
            text
        ):  # some feeds put a teaser in content, the story in summary
            text = summary_text
    title = clean_title(raw.title)
    if not title:
        title = text.split("\n", 1)[0][:120] if text else "(untitled)"
    url = canonical_link(raw.link, base=feed_url)
    guid = _guid(raw)
    published = plausible_published(raw.published, now)
    chash = content_hash(title, text)
    return Article(
        id=article_id(feed_url, guid, url, chash),
        feed_url=feed_url,
        guid=guid,
        url=url,
        title=title,
        text=text,
        published=published or now,
        published_missing=published is None,
        content_hash=chash,
        fetched_at=now,
        source_name=source_name.strip(),
    )

"""Hostile feed documents and server behaviours, generated here (no fixture files, no network).

Each `Hostile` says what the local server answers for one path: a status, headers and a body,
or a behaviour the body cannot express (drip, hang, redirect, a stream with no length).
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from functools import cache

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Hostile:
    """One hostile answer: `behaviour` is one of BEHAVIOURS; `body` is sent as is."""

    name: str
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    behaviour: str = "plain"
    size: int = 0  # bytes to stream for "stream"/"stream-nolength"
    location: str = ""  # for "redirect": a path on the same server or an absolute URL


BEHAVIOURS = ("plain", "drip", "hang", "redirect", "stream", "stream-nolength", "lie-length")
RSS = "application/rss+xml"


STORY_TEXT = "Envoy Tamsin Orlo met Minister Ravi Quell in Talvik."


def rss(
    items: list[tuple[str, str]],
    *,
    title: str = "Relay Wire",
    decl: str = "UTF-8",
    text: str = STORY_TEXT,
) -> str:
    """A small RSS 2.0 document; items are (title, link); the text is escaped by the caller."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
        for t, link in items
    )
    return (
        f'<?xml version="1.0" encoding="{decl}"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://relay.example/</link>"
        f"<description>A generated feed</description>{body}</channel></rss>"
    )


def _one(title: str, n: int = 1, *, decl: str = "UTF-8") -> str:
    return rss([(title, f"https://relay.example/story/{n}")], decl=decl)


def malformed() -> list[Hostile]:
    good = _one("Orlo arrives in Talvik")
    docs = {
        "unclosed-tags": good.replace("</item>", "").replace("</channel>", ""),
        "truncated": good[: len(good) // 2],
        "junk-after-root": good + "<rss><garbage>",
        "control-chars": good.replace("arrives", "arr\x00\x01\x0bives"),
        "bad-entity": good.replace("arrives", "arrives &nosuch; &#99999999;"),
        "mismatched": good.replace("</title>", "</link>", 1),
        "no-root": "just some words, not XML at all",
        "empty": "",
        "deep-nesting": '<?xml version="1.0"?><rss>' + "<a>" * 50_000 + "</a>" * 50_000 + "</rss>",
        "json": '{"items": [{"title": "not a feed"}]}',
        "atom-broken": '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</entry></feed>',
        "cdata-unterminated": good.replace("Orlo arrives", "<![CDATA[Orlo arrives"),
    }
    out = [
        Hostile(f"malformed-{k}", v.encode("utf-8"), headers={"Content-Type": RSS})
        for k, v in docs.items()
    ]
    binary = bytes(range(256)) * 64
    out.append(Hostile("malformed-binary", binary, headers={"Content-Type": "application/octet-stream"}))
    return out


def html_pages() -> list[Hostile]:
    page = b"<!DOCTYPE html><html><head><title>Login</title></head><body><p>Sign in</p></body></html>"
    return [
        Hostile("html-page", page, headers={"Content-Type": "text/html; charset=utf-8"}),
        Hostile("html-as-rss", page, headers={"Content-Type": RSS}),
        Hostile("html-error-500", page, status=500, headers={"Content-Type": "text/html"}),
        Hostile("html-404", b"<html>not here</html>", status=404),
        Hostile("gone-410", b"", status=410),
        Hostile("retry-after-503", b"", status=503, headers={"Retry-After": "999999999"}),
    ]


def encodings() -> list[Hostile]:
    title = "Orlo und Quell in Zürich: «Gespräche» — Ñandú"
    out = []
    # The declaration says one thing, the bytes are another.
    out.append(Hostile("enc-latin1-declared-utf8", _one(title).encode("latin-1", "replace"),
                       headers={"Content-Type": RSS}))
    out.append(Hostile("enc-utf8-declared-latin1", _one(title, decl="ISO-8859-1").encode("utf-8"),
                       headers={"Content-Type": RSS}))
    out.append(Hostile("enc-header-lies", _one(title).encode("utf-8"),
                       headers={"Content-Type": "application/rss+xml; charset=shift_jis"}))
    out.append(Hostile("enc-unknown-charset", _one(title, decl="x-no-such-enc").encode("utf-8"),
                       headers={"Content-Type": "text/xml; charset=x-no-such-enc"}))
    out.append(Hostile("enc-utf16-no-bom", _one(title, decl="UTF-16").encode("utf-16-le"),
                       headers={"Content-Type": RSS}))
    out.append(Hostile("enc-utf16-declared-utf8", _one(title).encode("utf-16"),
                       headers={"Content-Type": RSS}))
    out.append(Hostile("enc-bom-utf8-header-utf16", b"\xef\xbb\xbf" + _one(title).encode("utf-8"),
                       headers={"Content-Type": "text/xml; charset=utf-16"}))
    out.append(Hostile("enc-invalid-utf8-bytes", _one("Orlo \xff\xfe").encode("latin-1"),
                       headers={"Content-Type": RSS}))
    out.append(Hostile("enc-utf32", _one(title, decl="UTF-32").encode("utf-32"),
                       headers={"Content-Type": RSS}))
    return out


def surrogates() -> list[Hostile]:
    return [
        Hostile("surrogate-ref-title", _one("Orlo &#xD800; in Talvik").encode(), headers={"Content-Type": RSS}),
        Hostile("surrogate-ref-decimal", _one("Quell &#56320; said").encode(), headers={"Content-Type": RSS}),
        Hostile("surrogate-ref-link", rss([("Orlo", "https://relay.example/&#xDFFF;")]).encode(),
                headers={"Content-Type": RSS}),
        # CESU-style bytes of a lone surrogate: invalid UTF-8 that a lenient decoder may pass on.
        Hostile("surrogate-raw-bytes", _one("Orlo XX").encode().replace(b"XX", b"\xed\xa0\x80"),
                headers={"Content-Type": RSS}),
        Hostile("surrogate-pair-split", _one("Orlo &#xD83D;&#x20;&#xDE00;").encode(),
                headers={"Content-Type": RSS}),
    ]


def entities(canary_path: str, canary_url: str) -> list[Hostile]:
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    billion = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">' + laughs + "]>"
        + _one("&lol9;").split("?>", 1)[1]
    )
    quadratic = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "' + "B" * 200_000 + '">]>'
        + _one("&big;" * 200).split("?>", 1)[1]
    )

    def external(system: str) -> str:
        return (
            f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "{system}">]>'
            + _one("Leak: &xxe;").split("?>", 1)[1]
        )

    param = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY % ext SYSTEM "{canary_url}"> %ext;]>'
        + _one("Param entity").split("?>", 1)[1]
    )
    docs = {
        "billion-laughs": billion,
        "quadratic-blowup": quadratic,
        "xxe-file": external(f"file://{canary_path}"),
        "xxe-http": external(canary_url),
        "xxe-parameter": param,
        "xxe-etc-passwd": external("file:///etc/passwd"),
    }
    return [Hostile(k, v.encode(), headers={"Content-Type": RSS}) for k, v in docs.items()]


def sizes(big: int = 50 * MB) -> list[Hostile]:
    # Not about the storyline: this one measures parsing and storing, not 10,000 briefings.
    many = rss(
        [(f"Item {n} of many", f"https://relay.example/many/{n}") for n in range(10_000)],
        text="Harbour traffic figures for the week.",
    )
    huge_title = rss([("Orlo " + "very " * 200_000 + "long", "https://relay.example/huge-title")])
    huge_url = rss([("Huge link", "https://relay.example/" + "p" * 100_000)])
    return [
        Hostile("big-with-length", behaviour="stream", size=big, headers={"Content-Type": RSS}),
        Hostile("big-no-length", behaviour="stream-nolength", size=big, headers={"Content-Type": RSS}),
        Hostile("length-lies", _one("short").encode(), behaviour="lie-length", headers={"Content-Type": RSS}),
        Hostile("items-10000", many.encode(), headers={"Content-Type": RSS}),
        Hostile("huge-title", huge_title.encode(), headers={"Content-Type": RSS}),
        Hostile("huge-url", huge_url.encode(), headers={"Content-Type": RSS}),
    ]


@cache
def _packed(unpacked: int, wbits: int) -> bytes:
    """`unpacked` bytes of zeros after an <rss> tag, compressed a megabyte at a time."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    parts = [packer.compress(b"<rss>")]
    block = b"\0" * MB
    for _ in range(unpacked // MB):
        parts.append(packer.compress(block))
    parts.append(packer.flush())
    return b"".join(parts)


def bombs(count: int = 16, unpacked: int = 200 * MB) -> list[Hostile]:
    """Decompression bombs: a few hundred KB that unpack to `unpacked` bytes."""
    gz = _packed(unpacked, 31)  # wbits 31: a gzip header and trailer
    deflate = _packed(unpacked, -15)  # raw deflate, as some servers send it
    headers = {"Content-Type": RSS, "Content-Encoding": "gzip"}
    out = [Hostile(f"gzip-bomb-{n}", gz, headers=headers) for n in range(count)]
    out.append(Hostile("deflate-bomb", deflate, headers={**headers, "Content-Encoding": "deflate"}))
    out.append(Hostile("gzip-double", gzip.compress(gz, mtime=0),
                       headers={**headers, "Content-Encoding": "gzip, gzip"}))
    out.append(Hostile("gzip-broken", b"\x1f\x8b\x08\x00garbage-not-gzip", headers=headers))
    return out


def slow() -> list[Hostile]:
    return [
        Hostile("slow-drip", _one("Drip").encode(), behaviour="drip", headers={"Content-Type": RSS}),
        Hostile("hang-after-headers", behaviour="hang", headers={"Content-Type": RSS}),
    ]


def redirects() -> list[Hostile]:
    return [
        Hostile("redirect-self", status=302, behaviour="redirect", location="/f/redirect-self"),
        Hostile("redirect-loop-a", status=301, behaviour="redirect", location="/f/redirect-loop-b"),
        Hostile("redirect-loop-b", status=307, behaviour="redirect", location="/f/redirect-loop-a"),
        Hostile("redirect-chain-0", status=302, behaviour="redirect", location="/f/redirect-chain-1"),
        *[
            Hostile(f"redirect-chain-{n}", status=302, behaviour="redirect",
                    location=f"/f/redirect-chain-{n + 1}")
            for n in range(1, 30)
        ],
        Hostile("redirect-no-location", status=302, behaviour="redirect", location=""),
        Hostile("redirect-to-file", status=302, behaviour="redirect", location="file:///etc/passwd"),
        Hostile("redirect-bad-url", status=302, behaviour="redirect", location="http://[::1:bad/"),
    ]


def control() -> list[Hostile]:
    """Well-formed feeds polled with the hostile ones: their items must still arrive."""
    return [
        Hostile(f"control-{n}", rss([(f"Orlo meets Quell in Talvik, day {n}",
                                      f"https://relay.example/control/{n}")]).encode(),
                headers={"Content-Type": RSS})
        for n in range(3)
    ]


def polled(canary_path: str, canary_url: str) -> list[Hostile]:
    """Every hostile feed the poller is pointed at (redirect chain links are only reached)."""
    return [
        *malformed(), *html_pages(), *encodings(), *surrogates(),
        *entities(canary_path, canary_url), *sizes(), *bombs(), *slow(), *control(),
        *[h for h in redirects() if h.name in (
            "redirect-self", "redirect-loop-a", "redirect-chain-0", "redirect-no-location",
            "redirect-to-file", "redirect-bad-url")],
    ]


def served(canary_path: str, canary_url: str) -> list[Hostile]:
    names = {h.name for h in polled(canary_path, canary_url)}
    return polled(canary_path, canary_url) + [h for h in redirects() if h.name not in names]

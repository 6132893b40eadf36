"""Parsing bad and unusual feed documents: bounded outcomes and clear messages."""

from __future__ import annotations

import pytest

from bot.feeds.parse import FeedParseError, parse_feed

RSS_HEAD = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'


def test_html_page_is_not_a_feed():
    """An HTML page (a login wall, an error page) gives "not a feed: looks like HTML"."""
    body = b"<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    with pytest.raises(FeedParseError, match="not a feed: looks like HTML"):
        parse_feed(body, {"content-type": "text/html; charset=utf-8"}, "https://x.example/")


def test_html_page_served_as_xml_is_still_recognised():
    """An HTML page with a misleading XML content type is still called HTML."""
    body = b"<html><body><h1>Moved</h1></body></html>"
    with pytest.raises(FeedParseError, match="looks like HTML"):
        parse_feed(body, {"content-type": "application/xml"}, "https://x.example/")


@pytest.mark.parametrize("body", [b"", b"   \n  "])
def test_empty_document_is_not_a_feed(body):
    """An empty body is reported as empty, not parsed."""
    with pytest.raises(FeedParseError, match="empty"):
        parse_feed(body)


def test_random_bytes_are_not_a_feed():
    """Binary junk fails with a parse error naming the problem, not a crash."""
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(b"\x89PNG\r\n\x1a\n\x00\x00garbage")


def test_xml_that_is_not_a_feed():
    """Well-formed XML without RSS/Atom structure is refused."""
    with pytest.raises(FeedParseError, match="not a feed"):
        parse_feed(b'<?xml version="1.0"?><config><key>v</key></config>')


def test_malformed_feed_keeps_readable_items_and_warns():
    """A truncated feed yields the complete items plus a "malformed feed" warning."""
    body = (
        RSS_HEAD + b"<item><title>One</title><link>https://x.example/1</link></item><item><title>Tw"
    )
    parsed = parse_feed(body, {}, "https://x.example/feed")
    assert [i.title for i in parsed.items][:1] == ["One"]
    assert parsed.warnings
    assert parsed.warnings[0].startswith("malformed feed")


def test_valid_feed_with_no_items_is_empty_not_an_error():
    """A feed with no entries is simply empty."""
    parsed = parse_feed(RSS_HEAD + b"</channel></rss>")
    assert parsed.items == ()
    assert parsed.title == "T"
    assert parsed.warnings == ()


def test_relative_links_resolve_against_the_final_url():
    """Relative item links are resolved against where the bytes came from."""
    body = RSS_HEAD + b"<item><title>A</title><link>/a/1</link></item></channel></rss>"
    parsed = parse_feed(body, {}, "https://final.example/feeds/rss")
    assert parsed.items[0].link == "https://final.example/a/1"


def test_plain_text_content_is_escaped_into_paragraphs():
    """A text/plain Atom body keeps "<" as a character and its blank-line paragraphs."""
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>x</id>'
        b"<entry><title>E</title><id>e1</id>"
        b'<content type="text">Rates &lt; 2% now.\n\nSecond part.</content></entry></feed>'
    )
    item = parse_feed(body).items[0]
    assert item.content_html == "<p>Rates &lt; 2% now.</p><p>Second part.</p>"


def test_entity_bomb_is_not_expanded():
    """A billion-laughs DTD does not blow up memory: parsing ends quickly, bounded."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (f"e{i}".encode(), (f"&e{i - 1};" if i else "&a;").encode() * 10)
            for i in range(9)
        )
        + b']><rss version="2.0"><channel><title>&e8;</title></channel></rss>'
    )
    try:
        parsed = parse_feed(bomb)
    except FeedParseError:
        return
    assert len(parsed.title) < 1_000_000


def test_feed_served_as_html_content_type_still_parses():
    """A real feed with a text/html Content-Type parses, with a mild warning (not "malformed")."""
    body = (
        RSS_HEAD + b"<item><title>A</title><link>https://x.example/a</link></item></channel></rss>"
    )
    parsed = parse_feed(body, {"content-type": "text/html"}, "https://x.example/feed")
    assert [i.title for i in parsed.items] == ["A"]
    assert parsed.warnings == ("feed parsed despite: text/html is not an XML media type",)


BAD_REFS = (
    '<?xml version="1.0" encoding="{enc}"?><rss version="2.0"><channel>'
    "<title>Desk &#xD800; wire</title>"
    "<item><title>Envoy &#56320; in Lima</title><link>https://d.example/lima</link>"
    "<description>Talks &#x110000; resume</description></item>"
    "<item><title>Envoy in Quito &#x1F30E;</title><link>https://d.example/quito</link></item>"
    "</channel></rss>"
)


@pytest.mark.parametrize(("enc", "codec"), [("utf-8", "utf-8"), ("utf-16", "utf-16"), ("utf-32", "utf-32")])
def test_references_to_no_character_become_u_fffd_and_the_feed_is_kept(enc: str, codec: str):
    """Lone surrogates (hex or decimal) and numbers past U+10FFFF become U+FFFD, in UTF-8 and in
    BOM-marked UTF-16/32; real characters are untouched, every item is kept, a warning says so."""
    parsed = parse_feed(BAD_REFS.format(enc=enc).encode(codec), {}, "https://d.example/")
    assert parsed.title == "Desk \ufffd wire"
    assert [i.title for i in parsed.items] == ["Envoy \ufffd in Lima", "Envoy in Quito \U0001f30e"]
    assert "\ufffd" in (parsed.items[0].summary_html or "")
    assert any("3 character references" in w for w in parsed.warnings)


def test_an_unreadable_wide_feed_is_a_parse_error_not_a_crash():
    """UTF-16 without a byte order mark and with a lone surrogate: a FeedParseError with the
    reason (recorded as a feed failure), never an exception escaping the parser."""
    body = BAD_REFS.format(enc="utf-16").encode("utf-16-be")
    with pytest.raises(FeedParseError, match="not readable"):
        parse_feed(body, {}, "https://d.example/")

"""OPML import/export: folders flattened, relative file: URLs resolved, DTDs refused."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.feeds.opml import OpmlError, export_opml, parse_opml
from bot.models import FeedSource

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "feeds"

OPML = b"""<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="Folder">
    <outline type="rss" text="One" xmlUrl="https://one.example/rss"/>
    <outline type="rss" title="Two" text="2" xmlUrl="https://two.example/atom"/>
  </outline>
  <outline type="rss" text="One again" xmlUrl="https://one.example/rss"/>
  <outline text="Just a folder with no url"/>
  <outline type="rss" text="Local" xmlUrl="file:local.xml"/>
</body></opml>"""


def test_parse_flattens_folders_dedupes_and_prefers_title(tmp_path):
    """Nested outlines become a flat list, repeats dropped, title over text."""
    feeds = parse_opml(OPML, base_dir=tmp_path)
    assert feeds == [
        FeedSource("https://one.example/rss", "One"),
        FeedSource("https://two.example/atom", "Two"),
        FeedSource((tmp_path / "local.xml").resolve().as_uri(), "Local"),
    ]


def test_relative_file_urls_stay_relative_without_a_base():
    """Without a base folder a relative file: URL is kept as written."""
    assert parse_opml(OPML)[-1].url == "file:local.xml"


def test_export_then_import_round_trips():
    """Exported OPML 2.0 imports back to the same feeds."""
    feeds = [
        FeedSource("https://one.example/rss", "One & Co"),
        FeedSource("https://two.example/x?a=1&b=2"),
    ]
    text = export_opml(feeds, now=datetime(2018, 10, 7, tzinfo=UTC))
    assert '<opml version="2.0">' in text
    assert "Sun, 07 Oct 2018 00:00:00 GMT" in text
    back = parse_opml(text.encode())
    assert back == [
        feeds[0],
        FeedSource("https://two.example/x?a=1&b=2", "https://two.example/x?a=1&b=2"),
    ]


def test_the_shipped_seed_opml_lists_the_seed_feeds():
    """seeds/feeds/seeds.opml names three local feeds that exist."""
    feeds = parse_opml((SEEDS / "seeds.opml").read_bytes(), base_dir=SEEDS)
    assert len(feeds) == 3
    for feed in feeds:
        assert Path(feed.url.removeprefix("file://")).is_file()


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "boom">]><opml><body/></opml>', "DTD"),
        (b'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "http://evil.example/x.dtd"><opml/>', "DTD"),
        (b"<opml><body><outline></opml>", "not well-formed"),
        (b"<rss><channel/></rss>", "root element is <rss>"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"", "not well-formed"),
    ],
)
def test_bad_opml_is_refused_with_a_clear_error(doc, message):
    """DTDs/entities, broken XML and non-OPML documents fail with OpmlError saying why."""
    with pytest.raises(OpmlError, match=message):
        parse_opml(doc)

"""Normalisation of parsed items: clean text, canonical links, UTC dates, stable ids."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.feeds.normalize import (
    canonical_link,
    clean_title,
    content_hash,
    early_id,
    html_to_text,
    normalize,
    plausible_published,
    strip_boilerplate,
)
from bot.models import RawItem

NOW = datetime(2018, 10, 10, 12, 0, tzinfo=UTC)
FEED = "https://feeds.example/world.xml"


def raw(**kw) -> RawItem:
    base = dict(
        guid="g-1",
        link="https://news.example/a",
        title="Envoys meet",
        summary_html=None,
        content_html="<p>Envoys met in Rome.</p>",
        published=datetime(2018, 10, 9, 8, 0, tzinfo=UTC),
    )
    base.update(kw)
    return RawItem(**base)


def test_html_to_text_keeps_paragraphs_and_drops_scripts_and_styles():
    """Block elements become single newlines; script/style content vanishes entirely."""
    html = (
        "<div><p>First  para&nbsp;here.</p><script>var x = 'secret';</script>"
        "<style>.a{color:red}</style><p>Second <b>bold</b> para.</p></div>"
    )
    assert html_to_text(html) == "First para here.\nSecond bold para."


def test_html_to_text_drops_scripts_after_a_stray_processing_instruction():
    """"<?" before a script must not make the script body leak into the text."""
    text = html_to_text("Hello <?<script>steal()</script> world")
    assert "steal" not in text
    assert text.startswith("Hello")
    assert text.endswith("world")


def test_html_to_text_unescapes_entities_and_collapses_whitespace():
    """Entities are decoded once and runs of spaces/newlines inside a paragraph collapse."""
    assert (
        html_to_text("AT&amp;T  said\n\t&ldquo;yes&rdquo; &#8212; twice")
        == "AT&T said “yes” — twice"
    )


def test_html_to_text_treats_blank_lines_in_text_as_paragraph_breaks():
    """Plain text with blank lines (common in descriptions) keeps its paragraphs."""
    assert html_to_text("One line.\n\n\nAnother line.") == "One line.\nAnother line."


def test_html_to_text_of_nothing_is_empty():
    """None and empty markup give empty text rather than an error."""
    assert html_to_text(None) == ""
    assert html_to_text("<p> </p><br/>") == ""


def test_clean_title_removes_markup_and_scripts():
    """A title full of tags and a script becomes one clean line of text."""
    assert (
        clean_title('<script>alert("x")</script>Envoy <b>visits</b>\n Oslo') == "Envoy visits Oslo"
    )


def test_clean_title_keeps_a_literal_less_than_sign():
    """A "<" that starts no tag is text, not markup."""
    assert clean_title("Growth < 2% forecast") == "Growth < 2% forecast"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[ad_1]\nTalks began.\n[ad_2]Source link", "Talks began."),
        ("Talks began.\nRead more »", "Talks began."),
        ("Talks began. Read more...", "Talks began."),
        ("Talks began.\nThe post Talks began appeared first on Example News.", "Talks began."),
        ("Talks began.\nContinue reading\nSource link", "Talks began."),
    ],
)
def test_strip_boilerplate_removes_scraper_markers_and_trailers(text, expected):
    """Ad markers and "Source link"/"Read more"/"The post ... appeared first on" trailers go."""
    assert strip_boilerplate(text) == expected


def test_strip_boilerplate_keeps_the_phrase_inside_the_story():
    """ "read more" in the middle of a sentence is prose, not a trailer."""
    text = "Officials urged citizens to read more about the treaty.\nThe vote is on Friday."
    assert strip_boilerplate(text) == text


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("HTTPS://News.Example/A/b?x=1#frag", "https://news.example/A/b?x=1"),
        ("http://news.example:80/a", "http://news.example/a"),
        ("https://news.example:8443/a", "https://news.example:8443/a"),
        ("https://news.example", "https://news.example/"),
        (
            "https://news.example/a?utm_source=rss&id=3&fbclid=x&gclid=y&utm_medium=feed",
            "https://news.example/a?id=3",
        ),
        ("javascript:alert(1)", None),
        ("mailto:desk@news.example", None),
        ("", None),
        (None, None),
        ("http://[::1", None),
    ],
)
def test_canonical_link(link, expected):
    """Scheme and host lower-cased, default port, fragment and tracking params dropped."""
    assert canonical_link(link) == expected


def test_canonical_link_resolves_relative_links_against_the_feed():
    """A relative item link is joined to the feed's URL."""
    assert (
        canonical_link("/news/1", base="https://site.example/feed.xml")
        == "https://site.example/news/1"
    )


def test_plausible_published_converts_to_utc():
    """An offset time is converted to UTC; a naive one is taken as UTC."""
    plus2 = datetime(2018, 10, 9, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert plausible_published(plus2, NOW) == datetime(2018, 10, 9, 12, 0, tzinfo=UTC)
    naive = datetime(2018, 10, 9, 12, 0)  # noqa: DTZ001 - feedparser-style naive UTC
    assert plausible_published(naive, NOW) == datetime(2018, 10, 9, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "published",
    [
        datetime(2150, 1, 1, tzinfo=UTC),
        NOW + timedelta(days=2),
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=UTC),
        None,
    ],
)
def test_absurd_or_missing_dates_are_treated_as_missing(published):
    """Far-future, pre-1990 and missing dates all count as missing."""
    assert plausible_published(published, NOW) is None


def test_normalize_missing_date_uses_fetch_time_and_flags_it():
    """With no usable date the article is dated at fetch time and flagged."""
    article = normalize(raw(published=None), feed_url=FEED, now=NOW)
    assert article.published == NOW
    assert article.published_missing is True
    assert article.fetched_at == NOW


def test_normalize_builds_a_clean_article():
    """Title, text, canonical URL, source name and UTC date come out clean."""
    article = normalize(
        raw(
            title="<i>Envoys</i> meet &amp; talk",
            link="https://News.example/a?utm_source=x#top",
            content_html="<p>[ad_1]</p><p>Envoys met in Rome.</p><p>[ad_2]Source link</p>",
        ),
        feed_url=FEED,
        now=NOW,
        source_name="  World Desk ",
    )
    assert article.title == "Envoys meet & talk"
    assert article.text == "Envoys met in Rome."
    assert article.url == "https://news.example/a"
    assert article.source_name == "World Desk"
    assert article.published == datetime(2018, 10, 9, 8, 0, tzinfo=UTC)
    assert article.published_missing is False


def test_normalize_prefers_the_longer_of_summary_and_content():
    """A teaser in content and the full story in summary: the story wins."""
    article = normalize(
        raw(content_html="<p>Teaser.</p>", summary_html="<p>The full story, much longer.</p>"),
        feed_url=FEED,
        now=NOW,
    )
    assert article.text == "The full story, much longer."


def test_normalize_without_title_uses_the_start_of_the_text():
    """An untitled entry is titled by its first paragraph, never left empty."""
    article = normalize(raw(title=None), feed_url=FEED, now=NOW)
    assert article.title == "Envoys met in Rome."
    empty = normalize(raw(title=None, content_html=None), feed_url=FEED, now=NOW)
    assert empty.title == "(untitled)"


def test_ids_are_stable_and_depend_on_feed_and_identity():
    """Same item, same feed → same id; another feed or guid → another id."""
    a = normalize(raw(), feed_url=FEED, now=NOW)
    again = normalize(raw(), feed_url=FEED, now=NOW + timedelta(hours=1))
    other_feed = normalize(raw(), feed_url="https://other.example/rss", now=NOW)
    other_guid = normalize(raw(guid="g-2"), feed_url=FEED, now=NOW)
    assert a.id == again.id
    assert len({a.id, other_feed.id, other_guid.id}) == 3


def test_id_falls_back_to_link_when_there_is_no_guid():
    """Without a guid the canonical link identifies the item (tracking params ignored)."""
    a = normalize(
        raw(guid=None, link="https://news.example/a?utm_source=1"), feed_url=FEED, now=NOW
    )
    b = normalize(raw(guid="  ", link="https://news.example/a"), feed_url=FEED, now=NOW)
    assert a.guid is None
    assert b.guid is None
    assert a.id == b.id


def test_content_hash_ignores_case_and_spacing():
    """Two outlets' copies differing only in case and whitespace hash the same."""
    assert content_hash("Envoys Meet", "Talks  began.\nMore") == content_hash(
        "envoys meet", "talks began. more"
    )
    assert content_hash("Envoys meet", "Talks began.") != content_hash(
        "Envoys meet", "Talks ended."
    )


def test_normalize_refuses_a_naive_now():
    """A naive `now` is a programming error and is reported clearly."""
    with pytest.raises(ValueError, match="aware"):
        normalize(raw(), feed_url=FEED, now=datetime(2018, 10, 10))  # noqa: DTZ001


# ---------------------------------------------------------------- properties


_url_parts = st.tuples(
    st.sampled_from(["http", "HTTPS", "https"]),
    st.sampled_from(["News.Example", "news.example:443", "news.example:8080", "a.b.example"]),
    st.lists(st.text("abc-_%.", min_size=1, max_size=6), max_size=3),
    st.lists(
        st.tuples(
            st.sampled_from(["id", "utm_source", "fbclid", "page", "q"]),
            st.text("xyz 1&=", max_size=4),
        ),
        max_size=4,
    ),
    st.text("abc", max_size=3),
)


@given(_url_parts)
def test_canonical_link_is_idempotent_and_drops_tracking(parts):
    """Canonicalising twice changes nothing, and no tracking parameter survives."""
    from urllib.parse import urlencode

    scheme, host, path, query, fragment = parts
    link = f"{scheme}://{host}/{'/'.join(path)}?{urlencode(query)}#{fragment}"
    once = canonical_link(link)
    assert once is not None
    assert canonical_link(once) == once
    assert "utm_" not in once
    assert "fbclid" not in once
    assert "#" not in once


@given(st.text(max_size=200), st.text(max_size=50))
def test_html_to_text_never_leaks_script_content(before, secret):
    """Whatever surrounds it, the inside of a <script> never reaches the text."""
    marker = "SCRIPTMARKER" + "".join(c for c in secret if c.isalnum())
    text = html_to_text(f"{before}<script>{marker}</script>")
    assert marker not in text or marker in html_to_text(before)


@pytest.mark.parametrize(
    "changes",
    [
        {},  # guid and link
        {"guid": "  g-2  "},  # a guid with spaces around it
        {"guid": None},  # link only
        {"guid": " ", "link": "https://news.example/b?utm_source=rss#top"},  # blank guid
    ],
)
def test_early_id_is_the_id_normalize_gives(changes):
    """Worked out from guid or link alone, the early id equals the normalised article's id."""
    item = raw(**changes)
    assert early_id(item, FEED) == normalize(item, feed_url=FEED, now=NOW).id


def test_early_id_is_none_without_guid_or_usable_link():
    """With neither a guid nor an http(s) link, only the content hash identifies an item."""
    assert early_id(raw(guid=None, link=None), FEED) is None
    assert early_id(raw(guid="", link="mailto:desk@news.example"), FEED) is None

"""Telegram-HTML parsing used by the fake server and by the plain-text fallback."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.tgtext.html import HtmlParseError, parse_html, strip_to_plain
from bot.tgtext.units import utf16_len


@given(st.text())
def test_escaped_text_always_parses_back_to_itself(text: str) -> None:
    """Any text escaped with html.escape is valid Telegram HTML and parses to the same text."""
    parsed = parse_html(html.escape(text, quote=False))
    assert parsed.text == text
    assert parsed.entities == ()


@given(st.text(alphabet=st.characters(blacklist_characters="<>&")), st.sampled_from(["b", "i", "code", "u"]))
def test_a_wrapped_text_gets_one_entity_spanning_it_in_utf16_units(text: str, tag: str) -> None:
    """<tag>text</tag> yields one entity at offset 0 whose length counts UTF-16 units."""
    parsed = parse_html(f"<{tag}>{text}</{tag}>")
    assert parsed.text == text
    if utf16_len(text):
        [entity] = parsed.entities
        assert (entity.offset, entity.length) == (0, utf16_len(text))


def test_offsets_count_astral_characters_twice() -> None:
    """An emoji before a bold word moves the entity by two UTF-16 units."""
    parsed = parse_html("\U0001f30d <b>Seoul</b>")
    assert parsed.entities[0].offset == 3
    assert parsed.entities[0].length == 5


def test_error_reports_the_byte_offset_of_the_bad_tag() -> None:
    """The reason names the tag and its UTF-8 byte offset, as the Bot API does."""
    with pytest.raises(HtmlParseError) as refused:
        parse_html("é <video>")
    assert str(refused.value) == 'Unsupported start tag "video" at byte offset 3'


@given(st.text())
def test_strip_to_plain_never_fails_and_never_grows(text: str) -> None:
    """The plain-text fallback accepts any input and never returns more than it was given."""
    plain = strip_to_plain(text)
    assert utf16_len(plain) <= utf16_len(text)


def test_strip_to_plain_drops_tags_and_unescapes_entities() -> None:
    """Broken markup loses its tags; entities become characters."""
    assert strip_to_plain("<b>Kim <blink>and</blink> Moon</b> &amp; aides") == "Kim and Moon & aides"

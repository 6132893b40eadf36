"""Tests for bot.extract.text: boilerplate removal and quotation-mark normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract.text import clean_text, paragraph_spans


def test_curly_quotes_become_straight_one_for_one() -> None:
    """Curly double and single marks map to straight ones without moving any character."""
    raw = "\u201cWe will talk,\u201d the envoy\u2019s aide said, citing \u2018progress\u2019."
    cleaned = clean_text(raw)
    assert cleaned == "\"We will talk,\" the envoy's aide said, citing 'progress'."
    assert len(cleaned) == len(raw)


def test_angle_and_low_marks_are_straightened() -> None:
    """Guillemets and low-9 marks used by translated text also become straight double quotes."""
    assert clean_text("\u00abYes\u00bb and \u201eNo\u201c") == '"Yes" and "No"'


def test_ad_markers_and_source_link_are_blanked() -> None:
    """Scraper slots like [ad_1] and a trailing 'Source link' become spaces, offsets unchanged."""
    raw = "Title line\n\n[ad_1]\n\nThe minister met her counterpart.\n\n[ad_2]Source link"
    cleaned = clean_text(raw)
    assert "[ad_" not in cleaned
    assert "Source link" not in cleaned
    assert len(cleaned) == len(raw)
    start = raw.index("The minister")
    assert cleaned[start : start + 33] == raw[start : start + 33]


def test_standalone_advertisement_line_is_blanked_but_not_inside_prose() -> None:
    """'Advertisement' alone on a line is boilerplate; the same word in a sentence is kept."""
    raw = "First paragraph.\nAdvertisement\nThe advertisement campaign drew criticism."
    cleaned = clean_text(raw)
    assert cleaned.splitlines()[1].strip() == ""
    assert "The advertisement campaign drew criticism." in cleaned


def test_exotic_spaces_and_crlf_are_normalised() -> None:
    """Non-breaking and zero-width spaces become spaces; CRLF becomes ' \\n'; length kept."""
    raw = "Mr\u00a0Lee\u200b arrived.\r\nHe left.\rDone."
    cleaned = clean_text(raw)
    assert cleaned == "Mr Lee  arrived. \nHe left.\nDone."


def test_control_characters_are_replaced() -> None:
    """Control characters other than tab/newline are replaced by spaces, not kept or dropped."""
    assert clean_text("a\x00b\x07c\td") == "a b c\td"


def test_non_string_input_raises_type_error() -> None:
    """Bad input type gives a clear TypeError naming the type."""
    with pytest.raises(TypeError, match="bytes"):
        clean_text(b"bytes")  # type: ignore[arg-type]


def test_empty_text_stays_empty() -> None:
    """Empty input returns empty output."""
    assert clean_text("") == ""


def test_paragraph_spans_skip_blank_lines() -> None:
    """Paragraph spans cover non-blank lines only, with offsets into the text."""
    text = "One.\n\n  \nTwo here.\n"
    spans = paragraph_spans(text)
    assert [text[a:b] for a, b in spans] == ["One.", "Two here."]


@given(st.text(max_size=300))
def test_clean_text_preserves_length_for_any_text(raw: str) -> None:
    """For any Unicode input the cleaned text has exactly the same length."""
    assert len(clean_text(raw)) == len(raw)


@given(st.text(alphabet=st.characters(codec="ascii", exclude_characters="\r"), max_size=200))
def test_plain_ascii_prose_without_markers_is_unchanged(raw: str) -> None:
    """ASCII text without boilerplate markers or control characters comes back unchanged."""
    lowered = raw.lower()
    if any(m in lowered for m in ("[ad", "source link", "advertisement", "read more", "[")):
        return
    if any(ord(c) < 0x20 and c not in "\t\n" for c in raw) or "\x7f" in raw:
        return
    if any(
        line.strip().lower().startswith(("continue reading", "share this", "story continues"))
        for line in raw.splitlines()
    ):
        return
    assert clean_text(raw) == raw


def test_one_megabyte_text_is_cleaned() -> None:
    """A 1 MB article is cleaned and keeps its length (bounded work, no crash)."""
    raw = ("The delegation arrived \u201cearly\u201d. [ad_3] " * 25_000)[:1_000_000]
    cleaned = clean_text(raw)
    assert len(cleaned) == len(raw)
    assert "\u201c" not in cleaned


def test_inline_caption_labels_are_blanked_but_caption_text_stays() -> None:
    """'Image copyright'/'Media caption' labels go; the words after them are kept in place."""
    raw = "Talks ended. Image copyright Wire Agency Image caption The two envoys shook hands"
    cleaned = clean_text(raw)
    assert "Image" not in cleaned
    assert "caption" not in cleaned
    assert cleaned.endswith("The two envoys shook hands")
    assert len(cleaned) == len(raw)
